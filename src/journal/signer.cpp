#include "journal/signer.hpp"

#include <sodium.h>

namespace ofpra::journal {
namespace {

constexpr std::string_view key_name = "journal-ed25519";

std::string message(const domain::JournalCheckpoint& c) {
  return "ofpra-connect journal checkpoint v1\n" + std::to_string(c.seq) + "\n" + c.hash + "\n" + c.signed_at + "\n" +
         c.key_id;
}

}  // namespace

domain::Result<Signer> Signer::load_or_create(const std::filesystem::path& dir) {
  auto key = auth::Ed25519Key::load_or_create(dir, key_name);
  if (!key) return key.error();
  return Signer(std::move(*key));
}

void Signer::sign(domain::JournalCheckpoint& c) const {
  c.key_id = key_.key_id();
  const auto sig = key_.sign(message(c));
  c.signature = auth::bytes_to_hex(reinterpret_cast<const std::uint8_t*>(sig.data()), sig.size());
}

domain::Result<std::string> load_public_key(const std::filesystem::path& dir) {
  return auth::load_public_key_hex(dir, key_name);
}

bool verify_checkpoint(const domain::JournalCheckpoint& c, const std::string& public_key_hex) {
  std::array<std::uint8_t, 32> pk{};
  std::string sig(crypto_sign_BYTES, '\0');
  if (!auth::hex_to_bytes(public_key_hex, pk.data(), pk.size()) ||
      !auth::hex_to_bytes(c.signature, reinterpret_cast<std::uint8_t*>(sig.data()), sig.size()))
    return false;
  if (auth::key_id_of(public_key_hex) != c.key_id) return false;
  return auth::ed25519_verify(message(c), sig, pk);
}

}  // namespace ofpra::journal
