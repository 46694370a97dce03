#pragma once
// "S'identifier avec FranceConnect": to the provider, back from it, and her one confirmation
// with her OFPRA number (service/franceconnect.hpp says when an identity is linked).
#include "http/message.hpp"
#include "web/visit.hpp"

namespace ofpra::web {

http::Response franceconnect_go(const Visit& visit);
http::Response franceconnect_back(const Visit& visit);
http::Response franceconnect_confirm_submit(const Visit& visit);

}  // namespace ofpra::web
