#include "attest/datamatrix.hpp"

#include <ZXing/ReadBarcode.h>
#include <dmtx.h>

#include <algorithm>

namespace ofpra::attest {

std::optional<Symbol> encode_datamatrix(std::string_view bytes) {
  DmtxEncode* enc = dmtxEncodeCreate();
  if (!enc) return std::nullopt;
  dmtxEncodeSetProp(enc, DmtxPropSizeRequest, DmtxSymbolSquareAuto);
  dmtxEncodeSetProp(enc, DmtxPropModuleSize, 1);
  dmtxEncodeSetProp(enc, DmtxPropMarginSize, 0);
  std::string copy(bytes);
  std::optional<Symbol> symbol;
  if (dmtxEncodeDataMatrix(enc, static_cast<int>(copy.size()), reinterpret_cast<unsigned char*>(copy.data())) ==
      DmtxPass) {
    const int size = dmtxImageGetProp(enc->image, DmtxPropWidth);
    Symbol s;
    s.size = size;
    s.dark.resize(static_cast<std::size_t>(size) * static_cast<std::size_t>(size));
    for (int row = 0; row < size; ++row)
      for (int column = 0; column < size; ++column) {
        int value = 0;
        // libdmtx's image has its origin at the bottom left.
        dmtxImageGetPixelValue(enc->image, column, size - 1 - row, 0, &value);
        s.dark[static_cast<std::size_t>(row * size + column)] = value < 128;
      }
    symbol = std::move(s);
  }
  dmtxEncodeDestroy(&enc);
  return symbol;
}

// zxing's DataMatrix detector grows a white rectangle from the image's centre: a symbol in a
// corner of a page is found in a window centred near it. After the whole image, windows of a
// half then a third of each side, a quarter of a window apart, from the top right.
std::optional<std::string> decode_datamatrix(const GreyImage& image) {
  if (image.width <= 0 || image.height <= 0 ||
      image.pixels.size() != static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height))
    return std::nullopt;
  const ZXing::ImageView whole(image.pixels.data(), image.width, image.height, ZXing::ImageFormat::Lum);
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::DataMatrix);
  hints.setTryHarder(true);
  hints.setTryRotate(true);
  const auto read = [&hints](const ZXing::ImageView& view) -> std::optional<std::string> {
    const auto result = ZXing::ReadBarcode(view, hints);
    if (!result.isValid()) return std::nullopt;
    const auto& bytes = result.bytes();
    return std::string(bytes.begin(), bytes.end());
  };
  if (auto found = read(whole)) return found;
  for (const int parts : {2, 3}) {
    const int w = image.width / parts, h = image.height / parts;
    // From the top right, where an attestation prints its 2D-Doc (docs/ATTESTATIONS.md).
    for (int top = 0; top + h <= image.height; top += std::max(1, h / 4))
      for (int left = image.width - w; left >= 0; left -= std::max(1, w / 4))
        if (auto found = read(whole.cropped(left, top, w, h))) return found;
  }
  return std::nullopt;
}

}  // namespace ofpra::attest
