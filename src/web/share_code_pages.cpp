#include "service/share_codes.hpp"
#include "web/labels.hpp"
#include "web/locale_format.hpp"
#include "web/space_pages.hpp"

#include <boost/json.hpp>

namespace ofpra::web {
namespace {

namespace json = boost::json;

constexpr std::array<domain::ShareLevel, 3> levels{
    domain::ShareLevel::protection, domain::ShareLevel::protection_civil_status, domain::ShareLevel::full_civil_status};

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
  json::array level_options;
  for (auto l : levels)
    level_options.push_back(json::object{{"value", to_string(l)},
                                         {"label", label(v, "level", to_string(l))},
                                         {"hint", label(v, "level_hint", to_string(l))},
                                         {"checked", l == domain::ShareLevel::protection}});
  values["none"] = list.empty();
  values["codes"] = std::move(list);
  values["levels"] = std::move(level_options);
  return page(v, "codes", "codes_title", values, status, "codes");
}

}  // namespace

http::Response share_codes_page(const Visit& v) { return render_codes(v, {}); }

http::Response share_code_create(const Visit& v) {
  if (!csrf_ok(v)) return problem(v, 403, "form_expired_title", "form_expired_text");
  auto level = domain::parse_share_level(v.field("niveau"));
  auto days = whole_number(v.field("jours"));
  if (!level) return render_codes(v, {{"error", v.t("error_code_level")}}, 400);
  if (!days || *days < 1 || *days > domain::share_code_max_days)
    return render_codes(v, {{"error", v.t("error_code_days")}}, 400);
  const auto& a = v.context->accounts;
  auto created = service::create_share_code(
      a.db, a.codes, {v.session->numero_ofpra, *level, v.field("motif"), static_cast<int>(*days)}, a.random, a.clock);
  if (!created) {
    const auto& field = created.error().field;
    if (field == "purpose") return render_codes(v, {{"error", v.t("error_code_purpose")}}, 400);
    if (field == "codes") return render_codes(v, {{"error", v.t("error_code_too_many")}}, 400);
    return problem(v, 503, "unavailable_title", "unavailable_text");
  }
  // Shown once, here: only its hash is kept.
  return render_codes(
      v, {{"created", json::object{{"code", domain::display_share_code(created->text)},
                                   {"expires", format_time(v.language->code, created->code.expires_at)}}}});
}

http::Response share_code_revoke(const Visit& v) {
  if (!csrf_ok(v)) return problem(v, 403, "form_expired_title", "form_expired_text");
  if (const auto id = whole_number(v.field("id")))
    if (!service::revoke_own_share_code(v.context->accounts.db, *id, v.session->numero_ofpra))
      return problem(v, 503, "unavailable_title", "unavailable_text");
  return redirect("/espace/codes");
}

}  // namespace ofpra::web
