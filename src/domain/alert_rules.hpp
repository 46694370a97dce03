#pragma once
// Alerts over the journal (docs/BACK-OFFICE.md): rules fed one entry at a time, in the journal's
// order, each keeping only small counts per partner, agent and day, so that watching the journal
// costs a few map updates per entry, never a scan per request. Pure: the caller says whether the
// partner had a habilitation in force on the entry's day, and stores what is raised.
#include "domain/journal_entry.hpp"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace ofpra::domain {

enum class AlertRule : std::uint8_t { volume, fishing, night, after_end, share_codes };
std::string_view to_string(AlertRule rule);

struct AlertSettings {
  double volume_factor = 3;               // a partner's day above this × its median of the 30 days before
  std::int64_t volume_minimum = 50;       // a day below this never alerts
  int volume_history_days = 7;            // a partner judged on at least this many days of history
  double fishing_share = 0.5;             // share of answers that found nobody or several people
  std::int64_t fishing_minimum = 20;      // answers in the day before the share is judged
  int night_from_hour = 20;               // UTC: 21:00 or 22:00 in Paris
  int night_to_hour = 6;                  // UTC, excluded
  std::int64_t night_minimum = 10;        // queries of one partner at night in one day
  std::int64_t share_code_failures = 30;  // share codes refused in one day, all origins
};

struct Alert {
  AlertRule rule = AlertRule::volume;
  std::string subject;   // the partner's SIRET, "SIRET/agent", or "codes de partage"
  std::string day;       // YYYY-MM-DD (UTC) of the entry that raised it
  std::int64_t seq = 0;  // that entry
  std::string evidence;  // in words, with the figures
  friend bool operator==(const Alert&, const Alert&) = default;
};

class AlertRules {
 public:
  explicit AlertRules(AlertSettings settings = {}) : settings_(settings) {}
  // The alerts this entry raises, each at most once per rule, subject and day. in_force: whether
  // its partner had a habilitation in force on its day (ignored for entries without a partner).
  std::vector<Alert> observe(const JournalEntry& entry, bool in_force);

 private:
  struct Day {
    std::int64_t all = 0;
    std::int64_t unresolved = 0;  // non_trouve and ambigu
    std::int64_t night = 0;
    // The median of the days before and how many there were: they are over once this day has
    // begun, so it is computed once, when the day first reaches the volume minimum.
    double median = 0;
    int history = -1;  // -1: not computed yet
  };
  void raise(std::vector<Alert>& out, AlertRule rule, const std::string& subject, const std::string& day,
             std::int64_t seq, std::string evidence);
  // The median of the subject's daily counts over the days before `day` (30 at most), and how
  // many days of history it has.
  std::pair<double, int> median_before(const std::string& partner, const std::string& day) const;
  void forget_before(const std::string& day);

  AlertSettings settings_;
  std::map<std::pair<std::string, std::string>, Day> days_;  // (subject, day)
  std::map<std::string, std::string> first_day_;             // partner -> its first day seen
  std::map<std::string, std::int64_t> share_code_refusals_;  // day -> count
  std::set<std::tuple<AlertRule, std::string, std::string>> raised_;
  std::string latest_day_;
};

}  // namespace ofpra::domain
