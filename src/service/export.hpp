#pragma once
// Registry export as JSON Lines in the import format: export then import gives the same registry.
#include "store/database.hpp"

#include <cstdint>
#include <ostream>

namespace ofpra::service {

domain::Result<std::uint64_t> export_registry(store::RegistryStore& registry, std::ostream& out);

}  // namespace ofpra::service
