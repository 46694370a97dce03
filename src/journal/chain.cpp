#include "journal/chain.hpp"

#include "domain/json_text.hpp"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <memory>

namespace ofpra::journal {
namespace {

// OpenSSL 3's one-shot SHA256() looks the algorithm up in its providers at every call (locks
// and a property query: a tenth of a journal write); fetched once, with a context per thread,
// a hash costs only the hashing.
struct Sha256 {
  EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  ~Sha256() { EVP_MD_free(md); }
};

void sha256(std::string_view bytes, unsigned char* digest) {
  static const Sha256 algorithm;
  thread_local const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (algorithm.md && ctx && EVP_DigestInit_ex2(ctx.get(), algorithm.md, nullptr) == 1 &&
      EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size()) == 1 &&
      EVP_DigestFinal_ex(ctx.get(), digest, nullptr) == 1)
    return;
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);  // the slow way, same hash
}

void append_canonical(std::string& out, const domain::JournalEntry& e) {
  // The field order below is part of the format: changing it breaks every existing chain.
  auto field = [&out](std::string_view name, std::string_view value) {
    out += ",\"";
    out += name;
    out += "\":";
    domain::append_json_string(out, value);
  };
  out += "{\"v\":1,\"seq\":";
  out += std::to_string(e.seq);
  field("recorded_at", e.recorded_at);
  field("channel", to_string(e.channel));
  field("partner_siret", e.partner_siret);
  field("client_id", e.client_id);
  field("agent", e.agent);
  field("recipient_siret", e.recipient_siret);
  field("purpose", e.purpose);
  field("consent_ref", e.consent_ref);
  out += ",\"scopes_asked\":";
  domain::append_json_string_list(out, e.scopes_asked);
  out += ",\"scopes_given\":";
  domain::append_json_string_list(out, e.scopes_given);
  field("person", e.person);
  field("result", to_string(e.result));
  field("refusal_code", e.refusal_code);
  field("request_hash", e.request_hash);
  out += '}';
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  sha256(bytes, digest);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out(2 * SHA256_DIGEST_LENGTH, '0');
  for (std::size_t i = 0; i < SHA256_DIGEST_LENGTH; ++i) {
    out[2 * i] = hex[digest[i] >> 4];
    out[2 * i + 1] = hex[digest[i] & 0x0f];
  }
  return out;
}

std::string canonical(const domain::JournalEntry& e) {
  std::string out;
  out.reserve(512);
  append_canonical(out, e);
  return out;
}

std::string chain_hash(const std::string& prev_hash, const domain::JournalEntry& entry) {
  // Built in one buffer kept by the thread: the writer hashes every entry it commits.
  thread_local std::string text;
  text.assign(prev_hash);
  text += '\n';
  append_canonical(text, entry);
  return sha256_hex(text);
}

}  // namespace ofpra::journal
