#pragma once
// Following a person's file (docs/NOTIFICATIONS.md): POST, GET and DELETE /api/v1/abonnements,
// the partner's webhook (PUT, GET, DELETE /api/v1/webhook), its notifications
// (GET /api/v1/notifications, POST /api/v1/notifications/{id}/relivraison), and the key that signs
// deliveries (GET /api/v1/webhooks/cle-publique). notify/subscriptions.hpp does the work.
#include "api/partner_access.hpp"
#include "notify/notifier.hpp"
#include "notify/subscriptions.hpp"

namespace ofpra::api {

struct SubscriptionRoutes {
  const notify::NotifyContext& notify;
  notify::Notifier& notifier;
  PartnerPool pool;
};

// The routes keep a reference to context, which must outlive the router.
void add_subscription_routes(http::Router& router, const SubscriptionRoutes& context);

}  // namespace ofpra::api
