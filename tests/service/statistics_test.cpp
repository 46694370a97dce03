// The public statistics over a real journal and store: every published figure is the direct
// count of what was answered, a count below ten is never published, a hidden count cannot be
// given back from a total, and the requests' delays are counted in working days.
#include "service/statistics.hpp"

#include "domain/working_days.hpp"
#include "service/door_fixture.hpp"

using namespace ofpra;
using namespace test_support;
using domain::Scope;

namespace {

service::DisclosureRequest by_number(std::string numero, std::vector<Scope> scopes) {
  service::DisclosureRequest r;
  r.subject = {service::SubjectKind::numero_ofpra, std::move(numero), {}, std::nullopt};
  r.scopes = std::move(scopes);
  r.purpose = "Ouverture de droits";
  r.recipient = caf_siret;
  return r;
}

service::PublicStatistics compute(Fixture& f) {
  auto s = service::compute_statistics({*f.db, f.clock, 5, [] { return std::optional<double>(0.0025); }});
  EXPECT_TRUE(s) << (s ? "" : s.error().message);
  return *s;
}

const service::MonthFigures& month(const service::PublicStatistics& s, std::string_view m) {
  for (const auto& x : s.months)
    if (x.month == m) return x;
  ADD_FAILURE() << "no month " << m;
  return s.months.front();
}

// The journal's entries as a direct count: found answers to administrations by month and the
// highest level given.
std::map<std::pair<std::string, int>, std::int64_t> direct_count(Fixture& f) {
  std::map<std::pair<std::string, int>, std::int64_t> out;
  auto all = f.db->journal().search({.limit = 100000});
  for (const auto& e : *all) {
    if (e.result != domain::JournalResult::found || e.channel == domain::JournalChannel::portal) continue;
    int level = 0;
    for (const auto& s : e.scopes_given)
      level = std::max(level, s.starts_with("etat_civil.identite") || s.starts_with("etat_civil.famille") ? 3
                              : s == "etat_civil.avancement"                                              ? 2
                                                                                                          : 1);
    ++out[{e.recorded_at.substr(0, 7), level}];
  }
  return out;
}

}  // namespace

TEST(Statistics, ACountBelowTenIsNotPublishedNorGivenBackByATotal) {
  EXPECT_FALSE(service::published(9));
  EXPECT_EQ(service::published(10), 10);
  // 50, 5 and 30 of a total that can be known: 5 hidden alone would be given back.
  service::Count a = 50, b = service::published(5), c = 30;
  service::suppress_complement({{50, &a}, {5, &b}, {30, &c}});
  EXPECT_EQ(a, 50);
  EXPECT_FALSE(b);
  EXPECT_FALSE(c);  // the smallest other: what is hidden now adds up to 35
  // Two hidden that add up to less than ten: their sum would be given back.
  service::Count d = service::published(3), e = service::published(4), g = 40, h = 60;
  service::suppress_complement({{3, &d}, {4, &e}, {40, &g}, {60, &h}});
  EXPECT_FALSE(g);
  EXPECT_EQ(h, 60);
  // Hidden counts that add up to ten or more need nothing more.
  service::Count i = service::published(6), j = service::published(7), k = 40;
  service::suppress_complement({{6, &i}, {7, &j}, {40, &k}});
  EXPECT_EQ(k, 40);
  // Hidden counts that add up to nothing tell of nobody.
  service::Count zero = service::published(0), l = 25;
  service::suppress_complement({{0, &zero}, {25, &l}});
  EXPECT_EQ(l, 25);
  // A count never published (closed = settled − answered) counts as hidden.
  service::Count answered = 30;
  service::suppress_complement({{30, &answered}, {4, nullptr}});
  EXPECT_FALSE(answered);
}

TEST(Statistics, TheFiguresAreTheJournalsCountsMonthByMonth) {
  Fixture f(at(2026, 1, 5));
  const auto caf = f.client(f.caf, caf_siret);
  // February: 25 identity answers (level 3), 12 protection-only (level 1), 3 not found, one
  // ambiguity (journaled three times: the question and each candidate).
  f.clock.t = at(2026, 2, 10);
  for (int i = 0; i < 25; ++i) f.ask(caf, by_number(her, {Scope::protection, Scope::civil_status_identity}));
  for (int i = 0; i < 12; ++i) f.ask(caf, by_number("223456789", {Scope::protection}));
  for (int i = 0; i < 3; ++i) f.ask(caf, by_number("999999999", {Scope::protection}));
  ambiguous_answer(f);
  // March: 15 level-1 answers and 11 not found.
  f.clock.t = at(2026, 3, 16);
  for (int i = 0; i < 15; ++i) f.ask(caf, by_number(her, {Scope::protection}));
  for (int i = 0; i < 11; ++i) f.ask(caf, by_number("999999998", {Scope::protection}));
  f.clock.t = at(2026, 4, 2);
  const auto s = compute(f);
  ASSERT_EQ(s.months.size(), 12u);
  EXPECT_EQ(s.first_month, "2025-05");
  EXPECT_EQ(s.last_month, "2026-04");

  const auto counted = direct_count(f);
  const auto& feb = month(s, "2026-02");
  EXPECT_EQ(feb.by_level[2], counted.at({"2026-02", 3}));
  EXPECT_EQ(feb.by_level[2], 25);
  EXPECT_EQ(feb.by_level[0], 12);
  EXPECT_FALSE(feb.by_level[1]);    // none
  EXPECT_EQ(feb.automatic[0], 37);  // found
  EXPECT_FALSE(feb.automatic[1]);   // 3 not found: below ten
  EXPECT_FALSE(feb.automatic[2]);   // one question, however many candidates were journaled
  const auto& mar = month(s, "2026-03");
  EXPECT_EQ(mar.by_level[0], counted.at({"2026-03", 1}));
  // 11 not found in March, but with February's 3 hidden and the period's total published, the
  // 3 would be given back: March's is hidden too.
  EXPECT_FALSE(mar.automatic[1]);
  EXPECT_EQ(mar.automatic[0], 15);
  // Over the period: level 1 is 27; not found 14; the single ambiguity stays hidden, and with
  // the shares published the smallest other result is hidden too.
  EXPECT_EQ(s.by_level[0], 27);
  EXPECT_FALSE(s.by_level[1]);  // none: hidden, and what it hides tells of nobody
  EXPECT_EQ(s.by_level[2], 25);
  EXPECT_FALSE(s.automatic[2]);
  EXPECT_FALSE(s.automatic[1]);  // the smallest other, so that the total does not give the 1 back
  EXPECT_EQ(s.automatic[0], 52);
  ASSERT_TRUE(s.automatic_share[0]);
  EXPECT_NEAR(*s.automatic_share[0], 100.0 * 52 / 67, 0.05);
  ASSERT_EQ(s.by_partner_type.size(), 1u);
  EXPECT_EQ(s.by_partner_type[0].type, "caf");
  EXPECT_EQ(s.by_partner_type[0].answers, 52);
  EXPECT_DOUBLE_EQ(*s.api_latency_median_ms, 2.5);
  EXPECT_FALSE(s.portal_accounts);
}

TEST(Statistics, RequestsToOfpraAreTimedInWorkingDaysAgainstThePromise) {
  Fixture f;
  const auto support = f.staff("support@ofpra.fr");
  // Twelve requests filed on Thursday 2 April 2026, settled after 1 to 12 working days (Easter
  // Monday, 1 May and 8 May are not counted).
  std::vector<std::string> ids;
  f.clock.t = at(2026, 4, 2);
  for (int i = 0; i < 12; ++i) {
    const auto follows = ambiguous_answer(f);
    auto filed = service::file_demande(*f.demandes, f.client(f.caf, caf_siret), {by_identity(), "Qui ?", follows});
    ids.push_back(std::get<service::Filing>(filed).demande.id);
  }
  for (int i = 0; i < 12; ++i) {
    f.clock.t = at(2026, 4, 2) + std::chrono::hours(1);
    const auto day = domain::add_working_days(domain::day_of(f.clock.t), i + 1);
    f.clock.t = at(day.year, day.month, day.day);
    ASSERT_TRUE(service::close_demande(*f.demandes, support, ids[static_cast<std::size_t>(i)],
                                       domain::ClosingReason::insufficient, "Son numéro AGDREF ?"));
  }
  f.clock.t = at(2026, 5, 20);
  const auto s = compute(f);
  EXPECT_EQ(s.demandes.filed, 12);
  EXPECT_EQ(s.demandes.settled, 12);
  EXPECT_FALSE(s.demandes.answered);
  EXPECT_EQ(s.demandes.promised_days, 5);
  EXPECT_EQ(s.demandes.median_days, 6);   // nearest rank: the 6th of 1…12
  EXPECT_EQ(s.demandes.p90_days, 11);     // the 11th
  EXPECT_FALSE(s.demandes.within_delay);  // 5 of 12 by the fifth working day: 5 is below ten
  EXPECT_FALSE(s.demandes.pending);
}
