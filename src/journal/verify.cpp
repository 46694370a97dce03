#include "journal/verify.hpp"

#include "journal/chain.hpp"
#include "journal/signer.hpp"

#include <boost/json.hpp>

#include <fstream>
#include <functional>
#include <map>

namespace ofpra::journal {
namespace {

using domain::JournalCheckpoint;
using Checkpoints = std::map<std::int64_t, JournalCheckpoint>;

// The chain walked entry by entry, against the signed checkpoints and head, wherever the
// entries come from (the store, or an export's lines).
class ChainCheck {
 public:
  ChainCheck(const Checkpoints& checkpoints, const std::optional<JournalCheckpoint>& head)
      : checkpoints_(checkpoints), head_(head) {}

  VerifyReport report;

  bool fail(std::int64_t seq, std::string problem) {
    if (report.intact) {
      report.intact = false;
      report.bad_seq = seq;
      report.problem = std::move(problem);
    }
    return false;
  }

  // One entry: its seq, its hash as recorded, and its hash recomputed after a given one.
  bool entry(std::int64_t seq, const std::string& recorded,
             const std::function<std::string(const std::string& prev)>& hash_after) {
    if (expected_ == 0) {
      // The first entry remaining: the chain's start, or anchored by a checkpoint after a purge.
      report.first_seq = seq;
      if (seq == 1) {
        running_ = domain::journal_genesis_hash;
      } else if (auto it = checkpoints_.find(seq - 1); it != checkpoints_.end()) {
        running_ = it->second.hash;
      } else {
        return fail(seq, "entries before entry " + std::to_string(seq) +
                             " were removed without a checkpoint anchoring what remains");
      }
      expected_ = seq;
    }
    if (seq != expected_)
      return fail(expected_,
                  "entry " + std::to_string(expected_) + " is missing (the next entry is " + std::to_string(seq) + ")");
    // The hash covers the entry's seq and the hash before it: an entry altered, inserted or
    // moved fails here.
    if (hash_after(running_) != recorded)
      return fail(seq, "entry " + std::to_string(seq) + " was altered, inserted or moved after it was written");
    running_ = recorded;
    if (auto it = checkpoints_.find(seq); it != checkpoints_.end() && it->second.hash != running_)
      return fail(seq, "entry " + std::to_string(seq) + " does not match its signed checkpoint");
    ++report.entries;
    report.last_seq = seq;
    ++expected_;
    return true;
  }

  // What the signatures say the journal holds, against what was read. An export may end
  // before the head (a period asked): then its last checkpoint is its last signed word.
  VerifyReport finish(bool head_required) {
    if (!report.intact) return report;
    std::int64_t last = report.last_seq;
    if (report.entries == 0 && !checkpoints_.empty()) {
      last = checkpoints_.rbegin()->first;  // everything purged: the anchor is the last word
      running_ = checkpoints_.rbegin()->second.hash;
    }
    if (head_) {
      const auto& h = *head_;
      if (h.seq > last) {
        fail(last + 1, "entries " + std::to_string(last + 1) + " to " + std::to_string(h.seq) +
                           " are missing: the signed head of the journal is at entry " + std::to_string(h.seq));
      } else if (h.seq < last) {
        fail(h.seq + 1, "entry " + std::to_string(h.seq + 1) + " was added after the signed head of the journal");
      } else if (h.hash != running_) {
        fail(h.seq, "entry " + std::to_string(h.seq) + " does not match the signed head of the journal");
      }
    } else if (head_required && last > 0) {
      fail(last, "the signed head of the journal is missing");
    }
    if (report.intact && !checkpoints_.empty() && checkpoints_.rbegin()->first > last)
      fail(last + 1, "entries after entry " + std::to_string(last) + " are missing: a checkpoint covers entry " +
                         std::to_string(checkpoints_.rbegin()->first));
    if (report.intact && !head_) {
      const std::int64_t signed_through = checkpoints_.empty() ? 0 : checkpoints_.rbegin()->first;
      report.unsigned_tail = report.last_seq > signed_through ? report.last_seq - signed_through : 0;
    }
    return report;
  }

 private:
  const Checkpoints& checkpoints_;
  const std::optional<JournalCheckpoint>& head_;
  std::int64_t expected_ = 0;  // next seq expected; 0 before the first entry
  std::string running_;
};

std::optional<JournalCheckpoint> checkpoint_of(const boost::json::value& v) {
  const auto* o = v.if_object();
  if (!o) return std::nullopt;
  auto text = [&](std::string_view k) -> std::optional<std::string> {
    const auto* f = o->if_contains(k);
    if (!f || !f->is_string()) return std::nullopt;
    return std::string(f->get_string());
  };
  const auto* seq = o->if_contains("seq");
  auto hash = text("hash"), signed_at = text("signed_at"), key_id = text("key_id"), signature = text("signature");
  if (!seq || !seq->is_int64() || !hash || !signed_at || !key_id || !signature) return std::nullopt;
  return JournalCheckpoint{seq->get_int64(), *hash, *signed_at, *key_id, *signature};
}

// An entry line: its canonical form and the two hashes after it (export.cpp writes it so).
struct EntryLine {
  std::int64_t seq = 0;
  std::string canonical;
  std::string prev_hash;
  std::string hash;
};

std::optional<EntryLine> entry_of(std::string_view line) {
  constexpr std::string_view prev_key = ",\"prev_hash\":\"";
  const auto at = line.rfind(prev_key);
  if (at == std::string_view::npos || line.size() != at + prev_key.size() + 140) return std::nullopt;
  const auto tail = line.substr(at + prev_key.size());
  if (tail.substr(64, 10) != "\",\"hash\":\"" || tail.substr(138) != "\"}") return std::nullopt;
  EntryLine e;
  e.canonical = std::string(line.substr(0, at)) + "}";
  e.prev_hash = std::string(tail.substr(0, 64));
  e.hash = std::string(tail.substr(74, 64));
  boost::system::error_code ec;
  const auto v = boost::json::parse(e.canonical, ec);
  const auto* seq = ec || !v.is_object() ? nullptr : v.get_object().if_contains("seq");
  if (!seq || !seq->is_int64()) return std::nullopt;
  e.seq = seq->get_int64();
  return e;
}

}  // namespace

domain::Result<VerifyReport> verify(store::JournalStore& store, const std::optional<std::string>& trusted_public_key) {
  auto list = store.checkpoints();
  if (!list) return list.error();
  auto head = store.head();
  if (!head) return head.error();
  Checkpoints checkpoints;
  for (auto& c : *list) checkpoints.emplace(c.seq, std::move(c));
  ChainCheck k(checkpoints, *head);
  k.report.trusted_key = trusted_public_key.has_value();
  k.report.checkpoints = static_cast<std::int64_t>(checkpoints.size());

  // trusted: the key from the keys folder; else the keys the database recorded.
  auto signed_well = [&](const JournalCheckpoint& c) -> domain::Result<bool> {
    if (trusted_public_key) return verify_checkpoint(c, *trusted_public_key);
    auto key = store.key(c.key_id);
    if (!key) return key.error();
    return *key && verify_checkpoint(c, **key);
  };
  for (const auto& [seq, c] : checkpoints) {
    auto ok = signed_well(c);
    if (!ok) return ok.error();
    if (!*ok) k.fail(seq, "the checkpoint at entry " + std::to_string(seq) + " has an invalid signature");
  }
  if (*head) {
    auto ok = signed_well(**head);
    if (!ok) return ok.error();
    if (!*ok) k.fail((*head)->seq, "the signed head of the journal has an invalid signature");
  }
  auto s = store.scan(0, [&](domain::JournalEntry&& e) {
    return k.entry(e.seq, e.hash, [&e](const std::string& prev) { return chain_hash(prev, e); });
  });
  if (!s) return s.error();
  return k.finish(true);
}

domain::Result<VerifyReport> verify_export(const std::filesystem::path& file, const std::string& public_key_hex) {
  // Two readings: the signatures first (written after the entries they cover), then the chain.
  Checkpoints checkpoints;
  std::optional<JournalCheckpoint> head;
  std::int64_t line_number = 0;
  {
    std::ifstream in(file);
    if (!in) return domain::unavailable_error("cannot read " + file.string());
    for (std::string line; std::getline(in, line);) {
      ++line_number;
      if (!line.starts_with("{\"checkpoint\":") && !line.starts_with("{\"head\":")) continue;
      boost::system::error_code ec;
      const auto v = boost::json::parse(line, ec);
      const auto* o = ec ? nullptr : v.if_object();
      const auto* inner = o && o->size() == 1 ? &o->begin()->value() : nullptr;
      auto c = inner ? checkpoint_of(*inner) : std::nullopt;
      if (!c) return domain::Error{"line " + std::to_string(line_number) + " is not a readable checkpoint", "export"};
      if (o->begin()->key() == "head")
        head = std::move(*c);
      else
        checkpoints.emplace(c->seq, std::move(*c));
    }
  }
  ChainCheck k(checkpoints, head);
  k.report.trusted_key = true;
  k.report.checkpoints = static_cast<std::int64_t>(checkpoints.size());
  for (const auto& [seq, c] : checkpoints)
    if (!verify_checkpoint(c, public_key_hex))
      k.fail(seq, "the checkpoint at entry " + std::to_string(seq) + " has an invalid signature");
  if (head && !verify_checkpoint(*head, public_key_hex))
    k.fail(head->seq, "the signed head of the journal has an invalid signature");

  std::ifstream in(file);
  if (!in) return domain::unavailable_error("cannot read " + file.string());
  line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    if (line.starts_with("{\"checkpoint\":") || line.starts_with("{\"head\":")) continue;
    const auto e = entry_of(line);
    if (!e) return domain::Error{"line " + std::to_string(line_number) + " is not a journal entry", "export"};
    const bool ok = k.entry(e->seq, e->hash, [&e](const std::string& prev) {
      return prev == e->prev_hash ? sha256_hex(prev + "\n" + e->canonical) : std::string();
    });
    if (!ok) break;
  }
  // A whole export ends at the signed head; one of a period at its last checkpoint.
  return k.finish(false);
}

}  // namespace ofpra::journal
