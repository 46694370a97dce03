#pragma once
// /statistiques (docs/STATISTICS.md): the public figures, with each chart drawn on the server as
// SVG beside a table of the same figures, in the visitor's language; no sign-in.
#include "http/message.hpp"
#include "web/visit.hpp"

namespace ofpra::web {

http::Response statistics_page(const Visit& visit);

}  // namespace ofpra::web
