#include "env/clock.hpp"
#include "env/random.hpp"

#include <sodium.h>

#include <cstdio>
#include <ctime>

#include <stdexcept>
#include <vector>

namespace ofpra::env {
namespace {

class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override { return std::chrono::system_clock::now(); }
  std::chrono::steady_clock::time_point monotonic() const override { return std::chrono::steady_clock::now(); }
};

class SodiumRandom final : public Random {
 public:
  SodiumRandom() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  }
  void fill(std::span<std::uint8_t> out) override { randombytes_buf(out.data(), out.size()); }
};

}  // namespace

const Clock& system_clock() {
  static const SystemClock clock;
  return clock;
}

Random& secure_random() {
  static SodiumRandom random;
  return random;
}

std::string format_utc(std::chrono::system_clock::time_point t) {
  using namespace std::chrono;
  const auto ms = duration_cast<milliseconds>(t.time_since_epoch()).count();
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  return buf;
}

std::string random_hex(Random& random, std::size_t n) {
  static constexpr char digits[] = "0123456789abcdef";
  std::vector<std::uint8_t> bytes(n);
  random.fill(bytes);
  std::string out;
  out.reserve(2 * n);
  for (auto b : bytes) {
    out.push_back(digits[b >> 4]);
    out.push_back(digits[b & 0x0f]);
  }
  return out;
}

}  // namespace ofpra::env
