#pragma once
// The counter (/guichet): partner agents signed in with ProConnect check a situation in a page,
// through the door as CounterAgents (service/counter.hpp). French only, like ProConnect's agents'
// services; nothing of a result stays in the browser (no-store, nothing in the address).
#include "http/router.hpp"
#include "web/portal.hpp"

namespace ofpra::web {

// Routes capture the context, which must outlive the router. Without a counter in the
// context, /guichet says that the counter is not open on this server.
void add_counter_routes(http::Router& router, const PortalContext& context);

}  // namespace ofpra::web
