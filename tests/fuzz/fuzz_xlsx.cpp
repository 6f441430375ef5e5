// libFuzzer harness: bytes → the .xlsx reader (data/xlsx*.cpp: libzip, expat, shared strings, cells) → the
// first visible sheet's records, and the sheet named "Sheet1". Never a crash; memory stays under the run's
// -rss_limit_mb (the reader's own limits: 1 GiB per part, 64 Mi cells — fuzz inputs are far smaller).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "interpreter/data/xlsx.hpp"
#include "tests/fuzz/fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace schemec;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  volatile bool workbook = looks_like_workbook(bytes);
  (void)workbook;
  for (const bool named : {false, true}) {
    const workbook_sheet sheet = read_workbook_sheet(bytes, named ? "Sheet1" : "", named);
    volatile std::size_t n = sheet.ok ? sheet.table.records.size() : sheet.message.size() + sheet.hint.size();
    (void)n;
  }
  return 0;
}
