#include "journal/signer.hpp"

#include "journal/chain.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <vector>

namespace ofpra::journal {
namespace {

constexpr const char* secret_file = "journal-ed25519.key";
constexpr const char* public_file = "journal-ed25519.pub";

std::string to_hex(const std::uint8_t* data, std::size_t n) {
  std::string out(2 * n + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, n);
  out.pop_back();
  return out;
}

bool from_hex(const std::string& hex, std::uint8_t* out, std::size_t n) {
  std::size_t len = 0;
  return sodium_hex2bin(out, n, hex.data(), hex.size(), nullptr, &len, nullptr) == 0 && len == n;
}

std::string message(const domain::JournalCheckpoint& c) {
  return "ofpra-connect journal checkpoint v1\n" + std::to_string(c.seq) + "\n" + c.hash + "\n" + c.signed_at + "\n" +
         c.key_id;
}

domain::Result<std::string> read_text(const std::filesystem::path& p) {
  std::ifstream in(p);
  if (!in) return domain::Error{"cannot read " + p.string(), "keys"};
  std::stringstream s;
  s << in.rdbuf();
  auto text = s.str();
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

domain::Status write_private(const std::filesystem::path& p, const std::string& text, mode_t mode) {
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

std::string key_id_of(const std::string& public_key_hex) { return sha256_hex(public_key_hex).substr(0, 16); }

domain::Result<Signer> Signer::load_or_create(const std::filesystem::path& dir) {
  if (sodium_init() < 0) return domain::Error{"libsodium could not be initialised", "keys"};
  Signer s;
  std::uint8_t pk[crypto_sign_PUBLICKEYBYTES];
  std::error_code ec;
  if (std::filesystem::exists(dir / secret_file, ec)) {
    auto hex = read_text(dir / secret_file);
    if (!hex) return hex.error();
    if (!from_hex(*hex, s.secret_.data(), s.secret_.size()))
      return domain::Error{"the journal signing key in " + dir.string() + " is damaged", "keys"};
    crypto_sign_ed25519_sk_to_pk(pk, s.secret_.data());
  } else {
    std::filesystem::create_directories(dir, ec);
    if (ec) return domain::Error{"cannot create the key folder " + dir.string() + ": " + ec.message(), "keys"};
    ::chmod(dir.c_str(), 0700);
    crypto_sign_keypair(pk, s.secret_.data());
    if (auto w = write_private(dir / secret_file, to_hex(s.secret_.data(), s.secret_.size()), 0600); !w)
      return w.error();
    if (auto w = write_private(dir / public_file, to_hex(pk, sizeof pk), 0644); !w) return w.error();
  }
  s.public_hex_ = to_hex(pk, sizeof pk);
  s.key_id_ = key_id_of(s.public_hex_);
  return s;
}

void Signer::sign(domain::JournalCheckpoint& c) const {
  c.key_id = key_id_;
  const auto m = message(c);
  std::uint8_t sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(m.data()), m.size(), secret_.data());
  c.signature = to_hex(sig, sizeof sig);
}

domain::Result<std::string> load_public_key(const std::filesystem::path& dir) { return read_text(dir / public_file); }

bool verify_checkpoint(const domain::JournalCheckpoint& c, const std::string& public_key_hex) {
  if (sodium_init() < 0) return false;
  std::uint8_t pk[crypto_sign_PUBLICKEYBYTES];
  std::uint8_t sig[crypto_sign_BYTES];
  if (!from_hex(public_key_hex, pk, sizeof pk) || !from_hex(c.signature, sig, sizeof sig)) return false;
  if (key_id_of(public_key_hex) != c.key_id) return false;
  const auto m = message(c);
  return crypto_sign_verify_detached(sig, reinterpret_cast<const unsigned char*>(m.data()), m.size(), pk) == 0;
}

}  // namespace ofpra::journal
