#include "api/bulk.hpp"

#include "api/answer_json.hpp"
#include "api/partner_access.hpp"
#include "http/errors.hpp"

#include <boost/json.hpp>

#include <memory>

namespace ofpra::api {
namespace {

namespace json = boost::json;
constexpr std::string_view prefix = "/api/v1/lots/";
constexpr std::string_view results_suffix = "/resultats";

std::string_view state_word(store::BulkJobState s) {
  switch (s) {
    case store::BulkJobState::finished:
      return "termine";
    case store::BulkJobState::interrupted:
      return "interrompu";
    case store::BulkJobState::running:
      break;
  }
  return "en_cours";
}

http::Response unavailable() {
  return http::error_response(http::errors::unavailable, "Le service est momentanément indisponible.");
}

http::Response unknown_job() {
  return http::error_response(http::errors::not_found, "Aucun lot de votre organisme ne porte ce numéro.");
}

http::Response job_response(unsigned status, const store::BulkJob& job, std::int64_t answered) {
  const auto self = std::string(prefix) + job.id;
  auto r = http::json_response(
      status, json::serialize(json::object{
                  {"data", json::object{{"id", job.id},
                                        {"etat", state_word(job.state)},
                                        {"total", job.items},
                                        {"traites", answered},
                                        {"cree_le", job.created_at},
                                        {"termine_le", job.finished_at.empty() ? json::value(nullptr)
                                                                               : json::value(job.finished_at)}}},
                  {"links", json::object{{"self", self}, {"resultats", self + std::string(results_suffix)}}},
                  {"meta", json::object{}}}));
  r.set_header("Location", self);
  return r;
}

http::Response accept(const BulkRoutes& c, const service::PartnerClient& caller, const http::Request& request) {
  if (request.header("content-type").find("application/x-ndjson") == std::string_view::npos)
    return http::error_response(http::errors::malformed_request,
                                "Le corps doit être application/x-ndjson : une demande JSON par ligne.");
  auto accepted = notify::accept_job(c.bulk, caller, request.body);
  if (const auto* refusal = std::get_if<service::Refusal>(&accepted)) return refusal_response(*refusal);
  c.runner.wake();
  return job_response(202, std::get<store::BulkJob>(accepted), 0);
}

http::Response progress(const BulkRoutes& c, const service::PartnerClient& caller, const std::string& id) {
  auto found = notify::job_progress(c.bulk, caller, id);
  if (!found) return unavailable();
  if (!*found) return unknown_job();
  return job_response(200, (*found)->job, (*found)->answered);
}

http::Response results(const BulkRoutes& c, const service::PartnerClient& caller, const std::string& id) {
  auto found = notify::job_progress(c.bulk, caller, id);
  if (!found) return unavailable();
  if (!*found) return unknown_job();
  if ((*found)->job.state == store::BulkJobState::running)
    return http::error_response(
        http::errors::conflict,
        "Le lot est en cours : ses résultats viennent quand il est terminé (GET " + std::string(prefix) + id + ").");
  std::string body;
  auto s = notify::visit_results(c.bulk, (*found)->job, [&](const notify::Outcome& outcome) {
    if (const auto* answer = std::get_if<service::Answer>(&outcome))
      body += answer_response(*answer).body;
    else
      body += refusal_response(std::get<service::Refusal>(outcome)).body;
    body += '\n';
  });
  if (!s) return unavailable();
  http::Response r;
  r.status = 200;
  r.content_type = "application/x-ndjson";
  r.body = std::move(body);
  return r;
}

}  // namespace

void add_bulk_routes(http::Router& router, const BulkRoutes& c) {
  router.post_async(std::string(bulk_path), "lots", [&c](const http::Request& request, http::Respond respond) {
    on_pool_as_partner(c.pool, request, std::move(respond),
                       [&c, request](const service::PartnerClient& caller) { return accept(c, caller, request); });
  });
  router.add_async("GET", std::string(prefix), "lot", [&c](const http::Request& request, http::Respond respond) {
    auto rest = request.path.substr(prefix.size());
    const bool wants_results = rest.ends_with(results_suffix);
    if (wants_results) rest.resize(rest.size() - results_suffix.size());
    on_pool_as_partner(c.pool, request, std::move(respond),
                       [&c, id = rest, wants_results](const service::PartnerClient& caller) {
                         return wants_results ? results(c, caller, id) : progress(c, caller, id);
                       });
  });
}

}  // namespace ofpra::api
