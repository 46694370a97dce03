// `ofpra-connect journal verify|export|purge` on a real database file, tampered with directly.
#include "journal/signer.hpp"
#include "journal/writer.hpp"
#include "store/database.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

using namespace ofpra;

namespace {

struct Run {
  int status;
  std::string output;  // standard output and error together
};

Run shell(const std::string& command_line) {
  const std::string command = command_line + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  std::string out;
  std::array<char, 4096> buf{};
  while (pipe && std::fgets(buf.data(), buf.size(), pipe)) out += buf.data();
  int status = pipe ? ::pclose(pipe) : -1;
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

Run run(const std::string& args) { return shell(std::string(OFPRA_CONNECT_BIN) + " " + args); }

struct Fixture {
  test_support::TempDir dir;
  std::string db = dir.file("r.db");

  explicit Fixture(int entries) {
    auto opened = store::open_database({store::DatabaseUrl::Kind::sqlite, db});
    EXPECT_TRUE(opened);
    // The same key folder the command line uses by default: beside the database file.
    auto signer = journal::Signer::load_or_create(db + ".keys");
    EXPECT_TRUE(signer);
    auto w = journal::JournalWriter::start((*opened)->journal(), *signer, env::system_clock());
    EXPECT_TRUE(w);
    for (int i = 0; i < entries; ++i) {
      domain::JournalEntry e;
      e.channel = domain::JournalChannel::api;
      e.partner_siret = "99900003000018";
      e.purpose = "test";
      e.result = domain::JournalResult::found;
      e.person = "100000001";
      EXPECT_TRUE((*w)->append(std::move(e)));
    }
  }

  void sql(const std::string& statement) {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, statement.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
  }
};

}  // namespace

TEST(JournalCli, VerifyPassesOnAnIntactJournal) {
  Fixture f(25);
  auto r = run("journal verify --db sqlite:" + f.db);
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("journal intact: 25 entries"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("the key in"), std::string::npos) << r.output;
}

TEST(JournalCli, VerifyFailsNamingTheFirstBadEntry) {
  const std::array<std::pair<std::string, std::string>, 4> cases{{
      {"UPDATE journal_entries SET person = '100000002' WHERE seq = 11", "entry 11"},
      {"DELETE FROM journal_entries WHERE seq = 7", "entry 7"},
      {"UPDATE journal_entries SET seq = -1 WHERE seq = 3; UPDATE journal_entries SET seq = 3 WHERE seq = 4;"
       "UPDATE journal_entries SET seq = 4 WHERE seq = -1",
       "entry 3"},
      {"DELETE FROM journal_entries WHERE seq > 20", "entries 21 to 25"},
  }};
  for (const auto& [tamper, expected] : cases) {
    Fixture f(25);
    f.sql(tamper);
    auto r = run("journal verify --db sqlite:" + f.db);
    EXPECT_EQ(r.status, 1) << tamper << "\n" << r.output;
    EXPECT_NE(r.output.find("NOT intact"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find(expected), std::string::npos) << tamper << "\n" << r.output;
  }
}

TEST(JournalCli, ExportAndPurge) {
  Fixture f(8);
  auto e = run("journal export --db sqlite:" + f.db + " " + f.dir.file("audit.jsonl"));
  EXPECT_EQ(e.status, 0) << e.output;
  std::ifstream in(f.dir.file("audit.jsonl"));
  int lines = 0;
  for (std::string l; std::getline(in, l);) ++lines;
  EXPECT_EQ(lines, 8);
  // Nothing is older than a month yet.
  auto p = run("journal purge --db sqlite:" + f.db + " --older-than-months 1");
  EXPECT_EQ(p.status, 0) << p.output;
  EXPECT_NE(p.output.find("purged 0 journal entries"), std::string::npos) << p.output;
  EXPECT_EQ(run("journal purge --db sqlite:" + f.db).status, 2);
  EXPECT_EQ(run("journal verify --db sqlite:" + f.db).status, 0);
}

TEST(JournalCli, AnAuditorRecomputesTheChainFromTheExportWithCoreutils) {
  Fixture f(5);
  ASSERT_EQ(run("journal export --db sqlite:" + f.db + " " + f.dir.file("audit.jsonl")).status, 0);
  std::ifstream in(f.dir.file("audit.jsonl"));
  std::string prev(64, '0');
  int n = 0;
  for (std::string line; std::getline(in, line); ++n) {
    const auto cut = line.find(",\"prev_hash\":\"");
    ASSERT_NE(cut, std::string::npos);
    const auto rest = line.substr(0, cut) + "}";
    const auto prev_hash = line.substr(cut + 14, 64);
    const auto hash = line.substr(line.find(",\"hash\":\"") + 9, 64);
    EXPECT_EQ(prev_hash, prev);
    // sha256sum, not our OpenSSL call, computes the hash.
    std::ofstream(f.dir.file("payload")) << prev_hash << "\n" << rest;
    auto digest = shell("sha256sum " + f.dir.file("payload"));
    EXPECT_EQ(digest.output.substr(0, 64), hash) << line;
    prev = hash;
  }
  EXPECT_EQ(n, 5);
}
