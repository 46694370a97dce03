#include "journal/export.hpp"

#include "domain/json_text.hpp"
#include "journal/chain.hpp"

#include <map>

namespace ofpra::journal {

std::string to_json(const domain::JournalEntry& e) {
  // The canonical form the chain hashes, plus the hashes: an auditor recomputes the chain
  // from these very bytes.
  auto out = canonical(e);
  out.pop_back();
  out += ",\"prev_hash\":\"" + e.prev_hash + "\",\"hash\":\"" + e.hash + "\"}";
  return out;
}

std::string to_json(const domain::JournalCheckpoint& c, std::string_view kind) {
  std::string out = "{\"" + std::string(kind) + "\":{\"seq\":" + std::to_string(c.seq) + ",\"hash\":";
  domain::append_json_string(out, c.hash);
  out += ",\"signed_at\":";
  domain::append_json_string(out, c.signed_at);
  out += ",\"key_id\":";
  domain::append_json_string(out, c.key_id);
  out += ",\"signature\":";
  domain::append_json_string(out, c.signature);
  out += "}}";
  return out;
}

domain::Result<std::uint64_t> export_jsonl(store::JournalStore& store, std::ostream& out, const std::string& from,
                                           const std::string& to) {
  // The signatures are read first: the entries exported stop at the signed head, so that the
  // export ends on a signature even while the journal grows.
  auto list = store.checkpoints();
  if (!list) return list.error();
  auto head = store.head();
  if (!head) return head.error();
  std::map<std::int64_t, domain::JournalCheckpoint> checkpoints;
  for (auto& c : *list) checkpoints.emplace(c.seq, std::move(c));
  const std::int64_t through = *head ? (*head)->seq : 0;
  std::uint64_t n = 0;
  std::int64_t start = 0;
  if (!from.empty()) {
    auto before = store.last_seq_before(from);
    if (!before) return before.error();
    start = *before + 1;
  }
  std::int64_t last = 0;
  auto s = store.scan(start, [&](domain::JournalEntry&& e) {
    if (e.seq > through || (!to.empty() && e.recorded_at >= to)) return false;  // recorded_at grows with seq
    if (n == 0)  // what anchors the first entry, when entries before it were purged or left out
      if (auto it = checkpoints.find(e.seq - 1); it != checkpoints.end())
        out << to_json(it->second, "checkpoint") << '\n';
    out << to_json(e) << '\n';
    if (auto it = checkpoints.find(e.seq); it != checkpoints.end()) out << to_json(it->second, "checkpoint") << '\n';
    last = e.seq;
    ++n;
    return static_cast<bool>(out);
  });
  if (!s) return s.error();
  if (*head && last == through && n > 0) out << to_json(**head, "head") << '\n';
  if (!out) return domain::Error{"the output could not be written", "file"};
  return n;
}

}  // namespace ofpra::journal
