#include "store/sql/demande_queries.hpp"
#include "store/sql/stores.hpp"

namespace ofpra::store::sql {
namespace {

MonthCount month_count(const Row& r) { return {r.text(0), r.int64(1)}; }

}  // namespace

Result<std::vector<JournalTally>> SqlStatisticsStore::journal_tallies(const std::string& since) {
  return all(db_.query(queries::journal_tallies, {since}), [](const Row& r) {
    return JournalTally{r.text(0), domain::parse_JournalChannel(r.text(1)).value_or(domain::JournalChannel::unreadable),
                        r.text(2), domain::parse_JournalResult(r.text(3)).value_or(domain::JournalResult::unreadable),
                        r.text(4), r.flag(5),
                        r.flag(6), r.int64(7)};
  });
}

Result<std::vector<MonthCount>> SqlStatisticsStore::share_codes_created(const std::string& since) {
  return all(db_.query(queries::share_codes_by_month, {since}), month_count);
}

Result<std::vector<MonthCount>> SqlStatisticsStore::portal_accounts_created(const std::string& since) {
  return all(db_.query(queries::portal_accounts_by_month, {since}), month_count);
}

Result<std::int64_t> SqlStatisticsStore::portal_accounts() { return db_.integer(queries::count_portal_accounts); }

}  // namespace ofpra::store::sql
