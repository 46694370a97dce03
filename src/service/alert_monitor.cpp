#include "service/alert_monitor.hpp"

#include "domain/partial_date.hpp"
#include "domain/plain_text.hpp"
#include "env/thread_name.hpp"
#include "service/staff.hpp"

#include <algorithm>

namespace ofpra::service {
namespace {

constexpr int warm_up_days = 31;

bool may_see_alerts(const store::StaffMember& m) {
  return m.roles.has(domain::StaffRole::audit) || m.roles.has(domain::StaffRole::admin);
}

domain::Status refuse_role(store::Database& db, const env::Clock& clock, const store::StaffMember& m,
                           const std::string& attempted) {
  if (auto r = record_staff_action(db, clock, m.email, "refus.audit", attempted, "rôle manquant"); !r) return r;
  return domain::Error{"alerts need the audit or admin role", "role"};
}

}  // namespace

AlertMonitor::AlertMonitor(store::Database& db, const env::Clock& clock, domain::AlertSettings settings,
                           std::chrono::milliseconds period, std::string public_url,
                           std::function<void(std::string_view)> log)
    : db_(db),
      clock_(clock),
      rules_(settings),
      period_(period),
      public_url_(std::move(public_url)),
      log_(std::move(log)) {}

AlertMonitor::~AlertMonitor() { stop(); }

void AlertMonitor::start() {
  thread_ = std::thread([this] {
    env::name_this_thread("alert-monitor");
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      if (auto n = pass(); !n && log_) log_("the alert rules could not read the journal: " + n.error().message);
      lock.lock();
      wake_.wait_for(lock, period_, [this] { return stopping_; });
    }
  });
}

void AlertMonitor::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool AlertMonitor::in_force(const domain::JournalEntry& e) {
  auto it = habilitations_.find(e.partner_siret);
  if (it == habilitations_.end()) {
    auto read = db_.partners().habilitations(e.partner_siret);
    it = habilitations_.emplace(e.partner_siret, read ? std::move(*read) : std::vector<domain::Habilitation>{}).first;
  }
  const auto day = e.recorded_at.substr(0, 10);
  return std::any_of(it->second.begin(), it->second.end(), [&](const domain::Habilitation& h) {
    // In force that day: validated, or revoked since (a revocation does not undo the past).
    auto then = h;
    if (then.state == domain::HabilitationState::revoked) then.state = domain::HabilitationState::validated;
    return domain::in_force(then, day);
  });
}

domain::Result<int> AlertMonitor::pass() {
  if (next_seq_ == 0) {
    const auto since = clock_.now() - std::chrono::hours(24 * warm_up_days);
    auto before = db_.journal().last_seq_before(env::format_utc(since));
    if (!before) return before.error();
    next_seq_ = *before + 1;
  }
  habilitations_.clear();
  auto staff = db_.staff().staff_members();
  if (!staff) return staff.error();
  std::vector<store::StoredAlert> raised;
  auto s = db_.journal().scan(next_seq_, [&](domain::JournalEntry&& e) {
    next_seq_ = e.seq + 1;
    for (auto& a : rules_.observe(e, in_force(e)))
      raised.push_back(
          {0, std::string(to_string(a.rule)), a.subject, a.day, a.seq, a.evidence, env::format_utc(clock_.now())});
    return true;
  });
  if (!s) return s.error();
  int stored = 0;
  for (const auto& a : raised) {
    std::vector<store::OutboxMessage> messages;
    for (const auto& m : *staff)
      if (m.active && may_see_alerts(m))
        messages.push_back({0, "email", m.email, "Ofpra Connect : alerte « " + a.rule + " » sur " + a.subject,
                            "Alerte « " + a.rule + " » du " + a.day + " sur " + a.subject + " : " + a.evidence +
                                " (entrée n° " + std::to_string(a.seq) + " du journal).\nÀ examiner et acquitter sur " +
                                public_url_ + "/admin/alertes\n",
                            0});
    auto put = db_.alerts().put_alert(a, messages);
    if (!put) return put.error();
    if (*put) ++stored;
  }
  raised_ += stored;
  auto open = db_.alerts().open_alerts();
  if (!open) return open.error();
  open_ = *open;
  return stored;
}

domain::Status acknowledge_alert(store::Database& db, const env::Clock& clock, const store::StaffMember& staff,
                                 std::int64_t id, const std::string& comment) {
  if (!may_see_alerts(staff)) return refuse_role(db, clock, staff, "acquittement d'une alerte");
  if (!domain::is_reason(comment)) return domain::Error{"say what you found", "comment"};
  auto done = db.alerts().acknowledge_alert(id, staff.email, env::format_utc(clock.now()), comment);
  if (!done) return done.error();
  if (!*done) return domain::Error{"no such open alert", "alerte"};
  return record_staff_action(db, clock, staff.email, "alerte.acquittement", "alerte " + std::to_string(id), comment);
}

domain::Result<std::vector<store::StoredAlert>> list_alerts(store::Database& db, const env::Clock& clock,
                                                            const store::StaffMember& staff) {
  if (!may_see_alerts(staff)) {
    if (auto r = refuse_role(db, clock, staff, "alertes"); !r) return r.error();
  }
  return db.alerts().alerts(200);
}

}  // namespace ofpra::service
