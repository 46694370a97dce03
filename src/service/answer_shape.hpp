#pragma once
// Answers shaped by scope (DESIGN §3, §5): one block per scope given, named after it, and
// nothing else about the person.
#include "domain/person.hpp"
#include "domain/scope.hpp"
#include "service/registry_snapshot.hpp"

#include <boost/json/object.hpp>

#include <vector>

namespace ofpra::service {

// The parts of the person shape_answer reads for those scopes: what to decode, and no more.
domain::PersonParts parts_for(const std::vector<domain::Scope>& given);

// The "data" of a "trouve" answer. at: the day the status is given for; delay_months: OFPRA's
// published processing delay of the civil-status file. Relatives are read from registry.
boost::json::object shape_answer(const domain::Person& person, const std::vector<domain::Scope>& given,
                                 const domain::PartialDate& at, int delay_months, const RegistrySnapshot& registry);

}  // namespace ofpra::service
