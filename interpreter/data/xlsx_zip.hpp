// The zip archive an .xlsx workbook is (Office Open XML), read from memory with libzip: which entries it
// has, and one entry's bytes handed out in pieces as they are inflated, so that a sheet is never held
// whole. Bounded: an entry is read up to a limit of uncompressed bytes, whatever its header says (a zip
// bomb's declared sizes lie). Never throws on damaged input: every problem is a status and a text.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

struct zip;

namespace schemec {

class zip_reader {
 public:
  zip_reader() = default;
  zip_reader(const zip_reader&) = delete;
  zip_reader& operator=(const zip_reader&) = delete;
  ~zip_reader();

  // Opens the archive in [bytes], which must outlive the reader. False when [bytes] is no zip archive or
  // its directory is damaged, with [problem] saying which ("not a zip archive", libzip's text otherwise).
  bool open(std::string_view bytes, std::string& problem);

  // Whether the archive has an entry of this name (compared ignoring case, as Excel does).
  bool has(const std::string& name) const;

  enum class read_result { ok, missing, encrypted, too_large, damaged, stopped };
  // Inflates entry [name] and gives its bytes to [sink] piece by piece; [sink] returns false to stop
  // (then `stopped`). More than [limit] uncompressed bytes: `too_large`. A CRC or inflate error:
  // `damaged`, with libzip's text in [problem].
  read_result read(const std::string& name, std::uint64_t limit, const std::function<bool(std::string_view)>& sink,
                   std::string& problem) const;

 private:
  struct zip* zip_ = nullptr;
};

}  // namespace schemec
