// The back office's services on a real SQLite file (issue 27): staff sign in with their
// ProConnect e-mail and are re-read at every page; admins manage others, never themselves;
// credentials rotate with an overlap that ends, are suspended and revoked, for their organisation
// only; the journal is searched with a purpose by auditors alone, each search and each refusal
// recorded.
#include "service/audit.hpp"
#include "service/credentials.hpp"
#include "service/habilitation_requests.hpp"
#include "service/partners.hpp"
#include "service/staff.hpp"
#include "service/tokens.hpp"
#include "support/fake_oidc_provider.hpp"
#include "support/fixed_clock.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace ofpra;
using domain::StaffRole;
namespace json = boost::json;

namespace {

constexpr auto caf = "73282932000074";
constexpr auto other = "35600000000048";

domain::StaffRoles roles(std::initializer_list<StaffRole> list) {
  domain::StaffRoles r;
  for (auto x : list) r.add(x);
  return r;
}

struct Fixture {
  test_support::TempDir dir;
  test_support::FixedClock clock;
  std::unique_ptr<store::Database> db;
  test_support::FakeSignIn provider{dir.path(), clock, "https://rp.example/admin/retour", "eidas1 eidas2 eidas3"};
  oidc::PendingLogins logins{clock, 10};
  std::optional<service::StaffContext> staff;
  store::StaffMember admin, instructor, auditor;

  Fixture() {
    db = std::move(*store::open_database({store::DatabaseUrl::Kind::sqlite, dir.file("r.db")}, {.clock = &clock}));
    staff.emplace(service::StaffContext{*db, *provider.rp, logins, env::secure_random(), clock});
    admin = add("alice@ofpra.fr", roles({StaffRole::admin}));
    instructor = add("hugo@ofpra.fr", roles({StaffRole::habilitations}));
    auditor = add("arthur@ofpra.fr", roles({StaffRole::audit}));
    for (auto siret : {caf, other})
      EXPECT_TRUE(service::add_partner(
          *db, {{siret, "Partenaire", domain::AdministrationType::caf}, std::nullopt, {}, {}, "Motif", {}, {}},
          env::secure_random(), clock));
  }
  store::StaffMember add(const std::string& email, domain::StaffRoles r) {
    auto m = service::put_staff_member(*db, clock, nullptr, {email, email, r, true}, "test");
    EXPECT_TRUE(m) << m.error().message;
    return *m;
  }
  domain::Result<service::OpenedStaffSession> sign_in(const std::string& email) {
    auto started = oidc::start_sign_in(*provider.rp, logins, env::secure_random(), {});
    EXPECT_TRUE(started);
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(clock.t.time_since_epoch()).count();
    const auto state =
        provider.answer(started->url, "s-" + email, "eidas1",
                        {{"sub", "s-" + email}, {"email", email}, {"given_name", "X"}, {"usual_name", "Y"}}, now);
    return service::staff_return(*staff, started->login_id, state, "c0de");
  }
  std::vector<std::string> actions() {
    std::vector<std::string> out;
    const auto all = db->staff().staff_actions(0, 100);
    EXPECT_TRUE(all);
    for (const auto& a : *all) out.push_back(a.email + " " + a.action);
    return out;
  }
  bool has_action(const std::string& text) {
    const auto all = actions();
    return std::find(all.begin(), all.end(), text) != all.end();
  }
};

std::string field_of(const domain::Status& s) { return s ? "" : s.error().field; }

}  // namespace

TEST(BackOffice, StaffSignInByTheirEmailAndAreReadAgainAtEveryPage) {
  Fixture f;
  auto opened = f.sign_in("Hugo@OFPRA.fr");  // as the provider writes it
  ASSERT_TRUE(opened) << opened.error().message;
  EXPECT_TRUE(opened->staff.member.roles.has(StaffRole::habilitations));
  EXPECT_TRUE(f.has_action("hugo@ofpra.fr connexion"));
  auto unknown = f.sign_in("eve@ofpra.fr");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().field, "inconnu");

  // Her roles change: the next page sees it. Deactivated: her session ends.
  ASSERT_TRUE(service::put_staff_member(*f.db, f.clock, &f.admin,
                                        {"hugo@ofpra.fr", "Hugo", roles({StaffRole::support}), true}, "mutation"));
  auto found = service::find_staff_session(*f.staff, opened->token);
  ASSERT_TRUE(found && *found);
  EXPECT_FALSE((*found)->member.roles.has(StaffRole::habilitations));
  ASSERT_TRUE(service::put_staff_member(*f.db, f.clock, &f.admin,
                                        {"hugo@ofpra.fr", "Hugo", roles({StaffRole::support}), false}, "départ"));
  auto gone = service::find_staff_session(*f.staff, opened->token);
  ASSERT_TRUE(gone);
  EXPECT_FALSE(*gone);
  EXPECT_EQ(f.sign_in("hugo@ofpra.fr").error().field, "inconnu");

  // 30 idle minutes end a session.
  auto alice = f.sign_in("alice@ofpra.fr");
  ASSERT_TRUE(alice);
  f.clock.t += std::chrono::minutes(31);
  EXPECT_FALSE(*service::find_staff_session(*f.staff, alice->token));
}

TEST(BackOffice, OnlyAdminsManageStaffAndNeverThemselves) {
  Fixture f;
  auto by_instructor = service::put_staff_member(*f.db, f.clock, &f.instructor,
                                                 {"eve@ofpra.fr", "Eve", roles({StaffRole::admin}), true}, "moi");
  ASSERT_FALSE(by_instructor);
  EXPECT_EQ(by_instructor.error().field, "role");
  auto self = service::put_staff_member(*f.db, f.clock, &f.admin,
                                        {"alice@ofpra.fr", "Alice", roles({StaffRole::admin, StaffRole::audit}), true},
                                        "je me donne l'audit");
  ASSERT_FALSE(self);
  EXPECT_EQ(self.error().field, "self");
  auto silent = service::put_staff_member(*f.db, f.clock, &f.admin,
                                          {"eve@ofpra.fr", "Eve", roles({StaffRole::audit}), true}, " ");
  ASSERT_FALSE(silent);
  EXPECT_EQ(silent.error().field, "comment");
  EXPECT_FALSE(
      service::put_staff_member(*f.db, f.clock, &f.admin, {"eve", "Eve", roles({StaffRole::audit}), true}, "x"));
  EXPECT_FALSE(service::put_staff_member(*f.db, f.clock, &f.admin, {"eve@ofpra.fr", "Eve", {}, true}, "x"));
  EXPECT_FALSE(*f.db->staff().find_staff_member("eve@ofpra.fr"));
  ASSERT_TRUE(service::put_staff_member(*f.db, f.clock, &f.admin,
                                        {"eve@ofpra.fr", "Eve", roles({StaffRole::audit}), true}, "arrivée"));
  EXPECT_EQ((*f.db->staff().staff_actions(0, 1))[0].comment, "arrivée");
}

TEST(BackOffice, ARotatedSecretStaysValidForItsOverlapThenIsRefused) {
  Fixture f;
  const service::CredentialsContext c{*f.db, env::secure_random(), f.clock};
  auth::TokenIssuer issuer(*auth::Ed25519Key::load_or_create(f.dir.path(), "tokens"), "https://connect.example",
                           std::chrono::seconds(300));
  const service::TokenContext tc{*f.db, issuer, f.clock, env::secure_random(), nullptr};
  auto ok = [&](const service::ClientCredentials& k) {
    return service::grant_client_credentials(tc, {k.client_id, k.client_secret, {}, "o"}, "", "t").grant.has_value();
  };
  // Each organisation's validated request; hugo's colleague is the CAF's technical contact.
  const service::RequestContext rc{*f.db, f.clock, env::secure_random(), "https://connect.example"};
  auto validated = [&](const std::string& siret, const std::string& contact) {
    service::RequestForm form{{"siret", siret},
                              {"organisation", "Partenaire"},
                              {"type", "caf"},
                              {"scope_protection", "on"},
                              {"base_legale", "CSS, art. L. 114-12"},
                              {"reference", "CSS L114-12"},
                              {"motif", "Prestations"},
                              {"volume", "10"},
                              {"email_dpd", "dpd@caf.fr"},
                              {"email_technique", contact}};
    auto created = service::create_request(rc, form, true);
    EXPECT_TRUE(created) << created.error().message;
    EXPECT_TRUE(service::decide_request(rc, f.instructor, created->id, domain::RequestAction::validate, "ok"));
    return created->id;
  };
  const auto caf_request = validated(caf, "ines@ofpra.fr");
  const auto other_request = validated(other, "api@other.fr");
  const auto ines = f.add("ines@ofpra.fr", roles({StaffRole::habilitations}));
  EXPECT_EQ(service::issue_client(c, ines, caf_request, {}, "moi").error().field, "validator");
  EXPECT_EQ(service::issue_client(c, f.instructor, 999, {}, "x").error().field, "demande");
  EXPECT_EQ(field_of(domain::Status(service::issue_client(c, f.auditor, caf_request, {}, "x").error())), "role");
  EXPECT_TRUE(f.has_action("arthur@ofpra.fr refus.habilitations"));
  auto issued = service::issue_client(c, f.instructor, caf_request, {}, "mise en service");
  ASSERT_TRUE(issued) << issued.error().message;
  EXPECT_TRUE(ok(*issued));
  EXPECT_EQ(service::rotate_secret(c, f.instructor, caf_request, issued->client_id, 91, "trop").error().field,
            "overlap");
  // Another organisation's client is not reached through this one.
  EXPECT_EQ(service::rotate_secret(c, f.instructor, other_request, issued->client_id, 7, "x").error().field, "client");
  auto rotated = service::rotate_secret(c, f.instructor, caf_request, issued->client_id, 7, "rotation annuelle");
  ASSERT_TRUE(rotated);
  EXPECT_TRUE(ok(*issued));
  EXPECT_TRUE(ok(*rotated));
  f.clock.t += std::chrono::hours(24 * 7 + 1);
  EXPECT_FALSE(ok(*issued));
  EXPECT_TRUE(ok(*rotated));

  EXPECT_TRUE(service::change_client(c, f.instructor, caf_request, issued->client_id, service::ClientChange::suspend,
                                     "enquête"));
  EXPECT_FALSE(ok(*rotated));
  EXPECT_TRUE(
      service::change_client(c, f.instructor, caf_request, issued->client_id, service::ClientChange::resume, "levée"));
  EXPECT_TRUE(ok(*rotated));
  EXPECT_EQ(field_of(service::change_client(c, f.instructor, other_request, issued->client_id,
                                            service::ClientChange::revoke, "x")),
            "client");
  EXPECT_TRUE(
      service::change_client(c, f.instructor, caf_request, issued->client_id, service::ClientChange::revoke, "fin"));
  EXPECT_FALSE(ok(*rotated));
  EXPECT_EQ(field_of(service::change_client(c, f.instructor, caf_request, issued->client_id,
                                            service::ClientChange::resume, "revenir")),
            "client");  // a revocation is for good
  EXPECT_TRUE(f.has_action("hugo@ofpra.fr identifiants.rotation"));
  EXPECT_TRUE(f.has_action("hugo@ofpra.fr identifiants.revocation"));
}

TEST(BackOffice, TheJournalIsSearchedByAuditorsWithAPurposeEachSearchRecorded) {
  Fixture f;
  service::AuditSearch s{"123456789", "", "", "", "", "", "Demande d'accès RGPD n° 12"};
  auto refused = service::search_journal(*f.db, f.clock, f.instructor, s);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "role");
  EXPECT_TRUE(f.has_action("hugo@ofpra.fr refus.audit"));
  auto check = [&](service::AuditSearch x) {
    auto r = service::search_journal(*f.db, f.clock, f.auditor, x);
    return r ? std::string() : r.error().field;
  };
  auto without = s;
  without.purpose = "  ";
  EXPECT_EQ(check(without), "motif");
  auto bad = s;
  bad.person = "12345";
  EXPECT_EQ(check(bad), "numero_ofpra");
  bad = s;
  bad.person.clear();
  EXPECT_EQ(check(bad), "criteres");
  bad.partner_siret = "73282932000075";
  EXPECT_EQ(check(bad), "siret");
  bad = s;
  bad.from = "2026-02-30";
  EXPECT_EQ(check(bad), "du");
  bad = s;
  bad.from = "2026-03-02";
  bad.to = "2026-03-01";
  EXPECT_EQ(check(bad), "au");
  EXPECT_EQ(check(s), "");
  const auto last = (*f.db->staff().staff_actions(0, 1))[0];
  EXPECT_EQ(last.action, "journal.recherche");
  EXPECT_EQ(last.target, "personne=123456789");
  EXPECT_EQ(last.comment, "Demande d'accès RGPD n° 12");
  auto exported = service::person_accesses(*f.db, f.clock, f.auditor, "123456789", "RGPD");
  ASSERT_TRUE(exported);
  EXPECT_TRUE(f.has_action("arthur@ofpra.fr journal.export_personne"));
}

TEST(BackOffice, ACsvCellIsNeverAFormula) {
  domain::JournalEntry e;
  e.seq = 7;
  e.purpose = "=HYPERLINK(\"http://evil\")";
  e.agent = "agent, \"quoted\"";
  const auto csv = service::journal_csv({e});
  EXPECT_NE(csv.find(",\"'=HYPERLINK(\"\"http://evil\"\")\","), std::string::npos) << csv;
  EXPECT_NE(csv.find(",\"agent, \"\"quoted\"\"\","), std::string::npos) << csv;
  EXPECT_EQ(csv.substr(0, 10), "reference,");
}
