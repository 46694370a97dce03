#pragma once
// GET /.well-known/ofpra-journal-key.json: the public key that signs the journal's checkpoints,
// so that a third party holding an export can check its signed heads (docs/JOURNAL.md).
#include "http/router.hpp"

#include <string>

namespace ofpra::api {

struct JournalKey {
  std::string key_id;          // as the checkpoints name it
  std::string public_key_hex;  // Ed25519, 32 bytes
};

// The route keeps a reference to key, which must outlive the router.
void add_journal_key_route(http::Router& router, const JournalKey& key);

}  // namespace ofpra::api
