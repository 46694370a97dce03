#include "domain/plain_text.hpp"

#include <gtest/gtest.h>

namespace ofpra {

TEST(PlainText, NoControlsNoOverridesAndSomethingToSee) {
  EXPECT_TRUE(domain::is_text_line("Régie des transports — Île-de-France", 200));
  EXPECT_TRUE(domain::is_text_line("مديرية النقل", 200));  // Arabic, with its own direction
  EXPECT_FALSE(domain::is_text_line("Régie\r\nÀ: dpo@exemple.fr", 200));
  EXPECT_FALSE(domain::is_text_line(std::string("Ré\0gie", 6), 200));
  EXPECT_FALSE(
      domain::is_text_line("abc\xE2\x80\xAE"
                           "fdp.exe",
                           200));  // U+202E, right-to-left override
  EXPECT_FALSE(
      domain::is_text_line("abc\xE2\x81\xA7"
                           "x",
                           200));                                      // U+2067, right-to-left isolate
  EXPECT_FALSE(domain::is_text_line("\xC2\x85", 200));                 // U+0085, a C1 control
  EXPECT_FALSE(domain::is_text_line("\xC3\x28", 200));                 // not UTF-8
  EXPECT_FALSE(domain::is_text_line("\xE2\x82", 200));                 // cut short
  EXPECT_FALSE(domain::is_text_line("\xC0\xAF", 200));                 // overlong
  EXPECT_FALSE(domain::is_text_line("  \xE2\x80\x8B\xC2\xA0 ", 200));  // spaces and a zero-width space only
  EXPECT_FALSE(domain::is_text_line(std::string(201, 'a'), 200));
  EXPECT_TRUE(domain::is_reason("Vu.\nAgent en formation."));
  EXPECT_FALSE(domain::is_reason("\xE2\x81\xA0\xEF\xBB\xBF"));  // word joiner and byte-order mark
  EXPECT_FALSE(domain::is_reason(std::string("\0\0", 2)));
  // 2,000 characters, whatever their bytes: accented French and Arabic get as much room as ASCII.
  std::string accented;
  for (int i = 0; i < 2000; ++i) accented += "é";
  EXPECT_TRUE(domain::is_reason(accented));
  EXPECT_FALSE(domain::is_reason(accented + "é"));
  EXPECT_TRUE(domain::is_reason(std::string(2000, 'a')));
  EXPECT_FALSE(domain::is_reason(std::string(2001, 'a')));
}

}  // namespace ofpra
