#pragma once
// What a new version of a person changes, as the typed events that partners following her file
// are told of (docs/REGISTRY-HISTORY.md). Events carry vocabulary words and dates, never names.
#include "domain/person.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ofpra::domain {

enum class RegistryEventType : std::uint8_t {
  protection_granted,       // a period of protection begins (none was open with that start)
  protection_ended,         // an open period now has an end, with its reason
  protection_type_changed,  // the same period under another type
  protection_corrected,     // any other correction of the periods (dates, a period removed)
  civil_status_step,        // the civil-status file moved to another step
  identity_changed,         // the established identity (names, birth, sex, numbers)
  family_link_added,
  family_link_removed,
  person_removed,
};
std::string_view to_string(RegistryEventType type);
std::optional<RegistryEventType> parse_RegistryEventType(std::string_view text);
std::span<const std::string_view> words_of_RegistryEventType();

struct RegistryEvent {
  RegistryEventType type;
  std::string detail;  // a JSON object: words and dates only
  friend bool operator==(const RegistryEvent&, const RegistryEvent&) = default;
};

// The events that turn before into after, in a stable order (protections, civil status,
// identity, family). Aliases and contact details change nothing a partner is told of.
std::vector<RegistryEvent> registry_changes(const Person& before, const Person& after);

// The person's removal from the registry.
RegistryEvent removal_event();

// Whether the established names differ: then the former ones are kept as an alias, so that a
// partner who knows her by them still finds her.
bool names_changed(const Person& before, const Person& after);

// Adds each former identity to after's aliases, unless it is her current one or already there.
void keep_former_identities(Person& after, const std::vector<NameVariant>& former);

}  // namespace ofpra::domain
