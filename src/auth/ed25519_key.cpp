#include "auth/ed25519_key.hpp"

#include <openssl/sha.h>
#include <sodium.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

namespace ofpra::auth {
namespace {

domain::Result<std::string> read_text(const std::filesystem::path& p) {
  std::ifstream in(p);
  if (!in) return domain::Error{"cannot read " + p.string(), "keys"};
  std::stringstream s;
  s << in.rdbuf();
  auto text = s.str();
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

domain::Status write_file(const std::filesystem::path& p, const std::string& text, mode_t mode) {
  auto tmp = p;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) return domain::Error{"cannot write " + tmp.string(), "keys"};
    ::chmod(tmp.c_str(), mode);
    out << text << "\n";
    if (!out.flush()) return domain::Error{"cannot write " + tmp.string(), "keys"};
  }
  std::error_code ec;
  std::filesystem::rename(tmp, p, ec);
  if (ec) return domain::Error{"cannot write " + p.string() + ": " + ec.message(), "keys"};
  return domain::success();
}

}  // namespace

std::string bytes_to_hex(const std::uint8_t* data, std::size_t n) {
  std::string out(2 * n + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, n);
  out.pop_back();
  return out;
}

bool hex_to_bytes(std::string_view hex, std::uint8_t* out, std::size_t n) {
  std::size_t len = 0;
  return sodium_hex2bin(out, n, hex.data(), hex.size(), nullptr, &len, nullptr) == 0 && len == n;
}

std::string key_id_of(const std::string& public_key_hex) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(public_key_hex.data()), public_key_hex.size(), digest);
  return bytes_to_hex(digest, 8);
}

domain::Result<Ed25519Key> Ed25519Key::load_or_create(const std::filesystem::path& dir, std::string_view name) {
  if (sodium_init() < 0) return domain::Error{"libsodium could not be initialised", "keys"};
  const auto secret_file = dir / (std::string(name) + ".key");
  const auto public_file = dir / (std::string(name) + ".pub");
  Ed25519Key k;
  std::error_code ec;
  if (std::filesystem::exists(secret_file, ec)) {
    auto hex = read_text(secret_file);
    if (!hex) return hex.error();
    if (!hex_to_bytes(*hex, k.secret_.data(), k.secret_.size()))
      return domain::Error{"the key " + secret_file.string() + " is damaged", "keys"};
    crypto_sign_ed25519_sk_to_pk(k.public_.data(), k.secret_.data());
  } else {
    std::filesystem::create_directories(dir, ec);
    if (ec) return domain::Error{"cannot create the key folder " + dir.string() + ": " + ec.message(), "keys"};
    ::chmod(dir.c_str(), 0700);
    crypto_sign_keypair(k.public_.data(), k.secret_.data());
    if (auto w = write_file(secret_file, bytes_to_hex(k.secret_.data(), k.secret_.size()), 0600); !w) return w.error();
    if (auto w = write_file(public_file, bytes_to_hex(k.public_.data(), k.public_.size()), 0644); !w) return w.error();
  }
  k.public_hex_ = bytes_to_hex(k.public_.data(), k.public_.size());
  k.key_id_ = key_id_of(k.public_hex_);
  return k;
}

std::string Ed25519Key::sign(std::string_view message) const {
  std::string sig(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(), secret_.data());
  return sig;
}

domain::Result<std::string> load_public_key_hex(const std::filesystem::path& dir, std::string_view name) {
  return read_text(dir / (std::string(name) + ".pub"));
}

bool ed25519_verify(std::string_view message, std::string_view signature, const std::array<std::uint8_t, 32>& key) {
  if (sodium_init() < 0 || signature.size() != crypto_sign_BYTES) return false;
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                     reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                     key.data()) == 0;
}

}  // namespace ofpra::auth
