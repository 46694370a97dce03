#pragma once
// OFPRA's support and the partners' notifications (docs/NOTIFICATIONS.md): the ones given up
// after a day of retries, every partner's, and asking for one again, recorded as a staff action.
#include "domain/result.hpp"
#include "env/clock.hpp"
#include "store/database.hpp"

#include <string>
#include <vector>

namespace ofpra::service {

struct GivenUpNotification {
  store::Notification notification;
  std::string partner_name;
};

// Newest first, at most 500. Errors: "role" (not support nor admin; the refusal is recorded).
domain::Result<std::vector<GivenUpNotification>> given_up_notifications(store::Database& db, const env::Clock& clock,
                                                                        const store::StaffMember& staff);
// Pending again now, from its first attempt; false when there is no such notification.
domain::Result<bool> redeliver_notification(store::Database& db, const env::Clock& clock,
                                            const store::StaffMember& staff, const std::string& id);

}  // namespace ofpra::service
