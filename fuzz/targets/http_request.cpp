// The bytes of a connection, read as the server reads them: Beast's parser with the server's
// limits, our framing checks, the plain Request, then what handlers read from it (cookies,
// forms, the query). Several requests may follow one another on the same bytes (keep-alive).
#include "../fuzz_check.hpp"
#include "http/cookies.hpp"
#include "http/form.hpp"
#include "http/request_reading.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace bhttp = boost::beast::http;
using namespace ofpra::http;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto proxies = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8, ::1").value();
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  for (int requests = 0; !rest.empty() && requests < 8; ++requests) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024);
    parser.header_limit(8 * 1024);
    parser.eager(true);
    boost::system::error_code ec;
    for (;;) {
      const auto used = parser.put(boost::asio::buffer(rest.data(), rest.size()), ec);
      rest.remove_prefix(used);
      // The bytes end here: what a connection closing now would give.
      if (ec == bhttp::error::need_more || (!ec && used == 0 && !parser.is_done())) {
        if (used == 0 || rest.empty()) {
          parser.put_eof(ec);
          break;
        }
        ec = {};
        continue;
      }
      if (ec || parser.is_done()) break;
    }
    if (ec || !parser.is_done()) return 0;
    auto& in = parser.get();
    if (!framing_problem(in).empty()) return 0;
    const bool keep_alive = in.keep_alive();
    const auto req = to_request(in, "10.0.0.1", proxies);
    FUZZ_CHECK(req.path.find('?') == std::string::npos);
    FUZZ_CHECK(!req.client_address.empty());
    FUZZ_CHECK(req.request_id.empty() || valid_request_id(req.request_id));
    (void)cookie(req, "session");
    (void)percent_decode(req.query, true);
    if (const auto form = parse_form(req.body))
      for (const auto& [name, value] : *form) FUZZ_CHECK(!name.empty() || value.size() <= req.body.size());
    (void)parse_form(req.query);
    if (!keep_alive) break;
  }
  return 0;
}
