// The alert monitor over a real journal on a SQLite file (issue 27): a partner fishing through the
// API raises one alert, stored once however many passes or restarts, e-mailed to the audit and
// admin staff in the same transaction, acknowledged by an auditor (recorded), never by others.
#include "service/alert_monitor.hpp"

#include "journal/signer.hpp"
#include "journal/writer.hpp"
#include "service/partners.hpp"
#include "service/staff.hpp"
#include "support/fixed_clock.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace ofpra;
using domain::StaffRole;

namespace {

constexpr auto caf = "73282932000074";

struct Fixture {
  test_support::TempDir dir;
  test_support::FixedClock clock;
  std::unique_ptr<store::Database> db;
  std::optional<journal::Signer> signer;
  store::StaffMember auditor, instructor;

  Fixture() {
    clock.t += std::chrono::hours(12);  // midday: office hours, not the night rule's
    db = std::move(*store::open_database({store::DatabaseUrl::Kind::sqlite, dir.file("r.db")}, {.clock = &clock}));
    signer.emplace(std::move(*journal::Signer::load_or_create(dir.path() / "keys")));
    EXPECT_TRUE(service::add_partner(*db,
                                     {{caf, "CAF", domain::AdministrationType::caf}, std::nullopt, {}, {}, "M", {}, {}},
                                     env::secure_random(), clock));
    auditor = member("arthur@ofpra.fr", StaffRole::audit);
    instructor = member("hugo@ofpra.fr", StaffRole::habilitations);
  }
  store::StaffMember member(const std::string& email, StaffRole role) {
    domain::StaffRoles r;
    r.add(role);
    return *service::put_staff_member(*db, clock, nullptr, {email, email, r, true}, "test");
  }
  void write(int n, domain::JournalResult result, const std::string& partner = caf) {
    auto w = journal::JournalWriter::start(db->journal(), *signer, clock);
    ASSERT_TRUE(w);
    for (int i = 0; i < n; ++i) {
      domain::JournalEntry e;
      e.channel = domain::JournalChannel::api;
      e.partner_siret = partner;
      e.recipient_siret = partner;
      e.agent = "agent-7";
      e.purpose = "Prestations";
      e.result = result;
      e.request_hash = std::string(64, 'a');
      ASSERT_TRUE((*w)->append(e));
    }
  }
  std::vector<store::OutboxMessage> drain() {
    auto m = db->portal().claim_unsent(100, 5);
    for (const auto& x : *m) EXPECT_TRUE(db->portal().mark_sent(x.id));
    return *m;
  }
};

}  // namespace

TEST(AlertMonitor, AFishingPartnerRaisesOneAlertToldToAuditorsAndAcknowledgedByOne) {
  Fixture f;
  f.drain();
  service::AlertMonitor monitor(*f.db, f.clock, {}, std::chrono::seconds(60), "https://connect.example");
  f.write(15, domain::JournalResult::found);
  EXPECT_EQ(*monitor.pass(), 0);
  f.write(20, domain::JournalResult::not_found);
  EXPECT_EQ(*monitor.pass(), 2);  // the partner and its agent
  EXPECT_EQ(monitor.open_alerts(), 2);
  auto told = f.drain();
  ASSERT_EQ(told.size(), 2u);  // each alert to the auditor; the instructor is not told
  EXPECT_EQ(told[0].recipient, "arthur@ofpra.fr");
  EXPECT_NE(told[0].body.find("https://connect.example/admin/alertes"), std::string::npos);
  f.write(5, domain::JournalResult::not_found);
  EXPECT_EQ(*monitor.pass(), 0);  // once a day

  // Another monitor (a restart) reads the month again and raises nothing twice.
  service::AlertMonitor again(*f.db, f.clock, {}, std::chrono::seconds(60), "https://connect.example");
  EXPECT_EQ(*again.pass(), 0);
  EXPECT_TRUE(f.drain().empty());

  auto alerts = service::list_alerts(*f.db, f.clock, f.auditor);
  ASSERT_TRUE(alerts);
  ASSERT_EQ(alerts->size(), 2u);
  EXPECT_EQ((*alerts)[0].rule, "pêche");
  const auto id = (*alerts)[0].id;
  EXPECT_FALSE(service::list_alerts(*f.db, f.clock, f.instructor));
  EXPECT_EQ(service::acknowledge_alert(*f.db, f.clock, f.instructor, id, "vu").error().field, "role");
  EXPECT_EQ(service::acknowledge_alert(*f.db, f.clock, f.auditor, id, " ").error().field, "comment");
  EXPECT_TRUE(service::acknowledge_alert(*f.db, f.clock, f.auditor, id, "Agent en formation : appel passé"));
  EXPECT_EQ(service::acknowledge_alert(*f.db, f.clock, f.auditor, id, "encore").error().field, "alerte");
  EXPECT_EQ(*f.db->alerts().open_alerts(), 1);
  const auto last = (*f.db->staff().staff_actions(0, 1))[0];
  EXPECT_EQ(last.action, "alerte.acquittement");
  EXPECT_EQ(last.comment, "Agent en formation : appel passé");
}

TEST(AlertMonitor, AnAnswerAfterTheHabilitationEndedRaisesAlthoughItCannotHappen) {
  Fixture f;
  constexpr auto former = "35600000000048";
  ASSERT_TRUE(f.db->partners().put_partner({former, "Ancien partenaire", domain::AdministrationType::transport}));
  domain::Habilitation ended;
  ended.partner_siret = former;
  ended.scopes = {{domain::Scope::protection, true}};
  ended.purpose = "Tarif";
  ended.state = domain::HabilitationState::validated;
  ended.valid_from = "2020-01-01";
  ended.valid_to = domain::day_of(f.clock.now() - std::chrono::hours(24)).to_string();
  ASSERT_TRUE(f.db->partners().put_habilitation(ended));
  service::AlertMonitor monitor(*f.db, f.clock, {}, std::chrono::seconds(60), "https://connect.example");
  f.write(1, domain::JournalResult::found);            // the CAF, in force
  f.write(1, domain::JournalResult::refused, former);  // refused: nothing was told
  EXPECT_EQ(*monitor.pass(), 0);
  f.write(1, domain::JournalResult::found, former);
  EXPECT_EQ(*monitor.pass(), 1);
  const auto alerts = service::list_alerts(*f.db, f.clock, f.auditor);
  ASSERT_TRUE(alerts);
  EXPECT_EQ((*alerts)[0].rule, "après la fin");
  EXPECT_EQ((*alerts)[0].subject, former);
}
