#pragma once
// Token introspection's rules (RFC 7662): a partner learns about its own administration's
// tokens only. Any other token, valid or not, is inactive to it, so that one partner learns
// nothing of another's.
#include "auth/tokens.hpp"
#include "service/access_cache.hpp"

#include <optional>

namespace ofpra::service {

struct Introspection {
  bool caller_allowed = false;              // the asking client still exists and is not revoked
  std::optional<auth::AccessToken> active;  // the token asked about, when it is active to the caller
};

// caller: the asking client's verified token; asked: the token asked about, when its signature
// and lifetime are valid. Blocking (a client's access may be read from the store).
domain::Result<Introspection> introspect(AccessCache& access, const auth::AccessToken& caller,
                                         const std::optional<auth::AccessToken>& asked);

}  // namespace ofpra::service
