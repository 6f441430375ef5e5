// The zip archive of an .xlsx workbook, through libzip. See xlsx_zip.hpp.
#include "interpreter/data/xlsx_zip.hpp"
#include "interpreter/base/i18n.hpp"

#include <zip.h>

#include <array>

namespace schemec {

zip_reader::~zip_reader() {
  if (zip_ != nullptr) zip_discard(zip_);
}

bool zip_reader::open(std::string_view bytes, std::string& problem) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    problem = zip_error_strerror(&error);
    zip_error_fini(&error);
    return false;
  }
  zip_ = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (zip_ == nullptr) {
    zip_source_free(source);
    const int code = zip_error_code_zip(&error);
    problem = code == ZIP_ER_NOZIP ? tr(N_("it is not a whole zip archive (cut short when copied?)")) : std::string(zip_error_strerror(&error));
    zip_error_fini(&error);
    return false;
  }
  zip_error_fini(&error);
  return true;
}

bool zip_reader::has(const std::string& name) const {
  return zip_ != nullptr && zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE) >= 0;
}

zip_reader::read_result zip_reader::read(const std::string& name, std::uint64_t limit,
                                         const std::function<bool(std::string_view)>& sink, std::string& problem) const {
  if (zip_ == nullptr) return read_result::missing;
  const zip_int64_t index = zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return read_result::missing;
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(zip_, static_cast<zip_uint64_t>(index), 0, &stat) != 0) {
    problem = zip_strerror(zip_);
    return read_result::damaged;
  }
  if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE) return read_result::encrypted;
  if ((stat.valid & ZIP_STAT_SIZE) && stat.size > limit) return read_result::too_large;
  zip_file_t* file = zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0);
  if (file == nullptr) {
    const int code = zip_error_code_zip(zip_get_error(zip_));
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP) return read_result::encrypted;
    problem = zip_strerror(zip_);
    return read_result::damaged;
  }
  std::array<char, 1 << 16> buffer;
  std::uint64_t total = 0;
  read_result result = read_result::ok;
  for (;;) {
    const zip_int64_t n = zip_fread(file, buffer.data(), buffer.size());
    if (n < 0) {
      problem = zip_file_strerror(file);
      result = read_result::damaged;
      break;
    }
    if (n == 0) break;
    total += static_cast<std::uint64_t>(n);
    if (total > limit) {
      result = read_result::too_large;
      break;
    }
    if (!sink(std::string_view(buffer.data(), static_cast<std::size_t>(n)))) {
      result = read_result::stopped;
      break;
    }
  }
  zip_fclose(file);
  return result;
}

}  // namespace schemec
