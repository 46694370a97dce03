#include "journal/retention.hpp"

#include "domain/partial_date.hpp"

namespace ofpra::journal {

std::string months_before(std::chrono::system_clock::time_point now, int months) {
  const auto stamp = env::format_utc(now);  // YYYY-MM-DDTHH:MM:SS.mmmZ
  const auto today = domain::PartialDate::parse_day(stamp.substr(0, 10));
  return domain::add_months(*today, -months).to_string() + stamp.substr(10);
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
