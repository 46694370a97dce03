#include "store/sql/back_office_queries.hpp"
#include "store/sql/portal_queries.hpp"
#include "store/sql/queries.hpp"
#include "store/sql/stores.hpp"

namespace ofpra::store::sql {
namespace {

StaffMember member_from_row(const Row& r) {
  return StaffMember{r.text(0), r.text(1), domain::parse_staff_roles(r.text(2)).value_or(domain::StaffRoles{}),
                     r.flag(3), r.text(4), r.text(5)};
}

// Scopes as "scope:1" (consent required) or "scope:0", separated by spaces.
std::string scopes_text(const std::vector<domain::ScopeGrant>& scopes) {
  std::string out;
  for (const auto& g : scopes)
    out += (out.empty() ? "" : " ") + std::string(to_string(g.scope)) + (g.consent_required ? ":1" : ":0");
  return out;
}

std::vector<domain::ScopeGrant> scopes_from(const std::string& text) {
  std::vector<domain::ScopeGrant> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto end = std::min(text.find(' ', pos), text.size());
    const auto word = text.substr(pos, end - pos);
    const auto colon = word.rfind(':');
    if (auto scope = domain::parse_scope(word.substr(0, colon)))
      out.push_back({*scope, colon == std::string::npos || word.substr(colon + 1) == "1"});
    pos = end + 1;
  }
  return out;
}

HabilitationRequest request_from_row(const Row& r) {
  HabilitationRequest q;
  q.id = r.int64(0);
  q.state = domain::parse_habilitation_state(r.text(1)).value_or(domain::HabilitationState::draft);
  q.organisation = {r.text(2), r.text(3),
                    domain::parse_AdministrationType(r.text(4)).value_or(domain::AdministrationType::other)};
  q.scopes = scopes_from(r.text(5));
  q.legal_basis = r.text(6);
  q.legal_reference = r.text(7);
  q.purpose = r.text(8);
  q.expected_volume = r.int64(9);
  q.dpo_email = r.text(10);
  q.technical_email = r.text(11);
  q.valid_from = r.text(12);
  q.valid_to = r.text(13);
  q.first_validator = r.text(14);
  q.habilitation_id = r.int64(15);
  q.follow_key_hash = r.text(16);
  q.created_at = r.text(17);
  q.updated_at = r.text(18);
  return q;
}

}  // namespace

Status SqlStaffStore::put_staff_member(const StaffMember& m) {
  return done(db_.run(queries::upsert_staff_member, {m.email, m.name, to_string(m.roles), m.active ? 1 : 0,
                                                     env::format_utc(clock_.now()), m.created_by}));
}

Result<std::optional<StaffMember>> SqlStaffStore::find_staff_member(const std::string& email) {
  return first<StaffMember>(db_.query(queries::select_staff_member, {email}), member_from_row);
}

Result<std::vector<StaffMember>> SqlStaffStore::staff_members() {
  return all(db_.query(queries::select_staff_members), member_from_row);
}

Status SqlStaffStore::put_staff_session(const StaffSession& s, const std::string& now) {
  if (auto forgotten = db_.run(queries::forget_staff_sessions, {now}); !forgotten) return forgotten.error();
  return done(db_.run(queries::insert_staff_session,
                      {s.token_hash, s.email, s.id_token, s.csrf_token, now, s.expires_at, s.idle_until}));
}

Result<std::optional<StaffSession>> SqlStaffStore::find_staff_session(const std::string& token_hash) {
  return first<StaffSession>(db_.query(queries::select_staff_session, {token_hash}), [](const Row& r) {
    return StaffSession{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5)};
  });
}

Status SqlStaffStore::touch_staff_session(const std::string& token_hash, const std::string& idle_until) {
  return done(db_.run(queries::touch_staff_session, {token_hash, idle_until}));
}

Status SqlStaffStore::delete_staff_session(const std::string& token_hash) {
  return done(db_.run(queries::delete_staff_session, {token_hash}));
}

Status SqlStaffStore::delete_staff_sessions_of(const std::string& email) {
  return done(db_.run(queries::delete_staff_sessions_of, {email}));
}

Result<std::int64_t> SqlStaffStore::record_staff_action(const StaffAction& a) {
  auto id = returned_id(db_.query(queries::insert_staff_action, {a.at, a.email, a.action, a.target, a.comment}));
  if (!id) return id.error();
  if (!*id) return domain::unavailable_error("the staff action was not recorded");
  return **id;
}

Result<std::vector<StaffAction>> SqlStaffStore::staff_actions(std::int64_t before_id, std::size_t limit) {
  return all(db_.query(queries::select_staff_actions, {before_id, static_cast<std::int64_t>(limit)}), [](const Row& r) {
    return StaffAction{r.int64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5)};
  });
}

Status SqlHabilitationRequestStore::write_effects(Executor& tx, std::int64_t request_id, const RequestEvent& e,
                                                  const RequestEffects& effects) {
  const auto now = env::format_utc(clock_.now());
  if (auto r = tx.run(queries::insert_request_event,
                      {request_id, e.at, e.actor, e.action, e.from_state, e.to_state, e.comment});
      !r)
    return r.error();
  if (const auto& p = effects.partner)
    if (auto r = tx.run(queries::upsert_partner, {p->siret, p->name, std::string(to_string(p->type)), now}); !r)
      return r.error();
  if (const auto& h = effects.habilitation) {
    auto id = insert_habilitation(tx, *h, now);
    if (!id) return id.error();
    if (auto r = tx.run(queries::set_request_habilitation, {request_id, *id}); !r) return r.error();
  }
  if (effects.revoke_habilitation != 0)
    if (auto r = tx.run(queries::revoke_habilitation, {effects.revoke_habilitation}); !r) return r.error();
  for (const auto& m : effects.messages)
    if (auto s = insert_outbox_message(tx, m, now); !s) return s;
  return domain::success();
}

Result<std::int64_t> SqlHabilitationRequestStore::create_request(const HabilitationRequest& q, const RequestEvent& e,
                                                                 const RequestEffects& effects) {
  std::int64_t id = 0;
  auto s = db_.transaction(Mode::write, [&](Executor& tx) -> Status {
    auto inserted = returned_id(
        tx.query(queries::insert_request,
                 {std::string(to_string(q.state)), q.organisation.siret, q.organisation.name,
                  std::string(to_string(q.organisation.type)), scopes_text(q.scopes), q.legal_basis, q.legal_reference,
                  q.purpose, q.expected_volume, q.dpo_email, q.technical_email, q.valid_from, q.valid_to,
                  q.first_validator, q.follow_key_hash, env::format_utc(clock_.now())}));
    if (!inserted) return inserted.error();
    if (!*inserted) return domain::unavailable_error("the request was not inserted");
    id = **inserted;
    return write_effects(tx, id, e, effects);
  });
  if (!s) return s.error();
  return id;
}

Result<bool> SqlHabilitationRequestStore::save_request(const HabilitationRequest& q, domain::HabilitationState expected,
                                                       const RequestEvent& e, const RequestEffects& effects) {
  bool saved = false;
  auto s = db_.transaction(Mode::write, [&](Executor& tx) -> Status {
    auto changed =
        tx.run(queries::update_request,
               {q.id, std::string(to_string(q.state)), q.organisation.name, std::string(to_string(q.organisation.type)),
                scopes_text(q.scopes), q.legal_basis, q.legal_reference, q.purpose, q.expected_volume, q.dpo_email,
                q.technical_email, q.valid_from, q.valid_to, q.first_validator, env::format_utc(clock_.now()),
                std::string(to_string(expected))});
    if (!changed) return changed.error();
    saved = *changed > 0;
    if (!saved) return domain::success();
    return write_effects(tx, q.id, e, effects);
  });
  if (!s) return s.error();
  return saved;
}

Result<std::optional<HabilitationRequest>> SqlHabilitationRequestStore::find_request(std::int64_t id) {
  return first<HabilitationRequest>(db_.query(queries::select_request, {id}), request_from_row);
}

Result<std::vector<HabilitationRequest>> SqlHabilitationRequestStore::requests(
    std::optional<domain::HabilitationState> state) {
  if (!state) return all(db_.query(queries::select_requests), request_from_row);
  return all(db_.query(queries::select_requests_in, {std::string(to_string(*state))}), request_from_row);
}

Result<std::vector<RequestEvent>> SqlHabilitationRequestStore::request_events(std::int64_t id) {
  return all(db_.query(queries::select_request_events, {id}), [](const Row& r) {
    return RequestEvent{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5)};
  });
}

Result<std::vector<HabilitationRequest>> SqlHabilitationRequestStore::ending_unreminded(const std::string& until) {
  return all(db_.query(queries::select_ending_unreminded, {until}), request_from_row);
}

Status SqlHabilitationRequestStore::mark_reminded(std::int64_t id, const std::string& at) {
  return done(db_.run(queries::mark_request_reminded, {id, at}));
}

Result<bool> SqlAlertStore::put_alert(const StoredAlert& a, const std::vector<OutboxMessage>& messages) {
  bool inserted = false;
  auto s = db_.transaction(Mode::write, [&](Executor& tx) -> Status {
    auto r = tx.run(queries::insert_alert, {a.rule, a.subject, a.day, a.seq, a.evidence, a.raised_at});
    if (!r) return r.error();
    inserted = *r > 0;
    if (!inserted) return domain::success();
    const auto now = env::format_utc(clock_.now());
    for (const auto& m : messages)
      if (auto q = insert_outbox_message(tx, m, now); !q) return q;
    return domain::success();
  });
  if (!s) return s.error();
  return inserted;
}

Result<std::vector<StoredAlert>> SqlAlertStore::alerts(std::size_t limit) {
  return all(db_.query(queries::select_alerts, {static_cast<std::int64_t>(limit)}), [](const Row& r) {
    return StoredAlert{r.int64(0), r.text(1), r.text(2), r.text(3), r.int64(4),
                       r.text(5),  r.text(6), r.text(7), r.text(8), r.text(9)};
  });
}

Result<std::int64_t> SqlAlertStore::open_alerts() { return db_.integer(queries::count_open_alerts); }

Result<bool> SqlAlertStore::acknowledge_alert(std::int64_t id, const std::string& email, const std::string& at,
                                              const std::string& comment) {
  return changed_any(db_.run(queries::acknowledge_alert, {id, email, at, comment}));
}

}  // namespace ofpra::store::sql
