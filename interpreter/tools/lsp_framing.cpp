// The LSP base protocol: Content-Length framing (lsp_framing.hpp).
#include "interpreter/tools/lsp_framing.hpp"

#include <cctype>
#include <cstdint>
#include <istream>
#include <ostream>

#include "interpreter/base/i18n.hpp"

namespace schemec {

namespace {

// One header line without its CR LF (a bare LF is accepted too); false at the end of the input.
bool read_header_line(std::istream& in, std::string& line) {
  line.clear();
  char c;
  while (in.get(c)) {
    if (c == '\n') {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return true;
    }
    if (line.size() < 4096) line += c;  // a header line longer than that is no header of ours
  }
  return false;
}

bool starts_with_ci(const std::string& s, const char* prefix) {
  std::size_t i = 0;
  for (; prefix[i] != '\0'; ++i) {
    if (i >= s.size() || std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i]))) return false;
  }
  return true;
}

}  // namespace

frame_status read_lsp_message(std::istream& in, std::string& body, std::string& problem) {
  std::string line;
  bool have_length = false, bad_length = false;
  std::size_t length = 0;
  bool any = false;
  for (;;) {
    if (!read_header_line(in, line)) return frame_status::end;
    if (line.empty()) {
      if (!any) continue;  // blank lines between messages
      break;
    }
    any = true;
    if (!starts_with_ci(line, "content-length:")) continue;
    std::size_t i = 15;
    while (i < line.size() && line[i] == ' ') ++i;
    std::uint64_t n = 0;
    const std::size_t digits_from = i;
    while (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i])) && n <= max_lsp_message_bytes) n = n * 10 + static_cast<unsigned>(line[i++] - '0');
    while (i < line.size() && line[i] == ' ') ++i;
    if (i == digits_from || i != line.size()) bad_length = true;
    else if (n > max_lsp_message_bytes) bad_length = true;
    else {
      have_length = true;
      length = static_cast<std::size_t>(n);
    }
  }
  if (bad_length || !have_length) {
    problem = bad_length ? tr(N_("the Content-Length header is not a number of bytes up to 64 MiB")) : tr(N_("the message has no Content-Length header"));
    return frame_status::bad;
  }
  body.assign(length, '\0');
  in.read(body.data(), static_cast<std::streamsize>(length));
  if (static_cast<std::size_t>(in.gcount()) != length) return frame_status::end;
  return frame_status::message;
}

void write_lsp_message(std::ostream& out, const std::string& body) {
  out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out.flush();
}

}  // namespace schemec
