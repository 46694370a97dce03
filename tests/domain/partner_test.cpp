#include "domain/partner.hpp"
#include "domain/vocabulary.hpp"

#include <gtest/gtest.h>

using namespace ofpra::domain;

TEST(Siret, AcceptsLuhnValidNumbers) {
  EXPECT_TRUE(is_siret("73282932000074"));  // a published example SIRET
  EXPECT_TRUE(is_siret("35600000000048"));  // La Poste: digit sum multiple of 5
}

TEST(Siret, RejectsEverythingElse) {
  EXPECT_FALSE(is_siret("73282932000075"));
  EXPECT_FALSE(is_siret("7328293200007"));
  EXPECT_FALSE(is_siret("732829320000744"));
  EXPECT_FALSE(is_siret("7328293200007a"));
  EXPECT_FALSE(is_siret(""));
}

TEST(Vocabulary, WordsRoundTripAndUnknownWordsAreRefused) {
  for (auto w : words_of_AdministrationType()) {
    auto t = parse_AdministrationType(w);
    ASSERT_TRUE(t);
    EXPECT_EQ(to_string(*t), w);
  }
  EXPECT_EQ(to_string(ProtectionType::subsidiary), "protection_subsidiaire");
  EXPECT_EQ(to_string(EndReason::withdrawal), "retrait");
  EXPECT_FALSE(parse_ProtectionType("Refugie"));
  EXPECT_FALSE(parse_FileStage(""));
}
