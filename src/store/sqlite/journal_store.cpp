#include "store/sqlite/journal_store.hpp"

#include "domain/json_text.hpp"
#include "store/sqlite/journal_queries.hpp"

namespace ofpra::store::sqlite {
namespace {

using domain::JournalCheckpoint;
using domain::JournalEntry;

JournalEntry entry_from_row(const Statement& st) {
  JournalEntry e;
  e.seq = st.int64(0);
  e.recorded_at = st.text(1);
  e.channel = st.text(2);
  e.partner_siret = st.text(3);
  e.client_id = st.text(4);
  e.agent = st.text(5);
  e.recipient_siret = st.text(6);
  e.purpose = st.text(7);
  e.consent_ref = st.text(8);
  e.scopes_asked = domain::parse_json_string_list(st.text(9));
  e.scopes_given = domain::parse_json_string_list(st.text(10));
  e.person = st.text(11);
  e.result = st.text(12);
  e.refusal_code = st.text(13);
  e.request_hash = st.text(14);
  e.prev_hash = st.text(15);
  e.hash = st.text(16);
  return e;
}

JournalCheckpoint checkpoint_from_row(const Statement& st) {
  return {st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4)};
}

Statement& bind_checkpoint(Statement& st, const JournalCheckpoint& c) {
  return st.bind(1, c.seq).bind(2, c.hash).bind(3, c.signed_at).bind(4, c.key_id).bind(5, c.signature);
}

}  // namespace

domain::Status SqliteJournalStore::append(std::span<const JournalEntry> entries,
                                          std::span<const JournalCheckpoint> checkpoints,
                                          const JournalCheckpoint& head) {
  std::lock_guard lock(mutex_);
  auto& c = connection_;
  if (auto s = c.exec("BEGIN IMMEDIATE"); !s) return s;
  auto fail = [&](domain::Status s) {
    c.exec("ROLLBACK");
    return s;
  };
  auto insert = c.prepare(queries::insert_entry);
  if (!insert) return fail(insert.error());
  for (const auto& e : entries) {
    auto s = insert->bind(1, e.seq)
                 .bind(2, e.recorded_at)
                 .bind(3, e.channel)
                 .bind(4, e.partner_siret)
                 .bind(5, e.client_id)
                 .bind(6, e.agent)
                 .bind(7, e.recipient_siret)
                 .bind(8, e.purpose)
                 .bind(9, e.consent_ref)
                 .bind(10, domain::json_string_list(e.scopes_asked))
                 .bind(11, domain::json_string_list(e.scopes_given))
                 .bind(12, e.person)
                 .bind(13, e.result)
                 .bind(14, e.refusal_code)
                 .bind(15, e.request_hash)
                 .bind(16, e.prev_hash)
                 .bind(17, e.hash)
                 .run();
    if (!s) return fail(s);
  }
  auto cp = c.prepare(queries::insert_checkpoint);
  if (!cp) return fail(cp.error());
  for (const auto& k : checkpoints)
    if (auto s = bind_checkpoint(*cp, k).run(); !s) return fail(s);
  auto hd = c.prepare(queries::upsert_head);
  if (!hd) return fail(hd.error());
  if (auto s = bind_checkpoint(*hd, head).run(); !s) return fail(s);
  if (auto s = c.exec("COMMIT"); !s) return fail(s);
  return domain::success();
}

domain::Result<std::optional<JournalCheckpoint>> SqliteJournalStore::head() {
  std::lock_guard lock(mutex_);
  auto st = connection_.prepare(queries::select_head);
  if (!st) return st.error();
  auto r = st->step();
  if (!r) return r.error();
  if (!*r) return std::optional<JournalCheckpoint>{};
  return std::optional<JournalCheckpoint>(checkpoint_from_row(*st));
}

domain::Status SqliteJournalStore::scan(std::int64_t from_seq, const std::function<bool(JournalEntry&&)>& visit) {
  std::lock_guard lock(mutex_);
  auto st = connection_.prepare("SELECT " + std::string(queries::entry_columns) +
                                " FROM journal_entries WHERE seq >= ?1 ORDER BY seq");
  if (!st) return st.error();
  st->bind(1, from_seq);
  return st->each_row([&](const Statement& row) { return visit(entry_from_row(row)); });
}

domain::Result<std::vector<JournalCheckpoint>> SqliteJournalStore::checkpoints() {
  std::lock_guard lock(mutex_);
  auto st = connection_.prepare(queries::select_checkpoints);
  if (!st) return st.error();
  return collect(*st, checkpoint_from_row);
}

domain::Result<std::vector<JournalEntry>> SqliteJournalStore::search(const JournalQuery& q) {
  // Only the filters given are written, each a bound parameter: "person = ?" alone lets SQLite
  // walk the (person, seq) index backwards, where "(? = '' OR person = ?)" would scan the whole
  // journal for a person's history page.
  std::string sql = "SELECT " + std::string(queries::entry_columns) + " FROM journal_entries WHERE 1";
  if (!q.person.empty()) sql += " AND person = ?1";
  if (!q.partner_siret.empty()) sql += " AND partner_siret = ?2";
  if (!q.result.empty()) sql += " AND result = ?3";
  if (!q.from.empty()) sql += " AND recorded_at >= ?4";
  if (!q.to.empty()) sql += " AND recorded_at < ?5";
  if (q.before_seq != 0) sql += " AND seq < ?6";
  sql += " ORDER BY seq DESC LIMIT ?7";
  std::lock_guard lock(mutex_);
  auto st = connection_.prepare(sql);
  if (!st) return st.error();
  if (!q.person.empty()) st->bind(1, q.person);
  if (!q.partner_siret.empty()) st->bind(2, q.partner_siret);
  if (!q.result.empty()) st->bind(3, q.result);
  if (!q.from.empty()) st->bind(4, q.from);
  if (!q.to.empty()) st->bind(5, q.to);
  if (q.before_seq != 0) st->bind(6, q.before_seq);
  st->bind(7, static_cast<std::int64_t>(q.limit));
  return collect(*st, entry_from_row);
}

domain::Result<std::int64_t> SqliteJournalStore::purge_through(std::int64_t through_seq,
                                                               const JournalCheckpoint& anchor) {
  std::lock_guard lock(mutex_);
  auto& c = connection_;
  if (auto s = c.exec("BEGIN IMMEDIATE"); !s) return s.error();
  auto fail = [&](const domain::Error& e) -> domain::Result<std::int64_t> {
    c.exec("ROLLBACK");
    return e;
  };
  auto del = c.prepare(queries::delete_entries_through);
  if (!del) return fail(del.error());
  if (auto s = del->bind(1, through_seq).run(); !s) return fail(s.error());
  const auto deleted = c.changes();
  auto cp = c.prepare(queries::insert_checkpoint);
  if (!cp) return fail(cp.error());
  if (auto s = bind_checkpoint(*cp, anchor).run(); !s) return fail(s.error());
  // Older checkpoints anchor nothing that remains.
  auto old = c.prepare(queries::delete_checkpoints_before);
  if (!old) return fail(old.error());
  if (auto s = old->bind(1, through_seq).run(); !s) return fail(s.error());
  if (auto s = c.exec("COMMIT"); !s) return fail(s.error());
  return deleted;
}

domain::Result<std::int64_t> SqliteJournalStore::last_seq_before(const std::string& recorded_before) {
  std::lock_guard lock(mutex_);
  auto st = connection_.prepare(queries::last_seq_before);
  if (!st) return st.error();
  st->bind(1, recorded_before);
  auto r = st->step();
  if (!r) return r.error();
  return st->int64(0);
}

domain::Status SqliteJournalStore::put_key(const std::string& key_id, const std::string& public_key_hex) {
  std::lock_guard lock(mutex_);
  auto st = connection_.prepare(queries::insert_key);
  if (!st) return st.error();
  return st->bind(1, key_id).bind(2, public_key_hex).bind(3, env::format_utc(clock_.now())).run();
}

domain::Result<std::optional<std::string>> SqliteJournalStore::key(const std::string& key_id) {
  std::lock_guard lock(mutex_);
  auto st = connection_.prepare(queries::select_key);
  if (!st) return st.error();
  st->bind(1, key_id);
  auto r = st->step();
  if (!r) return r.error();
  if (!*r) return std::optional<std::string>{};
  return std::optional<std::string>(st->text(0));
}

}  // namespace ofpra::store::sqlite
