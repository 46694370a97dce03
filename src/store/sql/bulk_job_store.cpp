#include "store/sql/bulk_queries.hpp"
#include "store/sql/stores.hpp"

#include <array>

namespace ofpra::store::sql {
namespace {

constexpr std::array<std::string_view, 3> state_words{"en_cours", "termine", "interrompu"};

std::string_view word_of(BulkJobState state) { return state_words[static_cast<std::size_t>(state)]; }

BulkJob job_from_row(const Row& r) {
  BulkJob j;
  j.id = r.text(0);
  j.partner_siret = r.text(1);
  j.client_id = r.text(2);
  for (std::size_t pos = 0; pos < r.text(3).size();) {
    const auto end = std::min(r.text(3).find(' ', pos), r.text(3).size());
    if (end > pos) j.scopes.push_back(r.text(3).substr(pos, end - pos));
    pos = end + 1;
  }
  j.items = r.int64(4);
  j.created_at = r.text(5);
  j.finished_at = r.text(6);
  for (std::size_t i = 0; i < state_words.size(); ++i)
    if (r.text(7) == state_words[i]) j.state = static_cast<BulkJobState>(i);
  return j;
}

}  // namespace

Status SqlBulkJobStore::create_job(const BulkJob& job, const std::vector<std::string>& requests) {
  std::string scopes;
  for (const auto& s : job.scopes) scopes += (scopes.empty() ? "" : " ") + s;
  return db_.transaction(Mode::write, [&](Executor& tx) -> Status {
    auto r =
        tx.run(queries::insert_bulk_job, {job.id, job.partner_siret, job.client_id, scopes, job.items, job.created_at});
    if (!r) return r.error();
    std::vector<std::vector<Value>> rows;
    constexpr std::size_t chunk = 5000;
    for (std::size_t i = 0; i < requests.size(); ++i) {
      rows.push_back({job.id, static_cast<std::int64_t>(i), requests[i]});
      if (rows.size() == chunk || i + 1 == requests.size()) {
        if (auto s = tx.insert_many(queries::bulk_item_table, queries::bulk_item_columns, rows); !s) return s;
        rows.clear();
      }
    }
    return domain::success();
  });
}

Result<std::optional<BulkJob>> SqlBulkJobStore::find_job(const std::string& id) {
  return first<BulkJob>(db_.query(queries::select_bulk_job, {id}), job_from_row);
}

Result<std::vector<BulkJob>> SqlBulkJobStore::running_jobs() {
  return all(db_.query(queries::select_running_bulk_jobs), job_from_row);
}

Result<std::vector<std::pair<std::int64_t, std::string>>> SqlBulkJobStore::job_items(const std::string& id,
                                                                                     std::int64_t from,
                                                                                     std::size_t limit) {
  return all(db_.query(queries::select_bulk_items, {id, from, static_cast<std::int64_t>(limit)}), [](const Row& r) {
    return std::pair<std::int64_t, std::string>{r.int64(0), r.text(1)};
  });
}

Result<bool> SqlBulkJobStore::claim_job(const std::string& id, const std::string& owner, const std::string& until,
                                        const std::string& now) {
  auto r = db_.run(queries::claim_bulk_job, {id, owner, until, now});
  if (!r) return r.error();
  return *r > 0;
}

Result<bool> SqlBulkJobStore::end_job(const std::string& id, BulkJobState state, const std::string& at) {
  auto r = db_.run(queries::finish_bulk_job, {id, std::string(word_of(state)), at});
  if (!r) return r.error();
  return *r > 0;
}

Result<std::vector<std::string>> SqlBulkJobStore::jobs_ended_before(const std::string& at) {
  return all(db_.query(queries::select_bulk_jobs_finished_before, {at}), [](const Row& r) { return r.text(0); });
}

Status SqlBulkJobStore::delete_job(const std::string& id) {
  return db_.transaction(Mode::write, [&](Executor& tx) -> Status {
    if (auto r = tx.run(queries::delete_bulk_items, {id}); !r) return r.error();
    if (auto r = tx.run(queries::delete_bulk_job, {id}); !r) return r.error();
    return domain::success();
  });
}

}  // namespace ofpra::store::sql
