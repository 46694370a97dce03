#include "matching/matcher.hpp"
#include "matching/phonetic.hpp"
#include "matching/similarity.hpp"

#include <gtest/gtest.h>

using namespace ofpra;
using namespace ofpra::matching;

TEST(Phonetic, TransliterationVariantsShareASkeleton) {
  for (const char* v : {"MUHAMMAD", "MOHAMED", "MOHAMAD", "MOUHAMED", "MOHAMMED"})
    EXPECT_EQ(skeleton(v), skeleton("MOHAMMAD")) << v;
  for (const char* v : {"ALEXANDRE", "OLEKSANDR", "ALEKSANDER"}) EXPECT_EQ(skeleton(v), skeleton("ALEKSANDR")) << v;
  EXPECT_EQ(skeleton("ABDULQADIR"), skeleton("ABDELKADER"));
  EXPECT_EQ(skeleton("TSEHAY"), skeleton("SEHAYE"));
  EXPECT_EQ(skeleton("AHMADY"), skeleton("AHMADI"));
  EXPECT_EQ(skeleton("HASSAN"), skeleton("HASAN"));
  EXPECT_NE(skeleton("SARA"), skeleton("HASAN"));
  EXPECT_NE(skeleton("ALI"), skeleton("OLGA"));
  EXPECT_EQ(skeleton(""), "");
}

TEST(Similarity, JaroWinklerKnownValues) {
  EXPECT_DOUBLE_EQ(jaro_winkler("MARTHA", "MARTHA"), 1.0);
  EXPECT_NEAR(jaro_winkler("MARTHA", "MARHTA"), 0.961, 0.001);
  EXPECT_NEAR(jaro_winkler("DIXON", "DICKSONX"), 0.813, 0.001);
  EXPECT_DOUBLE_EQ(jaro_winkler("ABC", "XYZ"), 0.0);
  EXPECT_DOUBLE_EQ(jaro_winkler("", "A"), 0.0);
  EXPECT_DOUBLE_EQ(jaro_winkler(std::string(100, 'A'), std::string(100, 'A')), 1.0);  // long inputs are safe
}

TEST(Similarity, TokensInAnyOrderAndCompounds) {
  EXPECT_DOUBLE_EQ(tokens_similarity({"REZA", "MOHAMMAD"}, {"MOHAMMAD", "REZA"}), 1.0);
  EXPECT_GT(tokens_similarity({"ABDULRAHMAN"}, {"ABDUL", "RAHMAN"}), 0.95);
  EXPECT_GT(tokens_similarity({"MOHAMAD"}, {"MOHAMMAD", "REZA"}), 0.75);  // a given name missing
  EXPECT_LT(tokens_similarity({"SARA"}, {"HASAN"}), 0.8);
  EXPECT_DOUBLE_EQ(tokens_similarity({}, {}), 1.0);
}

namespace {

domain::Person person(std::string nom, std::vector<std::string> prenoms, const char* date, domain::Sex sexe) {
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

}  // namespace

TEST(Score, DatesCountAtThePrecisionBothHave) {
  const auto p = person("AHMADI", {"Sara"}, "2015-03-02", domain::Sex::female);
  const auto exact = score(query("AHMADI", {"Sara"}, "2015-03-02"), p);
  const auto swapped = score(query("AHMADI", {"Sara"}, "2015-02-03"), p);
  const auto year = score(query("AHMADI", {"Sara"}, "2015"), p);
  const auto placeholder = score(query("AHMADI", {"Sara"}, "2015-01-01"), p);
  const auto other_year = score(query("AHMADI", {"Sara"}, "2019-03-02"), p);
  EXPECT_DOUBLE_EQ(exact.date, 1.0);
  EXPECT_GT(swapped.date, year.date - 0.1);  // swapped scores lower than exact, not excluded
  EXPECT_LT(swapped.date, exact.date);
  EXPECT_DOUBLE_EQ(placeholder.date, year.date);  // 1 January says only the year
  EXPECT_DOUBLE_EQ(other_year.date, 0.0);
  EXPECT_GE(exact.total, accept_threshold);
  EXPECT_LT(other_year.total, accept_threshold);
}

TEST(Score, ADifferentSexOrCountryIsAVeto) {
  const auto p = person("AHMADI", {"Mohammad"}, "1990-05-17", domain::Sex::male);
  auto q = query("AHMADI", {"Mohammad"}, "1990-05-17");
  EXPECT_GE(score(q, p).total, accept_threshold);
  q.sexe = domain::Sex::female;
  EXPECT_LT(score(q, p).total, accept_threshold);
  q.sexe.reset();
  q.code_pays_naissance = "99351";
  EXPECT_LT(score(q, p).total, accept_threshold);
}

TEST(Decide, OneClearlyAheadIsFoundSeveralCloseAreAmbiguousNoneGoodIsNotFound) {
  auto s = [](double total) {
    Score x;
    x.total = total;
    return x;
  };
  auto found = decide({s(0.95), s(0.70), s(0.60)});
  EXPECT_EQ(found.verdict, Verdict::found);
  EXPECT_EQ(found.best, 0u);
  auto close = decide({s(0.80), s(0.93), s(0.90)});
  EXPECT_EQ(close.verdict, Verdict::ambiguous);
  EXPECT_EQ(close.contenders.size(), 2u);
  EXPECT_EQ(decide({s(0.85), s(0.5)}).verdict, Verdict::not_found);
  EXPECT_EQ(decide({}).verdict, Verdict::not_found);
}
