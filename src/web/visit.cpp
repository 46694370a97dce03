#include "web/visit.hpp"

#include "auth/secret_hash.hpp"
#include "http/cookies.hpp"
#include "http/form.hpp"
#include "http/multipart.hpp"
#include "web/typed_input.hpp"

#include <boost/json.hpp>

#include <charconv>

namespace ofpra::web {

namespace {

const std::string& value_in(const std::map<std::string, std::string>& values, const std::string& name) {
  static const std::string none;
  auto it = values.find(name);
  return it == values.end() ? none : it->second;
}

}  // namespace

const std::string& Visit::field(const std::string& name) const { return value_in(form, name); }
const std::string& Visit::query(const std::string& name) const { return value_in(query_values, name); }

std::string cookie_name(const PortalContext& context, std::string_view bare) {
  return (context.secure_cookies ? "__Host-" : "") + std::string(bare);
}

std::string session_cookie_name(const PortalContext& context) { return cookie_name(context, "ofpra_session"); }

std::string csrf_cookie_name(const PortalContext& context) { return cookie_name(context, "ofpra_csrf"); }

Visit begin_visit(const PortalContext& context, const http::Request& request) {
  Visit v;
  v.context = &context;
  v.request = &request;
  v.language = &negotiate(request);
  if (request.method == "POST") {
    if (const auto boundary = http::multipart_boundary(request.header("content-type"))) {
      if (auto f = http::parse_multipart(request.body, *boundary)) v.form = std::move(*f);
    } else if (auto f = http::parse_form(request.body)) {
      v.form = std::move(*f);
    }
  }
  if (auto q = http::parse_form(request.query)) v.query_values = std::move(*q);
  // Numeric fields as people type them: the checks see ASCII digits, and dates written one way.
  for (const auto* name : {"numero_ofpra", "code", "code_partage", "jours", "id"})
    if (auto it = v.form.find(name); it != v.form.end()) it->second = ascii_digits(it->second);
  for (const auto* name : {"date_naissance", "jusqu_au"})
    if (auto it = v.form.find(name); it != v.form.end())
      it->second = typed_date(it->second).value_or(ascii_digits(it->second));
  if (auto token = http::cookie(request, session_cookie_name(context)); !token.empty()) {
    auto s = service::find_session(context.accounts, token);
    if (!s)
      v.store_failed = true;
    else
      v.session = std::move(*s);
  }
  if (v.session) {
    v.csrf = v.session->csrf_token;
  } else {
    v.csrf = http::cookie(request, csrf_cookie_name(context));
    if (v.csrf.size() != 32) {
      v.csrf = auth::new_secret(context.accounts.random, 24);
      v.set_csrf_cookie = true;
    }
  }
  return v;
}

bool csrf_ok(const Visit& v) {
  if (v.set_csrf_cookie) return false;  // no cookie came with the form
  return !v.csrf.empty() && auth::equal_in_constant_time(v.field("csrf"), v.csrf);
}

http::Response page(const Visit& v, std::string_view name, std::string_view title_key,
                    const boost::json::object& values, unsigned status, std::string_view section) {
  return titled_page(v, name, v.t(title_key), description(v.language->code, title_key), values, status, section);
}

http::Response titled_page(const Visit& v, std::string_view name, std::string title, std::string description,
                           const boost::json::object& values, unsigned status, std::string_view section) {
  PageMeta meta;
  meta.title = std::move(title);
  // A page that refuses a form says so first in its title, which a screen reader reads first.
  if (const auto* errors = values.if_contains("errors"); errors && errors->is_array() && !errors->as_array().empty())
    meta.title = v.t("title_error_prefix") + meta.title;
  meta.description = std::move(description);
  meta.language = v.language;
  meta.addressee = v.addressee;
  meta.path = v.request->path;
  if (const auto* demande = values.if_contains("demande");
      demande && demande->is_string() && !demande->as_string().empty())
    meta.path += "?demande=" + std::string(demande->as_string());
  meta.signed_in = v.session.has_value() && !section.empty();
  meta.section = std::string(section);
  meta.csrf = v.csrf;
  meta.counter = v.counter;
  meta.counter_agent = v.counter_agent;
  meta.admin = v.admin;
  boost::json::object with_csrf = values;
  with_csrf["csrf"] = v.csrf;
  auto rendered = render_page(name, meta, with_csrf);
  http::Response r;
  if (!rendered) {
    r.status = 500;
    r.body = "La page n'a pas pu être affichée.";
    return r;
  }
  r.status = status;
  r.content_type = "text/html; charset=utf-8";
  r.body = std::move(*rendered);
  if (v.set_csrf_cookie)
    http::set_cookie(r, csrf_cookie_name(*v.context), v.csrf, http::session_cookie_options(v.context->secure_cookies));
  return r;
}

std::optional<std::int64_t> whole_number(std::string_view text) {
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return n;
}

http::Response redirect(std::string location) {
  http::Response r;
  r.status = 303;
  r.set_header("Location", std::move(location));
  return r;
}

http::Response problem(const Visit& v, unsigned status, std::string_view title_key, std::string_view text_key) {
  return page(v, "problem", title_key, {{"message", v.t(text_key)}}, status);
}

void set_lax_cookie(http::Response& r, const Visit& v, const std::string& name, const std::string& value) {
  auto options = value.empty() ? http::expired_cookie_options(v.context->secure_cookies)
                               : http::session_cookie_options(v.context->secure_cookies);
  options.same_site = "Lax";
  http::set_cookie(r, name, value, options);
}

http::Response desk_headers(http::Response r, const oidc::RelyingParty* provider) {
  std::string policy(http::content_security_policy);
  if (provider) {
    // The issuer's origin: its scheme and authority.
    const std::string& issuer = provider->settings().issuer;
    const auto authority = issuer.find("://");
    if (authority != std::string::npos) policy += " " + issuer.substr(0, issuer.find('/', authority + 3));
  }
  r.set_header("Content-Security-Policy", policy);
  r.set_header("Cache-Control", "no-store");
  return r;
}

bool sign_in_may_start(const Visit& v) {
  return !v.context->sign_in_starts || v.context->sign_in_starts->take(v.request->client_address).allowed;
}

void mark_error(const Visit& v, boost::json::object& values, std::string_view field, std::string_view message_key) {
  mark_error_text(values, field, v.t(message_key));
}

void mark_error_text(boost::json::object& values, std::string_view field, const std::string& message) {
  auto& errors = values["errors"];
  if (!errors.is_array()) errors = boost::json::array{};
  errors.as_array().push_back(boost::json::object{{"field", field}, {"message", message}});
  values[std::string(field) + "_error"] = message;
  values["has_errors"] = true;
}

}  // namespace ofpra::web
