// Limits on how much a scheme declares (issue 14): far above any policy (a real scheme has fewer than 500
// declarations and choice lists of a few dozen members), they refuse a generated or hostile scheme with
// a positioned message before the checker's work, and the run's memory, grow with it.
#include <fmt/format.h>

#include "interpreter/check/checker.hpp"

namespace schemec::check_detail {

bool checker::check_limits() {
  const auto& decls = m_out.ast.decls;
  if (decls.size() > max_declarations) {
    const decl& d = decls[max_declarations];
    error(d.name_at.valid() ? d.name_at : d.at,
          msg("E2059", N_("this scheme has {} declarations, more than a scheme may have ({})"), decls.size(), max_declarations),
          tr(N_("a policy needs a few hundred (input columns, parameters, values, grades …); check what generated this scheme")),
          name_length(d.name));
    return false;
  }
  bool ok = true;
  for (const decl& d : decls) {
    if (d.type.members.size() <= max_choice_members) continue;
    error(d.name_at,
          msg("E2060", N_("'{}' has {} choices, more than a choice list may have ({})"), d.name, d.type.members.size(), max_choice_members),
          tr(N_("a choice list names a few categories; a column of many distinct values is text (文本)")), name_length(d.name));
    ok = false;
  }
  return ok;
}

}  // namespace schemec::check_detail
