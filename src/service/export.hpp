#pragma once
// Registry export as JSON Lines in the import format: export then import gives the same registry.
// The command journals it first (record_export).
#include "journal/writer.hpp"
#include "store/database.hpp"

#include <cstdint>
#include <ostream>

namespace ofpra::service {

domain::Result<std::uint64_t> export_registry(store::RegistryStore& registry, std::ostream& out);

// An export reads personal data out: it is journaled before (channel "export", the operator as
// agent, how many persons), and refused when the journal cannot be written.
domain::Status record_export(journal::JournalWriter& journal, std::int64_t persons, const std::string& operator_name);

}  // namespace ofpra::service
