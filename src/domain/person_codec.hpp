#pragma once
// A compact binary form of a person, for the in-memory registry: a quarter of the memory of
// the Person value, decoded in about a microsecond when a lookup needs it. The contact
// details are left out: no answer discloses them, and the portal reads them from the store.
#include "domain/person.hpp"

#include <string>
#include <string_view>

namespace ofpra::domain {

// Appends the person's encoding to out.
void encode_person(const Person& person, std::string& out);

// The parts of a person an answer may need, in the order of the encoding.
enum class PersonParts : unsigned {
  identity = 1,      // names, aliases, sex, birth, nationality, AGDREF number
  protections = 2,   // the periods of protection
  civil_status = 4,  // the civil-status file
  family = 8,
  all = 15,
};
constexpr PersonParts operator|(PersonParts a, PersonParts b) {
  return static_cast<PersonParts>(static_cast<unsigned>(a) | static_cast<unsigned>(b));
}
constexpr bool includes(PersonParts set, PersonParts part) {
  return (static_cast<unsigned>(set) & static_cast<unsigned>(part)) != 0;
}
// Decodes one encoding made by encode_person (the contact stays empty): the OFPRA number and
// the parts asked for, the others left as a default Person has them. Cheaper for an answer that
// needs little (its names and family are neither copied nor allocated, and what follows the
// last part is not read).
Person decode_person(std::string_view bytes, PersonParts parts = PersonParts::all);

}  // namespace ofpra::domain
