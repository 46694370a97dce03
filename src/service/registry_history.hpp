#pragma once
// A person's history in the registry (docs/REGISTRY-HISTORY.md), for OFPRA's operators: every
// version, who wrote it and when, and the events it made.
#include "domain/result.hpp"
#include "store/database.hpp"

#include <string>
#include <vector>

namespace ofpra::service {

// One JSON object per version, oldest first: {"version", "ecrite_le", "ecrite_par",
// "remplacee_le" (null for the current one), "evenements": [{"id", "type", "detail", "le"}],
// "enregistrement": the registry record}. A removal's event comes with the last version. Empty
// for a number never registered.
domain::Result<std::vector<std::string>> person_history_lines(store::RegistryStore& registry,
                                                              const std::string& numero_ofpra);

}  // namespace ofpra::service
