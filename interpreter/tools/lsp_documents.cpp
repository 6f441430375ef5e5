// The open documents of `schemec lsp` and their diagnostics (lsp_documents.hpp).
#include "interpreter/tools/lsp_documents.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <tuple>

#include "interpreter/base/i18n.hpp"
#include "interpreter/syntax/ast_clone.hpp"
#include "interpreter/syntax/parse.hpp"

namespace schemec {

namespace {

nlohmann::json range_json(const std::string& text, std::size_t from, std::size_t to, position_encoding enc) {
  const lsp_position a = to_lsp_position(text, from, enc), b = to_lsp_position(text, to, enc);
  return {{"start", {{"line", a.line}, {"character", a.character}}}, {"end", {{"line", b.line}, {"character", b.character}}}};
}

// The byte range of the line of [text] that extends or imports the file [other] (by its name without
// folder and extension after 继承 / extends / 引用 / import); the first line when there is none.
std::pair<std::size_t, std::size_t> line_naming(const std::string& text, const std::string& other) {
  std::string stem = std::filesystem::path(other).stem().string();
  if (!other.empty() && other.front() == '<') stem = other.substr(1, other.size() - 2);  // <stdlib NAME>
  if (const auto space = stem.rfind(' '); space != std::string::npos) stem = stem.substr(space + 1);
  std::size_t first_end = text.find('\n');
  if (first_end == std::string::npos) first_end = text.size();
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view line(text.data() + start, end - start);
    const std::size_t lead = line.find_first_not_of(" \t");
    if (lead != std::string_view::npos && !stem.empty() && line.find(stem) != std::string_view::npos) {
      const std::string_view rest = line.substr(lead);
      for (const char* kw : {"继承", "extends", "引用", "import"}) {
        if (rest.substr(0, std::char_traits<char>::length(kw)) == kw) return {start + lead, end};
      }
    }
    start = end + 1;
  }
  return {0, first_end};
}

int lsp_severity(severity s) {
  switch (s) {
    case severity::error: return 1;
    case severity::warning: return 2;
    case severity::note: return 3;
  }
  return 1;
}

}  // namespace

std::unique_ptr<document_analysis> analyse_document(const std::string& path, const std::string& text,
                                                    const std::vector<std::string>& allow_dirs) {
  auto a = std::make_unique<document_analysis>();
  auto ast = load_scheme_text(path, text, a->sources, a->diags, allow_dirs);
  // Neither --lang nor the locale chose the language of messages: the first document's keywords do, as for
  // check (its messages, made in English, are made again).
  if (decide_language_by_scheme(ast ? ast->header.chinese : starts_with_chinese_header(text)) && !a->diags.items().empty()) {
    a->sources = source_manager{};
    a->diags = diagnostics{};
    ast = load_scheme_text(path, text, a->sources, a->diags, allow_dirs);
  }
  for (std::uint32_t id = 1; id < a->sources.size(); ++id) {
    if (a->sources.file(id).path == path) {
      a->main_file = id;
      break;
    }
  }
  if (!ast) return a;
  a->main_file = ast->file;
  a->ast = clone_ast(*ast);
  a->checked = check(std::move(*ast), a->sources, a->diags);
  return a;
}

std::string uri_to_path(const std::string& uri) {
  if (uri.rfind("file://", 0) != 0) return uri;
  std::string path;
  for (std::size_t i = 7; i < uri.size(); ++i) {
    const auto hex = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    if (uri[i] == '%' && i + 2 < uri.size() && hex(uri[i + 1]) >= 0 && hex(uri[i + 2]) >= 0) {
      path += static_cast<char>(hex(uri[i + 1]) * 16 + hex(uri[i + 2]));
      i += 2;
    } else {
      path += uri[i];
    }
  }
  return path;
}

std::string path_to_uri(const std::string& path) {
  std::string uri = "file://";
  const std::string absolute = std::filesystem::path(path).is_absolute() ? path : std::filesystem::absolute(path).string();
  for (const char c : absolute) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || std::string_view("/-._~").find(c) != std::string_view::npos) uri += c;
    else uri += fmt::format("%{:02X}", u);
  }
  return uri;
}

nlohmann::json lsp_diagnostics(const document_analysis& a, position_encoding enc) {
  nlohmann::json out = nlohmann::json::array();
  static const std::string no_text;
  const std::string& text = a.main_file != 0 ? a.sources.file(a.main_file).text : no_text;
  for (const diagnostic& d : a.diags.items()) {
    std::string message = d.message;
    std::size_t from = 0, to = 0;
    if (d.at.valid() && d.at.file == a.main_file) {
      from = d.at.offset;
      to = underline_end(d, text);
    } else {
      std::string file = d.data_file;
      if (d.at.valid()) {
        const source_file& other = a.sources.file(d.at.file);
        const line_col lc = a.sources.locate(d.at);
        file = other.path;
        message = fmt::format("{}:{}:{}: {}", other.path, lc.line, lc.column, d.message);
      }
      std::tie(from, to) = line_naming(text, file);
    }
    if (d.level == severity::note && !out.empty()) {
      std::string& previous = out.back()["message"].get_ref<std::string&>();
      previous += "\nnote: " + message;
      continue;
    }
    if (!d.hint.empty()) message += "\n" + d.hint;
    out.push_back({{"range", range_json(text, from, to, enc)},
                   {"severity", lsp_severity(d.level)},
                   {"source", "schemec"},
                   {"message", message}});
    if (!d.code.empty()) out.back()["code"] = d.code;  // the message's stable code (i18n.hpp)
  }
  return out;
}

}  // namespace schemec
