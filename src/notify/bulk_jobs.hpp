#pragma once
// Bulk verifications (docs/BULK.md): a partner sends up to 100,000 requests at once, each line as
// POST /api/v1/verifications takes it; a worker asks the door for each one as that partner's
// client, and the answer or refusal is kept as the journal entry's receipt, in the entry's
// transaction. So after any crash an item is answered and journaled exactly once: an item with a
// receipt is done, one without is asked again. Items take at most half of the partner's rate
// limit in each window: its interactive requests are never starved behind a job.
#include "auth/rate_limit.hpp"
#include "env/clock.hpp"
#include "env/random.hpp"
#include "env/wakeable_loop.hpp"
#include "service/answer.hpp"
#include "service/caller.hpp"
#include "service/disclosure.hpp"
#include "service/refusal.hpp"
#include "store/database.hpp"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ofpra::notify {

inline constexpr std::size_t max_bulk_items = 100'000;
// A request's own limit on POST /api/v1/verifications (its default body limit).
inline constexpr std::size_t max_bulk_line_bytes = 64 * 1024;

struct BulkContext {
  const service::DoorContext& door;
  store::Database& db;
  auth::RateLimiter& limits;  // the partners' own, shared with their interactive requests
  env::Random& random;
  std::string node;  // this node's name (host and port): a job it held before a restart is its own
  std::chrono::hours keep_results{24 * 7};  // after the job ends
};

// The job of the body's requests (one per line, blank lines skipped), accepted for that partner's
// client; a refusal (400, no journal: nothing was asked of the door yet) when it holds none, more
// than max_bulk_items, or a line longer than a request may be, or when the store fails.
std::variant<store::BulkJob, service::Refusal> accept_job(const BulkContext& c, const service::PartnerClient& caller,
                                                          std::string_view body);

struct JobProgress {
  store::BulkJob job;
  std::int64_t answered = 0;
};
// The caller's partner's job with that id; nullopt for any other (another partner's is unknown).
domain::Result<std::optional<JobProgress>> job_progress(const BulkContext& c, const service::PartnerClient& caller,
                                                        const std::string& id);

using Outcome = std::variant<service::Answer, service::Refusal>;
// Each item's outcome in request order (an answer carries its journal reference).
domain::Status visit_results(const BulkContext& c, const store::BulkJob& job,
                             const std::function<void(const Outcome&)>& visit);

// The worker: one thread, jobs taken in turn a slice at a time, oldest first.
class BulkRunner {
 public:
  explicit BulkRunner(const BulkContext& context, std::chrono::milliseconds idle_period = std::chrono::seconds(1));
  ~BulkRunner();
  void start() { loop_.start(); }
  // Finishes the items in flight, then stops.
  void stop() { loop_.stop(); }
  // A job was accepted: look now rather than at the end of the idle period.
  void wake() { loop_.wake(); }

 private:
  struct JobState;
  bool pass();
  bool advance(const store::BulkJob& job, JobState& state);
  void forget_ended_jobs();

  const BulkContext& c_;
  std::map<std::string, std::unique_ptr<JobState>> jobs_;  // the runner's thread only
  std::chrono::steady_clock::time_point forgotten_{};
  env::WakeableLoop loop_;  // last: stopped before the rest goes
};

}  // namespace ofpra::notify
