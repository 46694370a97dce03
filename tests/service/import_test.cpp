#include "service/import.hpp"
#include "domain/registry_record.hpp"
#include "service/export.hpp"
#include "store/database.hpp"
#include "support/temp_dir.hpp"
#include "synth/generator.hpp"

#include <gtest/gtest.h>

#include <sstream>

using namespace ofpra;

namespace {

struct Fixture {
  test_support::TempDir dir;
  std::unique_ptr<store::Database> db;
  Fixture() {
    auto opened = store::open_database({store::DatabaseUrl::Kind::sqlite, dir.file("r.db")});
    EXPECT_TRUE(opened);
    db = std::move(*opened);
  }
};

std::string jsonl(std::uint64_t n, std::uint64_t seed = 3) {
  std::string out;
  synth::generate_registry(seed, n, [&](domain::Person&& p) { out += domain::to_registry_record(p) + "\n"; });
  return out;
}

std::string dump(store::Database& db) {
  std::ostringstream out;
  EXPECT_TRUE(service::export_registry(db.registry(), out));
  return out.str();
}

}  // namespace

TEST(Import, AGoodFileIsImportedWhole) {
  Fixture f;
  std::istringstream in(jsonl(50));
  auto r = service::import_registry(in, f.db->registry());
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->committed);
  EXPECT_EQ(r->persons_written, 50u);
  EXPECT_TRUE(r->errors.empty());
  EXPECT_EQ(*f.db->registry().count(), 50);
}

TEST(Import, ExportThenImportGivesTheSameRegistry) {
  Fixture a;
  std::istringstream in(jsonl(80));
  ASSERT_TRUE(service::import_registry(in, a.db->registry()));
  const auto first = dump(*a.db);
  EXPECT_EQ(first, jsonl(80));
  Fixture b;
  std::istringstream again(first);
  ASSERT_TRUE(service::import_registry(again, b.db->registry()));
  EXPECT_EQ(dump(*b.db), first);
}

TEST(Import, ImportingTheSameFileTwiceIsIdempotent) {
  Fixture f;
  const auto file = jsonl(30);
  for (int i = 0; i < 2; ++i) {
    std::istringstream in(file);
    auto r = service::import_registry(in, f.db->registry());
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->committed);
  }
  EXPECT_EQ(*f.db->registry().count(), 30);
  EXPECT_EQ(dump(*f.db), file);
}

TEST(Import, ABadLineChangesNothingAndEveryBadLineIsReported) {
  Fixture f;
  const auto before_file = jsonl(10, 1);
  std::istringstream first(before_file);
  ASSERT_TRUE(service::import_registry(first, f.db->registry()));
  const auto before = dump(*f.db);

  // A new file: good lines (some replacing existing people), and three bad lines.
  std::string file = jsonl(20, 2);
  std::vector<std::string> lines;
  std::istringstream split(file);
  for (std::string l; std::getline(split, l);) lines.push_back(l);
  lines[4] = "{not json";
  lines[11] = R"({"numero_ofpra":"12"})";
  lines[17].replace(lines[17].find("\"sexe\":\""), 10, "\"sexe\":\"Q\"");
  std::string bad;
  for (const auto& l : lines) bad += l + "\n";
  std::istringstream in(bad);
  auto r = service::import_registry(in, f.db->registry());
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->committed);
  EXPECT_EQ(r->persons_written, 0u);
  ASSERT_EQ(r->errors.size(), 3u);
  EXPECT_EQ(r->errors[0].line, 5u);
  EXPECT_EQ(r->errors[1].line, 12u);
  EXPECT_EQ(r->errors[1].field, "numero_ofpra");
  EXPECT_EQ(r->errors[2].line, 18u);
  EXPECT_EQ(r->errors[2].field, "sexe");
  EXPECT_EQ(dump(*f.db), before);
}

TEST(Import, BlankLinesAndWindowsLineEndingsAreAccepted) {
  Fixture f;
  auto file = jsonl(3);
  std::string crlf;
  for (char c : file) crlf += (c == '\n') ? std::string("\r\n\r\n") : std::string(1, c);
  std::istringstream in(crlf);
  auto r = service::import_registry(in, f.db->registry());
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->committed);
  EXPECT_EQ(r->persons_written, 3u);
}

TEST(Import, AnOverlongLineIsABadLine) {
  Fixture f;
  std::istringstream in(jsonl(2) + std::string(100, ' ') + "{\"x\":\"" + std::string(2000, 'a') + "\"}\n");
  auto r = service::import_registry(in, f.db->registry(), {.max_reported_errors = 10, .max_line_bytes = 1500});
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->committed);
  ASSERT_EQ(r->errors.size(), 1u);
  EXPECT_EQ(r->errors[0].line, 3u);
  EXPECT_EQ(*f.db->registry().count(), 0);
}
