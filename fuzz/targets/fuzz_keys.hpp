#pragma once
// Keys made once per fuzzing process, in a folder of its own removed at exit: the targets
// sign what the fuzzer writes, so that it reaches the claims behind the signature check.
#include "auth/ed25519_key.hpp"

#include <unistd.h>
#include <filesystem>
#include <string>

namespace ofpra::fuzz {

class ScratchKeys {
 public:
  ScratchKeys()
      : dir_(std::filesystem::temp_directory_path() / ("ofpra-fuzz-keys-" + std::to_string(::getpid()))),
        key_(auth::Ed25519Key::load_or_create(dir_, "fuzz").value()) {}
  ~ScratchKeys() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  const auth::Ed25519Key& key() const { return key_; }

 private:
  std::filesystem::path dir_;
  auth::Ed25519Key key_;
};

}  // namespace ofpra::fuzz
