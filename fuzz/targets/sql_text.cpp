// The text sent to PostgreSQL: ?N rewritten to $N and nothing else touched, and COPY fields
// that read back as the value written.
#include "store/postgres/sql_text.hpp"
#include "../fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

using namespace ofpra::store::postgres;

namespace {

// COPY's text format read back, as PostgreSQL reads one field.
std::optional<std::string> read_copy_field(std::string_view field) {
  if (field == "\\N") return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] != '\\') {
      out += field[i];
      continue;
    }
    const char next = field[++i];
    out += next == 't' ? '\t' : next == 'n' ? '\n' : next == 'r' ? '\r' : next;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto sql = numbered_parameters(input);
  FUZZ_CHECK(sql.size() == input.size());
  for (std::size_t i = 0; i < sql.size(); ++i) FUZZ_CHECK(sql[i] == input[i] || (input[i] == '?' && sql[i] == '$'));

  std::string line;
  append_copy_field(line, std::string(input));
  FUZZ_CHECK(line.find_first_of("\t\n\r") == std::string::npos);  // one field of one line
  const auto back = read_copy_field(line);
  FUZZ_CHECK(back && *back == input);
  return 0;
}
