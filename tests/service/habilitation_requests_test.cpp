// The habilitation workflow end to end on a real SQLite file (issue 27): the public form's
// checks, the follow-up key, a decision per role, two validators beyond the default policy, the
// habilitation a validation gives and a revocation takes back, the e-mails in the outbox.
#include "service/habilitation_requests.hpp"

#include "service/staff.hpp"
#include "support/fixed_clock.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace ofpra;
using domain::HabilitationState;
using domain::RequestAction;

namespace {

struct Fixture {
  test_support::TempDir dir;
  test_support::FixedClock clock;
  std::unique_ptr<store::Database> db;
  std::optional<service::RequestContext> c;
  store::StaffMember hugo, ines, sam;

  Fixture() {
    db = std::move(*store::open_database({store::DatabaseUrl::Kind::sqlite, dir.file("r.db")}, {.clock = &clock}));
    c.emplace(service::RequestContext{*db, clock, env::secure_random(), "https://connect.example"});
    hugo = member("hugo@ofpra.fr", domain::StaffRole::habilitations);
    ines = member("ines@ofpra.fr", domain::StaffRole::habilitations);
    sam = member("sam@ofpra.fr", domain::StaffRole::support);
  }
  store::StaffMember member(const std::string& email, domain::StaffRole role) {
    domain::StaffRoles roles;
    roles.add(role);
    auto m = service::put_staff_member(*db, clock, nullptr, {email, email, roles, true}, "test");
    EXPECT_TRUE(m);
    return *m;
  }
  std::vector<store::OutboxMessage> drain() {
    auto m = db->portal().claim_unsent(100, 5);
    EXPECT_TRUE(m);
    for (const auto& x : *m) EXPECT_TRUE(db->portal().mark_sent(x.id));
    return *m;
  }
};

service::RequestForm form(std::string type = "transport") {
  return {{"siret", "356 000 000 00048"},
          {"organisation", "Régie des transports"},
          {"type", std::move(type)},
          {"scope_protection", "on"},
          {"base_legale", "Code des transports, art. L. 1113-1"},
          {"reference", "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000023086525"},
          {"motif", "Tarification solidaire"},
          {"volume", "1200"},
          {"email_dpd", "DPD@regie.example.fr"},
          {"email_technique", "api@regie.example.fr"}};
}

std::string field_of(const domain::Result<service::CreatedRequest>& r) { return r ? "" : r.error().field; }

}  // namespace

TEST(HabilitationRequests, TheFormIsCheckedFieldByFieldAndABadOneChangesNothing) {
  Fixture f;
  auto with = [&](const std::string& name, const std::string& value) {
    auto x = form();
    x[name] = value;
    return service::create_request(*f.c, x, true);
  };
  EXPECT_EQ(field_of(with("siret", "35600000000049")), "siret");  // Luhn key wrong
  EXPECT_EQ(field_of(with("type", "ministere")), "type");
  EXPECT_EQ(field_of(with("scope_protection", "")), "scopes");
  EXPECT_EQ(field_of(with("base_legale", "")), "base_legale");
  EXPECT_EQ(field_of(with("volume", "beaucoup")), "volume");
  EXPECT_EQ(field_of(with("volume", "0")), "volume");
  EXPECT_EQ(field_of(with("email_dpd", "dpd")), "email_dpd");
  EXPECT_EQ(field_of(with("date_fin", "2020-01-01")), "date_fin");
  EXPECT_EQ(field_of(with("date_fin", "9999-12-31")), "date_fin");  // five years at most
  EXPECT_EQ(field_of(with("organisation", "Régie\r\nObjet : urgent")), "organisation");
  // Every refused field at once, in the form's order.
  std::vector<std::string> fields;
  for (const auto& e : service::request_form_errors({{"volume", "x"}}, f.clock)) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"siret", "organisation", "type", "scopes", "base_legale", "reference",
                                              "motif", "volume", "email_dpd", "email_technique"}));
  EXPECT_TRUE(service::request_form_errors(form(), f.clock).empty());
  EXPECT_TRUE(f.db->requests().requests(std::nullopt)->empty());
  EXPECT_TRUE(f.drain().empty());
}

TEST(HabilitationRequests, ChangesAskedThenAmendedThenValidatedGiveTheHabilitation) {
  Fixture f;
  auto created = service::create_request(*f.c, form(), true);
  ASSERT_TRUE(created) << created.error().message;
  auto mails = f.drain();
  // The two contacts get the key; both instructors are told; the support is not.
  ASSERT_EQ(mails.size(), 4u);
  EXPECT_EQ(mails[0].recipient, "dpd@regie.example.fr");
  EXPECT_NE(mails[0].body.find(created->follow_key), std::string::npos);
  EXPECT_EQ(mails[2].body.find(created->follow_key), std::string::npos);  // staff never see the key
  EXPECT_FALSE(service::followed_request(*f.c, created->id, "wrong"));
  EXPECT_FALSE(service::followed_request(*f.c, created->id + 1, created->follow_key));

  // The support cannot decide; the refusal is recorded.
  auto by_support = service::decide_request(*f.c, f.sam, created->id, RequestAction::validate, "ok");
  ASSERT_FALSE(by_support);
  EXPECT_EQ(by_support.error().field, "role");
  EXPECT_EQ((*f.db->staff().staff_actions(0, 1))[0].action, "refus.habilitations");

  auto asked = service::decide_request(*f.c, f.hugo, created->id, RequestAction::request_changes, "Précisez le volume");
  ASSERT_TRUE(asked) << asked.error().message;
  EXPECT_EQ(asked->state, HabilitationState::changes_requested);
  auto told = f.drain();
  ASSERT_EQ(told.size(), 2u);
  EXPECT_NE(told[0].body.find("Précisez le volume"), std::string::npos);
  // A decision is no longer possible on it: the organisation amends first.
  EXPECT_FALSE(service::decide_request(*f.c, f.ines, created->id, RequestAction::validate, "ok"));
  auto amended_form = form();
  amended_form["volume"] = "900";
  auto amended = service::amend_request(*f.c, created->id, created->follow_key, amended_form, true);
  ASSERT_TRUE(amended) << amended.error().message;
  EXPECT_EQ(amended->state, HabilitationState::submitted);
  EXPECT_EQ(amended->expected_volume, 900);
  amended_form["siret"] = "73282932000074";
  EXPECT_FALSE(service::amend_request(*f.c, created->id, created->follow_key, amended_form, true));

  EXPECT_TRUE(f.db->partners().habilitations("35600000000048")->empty());
  auto validated = service::decide_request(*f.c, f.ines, created->id, RequestAction::validate, "Conforme");
  ASSERT_TRUE(validated) << validated.error().message;
  EXPECT_EQ(validated->state, HabilitationState::validated);
  auto habilitations = f.db->partners().habilitations("35600000000048");
  ASSERT_TRUE(habilitations);
  ASSERT_EQ(habilitations->size(), 1u);
  const auto& h = (*habilitations)[0];
  EXPECT_EQ(h.id, validated->habilitation_id);
  EXPECT_TRUE(domain::in_force(h, domain::day_of(f.clock.now()).to_string()));
  EXPECT_EQ(h.legal_basis, "Code des transports, art. L. 1113-1");
  EXPECT_EQ(h.valid_to, domain::add_months(domain::day_of(f.clock.now()), 36).to_string());
  ASSERT_EQ(h.scopes.size(), 1u);
  EXPECT_TRUE(h.scopes[0].consent_required);  // as the transport policy says
  auto partner = f.db->partners().find_partner("35600000000048");
  ASSERT_TRUE(partner && *partner);
  EXPECT_EQ((*partner)->type, domain::AdministrationType::transport);

  // Revoked: the habilitation is no longer in force, at once.
  auto revoked = service::decide_request(*f.c, f.hugo, created->id, RequestAction::revoke, "Fin de la convention");
  ASSERT_TRUE(revoked);
  EXPECT_FALSE(domain::in_force((*f.db->partners().habilitations("35600000000048"))[0],
                                domain::day_of(f.clock.now()).to_string()));
  auto events = f.db->requests().request_events(created->id);
  ASSERT_TRUE(events);
  std::vector<std::string> actions;
  for (const auto& e : *events) actions.push_back(e.action);
  EXPECT_EQ(actions,
            (std::vector<std::string>{"soumettre", "demander_modifications", "soumettre", "valider", "revoquer"}));
}

TEST(HabilitationRequests, BeyondTheDefaultPolicyASecondValidatorIsNeededAndTold) {
  Fixture f;
  auto wide = form();
  wide["sans_consentement"] = "on";  // transport without consent: beyond its default policy
  auto created = service::create_request(*f.c, wide, true);
  ASSERT_TRUE(created);
  f.drain();
  auto first = service::decide_request(*f.c, f.hugo, created->id, RequestAction::validate, "Base légale lue");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->state, HabilitationState::submitted);
  EXPECT_EQ(first->first_validator, "hugo@ofpra.fr");
  EXPECT_TRUE(f.db->partners().habilitations("35600000000048")->empty());
  auto told = f.drain();
  ASSERT_EQ(told.size(), 1u);  // the other instructor, not the first one, not the organisation
  EXPECT_EQ(told[0].recipient, "ines@ofpra.fr");
  auto again = service::decide_request(*f.c, f.hugo, created->id, RequestAction::validate, "encore moi");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().field, "validator");
  auto second = service::decide_request(*f.c, f.ines, created->id, RequestAction::validate, "D'accord");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->state, HabilitationState::validated);
  auto h = f.db->partners().habilitations("35600000000048");
  ASSERT_EQ(h->size(), 1u);
  EXPECT_FALSE((*h)[0].scopes[0].consent_required);
}

TEST(HabilitationRequests, ADecisionOnARequestSomeoneElseDecidedMeanwhileIsRefused) {
  Fixture f;
  auto created = service::create_request(*f.c, form(), true);
  ASSERT_TRUE(created);
  auto stale = *f.db->requests().find_request(created->id);
  ASSERT_TRUE(service::decide_request(*f.c, f.hugo, created->id, RequestAction::refuse, "Non"));
  // As if ines had read it before hugo's refusal: the store refuses her write.
  stale->state = HabilitationState::validated;
  auto saved = f.db->requests().save_request(*stale, HabilitationState::submitted,
                                             {"t", "ines@ofpra.fr", "valider", "soumise", "validee", "ok"}, {});
  ASSERT_TRUE(saved);
  EXPECT_FALSE(*saved);
  EXPECT_EQ((*f.db->requests().find_request(created->id))->state, HabilitationState::refused);
}

TEST(HabilitationRequests, ContactsAreRemindedOnceAMonthBeforeTheEnd) {
  Fixture f;
  auto short_one = form();
  short_one["date_fin"] = domain::add_months(domain::day_of(f.clock.now()), 2).to_string();
  auto created = service::create_request(*f.c, short_one, true);
  ASSERT_TRUE(created);
  ASSERT_TRUE(service::decide_request(*f.c, f.hugo, created->id, RequestAction::validate, "ok"));
  f.drain();
  EXPECT_EQ(*service::send_expiry_reminders(*f.c), 0);
  f.clock.t += std::chrono::hours(24 * 40);
  EXPECT_EQ(*service::send_expiry_reminders(*f.c), 1);
  EXPECT_EQ(f.drain().size(), 2u);
  EXPECT_EQ(*service::send_expiry_reminders(*f.c), 0);
}
