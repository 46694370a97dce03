#include "store/sql/demande_queries.hpp"
#include "store/sql/stores.hpp"

namespace ofpra::store::sql {
namespace {

Demande demande_from_row(const Row& r) {
  Demande d;
  d.id = r.text(0);
  d.channel = domain::parse_JournalChannel(r.text(1)).value_or(domain::JournalChannel::unreadable);
  d.partner_siret = r.text(2);
  d.client_id = r.text(3);
  d.agent = r.text(4);
  d.person = r.text(5);
  d.question = r.text(6);
  d.topic = r.text(7);
  d.note = r.text(8);
  d.follows = r.int64(9);
  d.reference = r.int64(10);
  d.state = domain::parse_demande_state(r.text(11)).value_or(domain::DemandeState::closed);
  d.created_at = r.text(12);
  d.due_on = r.text(13);
  d.assigned_to = r.text(14);
  d.assigned_at = r.text(15);
  d.settled_by = r.text(16);
  d.settled_at = r.text(17);
  d.reason = domain::parse_closing_reason(r.text(18));
  d.message = r.text(19);
  d.answer_reference = r.int64(20);
  d.answer = r.text(21);
  d.updated_at = r.text(22);
  return d;
}

}  // namespace

Result<bool> SqlDemandeStore::create_demande(const Demande& d) {
  return changed_any(db_.run(queries::insert_demande,
                             {d.id, to_string(d.channel), d.partner_siret, d.client_id, d.agent, d.person, d.question,
                              d.topic, d.note, d.follows, d.reference, to_string(d.state), d.created_at, d.due_on}));
}

Result<std::optional<Demande>> SqlDemandeStore::find_demande(const std::string& id) {
  return first<Demande>(db_.query(queries::select_demande, {id}), demande_from_row);
}

Result<std::optional<Demande>> SqlDemandeStore::demande_following(std::int64_t follows) {
  return first<Demande>(db_.query(queries::select_demande_following, {follows}), demande_from_row);
}

Result<std::vector<Demande>> SqlDemandeStore::pending_demandes() {
  return all(db_.query(queries::select_pending_demandes), demande_from_row);
}

Result<std::vector<Demande>> SqlDemandeStore::settled_demandes(std::size_t limit) {
  return all(db_.query(queries::select_settled_demandes, {static_cast<std::int64_t>(limit)}), demande_from_row);
}

Result<std::vector<Demande>> SqlDemandeStore::demandes(const DemandeFilter& f) {
  return all(db_.query(queries::select_demandes,
                       {f.partner_siret, f.channel ? std::string(to_string(*f.channel)) : std::string(), f.agent,
                        f.person, static_cast<std::int64_t>(f.limit)}),
             demande_from_row);
}

Result<bool> SqlDemandeStore::assign_demande(const std::string& id, const std::string& email, const std::string& at) {
  return changed_any(db_.run(queries::assign_demande, {id, email, at}));
}

Result<bool> SqlDemandeStore::settle_demande(const Demande& d, const std::vector<OutboxMessage>& messages) {
  bool settled = false;
  auto s = db_.transaction(Mode::write, [&](Executor& tx) -> Status {
    auto r = tx.run(queries::settle_demande, {d.id, to_string(d.state), d.person, d.settled_by, d.settled_at,
                                              d.reason ? std::string(to_string(*d.reason)) : std::string(), d.message,
                                              d.answer_reference, d.answer});
    if (!r) return r.error();
    settled = *r > 0;
    if (!settled) return domain::success();
    const auto now = env::format_utc(clock_.now());
    for (const auto& m : messages)
      if (auto q = insert_outbox_message(tx, m, now); !q) return q;
    return domain::success();
  });
  if (!s) return s.error();
  return settled;
}

Result<std::vector<Demande>> SqlDemandeStore::demandes_since(const std::string& since) {
  return all(db_.query(queries::select_demandes_since, {since}), demande_from_row);
}

Result<std::int64_t> SqlDemandeStore::purge_settled_before(const std::string& before) {
  return db_.run(queries::purge_settled_demandes, {before});
}

}  // namespace ofpra::store::sql
