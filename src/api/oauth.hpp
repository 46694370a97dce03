#pragma once
// POST /oauth/token (client credentials, client_secret_basic) and GET /.well-known/jwks.json.
// Thin: parsing and HTTP shapes here, the grant in service/tokens.
#include "env/task_pool.hpp"
#include "http/router.hpp"
#include "service/tokens.hpp"

namespace ofpra::api {

struct OAuthContext {
  const service::TokenContext& tokens;
  // The token endpoint's own pool, bounded: argon2id and the store run there, never on an io
  // thread, and a flood of bogus token requests is refused (503) instead of stalling the pages'
  // pool or waiting in an endless queue.
  env::TaskPool& pool;
};

void add_oauth_routes(http::Router& router, const OAuthContext& context);

// The OAuth answer to a token request (RFC 6749 §5.1 and §5.2); blocking.
http::Response token_response(const http::Request& request, const OAuthContext& context);

}  // namespace ofpra::api
