#pragma once
// ECC 200 DataMatrix symbols: drawn from the 2D-Doc's bytes (libdmtx), and read back from an
// image (a scan, a photo, a page rendered from a PDF) with zxing-cpp, which finds a symbol
// among a page's text in milliseconds where libdmtx takes seconds.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ofpra::attest {

// The symbol's modules, row by row from the top, true for dark; quiet zone not included.
struct Symbol {
  int size = 0;  // modules per side (square symbols only)
  std::vector<bool> dark;
  bool at(int row, int column) const {
    return dark[static_cast<std::size_t>(row) * static_cast<std::size_t>(size) + static_cast<std::size_t>(column)];
  }
};

// nullopt when the bytes do not fit the largest symbol.
std::optional<Symbol> encode_datamatrix(std::string_view bytes);

// An image in 8-bit grey levels, row by row.
struct GreyImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;
};

// The first symbol found, as bytes.
std::optional<std::string> decode_datamatrix(const GreyImage& image);

}  // namespace ofpra::attest
