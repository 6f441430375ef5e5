#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "interpreter/base/i18n.hpp"

// The unit tests expect English messages unless a test asks for Chinese: decided here, so that no scheme's
// keywords (a Chinese document the LSP tests open) change the language of the tests after it.
int main(int argc, char* argv[]) {
  schemec::decide_language(schemec::message_language::english);
  return Catch::Session().run(argc, argv);
}
