#include "api/statistics.hpp"

#include "http/errors.hpp"

#include <boost/json.hpp>

namespace ofpra::api {
namespace {

namespace json = boost::json;
using service::Count;

json::value value_of(const Count& c) { return c ? json::value(*c) : json::value(nullptr); }
json::value value_of(const std::optional<double>& x) { return x ? json::value(*x) : json::value(nullptr); }
json::value value_of(const std::optional<int>& x) { return x ? json::value(*x) : json::value(nullptr); }

template <std::size_t N, class Words>
json::object named(const std::array<Count, N>& counts, const Words& words) {
  json::object o;
  for (std::size_t i = 0; i < N; ++i) o[words[i]] = value_of(counts[i]);
  return o;
}

json::object month_object(const service::MonthFigures& m) {
  return json::object{{"mois", m.month},
                      {"reponses_par_niveau", named(m.by_level, service::answer_levels)},
                      {"reponses_automatiques", named(m.automatic, service::automatic_results)},
                      {"demandes_a_l_ofpra", value_of(m.demandes)},
                      {"codes_de_partage_crees", value_of(m.share_codes_created)},
                      {"codes_de_partage_verifies", value_of(m.share_codes_checked)},
                      {"espaces_personnels_ouverts", value_of(m.portal_accounts_created)}};
}

// One CSV line; the fields are words and numbers of ours, never free text.
void line(std::string& out, std::string_view indicator, std::string_view month, std::string_view category,
          const Count& c) {
  out += std::string(indicator) + "," + std::string(month) + "," + std::string(category) + "," +
         (c ? std::to_string(*c) : std::string()) + "," + (c ? "non" : "oui") + "\n";
}

void line(std::string& out, std::string_view indicator, std::string_view category, const std::optional<double>& x) {
  std::string value;
  if (x) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", *x);
    value = text;
  }
  out += std::string(indicator) + ",," + std::string(category) + "," + value + "," + (x ? "non" : "oui") + "\n";
}

}  // namespace

std::string statistics_json(const service::PublicStatistics& s) {
  json::array months;
  for (const auto& m : s.months) months.push_back(month_object(m));
  json::object shares;
  for (std::size_t i = 0; i < 3; ++i) shares[service::automatic_results[i]] = value_of(s.automatic_share[i]);
  auto automatic = named(s.automatic, service::automatic_results);
  automatic["parts_pourcent"] = std::move(shares);
  json::object by_type;
  for (const auto& t : s.by_partner_type) by_type[t.type] = value_of(t.answers);
  const auto& d = s.demandes;
  json::array opinions;
  for (const auto& o : s.opinions) {
    json::object useful;
    for (std::size_t i = 0; i < o.useful.size(); ++i) useful[service::opinion_usefulness[i]] = value_of(o.useful[i]);
    opinions.push_back(json::object{{"parcours", o.journey},
                                    {"reponses", value_of(o.answers)},
                                    {"utile", std::move(useful)},
                                    {"facilite_moyenne_sur_5", value_of(o.mean_ease)}});
  }
  json::object data{
      {"periode", json::object{{"debut", s.first_month}, {"fin", s.last_month}}},
      {"calcule_le", s.computed_at},
      {"seuil_de_publication", service::smallest_published_count},
      {"mois", std::move(months)},
      {"reponses_par_niveau", named(s.by_level, service::answer_levels)},
      {"reponses_automatiques", std::move(automatic)},
      {"reponses_par_type_d_administration", std::move(by_type)},
      {"demandes_a_l_ofpra", json::object{{"deposees", value_of(d.filed)},
                                          {"traitees", value_of(d.settled)},
                                          {"repondues", value_of(d.answered)},
                                          {"en_attente", value_of(d.pending)},
                                          {"en_retard", value_of(d.late)},
                                          {"part_des_reponses_automatiques_pourcent", value_of(d.share_of_automatic)},
                                          {"delai_promis_jours_ouvres", d.promised_days},
                                          {"delai_median_jours_ouvres", value_of(d.median_days)},
                                          {"delai_90e_centile_jours_ouvres", value_of(d.p90_days)},
                                          {"traitees_dans_le_delai_pourcent", value_of(d.within_delay)}}},
      {"codes_de_partage",
       json::object{{"crees", value_of(s.share_codes_created)}, {"verifies", value_of(s.share_codes_checked)}}},
      {"espaces_personnels", json::object{{"ouverts_sur_la_periode", value_of(s.portal_accounts_created)},
                                          {"ouverts_a_ce_jour", value_of(s.portal_accounts)}}},
      {"avis", std::move(opinions)},
      {"latence_mediane_api_ms_au_plus", value_of(s.api_latency_median_ms)}};
  return json::serialize(json::object{{"data", std::move(data)},
                                      {"links", json::object{{"csv", "/statistiques.csv"}, {"page", "/statistiques"}}},
                                      {"meta", json::object{}}});
}

std::string statistics_csv(const service::PublicStatistics& s) {
  std::string out = "indicateur,mois,categorie,valeur,secret_statistique\n";
  for (const auto& m : s.months) {
    for (std::size_t i = 0; i < 3; ++i)
      line(out, "reponses_par_niveau", m.month, service::answer_levels[i], m.by_level[i]);
    for (std::size_t i = 0; i < 3; ++i)
      line(out, "reponses_automatiques", m.month, service::automatic_results[i], m.automatic[i]);
    line(out, "demandes_a_l_ofpra", m.month, "deposees", m.demandes);
    line(out, "codes_de_partage", m.month, "crees", m.share_codes_created);
    line(out, "codes_de_partage", m.month, "verifies", m.share_codes_checked);
    line(out, "espaces_personnels", m.month, "ouverts", m.portal_accounts_created);
  }
  const auto period = s.first_month + "/" + s.last_month;
  for (const auto& t : s.by_partner_type) line(out, "reponses_par_type_d_administration", period, t.type, t.answers);
  const auto& d = s.demandes;
  line(out, "demandes_a_l_ofpra", period, "traitees", d.settled);
  line(out, "demandes_a_l_ofpra", period, "repondues", d.answered);
  line(out, "demandes_a_l_ofpra", "", "en_attente", d.pending);
  line(out, "demandes_a_l_ofpra", "", "en_retard", d.late);
  line(out, "demandes_a_l_ofpra", "delai_promis_jours_ouvres", std::optional<double>(d.promised_days));
  line(out, "demandes_a_l_ofpra", "delai_median_jours_ouvres",
       d.median_days ? std::optional<double>(*d.median_days) : std::nullopt);
  line(out, "demandes_a_l_ofpra", "delai_90e_centile_jours_ouvres",
       d.p90_days ? std::optional<double>(*d.p90_days) : std::nullopt);
  line(out, "demandes_a_l_ofpra", "traitees_dans_le_delai_pourcent", d.within_delay);
  line(out, "espaces_personnels", period, "ouverts", s.portal_accounts_created);
  line(out, "espaces_personnels", "", "ouverts_a_ce_jour", s.portal_accounts);
  return out;
}

void add_statistics_routes(http::Router& router, const StatisticsRoutes& c) {
  auto serve = [&c](std::string_view type, std::string (*render)(const service::PublicStatistics&)) {
    return [&c, type, render](const http::Request&, http::Respond respond) {
      const bool queued = c.blocking.submit([&c, type, render, respond] {
        auto figures = c.statistics.get();
        if (!figures)
          return respond(http::error_response(domain::Problem::unavailable, "Les statistiques sont indisponibles."));
        http::Response r;
        r.status = 200;
        r.content_type = type;
        r.set_header("Cache-Control", "public, max-age=600");
        r.body = render(**figures);
        respond(std::move(r));
      });
      if (!queued) respond(http::error_response(http::errors::shutting_down, "Le service s'arrête."));
    };
  };
  router.add_async("GET", "/api/v1/statistiques", "statistics", serve("application/json", statistics_json));
  router.add_async("GET", "/statistiques.csv", "statistics",
                   serve("text/csv; charset=utf-8; header=present", statistics_csv));
}

}  // namespace ofpra::api
