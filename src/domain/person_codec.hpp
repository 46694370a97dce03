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
// Decodes one encoding made by encode_person (the contact stays empty).
Person decode_person(std::string_view bytes);

}  // namespace ofpra::domain
