#pragma once
// A Database made of the stores of stores.hpp on an engine's executors. Internal to src/store.
#include "store/database.hpp"
#include "store/sql/executor.hpp"

namespace ofpra::store::sql {

// What differs between SQLite and PostgreSQL below the stores.
class Engine {
 public:
  virtual ~Engine() = default;
  virtual Executor& main() = 0;
  // The journal's own executor: its commits never queue behind registry work in-process.
  virtual Executor& journal() = 0;
  // Applies the migrations not yet applied; returns the schema version now in force.
  virtual Result<int> migrate() = 0;
  // See Database::watch_changes.
  virtual std::unique_ptr<ChangeFeed> watch_changes(std::function<void(std::string_view)>) { return nullptr; }
};

std::unique_ptr<Database> make_database(std::unique_ptr<Engine> engine, const env::Clock& clock);

}  // namespace ofpra::store::sql
