#pragma once
// From the message Beast parsed to the plain Request handlers see, with the checks of RFC 9112
// that Beast leaves to its user. The server and the fuzz target that plays its part both read
// requests through here, so that what is fuzzed is what is served.
#include "http/message.hpp"
#include "http/trusted_proxies.hpp"

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include <string_view>

namespace ofpra::http {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;

// Why the request's framing is refused (RFC 9112 §3.2, §6.3), or empty when it is sound: an
// HTTP/1.1 request names exactly one host, and a transfer coding that does not end in chunked
// leaves the body's end unknown (request smuggling lives there).
std::string_view framing_problem(const BeastRequest& in);

// A client's X-Request-Id is kept when it is short and plain; otherwise the server makes one.
bool valid_request_id(std::string_view id);

// The request as handlers see it, its body moved out of `in`. request_id is the client's when
// valid, else empty (the server names it). The client's address is the peer's, or behind a
// trusted proxy the one its X-Forwarded-For names.
Request to_request(BeastRequest& in, std::string_view peer, const TrustedProxies& proxies);

}  // namespace ofpra::http
