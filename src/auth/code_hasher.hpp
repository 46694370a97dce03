#pragma once
// Share codes (9 characters of 30) and one-time codes (8 digits) are short: under a plain
// hash, a copy of the database would give them all back in minutes. They are stored under
// HMAC-SHA-256 with a secret kept in the keys folder (codes.key), which the database never
// holds. Rotation (docs/OPERATIONS.md): the current secret is renamed codes.previous.key and a
// new one made; codes stored under the previous one are still found until it is removed.
#include "domain/result.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ofpra::auth {

using CodeSecret = std::array<std::uint8_t, 32>;

class CodeHasher {
 public:
  explicit CodeHasher(CodeSecret current, std::optional<CodeSecret> previous = std::nullopt);
  // codes.key in dir, made on first use; codes.previous.key when present.
  static domain::Result<CodeHasher> load_or_create(const std::filesystem::path& dir);

  // What is stored for a code: hex HMAC-SHA-256 under the current secret. `kind` keeps the
  // hashes of different kinds of code apart ("share", "otp").
  std::string hash(std::string_view kind, std::string_view code) const;
  // What a stored code may be under: the current secret, then the previous one.
  std::vector<std::string> candidates(std::string_view kind, std::string_view code) const;

 private:
  CodeSecret current_;
  std::optional<CodeSecret> previous_;
};

}  // namespace ofpra::auth
