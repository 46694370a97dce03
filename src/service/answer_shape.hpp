#pragma once
// Answers shaped by scope (DESIGN §3, §5): one block per scope given, and nothing else about
// the person.
#include "domain/person.hpp"
#include "domain/scope.hpp"
#include "service/answer.hpp"
#include "service/registry_snapshot.hpp"

#include <vector>

namespace ofpra::service {

// The parts of the person shape_answer reads for those scopes: what to decode, and no more.
domain::PersonParts parts_for(const std::vector<domain::Scope>& given);

// A "found" answer carrying exactly the blocks of given (reference left 0). at: the day the
// status is given for; delay_months: OFPRA's published processing delay of the civil-status
// file. Registered relatives are read from registry.
Answer shape_answer(const domain::Person& person, const std::vector<domain::Scope>& given,
                    const domain::PartialDate& at, int delay_months, const RegistrySnapshot& registry);

}  // namespace ofpra::service
