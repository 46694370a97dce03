#include "service/export.hpp"

#include "domain/registry_record.hpp"

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

}  // namespace ofpra::service
