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
  EXPECT_EQ(lines, 9);  // the entries, then the signed head
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
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("{\"head\":") || line.starts_with("{\"checkpoint\":")) continue;  // signatures
    ++n;
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

namespace {

std::vector<std::string> lines_of(const std::string& file) {
  std::ifstream in(file);
  std::vector<std::string> out;
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

void write_lines(const std::string& file, const std::vector<std::string>& lines) {
  std::ofstream out(file, std::ios::trunc);
  for (const auto& l : lines) out << l << '\n';
}

}  // namespace

// A third party holds the export and the key OFPRA publishes, nothing else (issue 24, finding 8).
TEST(JournalCli, AnExportEndsOnTheSignedHeadAndIsCheckedAlone) {
  Fixture f(12);
  const auto exported = f.dir.file("audit.jsonl");
  ASSERT_EQ(run("journal export --db sqlite:" + f.db + " " + exported).status, 0);
  auto lines = lines_of(exported);
  ASSERT_EQ(lines.size(), 13U);  // the entries, then the head
  EXPECT_TRUE(lines.back().starts_with("{\"head\":{\"seq\":12,")) << lines.back();

  // The key as the server publishes it at /.well-known/ofpra-journal-key.json.
  std::string hex;
  std::ifstream(f.db + ".keys/journal-ed25519.pub") >> hex;
  ASSERT_EQ(hex.size(), 64U);
  const auto published = f.dir.file("ofpra-journal-key.json");
  std::ofstream(published) << R"({"algorithm":"Ed25519","public_key_hex":")" << hex << "\"}";
  const auto check = [&](const std::string& key) {
    return run("journal verify --export " + exported + " --key " + key);
  };
  for (const auto& key : {published, hex}) {
    auto r = check(key);
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_NE(r.output.find("journal intact: 12 entries"), std::string::npos) << r.output;
  }

  // The tail cut, the head kept: the signature says what is missing.
  auto cut = lines;
  cut.erase(cut.end() - 3, cut.end() - 1);
  write_lines(exported, cut);
  auto r = check(hex);
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("entries 11 to 12 are missing"), std::string::npos) << r.output;

  // An entry altered.
  auto altered = lines;
  const auto at = altered[4].find("100000001");
  ASSERT_NE(at, std::string::npos);
  altered[4].replace(at, 9, "100000002");
  write_lines(exported, altered);
  r = check(hex);
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("entry 5 was altered"), std::string::npos) << r.output;

  // The head rewritten by someone without the key.
  auto forged = lines;
  forged.back().replace(forged.back().find("\"signature\":\"") + 13, 4, "0000");
  write_lines(exported, forged);
  r = check(hex);
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("invalid signature"), std::string::npos) << r.output;

  // Another key: nothing verifies.
  write_lines(exported, lines);
  r = check(std::string(64, 'a'));
  EXPECT_EQ(r.status, 1) << r.output;

  // Head and tail both cut: the chain holds, and the report says no signature covers its end.
  auto headless = lines;
  headless.erase(headless.end() - 3, headless.end());
  write_lines(exported, headless);
  r = check(hex);
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("after the last signature"), std::string::npos) << r.output;

  // Not an export at all.
  write_lines(exported, {"{\"seq\":1}"});
  EXPECT_EQ(check(hex).status, 1);
  EXPECT_EQ(run("journal verify --export " + exported).status, 2);  // --key is required
}
