// The back office's view of the partners' notifications given up (docs/NOTIFICATIONS.md), for
// the support: who, what, how many attempts, the last error; and asking for one again.
#include "service/notification_desk.hpp"
#include "web/back_office.hpp"
#include "web/locale_format.hpp"

#include <boost/json.hpp>

namespace ofpra::web {
namespace {

namespace json = boost::json;

// Signed in, with the support or admin role; otherwise the page to answer.
std::optional<http::Response> refusal(const Office& o, const std::string& attempted) {
  if (o.staff && o.staff->member.roles.has(domain::StaffRole::admin)) return std::nullopt;
  return office_refusal(o, domain::StaffRole::support, attempted);
}

http::Response notifications_page(const Office& o, json::object values = {}, unsigned status = 200) {
  const auto& c = *o.v.context->staff;
  auto list = service::given_up_notifications(c.db, c.clock, o.staff->member);
  if (!list) return office_unavailable(o);
  json::array rows;
  for (const auto& g : *list) {
    const auto& n = g.notification;
    rows.push_back(json::object{{"id", n.id},
                                {"partner", g.partner_name},
                                {"type", n.type},
                                {"created", format_time("fr", n.created_at)},
                                {"attempts", n.attempts},
                                {"error", n.last_error}});
  }
  values["none"] = rows.empty();
  values["notifications"] = std::move(rows);
  return office_page(o, "admin_notifications", "Notifications abandonnées", std::move(values), status);
}

void list(const Office& o, http::Respond respond) {
  if (auto r = refusal(o, "notifications abandonnées")) return respond(std::move(*r));
  respond(notifications_page(o));
}

void redeliver(const Office& o, http::Respond respond) {
  if (auto r = refusal(o, "relivraison d'une notification")) return respond(std::move(*r));
  if (auto r = office_csrf(o)) return respond(std::move(*r));
  const auto& c = *o.v.context->staff;
  auto again = service::redeliver_notification(c.db, c.clock, o.staff->member, o.v.field("notification"));
  if (!again) return respond(office_unavailable(o));
  if (!*again) {
    json::object values;
    mark_error_text(values, "notifications", "Cette notification n'existe pas.");
    return respond(notifications_page(o, std::move(values), 404));
  }
  respond(desk_headers(redirect("/admin/notifications?relivree=" + o.v.field("notification")), nullptr));
}

}  // namespace

void add_office_notification_routes(http::Router& router, const PortalContext& c) {
  on_office(router, c, "GET", "/admin/notifications", list);
  on_office(router, c, "POST", "/admin/notifications", redeliver);
}

}  // namespace ofpra::web
