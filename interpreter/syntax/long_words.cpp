// The word length limit of a scheme's text: see long_words.hpp.
#include "interpreter/syntax/long_words.hpp"

#include "grammar/lexical.hpp"
#include "interpreter/base/source.hpp"  // count_code_points

namespace schemec {

std::optional<long_word> first_long_word(std::string_view text) {
  constexpr std::string_view closers[][2] = {{"\"", "\""}, {"“", "”"}, {"「", "」"}, {"『", "』"}, {"#", "\n"}, {"//", "\n"}};
  const char* const end = text.data() + text.size();
  for (std::size_t i = 0; i < text.size();) {
    bool skipped = false;
    for (const auto& [open, close] : closers) {
      if (text.substr(i).starts_with(open)) {
        // To the closer, or to the line's end (an unclosed string is the parser's to report).
        const std::size_t from = i + open.size();
        const std::size_t closed = text.find(close, from), line_end = text.find('\n', from);
        const std::size_t stop = std::min(closed, line_end);
        i = stop == std::string_view::npos ? text.size() : stop + (stop == closed ? close.size() : 0);
        skipped = true;
        break;
      }
    }
    if (skipped) continue;
    const std::size_t run = grammar::name_run(text.data() + i, end);
    if (run == 0) {
      ++i;
      continue;
    }
    if (run > max_word_chars) {  // a run of that many bytes may still be short in characters (3 bytes each)
      const std::size_t chars = count_code_points(text.substr(i, run));
      if (chars > max_word_chars) return long_word{i, chars};
    }
    i += run;
  }
  return std::nullopt;
}

}  // namespace schemec
