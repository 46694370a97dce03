#include "matching/matcher.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace ofpra;
using namespace ofpra::matching;

namespace {

domain::Person person(std::string nom, std::vector<std::string> prenoms, const char* date,
                      domain::Sex sexe = domain::Sex::female) {
  domain::Person p;
  p.numero_ofpra = "123456789";
  p.nom_naissance = std::move(nom);
  p.prenoms = std::move(prenoms);
  p.date_naissance = *domain::PartialDate::parse(date);
  p.sexe = sexe;
  p.code_pays_naissance = "99212";
  return p;
}

IdentityQuery query(std::string nom, std::vector<std::string> prenoms, const char* date) {
  return {std::move(nom), std::move(prenoms), *domain::PartialDate::parse(date), std::nullopt, std::nullopt};
}

// A registry of `common` persons named MOHAMMADI Mohammad and one TESFAMARIAM Filmon, among
// others, so that term frequencies mean something.
CandidateIndex registry(int common) {
  CandidateIndex index;
  std::uint32_t n = 0;
  for (int i = 0; i < common; ++i) index.add(n++, person("MOHAMMADI", {"Mohammad"}, "1950", domain::Sex::male));
  const char* family[] = {"AHMADI", "NOORI", "HAIDARI", "RAHIMI", "KARIMI", "SADAT", "WARDAK", "POPAL"};
  const char* given[] = {"Ali", "Sara", "Zahra", "Omid", "Nadia", "Reza", "Farid", "Laila"};
  for (int i = 0; i < 400; ++i) index.add(n++, person(family[i % 8], {given[(i / 8) % 8]}, "1960"));
  index.add(n++, person("TESFAMARIAM", {"Filmon"}, "1990-04-12", domain::Sex::male));
  index.finish();
  return index;
}

}  // namespace

TEST(Score, DatesCountAtThePrecisionBothHave) {
  const auto index = registry(10);
  const auto p = person("AHMADI", {"Sara"}, "2015-03-02");
  auto weight = [&](const char* date) { return QueryScorer(query("AHMADI", {"Sara"}, date), index.statistics())(p); };
  const auto exact = weight("2015-03-02"), swapped = weight("2015-02-03"), year = weight("2015"),
             placeholder = weight("2015-01-01"), other_day = weight("2015-03-09"), other_year = weight("2019-03-02");
  EXPECT_GT(exact.date, swapped.date);
  EXPECT_GT(exact.date, year.date);
  EXPECT_GT(year.date, 0);
  EXPECT_GT(placeholder.date, 0);  // 1 January: the year agrees, nothing more
  EXPECT_FALSE(placeholder.veto);
  EXPECT_TRUE(other_day.veto);  // both days known and different: another person
  EXPECT_TRUE(other_year.veto);
  EXPECT_GE(exact.total, default_parameters().accept_posterior);
  EXPECT_LT(other_day.total, 0.01);
}

TEST(Score, ADifferentSexOrCountryIsAVeto) {
  const auto index = registry(10);
  const auto p = person("AHMADI", {"Sara"}, "2015-03-02", domain::Sex::female);
  auto q = query("AHMADI", {"Sara"}, "2015-03-02");
  q.sexe = domain::Sex::female;
  EXPECT_FALSE(QueryScorer(q, index.statistics())(p).veto);
  q.sexe = domain::Sex::male;
  EXPECT_TRUE(QueryScorer(q, index.statistics())(p).veto);
  q.sexe.reset();
  q.code_pays_naissance = "99206";
  EXPECT_TRUE(QueryScorer(q, index.statistics())(p).veto);
}

TEST(Score, ACommonNameProvesLessThanARareOne) {
  const auto index = registry(200);
  const auto common = QueryScorer(query("MOHAMMADI", {"Mohammad"}, "1950"),
                                  index.statistics())(person("MOHAMMADI", {"Mohammad"}, "1950", domain::Sex::male));
  const auto rare = QueryScorer(query("TESFAMARIAM", {"Filmon"}, "1990"),
                                index.statistics())(person("TESFAMARIAM", {"Filmon"}, "1990-04-12", domain::Sex::male));
  EXPECT_GT(rare.names, common.names + 8);
  EXPECT_LT(common.total, default_parameters().accept_posterior);
  EXPECT_GE(rare.total, default_parameters().accept_posterior);
}

TEST(Score, EveryAgreeingGivenNameCountsAndSpellingsAreWeakerThanTheSame) {
  const auto index = registry(10);
  const auto p = person("NOORI", {"Zahra", "Laila"}, "1960-05-05");
  const auto& s = index.statistics();
  const auto both = QueryScorer(query("NOORI", {"Zahra", "Laila"}, "1960"), s)(p);
  const auto first = QueryScorer(query("NOORI", {"Zahra"}, "1960"), s)(p);
  const auto spelling = QueryScorer(query("NOORI", {"Zohra"}, "1960"), s)(p);
  const auto other = QueryScorer(query("NOORI", {"Nadia"}, "1960"), s)(p);
  EXPECT_GT(both.names, first.names);
  EXPECT_GT(first.names, spelling.names);
  EXPECT_GT(spelling.names, other.names + 2);
  const auto swapped = QueryScorer(query("Zahra", {"NOORI"}, "1960"), s)(p);
  EXPECT_GT(swapped.names, other.names);
  EXPECT_LT(swapped.names, first.names);
}

TEST(Score, TheBoundIsNeverBelowTheScore) {
  const auto index = registry(20);
  for (const auto& q : {query("NOORI", {"Zohra", "Laila"}, "1960"), query("MOHAMADI", {"Mohamad"}, "1950"),
                        query("Sara", {"AHMADI"}, "1960-01-01"), query("TESFAMARYAM", {"Filmon"}, "1990")}) {
    const QueryScorer scorer(q, index.statistics());
    for (const auto& p : {person("NOORI", {"Zahra", "Laila"}, "1960-05-05"), person("AHMADI", {"Sara"}, "1960"),
                          person("MOHAMMADI", {"Mohammad"}, "1950", domain::Sex::male),
                          person("TESFAMARIAM", {"Filmon"}, "1990-04-12", domain::Sex::male)}) {
      const auto s = scorer(p);
      EXPECT_LE(s.weight, scorer.bound({p.date_naissance, p.sexe, p.code_pays_naissance}) + 1e-9) << q.nom_naissance;
    }
  }
}

TEST(Decide, OneClearlyAheadIsFoundSeveralCloseAreAmbiguousNoneGoodIsNotFound) {
  auto s = [](double weight) {
    Score x;
    x.weight = x.unvetoed = weight;
    x.total = 1 / (1 + std::exp2(-weight));
    return x;
  };
  const auto& p = default_parameters();
  const double enough = weight_of(p.accept_posterior) + 1;
  auto found = decide({s(enough), s(enough - p.lead_bits - 1), s(-5)});
  EXPECT_EQ(found.verdict, Verdict::found);
  EXPECT_EQ(found.best, 0u);
  auto close = decide({s(-3), s(enough + 2), s(enough)});
  EXPECT_EQ(close.verdict, Verdict::ambiguous);
  EXPECT_EQ(close.contenders.size(), 2u);
  EXPECT_EQ(decide({s(enough - 2), s(-10)}).verdict, Verdict::not_found);
  EXPECT_EQ(decide({}).verdict, Verdict::not_found);
}

TEST(CandidateIndex, FindsSpellingsOfTheYearAskedAndLearnsFromAliases) {
  CandidateIndex index;
  auto a = person("ZAHEDI", {"Parisa"}, "1985-02-02");
  a.alias.push_back({"ZAHIDI", {"Parisa"}});
  // Three persons whose aliases write POPALZAI as BOPALZAI: a pattern, learned.
  auto b = person("POPALZAI", {"Nadia"}, "1970");
  b.alias.push_back({"BOPALZAI", {"Nadia"}});
  auto c = person("POPALZAI", {"Omid"}, "1971", domain::Sex::male);
  c.alias.push_back({"BOPALZAI", {"Omid"}});
  auto e = person("POPALZAI", {"Farid"}, "1972", domain::Sex::male);
  e.alias.push_back({"BOPALZAI", {"Farid"}});
  auto d = person("POPALZAI", {"Laila"}, "1990-06-01");
  index.add(0, a);
  index.add(1, b);
  index.add(2, c);
  index.add(3, d);
  index.add(4, e);
  index.finish();
  EXPECT_EQ(index.statistics().learned_pairs(), 1u);
  auto found = [&](IdentityQuery q) {
    const QueryScorer scorer(q, index.statistics());
    std::vector<std::uint32_t> out;
    if (auto hits = index.candidates(scorer))
      for (const auto& x : *hits) out.push_back(x.person);
    return out;
  };
  EXPECT_EQ(found(query("ZAHEDI", {"Parisa"}, "1985")), std::vector<std::uint32_t>{0});
  EXPECT_TRUE(found(query("ZAHEDI", {"Parisa"}, "1986")).empty());  // a year off is a veto
  // Laila has no alias, but her family name's learned spelling finds her.
  EXPECT_EQ(found(query("BOPALZAI", {"Laila"}, "1990")), std::vector<std::uint32_t>{3});
}
