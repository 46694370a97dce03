#include "web/statistics_page.hpp"

#include "service/statistics.hpp"
#include "web/i18n.hpp"
#include "web/locale_format.hpp"
#include "web/svg_chart.hpp"

#include <boost/json.hpp>

namespace ofpra::web {
namespace {

namespace json = boost::json;
using service::Count;

std::optional<double> as_value(const Count& c) {
  return c ? std::optional<double>(static_cast<double>(*c)) : std::nullopt;
}

struct Writer {
  const Visit& v;
  std::string lang() const { return std::string(v.language->code); }
  std::string count(const Count& n) const {
    if (n) return format_number(lang(), *n);
    return filled(v.t("statistics_fewer_than"), "{n}", format_number(lang(), service::smallest_published_count));
  }
  std::string percent(const std::optional<double>& x) const {
    if (!x) return v.t("statistics_not_enough");
    return filled(v.t("statistics_percent"), "{n}", format_decimal(lang(), *x));
  }
  std::string days(const std::optional<int>& n) const {
    if (!n) return v.t("statistics_not_enough");
    return filled(v.t("statistics_days"), "{n}", format_number(lang(), *n));
  }
  // "5/25", in the page's digits: short enough for a chart's axis of twelve months (the table
  // beside says "mai 2025").
  std::string short_month(const std::string& month) const {
    return format_number(lang(), std::stoi(month.substr(5, 2))) + "/" +
           format_number(lang(), std::stoi(month.substr(2, 2)));
  }
  std::string month(const std::string& m) const { return format_date_text(lang(), m); }
  // The month's name, saying so of the month under way (its figures are partial).
  std::string month_row(const std::string& m, const service::PublicStatistics& s) const {
    return m == s.last_month ? filled(v.t("statistics_month_in_progress"), "{mois}", month(m)) : month(m);
  }
  // The chart, or (nothing published yet) a sentence in its place.
  std::string chart(BarChart c) const {
    c.rtl = v.language->dir == "rtl";
    c.lang = lang();
    for (const auto& series : c.series)
      for (const auto& value : series.values)
        if (value && *value > 0) return render_bar_chart(c);
    return {};
  }
  json::array legend(const std::vector<std::string>& names) const {
    json::array out;
    for (std::size_t i = 0; i < names.size(); ++i)
      out.push_back(json::object{{"name", names[i]}, {"swatch", "s" + std::to_string(i)}});
    return out;
  }
};

json::object levels_section(const Writer& w, const service::PublicStatistics& s) {
  std::vector<std::string> names;
  for (int i = 1; i <= 3; ++i) names.push_back(w.v.t("statistics_level_" + std::to_string(i)));
  BarChart chart{"graphique-niveaux", w.v.t("statistics_levels_heading"), w.v.t("statistics_chart_desc"), {}, {}};
  for (std::size_t i = 0; i < 3; ++i) chart.series.push_back({names[i], {}});
  json::array rows;
  for (const auto& m : s.months) {
    chart.categories.push_back(w.short_month(m.month));
    json::array cells;
    for (std::size_t i = 0; i < 3; ++i) {
      chart.series[i].values.push_back(as_value(m.by_level[i]));
      cells.push_back(json::string(w.count(m.by_level[i])));
    }
    rows.push_back(json::object{{"label", w.month_row(m.month, s)}, {"cells", std::move(cells)}});
  }
  json::array totals;
  for (std::size_t i = 0; i < 3; ++i) totals.push_back(json::string(w.count(s.by_level[i])));
  json::array headers;
  for (const auto& n : names) headers.push_back(json::string(n));
  return {{"svg", w.chart(std::move(chart))},
          {"legend", w.legend(names)},
          {"headers", std::move(headers)},
          {"rows", std::move(rows)},
          {"totals", std::move(totals)}};
}

json::object automatic_section(const Writer& w, const service::PublicStatistics& s) {
  BarChart chart{"graphique-automatiques",          w.v.t("statistics_automatic_heading"),
                 w.v.t("statistics_chart_desc"),    {},
                 {{w.v.t("statistics_count"), {}}}, true};
  json::array rows;
  for (std::size_t i = 0; i < 3; ++i) {
    const auto label = w.v.t("statistics_result_" + std::string(service::automatic_results[i]));
    chart.categories.push_back(label);
    chart.series[0].values.push_back(as_value(s.automatic[i]));
    rows.push_back(
        json::object{{"label", label}, {"count", w.count(s.automatic[i])}, {"share", w.percent(s.automatic_share[i])}});
  }
  const auto label = w.v.t("statistics_demandes_filed");
  chart.categories.push_back(label);
  chart.series[0].values.push_back(as_value(s.demandes.filed));
  rows.push_back(json::object{
      {"label", label}, {"count", w.count(s.demandes.filed)}, {"share", w.percent(s.demandes.share_of_automatic)}});
  return {{"svg", w.chart(std::move(chart))}, {"rows", std::move(rows)}};
}

json::object types_section(const Writer& w, const service::PublicStatistics& s) {
  BarChart chart{"graphique-types",
                 w.v.t("statistics_types_heading"),
                 w.v.t("statistics_chart_desc"),
                 {},
                 {{w.v.t("statistics_count"), {}}},
                 true};
  json::array rows;
  for (const auto& t : s.by_partner_type) {
    const auto label = t.type == "code_partage" ? w.v.t("statistics_type_code_partage") : w.v.t("admin_type_" + t.type);
    chart.categories.push_back(label);
    chart.series[0].values.push_back(as_value(t.answers));
    rows.push_back(json::object{{"label", label}, {"count", w.count(t.answers)}});
  }
  return {{"svg", w.chart(std::move(chart))}, {"rows", std::move(rows)}, {"none", s.by_partner_type.empty()}};
}

json::object codes_section(const Writer& w, const service::PublicStatistics& s) {
  const std::vector<std::string> names{w.v.t("statistics_codes_created"), w.v.t("statistics_codes_checked")};
  BarChart chart{"graphique-codes",
                 w.v.t("statistics_codes_heading"),
                 w.v.t("statistics_chart_desc"),
                 {},
                 {{names[0], {}}, {names[1], {}}}};
  json::array rows;
  for (const auto& m : s.months) {
    chart.categories.push_back(w.short_month(m.month));
    chart.series[0].values.push_back(as_value(m.share_codes_created));
    chart.series[1].values.push_back(as_value(m.share_codes_checked));
    rows.push_back(json::object{{"label", w.month_row(m.month, s)},
                                {"created", w.count(m.share_codes_created)},
                                {"checked", w.count(m.share_codes_checked)},
                                {"accounts", w.count(m.portal_accounts_created)}});
  }
  return {{"svg", w.chart(std::move(chart))},
          {"legend", w.legend(names)},
          {"rows", std::move(rows)},
          {"created", w.count(s.share_codes_created)},
          {"checked", w.count(s.share_codes_checked)},
          {"accounts", w.count(s.portal_accounts_created)},
          {"accounts_total", filled(w.v.t("statistics_accounts_total"), "{n}", w.count(s.portal_accounts))}};
}

json::object demandes_section(const Writer& w, const service::PublicStatistics& s) {
  const auto& d = s.demandes;
  auto row = [](std::string label, std::string value) {
    return json::object{{"label", std::move(label)}, {"value", std::move(value)}};
  };
  json::array rows{row(w.v.t("statistics_demandes_filed"), w.count(d.filed)),
                   row(w.v.t("statistics_demandes_settled"), w.count(d.settled)),
                   row(w.v.t("statistics_demandes_answered"), w.count(d.answered)),
                   row(w.v.t("statistics_demandes_pending"), w.count(d.pending)),
                   row(w.v.t("statistics_demandes_late"), w.count(d.late)),
                   row(w.v.t("statistics_demandes_median"), w.days(d.median_days)),
                   row(w.v.t("statistics_demandes_p90"), w.days(d.p90_days)),
                   row(w.v.t("statistics_demandes_within"), w.percent(d.within_delay)),
                   row(w.v.t("statistics_demandes_share"), w.percent(d.share_of_automatic))};
  return {{"text", filled(w.v.t("statistics_demandes_text"), "{n}", format_number(w.lang(), d.promised_days))},
          {"rows", std::move(rows)}};
}

json::array opinion_rows(const Writer& w, const service::PublicStatistics& s) {
  json::array rows;
  for (const auto& f : s.opinions) {
    json::object row{{"journey", w.v.t("opinion_journey_" + f.journey)}, {"answers", w.count(f.answers)}};
    json::array useful;
    for (const auto& u : f.useful) useful.push_back(json::string(w.count(u)));
    row["useful"] = std::move(useful);
    row["ease"] = f.mean_ease ? format_decimal(w.lang(), *f.mean_ease) : std::string("—");
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

http::Response statistics_page(const Visit& v) {
  if (!v.context->statistics) return problem(v, 503, "unavailable_title", "unavailable_text");
  auto figures = v.context->statistics->get();
  if (!figures) return problem(v, 503, "unavailable_title", "unavailable_text");
  const auto& s = **figures;
  const Writer w{v};
  std::string period = filled(v.t("statistics_period"), "{debut}", w.month(s.first_month));
  period = filled(std::move(period), "{fin}", w.month(s.last_month));
  period = filled(std::move(period), "{quand}", format_time(w.lang(), s.computed_at));
  json::object values{
      {"period", std::move(period)},  {"levels", levels_section(w, s)},     {"automatic", automatic_section(w, s)},
      {"types", types_section(w, s)}, {"demandes", demandes_section(w, s)}, {"codes", codes_section(w, s)},
      {"rows", opinion_rows(w, s)}};
  values["latency"] = s.api_latency_median_ms ? filled(v.t("statistics_latency_text"), "{n}",
                                                       format_decimal(w.lang(), *s.api_latency_median_ms))
                                              : v.t("statistics_latency_none");
  return page(v, "statistics", "statistics_title", std::move(values));
}

}  // namespace ofpra::web
