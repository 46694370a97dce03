#include "service/notification_desk.hpp"

#include "service/staff.hpp"

#include <map>

namespace ofpra::service {
namespace {

// Support or admin; a refusal is recorded.
domain::Status may_handle(store::Database& db, const env::Clock& clock, const store::StaffMember& staff,
                          const std::string& attempted) {
  if (staff.roles.has(domain::StaffRole::admin)) return domain::success();
  auto may = staff_may(db, clock, staff, domain::StaffRole::support, attempted);
  if (!may) return may.error();
  if (!*may) return domain::Error{"notifications need the support or admin role", "role"};
  return domain::success();
}

}  // namespace

domain::Result<std::vector<GivenUpNotification>> given_up_notifications(store::Database& db, const env::Clock& clock,
                                                                        const store::StaffMember& staff) {
  if (auto s = may_handle(db, clock, staff, "notifications abandonnées"); !s) return s.error();
  auto dead = db.subscriptions().notifications_in_state(store::NotificationState::dead, 500);
  if (!dead) return dead.error();
  auto partners = db.partners().partners();
  if (!partners) return partners.error();
  std::map<std::string, std::string> names;
  for (const auto& p : *partners) names[p.siret] = p.name;
  std::vector<GivenUpNotification> out;
  for (auto& n : *dead) {
    const auto it = names.find(n.partner_siret);
    out.push_back({std::move(n), it != names.end() ? it->second : n.partner_siret});
  }
  return out;
}

domain::Result<bool> redeliver_notification(store::Database& db, const env::Clock& clock,
                                            const store::StaffMember& staff, const std::string& id) {
  if (auto s = may_handle(db, clock, staff, "relivraison d'une notification"); !s) return s.error();
  auto found = db.subscriptions().find_notification(id);
  if (!found) return found.error();
  if (!*found) return false;
  auto again = db.subscriptions().redeliver((*found)->partner_siret, id, env::format_utc(clock.now()));
  if (!again) return again.error();
  if (auto s = record_staff_action(db, clock, staff.email, "notification.relivree", id, (*found)->partner_siret); !s)
    return s.error();
  return *again;
}

}  // namespace ofpra::service
