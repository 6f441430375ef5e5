// The XML parts of an .xlsx workbook, streamed through expat (never a DOM): a small event interface over
// one zip entry, and the parts read whole before the sheet — the package's relationships, the workbook
// (its sheets in order, date1904), the styles (which cell style shows numbers as dates or times) and the
// shared strings. Internal to xlsx.cpp and its tests.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "interpreter/data/xlsx_cells.hpp"
#include "interpreter/data/xlsx_zip.hpp"

namespace schemec {

// Events of one XML part. Element and attribute names are local names (the namespace dropped: transitional
// and strict OOXML read alike). Returning false from an event stops the parse with [xml_events::problem].
class xml_events {
 public:
  virtual ~xml_events() = default;
  // [attributes]: name, value, name, value, … (local names).
  virtual bool start(std::string_view name, const std::vector<std::pair<std::string_view, std::string_view>>& attributes) = 0;
  virtual bool end(std::string_view name) = 0;
  virtual bool text(std::string_view data) = 0;
  std::string problem;  // set by an event that returns false
};

// No part of a workbook is read past this many uncompressed bytes (docs/language.md §41).
inline constexpr std::uint64_t max_part_bytes = std::uint64_t{1} << 30;

// Parses entry [name] of [zip] into [events]. False with [problem] ("xl/worksheets/sheet1.xml, line 3:
// mismatched tag", "… is larger than 1 GiB uncompressed", or the event's problem) when it cannot; a DOCTYPE
// (which no workbook has; entities could multiply the text) is refused. [missing] is set, and false
// returned, when there is no such entry.
bool parse_part(const zip_reader& zip, const std::string& name, xml_events& events, std::string& problem,
                bool& missing, bool& too_large);

struct relationship {
  std::string type;    // its last path segment: "worksheet", "chartsheet", "sharedStrings", "styles", "officeDocument"
  std::string target;  // the entry's name in the zip, resolved against the part's folder
};
// The relationships of part [part] ("" for the package: _rels/.rels; "xl/workbook.xml":
// xl/_rels/workbook.xml.rels), by id. Empty when the part has none.
bool read_relationships(const zip_reader& zip, const std::string& part, std::unordered_map<std::string, relationship>& out,
                        std::string& problem);

struct sheet_entry {
  std::string name;   // as on its tab
  std::string rel_id;
  bool hidden = false;  // state="hidden" or "veryHidden"
};
struct workbook_info {
  std::vector<sheet_entry> sheets;  // in workbook order (the order of the tabs)
  bool date1904 = false;
};
bool read_workbook_info(const zip_reader& zip, const std::string& part, workbook_info& out, std::string& problem);

// What each cell style (the `s` of a cell: an index into cellXfs) shows a number as.
bool read_number_styles(const zip_reader& zip, const std::string& part, std::vector<number_format_kind>& out,
                        std::string& problem);

// Every shared string, rich text runs concatenated, phonetic runs (rPh) left out, _xHHHH_ escapes decoded.
bool read_shared_strings(const zip_reader& zip, const std::string& part, std::vector<std::string>& out, std::string& problem);

}  // namespace schemec
