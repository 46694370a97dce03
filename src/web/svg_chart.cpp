#include "web/svg_chart.hpp"

#include "web/locale_format.hpp"

#include <algorithm>
#include <cmath>

namespace ofpra::web {
namespace {

std::string escaped(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += ch;
    }
  return out;
}

std::string num(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", x);
  return text;
}

std::string value_text(const BarChart& c, double v) {
  return v == std::floor(v) ? format_number(c.lang, static_cast<std::int64_t>(v)) : format_decimal(c.lang, v);
}

double largest(const BarChart& c) {
  double top = 0;
  for (const auto& s : c.series)
    for (const auto& v : s.values)
      if (v) top = std::max(top, *v);
  return top > 0 ? top : 1;
}

// A round scale top at or above the largest value: 1, 2 or 5 times a power of ten.
double scale_top(double top) {
  const double power = std::pow(10.0, std::floor(std::log10(top)));
  for (double step : {1.0, 2.0, 5.0, 10.0})
    if (step * power >= top) return step * power;
  return 10 * power;
}

void open_svg(std::string& out, const BarChart& c, double width, double height) {
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ofpra-chart\" viewBox=\"0 0 " + num(width) + " " +
         num(height) + "\" role=\"img\" direction=\"ltr\" aria-labelledby=\"" + c.id + "-titre " + c.id + "-desc\">";
  out += "<title id=\"" + c.id + "-titre\">" + escaped(c.title) + "</title>";
  out += "<desc id=\"" + c.id + "-desc\">" + escaped(c.description) + "</desc>";
}

std::string rect(double x, double y, double w, double h, std::size_t series, const std::string& tip) {
  return "<rect class=\"ofpra-chart__s" + std::to_string(series % 4) + "\" x=\"" + num(x) + "\" y=\"" + num(y) +
         "\" width=\"" + num(w) + "\" height=\"" + num(h) + "\"><title>" + escaped(tip) + "</title></rect>";
}

std::string text_at(double x, double y, std::string_view anchor, std::string_view content,
                    std::string_view extra_class = {}) {
  return "<text class=\"ofpra-chart__label" + std::string(extra_class.empty() ? "" : " ") + std::string(extra_class) +
         "\" x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" + std::string(anchor) + "\">" +
         escaped(content) + "</text>";
}

// Categories along the x axis, a group of bars each; a light grid at the scale's quarters.
std::string vertical(const BarChart& c) {
  const double width = 600, height = 320, left = 60, right = 12, top = 16, bottom = 48;
  const double plot_w = width - left - right, plot_h = height - top - bottom;
  const double scale = scale_top(largest(c));
  const auto n = std::max<std::size_t>(c.categories.size(), 1);
  const double group = plot_w / static_cast<double>(n);
  const double bar = std::min(28.0, group * 0.8 / static_cast<double>(std::max<std::size_t>(c.series.size(), 1)));
  auto x_of = [&](double x) { return c.rtl ? width - x : x; };  // mirrored for a right-to-left page
  std::string out;
  open_svg(out, c, width, height);
  for (int q = 0; q <= 4; ++q) {
    const double y = top + plot_h - plot_h * q / 4;
    out += "<line class=\"ofpra-chart__grid\" x1=\"" + num(x_of(left)) + "\" x2=\"" + num(x_of(width - right)) +
           "\" y1=\"" + num(y) + "\" y2=\"" + num(y) + "\"/>";
    out += text_at(x_of(left - 6), y + 4, c.rtl ? "start" : "end", value_text(c, scale * q / 4));
  }
  for (std::size_t i = 0; i < c.categories.size(); ++i) {
    const double g0 = left + group * static_cast<double>(i);
    const double used = bar * static_cast<double>(c.series.size());
    for (std::size_t s = 0; s < c.series.size(); ++s) {
      const auto& v = c.series[s].values[i];
      if (!v || *v <= 0) continue;
      const double h = plot_h * *v / scale;
      const double x = g0 + (group - used) / 2 + bar * static_cast<double>(s);
      out += rect(c.rtl ? width - x - bar : x, top + plot_h - h, bar, h, s,
                  c.categories[i] + ", " + c.series[s].name + " : " + value_text(c, *v));
    }
    out += text_at(x_of(g0 + group / 2), height - bottom + 18, "middle", c.categories[i]);
  }
  out += "</svg>";
  return out;
}

// A bar per category, its label above it, its value after it.
std::string horizontal(const BarChart& c) {
  const double width = 600, left = 12, right = 110, row = 48, top = 8;
  const double height = top + row * static_cast<double>(c.categories.size()) + 8;
  const double plot_w = width - left - right;
  const double scale = largest(c);
  std::string out;
  open_svg(out, c, width, height);
  const auto& values = c.series.empty() ? std::vector<std::optional<double>>{} : c.series.front().values;
  for (std::size_t i = 0; i < c.categories.size(); ++i) {
    const double y = top + row * static_cast<double>(i);
    out += text_at(c.rtl ? width - left : left, y + 15, c.rtl ? "end" : "start", c.categories[i]);
    const auto& v = i < values.size() ? values[i] : std::nullopt;
    const double w = v && *v > 0 ? plot_w * *v / scale : 0;
    if (w > 0)
      out += rect(c.rtl ? width - left - w : left, y + 22, w, 18, 0, c.categories[i] + " : " + value_text(c, *v));
    const double after = left + w + 6;
    out += text_at(c.rtl ? width - after : after, y + 37, c.rtl ? "end" : "start",
                   v ? value_text(c, *v) : std::string("—"), "ofpra-chart__value");
  }
  out += "</svg>";
  return out;
}

}  // namespace

std::string render_bar_chart(const BarChart& chart) { return chart.horizontal ? horizontal(chart) : vertical(chart); }

}  // namespace ofpra::web
