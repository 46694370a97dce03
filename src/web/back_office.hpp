#pragma once
// What the back office's pages share (internal to src/web): the visit with the staff member
// signed in (re-read at every page, so that a role taken away applies at once), the page in the
// back office's layout, and the check of a role before each action.
#include "domain/habilitation.hpp"
#include "domain/staff_role.hpp"
#include "http/router.hpp"
#include "service/staff.hpp"
#include "web/visit.hpp"

#include <boost/json/object.hpp>

#include <functional>
#include <optional>
#include <string>

namespace ofpra::web {

struct Office {
  Visit v;
  std::optional<service::SignedInStaff> staff;
};

std::string office_cookie(const PortalContext& c);

using OfficeFn = std::function<void(const Office&, http::Respond)>;
// A back-office route, run on the blocking pool (the services read the store); a store failure
// answers 503 before fn runs.
void on_office(http::Router& router, const PortalContext& c, std::string method, std::string path, OfficeFn fn);

// The template in the layout, French, never cached, with the staff member's navigation.
http::Response office_page(const Office& o, std::string_view name, const std::string& title,
                           boost::json::object values = {}, unsigned status = 200);
// A page that says what went wrong and where to go from there.
http::Response office_message(const Office& o, const std::string& title, const std::string& message, unsigned status);
// 503: a store did not answer.
http::Response office_unavailable(const Office& o);

// The page to answer instead when she is not signed in (the sign-in page) or lacks the role (403,
// recorded as a refused staff action); nullopt when she may go on.
std::optional<http::Response> office_refusal(const Office& o, domain::StaffRole role, const std::string& attempted);
// Her form's CSRF token is right; otherwise the page to answer.
std::optional<http::Response> office_csrf(const Office& o);

// The state's words as the pages show them ("Modifications demandées").
std::string state_label(domain::HabilitationState state);

// Routes capture the context, which must outlive the router.
void add_office_session_routes(http::Router& router, const PortalContext& c);        // /admin, sign-in, staff
void add_office_request_routes(http::Router& router, const PortalContext& c);        // requests, credentials
void add_office_audit_routes(http::Router& router, const PortalContext& c);          // the journal
void add_office_demande_routes(http::Router& router, const PortalContext& c);        // requests to OFPRA
void add_office_notification_routes(http::Router& router, const PortalContext& c);   // notifications given up
void add_habilitation_request_routes(http::Router& router, const PortalContext& c);  // public form

}  // namespace ofpra::web
