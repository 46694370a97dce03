#pragma once
// Randomness behind an interface so tests can make it predictable or fail.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace ofpra::env {

class Random {
 public:
  virtual ~Random() = default;
  virtual void fill(std::span<std::uint8_t> out) = 0;
};

// Cryptographically secure randomness from libsodium.
Random& secure_random();

// n random bytes as lowercase hex.
std::string random_hex(Random& random, std::size_t n);

}  // namespace ofpra::env
