#include "domain/json_strict.hpp"

#include <gtest/gtest.h>

using ofpra::domain::has_repeated_member;

TEST(JsonStrict, AMemberNamedTwiceIsFoundAtAnyDepth) {
  EXPECT_TRUE(has_repeated_member(R"({"a":1,"a":2})"));
  EXPECT_TRUE(has_repeated_member(R"({"x":{"b":[{"c":1,"d":2,"c":3}]}})"));
  // Names are compared as they read, escapes undone.
  EXPECT_TRUE(has_repeated_member(R"({"motif":"x","\u006dotif":"y"})"));
}

TEST(JsonStrict, TheSameNameInSeparateObjectsIsNoRepeat) {
  EXPECT_FALSE(has_repeated_member(R"({"a":{"a":1},"b":[{"a":1},{"a":2}]})"));
  EXPECT_FALSE(has_repeated_member(R"({"A":1,"a":2})"));
  EXPECT_FALSE(has_repeated_member(R"([1,2,"a","a"])"));
}

TEST(JsonStrict, TextThatIsNotJsonIsLeftToItsParser) {
  EXPECT_FALSE(has_repeated_member(""));
  EXPECT_FALSE(has_repeated_member(R"({"a":1,)"));
}
