#include "domain/json_text.hpp"
#include "store/sql/journal_queries.hpp"
#include "store/sql/queries.hpp"
#include "store/sql/stores.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <string>
#include <utility>

namespace ofpra::store::sql {
namespace {

using domain::JournalCheckpoint;
using domain::JournalEntry;

// Rows a journal scan reads at a time: memory stays flat whatever the journal's length.
constexpr std::int64_t scan_chunk = 5000;

// More than partners' clients, recipients and scope sets would make: a cache that forgets.
constexpr std::size_t max_cached_contexts = 10'000;

JournalEntry entry_from_row(const Row& r) {
  JournalEntry e;
  e.seq = r.int64(0);
  e.recorded_at = r.text(1);
  // A word outside the list (a tampered row) reads as unreadable: the entry's hash then tells.
  e.channel = domain::parse_JournalChannel(r.text(2)).value_or(domain::JournalChannel::unreadable);
  e.partner_siret = r.text(3);
  e.client_id = r.text(4);
  e.agent = r.text(5);
  e.recipient_siret = r.text(6);
  e.purpose = r.text(7);
  e.consent_ref = r.text(8);
  e.scopes_asked = domain::parse_json_string_list(r.text(9));
  e.scopes_given = domain::parse_json_string_list(r.text(10));
  e.person = r.text(11);
  e.result = domain::parse_JournalResult(r.text(12)).value_or(domain::JournalResult::unreadable);
  e.refusal_code = r.text(13);
  e.request_hash = r.text(14);
  e.hash = r.text(15);
  return e;
}

// Borrowed from e, which outlives the insert.
std::vector<Value> entry_values(const JournalEntry& e, std::int64_t context) {
  auto b = [](const std::string& s) { return Value::borrowed(s); };
  return {e.seq,
          b(e.recorded_at),
          context,
          b(e.partner_siret),
          b(e.agent),
          b(e.purpose),
          b(e.consent_ref),
          b(e.person),
          Value::borrowed(to_string(e.result)),
          b(e.refusal_code),
          b(e.request_hash),
          b(e.hash)};
}

// The context's fields as bound to the context queries, and as one string naming it.
struct ContextFields {
  explicit ContextFields(const JournalEntry& e)
      : asked(domain::json_string_list(e.scopes_asked)),
        given(domain::json_string_list(e.scopes_given)),
        key(std::string(to_string(e.channel)) + '\x1f' + e.client_id + '\x1f' + e.recipient_siret + '\x1f' + asked +
            '\x1f' + given) {}
  std::string asked, given, key;
};

bool same_context(const JournalEntry& a, const JournalEntry& b) {
  return a.channel == b.channel && a.client_id == b.client_id && a.recipient_siret == b.recipient_siret &&
         a.scopes_asked == b.scopes_asked && a.scopes_given == b.scopes_given;
}

JournalCheckpoint checkpoint_from_row(const Row& r) { return {r.int64(0), r.text(1), r.text(2), r.text(3), r.text(4)}; }

// The first and last seq held (0 and 0 when empty).
Result<std::pair<std::int64_t, std::int64_t>> seq_range(Executor& db) {
  auto first = db.integer(queries::first_seq);
  if (!first) return first.error();
  auto last = db.integer(queries::last_seq);
  if (!last) return last.error();
  return std::pair{*first, *last};
}

Status write_checkpoint(Executor& tx, std::string_view sql, const JournalCheckpoint& c) {
  return done(tx.run(sql, {c.seq, c.hash, c.signed_at, c.key_id, c.signature}));
}

std::int64_t block_of(std::int64_t seq) { return seq >> queries::journal_block_bits; }

// SQLite's record of the blocks holding each partner's entries (migration 0014): each pair
// the batch brings, once (a batch is about a few partners, so a short list does).
Status note_partner_blocks(Executor& tx, const std::vector<const JournalEntry*>& entries) {
  std::vector<std::pair<std::string_view, std::int64_t>> noted;
  for (const auto* e : entries) {
    const std::pair<std::string_view, std::int64_t> pair{e->partner_siret, block_of(e->seq)};
    if (std::find(noted.begin(), noted.end(), pair) != noted.end()) continue;
    noted.push_back(pair);
    if (auto s = done(tx.run(queries::note_partner_block, {Value::borrowed(e->partner_siret), pair.second})); !s)
      return s;
  }
  return domain::success();
}

}  // namespace

domain::Result<std::int64_t> SqlJournalStore::context_id(Executor& tx, const JournalEntry& e, Contexts& found) {
  const ContextFields fields(e);
  {
    std::lock_guard lock(contexts_mutex_);
    if (auto it = contexts_.find(fields.key); it != contexts_.end()) return it->second;
  }
  for (const auto& [key, id] : found)
    if (key == fields.key) return id;
  const std::initializer_list<Value> params = {Value::borrowed(to_string(e.channel)), Value::borrowed(e.client_id),
                                               Value::borrowed(e.recipient_siret), Value::borrowed(fields.asked),
                                               Value::borrowed(fields.given)};
  auto known = first<std::int64_t>(tx.query(queries::select_context, params), [](const Row& r) { return r.int64(0); });
  if (!known) return known.error();
  if (!*known) {
    auto inserted = tx.integer(queries::insert_context, params);
    if (!inserted) return inserted.error();
    *known = *inserted;
  }
  found.emplace_back(fields.key, **known);
  return **known;
}

domain::Status SqlJournalStore::append(const ExtendChain& extend) {
  Contexts found;
  auto written = db_.transaction(Mode::write, [&](Executor& tx) -> Status {
    found.clear();  // a transaction run again finds them again
    if (tx.dialect() == Dialect::postgresql)
      if (auto r = tx.query(queries::lock_chain_postgresql); !r) return r.error();
    auto head = first<JournalCheckpoint>(tx.query(queries::select_head), checkpoint_from_row);
    if (!head) return head.error();
    auto generation = tx.integer(queries::select_access_generation);
    if (!generation) return generation.error();
    const auto extension = extend({std::move(*head), *generation});
    if (extension.entries.empty()) return domain::success();
    std::vector<std::vector<Value>> rows;
    rows.reserve(extension.entries.size());
    // A batch's entries mostly share their context with the entry before: compared field by
    // field, it is not named again.
    const JournalEntry* previous = nullptr;
    std::int64_t context = 0;
    for (const auto* e : extension.entries) {
      if (!previous || !same_context(*previous, *e)) {
        auto id = context_id(tx, *e, found);
        if (!id) return id.error();
        context = *id;
        previous = e;
      }
      rows.push_back(entry_values(*e, context));
    }
    if (auto s = tx.insert_many(queries::entry_table, queries::entry_column_names, rows); !s) return s;
    if (tx.dialect() == Dialect::sqlite)
      if (auto s = note_partner_blocks(tx, extension.entries); !s) return s;
    if (!extension.receipts.empty()) {
      std::vector<std::vector<Value>> receipts;
      receipts.reserve(extension.receipts.size());
      for (const auto& r : extension.receipts) receipts.push_back({r.key, r.seq, r.payload});
      if (auto s = tx.insert_many(queries::receipt_table, queries::receipt_columns, receipts); !s) return s;
    }
    for (const auto& c : extension.checkpoints)
      if (auto s = write_checkpoint(tx, queries::insert_checkpoint, c); !s) return s;
    return write_checkpoint(tx, queries::upsert_head, extension.head);
  });
  // Only committed contexts are cached: an id from a transaction rolled back names nothing.
  if (written) {
    std::lock_guard lock(contexts_mutex_);
    if (contexts_.size() + found.size() > max_cached_contexts) contexts_.clear();
    for (auto& [key, id] : found) contexts_.emplace(std::move(key), id);
  }
  return written;
}

domain::Result<std::optional<JournalCheckpoint>> SqlJournalStore::head() {
  return first<JournalCheckpoint>(db_.query(queries::select_head), checkpoint_from_row);
}

domain::Status SqlJournalStore::probe_write() {
  return db_.transaction(Mode::write, [](Executor& tx) -> Status { return done(tx.run(queries::rewrite_head)); });
}

domain::Result<std::string> SqlJournalStore::hash_before(std::int64_t seq) {
  if (seq == 1) return domain::journal_genesis_hash;
  for (auto sql : {queries::hash_of_entry, queries::hash_of_checkpoint}) {
    auto hash = first<std::string>(db_.query(sql, {seq - 1}), [](const Row& r) { return r.text(0); });
    if (!hash) return hash.error();
    if (*hash) return std::move(**hash);
  }
  return std::string();  // nothing anchors it: verification says so
}

domain::Status SqlJournalStore::scan(std::int64_t from_seq, const std::function<bool(JournalEntry&&)>& visit) {
  static const std::string sql = std::string(queries::select_entries) + " WHERE seq >= ?1 ORDER BY seq LIMIT ?2";
  std::optional<std::string> prev;  // the hash before the next entry, once the first is read
  for (std::int64_t next = from_seq;;) {
    auto rows = db_.query(sql, {next, scan_chunk});
    if (!rows) return rows.error();
    for (const auto& r : *rows) {
      auto e = entry_from_row(r);
      if (!prev) {
        auto before = hash_before(e.seq);
        if (!before) return before.error();
        prev = std::move(*before);
      }
      // In seq order, an entry's link is the hash read just before it; where seqs skip, the
      // entry before is missing and the link stays the last hash read, which verification
      // reports as the gap it is.
      e.prev_hash = std::exchange(*prev, e.hash);
      next = e.seq + 1;
      if (!visit(std::move(e))) return domain::success();
    }
    if (static_cast<std::int64_t>(rows->size()) < scan_chunk) return domain::success();
  }
}

domain::Result<std::vector<JournalCheckpoint>> SqlJournalStore::checkpoints() {
  return all(db_.query(queries::select_checkpoints), checkpoint_from_row);
}

domain::Result<std::vector<JournalEntry>> SqlJournalStore::search(const JournalQuery& q) {
  // Only the filters given are written, each a bound parameter: "person = ?" alone lets the
  // database walk an index on the person, where "(? = '' OR person = ?)" would scan the whole
  // journal for a person's history page.
  std::string sql = std::string(queries::select_entries) + " WHERE TRUE";
  std::vector<Value> params;
  auto filter = [&](std::string_view condition, Value v) {
    params.push_back(std::move(v));
    sql += " AND " + std::string(condition) + " ?" + std::to_string(params.size());
  };
  // SQLite reads a person's or a partner's entries block by block, newest first: a person's
  // through its index led by the block (migration 0011), a partner's by the seq range of each
  // block that holds some (migration 0014). The block is the first parameter, set below.
  const bool by_block = db_.dialect() == Dialect::sqlite && !(q.person.empty() && q.partner_siret.empty());
  const bool by_partner_blocks = by_block && q.person.empty();
  static const std::string bits = std::to_string(queries::journal_block_bits);
  static const std::string in_indexed_block = " AND (seq >> " + bits + ") = ?1";
  static const std::string in_block_range = " AND seq BETWEEN (?1 << " + bits + ") AND ((?1 + 1) << " + bits + ") - 1";
  if (by_block) {
    params.emplace_back(std::int64_t{0});
    sql += by_partner_blocks ? in_block_range : in_indexed_block;
  }
  if (!q.person.empty()) filter("person =", q.person);
  if (!q.partner_siret.empty()) filter("partner_siret =", q.partner_siret);
  if (!q.agent.empty()) filter("agent =", q.agent);
  if (q.result) filter("result =", std::string(to_string(*q.result)));
  if (q.channel) filter(q.except_channel ? "c.channel <>" : "c.channel =", std::string(to_string(*q.channel)));
  // Times become seq bounds (see last_seq_before): no index on the time is kept.
  std::int64_t after = 0;
  std::int64_t through = std::numeric_limits<std::int64_t>::max();
  for (const auto& [time, bound] : {std::pair{&q.from, &after}, std::pair{&q.to, &through}}) {
    if (time->empty()) continue;
    auto seq = last_seq_before(*time);
    if (!seq) return seq.error();
    *bound = *seq;
  }
  if (q.before_seq != 0) through = std::min(through, q.before_seq - 1);
  if (after > 0) filter("seq >", after);
  if (through != std::numeric_limits<std::int64_t>::max()) filter("seq <=", through);
  params.emplace_back(static_cast<std::int64_t>(q.limit));
  sql += " ORDER BY seq DESC LIMIT ?" + std::to_string(params.size());
  if (!by_block) return all(db_.query(sql, params), entry_from_row);

  auto range = seq_range(db_);
  if (!range) return range.error();
  const std::int64_t lowest = block_of(std::max(range->first, after + 1));
  const std::int64_t highest = block_of(std::min(range->second, through));
  std::vector<std::int64_t> blocks;
  if (by_partner_blocks) {
    auto held = all(db_.query(queries::partner_blocks, {q.partner_siret, lowest, highest}),
                    [](const Row& r) { return r.int64(0); });
    if (!held) return held.error();
    blocks = std::move(*held);
  } else {
    for (std::int64_t block = highest; block >= lowest; --block) blocks.push_back(block);
  }
  std::vector<JournalEntry> found;
  for (const auto block : blocks) {
    if (found.size() >= q.limit) break;
    params.front() = Value(block);
    params.back() = Value(static_cast<std::int64_t>(q.limit - found.size()));
    auto rows = db_.query(sql, params);
    if (!rows) return rows.error();
    for (const auto& r : *rows) found.push_back(entry_from_row(r));
  }
  return found;
}

domain::Result<std::int64_t> SqlJournalStore::purge_through(std::int64_t through_seq, const JournalCheckpoint& anchor) {
  std::int64_t deleted = 0;
  auto s = db_.transaction(Mode::write, [&](Executor& tx) -> Status {
    auto del = tx.run(queries::delete_entries_through, {through_seq});
    if (!del) return del.error();
    deleted = *del;
    if (auto w = write_checkpoint(tx, queries::insert_checkpoint, anchor); !w) return w;
    // A block whose every seq is purged holds no partner's entries any more.
    if (tx.dialect() == Dialect::sqlite)
      if (auto d = done(tx.run(queries::delete_partner_blocks_before, {block_of(through_seq + 1)})); !d) return d;
    // Older checkpoints anchor nothing that remains.
    return done(tx.run(queries::delete_checkpoints_before, {through_seq}));
  });
  if (!s) return s.error();
  return deleted;
}

domain::Result<std::int64_t> SqlJournalStore::last_seq_before(const std::string& recorded_before) {
  std::int64_t found = 0;
  auto s = db_.transaction(Mode::snapshot, [&](Executor& tx) -> Status {
    auto range = seq_range(tx);
    if (!range) return range.error();
    // The smallest m in [first, last + 1] whose first entry at or after it was recorded at or
    // after the time: true from some m on, since times grow with seq (last + 1: no entry, true).
    std::int64_t a = range->first, b = range->second + 1;
    while (a < b) {
      const std::int64_t m = a + (b - a) / 2;
      auto at =
          first<std::string>(tx.query(queries::recorded_at_from_seq, {m}), [](const Row& r) { return r.text(0); });
      if (!at) return at.error();
      if (!*at || **at >= recorded_before)
        b = m;
      else
        a = m + 1;
    }
    auto under = tx.integer(queries::last_seq_under, {a});
    if (!under) return under.error();
    found = *under;
    return domain::success();
  });
  if (!s) return s.error();
  return found;
}

domain::Status SqlJournalStore::put_key(const std::string& key_id, const std::string& public_key_hex) {
  return done(db_.run(queries::insert_key, {key_id, public_key_hex, env::format_utc(clock_.now())}));
}

domain::Result<std::optional<std::string>> SqlJournalStore::key(const std::string& key_id) {
  return first<std::string>(db_.query(queries::select_key, {key_id}), [](const Row& r) { return r.text(0); });
}

Result<std::vector<store::JournalReceipt>> SqlJournalStore::receipts(const std::string& from_key,
                                                                     const std::string& to_key, std::size_t limit) {
  return all(db_.query(queries::select_receipts, {from_key, to_key, static_cast<std::int64_t>(limit)}),
             [](const Row& r) {
               return store::JournalReceipt{r.text(0), r.int64(1), r.text(2)};
             });
}

Result<std::int64_t> SqlJournalStore::count_receipts(const std::string& from_key, const std::string& to_key) {
  return db_.integer(queries::count_receipts, {from_key, to_key});
}

Result<std::int64_t> SqlJournalStore::delete_receipts(const std::string& from_key, const std::string& to_key) {
  return db_.run(queries::delete_receipts, {from_key, to_key});
}

}  // namespace ofpra::store::sql
