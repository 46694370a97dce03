#include "auth/sealed_secret.hpp"

#include "auth/ed25519_key.hpp"
#include "auth/key_files.hpp"

#include <sodium.h>

namespace ofpra::auth {

std::string base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::optional<std::string> from_base64(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::nullopt;
  out.resize(length);
  return out;
}

domain::Result<SecretSealer> SecretSealer::load_or_create(const std::filesystem::path& dir, std::string_view name) {
  if (sodium_init() < 0) return domain::unavailable_error("libsodium could not start");
  auto text = read_or_create_key_file(dir / std::string(name), [] {
    std::array<std::uint8_t, crypto_secretbox_KEYBYTES> key{};
    randombytes_buf(key.data(), key.size());
    return bytes_to_hex(key.data(), key.size());
  });
  if (!text) return text.error();
  SecretSealer s;
  if (!hex_to_bytes(*text, s.key_.data(), s.key_.size()))
    return domain::unavailable_error("the sealing key " + std::string(name) + " is damaged");
  return s;
}

std::string SecretSealer::seal(std::string_view secret) const {
  std::string box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + secret.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(secret.data()),
                        secret.size(), nonce, key_.data());
  return base64(box);
}

std::optional<std::string> SecretSealer::open(std::string_view sealed) const {
  auto box = from_base64(sealed);
  if (!box || box->size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) return std::nullopt;
  const auto* nonce = reinterpret_cast<const unsigned char*>(box->data());
  std::string secret(box->size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(secret.data()), nonce + crypto_secretbox_NONCEBYTES,
                                 box->size() - crypto_secretbox_NONCEBYTES, nonce, key_.data()) != 0)
    return std::nullopt;
  return secret;
}

}  // namespace ofpra::auth
