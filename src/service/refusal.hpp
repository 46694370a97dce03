#pragma once
// A refusal of the service: its kind (code, status and title in domain/problem.hpp), what to do
// (in French, the API's language), and the parameter it names. Never a value the caller sent.
#include "domain/problem.hpp"

#include <string>

namespace ofpra::service {

struct Refusal {
  domain::Problem problem = domain::Problem::internal;
  std::string detail;
  std::string parameter;
  friend bool operator==(const Refusal&, const Refusal&) = default;
};

// 503 "Service indisponible": a store or the registry did not answer.
inline Refusal unavailable() { return {domain::Problem::unavailable, "Réessayez plus tard.", {}}; }

}  // namespace ofpra::service
