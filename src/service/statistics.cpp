#include "service/statistics.hpp"

#include "domain/working_days.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace ofpra::service {
namespace {

using domain::JournalChannel;
using domain::JournalResult;

// The highest level a "found" answer gave (0: none): protection 1, the file's progress 2,
// identity and family 3.
int level_of(std::string_view scopes_given) {
  if (scopes_given.find("etat_civil.identite") != std::string_view::npos ||
      scopes_given.find("etat_civil.famille") != std::string_view::npos)
    return 3;
  if (scopes_given.find("etat_civil.avancement") != std::string_view::npos) return 2;
  if (scopes_given.find("protection") != std::string_view::npos) return 1;
  return 0;
}

// Administrations' doors (the person's own portal is not an answer to an administration).
bool to_administration(JournalChannel c) {
  return c == JournalChannel::api || c == JournalChannel::counter || c == JournalChannel::share_code_page ||
         c == JournalChannel::ofpra;
}
bool automated(JournalChannel c) {
  return c == JournalChannel::api || c == JournalChannel::counter || c == JournalChannel::share_code_page;
}

std::string month_of(int year, int month) {
  const auto mm = std::to_string(month);
  return std::to_string(year) + (month < 10 ? "-0" : "-") + mm;
}

// The months of the period, oldest first.
std::vector<std::string> period_months(const domain::PartialDate& today) {
  std::vector<std::string> out;
  int year = today.year;
  int month = static_cast<int>(today.month);
  for (int i = 0; i < statistics_months; ++i) {
    out.push_back(month_of(year, month));
    if (--month == 0) month = 12, --year;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::optional<double> share(const Count& part, std::int64_t whole) {
  if (!part || whole < smallest_published_count) return std::nullopt;
  return std::round(1000.0 * static_cast<double>(*part) / static_cast<double>(whole)) / 10.0;
}

// The nearest-rank percentile of sorted values.
int percentile(const std::vector<int>& sorted, double p) {
  const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  return sorted[std::max<std::size_t>(rank, 1) - 1];
}

domain::PartialDate day_of_text(const std::string& rfc3339) {
  auto day = domain::PartialDate::parse_day(rfc3339.substr(0, 10));
  return day ? *day : domain::PartialDate{};
}

// Raw counts, before anything is hidden.
struct Raw {
  std::map<std::string, std::array<std::int64_t, 3>> by_level, automatic;
  std::map<std::string, std::int64_t> demandes, codes_created, codes_checked, accounts_created;
  std::map<std::string, std::int64_t> by_type;
};

void add_tallies(Raw& raw, const std::vector<store::JournalTally>& tallies) {
  for (const auto& t : tallies) {
    if (t.result == JournalResult::found && to_administration(t.channel))
      if (const int level = level_of(t.scopes_given); level > 0) {
        raw.by_level[t.month][level - 1] += t.count;
        raw.by_type[t.partner_type.empty() ? "code_partage" : t.partner_type] += t.count;
      }
    if (automated(t.channel)) {
      // An ambiguity is journaled once for the question, then once for each candidate.
      if (t.result == JournalResult::found) raw.automatic[t.month][0] += t.count;
      if (t.result == JournalResult::not_found) raw.automatic[t.month][1] += t.count;
      if (t.result == JournalResult::ambiguous && !t.names_person) raw.automatic[t.month][2] += t.count;
      if (t.by_share_code || t.channel == JournalChannel::share_code_page) raw.codes_checked[t.month] += t.count;
    }
  }
}

// A column of months whose total over the period is published.
template <class F>
void suppress_column(std::vector<MonthFigures>& months, const std::map<std::string, std::int64_t>& raw, F cell) {
  std::vector<GroupCell> column;
  for (auto& m : months) {
    const auto it = raw.find(m.month);
    column.push_back({it == raw.end() ? 0 : it->second, &cell(m)});
  }
  suppress_complement(std::move(column));
}

// The same for one of three results or levels by month.
template <class F>
void suppress_column(std::vector<MonthFigures>& months, const std::map<std::string, std::array<std::int64_t, 3>>& raw,
                     std::size_t i, F cell) {
  std::map<std::string, std::int64_t> one;
  for (const auto& [month, values] : raw) one[month] = values[i];
  suppress_column(months, one, cell);
}

DemandeFigures demande_figures(const std::vector<store::Demande>& filed, const std::vector<store::Demande>& pending,
                               const domain::PartialDate& today, std::int64_t automatic_total, int promised) {
  DemandeFigures f;
  f.promised_days = promised;
  std::int64_t from_partners = 0, answered = 0, within = 0;
  std::vector<int> days;
  for (const auto& d : filed) {
    if (d.channel == JournalChannel::portal) continue;
    ++from_partners;
    if (domain::is_pending(d.state)) continue;
    answered += d.state == domain::DemandeState::answered ? 1 : 0;
    const auto settled_on = day_of_text(d.settled_at);
    days.push_back(domain::working_days_between(day_of_text(d.created_at), settled_on));
    within += settled_on.to_string() <= d.due_on ? 1 : 0;
  }
  f.filed = published(from_partners);
  f.settled = published(static_cast<std::int64_t>(days.size()));
  f.answered = published(answered);
  std::int64_t late = 0, waiting = 0;
  for (const auto& d : pending) {
    if (d.channel == JournalChannel::portal) continue;
    ++waiting;
    late += d.due_on < today.to_string() ? 1 : 0;
  }
  f.pending = published(waiting);
  f.late = published(late);
  const auto settled = static_cast<std::int64_t>(days.size());
  // Filed = settled + waiting; settled = answered + closed; waiting = late + on time.
  suppress_complement({{settled, &f.settled}, {waiting, &f.pending}});
  suppress_complement({{answered, &f.answered}, {settled - answered, nullptr}});
  suppress_complement({{late, &f.late}, {waiting - late, nullptr}});
  f.share_of_automatic = share(f.filed, automatic_total);
  if (days.size() >= static_cast<std::size_t>(smallest_published_count)) {
    std::sort(days.begin(), days.end());
    f.median_days = percentile(days, 0.5);
    f.p90_days = percentile(days, 0.9);
    f.within_delay = share(published(within), static_cast<std::int64_t>(days.size()));
  }
  return f;
}

}  // namespace

Count published(std::int64_t n) {
  if (n < smallest_published_count) return std::nullopt;
  return n;
}

void suppress_complement(std::vector<GroupCell> group) {
  for (;;) {
    std::int64_t hidden = 0;
    bool any_hidden = false;
    GroupCell* smallest = nullptr;
    for (auto& c : group) {
      if (!c.shown || !*c.shown) {
        any_hidden = true;
        hidden += c.raw;
      } else if (!smallest || c.raw < smallest->raw) {
        smallest = &c;
      }
    }
    // Hidden counts that add up to nothing tell of nobody.
    if (!any_hidden || hidden == 0 || hidden >= smallest_published_count || !smallest) return;
    smallest->shown->reset();
  }
}

domain::Result<PublicStatistics> compute_statistics(const StatisticsSource& source) {
  const auto now = source.clock.now();
  const auto today = domain::day_of(now);
  const auto months = period_months(today);
  const auto since = months.front() + "-01T00:00:00Z";

  auto tallies = source.db.statistics().journal_tallies(since);
  if (!tallies) return tallies.error();
  auto created = source.db.statistics().share_codes_created(since);
  if (!created) return created.error();
  auto accounts_created = source.db.statistics().portal_accounts_created(since);
  if (!accounts_created) return accounts_created.error();
  auto accounts = source.db.statistics().portal_accounts();
  if (!accounts) return accounts.error();
  auto filed = source.db.demandes().demandes_since(since);
  if (!filed) return filed.error();
  auto pending = source.db.demandes().pending_demandes();
  if (!pending) return pending.error();
  auto opinions = opinion_figures(source.db.portal());
  if (!opinions) return opinions.error();

  Raw raw;
  add_tallies(raw, *tallies);
  for (const auto& m : *created) raw.codes_created[m.month] += m.count;
  for (const auto& m : *accounts_created) raw.accounts_created[m.month] += m.count;
  for (const auto& d : *filed)
    if (d.channel != JournalChannel::portal) ++raw.demandes[d.created_at.substr(0, 7)];

  PublicStatistics s;
  s.computed_at = env::format_utc(now);
  s.first_month = months.front();
  s.last_month = months.back();
  std::array<std::int64_t, 3> levels{}, automatic{};
  std::int64_t codes_created = 0, codes_checked = 0, accounts_opened = 0;
  for (const auto& month : months) {
    MonthFigures m;
    m.month = month;
    for (std::size_t i = 0; i < 3; ++i) {
      const auto l = raw.by_level.count(month) ? raw.by_level[month][i] : 0;
      const auto a = raw.automatic.count(month) ? raw.automatic[month][i] : 0;
      m.by_level[i] = published(l);
      m.automatic[i] = published(a);
      levels[i] += l;
      automatic[i] += a;
    }
    m.demandes = published(raw.demandes[month]);
    m.share_codes_created = published(raw.codes_created[month]);
    m.share_codes_checked = published(raw.codes_checked[month]);
    m.portal_accounts_created = published(raw.accounts_created[month]);
    codes_created += raw.codes_created[month];
    codes_checked += raw.codes_checked[month];
    accounts_opened += raw.accounts_created[month];
    s.months.push_back(std::move(m));
  }
  // Each column's total over the period is published: one hidden month could be given back.
  for (std::size_t i = 0; i < 3; ++i) {
    suppress_column(s.months, raw.by_level, i, [i](MonthFigures& m) -> Count& { return m.by_level[i]; });
    suppress_column(s.months, raw.automatic, i, [i](MonthFigures& m) -> Count& { return m.automatic[i]; });
  }
  suppress_column(s.months, raw.demandes, [](MonthFigures& m) -> Count& { return m.demandes; });
  suppress_column(s.months, raw.codes_created, [](MonthFigures& m) -> Count& { return m.share_codes_created; });
  suppress_column(s.months, raw.codes_checked, [](MonthFigures& m) -> Count& { return m.share_codes_checked; });
  suppress_column(s.months, raw.accounts_created, [](MonthFigures& m) -> Count& { return m.portal_accounts_created; });

  const std::int64_t automatic_total = automatic[0] + automatic[1] + automatic[2];
  for (std::size_t i = 0; i < 3; ++i) {
    s.by_level[i] = published(levels[i]);
    s.automatic[i] = published(automatic[i]);
  }
  // The shares give the total: with it, one hidden result could be given back.
  suppress_complement(
      {{automatic[0], &s.automatic[0]}, {automatic[1], &s.automatic[1]}, {automatic[2], &s.automatic[2]}});
  for (std::size_t i = 0; i < 3; ++i) s.automatic_share[i] = share(s.automatic[i], automatic_total);
  for (const auto& [type, n] : raw.by_type) s.by_partner_type.push_back({type, published(n)});
  // The types add up to the answers by level, which add up to the same total.
  std::vector<GroupCell> types;
  for (auto& t : s.by_partner_type) types.push_back({raw.by_type[t.type], &t.answers});
  suppress_complement(std::move(types));
  suppress_complement({{levels[0], &s.by_level[0]}, {levels[1], &s.by_level[1]}, {levels[2], &s.by_level[2]}});
  s.demandes = demande_figures(*filed, *pending, today, automatic_total, source.promised_days);
  s.share_codes_created = published(codes_created);
  s.share_codes_checked = published(codes_checked);
  s.portal_accounts_created = published(accounts_opened);
  s.portal_accounts = published(*accounts);
  s.opinions = std::move(*opinions);
  if (source.api_latency_seconds)
    if (auto seconds = source.api_latency_seconds()) s.api_latency_median_ms = *seconds * 1000;
  return s;
}

domain::Result<std::shared_ptr<const PublicStatistics>> StatisticsCache::get() {
  std::lock_guard lock(mutex_);
  const auto now = source_.clock.monotonic();
  if (current_ && now - computed_ < period_) return current_;
  auto computed = compute_statistics(source_);
  if (!computed) return computed.error();
  current_ = std::make_shared<const PublicStatistics>(std::move(*computed));
  computed_ = now;
  return current_;
}

}  // namespace ofpra::service
