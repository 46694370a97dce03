#include "web/typed_input.hpp"

#include <gtest/gtest.h>

using namespace ofpra::web;

TEST(TypedInput, DigitsOfEveryScriptAreRead) {
  EXPECT_EQ(ascii_digits("١٢٣٤٥٦٧٨٩"), "123456789");                // Arabic-Indic
  EXPECT_EQ(ascii_digits("۱۲۳۴۵۶۷۸۹"), "123456789");                // Persian (Dari, Pashto)
  EXPECT_EQ(ascii_digits("१२३"), "123");                            // Devanagari
  EXPECT_EQ(ascii_digits("１２３"), "123");                         // full-width
  EXPECT_EQ(ascii_digits("\u200F١٧/٠٥/١٩٩٠\u200E"), "17/05/1990");  // marks an RTL keyboard adds
  EXPECT_EQ(ascii_digits("ABC-2٣4"), "ABC-234");
  EXPECT_EQ(ascii_digits("é\xff"), "é\xff");  // other text kept as it came, invalid bytes too
}

TEST(TypedInput, DatesAreReadInTheOrderPeopleWriteThem) {
  EXPECT_EQ(typed_date("17/05/1990"), "1990-05-17");
  EXPECT_EQ(typed_date("5/8/1994"), "1994-08-05");  // day first, as in France
  EXPECT_EQ(typed_date("5 8 1994"), "1994-08-05");
  EXPECT_EQ(typed_date(" 17.05.1990 "), "1990-05-17");
  EXPECT_EQ(typed_date("05/1990"), "1990-05");
  EXPECT_EQ(typed_date("1990"), "1990");
  EXPECT_EQ(typed_date("1990-05-17"), "1990-05-17");
  EXPECT_EQ(typed_date("1990-5"), "1990-05");
  EXPECT_EQ(typed_date("١٧/٠٥/١٩٩٠"), "1990-05-17");
  EXPECT_EQ(typed_date("۱۳۶۹"), "1369");  // read, not converted: the field's check takes it as a year
  for (const char* wrong : {"", "17/05/90", "17051990", "mai 1990", "1990/05/17/3", "123/05/1990", "17/05/1990x"})
    EXPECT_EQ(typed_date(wrong), std::nullopt) << wrong;
}
