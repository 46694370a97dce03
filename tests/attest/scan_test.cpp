// DataMatrix drawn and read back, and the 2D-Doc found on a rendered attestation page (PDF, by
// poppler) wherever it sits; what is not an image is taken as the 2D-Doc's text.
#include "attest/scan.hpp"
#include "attest/attestation_pdf.hpp"
#include "attest/datamatrix.hpp"

#include <gtest/gtest.h>

using namespace ofpra::attest;

namespace {
const std::string payload = std::string("DC04FR00OC01266D266DZZ01FR01ABCDEFGHJKLM\x1d") + "62AHMADI\x1d" +
                            "6MREFUGIE\x1f" + std::string(103, 'Q');

GreyImage drawn(const Symbol& s, int scale, int quiet) {
  const int side = (s.size + 2 * quiet) * scale;
  GreyImage image{side, side, std::vector<std::uint8_t>(static_cast<std::size_t>(side * side), 255)};
  for (int y = 0; y < side; ++y)
    for (int x = 0; x < side; ++x) {
      const int row = y / scale - quiet, column = x / scale - quiet;
      if (row >= 0 && column >= 0 && row < s.size && column < s.size && s.at(row, column))
        image.pixels[static_cast<std::size_t>(y * side + x)] = 0;
    }
  return image;
}
}  // namespace

TEST(DataMatrix, DrawnAndReadBack) {
  auto symbol = encode_datamatrix(payload);
  ASSERT_TRUE(symbol);
  EXPECT_GE(symbol->size, 40);
  EXPECT_EQ(decode_datamatrix(drawn(*symbol, 4, 2)), payload);
  EXPECT_FALSE(decode_datamatrix(GreyImage{10, 10, std::vector<std::uint8_t>(100, 255)}));
  EXPECT_FALSE(decode_datamatrix(GreyImage{10, 10, {}}));  // pixels missing
  EXPECT_FALSE(encode_datamatrix(std::string(5000, 'A')));
}

TEST(Scan, FindsTheSymbolOnARenderedPage) {
  AttestationDocument d;
  d.issuer = {"République française", ""};
  d.title = {"Attestation de protection internationale", ""};
  d.statement = {"L'OFPRA atteste.", ""};
  d.rows = {{{"Nom de naissance", ""}, "AHMADI"}};
  d.validity = {"Valable jusqu'au 9 mars 2027.", ""};
  d.how_to_verify = {"Pour la vérifier : scannez le code.", ""};
  d.symbol = *encode_datamatrix(payload);
  d.created = "2026-12-07";
  const auto pdf = render_attestation_pdf(d);
  ASSERT_TRUE(pdf.starts_with("%PDF-"));
  const auto read = scan(pdf);
  ASSERT_FALSE(read.problem);
  EXPECT_EQ(read.twoddoc, payload);
  // The same PDF again is the same bytes: an attestation's file does not depend on when it is drawn.
  EXPECT_EQ(render_attestation_pdf(d), pdf);

  EXPECT_EQ(scan("DC04 as typed").twoddoc, "DC04 as typed");
  EXPECT_EQ(scan("%PDF-1.5 garbage").problem, ScanProblem::unreadable);
  EXPECT_EQ(scan("\x89PNG\r\n\x1a\n garbage").problem, ScanProblem::unreadable);
  EXPECT_EQ(scan("\xff\xd8\xff garbage").problem, ScanProblem::unreadable);
  // A few bytes describing 20,000 × 20,000 pixels are refused before anything is decoded.
  const std::string huge("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x4e\x20\x00\x00\x4e\x20\x08\x00\x00\x00\x00",
                         29);
  EXPECT_EQ(scan(huge).problem, ScanProblem::unreadable);
  EXPECT_EQ(scan(std::string(max_scan_bytes + 1, 'x')).problem, ScanProblem::too_large);
  // A page without a symbol.
  d.symbol = {};
  EXPECT_EQ(scan(render_attestation_pdf(d)).problem, ScanProblem::no_symbol);
}
