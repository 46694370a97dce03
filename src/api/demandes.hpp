#pragma once
// Requests to OFPRA through the API (docs/DEMANDES.md): POST /api/v1/demandes files one after
// an automated answer, GET /api/v1/demandes lists the partner's, GET /api/v1/demandes/{id}
// reads one, with OFPRA's answer once given. Filing and answering go through the door
// (service/demandes.hpp); this renders.
#include "api/partner_access.hpp"
#include "http/router.hpp"
#include "service/demandes.hpp"

namespace ofpra::api {

struct DemandeRoutes {
  const service::DemandeContext& demandes;
  PartnerPool pool;  // the limit per partner (SIRET) is shared by every partner route
};

// The routes keep a reference to context, which must outlive the router.
void add_demande_routes(http::Router& router, const DemandeRoutes& context);

}  // namespace ofpra::api
