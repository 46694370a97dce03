#pragma once
// Watches the journal for the alert rules (domain/alert_rules.hpp): a thread reads the entries
// written since its last pass (at start, those of the last 31 days, which rebuild the rules'
// counts), stores each alert raised once (the store refuses a second for the same rule, subject
// and day, so that a restart raises nothing twice) and e-mails it, in the same transaction, to
// the staff with the audit or admin role. Staff acknowledge alerts in the back office.
#include "domain/alert_rules.hpp"
#include "env/clock.hpp"
#include "store/database.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

namespace ofpra::service {

class AlertMonitor {
 public:
  // log: told when a pass fails (no personal data), for the server's log.
  AlertMonitor(store::Database& db, const env::Clock& clock, domain::AlertSettings settings,
               std::chrono::milliseconds period, std::string public_url,
               std::function<void(std::string_view message)> log = {});
  ~AlertMonitor();  // stops
  AlertMonitor(const AlertMonitor&) = delete;
  AlertMonitor& operator=(const AlertMonitor&) = delete;

  void start();
  void stop();
  // One pass now, on the caller's thread: the entries since the last pass. Returns how many
  // alerts it raised (new ones only).
  domain::Result<int> pass();

  std::int64_t open_alerts() const { return open_; }
  std::int64_t raised() const { return raised_; }

 private:
  bool in_force(const domain::JournalEntry& e);

  store::Database& db_;
  const env::Clock& clock_;
  domain::AlertRules rules_;
  std::chrono::milliseconds period_;
  std::string public_url_;
  std::function<void(std::string_view)> log_;
  std::int64_t next_seq_ = 0;                                               // 0: not started
  std::map<std::string, std::vector<domain::Habilitation>> habilitations_;  // this pass's, by SIRET
  std::atomic<std::int64_t> open_{0};
  std::atomic<std::int64_t> raised_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// A staff member with the audit or admin role acknowledges an open alert, saying what she found.
// Errors: "role" (recorded), "comment", "alerte" (no such open alert).
domain::Status acknowledge_alert(store::Database& db, const env::Clock& clock, const store::StaffMember& staff,
                                 std::int64_t id, const std::string& comment);
// The alerts, open ones first, for the audit and admin roles (error "role", recorded).
domain::Result<std::vector<store::StoredAlert>> list_alerts(store::Database& db, const env::Clock& clock,
                                                            const store::StaffMember& staff);

}  // namespace ofpra::service
