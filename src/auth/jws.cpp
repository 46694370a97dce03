#include "auth/jws.hpp"

#include <sodium.h>
#include <boost/json.hpp>

namespace ofpra::auth {

std::string base64url(std::string_view bytes) {
  if (sodium_init() < 0) return {};
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

domain::Result<std::string> base64url_decode(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t len = 0;
  if (sodium_init() < 0 ||
      sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &len, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
    return domain::Error{"not base64url", "token"};
  out.resize(len);
  return out;
}

std::string jws_sign(std::string_view header_json, std::string_view payload_json, const Ed25519Key& key) {
  std::string signing_input = base64url(header_json) + "." + base64url(payload_json);
  const auto sig = key.sign(signing_input);
  return signing_input + "." + base64url(sig);
}

domain::Result<JwsParts> jws_verify(std::string_view token, const std::array<std::uint8_t, 32>& key) {
  const auto dot1 = token.find('.');
  const auto dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos)
    return domain::Error{"not a compact JWS", "token"};
  auto header = base64url_decode(token.substr(0, dot1));
  auto payload = base64url_decode(token.substr(dot1 + 1, dot2 - dot1 - 1));
  auto signature = base64url_decode(token.substr(dot2 + 1));
  if (!header || !payload || !signature) return domain::Error{"not a compact JWS", "token"};
  boost::system::error_code ec;
  auto h = boost::json::parse(*header, ec);
  if (ec || !h.is_object()) return domain::Error{"the JWS header is not a JSON object", "token"};
  const auto* alg = h.get_object().if_contains("alg");
  if (!alg || !alg->is_string() || alg->get_string() != "EdDSA")
    return domain::Error{"only EdDSA is accepted", "token"};
  if (!ed25519_verify(token.substr(0, dot2), *signature, key)) return domain::Error{"bad signature", "token"};
  return JwsParts{std::move(*header), std::move(*payload)};
}

}  // namespace ofpra::auth
