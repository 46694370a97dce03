// The notifier over a real door, store and journal, on a clock the test moves: a change to a
// followed person is notified once, retried on the documented schedule, then given up; asked
// again, it starts over; a withdrawn habilitation ends the subscription with a notice.
#include "notify/notifier.hpp"
#include "service/door_fixture.hpp"
#include "service/notification_desk.hpp"

#include <gtest/gtest.h>

using namespace ofpra;
using namespace ofpra::test_support;

namespace {

class PublicResolver final : public notify::Resolver {
 public:
  domain::Result<std::vector<std::string>> resolve(const std::string&) override {
    return std::vector<std::string>{"93.184.216.34"};
  }
};

// Fails every delivery, or none, and remembers when each came.
class FakeTransport final : public notify::WebhookTransport {
 public:
  explicit FakeTransport(const env::Clock& clock) : clock_(clock) {}
  bool failing = true;
  std::vector<std::chrono::system_clock::time_point> attempts;
  std::vector<std::string> ids;
  notify::DeliveryReply post(const notify::Destination& to, const notify::WebhookHeaders& h,
                             std::string_view) override {
    EXPECT_EQ(to.address, "93.184.216.34");
    attempts.push_back(clock_.now());
    ids.push_back(h.id);
    if (failing) return {503, "HTTP 503"};
    return {204, {}};
  }

 private:
  const env::Clock& clock_;
};

struct Rig : Fixture {
  PublicResolver resolver;
  auth::SecretSealer sealer = *auth::SecretSealer::load_or_create(dir.path(), "webhooks.seal");
  auth::Ed25519Key key = *auth::Ed25519Key::load_or_create(dir.path(), "webhooks");
  std::optional<notify::NotifyContext> context;
  FakeTransport transport{clock};
  std::optional<notify::Notifier> notifier;

  Rig() {
    context.emplace(notify::NotifyContext{*door, *db, sealer, key, resolver, {}, env::secure_random()});
    notifier.emplace(*context, transport);
  }

  store::Subscription follow_her() {
    EXPECT_TRUE(notify::register_endpoint(*context, client(caf, caf_siret), "https://hooks.example.org/ofpra"));
    service::SubscriptionBody body;
    body.request.subject.kind = service::SubjectKind::numero_ofpra;
    body.request.subject.number = her;
    body.request.scopes = {Scope::protection};
    body.request.purpose = "Suivi des droits";
    body.request.recipient = caf_siret;
    body.partner_reference = "CAF-1";
    auto done = notify::subscribe(*context, client(caf, caf_siret), body);
    EXPECT_TRUE(std::holds_alternative<notify::Subscribed>(done));
    return std::get<notify::Subscribed>(done).subscription;
  }

  void end_her_protection() {
    auto p = person(her, "AHMADI", "1990-05-17");
    p.protections[0].fin = *domain::PartialDate::parse("2026-04-01");
    p.protections[0].motif_fin = domain::EndReason::naturalisation;
    auto w = db->registry().begin_write("test");
    ASSERT_TRUE((*w)->put(p));
    ASSERT_TRUE((*w)->commit());
  }

  std::vector<store::Notification> notifications() {
    return *db->subscriptions().notifications_of_partner(caf_siret, std::nullopt, 100);
  }
};

}  // namespace

TEST(Notifier, RetriesFollowTheScheduleThenGiveUpAndAskingAgainStartsOver) {
  Rig r;
  const auto subscription = r.follow_her();
  r.end_her_protection();
  ASSERT_TRUE(r.notifier->fan_out());
  ASSERT_TRUE(r.notifier->fan_out());  // the same events are not notified twice
  ASSERT_EQ(r.notifications().size(), 1u);
  EXPECT_EQ(r.notifications()[0].subscription_id, subscription.id);
  EXPECT_EQ(r.notifications()[0].type, "protection.terminee");

  const auto start = r.clock.t;
  // Each attempt comes when its wait is over, not a second before.
  auto expected = start;
  for (std::size_t i = 0; i < notify::retry_schedule.size(); ++i) {
    expected += notify::retry_schedule[i];
    if (i > 0) {
      r.clock.t = expected - std::chrono::seconds(1);
      EXPECT_EQ(r.notifier->deliver_due(), 0u) << "attempt " << i + 1 << " came early";
    }
    r.clock.t = expected;
    EXPECT_EQ(r.notifier->deliver_due(), 1u) << "attempt " << i + 1;
  }
  ASSERT_EQ(r.transport.attempts.size(), notify::retry_schedule.size());
  EXPECT_GE(r.transport.attempts.back() - start, std::chrono::hours(24));
  for (const auto& id : r.transport.ids) EXPECT_EQ(id, r.transport.ids.front());
  auto given_up = r.notifications()[0];
  EXPECT_EQ(given_up.state, store::NotificationState::dead);
  EXPECT_EQ(given_up.attempts, 8);
  EXPECT_EQ(given_up.last_error, "HTTP 503");
  r.clock.t += std::chrono::hours(48);
  EXPECT_EQ(r.notifier->deliver_due(), 0u);

  // OFPRA's support sees it; the audit role does not.
  auto seen = service::given_up_notifications(*r.db, r.clock, r.staff("support@ofpra.fr"));
  ASSERT_TRUE(seen);
  ASSERT_EQ(seen->size(), 1u);
  EXPECT_EQ((*seen)[0].partner_name, "CAF du Rhône");
  auto refused = service::given_up_notifications(*r.db, r.clock, r.staff("audit@ofpra.fr"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "role");
  EXPECT_FALSE(*service::redeliver_notification(*r.db, r.clock, r.staff("support@ofpra.fr"), "msg_unknown"));

  // Asked again by the partner: delivered at once, from its first attempt.
  r.transport.failing = false;
  ASSERT_TRUE(*notify::redeliver(*r.context, r.client(r.caf, caf_siret), given_up.id));
  EXPECT_FALSE(*notify::redeliver(*r.context, r.client(r.school, "21750001600019"), given_up.id));
  EXPECT_EQ(r.notifier->deliver_due(), 1u);
  auto delivered = r.notifications()[0];
  EXPECT_EQ(delivered.state, store::NotificationState::delivered);
  EXPECT_EQ(delivered.attempts, 1);
}

TEST(Notifier, AnEndedHabilitationEndsTheSubscriptionWithANoticeAndNothingAfter) {
  Rig r;
  const auto subscription = r.follow_her();
  r.transport.failing = false;
  // The CAF's habilitation ends: its client is suspended.
  ASSERT_TRUE(*r.db->partners().set_client_suspended(r.caf.client_id, true));
  ASSERT_TRUE(r.notifier->check_subscriptions());
  auto ended = *r.db->subscriptions().find_subscription(subscription.id);
  ASSERT_TRUE(ended);
  EXPECT_FALSE(ended->active());
  EXPECT_EQ(ended->end_reason, "habilitation_terminee");
  ASSERT_TRUE(r.notifier->check_subscriptions());  // ended once, told once
  r.end_her_protection();
  ASSERT_TRUE(r.notifier->fan_out());
  ASSERT_EQ(r.notifications().size(), 1u);
  EXPECT_EQ(r.notifications()[0].type, "abonnement.termine");
  EXPECT_NE(r.notifications()[0].payload.find("habilitation_terminee"), std::string::npos);
  EXPECT_EQ(r.notifications()[0].payload.find(her), std::string::npos);
}
