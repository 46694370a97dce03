#include "domain/json_text.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

namespace ofpra::domain {
namespace {

std::string escaped(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

TEST(JsonText, PlainTextIsQuotedAsIs) {
  EXPECT_EQ(escaped(""), "\"\"");
  EXPECT_EQ(escaped("Ouverture de droits"), "\"Ouverture de droits\"");
  EXPECT_EQ(escaped("Müller أحمد"), "\"Müller أحمد\"");
}

TEST(JsonText, QuotesBackslashesAndControlCharactersAreEscapedWhereverTheyStand) {
  EXPECT_EQ(escaped("\"a\\b\""), R"("\"a\\b\"")");
  EXPECT_EQ(escaped("\n\r\t"), R"("\n\r\t")");
  EXPECT_EQ(escaped(std::string_view("x\0y\x1f", 4)), R"("x\u0000y\u001f")");
  EXPECT_EQ(escaped("a\"b\"c"), R"("a\"b\"c")");
}

TEST(JsonText, EveryByteStringRoundTripsThroughAJsonParser) {
  std::string all;
  for (int c = 1; c < 128; ++c) all += static_cast<char>(c);
  all += "é";
  const auto parsed = boost::json::parse(escaped(all));
  EXPECT_EQ(std::string(parsed.as_string()), all);
}

TEST(JsonText, AppendsAfterWhatIsAlreadyThere) {
  std::string out = "[1,";
  append_json_string(out, "a\"");
  EXPECT_EQ(out, R"([1,"a\"")");
}

}  // namespace
}  // namespace ofpra::domain
