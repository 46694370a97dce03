#pragma once
// What every portal page knows about its visitor: language, session, the CSRF token its forms
// carry, the form posted; and the ways a page answers (rendered page, redirect).
#include "domain/result.hpp"
#include "http/message.hpp"
#include "web/portal.hpp"
#include "web/render.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace ofpra::web {

struct Visit {
  const PortalContext* context = nullptr;
  const http::Request* request = nullptr;
  const Language* language = nullptr;
  std::optional<service::PersonSession> session;
  std::string csrf;              // what this page's forms carry
  bool set_csrf_cookie = false;  // a visitor without a session gets a new double-submit cookie
  std::map<std::string, std::string> form;
  std::map<std::string, std::string> query_values;  // of the address
  bool store_failed = false;

  // The counter's pages (French only): the agent signed in, shown in the header with her
  // logout form; empty when none.
  bool counter = false;
  std::string counter_agent;
  // The back office's and the habilitation requests' pages (French only).
  bool admin = false;

  // Set on her own pages only (see Addressee): never on a page about someone else.
  Addressee addressee = Addressee::unknown;

  std::string t(std::string_view key) const { return text(language->code, key, addressee); }
  // The posted field, or empty.
  const std::string& field(const std::string& name) const;
  // The address's query value, or empty.
  const std::string& query(const std::string& name) const;
};

// The session's and the forms' cookies: "__Host-" prefixed over HTTPS, so that no other site of
// the domain can set or shadow them (RFC 6265bis §4.1.3.2); browsers refuse that prefix without
// Secure, so over plain HTTP (the demo) the names are bare.
std::string cookie_name(const PortalContext& context, std::string_view bare);
std::string session_cookie_name(const PortalContext& context);
std::string csrf_cookie_name(const PortalContext& context);

// Reads language and session; for a POST, the form too. A store failure is noted in the visit
// (pages answer 503).
Visit begin_visit(const PortalContext& context, const http::Request& request);
// The form's token matches the session's (signed in) or the cookie's (not signed in).
bool csrf_ok(const Visit& visit);

// The template rendered in the layout, with the cookies the visit needs.
http::Response page(const Visit& visit, std::string_view name, std::string_view title_key,
                    const boost::json::object& values = {}, unsigned status = 200, std::string_view section = {});
// The same with its title and description already in the page's language (the counter's pages).
http::Response titled_page(const Visit& visit, std::string_view name, std::string title, std::string description,
                           const boost::json::object& values = {}, unsigned status = 200,
                           std::string_view section = {});
http::Response redirect(std::string location);
// The page that says what went wrong and what to do (form expired, service unavailable).
http::Response problem(const Visit& visit, unsigned status, std::string_view title_key, std::string_view text_key);

// A form or query value that is a whole number, all of it ("12", not "12a"); nullopt otherwise.
std::optional<std::int64_t> whole_number(std::string_view text);

// A cookie an OpenID provider's return must carry (SameSite=Lax: the provider sends the browser
// back with a top-level GET from its own site); an empty value expires it.
void set_lax_cookie(http::Response& response, const Visit& visit, const std::string& name, const std::string& value);

// The headers of a page signed in with an OpenID provider (the counter, the back office): never
// cached, and its forms may go on to the provider's logout (CSP form-action), nowhere else.
http::Response desk_headers(http::Response response, const oidc::RelyingParty* provider);

// Whether this address may start one more sign-in with an OpenID provider now (counted).
bool sign_in_may_start(const Visit& visit);

// Marks a refused form's field, the DSFR's error pattern: its message at the field
// ({{<field>_error}}) and in the summary that links to it ({{>_errors}}, by the field's id),
// and "Erreur" in the page's title.
void mark_error(const Visit& visit, boost::json::object& values, std::string_view field, std::string_view message_key);
// The same with a message already in the page's language (the counter's French pages).
void mark_error_text(boost::json::object& values, std::string_view field, const std::string& message);

}  // namespace ofpra::web
