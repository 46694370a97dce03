#pragma once
// Bar charts drawn on the server as SVG (the statistics page, docs/STATISTICS.md): no script, an
// accessible name and description, each bar's value in its own title, and a value that is not
// published drawn as no bar at all. The data table beside each chart carries the same figures.
#include <optional>
#include <string>
#include <vector>

namespace ofpra::web {

struct ChartSeries {
  std::string name;
  std::vector<std::optional<double>> values;  // one per category; nullopt: not published
};

struct BarChart {
  std::string id;                            // unique on the page: the title's and description's ids derive from it
  std::string title;                         // the accessible name
  std::string description;                   // what it shows, where the figures are (the table beside)
  std::vector<std::string> categories = {};  // the x axis (vertical bars) or the rows (horizontal bars)
  std::vector<ChartSeries> series = {};      // at most four, drawn in the classes ofpra-chart__s0…3
  bool horizontal = false;                   // one series, a bar per category, its label before it
  // Bars and labels mirrored for a right-to-left page; the SVG itself is laid out left to right
  // (direction="ltr", whatever the page's), so that an anchor means the same side, and each
  // label's own script still reads in its direction.
  bool rtl = false;
  std::string lang = {};  // numbers in this language's digits and separators
};

// The <svg> element, its text escaped.
std::string render_bar_chart(const BarChart& chart);

}  // namespace ofpra::web
