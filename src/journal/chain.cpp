#include "journal/chain.hpp"

#include <boost/json.hpp>
#include <openssl/sha.h>

namespace ofpra::journal {

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out(2 * SHA256_DIGEST_LENGTH, '0');
  for (std::size_t i = 0; i < SHA256_DIGEST_LENGTH; ++i) {
    out[2 * i] = hex[digest[i] >> 4];
    out[2 * i + 1] = hex[digest[i] & 0x0f];
  }
  return out;
}

std::string canonical(const domain::JournalEntry& e) {
  // Boost.JSON keeps insertion order: the field order below is part of the format.
  boost::json::object o;
  o["v"] = 1;
  o["seq"] = e.seq;
  o["recorded_at"] = e.recorded_at;
  o["channel"] = e.channel;
  o["partner_siret"] = e.partner_siret;
  o["client_id"] = e.client_id;
  o["agent"] = e.agent;
  o["recipient_siret"] = e.recipient_siret;
  o["purpose"] = e.purpose;
  o["consent_ref"] = e.consent_ref;
  boost::json::array asked(e.scopes_asked.begin(), e.scopes_asked.end());
  boost::json::array given(e.scopes_given.begin(), e.scopes_given.end());
  o["scopes_asked"] = std::move(asked);
  o["scopes_given"] = std::move(given);
  o["person"] = e.person;
  o["result"] = e.result;
  o["refusal_code"] = e.refusal_code;
  o["request_hash"] = e.request_hash;
  return boost::json::serialize(o);
}

std::string chain_hash(const std::string& prev_hash, const domain::JournalEntry& entry) {
  return sha256_hex(prev_hash + "\n" + canonical(entry));
}

}  // namespace ofpra::journal
