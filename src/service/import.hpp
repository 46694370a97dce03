#pragma once
// Registry import (DESIGN §5): a JSON Lines file of registry records, applied all or nothing.
#include "store/database.hpp"

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace ofpra::service {

struct LineError {
  std::uint64_t line = 0;
  std::string field;
  std::string reason;
};

struct ImportReport {
  std::uint64_t lines_read = 0;
  std::uint64_t persons_written = 0;  // 0 unless committed
  store::RegistryWriteCounts counts;  // what the written persons changed, once committed
  std::vector<LineError> errors;      // every bad line, up to max_reported_errors
  std::uint64_t bad_lines = 0;        // all bad lines, even those not listed
  bool committed = false;
};

struct ImportOptions {
  std::size_t max_reported_errors = 1000;
  std::size_t max_line_bytes = 1 << 20;
  std::string written_by = "import";  // who the history says wrote these versions
};

// Reads every line (blank lines are skipped); validates each record; writes them in one
// transaction that commits only when no line was bad. A store failure is returned as an error
// and also changes nothing.
domain::Result<ImportReport> import_registry(std::istream& in, store::RegistryStore& registry,
                                             const ImportOptions& options = {});

}  // namespace ofpra::service
