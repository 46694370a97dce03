#pragma once
// A fresh SQLite database in a temporary folder, on a fixed clock: the fixture of the service
// tests that need a store.
#include "store/database.hpp"
#include "support/fixed_clock.hpp"
#include "support/temp_dir.hpp"

#include <memory>

namespace ofpra::test_support {

struct TempDatabase {
  TempDir dir;
  FixedClock clock;
  std::unique_ptr<store::Database> db;
  TempDatabase() {
    db = std::move(*store::open_database({store::DatabaseUrl::Kind::sqlite, dir.file("r.db")}, {.clock = &clock}));
  }
};

}  // namespace ofpra::test_support
