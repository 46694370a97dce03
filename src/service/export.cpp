#include "service/export.hpp"

#include "domain/registry_record.hpp"
#include "journal/chain.hpp"

namespace ofpra::service {

domain::Result<std::uint64_t> export_registry(store::RegistryStore& registry, std::ostream& out) {
  std::uint64_t n = 0;
  auto s = registry.for_each([&](domain::Person&& p) {
    out << domain::to_registry_record(p) << '\n';
    ++n;
    return static_cast<bool>(out);
  });
  if (!s) return s.error();
  if (!out) return domain::Error{"the output could not be written", "file"};
  return n;
}

domain::Status record_export(journal::JournalWriter& journal, std::int64_t persons, const std::string& operator_name) {
  domain::JournalEntry e;
  e.channel = domain::JournalChannel::export_;
  e.result = domain::JournalResult::exported;
  e.agent = operator_name;
  e.purpose = "Export du registre : " + std::to_string(persons) + " personne(s)";
  e.request_hash = journal::sha256_hex(e.purpose + '\n' + operator_name);
  auto written = journal.append(std::move(e));
  if (!written) return written.error();
  return domain::success();
}

}  // namespace ofpra::service
