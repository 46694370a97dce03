#pragma once
// The public statistics as data (docs/STATISTICS.md), as data.gouv.fr expects of a public
// service: GET /api/v1/statistiques (JSON) and GET /statistiques.csv (one figure per line). No
// sign-in; a count that is not published is null (JSON) or empty with secret_statistique=oui (CSV).
#include "env/task_pool.hpp"
#include "http/router.hpp"
#include "service/statistics.hpp"

namespace ofpra::api {

struct StatisticsRoutes {
  service::StatisticsCache& statistics;
  env::TaskPool& blocking;
};

std::string statistics_json(const service::PublicStatistics& s);
std::string statistics_csv(const service::PublicStatistics& s);

// The routes keep a reference to context, which must outlive the router.
void add_statistics_routes(http::Router& router, const StatisticsRoutes& context);

}  // namespace ofpra::api
