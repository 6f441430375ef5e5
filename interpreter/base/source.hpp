// Source files and positions.
//
// Every scheme file the run reads (the scheme, its `extends` parents, imported modules) is loaded once into
// a source_manager and kept alive for the whole run, so diagnostics can quote any line. A position is a
// (file, byte offset) pair; line and column are computed only when a message is rendered. Columns are
// counted in characters (UTF-8 code points), not bytes: a 汉字 is one column.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/base/utf8.hpp"  // first_invalid_utf8, for the files that include this one

namespace schemec {

struct source_pos {
  std::uint32_t file = 0;    // index in the source_manager; 0 is "no file"
  std::uint32_t offset = 0;  // byte offset in that file's text
  bool valid() const { return file != 0; }
};

struct source_file {
  std::string path;                      // as the user named it (or "<module name>" for embedded modules)
  std::string text;                      // the whole file
  std::vector<std::uint32_t> line_starts;  // byte offset of each line's first byte
};

struct line_col {
  std::uint32_t line = 0;    // 1-based
  std::uint32_t column = 0;  // 1-based, in code points
};

class source_manager {
 public:
  source_manager();
  // Adds a file's text and returns its id (never 0). Lone CR line ends are turned into LF.
  std::uint32_t add(std::string path, std::string text);
  const source_file& file(std::uint32_t id) const { return *m_files.at(id); }
  std::size_t size() const { return m_files.size(); }
  line_col locate(source_pos pos) const;
  std::string_view line_text(std::uint32_t file, std::uint32_t line) const;  // without the line end

 private:
  std::vector<std::unique_ptr<source_file>> m_files;  // stable addresses: parse results point into texts
};

// Display width of [text] in terminal cells: CJK and full-width characters count 2, tabs are expanded
// to the next multiple of 4, other code points 1. Used to place carets under the right character.
std::size_t display_width(std::string_view text);

// Number of UTF-8 code points in [text].
std::size_t count_code_points(std::string_view text);

}  // namespace schemec
