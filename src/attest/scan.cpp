#include "attest/scan.hpp"

#include "attest/datamatrix.hpp"

#include <cairo.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>
#include <turbojpeg.h>

#include <algorithm>
#include <memory>
#include <mutex>

namespace ofpra::attest {
namespace {

constexpr int pdf_resolution = 150;             // dots per inch: a module of the symbol is ~7 pixels
constexpr long max_pixels = 40L * 1000 * 1000;  // a 40-megapixel photo at most

bool starts_with(std::string_view content, std::string_view magic) { return content.substr(0, magic.size()) == magic; }

// Poppler writes what it finds wrong in a file to stderr; an uploaded file's faults are the
// verifier's answer (no symbol), not the server's log.
void quiet_poppler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

std::optional<GreyImage> from_pdf(std::string_view content) {
  quiet_poppler();
  std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(content.data(), static_cast<int>(content.size())));
  if (!document || document->is_locked() || document->pages() < 1) return std::nullopt;
  std::unique_ptr<poppler::page> page(document->create_page(0));
  if (!page) return std::nullopt;
  const auto box = page->page_rect();
  if (box.width() * box.height() * pdf_resolution * pdf_resolution / (72.0 * 72.0) > static_cast<double>(max_pixels))
    return std::nullopt;
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  const auto image = renderer.render_page(page.get(), pdf_resolution, pdf_resolution);
  if (!image.is_valid()) return std::nullopt;
  GreyImage grey{image.width(), image.height(), {}};
  grey.pixels.resize(static_cast<std::size_t>(grey.width) * static_cast<std::size_t>(grey.height));
  for (int row = 0; row < grey.height; ++row) {
    const auto* line = reinterpret_cast<const std::uint8_t*>(image.const_data()) +
                       static_cast<std::ptrdiff_t>(row) * image.bytes_per_row();
    std::copy(line, line + grey.width, grey.pixels.begin() + static_cast<std::ptrdiff_t>(row) * grey.width);
  }
  return grey;
}

struct PngReader {
  std::string_view rest;
};

cairo_status_t read_png(void* closure, unsigned char* data, unsigned int length) {
  auto* reader = static_cast<PngReader*>(closure);
  if (reader->rest.size() < length) return CAIRO_STATUS_READ_ERROR;
  std::copy_n(reader->rest.data(), length, data);
  reader->rest.remove_prefix(length);
  return CAIRO_STATUS_SUCCESS;
}

// The image's size from its header (IHDR, right after the signature), before anything is
// decoded: a small file can describe an image of billions of pixels.
bool png_size_allowed(std::string_view content) {
  if (content.size() < 24 || content.substr(12, 4) != "IHDR") return false;
  const auto be32 = [&](std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<std::uint8_t>(content[at + i]);
    return v;
  };
  const auto width = be32(16), height = be32(20);
  return width > 0 && height > 0 && width <= 65535 && height <= 65535 &&
         static_cast<long>(width) * static_cast<long>(height) <= max_pixels;
}

std::optional<GreyImage> from_png(std::string_view content) {
  if (!png_size_allowed(content)) return std::nullopt;
  PngReader reader{content};
  cairo_surface_t* surface = cairo_image_surface_create_from_png_stream(read_png, &reader);
  std::optional<GreyImage> grey;
  if (cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS) {
    cairo_surface_flush(surface);
    const int width = cairo_image_surface_get_width(surface);
    const int height = cairo_image_surface_get_height(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    const auto format = cairo_image_surface_get_format(surface);
    const unsigned char* data = cairo_image_surface_get_data(surface);
    if (data && static_cast<long>(width) * height <= max_pixels &&
        (format == CAIRO_FORMAT_ARGB32 || format == CAIRO_FORMAT_RGB24)) {
      grey = GreyImage{width, height, {}};
      grey->pixels.reserve(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
      for (int row = 0; row < height; ++row)
        for (int column = 0; column < width; ++column) {
          std::uint32_t p = 0;
          std::copy_n(data + row * stride + column * 4, 4, reinterpret_cast<unsigned char*>(&p));
          const unsigned alpha = p >> 24;
          // Transparent pixels are paper.
          const unsigned r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
          const unsigned level = (r * 299 + g * 587 + b * 114) / 1000;
          grey->pixels.push_back(static_cast<std::uint8_t>(format == CAIRO_FORMAT_ARGB32 && alpha < 128 ? 255 : level));
        }
    }
  }
  cairo_surface_destroy(surface);
  return grey;
}

std::optional<GreyImage> from_jpeg(std::string_view content) {
  tjhandle handle = tjInitDecompress();
  if (!handle) return std::nullopt;
  std::optional<GreyImage> grey;
  int width = 0, height = 0, subsampling = 0, colours = 0;
  const auto* bytes = reinterpret_cast<const unsigned char*>(content.data());
  if (tjDecompressHeader3(handle, bytes, static_cast<unsigned long>(content.size()), &width, &height, &subsampling,
                          &colours) == 0 &&
      width > 0 && height > 0 && static_cast<long>(width) * height <= max_pixels) {
    GreyImage image{width, height,
                    std::vector<std::uint8_t>(static_cast<std::size_t>(width) * static_cast<std::size_t>(height))};
    if (tjDecompress2(handle, bytes, static_cast<unsigned long>(content.size()), image.pixels.data(), width, 0, height,
                      TJPF_GRAY, 0) == 0)
      grey = std::move(image);
  }
  tjDestroy(handle);
  return grey;
}

}  // namespace

ScanResult scan(std::string_view content) {
  if (content.size() > max_scan_bytes) return {{}, ScanProblem::too_large};
  std::optional<GreyImage> image;
  if (starts_with(content, "%PDF-"))
    image = from_pdf(content);
  else if (starts_with(content, "\x89PNG\r\n\x1a\n"))
    image = from_png(content);
  else if (starts_with(content, "\xff\xd8\xff"))
    image = from_jpeg(content);
  else
    return {std::string(content), std::nullopt};
  if (!image) return {{}, ScanProblem::unreadable};
  auto found = decode_datamatrix(*image);
  if (!found) return {{}, ScanProblem::no_symbol};
  return {std::move(*found), std::nullopt};
}

}  // namespace ofpra::attest
