// The scheme modules of stdlib/modules/, embedded at build time (see stdlib/embed_modules.cmake).
// `import 名称` in a scheme looks here when no file of that name sits beside the scheme.
#pragma once

#include <string_view>
#include <vector>

namespace schemec {

struct embedded_module {
  std::string_view name;  // file name without .scheme
  std::string_view text;  // the module's source
};

const std::vector<embedded_module>& embedded_modules();

}  // namespace schemec
