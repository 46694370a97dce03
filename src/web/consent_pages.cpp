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

// A recipient she may choose, as the form names it ("siret:…" or "type:…"), with what it can
// receive with her consent.
struct Recipient {
  std::string value;
  std::string label;
  std::vector<domain::Scope> scopes;
};

std::vector<Recipient> recipients(const Visit& v, const service::ConsentChoices& choices) {
  std::vector<Recipient> out;
  for (const auto& p : choices.partners_offered)
    out.push_back({"siret:" + p.siret, p.name + " (" + label(v, "admin_type", to_string(p.type)) + ")",
                   choices.partner_scopes.at(p.siret)});
  for (auto type : choices.types_offered)
    out.push_back({"type:" + std::string(to_string(type)), label(v, "admin_type_all", to_string(type)),
                   choices.type_scopes.at(type)});
  return out;
}

std::string recipient_name(const Visit& v, const domain::Consent& c, const std::map<std::string, std::string>& names) {
  if (c.partner_type) return label(v, "admin_type_all", to_string(*c.partner_type));
  const auto it = names.find(c.partner_siret);
  return it != names.end() ? it->second : c.partner_siret;
}

// Step one chooses to whom (a GET form, without JavaScript); step two, for that recipient,
// offers only what it can receive. A refused form comes back as she filled it.
http::Response render_consents(const Visit& v, json::object values, std::string_view chosen, unsigned status = 200) {
  auto choices = service::consent_choices(v.context->accounts.db, v.session->numero_ofpra, v.context->accounts.clock);
  if (!choices) return problem(v, 503, "unavailable_title", "unavailable_text");
  const auto today = today_text(v);
  std::map<std::string, std::string> names;
  for (const auto& p : choices->partners) names[p.siret] = p.name;
  const auto offered = recipients(v, *choices);
  const Recipient* recipient = nullptr;
  json::array partner_options, type_options;
  for (const auto& r : offered) {
    if (r.value == chosen) recipient = &r;
    (r.value.starts_with("siret:") ? partner_options : type_options)
        .push_back(json::object{{"value", r.value}, {"label", r.label}, {"selected", r.value == chosen}});
  }
  // Step one sent without a recipient of hers (none chosen, or one not offered).
  if (!recipient && v.query_values.contains("destinataire"))
    mark_error(v, values, "destinataire", "error_consent_recipient");
  if (recipient) {
    json::array scopes;
    for (auto s : recipient->scopes)
      scopes.push_back(json::object{{"name", scope_field(s)},
                                    {"label", label(v, "scope", to_string(s))},
                                    {"checked", !v.field(scope_field(s)).empty()}});
    const auto t = domain::PartialDate::parse_day(today);
    const auto latest = domain::civil_from_days(domain::days_from_civil(t->year, t->month, t->day) + 365).to_string();
    values["step_two"] = json::object{{"recipient", recipient->value},
                                      {"recipient_label", recipient->label},
                                      {"scopes", std::move(scopes)},
                                      {"today", today},
                                      {"latest", latest},
                                      {"motif", v.field("motif")},
                                      {"jusqu_au", v.field("jusqu_au").empty() ? latest : v.field("jusqu_au")}};
  }
  json::array list;
  for (const auto& [c, state] : choices->given) {
    std::vector<std::string> scope_words;
    for (auto s : c.scopes) scope_words.push_back(label(v, "scope", to_string(s)));
    const auto name = recipient_name(v, c, names);
    json::object card{{"id", std::to_string(c.id)},
                      {"recipient", name},
                      {"purpose", c.purpose},
                      {"scopes", format_list(v.language->code, scope_words)},
                      {"state", label(v, "consent_state", to_string(state))},
                      {"active", state == domain::ConsentState::active || state == domain::ConsentState::not_yet_valid},
                      {"from", date_label(v, *domain::PartialDate::parse_day(c.valid_from))},
                      {"to", date_label(v, *domain::PartialDate::parse_day(c.valid_to))},
                      {"revoke_label", v.t("consents_revoke") + " — " + name}};
    if (c.revoked_at) card["revoked"] = format_time(v.language->code, *c.revoked_at);
    // Just withdrawn: say so, with when, above everything.
    if (c.revoked_at && std::to_string(c.id) == v.query("retire")) {
      values["withdrawn"] = json::object{{"recipient", name}, {"when", card["revoked"]}};
      values["opinion_journey"] = "consentements";
    }
    list.push_back(std::move(card));
  }
  values["none"] = list.empty();
  values["consents"] = std::move(list);
  json::array followers;
  for (const auto& f : choices->followers) {
    std::vector<std::string> scope_words;
    for (const auto& w : f.scopes)
      if (auto s = domain::parse_scope(w)) scope_words.push_back(label(v, "scope", to_string(*s)));
    const auto it = names.find(f.partner_siret);
    followers.push_back(json::object{{"organisation", it != names.end() ? it->second : f.partner_siret},
                                     {"since", format_time(v.language->code, f.created_at)},
                                     {"scopes", format_list(v.language->code, scope_words)}});
  }
  values["has_followers"] = !followers.empty();
  values["followers"] = std::move(followers);
  values["partners"] = std::move(partner_options);
  values["types"] = std::move(type_options);
  return page(v, "consents", "consents_title", values, status, "consentements");
}

std::string_view consent_error_field(const std::string& field) {
  if (field == "scopes") return "informations";
  if (field == "purpose") return "motif";
  if (field == "until" || field == "from") return "jusqu_au";
  return "destinataire";
}

std::string_view consent_error_key(const std::string& field) {
  if (field == "scopes") return "error_consent_scopes";
  if (field == "purpose") return "error_consent_purpose";
  if (field == "until" || field == "from") return "error_consent_until";
  return "error_consent_recipient";
}

// The consent she asks to withdraw, if it is hers and still withdrawable.
std::optional<service::GivenConsent> own_active_consent(const service::ConsentChoices& choices, std::string_view id) {
  for (const auto& g : choices.given)
    if (std::to_string(g.consent.id) == id &&
        (g.state == domain::ConsentState::active || g.state == domain::ConsentState::not_yet_valid))
      return g;
  return std::nullopt;
}

}  // namespace

http::Response consents_page(const Visit& v) { return render_consents(v, {}, v.query("destinataire")); }

http::Response consent_grant(const Visit& v) {
  if (!csrf_ok(v)) return problem(v, 403, "form_expired_title", "form_expired_text");
  service::NewConsent request;
  request.numero_ofpra = v.session->numero_ofpra;
  const auto& recipient = v.field("destinataire");
  if (recipient.starts_with("siret:")) {
    request.partner_siret = recipient.substr(6);
  } else if (recipient.starts_with("type:")) {
    request.partner_type = domain::parse_AdministrationType(recipient.substr(5));
  }
  for (auto s : domain::all_scopes)
    if (!v.field(scope_field(s)).empty()) request.scopes.push_back(s);
  request.purpose = v.field("motif");
  request.valid_to = v.field("jusqu_au");
  json::object values;
  const auto today = today_text(v);
  if (!request.partner_type && !recipient.starts_with("siret:")) {
    mark_error(v, values, "destinataire", "error_consent_recipient");
    return render_consents(v, values, {}, 400);
  }
  for (const auto& e : service::consent_field_errors(request, today))
    mark_error(v, values, consent_error_field(e.field), consent_error_key(e.field));
  if (values.contains("errors")) return render_consents(v, values, recipient, 400);
  auto id = service::grant_consent(v.context->accounts.db, request, v.context->accounts.clock);
  if (!id) {
    if (id.error().is_unavailable()) return problem(v, 503, "unavailable_title", "unavailable_text");
    mark_error(v, values, consent_error_field(id.error().field), consent_error_key(id.error().field));
    return render_consents(v, values, recipient, 400);
  }
  return render_consents(v, {{"granted", true}, {"opinion_journey", "consentements"}}, {});
}

http::Response consent_withdrawal_page(const Visit& v) {
  auto choices = service::consent_choices(v.context->accounts.db, v.session->numero_ofpra, v.context->accounts.clock);
  if (!choices) return problem(v, 503, "unavailable_title", "unavailable_text");
  const auto given = own_active_consent(*choices, v.query("id"));
  if (!given) return redirect("/espace/consentements");
  std::map<std::string, std::string> names;
  for (const auto& p : choices->partners) names[p.siret] = p.name;
  std::vector<std::string> scope_words;
  for (auto s : given->consent.scopes) scope_words.push_back(label(v, "scope", to_string(s)));
  return page(v, "consent_withdrawal", "consents_withdraw_title",
              {{"id", std::to_string(given->consent.id)},
               {"recipient", recipient_name(v, given->consent, names)},
               {"scopes", format_list(v.language->code, scope_words)},
               {"purpose", given->consent.purpose}},
              200, "consentements");
}

http::Response consent_revoke(const Visit& v) {
  if (!csrf_ok(v)) return problem(v, 403, "form_expired_title", "form_expired_text");
  const auto id = whole_number(v.field("id"));
  if (id && !service::revoke_own_consent(v.context->accounts.db, *id, v.session->numero_ofpra))
    return problem(v, 503, "unavailable_title", "unavailable_text");
  return redirect(id ? "/espace/consentements?retire=" + std::to_string(*id) : "/espace/consentements");
}

}  // namespace ofpra::web
