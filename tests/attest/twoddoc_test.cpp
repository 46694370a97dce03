// The 2D-Doc's text: base32 as RFC 4648 writes it, the header and message as the specification
// lays them out (GS after a variable field cut short, RS after one truncated, nothing after a
// fixed one), read back field by field; anything else is refused with a reason.
#include "attest/twoddoc.hpp"
#include "attest/base32.hpp"

#include <gtest/gtest.h>

using namespace ofpra::attest;
using namespace std::chrono;

TEST(Base32, RfcVectorsWithoutPaddingAndBack) {
  EXPECT_EQ(base32_encode(""), "");
  EXPECT_EQ(base32_encode("f"), "MY");
  EXPECT_EQ(base32_encode("foob"), "MZXW6YQ");
  EXPECT_EQ(base32_encode("foobar"), "MZXW6YTBOI");
  EXPECT_EQ(base32_decode("MZXW6YTBOI"), "foobar");
  EXPECT_EQ(base32_decode("MZXW6YTBOI======"), "foobar");
  EXPECT_EQ(base32_decode("MZXW6YQ="), "foob");
  EXPECT_FALSE(base32_decode("MZXW6YT1"));  // 1 is not in the alphabet
  std::string bytes;
  for (int i = 0; i < 64; ++i) bytes += static_cast<char>(i * 37);
  EXPECT_EQ(base32_encode(bytes).size(), 103u);  // a P-256 signature, as the 2D-Doc writes it
  EXPECT_EQ(base32_decode(base32_encode(bytes)), bytes);
}

namespace {
TwoDDocHeader header() {
  TwoDDocHeader h;
  h.authority = "FR00";
  h.certificate = "OC01";
  h.issued = sys_days{year{2026} / December / 7};
  h.signed_on = sys_days{year{2026} / December / 7};
  h.document_type = "ZZ";
  return h;
}
}  // namespace

TEST(TwoDDoc, HeaderAndFieldsAsTheSpecificationLaysThemOut) {
  // 0x266D days after 2000-01-01 is 7 December 2026.
  EXPECT_EQ(hex_days(sys_days{year{2026} / December / 7}), "266D");
  EXPECT_EQ(from_hex_days("266D"), sys_days{year{2026} / December / 7});
  EXPECT_EQ(hex_days(sys_days{year{2010} / March / 5}), "0E84");  // the specification's example
  EXPECT_FALSE(from_hex_days("FFFF"));
  const std::vector<TwoDDocField> fields{{"01", "ABC", false},
                                         {"62", "AHMADI", false},
                                         {"69", "00001990", false},
                                         {"60", "MOHAMMAD/REZA", false},
                                         {"6A", std::string(40, 'X'), false},
                                         {"6M", "REFUGIE", false}};
  const auto text = signed_text(header(), fields);
  EXPECT_EQ(text,
            "DC04FR00OC01266D266DZZ01FR"
            "01ABC\x1d"
            "62AHMADI\x1d"
            "6900001990"  // fixed length: no separator
            "60MOHAMMAD/REZA\x1d"
            "6A" +
                std::string(32, 'X') +
                "\x1e"         // cut at its 32 characters, marked truncated
                "6MREFUGIE");  // the last field needs no separator
  const auto signature = std::string(64, '\x5a');
  auto parsed = parse_twoddoc(with_signature(text, signature));
  ASSERT_TRUE(std::holds_alternative<TwoDDoc>(parsed)) << std::get<std::string>(parsed);
  const auto& doc = std::get<TwoDDoc>(parsed);
  EXPECT_EQ(doc.signed_text, text);
  EXPECT_EQ(doc.signature, signature);
  EXPECT_EQ(doc.header.authority, "FR00");
  EXPECT_EQ(doc.header.certificate, "OC01");
  EXPECT_EQ(doc.header.document_type, "ZZ");
  EXPECT_EQ(doc.header.signed_on, sys_days{year{2026} / December / 7});
  ASSERT_EQ(doc.fields.size(), 6u);
  EXPECT_EQ(doc.field("60")->value, "MOHAMMAD/REZA");
  EXPECT_EQ(doc.field("69")->value, "00001990");
  EXPECT_EQ(doc.field("6A")->value, std::string(32, 'X'));
  EXPECT_TRUE(doc.field("6A")->truncated);
  EXPECT_EQ(doc.field("6M")->value, "REFUGIE");

  // Readers that print the separators as <GS>, <RS>, <US> are understood too.
  std::string printed = with_signature(text, signature);
  for (auto [from, to] : {std::pair{'\x1d', "<GS>"}, {'\x1e', "<RS>"}, {'\x1f', "<US>"}})
    for (auto at = printed.find(from); at != std::string::npos; at = printed.find(from)) printed.replace(at, 1, to);
  auto again = parse_twoddoc(printed + "\n");
  ASSERT_TRUE(std::holds_alternative<TwoDDoc>(again));
  EXPECT_EQ(std::get<TwoDDoc>(again).signed_text, text);
}

TEST(TwoDDoc, WhatIsNotOneIsRefusedWithAReason) {
  const auto good = signed_text(header(), {{"01", "ABC", false}, {"69", "17051990", false}});
  const auto signature = base32_encode(std::string(64, 'a'));
  for (const std::string& bad : {std::string("hello"), std::string("DC03FR00OC01266D266DZZ01") + "\x1f" + signature,
                                 good,                    // no signature
                                 good + "\x1f" + "AAAA",  // a signature too short
                                 good + "\x1f" + signature.substr(0, 100) + "!!!",
                                 "DC04FR00OC01266D266DZZ01FR" + std::string("99XYZ") + "\x1f" + signature,
                                 "DC04FR00OC01266D266DZZ01FR" + std::string("69123") + "\x1f" + signature,
                                 "DC04fr00OC01266D266DZZ01FR01A" + std::string("\x1f") + signature,
                                 "DC04FR00OC01GGGG266DZZ01FR01A" + std::string("\x1f") + signature}) {
    auto parsed = parse_twoddoc(bad);
    ASSERT_TRUE(std::holds_alternative<std::string>(parsed)) << bad;
    EXPECT_FALSE(std::get<std::string>(parsed).empty());
  }
}
