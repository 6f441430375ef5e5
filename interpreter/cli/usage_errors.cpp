// A wrong command line in the language of messages: see usage_errors.hpp.
#include "interpreter/cli/usage_errors.hpp"

#include <regex>

#include "interpreter/base/i18n.hpp"

namespace schemec {

namespace {

// CLI11's English text of an error, in the language of messages; "" when it is not one of the shapes CLI11 2.x
// writes (Error.hpp, Validators.hpp). The text decides, not the kind: an ExtrasError of a subcommand is named
// after the subcommand.
std::string cli11_error_message(const std::string& what) {
  std::smatch m;
  if (what == "A subcommand is required") return tr(N_("a command is required: check, run, fmt, diff, test or lsp"));
  if (std::regex_match(what, m, std::regex("The following arguments? (?:was|were) not expected: (.*)"))) {
    return tr(N_("not expected here: {} (a misspelt option, or one more file than the command takes?)"), m[1].str());
  }
  if (std::regex_match(what, m, std::regex("(-[^:]+): (.*) not in \\{(.*)\\}"))) {
    return tr(N_("{}: '{}' is not one of {}"), m[1].str(), m[2].str(), m[3].str());
  }
  if (std::regex_match(what, m, std::regex("(-[^:]+): Value (.*) not in range (.*) to (.*)"))) {
    return tr(N_("{}: '{}' is not a whole number from {} to {}"), m[1].str(), m[2].str(), m[3].str(), m[4].str());
  }
  if (std::regex_match(what, m, std::regex("(.+): \\d+ required .* missing"))) return tr(N_("{} needs a value after it"), m[1].str());
  if (std::regex_match(what, m, std::regex("Could not convert: (.+) = (.*)"))) {
    return tr(N_("{}: '{}' is not a whole number"), m[1].str(), m[2].str());
  }
  if (std::regex_match(what, m, std::regex("(.+) is required"))) return tr(N_("{} is required"), m[1].str());
  return {};
}

}  // namespace

std::string usage_error_text(std::string_view command, std::string_view what) {
  const std::string text(what);
  std::string message = cli11_error_message(text);
  if (message.empty()) message = tr(N_("wrong command line: {}"), text);
  const std::string help = command.empty() ? std::string("schemec --help") : "schemec " + std::string(command) + " --help";
  return tr(N_("schemec: error: {}"), message) + "\n" + tr(N_("'{}' shows how the command is used"), help) + "\n";
}

}  // namespace schemec
