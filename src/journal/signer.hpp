#pragma once
// Ed25519 signatures of journal checkpoints, with the journal's own key (journal-ed25519 in
// the key folder; see auth/ed25519_key.hpp). `journal verify` trusts the public key in that
// folder rather than one read from the database it verifies.
#include "auth/ed25519_key.hpp"
#include "domain/journal_entry.hpp"
#include "domain/result.hpp"

#include <filesystem>
#include <string>

namespace ofpra::journal {

class Signer {
 public:
  static domain::Result<Signer> load_or_create(const std::filesystem::path& dir);

  const std::string& key_id() const { return key_.key_id(); }
  const std::string& public_key_hex() const { return key_.public_key_hex(); }
  // Fills key_id and signature of a checkpoint whose seq, hash and signed_at are set.
  void sign(domain::JournalCheckpoint& checkpoint) const;

 private:
  explicit Signer(auth::Ed25519Key key) : key_(std::move(key)) {}
  auth::Ed25519Key key_;
};

// The journal's public key in dir, for verification; error when absent.
domain::Result<std::string> load_public_key(const std::filesystem::path& dir);
bool verify_checkpoint(const domain::JournalCheckpoint& checkpoint, const std::string& public_key_hex);

}  // namespace ofpra::journal
