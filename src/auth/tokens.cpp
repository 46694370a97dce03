#include "auth/tokens.hpp"

#include "auth/jws.hpp"

#include <boost/json.hpp>

#include <array>
#include <mutex>
#include <unordered_map>

namespace ofpra::auth {
namespace json = boost::json;

std::string TokenIssuer::issue(AccessToken& t, std::chrono::system_clock::time_point now, env::Random& random) const {
  t.issued_at = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  t.expires_at = t.issued_at + lifetime_.count();
  t.jti = env::random_hex(random, 16);
  std::string scope;
  for (const auto& s : t.scopes) scope += (scope.empty() ? "" : " ") + s;
  const auto header = json::serialize(json::object{{"alg", "EdDSA"}, {"typ", "at+jwt"}, {"kid", key_.key_id()}});
  const auto payload = json::serialize(json::object{{"iss", issuer_},
                                                    {"sub", t.client_id},
                                                    {"client_id", t.client_id},
                                                    {"siret", t.siret},
                                                    {"scope", scope},
                                                    {"iat", t.issued_at},
                                                    {"exp", t.expires_at},
                                                    {"jti", t.jti}});
  return jws_sign(header, payload, key_);
}

// Verified tokens by their text, in shards so that workers seldom wait on one another. A
// shard that fills up is emptied: tokens live minutes, so nothing of value is lost.
struct TokenIssuer::Cache {
  static constexpr std::size_t shard_capacity = 8192;
  struct Shard {
    std::mutex mutex;
    // Looked up by the header's text as it is, without copying it into a key.
    struct Hash {
      using is_transparent = void;
      std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, AccessToken, Hash, std::equal_to<>> tokens;
  };
  std::array<Shard, 8> shards;
  Shard& shard_of(std::string_view token) { return shards[std::hash<std::string_view>{}(token) % shards.size()]; }
};

TokenIssuer::TokenIssuer(Ed25519Key key, std::string issuer, std::chrono::seconds lifetime)
    : key_(std::move(key)), issuer_(std::move(issuer)), lifetime_(lifetime), cache_(std::make_unique<Cache>()) {}
TokenIssuer::~TokenIssuer() = default;
TokenIssuer::TokenIssuer(TokenIssuer&&) noexcept = default;

namespace {

// Within its lifetime by the clock now. After the clock stepped back, a token would live longer
// than its lifetime: one issued "later" than now is refused, and its client asks for a new one.
domain::Status current(const AccessToken& t, std::int64_t now_s) {
  constexpr std::int64_t skew = 60;  // clocks of nodes sharing the key
  if (t.expires_at <= now_s) return domain::Error{"expired", "token"};
  if (t.issued_at > now_s + skew) return domain::Error{"issued in the future", "token"};
  return domain::success();
}

}  // namespace

domain::Result<AccessToken> TokenIssuer::verify(std::string_view token,
                                                std::chrono::system_clock::time_point now) const {
  const auto now_s = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  auto& shard = cache_->shard_of(token);
  {
    std::lock_guard lock(shard.mutex);
    if (auto it = shard.tokens.find(token); it != shard.tokens.end()) {
      if (auto s = current(it->second, now_s); !s) return s.error();
      return it->second;
    }
  }
  auto t = verify_signed(token);
  if (!t) return t.error();
  if (auto s = current(*t, now_s); !s) return s.error();
  std::lock_guard lock(shard.mutex);
  if (shard.tokens.size() >= Cache::shard_capacity) shard.tokens.clear();
  shard.tokens.emplace(std::string(token), *t);
  return t;
}

domain::Result<AccessToken> TokenIssuer::verify_signed(std::string_view token) const {
  auto parts = jws_verify(token, key_.public_key());
  if (!parts) return parts.error();
  boost::system::error_code ec;
  auto h = json::parse(parts->header_json, ec);
  const auto* kid = h.get_object().if_contains("kid");
  if (!kid || !kid->is_string() || kid->get_string() != key_.key_id()) return domain::Error{"unknown key", "token"};
  auto p = json::parse(parts->payload_json, ec);
  if (ec || !p.is_object()) return domain::Error{"the token's claims are not a JSON object", "token"};
  const auto& o = p.get_object();
  auto str = [&](std::string_view k) -> std::string {
    const auto* v = o.if_contains(k);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
  };
  auto num = [&](std::string_view k) -> std::int64_t {
    const auto* v = o.if_contains(k);
    return v && v->is_int64() ? v->get_int64() : 0;
  };
  AccessToken t{str("client_id"), str("siret"), {}, str("jti"), num("iat"), num("exp")};
  if (str("iss") != issuer_) return domain::Error{"unknown issuer", "token"};
  const auto scope = str("scope");
  for (std::size_t pos = 0; pos < scope.size();) {
    auto end = scope.find(' ', pos);
    if (end == std::string::npos) end = scope.size();
    if (end > pos) t.scopes.push_back(scope.substr(pos, end - pos));
    pos = end + 1;
  }
  return t;
}

std::string TokenIssuer::jwks() const {
  const auto& pk = key_.public_key();
  json::object k{{"kty", "OKP"},
                 {"crv", "Ed25519"},
                 {"x", base64url(std::string_view(reinterpret_cast<const char*>(pk.data()), pk.size()))},
                 {"kid", key_.key_id()},
                 {"alg", "EdDSA"},
                 {"use", "sig"}};
  return json::serialize(json::object{{"keys", json::array{std::move(k)}}});
}

}  // namespace ofpra::auth
