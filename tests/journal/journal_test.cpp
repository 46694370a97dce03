#include "journal/chain.hpp"
#include "journal/export.hpp"
#include "journal/retention.hpp"
#include "journal/signer.hpp"
#include "journal/verify.hpp"
#include "journal/writer.hpp"
#include "store/database.hpp"
#include "support/fixed_clock.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <future>
#include <sstream>
#include <thread>

using namespace ofpra;
using domain::JournalEntry;

namespace {

using test_support::FixedClock;

JournalEntry sample(int i) {
  JournalEntry e;
  e.channel = domain::JournalChannel::api;
  e.partner_siret = i % 2 ? "99900003000018" : "99900001000010";
  e.client_id = "client-" + std::to_string(i % 2);
  e.agent = "agent-" + std::to_string(i);
  e.recipient_siret = e.partner_siret;
  e.purpose = "Ouverture de droits";
  e.scopes_asked = {"protection", "etat_civil.identite"};
  e.scopes_given = {"protection"};
  e.person = i % 3 ? "10000000" + std::to_string(i % 10) : "";
  e.result = i % 3 ? domain::JournalResult::found : domain::JournalResult::not_found;
  e.request_hash = journal::sha256_hex("request " + std::to_string(i));
  return e;
}

struct Fixture {
  test_support::TempDir dir;
  std::string path = dir.file("j.db");
  FixedClock clock;
  std::unique_ptr<store::Database> db;
  std::optional<journal::Signer> signer;

  Fixture() {
    auto opened = store::open_database({store::DatabaseUrl::Kind::sqlite, path}, {.clock = &clock});
    EXPECT_TRUE(opened);
    db = std::move(*opened);
    auto s = journal::Signer::load_or_create(dir.path() / "keys");
    EXPECT_TRUE(s) << (s ? "" : s.error().message);
    signer.emplace(std::move(*s));
  }

  void write(int n, journal::WriterOptions options = {.max_batch = 64, .checkpoint_every = 10}) {
    auto w = journal::JournalWriter::start(db->journal(), *signer, clock, options);
    ASSERT_TRUE(w);
    for (int i = 0; i < n; ++i) ASSERT_TRUE((*w)->append(sample(i)));
  }

  // Submits every entry without waiting for any, so that they share batches, then waits for
  // all and stops the writer.
  void write_together(std::vector<JournalEntry> entries, journal::WriterOptions options) {
    auto w = journal::JournalWriter::start(db->journal(), *signer, clock, options);
    ASSERT_TRUE(w);
    std::vector<std::future<bool>> written;
    for (auto& e : entries) {
      auto promise = std::make_shared<std::promise<bool>>();
      written.push_back(promise->get_future());
      (*w)->submit(std::move(e), [promise](domain::Result<JournalEntry> r) { promise->set_value(bool(r)); });
    }
    for (auto& done : written) ASSERT_TRUE(done.get());
  }

  // A count read from the database file directly.
  int count(const std::string& query) {
    int n = -1;
    sqlite3* raw = nullptr;
    EXPECT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    sqlite3_exec(
        raw, query.c_str(),
        [](void* out, int, char** v, char**) {
          *static_cast<int*>(out) = std::atoi(v[0]);
          return 0;
        },
        &n, nullptr);
    sqlite3_close(raw);
    return n;
  }

  journal::VerifyReport check() {
    auto r = journal::verify(db->journal(), signer->public_key_hex());
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    return *r;
  }

  // Tampers with the database file directly, as someone with access to it would.
  void sql(const std::string& statement) {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    char* error = nullptr;
    ASSERT_EQ(sqlite3_exec(raw, statement.c_str(), nullptr, nullptr, &error), SQLITE_OK) << (error ? error : "");
    sqlite3_close(raw);
  }
};

}  // namespace

TEST(Journal, ConcurrentWritersMakeOneIntactChain) {
  Fixture f;
  auto w =
      journal::JournalWriter::start(f.db->journal(), *f.signer, f.clock, {.max_batch = 128, .checkpoint_every = 50});
  ASSERT_TRUE(w);
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int t = 0; t < 16; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i)
        if ((*w)->append(sample(t * 100 + i))) ++ok;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, 400);
  auto stats = (*w)->stats();
  EXPECT_EQ(stats.entries, 400u);
  EXPECT_LT(stats.batches, 400u);  // entries shared commits
  auto r = f.check();
  EXPECT_TRUE(r.intact) << r.problem;
  EXPECT_EQ(r.entries, 400);
  EXPECT_EQ(r.first_seq, 1);
  EXPECT_EQ(r.last_seq, 400);
  EXPECT_EQ(r.checkpoints, 8);
  EXPECT_TRUE(r.trusted_key);
}

TEST(Journal, AWriterStartedAgainContinuesTheChain) {
  Fixture f;
  f.write(30);
  f.write(30);
  auto r = f.check();
  EXPECT_TRUE(r.intact) << r.problem;
  EXPECT_EQ(r.last_seq, 60);
}

TEST(Journal, AnEmptyJournalIsIntact) {
  Fixture f;
  auto r = f.check();
  EXPECT_TRUE(r.intact);
  EXPECT_EQ(r.entries, 0);
}

struct Tamper {
  const char* name;
  const char* sql;
  std::int64_t bad_seq;
};

class JournalTamper : public ::testing::TestWithParam<Tamper> {};

TEST_P(JournalTamper, IsDetectedAtTheFirstBadEntry) {
  Fixture f;
  f.write(40);
  ASSERT_TRUE(f.check().intact);
  f.sql(GetParam().sql);
  auto r = f.check();
  EXPECT_FALSE(r.intact) << GetParam().name;
  EXPECT_EQ(r.bad_seq, GetParam().bad_seq) << r.problem;
  EXPECT_NE(r.problem.find(std::to_string(GetParam().bad_seq)), std::string::npos) << r.problem;
}

INSTANTIATE_TEST_SUITE_P(
    DatabaseFile, JournalTamper,
    ::testing::Values(
        Tamper{"update a field", "UPDATE journal_entries SET purpose = 'autre' WHERE seq = 17", 17},
        Tamper{"change the person", "UPDATE journal_entries SET person = '100000009' WHERE seq = 5", 5},
        Tamper{"delete a row", "DELETE FROM journal_entries WHERE seq = 23", 23},
        Tamper{"swap two rows",
               "UPDATE journal_entries SET seq = -1 WHERE seq = 12; UPDATE journal_entries SET seq = 12 WHERE seq = 13;"
               "UPDATE journal_entries SET seq = 13 WHERE seq = -1",
               12},
        Tamper{"truncate the tail", "DELETE FROM journal_entries WHERE seq > 34", 35},
        Tamper{"truncate the tail and its checkpoints",
               "DELETE FROM journal_entries WHERE seq > 34; DELETE FROM journal_checkpoints WHERE seq > 30", 35},
        Tamper{"insert a row",
               "UPDATE journal_entries SET seq = seq + 1000 WHERE seq > 20; "
               "INSERT INTO journal_entries SELECT 21, recorded_at, context, partner_siret, agent, purpose, "
               "consent_ref, person, result, refusal_code, request_hash, hash FROM journal_entries WHERE seq = 20; "
               "UPDATE journal_entries SET seq = seq - 999 WHERE seq > 1000",
               21},
        Tamper{"remove the oldest entries", "DELETE FROM journal_entries WHERE seq <= 3", 4},
        Tamper{"rewrite a hash to match",
               "UPDATE journal_entries SET agent = 'x', hash = (SELECT hash FROM journal_entries WHERE seq = 8) WHERE "
               "seq = 9",
               9},
        // Entries 2, 4, 6... share the second context (sample's odd entries).
        Tamper{"change what a context says",
               "UPDATE journal_contexts SET scopes_given = '[\"etat_civil.famille\"]' WHERE id = 2", 2},
        Tamper{"point an entry at another context", "UPDATE journal_entries SET context = 1 WHERE seq = 14", 14},
        // A word outside the vocabulary must not read back as the word it replaced.
        Tamper{"rewrite a result to an unknown word", "UPDATE journal_entries SET result = 'cache' WHERE seq = 11", 11},
        Tamper{"rewrite a channel to an unknown word", "UPDATE journal_contexts SET channel = 'cache' WHERE id = 2", 2},
        Tamper{"forge a checkpoint", "UPDATE journal_checkpoints SET hash = 'ff' || substr(hash, 3) WHERE seq = 20",
               20}));

TEST(Journal, ASignatureFromAnotherKeyIsRefused) {
  Fixture f;
  f.write(5);
  test_support::TempDir other;
  auto stranger = journal::Signer::load_or_create(other.path());
  ASSERT_TRUE(stranger);
  auto r = journal::verify(f.db->journal(), stranger->public_key_hex());
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->intact);
  EXPECT_NE(r->problem.find("signature"), std::string::npos);
}

TEST(Journal, TheSigningKeyIsKeptAndReused) {
  test_support::TempDir dir;
  auto a = journal::Signer::load_or_create(dir.path() / "k");
  auto b = journal::Signer::load_or_create(dir.path() / "k");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->key_id(), b->key_id());
  EXPECT_EQ(std::filesystem::status(dir.path() / "k" / "journal-ed25519.key").permissions() &
                std::filesystem::perms::others_all,
            std::filesystem::perms::none);
  auto pub = journal::load_public_key(dir.path() / "k");
  ASSERT_TRUE(pub);
  EXPECT_EQ(*pub, a->public_key_hex());
}

namespace {

// A store whose writes fail while `broken` is set, as a full disk or a read-only file would.
class FaultyJournal final : public store::JournalStore {
 public:
  explicit FaultyJournal(store::JournalStore& real) : real_(real) {}
  std::atomic<bool> broken{false};
  domain::Status append(const store::ExtendChain& extend) override {
    if (broken) return domain::Error{"database or disk is full", "db"};
    return real_.append(extend);
  }
  domain::Result<std::optional<domain::JournalCheckpoint>> head() override { return real_.head(); }
  domain::Status probe_write() override {
    if (broken) return domain::Error{"database or disk is full", "db"};
    return real_.probe_write();
  }
  domain::Status scan(std::int64_t from, const std::function<bool(JournalEntry&&)>& v) override {
    return real_.scan(from, v);
  }
  domain::Result<std::vector<domain::JournalCheckpoint>> checkpoints() override { return real_.checkpoints(); }
  domain::Result<std::vector<JournalEntry>> search(const store::JournalQuery& q) override { return real_.search(q); }
  domain::Result<std::int64_t> purge_through(std::int64_t s, const domain::JournalCheckpoint& a) override {
    return real_.purge_through(s, a);
  }
  domain::Result<std::int64_t> last_seq_before(const std::string& t) override { return real_.last_seq_before(t); }
  domain::Result<std::vector<store::JournalReceipt>> receipts(const std::string& a, const std::string& b,
                                                              std::size_t n) override {
    return real_.receipts(a, b, n);
  }
  domain::Result<std::int64_t> count_receipts(const std::string& a, const std::string& b) override {
    return real_.count_receipts(a, b);
  }
  domain::Result<std::int64_t> delete_receipts(const std::string& a, const std::string& b) override {
    return real_.delete_receipts(a, b);
  }
  domain::Status put_key(const std::string& id, const std::string& k) override { return real_.put_key(id, k); }
  domain::Result<std::optional<std::string>> key(const std::string& id) override { return real_.key(id); }

 private:
  store::JournalStore& real_;
};

}  // namespace

TEST(Journal, AFailedWriteIsReportedToEveryWaiterAndLeavesTheChainWhole) {
  Fixture f;
  FaultyJournal faulty(f.db->journal());
  auto w = journal::JournalWriter::start(faulty, *f.signer, f.clock, {.max_batch = 8, .checkpoint_every = 5});
  ASSERT_TRUE(w);
  ASSERT_TRUE((*w)->append(sample(1)));
  faulty.broken = true;
  for (int i = 0; i < 3; ++i) {
    auto r = (*w)->append(sample(2));
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("journal could not be written"), std::string::npos);
  }
  EXPECT_TRUE((*w)->stats().last_batch_failed);
  EXPECT_EQ((*w)->stats().failures, 3u);
  faulty.broken = false;
  auto after = (*w)->append(sample(3));
  ASSERT_TRUE(after);
  EXPECT_EQ(after->seq, 2);  // the failed entries took no place in the chain
  EXPECT_FALSE((*w)->stats().last_batch_failed);
  auto r = f.check();
  EXPECT_TRUE(r.intact) << r.problem;
  EXPECT_EQ(r.entries, 2);
}

// A receipt is written with its entry, in its transaction: none for an entry that failed.
TEST(Journal, AReceiptIsWrittenWithItsEntryOrNotAtAll) {
  Fixture f;
  FaultyJournal faulty(f.db->journal());
  auto w = journal::JournalWriter::start(faulty, *f.signer, f.clock, {.max_batch = 8, .checkpoint_every = 5});
  ASSERT_TRUE(w);
  auto submit = [&](int i, std::string key) {
    std::promise<domain::Result<JournalEntry>> done;
    (*w)->submit(sample(i), [&](domain::Result<JournalEntry> r) { done.set_value(std::move(r)); }, std::nullopt, {},
                 {std::move(key), 0, "payload " + std::to_string(i)});
    return done.get_future().get();
  };
  auto first = submit(1, "lot:a:000001");
  ASSERT_TRUE(first);
  faulty.broken = true;
  EXPECT_FALSE(submit(2, "lot:a:000002"));
  faulty.broken = false;
  auto third = submit(3, "lot:a:000003");
  ASSERT_TRUE(third);
  ASSERT_TRUE(submit(4, "lot:b:000001"));
  auto kept = f.db->journal().receipts("lot:a:", "lot:a;", 10);
  ASSERT_TRUE(kept);
  ASSERT_EQ(kept->size(), 2u);
  EXPECT_EQ((*kept)[0].key, "lot:a:000001");
  EXPECT_EQ((*kept)[0].seq, first->seq);
  EXPECT_EQ((*kept)[0].payload, "payload 1");
  EXPECT_EQ((*kept)[1].seq, third->seq);
  EXPECT_EQ(*f.db->journal().count_receipts("lot:a:", "lot:a;"), 2);
  EXPECT_EQ(*f.db->journal().delete_receipts("lot:a:", "lot:a;"), 2);
  EXPECT_EQ(*f.db->journal().count_receipts("lot:", "lot;"), 1);
  EXPECT_TRUE(f.check().intact);
}

// A clock whose monotonic time moves on by `step` at every reading: each commit, timed by two
// readings, takes exactly one step.
class SteppingClock final : public env::Clock {
 public:
  explicit SteppingClock(std::chrono::microseconds step) : step_(step) {}
  std::chrono::system_clock::time_point now() const override { return fixed_.now(); }
  std::chrono::steady_clock::time_point monotonic() const override {
    return std::chrono::steady_clock::time_point{} + step_ * ++readings_;
  }

 private:
  FixedClock fixed_;
  std::chrono::microseconds step_;
  mutable std::atomic<int> readings_{0};
};

// Commits are timed, failed ones too, each in the bucket its duration falls in: what an
// operator reads at /metrics to see how the disk answers.
TEST(Journal, CommitsAreCountedByDuration) {
  Fixture f;
  FaultyJournal faulty(f.db->journal());
  SteppingClock clock(std::chrono::milliseconds(30));
  auto w = journal::JournalWriter::start(faulty, *f.signer, clock, {.max_batch = 8, .checkpoint_every = 0});
  ASSERT_TRUE(w);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE((*w)->append(sample(i)));
  faulty.broken = true;
  ASSERT_FALSE((*w)->append(sample(4)));
  const auto stats = (*w)->stats();
  const auto bucket = static_cast<std::size_t>(std::find_if(journal::commit_duration_bounds.begin(),
                                                            journal::commit_duration_bounds.end(),
                                                            [](double bound) { return bound >= 0.030; }) -
                                               journal::commit_duration_bounds.begin());
  for (std::size_t i = 0; i < stats.commit_durations.size(); ++i)
    EXPECT_EQ(stats.commit_durations[i], i == bucket ? 4u : 0u) << i;
  EXPECT_NEAR(stats.commit_seconds, 4 * 0.030, 1e-9);
}

TEST(Journal, RetentionPurgeKeepsVerificationWorking) {
  Fixture f;
  f.write(25);
  const auto first_cutoff = env::format_utc(f.clock.t + std::chrono::seconds(1));
  f.clock.t += std::chrono::hours(24 * 400);
  f.write(15);
  auto purged = journal::purge_before(f.db->journal(), *f.signer, f.clock, first_cutoff);
  ASSERT_TRUE(purged) << purged.error().message;
  EXPECT_EQ(*purged, 25);
  auto r = f.check();
  EXPECT_TRUE(r.intact) << r.problem;
  EXPECT_EQ(r.first_seq, 26);
  EXPECT_EQ(r.entries, 15);
  // Purging again changes nothing; new entries keep chaining.
  EXPECT_EQ(*journal::purge_before(f.db->journal(), *f.signer, f.clock, first_cutoff), 0);
  f.write(3);
  EXPECT_TRUE(f.check().intact);
  // Everything purged: the anchor alone still vouches for the head.
  auto all =
      journal::purge_before(f.db->journal(), *f.signer, f.clock, env::format_utc(f.clock.t + std::chrono::hours(1)));
  ASSERT_TRUE(all);
  EXPECT_EQ(*all, 18);
  auto empty = f.check();
  EXPECT_TRUE(empty.intact) << empty.problem;
  EXPECT_EQ(empty.entries, 0);
}

TEST(Journal, MonthsBeforeClampsToTheMonthsEnd) {
  using namespace std::chrono;
  const auto t = sys_days{year{2026} / 3 / 31} + hours(10);
  EXPECT_EQ(journal::months_before(t, 1), "2026-02-28T10:00:00.000Z");
  EXPECT_EQ(journal::months_before(t, 15), "2024-12-31T10:00:00.000Z");
}

TEST(Journal, SearchFiltersAndPagesNewestFirst) {
  Fixture f;
  f.write(30);
  auto& j = f.db->journal();
  auto mine = j.search({.person = "100000001", .limit = 100});
  ASSERT_TRUE(mine);
  ASSERT_FALSE(mine->empty());
  for (const auto& e : *mine) EXPECT_EQ(e.person, "100000001");
  for (std::size_t i = 1; i < mine->size(); ++i) EXPECT_GT((*mine)[i - 1].seq, (*mine)[i].seq);

  auto page1 = j.search({.partner_siret = "99900003000018", .limit = 4});
  ASSERT_TRUE(page1);
  ASSERT_EQ(page1->size(), 4u);
  auto page2 = j.search({.partner_siret = "99900003000018", .before_seq = page1->back().seq, .limit = 4});
  ASSERT_TRUE(page2);
  ASSERT_EQ(page2->size(), 4u);
  EXPECT_LT(page2->front().seq, page1->back().seq);
  auto misses = j.search({.result = domain::JournalResult::not_found, .limit = 100});
  ASSERT_TRUE(misses);
  EXPECT_EQ(misses->size(), 10u);
  auto none = j.search({.to = "1970-01-01", .limit = 100});
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST(Journal, TimesNeverGoBackAlongTheChainEvenWhenTheClockDoes) {
  Fixture f;
  f.write(3);
  const auto before = f.db->journal().head();
  ASSERT_TRUE(before && *before);
  f.clock.t -= std::chrono::hours(2);  // stepped back (NTP, another node's clock)
  f.write(2);
  std::vector<std::string> times;
  ASSERT_TRUE(f.db->journal().scan(0, [&](JournalEntry&& e) {
    times.push_back(e.recorded_at);
    return true;
  }));
  ASSERT_EQ(times.size(), 5u);
  EXPECT_TRUE(std::is_sorted(times.begin(), times.end()));
  EXPECT_EQ(times.back(), (*before)->signed_at);
  EXPECT_TRUE(f.check().intact);
}

// Times are found by a binary search over seq: every bound, against a plain scan.
TEST(Journal, TimeBoundsFindTheSameEntriesAsAScan) {
  Fixture f;
  std::vector<std::string> cuts;
  for (int day = 0; day < 9; ++day) {
    cuts.push_back(env::format_utc(f.clock.t));
    f.write(day % 3 == 0 ? 0 : 1 + day);  // some days without any entry
    f.clock.t += std::chrono::hours(24);
  }
  cuts.push_back(env::format_utc(f.clock.t));
  cuts.push_back("1970-01-01");
  cuts.push_back("2999");
  ASSERT_TRUE(journal::purge_before(f.db->journal(), *f.signer, f.clock, cuts[2]));  // a purged start
  std::vector<JournalEntry> all;
  ASSERT_TRUE(f.db->journal().scan(0, [&](JournalEntry&& e) {
    all.push_back(std::move(e));
    return true;
  }));
  ASSERT_FALSE(all.empty());
  auto& j = f.db->journal();
  for (const auto& t : cuts) {
    std::int64_t expected = 0;
    for (const auto& e : all)
      if (e.recorded_at < t) expected = e.seq;
    EXPECT_EQ(*j.last_seq_before(t), expected) << t;
    for (const auto& u : cuts) {
      auto found = j.search({.from = t, .to = u, .limit = 1000});
      ASSERT_TRUE(found);
      std::size_t n = 0;
      for (const auto& e : all) n += e.recorded_at >= t && e.recorded_at < u;
      EXPECT_EQ(found->size(), n) << t << " .. " << u;
      for (const auto& e : *found) EXPECT_TRUE(e.recorded_at >= t && e.recorded_at < u);
      std::ostringstream out;
      EXPECT_EQ(*journal::export_jsonl(j, out, t, u), n);
    }
  }
}

// A person's or a partner's entries are found block by block (1,024 seqs each, newest
// first): every filter and page boundary against a plain scan, over several blocks.
TEST(Journal, SearchAcrossBlocksFindsWhatAScanFinds) {
  Fixture f;
  f.write(1);  // the schema and a real first entry; the rest are written directly
  f.sql(
      "WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < 4600) "
      "INSERT INTO journal_entries SELECT i, printf('2026-01-%02dT00:00:00.000Z', 1 + i / 500), 1, "
      "CASE WHEN i % 3 = 0 THEN '99900001000010' ELSE '99900003000018' END, '', 'p', '', "
      "CASE WHEN i % 97 = 0 OR i IN (1023, 1024, 2047, 2048, 4100) THEN '100000042' ELSE '1000' || (i % 50) END, "
      "CASE WHEN i % 5 = 0 THEN 'non_trouve' ELSE 'trouve' END, '', '', '' FROM n;"
      // What the store's append records of each partner's blocks, as it would have.
      "INSERT OR IGNORE INTO journal_partner_blocks SELECT DISTINCT partner_siret, seq >> 10 FROM journal_entries");
  std::vector<JournalEntry> all;
  ASSERT_TRUE(f.db->journal().scan(0, [&](JournalEntry&& e) {
    e.prev_hash.clear();  // derived by a scan, not by a search
    all.push_back(std::move(e));
    return true;
  }));
  ASSERT_EQ(all.size(), 4600u);
  std::reverse(all.begin(), all.end());  // newest first, as search answers
  auto& j = f.db->journal();
  const std::vector<store::JournalQuery> queries = {
      {.person = "100000042", .limit = 1000},
      {.person = "100000042", .limit = 3},
      {.person = "100000042", .before_seq = 2048, .limit = 2},
      {.person = "100000042", .before_seq = 1025, .limit = 10},
      {.person = "100000042", .result = domain::JournalResult::not_found, .limit = 100},
      {.person = "100000042", .partner_siret = "99900001000010", .limit = 100},
      {.person = "10007", .from = "2026-01-03", .to = "2026-01-07", .limit = 1000},
      {.person = "nobody", .limit = 10},
      {.partner_siret = "99900001000010", .limit = 2000},
      {.partner_siret = "99900001000010", .before_seq = 3073, .limit = 700},
      {.partner_siret = "99900003000018",
       .result = domain::JournalResult::not_found,
       .from = "2026-01-08",
       .limit = 5000},
      {.result = domain::JournalResult::not_found, .before_seq = 4000, .limit = 30},
  };
  for (const auto& q : queries) {
    std::vector<std::int64_t> expected;
    for (const auto& e : all) {
      if (expected.size() == q.limit) break;
      if ((q.person.empty() || e.person == q.person) &&
          (q.partner_siret.empty() || e.partner_siret == q.partner_siret) && (!q.result || e.result == *q.result) &&
          (q.from.empty() || e.recorded_at >= q.from) && (q.to.empty() || e.recorded_at < q.to) &&
          (q.before_seq == 0 || e.seq < q.before_seq))
        expected.push_back(e.seq);
    }
    auto found = j.search(q);
    ASSERT_TRUE(found) << found.error().message;
    std::vector<std::int64_t> seqs;
    for (const auto& e : *found) seqs.push_back(e.seq);
    EXPECT_EQ(seqs, expected) << q.person << " " << q.partner_siret << " " << q.before_seq << " " << q.limit;
  }
}

// The blocks holding a partner's entries are recorded by the append itself (not an index on
// every entry): entries written through the writer over several blocks, a partner that comes
// and goes, then a purge; every search by partner against a plain scan.
TEST(Journal, SearchByPartnerFindsWhatTheWriterWroteInEveryBlock) {
  Fixture f;
  constexpr int n = 3500;
  const std::string rare = "99900005000026";  // in blocks 1 and 3 only
  std::vector<JournalEntry> entries;
  for (int i = 1; i <= n; ++i) {
    entries.push_back(sample(i));
    if ((i >= 1500 && i < 1510) || i == 3100) entries.back().partner_siret = rare;
  }
  f.write_together(std::move(entries), {.max_batch = 700, .checkpoint_every = 1000});
  auto expect_scan = [&](const store::JournalQuery& q) {
    std::vector<std::int64_t> expected;
    ASSERT_TRUE(f.db->journal().scan(0, [&](JournalEntry&& e) {
      if (e.partner_siret == q.partner_siret && (q.before_seq == 0 || e.seq < q.before_seq)) expected.push_back(e.seq);
      return true;
    }));
    std::reverse(expected.begin(), expected.end());
    if (expected.size() > q.limit) expected.resize(q.limit);
    auto found = f.db->journal().search(q);
    ASSERT_TRUE(found) << found.error().message;
    std::vector<std::int64_t> seqs;
    for (const auto& e : *found) seqs.push_back(e.seq);
    EXPECT_EQ(seqs, expected) << q.partner_siret << " " << q.before_seq << " " << q.limit;
  };
  const std::vector<store::JournalQuery> queries = {
      {.partner_siret = rare, .limit = 100},
      {.partner_siret = rare, .before_seq = 3100, .limit = 3},
      {.partner_siret = "99900003000018", .limit = 2000},
      {.partner_siret = "99900001000010", .before_seq = 2049, .limit = 600},
      {.partner_siret = "99900001000099", .limit = 10},  // never seen
  };
  for (const auto& q : queries) expect_scan(q);
  // Purged through seq 2100: blocks 0 and 1 are gone whole, and so is their record.
  const auto cutoff = env::format_utc(f.clock.t + std::chrono::seconds(1));
  f.clock.t += std::chrono::hours(24);
  ASSERT_TRUE(f.db->journal().purge_through(2100, {2100, "", cutoff, "", ""}));
  for (const auto& q : queries) expect_scan(q);
  EXPECT_EQ(f.count("SELECT count(*) FROM journal_partner_blocks WHERE block < 2"), 0);
}

// Entries of one batch whose contexts (channel, client, recipient, scopes asked and given)
// differ in one field at a time, or come back after another: each is read back with its own,
// and the chain, which covers them, verifies.
TEST(Journal, EntriesOfOneBatchKeepTheirOwnContexts) {
  Fixture f;
  std::vector<JournalEntry> entries;
  auto base = sample(1);
  for (int variant = 0; variant < 12; ++variant) {
    auto e = base;
    switch (variant % 6) {
      case 1:
        e.channel = domain::JournalChannel::share_code_page;
        break;
      case 2:
        e.client_id = "client-other";
        break;
      case 3:
        e.recipient_siret = "99900001000010";
        break;
      case 4:
        e.scopes_asked = {"protection"};
        break;
      case 5:
        e.scopes_given = {"protection", "etat_civil.identite"};
        break;
      default:
        break;
    }
    e.agent = "agent-" + std::to_string(variant);
    entries.push_back(std::move(e));
  }
  f.write_together(entries, {.max_batch = 64, .checkpoint_every = 0});
  std::vector<JournalEntry> read;
  ASSERT_TRUE(f.db->journal().scan(0, [&](JournalEntry&& e) {
    read.push_back(std::move(e));
    return true;
  }));
  ASSERT_EQ(read.size(), entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(read[i].agent, entries[i].agent);
    EXPECT_EQ(read[i].channel, entries[i].channel) << i;
    EXPECT_EQ(read[i].client_id, entries[i].client_id) << i;
    EXPECT_EQ(read[i].recipient_siret, entries[i].recipient_siret) << i;
    EXPECT_EQ(read[i].scopes_asked, entries[i].scopes_asked) << i;
    EXPECT_EQ(read[i].scopes_given, entries[i].scopes_given) << i;
  }
  EXPECT_TRUE(f.check().intact);
}

// prev_hash is not stored: a scan gives each entry the hash before it, wherever it starts.
TEST(Journal, AScanLinksEachEntryToTheHashBeforeItWhereverItStarts) {
  Fixture f;
  f.write(30);
  std::vector<JournalEntry> written;  // the writer's own entries, links included
  ASSERT_TRUE(f.db->journal().scan(0, [&](JournalEntry&& e) {
    written.push_back(std::move(e));
    return true;
  }));
  ASSERT_EQ(written.size(), 30u);
  EXPECT_EQ(written[0].prev_hash, domain::journal_genesis_hash);
  for (std::size_t i = 1; i < written.size(); ++i) {
    EXPECT_EQ(written[i].prev_hash, written[i - 1].hash) << "entry " << written[i].seq;
    EXPECT_EQ(written[i].hash, journal::chain_hash(written[i - 1].hash, written[i])) << "entry " << written[i].seq;
  }
  auto first_from = [&](std::int64_t seq) {
    JournalEntry got;
    EXPECT_TRUE(f.db->journal().scan(seq, [&](JournalEntry&& e) {
      got = std::move(e);
      return false;
    }));
    return got;
  };
  EXPECT_EQ(first_from(17).prev_hash, written[15].hash);  // mid-journal: the entry before
  // After a purge, the first entry left hangs on the checkpoint that anchors it.
  const auto cutoff = env::format_utc(f.clock.t + std::chrono::seconds(1));
  f.clock.t += std::chrono::hours(24 * 400);
  f.write(5);
  ASSERT_TRUE(journal::purge_before(f.db->journal(), *f.signer, f.clock, cutoff));
  const auto left = first_from(0);
  EXPECT_EQ(left.seq, 31);
  EXPECT_EQ(left.prev_hash, written.back().hash);
  EXPECT_TRUE(f.check().intact);
}

// Migrations 0012 and 0013 take a journal as version 11 wrote it (every field in the row,
// prev_hash included) to rows without their link and with their context apart.
TEST(Journal, AJournalWrittenAsVersion11VerifiesAfterMigration) {
  Fixture f;
  f.write(40);
  f.db.reset();
  f.sql(
      "CREATE TABLE v11 (seq INTEGER PRIMARY KEY, recorded_at TEXT NOT NULL, channel TEXT NOT NULL, "
      "partner_siret TEXT NOT NULL, client_id TEXT NOT NULL, agent TEXT NOT NULL, recipient_siret TEXT NOT NULL, "
      "purpose TEXT NOT NULL, consent_ref TEXT NOT NULL, scopes_asked TEXT NOT NULL, scopes_given TEXT NOT NULL, "
      "person TEXT NOT NULL, result TEXT NOT NULL, refusal_code TEXT NOT NULL, request_hash TEXT NOT NULL, "
      "prev_hash TEXT NOT NULL, hash TEXT NOT NULL);"
      "INSERT INTO v11 SELECT seq, recorded_at, c.channel, partner_siret, c.client_id, agent, c.recipient_siret, "
      "purpose, consent_ref, c.scopes_asked, c.scopes_given, person, result, refusal_code, request_hash, "
      "coalesce((SELECT p.hash FROM journal_entries p WHERE p.seq = e.seq - 1), '" +
      domain::journal_genesis_hash +
      "'), hash FROM journal_entries e JOIN journal_contexts c ON c.id = e.context;"
      "DROP TABLE journal_entries; DROP TABLE journal_contexts; ALTER TABLE v11 RENAME TO journal_entries;"
      "CREATE INDEX journal_by_block_person ON journal_entries ((seq >> 10), person);"
      "CREATE INDEX journal_by_block_partner ON journal_entries ((seq >> 10), partner_siret);"
      "DROP TABLE journal_partner_blocks; ALTER TABLE registry_state DROP COLUMN synthetic;"
      "DROP TABLE habilitation_recipients; DROP TABLE opinions; DROP TABLE identity_links;"
      "DROP TABLE counter_sessions; DROP TABLE counter_allowlist;"
      "DROP TABLE staff_members; DROP TABLE staff_sessions; DROP TABLE staff_actions;"
      "DROP TABLE habilitation_request_events; DROP TABLE habilitation_requests; DROP TABLE alerts;"
      "ALTER TABLE api_clients DROP COLUMN previous_secret_hash; ALTER TABLE api_clients DROP COLUMN previous_until;"
      "ALTER TABLE api_clients DROP COLUMN suspended_at; DROP TABLE demandes; DROP TABLE attestations;"
      "ALTER TABLE persons DROP COLUMN version; ALTER TABLE persons DROP COLUMN digest;"
      "ALTER TABLE persons DROP COLUMN written_by; DROP TABLE person_versions; DROP TABLE registry_events;"
      "DROP TABLE registry_clients; DROP TABLE idempotency_keys; DROP TABLE journal_receipts;"
      "DROP TABLE bulk_items; DROP TABLE bulk_jobs; DROP TABLE subscriptions; DROP TABLE webhook_endpoints;"
      "DROP TABLE notifications; DROP TABLE notify_cursor;"
      "DELETE FROM schema_migrations WHERE version >= 12;");
  auto reopened = store::open_database({store::DatabaseUrl::Kind::sqlite, f.path}, {.clock = &f.clock});
  ASSERT_TRUE(reopened) << reopened.error().message;
  f.db = std::move(*reopened);
  auto r = f.check();
  EXPECT_TRUE(r.intact) << r.problem;
  EXPECT_EQ(r.entries, 40);
  // Migration 0014 records the partners' blocks of the entries already there.
  auto by_partner = f.db->journal().search({.partner_siret = "99900003000018", .limit = 100});
  ASSERT_TRUE(by_partner);
  EXPECT_EQ(by_partner->size(), 20u);
  f.write(5);  // and the chain goes on
  EXPECT_TRUE(f.check().intact);
  EXPECT_EQ(f.count("SELECT count(*) FROM pragma_table_info('journal_entries') WHERE name = 'prev_hash'"), 0);
}

TEST(Journal, ExportWritesEveryEntryWithItsHashes) {
  Fixture f;
  f.write(12);
  std::ostringstream out;
  auto n = journal::export_jsonl(f.db->journal(), out, "", "");
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 12u);
  std::istringstream lines(out.str());
  std::string line, last;
  int count = 0, checkpoints = 0;
  while (std::getline(lines, line)) {
    last = line;
    if (line.starts_with("{\"checkpoint\":{\"seq\":" + std::to_string(count) + ",")) {
      ++checkpoints;  // after the entry it covers
      continue;
    }
    if (line.starts_with("{\"head\":")) continue;
    ++count;
    EXPECT_NE(line.find("\"seq\":" + std::to_string(count) + ","), std::string::npos);
    EXPECT_NE(line.find("\"hash\":\""), std::string::npos);
  }
  EXPECT_EQ(count, 12);
  EXPECT_EQ(checkpoints, 1);                                        // write() signs a checkpoint every 10 entries
  EXPECT_TRUE(last.starts_with("{\"head\":{\"seq\":12,")) << last;  // it ends on a signature
}

TEST(Journal, AnEntryDecidedOnOlderPartnerAccessIsNotWritten) {
  Fixture f;
  auto w = journal::JournalWriter::start(f.db->journal(), *f.signer, f.clock, {.max_batch = 8, .checkpoint_every = 0});
  ASSERT_TRUE(w);
  auto generation = f.db->partners().access_generation();
  ASSERT_TRUE(generation);
  auto submit = [&](int i, std::optional<std::int64_t> decided_under) {
    std::promise<domain::Result<JournalEntry>> p;
    auto written = p.get_future();
    (*w)->submit(
        sample(i), [&p](domain::Result<JournalEntry> r) { p.set_value(std::move(r)); }, decided_under);
    return written.get();
  };
  auto current = submit(1, *generation);
  ASSERT_TRUE(current);
  EXPECT_EQ(current->seq, 1);

  // A change to partner access commits (a client revoked, say): the triggers bump the counter.
  f.sql("UPDATE access_state SET generation = generation + 1");

  auto stale = submit(2, *generation);
  ASSERT_FALSE(stale);
  EXPECT_TRUE(stale.error().is_stale());
  auto unconditional = submit(3, std::nullopt);
  ASSERT_TRUE(unconditional);
  EXPECT_EQ(unconditional->seq, 2);  // the stale entry took no place in the chain
  auto fresh = submit(4, *generation + 1);
  ASSERT_TRUE(fresh);
  EXPECT_EQ(fresh->seq, 3);
  EXPECT_EQ((*w)->stats().entries, 3u);
  auto r = f.check();
  EXPECT_TRUE(r.intact) << r.problem;
  EXPECT_EQ(r.entries, 3);
}
