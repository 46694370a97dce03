#include "attest/attestation_pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>

namespace ofpra::attest {
namespace {

constexpr double page_width = 595.276;  // A4 in points
constexpr double page_height = 841.89;
constexpr double margin = 48;
constexpr double text_width = page_width - 2 * margin;
constexpr double symbol_side = 120;  // 2D-Doc: about 42 mm, well above a reader's minimum module size
// Debian's Noto fonts (fonts-noto-core), each script in its own, never a system fallback.
constexpr const char* font_families = "Noto Sans,Noto Naskh Arabic,Noto Sans Ethiopic";

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

class Page {
 public:
  Page(cairo_t* cr, const AttestationDocument& d) : cr_(cr), d_(d) {}

  // One text block at the cursor; returns its height. In her language, the paragraph's own
  // direction sets its side (pango mirrors the alignment for right-to-left text).
  double text(const std::string& markup_free, double size, bool bold, const std::string& language, double x,
              double width, const char* tag) {
    if (markup_free.empty()) return 0;
    PangoLayout* layout = pango_cairo_create_layout(cr_);
    PangoFontDescription* font = pango_font_description_from_string(font_families);
    pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
    pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    // Her language's own direction, whatever its first letters: a Dari sentence that starts with
    // "OFPRA" is still right to left (pango would take the direction from the first strong letter).
    if (!d_.own_language.empty() && language == d_.own_language && d_.own_right_to_left) {
      pango_layout_set_auto_dir(layout, FALSE);
      pango_context_set_base_dir(pango_layout_get_context(layout), PANGO_DIRECTION_RTL);
      pango_layout_context_changed(layout);
      pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT);
    } else {
      pango_layout_set_auto_dir(layout, TRUE);
    }
    PangoAttrList* attributes = pango_attr_list_new();
    pango_attr_list_insert(attributes, pango_attr_language_new(pango_language_from_string(language.c_str())));
    pango_layout_set_attributes(layout, attributes);
    pango_attr_list_unref(attributes);
    pango_layout_set_text(layout, markup_free.c_str(), -1);
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    cairo_tag_begin(cr_, tag, nullptr);
    cairo_move_to(cr_, x, y_);
    pango_cairo_show_layout(cr_, layout);
    cairo_tag_end(cr_, tag);
    g_object_unref(layout);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  // French first, then her language below it.
  void bilingual(const Bilingual& b, double size, bool bold, const char* tag, double width = text_width) {
    y_ += text(b.fr, size, bold, "fr", margin, width, tag) + 2;
    if (!b.own.empty()) y_ += text(b.own, size, bold, d_.own_language, margin, width, tag) + 2;
  }

  void gap(double points) { y_ += points; }

  // A new page when fewer than `needed` points are left on this one.
  void room(double needed) {
    if (y_ + needed <= page_height - margin) return;
    cairo_show_page(cr_);
    y_ = margin;
  }

  void rows() {
    cairo_tag_begin(cr_, "Table", nullptr);
    const double label_width = text_width * 0.55;
    for (const auto& row : d_.rows) {
      room(row.label.own.empty() ? 22 : 34);
      const double top = y_;
      cairo_tag_begin(cr_, "TR", nullptr);
      double left = text(row.label.fr, 9.5, false, "fr", margin, label_width, "TH");
      if (!row.label.own.empty()) {
        y_ += left + 1;
        left += 1 + text(row.label.own, 9.5, false, d_.own_language, margin, label_width, "TH");
        y_ = top;
      }
      const double right =
          text(row.value, 10.5, true, "fr", margin + label_width + 8, text_width - label_width - 8, "TD");
      cairo_tag_end(cr_, "TR");
      y_ = top + std::max(left, right) + 5;
      cairo_set_source_rgb(cr_, 0.85, 0.85, 0.85);
      cairo_rectangle(cr_, margin, y_ - 3, text_width, 0.5);
      cairo_fill(cr_);
      cairo_set_source_rgb(cr_, 0, 0, 0);
    }
    cairo_tag_end(cr_, "Table");
  }

  // The 2D-Doc and its caption below. An image of one pixel per module, scaled without smoothing: crisp at any
  // resolution, with no seam between modules as separate rectangles would leave once rasterised.
  void symbol(double x, double y) {
    const auto& s = d_.symbol;
    if (s.size == 0) return;
    const int quiet = 2;  // modules of white around the symbol
    const int side = s.size + 2 * quiet;
    cairo_surface_t* image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, side, side);
    auto* data = cairo_image_surface_get_data(image);
    const int stride = cairo_image_surface_get_stride(image);
    for (int row = 0; row < side; ++row)
      for (int column = 0; column < side; ++column) {
        const bool dark = row >= quiet && column >= quiet && row < quiet + s.size && column < quiet + s.size &&
                          s.at(row - quiet, column - quiet);
        const std::uint32_t pixel = dark ? 0x000000u : 0xffffffu;
        std::memcpy(data + row * stride + column * 4, &pixel, 4);
      }
    cairo_surface_mark_dirty(image);
    cairo_tag_begin(cr_, "Figure", nullptr);
    cairo_save(cr_);
    cairo_translate(cr_, x, y);
    cairo_scale(cr_, symbol_side / side, symbol_side / side);
    cairo_set_source_surface(cr_, image, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr_), CAIRO_FILTER_NEAREST);
    cairo_paint(cr_);
    cairo_restore(cr_);
    const double below = y_;
    y_ = y + symbol_side + 2;
    text(d_.symbol_caption, 6.5, false, "fr", x, symbol_side, "Caption");
    y_ = below;
    cairo_tag_end(cr_, "Figure");
    cairo_surface_destroy(image);
  }

  double y() const { return y_; }
  void at(double y) { y_ = y; }

 private:
  cairo_t* cr_;
  const AttestationDocument& d_;
  double y_ = margin;
};

}  // namespace

std::string render_attestation_pdf(const AttestationDocument& d) {
  std::string pdf;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &pdf, page_width, page_height);
  cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, d.title.fr.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, d.issuer.fr.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Ofpra Connect");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, d.created.c_str());
  cairo_t* cr = cairo_create(surface);
  cairo_tag_begin(cr, "Document", nullptr);

  // The 2D-Doc at the top right of the first page, whatever follows (a long family): where a
  // reader looks for it, never pushed off the page. The heading texts run beside it.
  // (Text first: cairo 1.16 refuses a tagged page whose first content is an image.)
  Page page(cr, d);
  const double beside = text_width - symbol_side - 16;
  page.bilingual(d.issuer, 10, true, "P", beside);
  page.symbol(page_width - margin - symbol_side, margin);
  page.gap(10);
  page.bilingual(d.title, 17, true, "H1", beside);
  page.gap(4);
  if (!d.test_notice.fr.empty()) {
    cairo_set_source_rgb(cr, 0.75, 0.1, 0.1);
    page.bilingual(d.test_notice, 9.5, true, "P", beside);
    cairo_set_source_rgb(cr, 0, 0, 0);
  }
  page.at(std::max(page.y(), margin + symbol_side + 14) + 6);
  page.bilingual(d.statement, 10.5, false, "P");
  page.gap(10);
  page.rows();
  page.gap(10);
  page.room(40);
  page.bilingual(d.validity, 10, false, "P");
  page.gap(10);
  page.room(80);
  page.bilingual(d.how_to_verify, 9, false, "P");

  cairo_tag_end(cr, "Document");
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return pdf;
}

}  // namespace ofpra::attest
