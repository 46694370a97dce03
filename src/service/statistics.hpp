#pragma once
// The public statistics (/statistiques, docs/STATISTICS.md): what the service changes, counted
// from the journal, the requests to OFPRA, the share codes, the portal accounts and the
// "Je donne mon avis" answers, month by month over the last twelve. Nothing about a person: a
// count below smallest_published_count is not published (nor a share or a delay computed on
// one), and where a group's total could give hidden counts back, more are hidden until what is
// hidden adds up to nothing or to at least that much (secondary suppression).
#include "env/clock.hpp"
#include "service/opinions.hpp"
#include "store/database.hpp"

#include <array>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace ofpra::service {

// A published count: nullopt when it is below smallest_published_count (or hidden with one).
using Count = std::optional<std::int64_t>;

inline constexpr std::array<std::string_view, 3> answer_levels{"niveau_1", "niveau_2", "niveau_3"};
inline constexpr std::array<std::string_view, 3> automatic_results{"trouve", "non_trouve", "ambigu"};

struct MonthFigures {
  std::string month;               // YYYY-MM
  std::array<Count, 3> by_level;   // answers that gave data, by their highest level
  std::array<Count, 3> automatic;  // automated answers to administrations, by result
  Count demandes;                  // requests to OFPRA filed by administrations
  Count share_codes_created;
  Count share_codes_checked;  // questions asked with a share code, whatever the answer
  Count portal_accounts_created;
};

struct PartnerTypeFigure {
  std::string type;  // the administration type, or "code_partage" (the public share-code page)
  Count answers;     // answers that gave data over the period
};

struct DemandeFigures {
  Count filed;                               // by administrations over the period
  Count settled;                             // answered or closed
  Count answered;                            // through the door, the person identified
  Count pending;                             // open or taken today
  Count late;                                // pending past their due day today
  std::optional<double> share_of_automatic;  // filed / automated answers, in %
  std::optional<int> median_days;            // working days from filing to settling
  std::optional<int> p90_days;
  std::optional<double> within_delay;  // % of those settled by their due day
  int promised_days = 0;
};

struct PublicStatistics {
  std::string computed_at;  // RFC 3339 UTC
  std::string first_month;  // YYYY-MM
  std::string last_month;
  std::vector<MonthFigures> months;  // oldest first, every month of the period
  std::array<Count, 3> by_level;     // over the period
  std::array<Count, 3> automatic;
  std::array<std::optional<double>, 3> automatic_share;  // %
  std::vector<PartnerTypeFigure> by_partner_type;
  DemandeFigures demandes;
  Count share_codes_created;
  Count share_codes_checked;
  Count portal_accounts_created;  // over the period
  Count portal_accounts;          // today, whenever opened
  std::vector<OpinionFigures> opinions;
  std::optional<double> api_latency_median_ms;  // at most this, since the server started
};

// Months counted: this one and the eleven before.
inline constexpr int statistics_months = 12;

// The published count of n.
Count published(std::int64_t n);
// One count of a group whose total can be known: its true value, and where it is published
// (null for a count that is never published, whose value the others could still give back).
struct GroupCell {
  std::int64_t raw = 0;
  Count* shown = nullptr;
};
// The hidden counts of such a group add up to the total less the published ones: while that sum
// is from 1 to smallest_published_count - 1, the smallest published count is hidden too (a sum
// of 0 tells of nobody).
void suppress_complement(std::vector<GroupCell> group);

struct StatisticsSource {
  store::Database& db;
  const env::Clock& clock;
  int promised_days;  // the requests' promised delay, in working days
  std::function<std::optional<double>()> api_latency_seconds = {};
};

// Computes them now (reads the store: blocking).
domain::Result<PublicStatistics> compute_statistics(const StatisticsSource& source);

// The figures, computed at most once per period and shared by every reader: a public page
// never makes the database count its journal on each visit.
class StatisticsCache {
 public:
  StatisticsCache(StatisticsSource source, std::chrono::seconds period) : source_(std::move(source)), period_(period) {}
  domain::Result<std::shared_ptr<const PublicStatistics>> get();

 private:
  StatisticsSource source_;
  std::chrono::seconds period_;
  std::mutex mutex_;
  std::shared_ptr<const PublicStatistics> current_;
  std::chrono::steady_clock::time_point computed_{};
};

}  // namespace ofpra::service
