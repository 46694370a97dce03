#include "journal/export.hpp"

#include "journal/chain.hpp"

namespace ofpra::journal {

std::string to_json(const domain::JournalEntry& e) {
  // The canonical form the chain hashes, plus the hashes: an auditor recomputes the chain
  // from these very bytes.
  auto out = canonical(e);
  out.pop_back();
  out += ",\"prev_hash\":\"" + e.prev_hash + "\",\"hash\":\"" + e.hash + "\"}";
  return out;
}

domain::Result<std::uint64_t> export_jsonl(store::JournalStore& store, std::ostream& out, const std::string& from,
                                           const std::string& to) {
  std::uint64_t n = 0;
  std::int64_t start = 0;
  if (!from.empty()) {
    auto before = store.last_seq_before(from);
    if (!before) return before.error();
    start = *before + 1;
  }
  auto s = store.scan(start, [&](domain::JournalEntry&& e) {
    if (!to.empty() && e.recorded_at >= to) return false;  // recorded_at grows with seq
    out << to_json(e) << '\n';
    ++n;
    return static_cast<bool>(out);
  });
  if (!s) return s.error();
  if (!out) return domain::Error{"the output could not be written", "file"};
  return n;
}

}  // namespace ofpra::journal
