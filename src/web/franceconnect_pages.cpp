#include "web/franceconnect_pages.hpp"

#include "http/access_log.hpp"
#include "http/cookies.hpp"
#include "web/account_pages.hpp"

#include <boost/json.hpp>

namespace ofpra::web {
namespace {

namespace json = boost::json;

// The sign-in under way, between the provider's page and her confirmation. SameSite=Lax: the
// provider sends her back with a top-level GET from its own site.
std::string login_cookie_name(const PortalContext& c) { return cookie_name(c, "ofpra_franceconnect"); }

http::Response with_login_cookie(http::Response r, const Visit& v, const std::string& value) {
  set_lax_cookie(r, v, login_cookie_name(*v.context), value);
  return r;
}

// Why she could not be signed in, and the ways that remain (her number and password, or
// activating her account).
http::Response failed(const Visit& v, std::string_view reason_key, unsigned status) {
  return with_login_cookie(
      page(v, "franceconnect", "franceconnect_title", {{"failed", true}, {"reason", v.t(reason_key)}}, status), v, "");
}

}  // namespace

http::Response franceconnect_go(const Visit& v) {
  const auto* fc = v.context->franceconnect;
  if (!fc) return redirect("/connexion");
  if (!sign_in_may_start(v)) return failed(v, "franceconnect_too_many", 429);
  auto started = service::franceconnect_start(*fc);
  if (!started) {
    http::log_event("warning", "a FranceConnect sign-in could not start: " + started.error().message);
    return failed(v, "franceconnect_unavailable", 503);
  }
  return with_login_cookie(redirect(started->url), v, started->login_id);
}

http::Response franceconnect_back(const Visit& v) {
  const auto* fc = v.context->franceconnect;
  if (!fc) return redirect("/connexion");
  // She cancelled on the provider's page, or it refused.
  if (!v.query("error").empty()) return failed(v, "franceconnect_cancelled", 400);
  const auto login_id = http::cookie(*v.request, login_cookie_name(*v.context));
  auto back = service::franceconnect_return(*fc, login_id, v.query("state"), v.query("code"));
  if (!back) {
    if (back.error().is_unavailable()) return failed(v, "franceconnect_unavailable", 503);
    // The provider's answer did not check out (or this is a replayed address): logged without
    // anything that names her.
    http::log_event("warning", "a FranceConnect return was refused: " + back.error().message);
    return failed(v, "franceconnect_refused", 400);
  }
  if (back->signed_in) return with_login_cookie(signed_in(v, *back->signed_in), v, "");
  // The same form whether the matcher found someone or not: nothing here says which.
  return page(v, "franceconnect", "franceconnect_title", {{"confirm", true}});
}

http::Response franceconnect_confirm_submit(const Visit& v) {
  const auto* fc = v.context->franceconnect;
  if (!fc) return redirect("/connexion");
  if (!csrf_ok(v)) return problem(v, 403, "form_expired_title", "form_expired_text");
  const auto login_id = http::cookie(*v.request, login_cookie_name(*v.context));
  const auto& typed = v.field("numero_ofpra");
  auto confirmed = service::franceconnect_confirm(*fc, login_id, typed, v.language->code);
  if (confirmed) {
    http::log_event("info", "a FranceConnect identity was linked to a registered person");
    return with_login_cookie(signed_in(v, *confirmed), v, "");
  }
  const auto& field = confirmed.error().field;
  if (field == "numero_ofpra") {
    // What she typed is shown again only if it has the form of a number.
    json::object values{{"confirm", true}, {"numero_ofpra", typed.size() == 9 ? typed : ""}};
    mark_error(v, values, "numero_ofpra", "franceconnect_wrong_number");
    return page(v, "franceconnect", "franceconnect_title", values, 400);
  }
  if (field == "essais")
    return with_login_cookie(page(v, "franceconnect", "franceconnect_title", {{"unknown", true}}, 400), v, "");
  if (confirmed.error().is_unavailable()) return problem(v, 503, "unavailable_title", "unavailable_text");
  return failed(v, "franceconnect_refused", 400);
}

}  // namespace ofpra::web
