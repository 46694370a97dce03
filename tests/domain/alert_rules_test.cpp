// Each alert rule over the journal (issue 27), fed entries as the journal writes them: the
// pattern raises its alert once, with its evidence; ordinary use raises nothing.
#include "domain/alert_rules.hpp"

#include "domain/partial_date.hpp"

#include <gtest/gtest.h>

#include <cstdio>

namespace ofpra {
namespace {

using domain::AlertRule;
using domain::JournalChannel;
using domain::JournalResult;

constexpr auto caf = "73282932000074";

struct Feed {
  domain::AlertRules rules;
  std::int64_t seq = 0;
  std::vector<domain::Alert> raised;

  // n entries of the partner on that day at that hour (UTC).
  void add(int n, const std::string& day, int hour, JournalResult result, const std::string& partner = caf,
           const std::string& agent = {}, JournalChannel channel = JournalChannel::api, bool in_force = true) {
    for (int i = 0; i < n; ++i) {
      domain::JournalEntry e;
      e.seq = ++seq;
      char at[32];
      std::snprintf(at, sizeof at, "%sT%02d:%02d:00.000Z", day.c_str(), hour, i % 60);
      e.recorded_at = at;
      e.channel = channel;
      e.partner_siret = partner;
      e.agent = agent;
      e.result = result;
      for (auto& a : rules.observe(e, in_force)) raised.push_back(std::move(a));
    }
  }
  std::vector<domain::Alert> of(AlertRule rule) const {
    std::vector<domain::Alert> out;
    for (const auto& a : raised)
      if (a.rule == rule) out.push_back(a);
    return out;
  }
};

std::string day(int n) { return domain::civil_from_days(domain::days_from_civil(2026, 3, 1) + n).to_string(); }

TEST(AlertRules, ADayFarAboveThePartnersMedianRaisesVolumeOnce) {
  Feed f;
  for (int d = 0; d < 20; ++d) f.add(40, day(d), 10, JournalResult::found);
  EXPECT_TRUE(f.raised.empty());
  f.add(119, day(20), 10, JournalResult::found);  // not above 3 × 40
  EXPECT_TRUE(f.of(AlertRule::volume).empty());
  f.add(30, day(20), 11, JournalResult::found);
  auto volume = f.of(AlertRule::volume);
  ASSERT_EQ(volume.size(), 1u);
  EXPECT_EQ(volume[0].subject, caf);
  EXPECT_EQ(volume[0].day, day(20));
  EXPECT_EQ(volume[0].seq, 20 * 40 + 121);  // the entry that crossed 3 × the median
  EXPECT_NE(volume[0].evidence.find("médiane des 20 jours précédents : 40"), std::string::npos) << volume[0].evidence;
}

TEST(AlertRules, ANewPartnerIsNotJudgedOnItsFirstDays) {
  Feed f;
  f.add(5, day(0), 10, JournalResult::found);
  f.add(500, day(1), 10, JournalResult::found);
  EXPECT_TRUE(f.of(AlertRule::volume).empty());
}

TEST(AlertRules, FishingIsAHighShareOfNobodyOrSeveralFoundPerPartnerAndPerAgent) {
  Feed f;
  f.add(15, day(0), 10, JournalResult::found, caf, "agent-1");
  f.add(10, day(0), 10, JournalResult::not_found, caf, "agent-2");
  EXPECT_TRUE(f.of(AlertRule::fishing).empty());  // agent-2 has 10 answers: below the minimum
  f.add(12, day(0), 10, JournalResult::ambiguous, caf, "agent-2");
  auto fishing = f.of(AlertRule::fishing);
  ASSERT_EQ(fishing.size(), 2u);
  // The partner as soon as half its answers are unresolved (15 of 30), the agent once she has
  // enough answers to judge (20 of 20).
  EXPECT_EQ(fishing[0].subject, caf);
  EXPECT_NE(fishing[0].evidence.find("15 réponses sur 30"), std::string::npos) << fishing[0].evidence;
  EXPECT_EQ(fishing[1].subject, std::string(caf) + "/agent-2");
  EXPECT_NE(fishing[1].evidence.find("20 réponses sur 20"), std::string::npos) << fishing[1].evidence;
  // A refusal is not an answer: it neither dilutes nor raises.
  Feed g;
  g.add(40, day(0), 10, JournalResult::refused);
  EXPECT_TRUE(g.of(AlertRule::fishing).empty());
}

TEST(AlertRules, QueriesAtNightRaiseOncePerPartnerAndDay) {
  Feed f;
  f.add(30, day(0), 14, JournalResult::found);
  f.add(9, day(0), 23, JournalResult::found);
  EXPECT_TRUE(f.of(AlertRule::night).empty());
  f.add(5, day(0), 3, JournalResult::found);
  ASSERT_EQ(f.of(AlertRule::night).size(), 1u);
  EXPECT_EQ(f.of(AlertRule::night)[0].day, day(0));
}

TEST(AlertRules, AnAnswerWithoutAHabilitationInForceRaisesAtOnce) {
  Feed f;
  f.add(3, day(0), 10, JournalResult::found, caf, {}, JournalChannel::counter, true);
  EXPECT_TRUE(f.raised.empty());
  f.add(1, day(0), 10, JournalResult::refused, caf, {}, JournalChannel::api, false);  // refused: nothing told
  EXPECT_TRUE(f.raised.empty());
  f.add(2, day(0), 10, JournalResult::found, caf, {}, JournalChannel::api, false);
  auto after = f.of(AlertRule::after_end);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].seq, 5);
}

TEST(AlertRules, ManyRefusedShareCodesInADayRaise) {
  Feed f;
  f.add(29, day(0), 10, JournalResult::refused, "", {}, JournalChannel::share_code_page);
  EXPECT_TRUE(f.raised.empty());
  f.add(1, day(0), 10, JournalResult::refused, "", {}, JournalChannel::share_code_page);
  ASSERT_EQ(f.of(AlertRule::share_codes).size(), 1u);
  f.add(10, day(0), 11, JournalResult::refused, "", {}, JournalChannel::share_code_page);
  EXPECT_EQ(f.of(AlertRule::share_codes).size(), 1u);  // once a day
  f.add(30, day(1), 10, JournalResult::refused, "", {}, JournalChannel::share_code_page);
  EXPECT_EQ(f.of(AlertRule::share_codes).size(), 2u);
}

TEST(AlertRules, ThePersonsOwnViewsAndExportsAreNotPartnersQueries) {
  Feed f;
  f.add(100, day(0), 3, JournalResult::not_found, caf, {}, JournalChannel::portal, false);
  f.add(100, day(0), 3, JournalResult::exported, caf, {}, JournalChannel::export_, false);
  EXPECT_TRUE(f.raised.empty());
}

}  // namespace
}  // namespace ofpra
