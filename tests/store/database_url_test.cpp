#include "store/database_url.hpp"

#include <gtest/gtest.h>

using ofpra::store::DatabaseUrl;
using ofpra::store::parse_database_url;

TEST(DatabaseUrl, SqliteAndPostgresql) {
  auto s = parse_database_url("sqlite:var/demo.db");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->kind, DatabaseUrl::Kind::sqlite);
  EXPECT_EQ(s->target, "var/demo.db");
  auto abs = parse_database_url("sqlite:///tmp/x.db");
  ASSERT_TRUE(abs);
  EXPECT_EQ(abs->target, "/tmp/x.db");
  auto pg = parse_database_url("postgresql://u@localhost:5432/ofpra");
  ASSERT_TRUE(pg);
  EXPECT_EQ(pg->kind, DatabaseUrl::Kind::postgresql);
}

TEST(DatabaseUrl, RejectsOthers) {
  EXPECT_FALSE(parse_database_url("sqlite:"));
  EXPECT_FALSE(parse_database_url("mysql://x"));
  EXPECT_FALSE(parse_database_url("registry.db"));
  EXPECT_FALSE(parse_database_url(""));
}
