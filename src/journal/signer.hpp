#pragma once
// Ed25519 signatures of journal checkpoints (libsodium). The signing key is created on first
// start in a folder outside the repository and the database (mode 0700, key file 0600); its
// public half is also written beside it, so `journal verify` can trust a key that does not
// come from the database being verified.
#include "domain/journal_entry.hpp"
#include "domain/result.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>

namespace ofpra::journal {

class Signer {
 public:
  // Loads the key in dir, or creates dir and a new key when there is none.
  static domain::Result<Signer> load_or_create(const std::filesystem::path& dir);

  const std::string& key_id() const { return key_id_; }
  const std::string& public_key_hex() const { return public_hex_; }
  // Fills key_id and signature of a checkpoint whose seq, hash and signed_at are set.
  void sign(domain::JournalCheckpoint& checkpoint) const;

 private:
  std::array<std::uint8_t, 64> secret_{};
  std::string public_hex_;
  std::string key_id_;
};

// The public key in dir (journal-ed25519.pub), for verification; error when absent.
domain::Result<std::string> load_public_key(const std::filesystem::path& dir);
// The key id of a public key: the first 16 hex digits of its SHA-256.
std::string key_id_of(const std::string& public_key_hex);
bool verify_checkpoint(const domain::JournalCheckpoint& checkpoint, const std::string& public_key_hex);

}  // namespace ofpra::journal
