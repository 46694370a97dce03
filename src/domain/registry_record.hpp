#pragma once
// The registry record of DESIGN §5: one JSON object per line, as OFPRA's internal system exports
// it. Parsing validates every field; errors name the field and the rule, never the value, so
// they can be shown and logged without disclosing personal data.
#include "domain/person.hpp"
#include "domain/result.hpp"

#include <string>
#include <string_view>

namespace ofpra::domain {

Result<Person> parse_registry_record(std::string_view json_line);
std::string to_registry_record(const Person& person);

// Field rules shared with other inputs (API bodies, CLI flags).
bool is_numero_ofpra(std::string_view s);   // 9 digits
bool is_numero_agdref(std::string_view s);  // 10 digits
bool is_cog_code(std::string_view s);       // INSEE COG: 5 characters, digits (2A/2B for Corsica)
// A name as typed by a person: non-empty, at most 100 characters, no control characters.
bool is_plausible_name(std::string_view s);

}  // namespace ofpra::domain
