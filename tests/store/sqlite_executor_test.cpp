#include "store/sqlite/executor.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace ofpra::store;
using sql::Value;

namespace {

constexpr std::string_view columns[] = {"id", "name", "note"};

struct Table {
  ofpra::test_support::TempDir dir;
  sqlite::SqliteExecutor db{open()};

  sqlite::Connection open() {
    auto c = sqlite::Connection::open(dir.file("x.db"), true);
    EXPECT_TRUE(c) << (c ? "" : c.error().message);
    EXPECT_TRUE(c->exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT)"));
    return std::move(*c);
  }

  std::vector<std::string> rows() {
    auto r = db.query("SELECT id, name, coalesce(note, '-') FROM t ORDER BY id");
    EXPECT_TRUE(r);
    std::vector<std::string> out;
    for (const auto& row : *r) out.push_back(row.text(0) + " " + row.text(1) + " " + row.text(2));
    return out;
  }
};

std::vector<std::vector<Value>> make_rows(int from, int count) {
  std::vector<std::vector<Value>> rows;
  for (int i = from; i < from + count; ++i)
    rows.push_back({std::int64_t{i}, "name " + std::to_string(i), i % 3 ? Value("n" + std::to_string(i)) : Value()});
  return rows;
}

std::vector<std::string> expected(int from, int count) {
  std::vector<std::string> out;
  for (int i = from; i < from + count; ++i)
    out.push_back(std::to_string(i) + " name " + std::to_string(i) + " " + (i % 3 ? "n" + std::to_string(i) : "-"));
  return out;
}

}  // namespace

// Rows go in by statements of several rows each: every count, below, at and across the
// chunk sizes, lands whole and in order, with each value bound to its own row and column.
TEST(SqliteExecutor, InsertManyWritesEveryRowWhateverTheCount) {
  int next = 1;
  std::vector<std::string> want;
  Table t;
  for (int count : {0, 1, 2, 3, 31, 32, 33, 64, 65, 100}) {
    auto s = t.db.transaction(sql::Mode::write,
                              [&](sql::Executor& tx) { return tx.insert_many("t", columns, make_rows(next, count)); });
    ASSERT_TRUE(s) << s.error().message;
    for (auto& row : expected(next, count)) want.push_back(std::move(row));
    next += count;
    EXPECT_EQ(t.rows(), want) << count;
  }
}

// A row refused in the middle of a batch (a duplicate key, a row of the wrong width) fails the
// transaction, and none of the batch's rows stay.
TEST(SqliteExecutor, InsertManyRefusedMidwayLeavesNothing) {
  Table t;
  ASSERT_TRUE(t.db.transaction(sql::Mode::write,
                               [&](sql::Executor& tx) { return tx.insert_many("t", columns, make_rows(1, 5)); }));
  auto duplicate = make_rows(6, 40);
  duplicate[37][0] = Value(std::int64_t{3});
  auto narrow = make_rows(6, 40);
  narrow[20].pop_back();
  for (const auto& rows : {duplicate, narrow}) {
    auto s = t.db.transaction(sql::Mode::write, [&](sql::Executor& tx) { return tx.insert_many("t", columns, rows); });
    EXPECT_FALSE(s);
    EXPECT_EQ(t.rows(), expected(1, 5));
  }
}
