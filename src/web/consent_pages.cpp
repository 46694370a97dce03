#include "service/consents.hpp"
#include "web/labels.hpp"
#include "web/locale_format.hpp"
#include "web/space_pages.hpp"

#include <boost/json.hpp>

#include <map>

namespace ofpra::web {
namespace {

namespace json = boost::json;

// The form's checkbox for a scope ("scope_etat_civil_identite"), also its label's key.
std::string scope_field(domain::Scope s) { return "scope_" + std::string(domain::block_name(s)); }

std::string today_text(const Visit& v) { return domain::day_of(v.context->accounts.clock.now()).to_string(); }

http::Response render_consents(const Visit& v, json::object values, unsigned status = 200) {
  auto choices = service::consent_choices(v.context->accounts.db, v.session->numero_ofpra, v.context->accounts.clock);
  if (!choices) return problem(v, 503, "unavailable_title", "unavailable_text");
  const auto today = today_text(v);
  std::map<std::string, std::string> names;
  for (const auto& p : choices->partners) names[p.siret] = p.name;
  json::array partner_options;
  for (const auto& p : choices->partners_offered)
    partner_options.push_back(json::object{{"value", "siret:" + p.siret},
                                           {"label", p.name + " (" + label(v, "admin_type", to_string(p.type)) + ")"}});
  json::array type_options;
  for (auto type : choices->types_offered)
    type_options.push_back(json::object{{"value", "type:" + std::string(to_string(type))},
                                        {"label", label(v, "admin_type_all", to_string(type))}});
  json::array scopes;
  for (auto s : domain::all_scopes)
    scopes.push_back(json::object{{"name", scope_field(s)}, {"label", label(v, "scope", to_string(s))}});
  json::array list;
  for (const auto& [c, state] : choices->given) {
    std::vector<std::string> scope_words;
    for (auto s : c.scopes) scope_words.push_back(label(v, "scope", to_string(s)));
    const auto recipient = c.partner_type ? label(v, "admin_type_all", to_string(*c.partner_type))
                                          : (names.count(c.partner_siret) ? names[c.partner_siret] : c.partner_siret);
    list.push_back(
        json::object{{"id", std::to_string(c.id)},
                     {"recipient", recipient},
                     {"purpose", c.purpose},
                     {"scopes", format_list(v.language->code, scope_words)},
                     {"state", label(v, "consent_state", to_string(state))},
                     {"active", state == domain::ConsentState::active || state == domain::ConsentState::not_yet_valid},
                     {"from", date_label(v, *domain::PartialDate::parse_day(c.valid_from))},
                     {"to", date_label(v, *domain::PartialDate::parse_day(c.valid_to))},
                     {"revoke_label", v.t("consents_revoke") + " — " + recipient},
                     {"csrf", v.csrf}});
  }
  const auto t = domain::PartialDate::parse_day(today);
  const auto latest = domain::civil_from_days(domain::days_from_civil(t->year, t->month, t->day) + 365);
  values["none"] = list.empty();
  values["consents"] = std::move(list);
  values["partners"] = std::move(partner_options);
  values["types"] = std::move(type_options);
  values["scopes"] = std::move(scopes);
  values["today"] = today;
  values["latest"] = latest.to_string();
  return page(v, "consents", "consents_title", values, status, "consentements");
}

std::string_view consent_error_key(const std::string& field) {
  if (field == "scopes") return "error_consent_scopes";
  if (field == "purpose") return "error_consent_purpose";
  if (field == "until" || field == "from") return "error_consent_until";
  return "error_consent_recipient";
}

}  // namespace

http::Response consents_page(const Visit& v) { return render_consents(v, {}); }

http::Response consent_grant(const Visit& v) {
  if (!csrf_ok(v)) return problem(v, 403, "form_expired_title", "form_expired_text");
  service::NewConsent request;
  request.numero_ofpra = v.session->numero_ofpra;
  const auto& recipient = v.field("destinataire");
  if (recipient.starts_with("siret:")) {
    request.partner_siret = recipient.substr(6);
  } else if (recipient.starts_with("type:")) {
    request.partner_type = domain::parse_AdministrationType(recipient.substr(5));
    if (!request.partner_type) return render_consents(v, {{"error", v.t("error_consent_recipient")}}, 400);
  } else {
    return render_consents(v, {{"error", v.t("error_consent_recipient")}}, 400);
  }
  for (auto s : domain::all_scopes)
    if (!v.field(scope_field(s)).empty()) request.scopes.push_back(s);
  request.purpose = v.field("motif");
  request.valid_to = v.field("jusqu_au");
  auto id = service::grant_consent(v.context->accounts.db, request, v.context->accounts.clock);
  if (!id) {
    if (id.error().is_unavailable()) return problem(v, 503, "unavailable_title", "unavailable_text");
    return render_consents(v, {{"error", v.t(consent_error_key(id.error().field))}}, 400);
  }
  return render_consents(v, {{"granted", true}});
}

http::Response consent_revoke(const Visit& v) {
  if (!csrf_ok(v)) return problem(v, 403, "form_expired_title", "form_expired_text");
  if (const auto id = whole_number(v.field("id")))
    if (!service::revoke_own_consent(v.context->accounts.db, *id, v.session->numero_ofpra))
      return problem(v, 503, "unavailable_title", "unavailable_text");
  return redirect("/espace/consentements");
}

}  // namespace ofpra::web
