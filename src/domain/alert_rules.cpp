#include "domain/alert_rules.hpp"

#include "domain/partial_date.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <tuple>

namespace ofpra::domain {
namespace {

constexpr std::array<std::string_view, 5> rule_words{"volume", "pêche", "nuit", "après la fin", "codes de partage"};
constexpr int window_days = 30;

std::int64_t days_of(const std::string& day) {
  auto d = PartialDate::parse_day(day);
  return d ? days_from_civil(d->year, d->month, d->day) : 0;
}

std::string day_plus(const std::string& day, std::int64_t n) { return civil_from_days(days_of(day) + n).to_string(); }

std::string format_share(double share) {
  char out[16];
  std::snprintf(out, sizeof out, "%.0f %%", share * 100);
  return out;
}

}  // namespace

std::string_view to_string(AlertRule rule) { return rule_words[static_cast<std::size_t>(rule)]; }

void AlertRules::raise(std::vector<Alert>& out, AlertRule rule, const std::string& subject, const std::string& day,
                       std::int64_t seq, std::string evidence) {
  if (!raised_.emplace(rule, subject, day).second) return;
  out.push_back({rule, subject, day, seq, std::move(evidence)});
}

std::pair<double, int> AlertRules::median_before(const std::string& partner, const std::string& day) const {
  const auto first = first_day_.find(partner);
  if (first == first_day_.end()) return {0, 0};
  std::vector<std::int64_t> counts;
  for (std::int64_t back = 1; back <= window_days; ++back) {
    const auto d = day_plus(day, -back);
    if (d < first->second) break;
    const auto it = days_.find({partner, d});
    counts.push_back(it == days_.end() ? 0 : it->second.all);
  }
  if (counts.empty()) return {0, 0};
  std::sort(counts.begin(), counts.end());
  const auto n = counts.size();
  const double median =
      n % 2 ? static_cast<double>(counts[n / 2]) : static_cast<double>(counts[n / 2 - 1] + counts[n / 2]) / 2;
  return {median, static_cast<int>(n)};
}

void AlertRules::forget_before(const std::string& day) {
  const auto oldest = day_plus(day, -window_days - 1);
  std::erase_if(days_, [&](const auto& kv) { return kv.first.second < oldest; });
  std::erase_if(share_code_refusals_, [&](const auto& kv) { return kv.first < oldest; });
  std::erase_if(raised_, [&](const auto& r) { return std::get<2>(r) < oldest; });
}

std::vector<Alert> AlertRules::observe(const JournalEntry& e, bool in_force) {
  std::vector<Alert> out;
  if (e.recorded_at.size() < 13) return out;
  const auto day = e.recorded_at.substr(0, 10);
  if (day > latest_day_) {
    latest_day_ = day;
    forget_before(day);
  }
  if (e.channel == JournalChannel::share_code_page && e.result == JournalResult::refused) {
    const auto n = ++share_code_refusals_[day];
    if (n >= settings_.share_code_failures)
      raise(out, AlertRule::share_codes, "codes de partage", day, e.seq,
            std::to_string(n) + " codes de partage refusés ce jour (seuil " +
                std::to_string(settings_.share_code_failures) + ")");
  }
  // Partners' own questions: through the API or at the counter.
  if (e.partner_siret.empty() || (e.channel != JournalChannel::api && e.channel != JournalChannel::counter)) return out;
  const bool answered =
      e.result == JournalResult::found || e.result == JournalResult::not_found || e.result == JournalResult::ambiguous;
  const auto& partner = e.partner_siret;
  first_day_.try_emplace(partner, day);
  if (answered && !in_force)
    raise(out, AlertRule::after_end, partner, day, e.seq,
          "réponse n° " + std::to_string(e.seq) + " donnée sans habilitation en vigueur ce jour");

  const bool unresolved = e.result == JournalResult::not_found || e.result == JournalResult::ambiguous;
  const int hour = std::stoi(e.recorded_at.substr(11, 2));
  const bool night = settings_.night_from_hour > settings_.night_to_hour
                         ? hour >= settings_.night_from_hour || hour < settings_.night_to_hour
                         : hour >= settings_.night_from_hour && hour < settings_.night_to_hour;
  std::vector<std::string> subjects{partner};
  if (!e.agent.empty()) subjects.push_back(partner + "/" + e.agent);
  for (const auto& subject : subjects) {
    auto& d = days_[{subject, day}];
    ++d.all;
    if (unresolved) ++d.unresolved;
    if (night) ++d.night;
    if (answered && d.all >= settings_.fishing_minimum &&
        static_cast<double>(d.unresolved) >= settings_.fishing_share * static_cast<double>(d.all))
      raise(out, AlertRule::fishing, subject, day, e.seq,
            std::to_string(d.unresolved) + " réponses sur " + std::to_string(d.all) +
                " n'ont trouvé personne ou plusieurs personnes (" +
                format_share(static_cast<double>(d.unresolved) / static_cast<double>(d.all)) + ")");
  }
  auto& d = days_[{partner, day}];
  if (d.night >= settings_.night_minimum)
    raise(out, AlertRule::night, partner, day, e.seq,
          std::to_string(d.night) + " requêtes entre " + std::to_string(settings_.night_from_hour) + " h et " +
              std::to_string(settings_.night_to_hour) + " h (UTC) ce jour");
  if (d.all >= settings_.volume_minimum) {
    if (d.history < 0) std::tie(d.median, d.history) = median_before(partner, day);
    if (d.history >= settings_.volume_history_days && static_cast<double>(d.all) > settings_.volume_factor * d.median)
      raise(out, AlertRule::volume, partner, day, e.seq,
            std::to_string(d.all) + " requêtes ce jour, médiane des " + std::to_string(d.history) +
                " jours précédents : " + std::to_string(static_cast<std::int64_t>(d.median)));
  }
  return out;
}

}  // namespace ofpra::domain
