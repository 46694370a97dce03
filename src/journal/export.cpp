#include "journal/export.hpp"

#include <boost/json.hpp>

namespace ofpra::journal {

std::string to_json(const domain::JournalEntry& e) {
  boost::json::object o;
  o["seq"] = e.seq;
  o["recorded_at"] = e.recorded_at;
  o["channel"] = e.channel;
  o["partner_siret"] = e.partner_siret;
  o["client_id"] = e.client_id;
  o["agent"] = e.agent;
  o["recipient_siret"] = e.recipient_siret;
  o["purpose"] = e.purpose;
  o["consent_ref"] = e.consent_ref;
  o["scopes_asked"] = boost::json::array(e.scopes_asked.begin(), e.scopes_asked.end());
  o["scopes_given"] = boost::json::array(e.scopes_given.begin(), e.scopes_given.end());
  o["person"] = e.person;
  o["result"] = e.result;
  o["refusal_code"] = e.refusal_code;
  o["request_hash"] = e.request_hash;
  o["prev_hash"] = e.prev_hash;
  o["hash"] = e.hash;
  return boost::json::serialize(o);
}

domain::Result<std::uint64_t> export_jsonl(store::JournalStore& store, std::ostream& out, const std::string& from,
                                           const std::string& to) {
  std::uint64_t n = 0;
  auto s = store.scan(0, [&](domain::JournalEntry&& e) {
    if (!to.empty() && e.recorded_at >= to) return false;  // recorded_at grows with seq
    if (!from.empty() && e.recorded_at < from) return true;
    out << to_json(e) << '\n';
    ++n;
    return static_cast<bool>(out);
  });
  if (!s) return s.error();
  if (!out) return domain::Error{"the output could not be written", "file"};
  return n;
}

}  // namespace ofpra::journal
