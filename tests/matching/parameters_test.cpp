#include "matching/parameters.hpp"

#include <gtest/gtest.h>

using namespace ofpra::matching;

TEST(Parameters, TheEmbeddedFileParsesAndSaysHowItWasMade) {
  const auto& p = default_parameters();
  EXPECT_FALSE(p.provenance.empty());
  EXPECT_GT(p.accept_posterior, 0.5);
  EXPECT_GT(p.lead_bits, 0);
  // Agreement is evidence for, disagreement against.
  EXPECT_GT(p.family[0].m, p.family[0].u);
  EXPECT_LT(p.family[3].m, p.family[3].u);
  EXPECT_GT(p.date[0].m, p.date[0].u);
}

TEST(Parameters, FormatThenParseGivesTheSame) {
  auto p = default_parameters();
  p.provenance = "made by a test\nsecond line\n";
  p.given[2] = {0.0625, 0.125};
  auto again = parse_parameters(format_parameters(p));
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->provenance.substr(0, 15), "made by a test\n");
  EXPECT_DOUBLE_EQ(again->given[2].m, 0.0625);
  EXPECT_DOUBLE_EQ(again->given[2].u, 0.125);
  EXPECT_DOUBLE_EQ(again->lead_bits, p.lead_bits);
}

TEST(Parameters, BadFilesAreRefusedWithTheirLine) {
  const auto good = format_parameters(default_parameters());
  auto missing = parse_parameters(good.substr(0, good.find("date")));
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("every level"), std::string::npos);
  auto bad = parse_parameters("family exact 1.5 0.1\n");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("line 1"), std::string::npos);
  EXPECT_FALSE(parse_parameters("family nearly 0.5 0.1\n"));
  EXPECT_FALSE(parse_parameters("lead_bits -1\n"));
  // Not a number, a lead of nothing, a level given twice, a disagreement weighing for.
  EXPECT_FALSE(parse_parameters(good + "extra_word_bits -inf\n"));
  EXPECT_FALSE(parse_parameters(std::string(good).replace(good.find("lead_bits"), 12, "lead_bits 0\n")));
  EXPECT_FALSE(parse_parameters(good + "family   exact 0.5 0.1\n"));
  auto twisted = default_parameters();
  twisted.given[3] = {0.9, 0.1};
  EXPECT_FALSE(parse_parameters(format_parameters(twisted)));
}
