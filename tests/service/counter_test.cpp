// The counter's admission (issue 26): the ProConnect identity's SIRET must name a partner with a
// habilitation in force, and the agent be on its allow-list when it keeps one; sessions end after
// 30 idle minutes or 12 hours; the agent asks for what her level of assurance allows.
#include "service/counter.hpp"

#include "service/partners.hpp"
#include "support/fake_oidc_provider.hpp"
#include "support/fixed_clock.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace ofpra;
using domain::Scope;
namespace json = boost::json;

namespace {

constexpr auto school = "21750001600019";
constexpr auto caf = "73282932000074";
constexpr auto former = "35600000000048";  // a partner whose habilitation ended

struct Fixture {
  test_support::TempDir dir;
  test_support::FixedClock clock;
  std::unique_ptr<store::Database> db;
  test_support::FakeSignIn provider{dir.path(), clock, "https://rp.example/guichet/retour",
                                    std::string(service::proconnect_acr_values)};
  oidc::PendingLogins logins{clock, 10};
  std::optional<service::CounterContext> counter;

  Fixture() {
    db = std::move(*store::open_database({store::DatabaseUrl::Kind::sqlite, dir.file("r.db")}, {.clock = &clock}));
    for (auto [siret, type] :
         {std::pair{school, domain::AdministrationType::education}, std::pair{caf, domain::AdministrationType::caf}})
      EXPECT_TRUE(service::add_partner(*db, {{siret, "Partenaire", type}, std::nullopt, {}, {}, "Motif", {}, {}},
                                       env::secure_random(), clock));
    // A former partner: its only habilitation ended yesterday.
    EXPECT_TRUE(db->partners().put_partner({former, "Ancien partenaire", domain::AdministrationType::transport}));
    domain::Habilitation ended;
    ended.partner_siret = former;
    ended.scopes = domain::default_policy(domain::AdministrationType::transport);
    ended.purpose = "Tarif";
    ended.state = domain::HabilitationState::validated;
    ended.valid_from = "2020-01-01";
    ended.valid_to = domain::day_of(clock.now() - std::chrono::hours(24)).to_string();
    EXPECT_TRUE(db->partners().put_habilitation(ended));
    counter.emplace(service::CounterContext{
        *db, *provider.rp, logins, env::secure_random(), clock, {{Scope::civil_status_family, 2}}});
  }

  // A sign-in of an agent of siret (claims may be spoiled by the caller), at that level.
  domain::Result<service::OpenedCounterSession> sign_in(const std::string& siret, std::string acr = "eidas1",
                                                        const std::function<void(json::object&)>& spoil = {}) {
    auto started = service::counter_start(*counter);
    EXPECT_TRUE(started);
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(clock.t.time_since_epoch()).count();
    json::object info{
        {"sub", "s-1"},     {"given_name", "Claire"}, {"usual_name", "Martin"}, {"email", "c.martin@ecole.example.fr"},
        {"uid", "cmartin"}, {"siret", siret},         {"idp_id", "idp-1"}};
    if (spoil) spoil(info);
    const auto state = provider.answer(started->url, "s-1", acr, std::move(info), now);
    last_login = started->login_id;
    last_state = state;
    return service::counter_return(*counter, started->login_id, state, "c0de");
  }
  std::string last_login, last_state;
};

std::string field_of(const domain::Result<service::OpenedCounterSession>& r) { return r ? "" : r.error().field; }

}  // namespace

TEST(Counter, AnAgentOfAPartnerInForceIsLetInWithAStableReferenceAndNoEmail) {
  Fixture f;
  auto opened = f.sign_in(school);
  ASSERT_TRUE(opened) << opened.error().message;
  EXPECT_EQ(opened->session.partner_siret, school);
  EXPECT_EQ(opened->session.agent_ref, service::agent_reference("idp-1", "s-1"));
  EXPECT_EQ(opened->session.agent_ref.find("martin"), std::string::npos);
  EXPECT_NE(service::agent_reference("idp-2", "s-1"), opened->session.agent_ref);
  auto found = service::find_counter_session(*f.counter, opened->token);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->given_name, "Claire");
  // The provider's return is taken once.
  EXPECT_EQ(field_of(service::counter_return(*f.counter, f.last_login, f.last_state, "c0de")), "oidc");
}

TEST(Counter, WhoIsNotAPartnerInForceOrNotOnItsListIsRefusedByName) {
  Fixture f;
  EXPECT_EQ(field_of(f.sign_in("12345678000014")), "partenaire");
  EXPECT_EQ(field_of(f.sign_in(former)), "habilitation");
  EXPECT_EQ(field_of(f.sign_in("12345678000015")), "siret");  // not a SIRET
  EXPECT_EQ(field_of(f.sign_in(school, "eidas1", [](json::object& u) { u.erase("siret"); })), "siret");
  EXPECT_EQ(field_of(f.sign_in(school, "eidas1", [](json::object& u) { u.erase("idp_id"); })), "identite");
  EXPECT_EQ(field_of(f.sign_in(school, "eidas0")), "oidc");  // a level ProConnect does not give

  // Once the school keeps a list, only its agents of that domain, or that uid, come in.
  ASSERT_TRUE(service::allow_at_counter(*f.db, school, {"domaine", "Autre-Ecole.example.fr"}));
  EXPECT_EQ(field_of(f.sign_in(school)), "agent");
  ASSERT_TRUE(service::allow_at_counter(*f.db, school, {"uid", "cmartin"}));
  EXPECT_TRUE(f.sign_in(school));
  ASSERT_TRUE(*service::disallow_at_counter(*f.db, school, {"uid", "cmartin"}));
  EXPECT_EQ(field_of(f.sign_in(school)), "agent");
  EXPECT_TRUE(f.sign_in(school, "eidas1", [](json::object& u) { u["email"] = "claire@AUTRE-ecole.example.fr"; }));
  // Bad entries change nothing.
  EXPECT_FALSE(service::allow_at_counter(*f.db, school, {"domaine", "not a domain"}));
  EXPECT_FALSE(service::allow_at_counter(*f.db, school, {"courriel", "x"}));
  EXPECT_FALSE(service::allow_at_counter(*f.db, "123", {"uid", "x"}));
  EXPECT_EQ(f.db->counter().counter_allowances(school)->size(), 1u);
}

TEST(Counter, ASessionEndsAfterThirtyIdleMinutesOrTwelveHours) {
  Fixture f;
  auto opened = f.sign_in(school);
  ASSERT_TRUE(opened);
  for (int i = 0; i < 25; ++i) {  // used every 29 minutes: alive until the 12th hour
    f.clock.t += std::chrono::minutes(29);
    auto found = service::find_counter_session(*f.counter, opened->token);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->has_value(), i < 24) << i;
  }
  auto idle = f.sign_in(school);
  ASSERT_TRUE(idle);
  f.clock.t += std::chrono::minutes(31);
  EXPECT_FALSE(*service::find_counter_session(*f.counter, idle->token));
}

TEST(Counter, SigningOutEndsTheSessionAndGoesToTheProvidersLogout) {
  Fixture f;
  auto opened = f.sign_in(school);
  ASSERT_TRUE(opened);
  auto logout = service::close_counter_session(*f.counter, opened->token, "https://rp.example/guichet/deconnecte");
  ASSERT_TRUE(logout && *logout);
  EXPECT_TRUE(logout->value().starts_with("https://fc.example/logout?id_token_hint="));
  EXPECT_FALSE(*service::find_counter_session(*f.counter, opened->token));
}

TEST(Counter, TheDeskOffersWhatTheHabilitationCoversAtTheAgentsLevel) {
  Fixture f;
  auto school_agent = f.sign_in(school);
  ASSERT_TRUE(school_agent);
  auto desk = service::counter_desk(*f.counter, school_agent->session);
  ASSERT_TRUE(desk);
  ASSERT_EQ(desk->scopes.size(), 2u);  // protection and civil-status progress, with consent
  EXPECT_TRUE(desk->scopes[0].consent_required);
  EXPECT_EQ(desk->purposes, std::vector<std::string>{"Motif"});
  for (auto [acr, family] : {std::pair{"eidas1", false}, std::pair{"eidas2", true}}) {
    auto caf_agent = f.sign_in(caf, acr);
    ASSERT_TRUE(caf_agent);
    auto caf_desk = service::counter_desk(*f.counter, caf_agent->session);
    ASSERT_TRUE(caf_desk);
    const bool has_family = std::any_of(caf_desk->scopes.begin(), caf_desk->scopes.end(),
                                        [](const auto& s) { return s.scope == Scope::civil_status_family; });
    EXPECT_EQ(has_family, family) << acr;
    EXPECT_EQ(caf_desk->above_level.empty(), family) << acr;
  }
}

TEST(Counter, TheSearchFormIsReadAsTheApiReadsARequest) {
  const std::vector<service::CounterScope> scopes{{Scope::protection, true}};
  auto by_identity = service::counter_request(
      "identite",
      {{"nom_naissance", "Ahmadi"}, {"prenoms", "Mohammad, Reza"}, {"date_naissance", "1990"}, {"motif", "M"}}, school,
      scopes);
  const auto& r = std::get<service::DisclosureRequest>(by_identity);
  EXPECT_EQ(r.subject.kind, service::SubjectKind::identite);
  EXPECT_EQ(r.subject.identite.prenoms, (std::vector<std::string>{"Mohammad", "Reza"}));
  EXPECT_EQ(r.scopes_asked, service::ScopesAsked::at_most);
  EXPECT_EQ(r.recipient, school);
  // Numbers as copied from a document.
  auto grouped =
      service::counter_request("numero_ofpra", {{"numero_ofpra", " 123 456-789. "}, {"motif", "M"}}, school, scopes);
  EXPECT_EQ(std::get<service::DisclosureRequest>(grouped).subject.number, "123456789");
  auto bad = service::counter_request("numero_ofpra", {{"numero_ofpra", "12"}, {"motif", "M"}}, school, scopes);
  EXPECT_EQ(std::get<service::Refusal>(bad).parameter, "numero_ofpra");
  auto no_date = service::counter_request("identite", {{"nom_naissance", "A"}, {"motif", "M"}}, school, scopes);
  EXPECT_EQ(std::get<service::Refusal>(no_date).parameter, "identite.date_naissance");
  auto code = service::counter_request("code_partage", {{"code_partage", "abc"}, {"motif", "M"}}, school, scopes);
  EXPECT_EQ(std::get<service::Refusal>(code).parameter, "code_partage");
}
