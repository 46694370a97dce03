// What watching the journal for alerts costs per entry (domain/alert_rules), against the naive
// way a rule would be checked without incremental counts: at each entry, count the partner's
// day and its 30 days before again from the entries kept. Synthetic journal: PARTNERS partners
// with 10 agents each, ENTRIES entries over 40 days, a fifth of answers unresolved.
// Usage: alert_rules [ENTRIES] [PARTNERS]. What it says here: docs/PERFORMANCE.md, "Alert rules".
#include "domain/alert_rules.hpp"
#include "domain/partial_date.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace {

using namespace ofpra;

std::vector<domain::JournalEntry> journal(std::size_t n, int partners) {
  std::mt19937_64 random(7);
  std::vector<domain::JournalEntry> out(n);
  const auto first = domain::days_from_civil(2026, 1, 1);
  for (std::size_t i = 0; i < n; ++i) {
    auto& e = out[i];
    e.seq = static_cast<std::int64_t>(i) + 1;
    const auto day = domain::civil_from_days(first + static_cast<std::int64_t>(i * 40 / n)).to_string();
    char at[40];
    std::snprintf(at, sizeof at, "%sT%02d:00:00.000Z", day.c_str(), static_cast<int>(random() % 24));
    e.recorded_at = at;
    e.channel = domain::JournalChannel::api;
    e.partner_siret = "P" + std::to_string(random() % static_cast<unsigned>(partners));
    e.agent = "agent-" + std::to_string(random() % 10);
    e.result = random() % 5 == 0 ? domain::JournalResult::not_found : domain::JournalResult::found;
  }
  return out;
}

// The naive check of the volume and fishing rules at each entry: every entry of the partner in
// the 31 days up to it, counted again.
std::size_t naive(const std::vector<domain::JournalEntry>& entries) {
  std::size_t raised = 0;
  std::map<std::string, std::vector<const domain::JournalEntry*>> by_partner;
  for (const auto& e : entries) {
    auto& mine = by_partner[e.partner_siret];
    mine.push_back(&e);
    const auto day = e.recorded_at.substr(0, 10);
    std::map<std::string, std::int64_t> days;
    std::int64_t unresolved = 0;
    for (auto it = mine.rbegin(); it != mine.rend(); ++it) {
      const auto d = (*it)->recorded_at.substr(0, 10);
      if (d < domain::civil_from_days(domain::days_from_civil(std::stoi(day.substr(0, 4)), std::stoi(day.substr(5, 2)),
                                                              std::stoi(day.substr(8, 2))) -
                                      31)
                  .to_string())
        break;
      ++days[d];
      if (d == day && (*it)->result == domain::JournalResult::not_found) ++unresolved;
    }
    std::vector<std::int64_t> before;
    for (const auto& [d, count] : days)
      if (d != day) before.push_back(count);
    std::sort(before.begin(), before.end());
    const double median = before.empty() ? 0 : static_cast<double>(before[before.size() / 2]);
    if (days[day] >= 50 && static_cast<double>(days[day]) > 3 * median) ++raised;
    if (days[day] >= 20 && unresolved * 2 >= days[day]) ++raised;
  }
  return raised;
}

template <class F>
double nanoseconds_each(std::size_t n, F run) {
  const auto start = std::chrono::steady_clock::now();
  run();
  return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count() /
         static_cast<double>(n);
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t n = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
  const int partners = argc > 2 ? std::atoi(argv[2]) : 200;
  const auto entries = journal(n, partners);
  std::size_t raised = 0;
  const double rules = nanoseconds_each(n, [&] {
    domain::AlertRules r;
    for (const auto& e : entries) raised += r.observe(e, true).size();
  });
  // The naive way grows with the journal: measured on a slice that keeps its run short.
  const std::size_t slice = std::min<std::size_t>(n, 100'000);
  const std::vector<domain::JournalEntry> first(entries.begin(), entries.begin() + static_cast<std::ptrdiff_t>(slice));
  std::size_t naive_raised = 0;
  const double scan = nanoseconds_each(slice, [&] { naive_raised = naive(first); });
  const double rules_slice = nanoseconds_each(slice, [&] {
    domain::AlertRules r;
    for (const auto& e : first) (void)r.observe(e, true);
  });
  std::printf("entries %zu, partners %d: alert rules %.0f ns/entry (%zu alerts)\n", n, partners, rules, raised);
  std::printf("first %zu entries: alert rules %.0f ns/entry, naive recount %.0f ns/entry: %.1fx (%zu naive hits)\n",
              slice, rules_slice, scan, scan / rules_slice, naive_raised);
}
