#include "service/shared_counts.hpp"

#include "journal/chain.hpp"

namespace ofpra::service {

domain::Result<std::int64_t> DatabaseCounts::add(const std::string& key, std::int64_t start, std::int64_t span,
                                                 std::int64_t n) {
  return store_.add_to_window(journal::sha256_hex(key), start, start + span, n);
}

}  // namespace ofpra::service
