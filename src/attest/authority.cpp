#include "attest/authority.hpp"

#include "attest/p256.hpp"
#include "auth/key_files.hpp"
#include "env/random.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <set>

namespace ofpra::attest {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::system_clock;

constexpr std::string_view authority_key_file = "autorite.key";
constexpr std::string_view authority_certificate_file = "autorite.pem";
constexpr std::string_view current_file = "courant";
constexpr std::string_view revoked_file = "revoques";
// Ours start with OC, away from 0000 (reserved) and FR00/0001 (the specification's published key).
constexpr std::string_view first_identifier = "OC01";
constexpr auto crl_lifetime = std::chrono::days(30);
constexpr auto crl_refresh = std::chrono::hours(24);

fs::path folder(const fs::path& keys_dir) { return keys_dir / "attestations"; }

using X509Ptr = std::shared_ptr<X509>;
X509Ptr own(X509* x) { return {x, X509_free}; }

std::string pem_of(X509* x) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, x);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(n));
  BIO_free(bio);
  return pem;
}

X509Ptr certificate_from(std::string_view pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* x = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  return x ? own(x) : nullptr;
}

void add_extension(X509* issuer, X509* subject, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, subject, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  X509_add_ext(subject, ext, -1);
  X509_EXTENSION_free(ext);
}

void set_time(ASN1_TIME* field, Clock::time_point t) { ASN1_TIME_set(field, Clock::to_time_t(t)); }

X509_NAME* name_of(std::string_view common_name, std::string_view organisation) {
  X509_NAME* name = X509_NAME_new();
  const auto add = [&](const char* field, std::string_view value) {
    X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(value.data()),
                               static_cast<int>(value.size()), -1, 0);
  };
  add("C", "FR");
  add("O", organisation);
  add("CN", common_name);
  return name;
}

// A certificate for `key`, signed by issuer_key (self-signed when issuer is null).
std::string make_certificate(const P256Key& key, const P256Key& issuer_key, X509* issuer, std::string_view common_name,
                             std::string_view organisation, Clock::time_point from, Clock::duration lifetime,
                             bool authority) {
  X509* x = X509_new();
  X509_set_version(x, 2);
  std::array<std::uint8_t, 8> serial{};
  env::secure_random().fill(serial);
  serial[0] &= 0x7f;
  std::uint64_t n = 0;
  for (auto b : serial) n = (n << 8) | b;
  ASN1_INTEGER_set_uint64(X509_get_serialNumber(x), n);
  set_time(X509_getm_notBefore(x), from);
  set_time(X509_getm_notAfter(x), from + lifetime);
  X509_NAME* subject = name_of(common_name, organisation);
  X509_set_subject_name(x, subject);
  X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : subject);
  X509_NAME_free(subject);
  X509_set_pubkey(x, static_cast<EVP_PKEY*>(key.evp()));
  X509* signer = issuer ? issuer : x;
  add_extension(signer, x, NID_basic_constraints, authority ? "critical,CA:TRUE" : "critical,CA:FALSE");
  add_extension(signer, x, NID_key_usage, authority ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature");
  add_extension(signer, x, NID_subject_key_identifier, "hash");
  add_extension(signer, x, NID_authority_key_identifier, "keyid:always");
  X509_sign(x, static_cast<EVP_PKEY*>(issuer_key.evp()), EVP_sha256());
  auto pem = pem_of(x);
  X509_free(x);
  return pem;
}

std::set<std::string> revoked_ids(const fs::path& dir) {
  std::set<std::string> ids;
  std::ifstream in(dir / revoked_file);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) ids.insert(line);
  return ids;
}

bool is_identifier(std::string_view id) {
  return id.size() == 4 &&
         std::all_of(id.begin(), id.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); });
}

// The identifier after the largest one in the folder: OC01, OC02, ... OC0Z, OC10, in base 36.
std::string next_identifier(const fs::path& dir) {
  constexpr std::string_view digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  long largest = 0;
  std::error_code ec;
  for (const auto& file : fs::directory_iterator(dir, ec)) {
    const auto stem = file.path().stem().string();
    if (file.path().extension() != ".pem" || !is_identifier(stem)) continue;
    long value = 0;
    for (char c : stem) value = value * 36 + static_cast<long>(digits.find(c));
    largest = std::max(largest, value);
  }
  std::string id(4, '0');
  for (long value = largest + 1, i = 3; i >= 0; --i, value /= 36) id[static_cast<std::size_t>(i)] = digits[value % 36];
  return id;
}

domain::Result<P256Key> key_in(const fs::path& file) {
  auto pem = auth::read_or_create_key_file(file, [] { return P256Key::generate().private_pem(); });
  if (!pem) return pem.error();
  return P256Key::from_pem(*pem + "\n");
}

struct AuthorityFiles {
  P256Key key;
  X509Ptr certificate;
};

domain::Result<AuthorityFiles> authority_files(const fs::path& dir, const AuthoritySettings& names,
                                               Clock::time_point now) {
  auto key = key_in(dir / authority_key_file);
  if (!key) return key.error();
  auto pem = auth::read_or_create_key_file(dir / authority_certificate_file, [&] {
    return make_certificate(*key, *key, nullptr, names.authority_id, names.organisation, now, authority_lifetime, true);
  });
  if (!pem) return pem.error();
  auto certificate = certificate_from(*pem);
  if (!certificate) return domain::Error{"unreadable authority certificate in " + dir.string(), "attestation keys"};
  return AuthorityFiles{std::move(*key), std::move(certificate)};
}

// A signing certificate `id`, created with its key when absent.
domain::Result<std::string> signing_certificate(const fs::path& dir, const AuthoritySettings& names,
                                                const AuthorityFiles& authority, const std::string& id,
                                                Clock::time_point now) {
  auto key = key_in(dir / (id + ".key"));
  if (!key) return key.error();
  return auth::read_or_create_key_file(dir / (id + ".pem"), [&] {
    return make_certificate(*key, authority.key, authority.certificate.get(), id, names.organisation, now,
                            signing_certificate_lifetime, false);
  });
}

}  // namespace

struct Authority::Keys {
  P256Key authority_key;
  X509Ptr authority;
  P256Key signing_key;
  std::map<std::string, X509Ptr, std::less<>> certificates;
  std::set<std::string> revoked;
};

domain::Result<Authority> Authority::load_or_create(const fs::path& keys_dir, const AuthoritySettings& names,
                                                    const env::Clock& clock) {
  const auto dir = folder(keys_dir);
  const auto now = clock.now();
  auto authority = authority_files(dir, names, now);
  if (!authority) return authority.error();
  auto current = auth::read_or_create_key_file(dir / current_file, [] { return std::string(first_identifier); });
  if (!current) return current.error();
  if (!is_identifier(*current)) return domain::Error{"bad current certificate in " + dir.string(), "attestation keys"};
  if (auto made = signing_certificate(dir, names, *authority, *current, now); !made) return made.error();

  auto keys = std::make_shared<Keys>();
  auto signing = auth::read_key_file(dir / (*current + ".key"));
  if (!signing) return signing.error();
  auto signing_key = P256Key::from_pem(*signing + "\n");
  if (!signing_key) return signing_key.error();
  keys->signing_key = std::move(*signing_key);
  keys->revoked = revoked_ids(dir);
  Authority a;
  std::error_code ec;
  for (const auto& file : fs::directory_iterator(dir, ec)) {
    const auto id = file.path().stem().string();
    if (file.path().extension() != ".pem" || !is_identifier(id)) continue;
    auto pem = auth::read_key_file(file.path());
    auto certificate = pem ? certificate_from(*pem) : nullptr;
    if (!certificate) return domain::Error{"unreadable certificate " + file.path().string(), "attestation keys"};
    a.chain_pem_ += pem_of(certificate.get());
    keys->certificates.emplace(id, std::move(certificate));
  }
  a.chain_pem_ += pem_of(authority->certificate.get());
  keys->authority_key = std::move(authority->key);
  keys->authority = std::move(authority->certificate);
  a.keys_ = std::move(keys);
  a.names_ = names;
  a.current_ = std::move(*current);
  a.clock_ = &clock;
  a.crl_ = std::make_shared<Crl>();
  auto trusted = TrustedCertificates::from_pem(a.chain_pem_, a.crl_pem());
  if (!trusted) return trusted.error();
  a.trusted_ = std::move(*trusted);
  return a;
}

domain::Result<std::string> Authority::rotate(const fs::path& keys_dir, const AuthoritySettings& names,
                                              const env::Clock& clock, bool revoke_previous) {
  auto existing = load_or_create(keys_dir, names, clock);
  if (!existing) return existing.error();
  const auto dir = folder(keys_dir);
  const auto id = next_identifier(dir);
  auto authority = authority_files(dir, names, clock.now());
  if (!authority) return authority.error();
  if (auto made = signing_certificate(dir, names, *authority, id, clock.now()); !made) return made.error();
  if (revoke_previous) {
    std::ofstream out(dir / revoked_file, std::ios::app);
    out << existing->current_ << '\n';
    if (!out) return domain::Error{"cannot write " + (dir / revoked_file).string(), "attestation keys"};
  }
  const auto draft = dir / (std::string(current_file) + ".new");
  {
    std::ofstream out(draft, std::ios::trunc);
    out << id << '\n';
    if (!out) return domain::Error{"cannot write " + draft.string(), "attestation keys"};
  }
  std::error_code ec;
  fs::rename(draft, dir / current_file, ec);
  if (ec) return domain::Error{"cannot write " + (dir / current_file).string(), "attestation keys"};
  return id;
}

std::string Authority::sign(std::string_view message) const { return keys_->signing_key.sign(message); }

std::string Authority::crl_pem() const {
  std::lock_guard lock(crl_->lock);
  const auto now = clock_->now();
  if (!crl_->pem.empty() && now - crl_->made < crl_refresh) return crl_->pem;
  X509_CRL* crl = X509_CRL_new();
  X509_CRL_set_version(crl, 1);
  X509_CRL_set_issuer_name(crl, X509_get_subject_name(keys_->authority.get()));
  ASN1_TIME* t = ASN1_TIME_new();
  ASN1_TIME_set(t, Clock::to_time_t(now));
  X509_CRL_set1_lastUpdate(crl, t);
  ASN1_TIME_set(t, Clock::to_time_t(now + crl_lifetime));
  X509_CRL_set1_nextUpdate(crl, t);
  for (const auto& id : keys_->revoked) {
    const auto found = keys_->certificates.find(id);
    if (found == keys_->certificates.end()) continue;
    X509_REVOKED* entry = X509_REVOKED_new();
    X509_REVOKED_set_serialNumber(entry, X509_get_serialNumber(found->second.get()));
    ASN1_TIME_set(t, Clock::to_time_t(now));
    X509_REVOKED_set_revocationDate(entry, t);
    X509_CRL_add0_revoked(crl, entry);
  }
  ASN1_TIME_free(t);
  // RFC 5280 §5.2: a CRL number that grows (its second of issue) and the authority's key id.
  ASN1_INTEGER* number = ASN1_INTEGER_new();
  ASN1_INTEGER_set_int64(number, static_cast<std::int64_t>(Clock::to_time_t(now)));
  X509_CRL_add1_ext_i2d(crl, NID_crl_number, number, 0, 0);
  ASN1_INTEGER_free(number);
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, keys_->authority.get(), nullptr, nullptr, crl, 0);
  if (X509_EXTENSION* key_id = X509V3_EXT_conf_nid(nullptr, &ctx, NID_authority_key_identifier, "keyid:always")) {
    X509_CRL_add_ext(crl, key_id, -1);
    X509_EXTENSION_free(key_id);
  }
  X509_CRL_sort(crl);
  X509_CRL_sign(crl, static_cast<EVP_PKEY*>(keys_->authority_key.evp()), EVP_sha256());
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509_CRL(bio, crl);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  crl_->pem.assign(data, static_cast<std::size_t>(n));
  BIO_free(bio);
  X509_CRL_free(crl);
  crl_->made = now;
  return crl_->pem;
}

}  // namespace ofpra::attest
