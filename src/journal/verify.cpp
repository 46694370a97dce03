#include "journal/verify.hpp"

#include "journal/chain.hpp"
#include "journal/signer.hpp"

#include <map>

namespace ofpra::journal {
namespace {

using domain::JournalCheckpoint;

struct Checker {
  store::JournalStore& store;
  const std::optional<std::string>& trusted;
  VerifyReport report;

  bool fail(std::int64_t seq, std::string problem) {
    if (report.intact) {
      report.intact = false;
      report.bad_seq = seq;
      report.problem = std::move(problem);
    }
    return false;
  }

  domain::Result<bool> signed_well(const JournalCheckpoint& c) {
    if (trusted) return verify_checkpoint(c, *trusted);
    auto key = store.key(c.key_id);
    if (!key) return key.error();
    return *key && verify_checkpoint(c, **key);
  }
};

}  // namespace

domain::Result<VerifyReport> verify(store::JournalStore& store, const std::optional<std::string>& trusted_public_key) {
  Checker k{store, trusted_public_key, {}};
  k.report.trusted_key = trusted_public_key.has_value();
  auto list = store.checkpoints();
  if (!list) return list.error();
  auto head = store.head();
  if (!head) return head.error();
  std::map<std::int64_t, JournalCheckpoint> checkpoints;
  for (auto& c : *list) {
    auto ok = k.signed_well(c);
    if (!ok) return ok.error();
    if (!*ok) k.fail(c.seq, "the checkpoint at entry " + std::to_string(c.seq) + " has an invalid signature");
    checkpoints.emplace(c.seq, std::move(c));
  }
  k.report.checkpoints = static_cast<std::int64_t>(checkpoints.size());
  if (*head) {
    auto ok = k.signed_well(**head);
    if (!ok) return ok.error();
    if (!*ok) k.fail((*head)->seq, "the signed head of the journal has an invalid signature");
  }

  std::int64_t expected = 0;  // next seq expected; 0 before the first entry
  std::string running;
  auto s = store.scan(0, [&](domain::JournalEntry&& e) {
    if (expected == 0) {
      // The first entry remaining: the chain's start, or anchored by a checkpoint after a purge.
      k.report.first_seq = e.seq;
      if (e.seq == 1) {
        running = domain::journal_genesis_hash;
      } else if (auto it = checkpoints.find(e.seq - 1); it != checkpoints.end()) {
        running = it->second.hash;
      } else {
        return k.fail(e.seq, "entries before entry " + std::to_string(e.seq) +
                                 " were removed without a checkpoint anchoring what remains");
      }
      expected = e.seq;
    }
    if (e.seq != expected)
      return k.fail(expected, "entry " + std::to_string(expected) + " is missing (the next entry is " +
                                  std::to_string(e.seq) + ")");
    // The hash covers the entry's seq and the hash before it: an entry altered, inserted or
    // moved fails here.
    if (chain_hash(running, e) != e.hash)
      return k.fail(e.seq, "entry " + std::to_string(e.seq) + " was altered, inserted or moved after it was written");
    running = e.hash;
    if (auto it = checkpoints.find(e.seq); it != checkpoints.end() && it->second.hash != running)
      return k.fail(e.seq, "entry " + std::to_string(e.seq) + " does not match its signed checkpoint");
    ++k.report.entries;
    k.report.last_seq = e.seq;
    ++expected;
    return true;
  });
  if (!s) return s.error();
  if (!k.report.intact) return k.report;

  // What the signatures say the journal holds, against what it holds.
  std::int64_t last = k.report.last_seq;
  if (k.report.entries == 0 && !checkpoints.empty()) {
    last = checkpoints.rbegin()->first;  // everything purged: the anchor is the last word
    running = checkpoints.rbegin()->second.hash;
  }
  if (*head) {
    const auto& h = **head;
    if (h.seq > last) {
      k.fail(last + 1, "entries " + std::to_string(last + 1) + " to " + std::to_string(h.seq) +
                           " are missing: the signed head of the journal is at entry " + std::to_string(h.seq));
    } else if (h.seq < last) {
      k.fail(h.seq + 1, "entry " + std::to_string(h.seq + 1) + " was added after the signed head of the journal");
    } else if (h.hash != running) {
      k.fail(h.seq, "entry " + std::to_string(h.seq) + " does not match the signed head of the journal");
    }
  } else if (last > 0) {
    k.fail(last, "the signed head of the journal is missing");
  }
  if (k.report.intact && !checkpoints.empty() && checkpoints.rbegin()->first > last)
    k.fail(last + 1, "entries after entry " + std::to_string(last) + " are missing: a checkpoint covers entry " +
                         std::to_string(checkpoints.rbegin()->first));
  return k.report;
}

}  // namespace ofpra::journal
