// `schemec lsp`: the base protocol of the Language Server Protocol — messages framed by a header
// "Content-Length: N\r\n" (other header fields are read and ignored), an empty line, then N bytes of JSON.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>

namespace schemec {

// The largest message body the server reads (a scheme file may have 4 MiB; its JSON escapes may double it).
constexpr std::size_t max_lsp_message_bytes = std::size_t{64} << 20;

enum class frame_status : std::uint8_t {
  message,  // [body] holds a message
  end,      // the input ended (between messages, or inside one)
  bad,      // a header without a usable Content-Length (or larger than the limit): [problem] says why; the
            // header was read and skipped, reading may go on
};

frame_status read_lsp_message(std::istream& in, std::string& body, std::string& problem);

// Writes [body] with its header and flushes.
void write_lsp_message(std::ostream& out, const std::string& body);

}  // namespace schemec
