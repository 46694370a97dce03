#include "service/opinions.hpp"
#include "support/temp_database.hpp"

#include <gtest/gtest.h>

using namespace ofpra;

using Fixture = test_support::TempDatabase;

TEST(Opinions, EveryFieldInErrorIsNamedAndNothingIsStored) {
  Fixture f;
  service::NewOpinion bad{"ailleurs", "fr", "peut-etre", 9, std::string(1001, 'x')};
  std::vector<std::string> fields;
  for (const auto& e : service::opinion_field_errors(bad)) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"parcours", "utile", "facilite", "commentaire"}));
  EXPECT_FALSE(service::give_opinion(f.db->portal(), bad, f.clock));
  EXPECT_FALSE(service::give_opinion(f.db->portal(), {"codes", "fr", "oui", 4, "a\x01b"}, f.clock));
  EXPECT_TRUE(f.db->portal().opinion_counts()->empty());
}

TEST(Opinions, FiguresAreCountedAndNoCountBelowTenIsPublished) {
  Fixture f;
  for (int i = 0; i < 12; ++i)
    ASSERT_TRUE(
        service::give_opinion(f.db->portal(), {"codes", "ar", i < 9 ? "oui" : "non", i < 6 ? 5 : 2, ""}, f.clock));
  ASSERT_TRUE(service::give_opinion(f.db->portal(), {"verification", "fr", "en_partie", 3, "Clair."}, f.clock));
  auto figures = service::opinion_figures(f.db->portal());
  ASSERT_TRUE(figures);
  ASSERT_EQ(figures->size(), service::opinion_journeys.size());
  const auto& codes = (*figures)[1];
  EXPECT_EQ(codes.journey, "codes");
  EXPECT_EQ(codes.answers, 12);
  EXPECT_EQ(codes.useful[0], std::nullopt);  // 9 "oui": fewer than 10, not published
  EXPECT_EQ(codes.useful[2], std::nullopt);
  ASSERT_TRUE(codes.mean_ease);
  EXPECT_DOUBLE_EQ(*codes.mean_ease, (6 * 5 + 6 * 2) / 12.0);
  const auto& verification = (*figures)[2];
  EXPECT_EQ(verification.answers, std::nullopt);  // one answer: nothing about it is published
  EXPECT_EQ(verification.mean_ease, std::nullopt);
}
