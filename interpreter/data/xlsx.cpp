// One sheet of an .xlsx workbook as csv_table records. See xlsx.hpp for the contract.
//
// The zip is opened from memory (xlsx_zip.hpp); the package and workbook relationships lead to the
// workbook, the sheet, its shared strings and styles (xlsx_xml.hpp); the sheet's XML is streamed through
// expat, one <row> at a time, each cell turned into the text Excel shows (xlsx_cells.hpp).
#include "interpreter/data/xlsx.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "interpreter/base/diagnostic.hpp"
#include "interpreter/data/cells.hpp"
#include "interpreter/data/xlsx_xml.hpp"

namespace schemec {

namespace {

bool ends_with_workbook_extension(std::string_view name) {
  if (name.size() < 5) return false;
  std::string tail(name.substr(name.size() - 5));
  for (char& c : tail) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return tail == ".xlsx" || tail == ".xlsm";
}

constexpr std::string_view zip_magic = "PK\x03\x04";
constexpr std::string_view empty_zip_magic = "PK\x05\x06";
constexpr std::string_view ole2_magic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

}  // namespace

workbook_path split_workbook_path(std::string_view argument) {
  for (std::size_t hash = argument.find('#'); hash != std::string_view::npos; hash = argument.find('#', hash + 1)) {
    if (ends_with_workbook_extension(argument.substr(0, hash))) {
      return {std::string(argument.substr(0, hash)), std::string(argument.substr(hash + 1)), true};
    }
  }
  return {std::string(argument), {}, false};
}

bool is_workbook_name(std::string_view argument) { return ends_with_workbook_extension(split_workbook_path(argument).file); }

bool looks_like_workbook(std::string_view bytes) {
  return bytes.starts_with(zip_magic) || bytes.starts_with(empty_zip_magic) || bytes.starts_with(ole2_magic);
}

namespace {

std::string save_as_hint() {
  return tr(N_("open it in Excel or WPS and save it (另存为) as 'Excel 工作簿 (*.xlsx)' or as 'CSV UTF-8 (逗号分隔)'"));
}

// Whether an OLE2 compound file holds an encrypted Office Open XML package: its directory names the
// stream "EncryptedPackage" (in UTF-16LE).
bool encrypted_package(std::string_view bytes) {
  static const std::string name = [] {
    std::string out;
    for (const char c : std::string_view("EncryptedPackage")) {
      out += c;
      out += '\0';
    }
    return out;
  }();
  return bytes.find(name) != std::string_view::npos;
}

// Whether bytes that are no zip look like text (a CSV file renamed .xlsx): no NUL and no other control
// character than TAB, CR and LF in the first 4 KiB.
bool looks_like_text(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, 4096);
  return std::none_of(head.begin(), head.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 && c != '\t' && c != '\r' && c != '\n';
  });
}

workbook_sheet refused(coded_text message, std::string hint = save_as_hint()) {
  workbook_sheet out;
  out.message = std::move(message.text);
  out.code = std::move(message.code);
  out.hint = std::move(hint);
  return out;
}

workbook_sheet damaged(const std::string& problem) {
  return refused(msg("E1006", N_("the workbook is damaged: {}"), problem),
                 tr(N_("open it in Excel or WPS and save it again; if Excel cannot open it, it cannot be read")));
}

// What the bytes are when they are no xlsx (or nullopt when they may be one).
std::optional<workbook_sheet> not_a_workbook(std::string_view bytes) {
  if (bytes.starts_with(ole2_magic)) {
    if (encrypted_package(bytes)) {
      return refused(msg("E1007", N_("the workbook is encrypted (it opens only with a password)")),
                     tr(N_("open it in Excel or WPS, remove the password (文件 → 信息 → 保护工作簿 → 用密码进行加密: clear it) "
                     "and save it again, or save the sheet as 'CSV UTF-8 (逗号分隔)'")));
    }
    return refused(msg("E1008", N_("this is an Excel 97-2003 workbook (.xls), which schemec does not read")));
  }
  if (bytes.starts_with(zip_magic) || bytes.starts_with(empty_zip_magic)) return std::nullopt;
  if (bytes.empty()) return refused(msg("E1009", N_("the file is empty: it is not an Excel workbook (.xlsx)")));
  if (looks_like_text(bytes)) {
    return refused(msg("E1010", N_("this is not an Excel workbook (.xlsx) but a text file (a CSV file named .xlsx?)")),
                   tr(N_("name a CSV file .csv; or open it in Excel or WPS and save it as 'Excel 工作簿 (*.xlsx)'")));
  }
  return refused(msg("E1011", N_("this is not an Excel workbook (.xlsx): it is not a zip archive")));
}

// A zip that is no xlsx: what it is.
workbook_sheet other_zip(const zip_reader& zip) {
  std::string mimetype;
  std::string ignored;
  zip.read("mimetype", 256, [&](std::string_view piece) { mimetype += piece; return true; }, ignored);
  if (mimetype.find("opendocument.spreadsheet") != std::string::npos) {
    return refused(msg("E1012", N_("this is an OpenDocument spreadsheet (.ods), not an Excel workbook (.xlsx)")));
  }
  if (zip.has("word/document.xml")) return refused(msg("E1013", N_("this is a Word document, not an Excel workbook (.xlsx)")));
  return refused(msg("E1014", N_("this is a zip archive but not an Excel workbook (.xlsx): it has no workbook part (xl/workbook.xml)")));
}

}  // namespace

namespace {

struct sheet_context {
  const std::vector<std::string>* shared = nullptr;
  const std::vector<number_format_kind>* styles = nullptr;
  bool date1904 = false;
};

// The sheet's <sheetData>, row by row, into records; see xlsx.hpp for what becomes of each row and cell.
class sheet_events : public xml_events {
 public:
  sheet_events(const sheet_context& context, csv_table& out) : context_(context), out_(out) {}

  bool start(std::string_view name, const std::vector<std::pair<std::string_view, std::string_view>>& a) override {
    if (name == "sheetData") {
      in_data_ = true;
    } else if (!in_data_) {
      return true;
    } else if (name == "row") {
      return start_row(a);
    } else if (name == "c") {
      return start_cell(a);
    } else if (in_cell_) {
      if (name == "v") in_value_ = true;
      else if (name == "is") in_inline_ = true;
      else if (name == "rPh") ++phonetic_;
      else if (name == "t" && in_inline_ && phonetic_ == 0) in_inline_text_ = true;
    }
    return true;
  }

  bool end(std::string_view name) override {
    if (!in_data_) return true;
    if (name == "sheetData") in_data_ = false;
    else if (name == "row") return end_row();
    else if (name == "c") return end_cell();
    else if (name == "v") in_value_ = false;
    else if (name == "is") in_inline_ = false;
    else if (name == "rPh" && phonetic_ > 0) --phonetic_;
    else if (name == "t") in_inline_text_ = false;
    return true;
  }

  bool text(std::string_view data) override {
    if (in_value_) value_ += data;
    else if (in_inline_text_) inline_ += data;
    return true;
  }

  // After the last row: every row up to the last the sheet has that is no record is a blank line.
  void finish() {
    std::size_t next = 0;
    for (std::uint32_t line = 1; line <= last_row_; ++line) {
      while (next < record_lines_.size() && record_lines_[next] < line) ++next;
      if (next < record_lines_.size() && record_lines_[next] == line) continue;
      out_.blank_lines.push_back(line);
    }
  }

 private:
  bool fail(std::string text) {
    problem = std::move(text);
    return false;
  }

  bool start_row(const std::vector<std::pair<std::string_view, std::string_view>>& a) {
    const std::string_view r = attribute(a, "r");
    std::uint32_t number = last_row_ + 1;
    if (!r.empty()) {
      const auto [end, error] = std::from_chars(r.data(), r.data() + r.size(), number);
      if (error != std::errc() || end != r.data() + r.size() || number == 0 || number > excel_max_rows) {
        return fail(tr(N_("row number '{}' is not a row of a sheet"), r));
      }
    }
    if (number <= last_row_) return fail(tr(N_("row {} comes after row {}"), number, last_row_));
    if (number > excel_max_rows) return fail(tr(N_("more rows than a sheet has")));
    row_ = number;
    last_row_ = number;
    cells_.clear();
    next_column_ = 0;
    return true;
  }

  bool start_cell(const std::vector<std::pair<std::string_view, std::string_view>>& a) {
    if (row_ == 0) return fail(tr(N_("a cell outside a row")));
    const std::string_view r = attribute(a, "r");
    column_ = next_column_;
    if (!r.empty()) {
      const std::optional<cell_ref> ref = parse_cell_ref(r);
      if (!ref) return fail(tr(N_("cell reference '{}' is not a cell of a sheet"), r));
      column_ = ref->column;
    }
    if (column_ >= excel_max_columns) return fail(tr(N_("more columns than a sheet has")));
    next_column_ = column_ + 1;
    type_ = attribute(a, "t");
    style_ = 0;
    const std::string_view s = attribute(a, "s");
    std::from_chars(s.data(), s.data() + s.size(), style_);
    in_cell_ = true;
    value_.clear();
    inline_.clear();
    return true;
  }

  bool end_cell() {
    if (!in_cell_) return true;
    in_cell_ = false;
    std::string text;
    if (!cell_text(text)) return false;
    if (text.empty()) return true;
    if (cells_.size() <= column_) cells_.resize(column_ + 1);
    cells_[column_] = std::move(text);
    return true;
  }

  number_format_kind style_kind() const {
    const std::vector<number_format_kind>& styles = *context_.styles;
    return style_ < styles.size() ? styles[style_] : number_format_kind::number;
  }

  // The text Excel shows for the cell just read (xlsx.hpp, docs/language.md §41).
  bool cell_text(std::string& out) {
    if (type_ == "inlineStr" || (!inline_.empty() && value_.empty())) {
      out = decode_ooxml_escapes(inline_);
      return true;
    }
    if (type_ == "s") {
      if (value_.empty()) return true;
      std::size_t index = 0;
      const auto [end, error] = std::from_chars(value_.data(), value_.data() + value_.size(), index);
      if (error != std::errc() || end != value_.data() + value_.size() || index >= context_.shared->size()) {
        return fail(tr(N_("cell {}{} names shared string '{}', which the workbook does not have"), column_name(), row_, value_));
      }
      out = (*context_.shared)[index];
      return true;
    }
    if (type_ == "str") {
      out = decode_ooxml_escapes(value_);
      return true;
    }
    if (type_ == "b") {
      out = value_ == "1" ? "TRUE" : value_ == "0" ? "FALSE" : value_;
      return true;
    }
    if (type_ == "e") {
      out = value_;
      return true;
    }
    if (type_ == "d") {  // an ISO 8601 date (strict OOXML, some writers): its date, with a time of day if any
      out = iso_date_text(value_);
      return true;
    }
    // A number (t="n" or none), shown as its style says.
    out = number_text(value_);
    return true;
  }

  std::string number_text(std::string_view stored) const {
    if (stored.empty()) return {};
    const number_format_kind kind = style_kind();
    if (kind != number_format_kind::number) {
      double serial = 0;
      const auto [end, error] = std::from_chars(stored.data(), stored.data() + stored.size(), serial);
      if (error == std::errc() && end == stored.data() + stored.size()) {
        const std::optional<std::string> shown =
            kind == number_format_kind::time ? excel_time_text(serial)
                                             : excel_date_text(serial, context_.date1904, kind == number_format_kind::date_time);
        if (shown) return *shown;
      }
    }
    return excel_number_text(stored).value_or(std::string(stored));
  }

  static std::string iso_date_text(std::string_view stored) {
    const std::size_t t = stored.find('T');
    if (t == std::string_view::npos) return std::string(stored);
    std::string_view time = stored.substr(t + 1, 8);
    if (time.starts_with("00:00:00") || time == "00:00") return std::string(stored.substr(0, t));
    if (time.ends_with(":00") && time.size() == 8) time = time.substr(0, 5);
    return fmt::format("{} {}", stored.substr(0, t), time);
  }

  std::string column_name() const {
    std::string name;
    for (std::uint32_t c = column_ + 1; c > 0; c = (c - 1) / 26) name.insert(name.begin(), static_cast<char>('A' + (c - 1) % 26));
    return name;
  }

  bool end_row() {
    const std::uint32_t row = row_;
    row_ = 0;
    if (blank_line(cells_)) return true;
    if (width_ == 0) {  // the header: as wide as its last non-empty cell
      width_ = cells_.size();
      while (width_ > 0 && trim_cell(cells_[width_ - 1]).empty()) --width_;
    }
    cells_.resize(width_);
    kept_ += width_;
    if (kept_ > max_sheet_cells) {
      return fail(tr(N_("the sheet has more than {} cells under its header"), max_sheet_cells));
    }
    out_.records.push_back({row, std::move(cells_)});
    record_lines_.push_back(row);
    cells_ = {};
    return true;
  }

  static std::string_view attribute(const std::vector<std::pair<std::string_view, std::string_view>>& a, std::string_view name) {
    for (const auto& [key, value] : a) {
      if (key == name) return value;
    }
    return {};
  }

  const sheet_context& context_;
  csv_table& out_;
  bool in_data_ = false, in_cell_ = false, in_value_ = false, in_inline_ = false, in_inline_text_ = false;
  int phonetic_ = 0;
  std::uint32_t row_ = 0, last_row_ = 0;
  std::uint32_t column_ = 0, next_column_ = 0;
  std::size_t style_ = 0;
  std::string type_;
  std::string value_, inline_;
  std::vector<std::string> cells_;
  std::size_t width_ = 0;
  std::uint64_t kept_ = 0;
  std::vector<std::uint32_t> record_lines_;
};

}  // namespace

namespace {

// The entry a relationship of [type] leads to, else [fallback] (a workbook without relationships uses the
// usual names).
std::string target_of(const std::unordered_map<std::string, relationship>& rels, std::string_view type,
                      const std::string& fallback) {
  for (const auto& [id, r] : rels) {
    if (r.type == type) return r.target;
  }
  return fallback;
}

std::string sheet_names(const workbook_info& info) {
  std::vector<std::string> names;
  for (const sheet_entry& s : info.sheets) names.push_back(s.name);
  return fmt::format("{}", fmt::join(names, ", "));
}

// The sheet asked for (or the first visible worksheet), or a refusal.
std::optional<workbook_sheet> choose_sheet(const workbook_info& info, const std::unordered_map<std::string, relationship>& rels,
                                           const std::string& wanted, bool has_sheet, const sheet_entry*& chosen) {
  auto is_worksheet = [&](const sheet_entry& s) {
    const auto r = rels.find(s.rel_id);
    return r != rels.end() && r->second.type == "worksheet";
  };
  chosen = nullptr;
  if (!has_sheet) {
    for (const sheet_entry& s : info.sheets) {
      if (!s.hidden && is_worksheet(s)) {
        chosen = &s;
        break;
      }
    }
    if (chosen == nullptr) {
      return refused(msg("E1015", N_("the workbook has no visible worksheet (only charts or hidden sheets)")),
                     tr(N_("name a hidden sheet: FILE.xlsx#NAME; its sheets are: {}"), sheet_names(info)));
    }
    return std::nullopt;
  }
  for (const sheet_entry& s : info.sheets) {
    if (s.name == wanted) chosen = &s;
  }
  if (chosen == nullptr) {
    std::vector<std::string> names;
    for (const sheet_entry& s : info.sheets) names.push_back(s.name);
    const std::string guess = closest_name(wanted, names);
    return refused(wanted.empty() ? msg("E1016", N_("no sheet is named after '#'")) : msg("E1019", N_("the workbook has no sheet '{}'"), wanted),
                   guess.empty() ? tr(N_("its sheets are: {}"), sheet_names(info))
                                 : tr(N_("did you mean '{}'? its sheets are: {}"), guess, sheet_names(info)));
  }
  if (!is_worksheet(*chosen)) {
    return refused(msg("E1017", N_("the sheet '{}' is a chart, not a table"), wanted), tr(N_("its sheets are: {}"), sheet_names(info)));
  }
  return std::nullopt;
}

// A part that fails to parse: too large, or damaged.
workbook_sheet part_problem(const std::string& problem, bool too_large) {
  if (too_large) {
    return refused(msg("E1018", N_("the workbook is too large to read: {} (schemec reads no part of a workbook larger than that)"), problem),
                   tr(N_("save the sheet as 'CSV UTF-8 (逗号分隔)', which schemec reads however large")));
  }
  return damaged(problem);
}

}  // namespace

workbook_sheet read_workbook_sheet(std::string_view bytes, const std::string& sheet, bool has_sheet) {
  if (std::optional<workbook_sheet> no = not_a_workbook(bytes)) return std::move(*no);
  zip_reader zip;
  std::string problem;
  if (!zip.open(bytes, problem)) return damaged(problem);
  std::unordered_map<std::string, relationship> package;
  if (!read_relationships(zip, "", package, problem)) return damaged(problem);
  const std::string workbook_part = target_of(package, "officeDocument", "xl/workbook.xml");
  if (!zip.has(workbook_part)) return other_zip(zip);
  workbook_info info;
  if (!read_workbook_info(zip, workbook_part, info, problem)) return damaged(problem);
  std::unordered_map<std::string, relationship> rels;
  if (!read_relationships(zip, workbook_part, rels, problem)) return damaged(problem);
  const sheet_entry* chosen = nullptr;
  if (std::optional<workbook_sheet> no = choose_sheet(info, rels, sheet, has_sheet, chosen)) return std::move(*no);

  std::vector<std::string> shared;
  const std::string shared_part = target_of(rels, "sharedStrings", "");
  bool missing = false, too_large = false;
  if (!shared_part.empty() && zip.has(shared_part)) {
    if (!read_shared_strings(zip, shared_part, shared, problem)) return part_problem(problem, problem.ends_with("uncompressed"));
  }
  std::vector<number_format_kind> styles;
  const std::string style_part = target_of(rels, "styles", "");
  if (!style_part.empty() && zip.has(style_part) && !read_number_styles(zip, style_part, styles, problem)) {
    return part_problem(problem, problem.ends_with("uncompressed"));
  }

  workbook_sheet out;
  out.sheet = chosen->name;
  const sheet_context context{&shared, &styles, info.date1904};
  sheet_events events(context, out.table);
  if (!parse_part(zip, rels.at(chosen->rel_id).target, events, problem, missing, too_large)) {
    return part_problem(problem, too_large);
  }
  events.finish();
  out.ok = true;
  return out;
}

}  // namespace schemec
