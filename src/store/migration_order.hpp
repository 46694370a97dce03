#pragma once
// Schema migrations compiled in as NNNN_what.sql, in the order of their numbers: the number is
// the schema version each one leads to. Shared by the SQLite and PostgreSQL stores.
#include "env/embedded_file.hpp"

#include <algorithm>
#include <charconv>
#include <span>
#include <string_view>
#include <vector>

namespace ofpra::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

inline std::vector<Migration> migrations_in_order(std::span<const EmbeddedFile> files) {
  std::vector<Migration> out;
  for (const auto& f : files) {
    int version = 0;
    std::from_chars(f.name.data(), f.name.data() + 4, version);
    out.push_back({version, f.name, f.content});
  }
  std::sort(out.begin(), out.end(), [](const Migration& a, const Migration& b) { return a.version < b.version; });
  return out;
}

}  // namespace ofpra::store
