#include "api/journal_key.hpp"

#include "http/errors.hpp"

#include <boost/json.hpp>

namespace ofpra::api {

void add_journal_key_route(http::Router& router, const JournalKey& key) {
  router.get("/.well-known/ofpra-journal-key.json", "journal_key", [&key](const http::Request&) {
    auto r = http::json_response(200, boost::json::serialize(boost::json::object{
                                          {"algorithm", "Ed25519"},
                                          {"key_id", key.key_id},
                                          {"public_key_hex", key.public_key_hex},
                                          {"signs", "journal checkpoints and the signed head (docs/JOURNAL.md)"}}));
    r.set_header("Cache-Control", "public, max-age=300");
    return r;
  });
}

}  // namespace ofpra::api
