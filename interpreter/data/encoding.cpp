// Decoding data files to UTF-8. See encoding.hpp for the contract.
#include "interpreter/data/encoding.hpp"

#include <fmt/format.h>
#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <string>

#include "interpreter/base/i18n.hpp"
#include "interpreter/base/utf8.hpp"
#include "interpreter/data/cells.hpp"

namespace schemec {
namespace {

constexpr std::string_view utf16le_bom = "\xFF\xFE";
constexpr std::string_view utf16be_bom = "\xFE\xFF";

char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Line and column (1-based, columns in UTF-8 code points) just after [decoded].
void place_after(std::string_view decoded, decoded_text& out) {
  const std::size_t nl = decoded.rfind('\n');
  out.line = static_cast<std::uint32_t>(std::count(decoded.begin(), decoded.end(), '\n') + 1);
  const std::string_view last = nl == std::string_view::npos ? decoded : decoded.substr(nl + 1);
  out.column = static_cast<std::uint32_t>(
      1 + std::count_if(last.begin(), last.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// The bad byte, as hex ("byte 0xFF"); a UTF-16 code unit shows both its bytes ("bytes 0x00 0xDC").
std::string byte_text(std::string_view bytes, std::size_t at, text_encoding used) {
  std::string shown;
  const std::size_t count = used == text_encoding::utf16 ? 2 : 1;
  for (std::size_t i = at; i < bytes.size() && i < at + count; ++i) {
    shown += fmt::format("{}0x{:02X}", shown.empty() ? "" : " ", static_cast<unsigned char>(bytes[i]));
  }
  return shown.size() > 4 ? tr(N_("bytes {}"), shown) : tr(N_("byte {}"), shown);
}

// Sets the message of a file that cannot be read, with its code.
void set_message(decoded_text& out, coded_text message) {
  out.message = std::move(message.text);
  out.code = std::move(message.code);
}

decoded_text read_utf8(std::string_view bytes) {
  decoded_text out;
  out.used = text_encoding::utf8;
  const std::size_t bad = first_invalid_utf8(bytes);
  if (bad == bytes.size()) {
    out.ok = true;
    return out;
  }
  place_after(bytes.substr(0, bad), out);
  out.bad_offset = bad;
  const utf8_fault fault = utf8_fault_at(bytes.data(), bytes.size(), bad);
  const std::string byte = byte_text(bytes, bad, text_encoding::utf8);
  coded_text message = utf8_shaped_fault(fault)
                           ? msg("E1025", N_("{} at column {} (in characters) is not UTF-8 text: it starts {}"), byte, out.column, utf8_fault_text(fault))
                           : msg("E1020", N_("{} at column {} (in characters) is not UTF-8 text"), byte, out.column);
  set_message(out, std::move(message));
  return out;
}

// A NUL byte is valid UTF-8 but no text (Excel never writes one in a CSV; a file full of them is UTF-16
// without its byte-order mark, or not text at all): the file is refused at the first one, as for a byte
// that is not text in its encoding.
decoded_text refuse_nul(decoded_text decoded, std::string_view bytes) {
  if (!decoded.ok) return decoded;
  const std::string_view text = decoded.converted ? std::string_view(decoded.text) : bytes;
  const std::size_t nul = first_nul(text);
  if (nul == text.size()) return decoded;
  decoded.ok = false;
  place_after(text.substr(0, nul), decoded);
  coded_text message = msg("E1021", N_("a NUL character (byte 0) at column {} (in characters) is not text"), decoded.column);
  set_message(decoded, std::move(message));
  decoded.hint = tr(N_("delete the NUL (most editors do not show it); a UTF-16 file without its byte-order mark is "
                       "read with --encoding utf-16"));
  decoded.text.clear();
  return decoded;
}

// Whether every byte of [bytes] is in a sequence of UTF-8's shape: a lead byte 110xxxxx, 1110xxxx or
// 11110xxx followed by as many 10xxxxxx. For the guess only (validity is first_invalid_utf8's): a file of
// that shape that is not UTF-8 holds an overlong form, a surrogate or a code point above U+10FFFF — a
// damaged UTF-8 file, refused as such, not a GBK file read as mojibake (GBK text is never of that shape
// beyond a few characters).
bool utf8_shaped(std::string_view bytes) {
  for (std::size_t i = 0; i < bytes.size();) {
    const auto b = static_cast<unsigned char>(bytes[i]);
    const std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || len > bytes.size() - i) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(bytes[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

// Converts [bytes] from [from] (an iconv name) to UTF-8, whole buffer at once.
decoded_text convert(std::string_view bytes, const char* from, text_encoding used, std::string_view label) {
  decoded_text out;
  out.used = used;
  out.converted = true;
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    coded_text message = msg("E1022", N_("this system cannot convert {} (iconv has no '{}')"), label, from);
    set_message(out, std::move(message));
    out.line = 1;
    out.column = 1;
    return out;
  }
  out.text.resize(bytes.size() * 2 + 16);
  char* in = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  std::size_t done = 0;
  int failure = 0;  // EILSEQ (an invalid sequence) or EINVAL (the text ends inside one)
  while (in_left > 0) {
    char* dst = out.text.data() + done;
    std::size_t out_left = out.text.size() - done;
    const std::size_t r = iconv(cd, &in, &in_left, &dst, &out_left);
    done = static_cast<std::size_t>(dst - out.text.data());
    if (r != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) {
      out.text.resize(out.text.size() * 2);
      continue;
    }
    failure = errno;
    break;
  }
  iconv_close(cd);
  out.text.resize(done);
  if (failure == 0) {
    out.ok = true;
    return out;
  }
  const std::size_t at = static_cast<std::size_t>(in - bytes.data());
  out.bad_offset = at;
  place_after(out.text, out);
  const std::string shown = byte_text(bytes, at, used);
  // "is" / "are" after "byte 0xFF" / "bytes 0x00 0xDC" (in Chinese one word for both).
  const std::string is_or_are = used == text_encoding::utf16 && at + 1 < bytes.size() ? tr(N_("are")) : tr(N_("is"));
  coded_text message = msg("E1023", N_("{} at column {} (in characters) {} not {} text{}"), shown, out.column, is_or_are, label,
                           failure == EINVAL ? tr(N_(" (the file ends inside a character)")) : std::string());
  set_message(out, std::move(message));
  out.text.clear();
  return out;
}

decoded_text read_utf16(std::string_view bytes) {
  if (bytes.starts_with(utf16be_bom)) return convert(bytes.substr(2), "UTF-16BE", text_encoding::utf16, "UTF-16");
  if (bytes.starts_with(utf16le_bom)) bytes.remove_prefix(2);
  return convert(bytes, "UTF-16LE", text_encoding::utf16, "UTF-16");  // no BOM: little-endian, as Windows writes
}

}  // namespace

std::optional<text_encoding> parse_encoding_name(std::string_view name) {
  std::string lower;
  for (const char c : name) lower.push_back(ascii_lower(c));
  if (lower == "auto") return text_encoding::auto_detect;
  if (lower == "utf-8" || lower == "utf8") return text_encoding::utf8;
  if (lower == "gb18030" || lower == "gbk" || lower == "gb2312") return text_encoding::gb18030;
  if (lower == "utf-16" || lower == "utf16") return text_encoding::utf16;
  return std::nullopt;
}

std::string_view encoding_names() { return "auto, utf-8, gb18030, gbk, gb2312, utf-16"; }

std::string_view encoding_label(text_encoding encoding) {
  switch (encoding) {
    case text_encoding::auto_detect: return "auto";
    case text_encoding::utf8: return "UTF-8";
    case text_encoding::gb18030: return "GB18030";
    case text_encoding::utf16: return "UTF-16";
  }
  return "auto";
}

namespace {

decoded_text detect_and_decode(std::string_view bytes, text_encoding choice) {
  switch (choice) {
    case text_encoding::utf8: return read_utf8(bytes);
    case text_encoding::gb18030: return convert(bytes, "GB18030", text_encoding::gb18030, "GB18030");
    case text_encoding::utf16: return read_utf16(bytes);
    case text_encoding::auto_detect: break;
  }
  if (bytes.starts_with(utf8_bom)) return read_utf8(bytes);
  if (bytes.starts_with(utf16le_bom) || bytes.starts_with(utf16be_bom)) return read_utf16(bytes);
  decoded_text utf8 = read_utf8(bytes);
  if (utf8.ok || utf8_shaped(bytes)) return utf8;
  decoded_text gb = convert(bytes, "GB18030", text_encoding::gb18030, "GB18030");
  if (gb.ok) return gb;
  // Neither: the place shown is where the reading that went further stopped (a UTF-8 file with one bad
  // byte fails late as UTF-8 and early as GB18030; a GBK file the other way round).
  decoded_text& further = utf8.bad_offset > gb.bad_offset ? utf8 : gb;  // a tie: GB18030, as before
  coded_text message = msg("E1024", N_("the file is neither UTF-8, GB18030 (GBK) nor UTF-16 with a BOM: {}"), further.message);
  set_message(further, std::move(message));
  return further;
}

}  // namespace

decoded_text decode_text(std::string_view bytes, text_encoding choice) {
  return refuse_nul(detect_and_decode(bytes, choice), bytes);
}

}  // namespace schemec
