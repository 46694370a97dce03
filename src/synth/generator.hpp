#pragma once
// The synthetic registry: realistic households of protected persons, deterministic for a seed
// (the same seed gives the same registry on any machine, on any day).
#include "domain/person.hpp"

#include <cstdint>
#include <functional>
#include <string>

namespace ofpra::synth {

// Small, fast and reproducible across platforms (SplitMix64), unlike std:: distributions.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  // Uniform in [0, n).
  std::uint32_t below(std::uint32_t n);
  // Uniform in [lo, hi].
  int between(int lo, int hi);
  bool chance(double p);

 private:
  std::uint64_t state_;
};

// All synthetic dates lie before this day, so the registry does not depend on when it is made.
inline constexpr int reference_year = 2026;

// Calls emit once for each of exactly `count` persons, in increasing numero_ofpra order.
// Households (spouses, children) reference one another by numero_ofpra.
void generate_registry(std::uint64_t seed, std::uint64_t count, const std::function<void(domain::Person&&)>& emit);

// Appends the Luhn check digit to 13 digits, giving a valid SIRET.
std::string complete_siret(const std::string& first13);

}  // namespace ofpra::synth
