#include "service/introspection.hpp"

namespace ofpra::service {
namespace {

domain::Result<bool> client_active(AccessCache& access, const std::string& client_id) {
  auto client = access.current(client_id);
  if (!client) return client.error();
  return *client && (*client)->client.active();
}

}  // namespace

domain::Result<Introspection> introspect(AccessCache& access, const auth::AccessToken& caller,
                                         const std::optional<auth::AccessToken>& asked) {
  Introspection out;
  auto allowed = client_active(access, caller.client_id);
  if (!allowed) return allowed.error();
  out.caller_allowed = *allowed;
  if (!out.caller_allowed || !asked || asked->siret != caller.siret) return out;
  auto active = client_active(access, asked->client_id);
  if (!active) return active.error();
  if (*active) out.active = asked;
  return out;
}

}  // namespace ofpra::service
