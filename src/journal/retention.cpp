#include "journal/retention.hpp"

#include "domain/partial_date.hpp"

#include <algorithm>
#include <cstdio>

namespace ofpra::journal {

std::string months_before(std::chrono::system_clock::time_point now, int months) {
  const auto stamp = env::format_utc(now);  // YYYY-MM-DDTHH:MM:SS.mmmZ
  int y = std::stoi(stamp.substr(0, 4));
  int m = std::stoi(stamp.substr(5, 2)) - months;
  int d = std::stoi(stamp.substr(8, 2));
  while (m < 1) {
    m += 12;
    --y;
  }
  while (!domain::is_valid_day(y, static_cast<unsigned>(m), static_cast<unsigned>(d))) --d;
  char date[48];
  std::snprintf(date, sizeof date, "%04d-%02d-%02d", y, m, d);
  return std::string(date) + stamp.substr(10);
}

domain::Result<std::int64_t> purge_before(store::JournalStore& store, const Signer& signer, const env::Clock& clock,
                                          const std::string& cutoff) {
  auto through = store.last_seq_before(cutoff);
  if (!through) return through.error();
  if (*through == 0) return std::int64_t{0};
  std::string hash;
  auto s = store.scan(*through, [&](domain::JournalEntry&& e) {
    hash = e.hash;
    return false;
  });
  if (!s) return s.error();
  domain::JournalCheckpoint anchor{*through, hash, env::format_utc(clock.now()), {}, {}};
  signer.sign(anchor);
  return store.purge_through(*through, anchor);
}

}  // namespace ofpra::journal
