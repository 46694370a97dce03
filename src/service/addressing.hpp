#pragma once
// How her own pages address her: her sex as the registry has it, so that words agree with it
// ("protégée", "محمية"). Read from the snapshot in memory: it never blocks.
#include "domain/vocabulary.hpp"
#include "service/registry_snapshot.hpp"

#include <string_view>

namespace ofpra::service {

// Unspecified when the registry does not say, or does not have her.
domain::Sex sex_of(const Registry& registry, std::string_view numero_ofpra);

}  // namespace ofpra::service
