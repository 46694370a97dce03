#include "service/import.hpp"

#include "domain/registry_record.hpp"

namespace ofpra::service {

domain::Result<ImportReport> import_registry(std::istream& in, store::RegistryStore& registry,
                                             const ImportOptions& options) {
  ImportReport report;
  auto writer = registry.begin_write(options.written_by);
  if (!writer) return writer.error();
  // Real persons from now on, whatever seed made before.
  if (auto s = (*writer)->set_synthetic(false); !s) return s.error();
  auto note = [&](std::string field, std::string reason) {
    ++report.bad_lines;
    if (report.errors.size() < options.max_reported_errors)
      report.errors.push_back({report.lines_read, std::move(field), std::move(reason)});
  };

  std::string line;
  std::uint64_t written = 0;
  while (std::getline(in, line)) {
    ++report.lines_read;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (line.size() > options.max_line_bytes) {
      note("", "line longer than " + std::to_string(options.max_line_bytes) + " bytes");
      continue;
    }
    auto person = domain::parse_registry_record(line);
    if (!person) {
      note(person.error().field, person.error().message);
      continue;
    }
    // Once a line is bad the transaction will be rolled back: keep validating, stop writing.
    if (report.bad_lines > 0) continue;
    if (auto s = (*writer)->put(*person); !s) return s.error();
    ++written;
  }
  if (in.bad()) return domain::Error{"the input could not be read", "file"};
  if (report.bad_lines > 0) return report;  // writer's destructor rolls back
  if (auto s = (*writer)->commit(); !s) return s.error();
  report.persons_written = written;
  report.counts = (*writer)->counts();
  report.committed = true;
  return report;
}

}  // namespace ofpra::service
