#pragma once
// "Je donne mon avis" (the Services Publics+ convention): a short question after a journey,
// in her language, answered without signing in and stored without identifying her.
#include "auth/rate_limit.hpp"
#include "http/message.hpp"
#include "web/visit.hpp"

namespace ofpra::web {

http::Response opinion_page(const Visit& visit);
// limit: opinions per address (may be null).
http::Response opinion_submit(const Visit& visit, auth::RateLimiter* limit);

}  // namespace ofpra::web
