#include "service/addressing.hpp"

namespace ofpra::service {

domain::Sex sex_of(const Registry& registry, std::string_view numero) {
  const auto snapshot = registry.current();
  if (!snapshot) return domain::Sex::unspecified;
  const auto person = snapshot->find(numero, domain::PersonParts::identity);
  return person ? person->sexe : domain::Sex::unspecified;
}

}  // namespace ofpra::service
