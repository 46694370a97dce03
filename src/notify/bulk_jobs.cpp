#include "notify/bulk_jobs.hpp"

#include "service/answer_codec.hpp"
#include "service/verification_request.hpp"

#include <cstdio>
#include <memory>

namespace ofpra::notify {
namespace {

using domain::Problem;

// Items asked of the door before the runner waits for their journal entries, and read per slice.
constexpr std::size_t in_flight_limit = 256;
constexpr std::size_t slice = 512;
constexpr auto lease = std::chrono::seconds(60);
constexpr auto forget_period = std::chrono::hours(1);

std::string key_prefix(const std::string& job) { return "lot:" + job + ":"; }
std::string key_end(const std::string& job) { return "lot:" + job + ";"; }  // ';' follows ':'
std::string item_key(const std::string& job, std::int64_t position) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "%06lld", static_cast<long long>(position));
  return key_prefix(job) + digits;
}
std::int64_t position_of(const std::string& key) { return std::stoll(key.substr(key.rfind(':') + 1)); }

// Whether the door wrote the outcome's journal entry (and so its receipt). The others come back
// before anything is written: the item is asked again later.
bool journaled(const service::Disclosure& d) {
  if (std::holds_alternative<service::Answer>(d)) return true;
  const auto* r = std::get_if<service::Refusal>(&d);
  return r && r->problem != Problem::unavailable && r->problem != Problem::journal_unavailable &&
         r->problem != Problem::shutting_down && r->problem != Problem::invalid_token;
}

bool client_gone(const service::Disclosure& d) {
  const auto* r = std::get_if<service::Refusal>(&d);
  return r && r->problem == Problem::invalid_token;
}

// The items of one slice, answered from the journal's thread.
struct Flight {
  std::mutex mutex;
  std::condition_variable landed;
  std::size_t in_flight = 0;
  std::vector<std::int64_t> done;
  std::vector<std::int64_t> again;  // decided in memory, they needed the store
  bool client_gone = false;
};

}  // namespace

std::variant<store::BulkJob, service::Refusal> accept_job(const BulkContext& c, const service::PartnerClient& caller,
                                                          std::string_view body) {
  std::vector<std::string> requests;
  for (std::size_t pos = 0; pos < body.size();) {
    auto end = body.find('\n', pos);
    if (end == std::string_view::npos) end = body.size();
    auto line = body.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = end + 1;
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    if (requests.size() == max_bulk_items)
      return service::Refusal{Problem::invalid_parameter, "Un lot compte au plus 100 000 demandes.", {}};
    if (line.size() > max_bulk_line_bytes)
      return service::Refusal{Problem::invalid_parameter,
                              "La demande n° " + std::to_string(requests.size() + 1) +
                                  " dépasse 64 Kio, la limite d'une demande : rien n'est accepté.",
                              {}};
    requests.emplace_back(line);
  }
  if (requests.empty())
    return service::Refusal{Problem::invalid_parameter, "Le lot ne contient aucune demande : une par ligne.", {}};
  store::BulkJob job;
  job.id = "lot_" + env::random_hex(c.random, 12);
  job.partner_siret = caller.token.siret;
  job.client_id = caller.token.client_id;
  job.scopes = caller.token.scopes;
  job.items = static_cast<std::int64_t>(requests.size());
  job.created_at = env::format_utc(c.door.clock.now());
  if (!c.db.bulk_jobs().create_job(job, requests)) return service::unavailable();
  return job;
}

domain::Result<std::optional<JobProgress>> job_progress(const BulkContext& c, const service::PartnerClient& caller,
                                                        const std::string& id) {
  auto job = c.db.bulk_jobs().find_job(id);
  if (!job) return job.error();
  if (!*job || (*job)->partner_siret != caller.token.siret) return std::optional<JobProgress>{};
  auto answered = c.db.journal().count_receipts(key_prefix(id), key_end(id));
  if (!answered) return answered.error();
  return std::optional<JobProgress>{JobProgress{std::move(**job), *answered}};
}

domain::Status visit_results(const BulkContext& c, const store::BulkJob& job,
                             const std::function<void(const Outcome&)>& visit) {
  constexpr std::size_t page = 2000;
  for (auto from = key_prefix(job.id);;) {
    auto receipts = c.db.journal().receipts(from, key_end(job.id), page);
    if (!receipts) return receipts.error();
    for (const auto& r : *receipts) {
      auto outcome = service::decode_outcome(r.payload);
      if (!outcome) return domain::unavailable_error("a bulk job's answer could not be read back");
      if (auto* answer = std::get_if<service::Answer>(&*outcome)) answer->reference = r.seq;
      visit(*outcome);
    }
    if (receipts->size() < page) return domain::success();
    from = receipts->back().key + '\x01';  // just after the last one read
  }
}

struct BulkRunner::JobState {
  bool loaded = false;
  std::vector<bool> done;
  std::int64_t remaining = 0;
  std::int64_t cursor = 0;
  std::chrono::steady_clock::time_point throttled_until{};
};

BulkRunner::BulkRunner(const BulkContext& context, std::chrono::milliseconds idle_period)
    : c_(context), loop_("bulk", idle_period, [this] { return pass(); }) {}

BulkRunner::~BulkRunner() { loop_.stop(); }

bool BulkRunner::pass() {
  bool progressed = false;
  if (auto jobs = c_.db.bulk_jobs().running_jobs()) {
    std::map<std::string, std::unique_ptr<JobState>> kept;
    for (const auto& job : *jobs) {
      auto& state = jobs_[job.id];
      if (!state) state = std::make_unique<JobState>();
      progressed = advance(job, *state) || progressed;
      kept[job.id] = std::move(state);
    }
    jobs_ = std::move(kept);  // jobs that ended, here or on another node, are forgotten
  }
  if (std::chrono::steady_clock::now() - forgotten_ > forget_period) {
    forget_ended_jobs();
    forgotten_ = std::chrono::steady_clock::now();
  }
  return progressed;
}

bool BulkRunner::advance(const store::BulkJob& job, JobState& state) {
  const auto now = c_.door.clock.now();
  auto claimed = c_.db.bulk_jobs().claim_job(job.id, c_.node, env::format_utc(now + lease), env::format_utc(now));
  if (!claimed || !*claimed) return false;
  if (!state.loaded) {
    state.done.assign(static_cast<std::size_t>(job.items), false);
    state.remaining = job.items;
    for (auto from = key_prefix(job.id);;) {
      auto receipts = c_.db.journal().receipts(from, key_end(job.id), 5000);
      if (!receipts) return false;
      for (const auto& r : *receipts) {
        const auto position = position_of(r.key);
        if (position >= 0 && position < job.items && !state.done[static_cast<std::size_t>(position)]) {
          state.done[static_cast<std::size_t>(position)] = true;
          --state.remaining;
        }
      }
      if (receipts->size() < 5000) break;
      from = receipts->back().key + '\x01';
    }
    state.loaded = true;
  }
  if (state.remaining == 0) {
    (void)c_.db.bulk_jobs().end_job(job.id, store::BulkJobState::finished, env::format_utc(now));
    return true;
  }
  if (std::chrono::steady_clock::now() < state.throttled_until) return false;
  auto items = c_.db.bulk_jobs().job_items(job.id, state.cursor, slice);
  if (!items) return false;
  if (items->empty()) {
    state.cursor = 0;  // the items not answered yet are asked again from the start
    return false;
  }
  const service::PartnerClient caller{auth::AccessToken{job.client_id, job.partner_siret, job.scopes, {}, 0, 0},
                                      "lot:" + job.id};
  const auto reserve = c_.limits.limit() / 2;
  auto flight = std::make_shared<Flight>();
  std::map<std::int64_t, const std::string*> requests;
  // Asked as the API asks: decided in memory first (no store read for most items), again with
  // the store for those that need it.
  auto ask = [&](std::int64_t position, const std::string& request, service::Reads reads) {
    {
      std::unique_lock lock(flight->mutex);
      flight->landed.wait(lock, [&] { return flight->in_flight < in_flight_limit; });
      ++flight->in_flight;
    }
    auto landed = [flight, position](service::Disclosure d) {
      std::lock_guard lock(flight->mutex);
      if (std::holds_alternative<service::DecideAgain>(d)) flight->again.push_back(position);
      if (journaled(d)) flight->done.push_back(position);
      if (client_gone(d)) flight->client_gone = true;
      --flight->in_flight;
      if (flight->in_flight + 1 == in_flight_limit || flight->in_flight == 0) flight->landed.notify_all();
    };
    const auto key = item_key(job.id, position);
    auto parsed = service::parse_verification_request(request);
    if (auto* r = std::get_if<service::DisclosureRequest>(&parsed)) {
      r->receipt_key = key;
      service::disclose(c_.door, caller, *r, reads, landed);
    } else {
      service::refuse_unreadable(c_.door, caller, std::get<service::Refusal>(parsed), request, reads, landed, key);
    }
  };
  for (const auto& [position, request] : *items) {
    if (state.done[static_cast<std::size_t>(position)]) {
      state.cursor = position + 1;
      continue;
    }
    const auto allowed = c_.limits.take_leaving(job.partner_siret, reserve);
    if (!allowed.allowed) {
      state.throttled_until =
          std::chrono::steady_clock::now() + std::chrono::seconds(std::max<std::int64_t>(allowed.reset_seconds, 1));
      break;
    }
    state.cursor = position + 1;
    requests[position] = &request;
    ask(position, request, service::Reads::memory_only);
  }
  std::vector<std::int64_t> again;
  {
    std::unique_lock lock(flight->mutex);
    flight->landed.wait(lock, [&] { return flight->in_flight == 0; });
    again.swap(flight->again);
  }
  for (auto position : again) ask(position, *requests[position], service::Reads::store);
  std::unique_lock lock(flight->mutex);
  flight->landed.wait(lock, [&] { return flight->in_flight == 0; });
  for (auto position : flight->done) {
    state.done[static_cast<std::size_t>(position)] = true;
    --state.remaining;
  }
  if (flight->client_gone)
    (void)c_.db.bulk_jobs().end_job(job.id, store::BulkJobState::interrupted, env::format_utc(c_.door.clock.now()));
  return !flight->done.empty();
}

void BulkRunner::forget_ended_jobs() {
  const auto before = env::format_utc(c_.door.clock.now() - c_.keep_results);
  auto ended = c_.db.bulk_jobs().jobs_ended_before(before);
  if (!ended) return;
  for (const auto& id : *ended)
    if (c_.db.journal().delete_receipts(key_prefix(id), key_end(id))) (void)c_.db.bulk_jobs().delete_job(id);
}

}  // namespace ofpra::notify
