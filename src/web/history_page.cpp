#include "web/labels.hpp"
#include "web/locale_format.hpp"
#include "web/space_pages.hpp"

#include <boost/json.hpp>

#include <map>

namespace ofpra::web {
namespace {

namespace json = boost::json;
constexpr std::size_t page_size = 50;

std::int64_t before_from_query(std::string_view query) {
  // ?avant=<seq>: a position in the journal, nothing personal.
  constexpr std::string_view key = "avant=";
  if (!query.starts_with(key)) return 0;
  const auto n = whole_number(query.substr(key.size()));
  return n && *n > 0 ? *n : 0;
}

}  // namespace

// Her own entries only (the query is by her number): a relative's lookups are theirs.
http::Response history_page(const Visit& v) {
  auto& db = v.context->verification.db;
  store::JournalQuery q;
  q.person = v.session->numero_ofpra;
  q.before_seq = before_from_query(v.request->query);
  q.limit = page_size + 1;
  auto entries = db.journal().search(q);
  auto partners = db.partners().partners();
  if (!entries || !partners) return problem(v, 503, "unavailable_title", "unavailable_text");
  std::map<std::string, std::string> names;
  for (const auto& p : *partners) names[p.siret] = p.name;
  json::array rows;
  std::int64_t older = 0;
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const auto& e = (*entries)[i];
    if (i == page_size) {
      older = (*entries)[i - 1].seq;
      break;
    }
    std::string who, by;
    if (e.channel == "code_partage") {
      who = v.t("history_share_code_page");
      by = v.t("history_declared") + " " + e.agent;
    } else {
      who = names.count(e.partner_siret) ? names[e.partner_siret] : e.partner_siret;
      if (!e.recipient_siret.empty() && e.recipient_siret != e.partner_siret)
        by = v.t("history_for") + " " + (names.count(e.recipient_siret) ? names[e.recipient_siret] : e.recipient_siret);
    }
    std::string what;
    if (e.result == "trouve") {
      for (const auto& s : e.scopes_given) what += (what.empty() ? "" : ", ") + label(v, "scope", s);
    } else {
      what = label(v, "result", e.result);
    }
    std::string how;
    if (e.consent_ref.starts_with("code:"))
      how = v.t("history_with_code");
    else if (e.consent_ref.starts_with("consentement:"))
      how = v.t("history_with_consent");
    rows.push_back(json::object{{"when", format_time(v.language->code, e.recorded_at)},
                                {"who", who},
                                {"by", by},
                                {"why", e.purpose},
                                {"what", what},
                                {"how", how},
                                {"reference", std::to_string(e.seq)}});
  }
  const bool none = rows.empty();
  json::object values{{"entries", std::move(rows)}, {"none", none}};
  if (older) values["older"] = std::to_string(older);
  return page(v, "history", "history_title", values, 200, "historique");
}

}  // namespace ofpra::web
