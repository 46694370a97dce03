#include "service/share_codes.hpp"
#include "web/labels.hpp"
#include "web/locale_format.hpp"
#include "web/space_pages.hpp"

#include <boost/json.hpp>

namespace ofpra::web {
namespace {

namespace json = boost::json;
using domain::ShareLevel;

constexpr std::array<ShareLevel, 3> levels{ShareLevel::protection, ShareLevel::protection_civil_status,
                                           ShareLevel::full_civil_status};

// What a code is for, and the least that usually suffices, as the default policies of DESIGN §3
// have it: a school also asks how far her civil status is; a town hall (a marriage, a birth)
// needs her established identity and family; others need the protection alone.
struct Purpose {
  std::string_view value;
  ShareLevel suggested;
};
constexpr std::array<Purpose, 6> purposes{{{"ecole", ShareLevel::protection_civil_status},
                                           {"logement", ShareLevel::protection},
                                           {"transport", ShareLevel::protection},
                                           {"employeur", ShareLevel::protection},
                                           {"mairie", ShareLevel::full_civil_status},
                                           {"autre", ShareLevel::protection}}};

const Purpose* find_purpose(std::string_view value) {
  for (const auto& p : purposes)
    if (p.value == value) return &p;
  return nullptr;
}

// The form as she filled it (or empty), the codes she has, and the page around them.
http::Response render_codes(const Visit& v, json::object values, unsigned status = 200) {
  auto codes = service::share_codes_of(v.context->accounts.db, v.session->numero_ofpra, v.context->accounts.clock);
  if (!codes) return problem(v, 503, "unavailable_title", "unavailable_text");
  json::array list;
  for (const auto& [c, state, uses, refused] : *codes)
    list.push_back(json::object{{"id", std::to_string(c.id)},
                                {"hint", c.hint},
                                {"level", label(v, "level", to_string(c.level))},
                                {"purpose", c.purpose},
                                {"state", label(v, "code_state", to_string(state))},
                                {"active", state == domain::ShareCodeState::active},
                                {"created", format_time(v.language->code, c.created_at)},
                                {"expires", format_time(v.language->code, c.expires_at)},
                                {"uses", format_number(v.language->code, uses)},
                                {"refused", format_number(v.language->code, refused)},
                                {"revoke_label", v.t("codes_revoke") + " — " + v.t("codes_ending_with") + " " + c.hint},
                                {"csrf", v.csrf}});
  const auto chosen_purpose = v.field("motif");
  const auto chosen_level = v.field("niveau");
  json::array purpose_options;
  for (const auto& p : purposes)
    purpose_options.push_back(json::object{
        {"value", p.value}, {"label", label(v, "purpose", p.value)}, {"selected", p.value == chosen_purpose}});
  json::array level_options;
  for (auto l : levels) {
    std::vector<std::string> suited;
    for (const auto& p : purposes)
      if (p.suggested == l) suited.push_back(label(v, "purpose", p.value));
    level_options.push_back(json::object{{"value", to_string(l)},
                                         {"label", label(v, "level", to_string(l))},
                                         {"hint", label(v, "level_hint", to_string(l))},
                                         {"suited", v.t("codes_level_suited") + format_list(v.language->code, suited)},
                                         {"checked", to_string(l) == chosen_level}});
  }
  values["none"] = list.empty();
  values["codes"] = std::move(list);
  values["purposes"] = std::move(purpose_options);
  values["purpose_chosen"] = find_purpose(chosen_purpose) != nullptr;
  values["levels"] = std::move(level_options);
  if (!values.contains("jours")) values["jours"] = std::to_string(domain::share_code_default_days);
  return page(v, "codes", "codes_title", values, status, "codes");
}

// Where a verifier checks a code.
std::string verify_url(const Visit& v) { return v.context->public_url + "/verifier-code"; }

// After a code is made: what the verifier needs and will see, and the form that e-mails it.
json::object created_view(const Visit& v, const service::CreatedShareCode& created) {
  // Whoever checks a code sees whom it is about (service/answer.hpp, DesignationBlock).
  json::array preview{json::string(v.t("preview_designation"))};
  for (auto s : domain::scopes_of(created.code.level))
    preview.push_back(json::string(label(v, "preview", to_string(s))));
  return {{"code", domain::display_share_code(created.text)},
          {"expires", format_time(v.language->code, created.code.expires_at)},
          {"verify_url", verify_url(v)},
          {"preview", std::move(preview)}};
}

}  // namespace

http::Response share_codes_page(const Visit& v) { return render_codes(v, {}); }

http::Response share_code_create(const Visit& v) {
  if (!csrf_ok(v)) return problem(v, 403, "form_expired_title", "form_expired_text");
  json::object values{{"precision", v.field("precision")}, {"jours", v.field("jours")}};
  const auto* purpose = find_purpose(v.field("motif"));
  if (!purpose) mark_error(v, values, "motif", "error_code_purpose");
  const auto& detail = v.field("precision");
  if (purpose && purpose->value == "autre" && detail.empty()) mark_error(v, values, "precision", "error_code_detail");
  auto level = v.field("niveau").empty() && purpose ? std::optional(purpose->suggested)
                                                    : domain::parse_share_level(v.field("niveau"));
  if (!level && purpose) mark_error(v, values, "niveau", "error_code_level");
  const auto days = whole_number(v.field("jours"));
  // The purpose is kept as she reads it, in the page's language, with what she added.
  service::NewShareCode request{v.session->numero_ofpra, level.value_or(ShareLevel::protection),
                                purpose ? label(v, "purpose", purpose->value) : std::string(),
                                days ? static_cast<int>(std::clamp<std::int64_t>(*days, -1, 1000)) : -1};
  if (purpose && !detail.empty()) request.purpose += v.t("punct_colon") + detail;
  for (const auto& e : service::share_code_field_errors(request))
    if (e.field == "days")
      mark_error(v, values, "jours", "error_code_days");
    else if (purpose && !values.contains("precision_error"))
      mark_error(v, values, "precision", "error_code_detail");
  if (values.contains("errors")) return render_codes(v, values, 400);

  const auto& a = v.context->accounts;
  auto created = service::create_share_code(a.db, a.codes, request, a.random, a.clock);
  if (!created) {
    if (created.error().field == "codes") {
      mark_error(v, values, "motif", "error_code_too_many");
      return render_codes(v, values, 400);
    }
    return problem(v, 503, "unavailable_title", "unavailable_text");
  }
  // Shown once, here: only its hash is kept.
  return render_codes(v, {{"created", created_view(v, *created)}, {"opinion_journey", "codes"}});
}

http::Response share_code_email(const Visit& v) {
  if (!csrf_ok(v)) return problem(v, 403, "form_expired_title", "form_expired_text");
  const auto to = v.field("courriel");
  auto compose = [&v](std::string_view code) {
    // To a French administration, in French, whatever the page's language.
    auto body = filled(text("fr", "message_share_code_body"), "{code}", domain::display_share_code(std::string(code)));
    return service::MessageText{text("fr", "message_share_code_subject"),
                                filled(std::move(body), "{adresse}", verify_url(v))};
  };
  auto sent = service::email_share_code(v.context->accounts, {v.session->numero_ofpra, v.field("code"), to}, compose);
  if (sent) return render_codes(v, {{"sent", to}});
  const auto& field = sent.error().field;
  if (field != "courriel" && field != "code" && field != "essais")
    return problem(v, 503, "unavailable_title", "unavailable_text");
  json::object values{{"courriel", to}};
  if (field == "code") {  // revoked or expired since, or not hers: the list says which of hers work
    mark_error(v, values, "mes-codes", "error_code_not_active");
    return render_codes(v, values, 400);
  }
  // The code is one of her working codes (the service checked it first): the address again,
  // with the error at it.
  mark_error(v, values, "courriel", field == "courriel" ? "error_email" : "error_too_many_emails");
  if (const auto code = domain::canonical_share_code(v.field("code")))
    values["created"] = json::object{{"code", domain::display_share_code(*code)}, {"verify_url", verify_url(v)}};
  return render_codes(v, values, field == "essais" ? 429 : 400);
}

http::Response share_code_revoke(const Visit& v) {
  if (!csrf_ok(v)) return problem(v, 403, "form_expired_title", "form_expired_text");
  if (const auto id = whole_number(v.field("id")))
    if (!service::revoke_own_share_code(v.context->accounts.db, *id, v.session->numero_ofpra))
      return problem(v, 503, "unavailable_title", "unavailable_text");
  return redirect("/espace/codes");
}

}  // namespace ofpra::web
