// The door over a real SQLite registry and a real journal: every caller kind's question is
// answered or refused, the journal names what it should, and nothing leaves before its entry.
#include "service/disclosure.hpp"
#include "journal/signer.hpp"
#include "service/access_history.hpp"
#include "service/consents.hpp"
#include "service/door_fixture.hpp"
#include "service/introspection.hpp"
#include "service/partners.hpp"
#include "service/share_codes.hpp"

#include <gtest/gtest.h>

#include <future>

using namespace ofpra;
using domain::Scope;

namespace {

constexpr auto her = "123456789";
constexpr auto her_twin_date = "1990-05-17";

domain::Person person(std::string numero, std::string nom) {
  domain::Person p;
  p.numero_ofpra = std::move(numero);
  p.nom_naissance = std::move(nom);
  p.prenoms = {"Sara"};
  p.sexe = domain::Sex::female;
  p.date_naissance = *domain::PartialDate::parse(her_twin_date);
  p.protections.push_back({domain::ProtectionType::refugee, domain::Authority::ofpra,
                           *domain::PartialDate::parse("2023-04-12"), std::nullopt, std::nullopt});
  p.famille.push_back({domain::FamilyLink::child,
                       std::nullopt,
                       std::string("AHMADI"),
                       {"Yasmin"},
                       domain::Sex::female,
                       *domain::PartialDate::parse("2015-03-02")});
  return p;
}

struct Fixture : test_support::DoorRig {
  service::ClientCredentials caf, transport;

  Fixture()
      : DoorRig({person(her, "AHMADI"), person("223456789", "KARIMI")},
                std::chrono::system_clock::time_point{} + std::chrono::hours(24 * 20000)) {
    caf = *service::add_partner(*db,
                                {{"73282932000074", "CAF du Rhône", domain::AdministrationType::caf},
                                 std::nullopt,
                                 {},
                                 {},
                                 "Prestations",
                                 {},
                                 {}},
                                env::secure_random(), clock);
    transport =
        *service::add_partner(*db,
                              {{"21750001600019", "Transports du Centre", domain::AdministrationType::transport},
                               std::nullopt,
                               {},
                               {},
                               "Tarif",
                               {},
                               {}},
                              env::secure_random(), clock);
  }

  service::PartnerClient client(const service::ClientCredentials& c, std::string siret) const {
    return {
        {c.client_id,
         std::move(siret),
         {"protection", "protection.historique", "etat_civil.avancement", "etat_civil.identite", "etat_civil.famille"},
         "jti",
         0,
         0}};
  }
};

service::DisclosureRequest by_number(std::string numero, std::vector<Scope> scopes,
                                     std::string recipient = "73282932000074") {
  service::DisclosureRequest r;
  r.subject = {service::SubjectKind::numero_ofpra, std::move(numero), {}, std::nullopt};
  r.scopes = std::move(scopes);
  r.purpose = "Ouverture de droits";
  r.recipient = std::move(recipient);
  return r;
}

}  // namespace

TEST(Door, APartnerIsAnsweredWithTheBlocksOfItsScopesOnceTheJournalHasTheEntry) {
  Fixture f;
  auto d = f.ask(f.client(f.caf, "73282932000074"), by_number(her, {Scope::protection, Scope::civil_status_family}));
  const auto& answer = std::get<service::Answer>(d);
  EXPECT_EQ(answer.outcome, service::Outcome::found);
  ASSERT_TRUE(answer.protection && answer.family);
  EXPECT_TRUE(answer.protection->is_protected);
  EXPECT_FALSE(answer.identity || answer.civil_status_progress || answer.protection_history);
  EXPECT_EQ(answer.family->members.size(), 1u);
  const auto entries = f.journal_of(her);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].seq, answer.reference);
  EXPECT_EQ(entries[0].channel, domain::JournalChannel::api);
  EXPECT_EQ(entries[0].result, domain::JournalResult::found);
  EXPECT_EQ(entries[0].scopes_given, (std::vector<std::string>{"protection", "etat_civil.famille"}));
  EXPECT_EQ(entries[0].client_id, f.caf.client_id);
  EXPECT_EQ(entries[0].request_hash.size(), 64u);  // derived from the typed request
}

TEST(Door, InMemoryTheDoorDecidesWhatItCanAndAsksForTheStoreOtherwise) {
  Fixture f;
  const auto caf = f.client(f.caf, "73282932000074");
  // A client not yet seen: its access is read from the store first.
  EXPECT_TRUE(std::holds_alternative<service::DecideAgain>(
      f.ask(caf, by_number(her, {Scope::protection}), service::Reads::memory_only)));
  EXPECT_TRUE(std::holds_alternative<service::Answer>(f.ask(caf, by_number(her, {Scope::protection}))));
  EXPECT_TRUE(std::holds_alternative<service::Answer>(
      f.ask(caf, by_number(her, {Scope::protection}), service::Reads::memory_only)));
  // A consent to read: never decided in memory, and nothing journaled meanwhile.
  const auto transport = f.client(f.transport, "21750001600019");
  const auto before = f.journal_of(her).size();
  EXPECT_TRUE(std::holds_alternative<service::DecideAgain>(
      f.ask(transport, by_number(her, {Scope::protection}, "21750001600019"), service::Reads::memory_only)));
  EXPECT_EQ(f.journal_of(her).size(), before);
  auto refused = f.ask(transport, by_number(her, {Scope::protection}, "21750001600019"));
  EXPECT_EQ(std::get<service::Refusal>(refused).problem, domain::Problem::consent_required);
  const auto entries = f.journal_of(her);
  ASSERT_EQ(entries.size(), before + 1);
  EXPECT_EQ(entries[0].result, domain::JournalResult::refused);
  EXPECT_EQ(entries[0].refusal_code, "40301");  // she sees who asked, even in vain

  // With her consent the same question is answered, and the consent is named.
  ASSERT_TRUE(service::grant_consent(
      *f.db, {her, "21750001600019", std::nullopt, {Scope::protection}, "Tarif", "", "2025-01-01"}, f.clock));
  auto answered = f.ask(transport, by_number(her, {Scope::protection}, "21750001600019"));
  ASSERT_TRUE(std::holds_alternative<service::Answer>(answered));
  EXPECT_TRUE(f.journal_of(her)[0].consent_ref.starts_with("consentement:"));
}

TEST(Door, ARevokedClientIsRefusedWithoutAJournalEntry) {
  Fixture f;
  ASSERT_TRUE(*f.db->partners().revoke_client(f.caf.client_id));
  auto d = f.ask(f.client(f.caf, "73282932000074"), by_number(her, {Scope::protection}));
  EXPECT_EQ(std::get<service::Refusal>(d).problem, domain::Problem::invalid_token);
  EXPECT_TRUE(f.journal_of(her).empty());
}

TEST(Door, HerOwnViewIsJournaledApartAndOnlyAboutHerself) {
  Fixture f;
  auto own = f.ask(service::PersonHerself{her}, by_number(her, {domain::all_scopes.begin(), domain::all_scopes.end()}));
  const auto& answer = std::get<service::Answer>(own);
  EXPECT_TRUE(answer.identity && answer.family && answer.protection_history);
  auto other = f.ask(service::PersonHerself{her}, by_number("223456789", {Scope::protection}));
  EXPECT_EQ(std::get<service::Refusal>(other).problem, domain::Problem::scope_not_habilitated);
  EXPECT_TRUE(f.journal_of("223456789").empty());  // the refusal names nobody else
  (void)f.ask(f.client(f.caf, "73282932000074"), by_number(her, {Scope::protection}));

  auto history = service::access_history(*f.db, her, {});
  ASSERT_TRUE(history);
  ASSERT_EQ(history->by_herself.size(), 2u);  // her view, and her vain question about someone else
  EXPECT_EQ(history->by_herself[1].entry.seq, answer.reference);
  EXPECT_EQ(history->by_herself[1].entry.channel, domain::JournalChannel::portal);
  ASSERT_EQ(history->by_others.size(), 1u);
  EXPECT_EQ(history->by_others[0].partner_name, "CAF du Rhône");
  EXPECT_EQ(history->older, 0);
  // Each list is paged on its own: her views never push the partners' accesses out of sight.
  for (int i = 0; i < 3; ++i) (void)f.ask(service::PersonHerself{her}, by_number(her, {Scope::protection}));
  auto first_page = service::access_history(*f.db, her, {0, 0, 2});
  ASSERT_TRUE(first_page);
  EXPECT_EQ(first_page->by_others.size(), 1u);
  EXPECT_EQ(first_page->older, 0);
  ASSERT_EQ(first_page->by_herself.size(), 2u);
  ASSERT_NE(first_page->older_own, 0);
  // Page by page, her five own entries come back, the oldest last.
  std::vector<std::int64_t> seen;
  for (auto cursor = std::int64_t{0};;) {
    auto page = service::access_history(*f.db, her, {0, cursor, 2});
    ASSERT_TRUE(page);
    for (const auto& line : page->by_herself) seen.push_back(line.entry.seq);
    if (!(cursor = page->older_own)) break;
  }
  ASSERT_EQ(seen.size(), 5u);
  EXPECT_EQ(seen.back(), answer.reference);
}

TEST(Door, AShareCodeHolderReceivesWhatTheCodeOpensAndFailuresCount) {
  Fixture f;
  auto created = service::create_share_code(
      *f.db, f.codes, {her, domain::ShareLevel::protection_civil_status, "Bail", 30}, env::secure_random(), f.clock);
  ASSERT_TRUE(created);
  const service::ShareCodeHolder holder{"192.0.2.7"};
  auto page = [&](std::string_view code, std::string_view birth) {
    auto r = service::share_code_page_request(code, birth, "Location", "Office HLM");
    return f.ask(holder, std::get<service::DisclosureRequest>(r));
  };
  auto d = page(created->text, her_twin_date);
  const auto& answer = std::get<service::Answer>(d);
  EXPECT_EQ(answer.scopes, (std::vector<Scope>{Scope::protection, Scope::civil_status_progress}));
  EXPECT_FALSE(answer.identity);
  auto entries = f.journal_of(her);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].channel, domain::JournalChannel::share_code_page);
  EXPECT_EQ(entries[0].consent_ref, "code:" + std::to_string(created->code.id));
  EXPECT_EQ(entries[0].agent, "Office HLM");
  EXPECT_EQ(entries[0].scopes_asked, (std::vector<std::string>{"protection", "etat_civil.avancement"}));

  EXPECT_EQ(std::get<service::Refusal>(page(created->text, "1990-05-18")).problem, domain::Problem::invalid_share_code);
  auto codes = service::share_codes_of(*f.db, her, f.clock);
  ASSERT_TRUE(codes);
  EXPECT_EQ(codes->front().uses, 1);
  EXPECT_EQ(codes->front().refused, 1);
  EXPECT_EQ(codes->front().code.failed_attempts, 1);
  for (int i = 0; i < 19; ++i) (void)page("22222222Z", her_twin_date);
  EXPECT_EQ(std::get<service::Refusal>(page(created->text, her_twin_date)).problem,
            domain::Problem::too_many_share_code_attempts);

  // Revoked by someone else: nothing; by her: the code opens nothing more.
  ASSERT_TRUE(service::revoke_own_share_code(*f.db, created->code.id, "223456789"));
  EXPECT_EQ(service::share_codes_of(*f.db, her, f.clock)->front().state, domain::ShareCodeState::active);
  ASSERT_TRUE(service::revoke_own_share_code(*f.db, created->code.id, her));
  EXPECT_EQ(service::share_codes_of(*f.db, her, f.clock)->front().state, domain::ShareCodeState::revoked);
}

TEST(Door, AnUnreadableRequestIsRefusedAndJournaledUnderItsCaller) {
  Fixture f;
  std::promise<service::Disclosure> answered;
  service::refuse_unreadable(*f.door, f.client(f.caf, "73282932000074"),
                             {domain::Problem::malformed_request, "Le corps doit être un objet JSON.", {}}, "not json",
                             service::Reads::store, [&](service::Disclosure d) { answered.set_value(std::move(d)); });
  EXPECT_EQ(std::get<service::Refusal>(answered.get_future().get()).problem, domain::Problem::malformed_request);
  store::JournalQuery q;
  q.partner_siret = "73282932000074";
  auto entries = *f.db->journal().search(q);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].refusal_code, "40000");
  EXPECT_TRUE(entries[0].person.empty());
}

TEST(Consents, EveryMalformedFieldIsNamedAtOnce) {
  service::NewConsent r{her, "", std::nullopt, {}, "", "", "2020-01-01"};
  std::vector<std::string> fields;
  for (const auto& e : service::consent_field_errors(r, "2025-01-01")) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"siret", "scopes", "purpose", "until"}));
  r = {her, "21750001600019", std::nullopt, {Scope::protection}, "Tarif", "", "2025-06-01"};
  EXPECT_TRUE(service::consent_field_errors(r, "2025-01-01").empty());
}

TEST(ConsentChoices, OnlyPartnersAndTypesThatNeedHerConsentAreOfferedAndOnlyHerOwnIsRevoked) {
  Fixture f;
  auto choices = service::consent_choices(*f.db, her, f.clock);
  ASSERT_TRUE(choices);
  ASSERT_EQ(choices->partners_offered.size(), 1u);  // the transport authority; the CAF needs none
  EXPECT_EQ(choices->partners_offered[0].siret, "21750001600019");
  using T = domain::AdministrationType;
  EXPECT_EQ(choices->types_offered,
            (std::vector<T>{T::transport, T::education, T::local_authority, T::social_landlord}));
  // Each offers only what it may receive with her consent.
  EXPECT_EQ(choices->partner_scopes.at("21750001600019"), (std::vector<Scope>{Scope::protection}));
  EXPECT_EQ(choices->type_scopes.at(T::transport), (std::vector<Scope>{Scope::protection}));
  EXPECT_EQ(choices->type_scopes.at(T::education),
            (std::vector<Scope>{Scope::protection, Scope::civil_status_progress}));
  auto id = service::grant_consent(
      *f.db, {her, "21750001600019", std::nullopt, {Scope::protection}, "Tarif", "", "2025-01-01"}, f.clock);
  ASSERT_TRUE(id);
  ASSERT_TRUE(service::revoke_own_consent(*f.db, *id, "223456789"));
  EXPECT_EQ(service::consent_choices(*f.db, her, f.clock)->given.front().state, domain::ConsentState::active);
  ASSERT_TRUE(service::revoke_own_consent(*f.db, *id, her));
  EXPECT_EQ(service::consent_choices(*f.db, her, f.clock)->given.front().state, domain::ConsentState::revoked);
}

TEST(Introspection, APartnerLearnsOnlyAboutItsOwnAdministrationsActiveTokens) {
  Fixture f;
  const auto caf = f.client(f.caf, "73282932000074").token;
  const auto transport = f.client(f.transport, "21750001600019").token;
  auto own = service::introspect(*f.access, caf, caf);
  ASSERT_TRUE(own);
  EXPECT_TRUE(own->caller_allowed);
  EXPECT_TRUE(own->active);
  auto other = service::introspect(*f.access, caf, transport);
  EXPECT_FALSE(other->active);  // another administration's token, valid or not
  EXPECT_FALSE(service::introspect(*f.access, caf, std::nullopt)->active);
  ASSERT_TRUE(*f.db->partners().revoke_client(f.caf.client_id));
  EXPECT_FALSE(service::introspect(*f.access, caf, caf)->caller_allowed);
  EXPECT_TRUE(service::introspect(*f.access, transport, transport)->active);
}

TEST(Door, ACounterAgentActsWithinHerOrganisationsHabilitationAndAStrangerIsRefusedOnTheRecord) {
  Fixture f;
  // The CAF's agent: its habilitation covers identity, no consent needed.
  auto d = f.ask(service::CounterAgent{"agent-7", "73282932000074"},
                 by_number(her, {Scope::civil_status_identity}, "73282932000074"));
  ASSERT_TRUE(std::holds_alternative<service::Answer>(d));
  EXPECT_TRUE(std::get<service::Answer>(d).identity);
  auto entries = f.journal_of(her);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].channel, domain::JournalChannel::counter);
  EXPECT_EQ(entries[0].agent, "agent-7");
  // In memory only, a counter agent's organisation is read from the store first.
  EXPECT_TRUE(std::holds_alternative<service::DecideAgain>(f.ask(service::CounterAgent{"agent-7", "73282932000074"},
                                                                 by_number(her, {Scope::protection}),
                                                                 service::Reads::memory_only)));
  // An organisation that is not a partner: refused, and she sees the attempt.
  auto stranger =
      f.ask(service::CounterAgent{"agent-9", "35600000000048"}, by_number(her, {Scope::protection}, "35600000000048"));
  EXPECT_EQ(std::get<service::Refusal>(stranger).problem, domain::Problem::scope_not_habilitated);
  EXPECT_EQ(f.journal_of(her).size(), 2u);
}

// Issue 26: a verifier facing the person (the counter's agent) gets her established names and
// birth date with the answer, whatever the scopes; an information system never does.
TEST(Door, ACounterAgentSeesWhomTheAnswerIsAboutAndAnInformationSystemDoesNot) {
  Fixture f;
  auto at_desk =
      f.ask(service::CounterAgent{"agent-7", "73282932000074"}, by_number(her, {Scope::protection}, "73282932000074"));
  const auto& answer = std::get<service::Answer>(at_desk);
  ASSERT_TRUE(answer.designation);
  EXPECT_EQ(answer.designation->nom_naissance, "AHMADI");
  EXPECT_FALSE(answer.designation->prenoms.empty());
  EXPECT_FALSE(answer.identity);  // the scope was not asked
  auto by_system = f.ask(f.client(f.caf, "73282932000074"), by_number(her, {Scope::protection}));
  EXPECT_FALSE(std::get<service::Answer>(by_system).designation);
}

// Issue 24, finding 7: an ambiguous identity names nobody to the partner, but each candidate
// finds the question in her own history.
TEST(Door, EachCandidateOfAnAmbiguousIdentitySeesTheQuestionInHerHistory) {
  Fixture f;
  constexpr auto twin = "323456789";
  {
    auto w = f.db->registry().begin_write("test");
    ASSERT_TRUE((*w)->put(person(twin, "AHMADI")));
    ASSERT_TRUE((*w)->commit());
    ASSERT_TRUE(f.registry->load());
  }
  service::DisclosureRequest r;
  r.subject.kind = service::SubjectKind::identite;
  r.subject.identite.nom_naissance = "AHMADI";
  r.subject.identite.prenoms = {"Sara"};
  r.subject.identite.date_naissance = *domain::PartialDate::parse(her_twin_date);
  r.scopes = {Scope::protection};
  r.purpose = "Ouverture de droits";
  r.recipient = "73282932000074";
  auto d = f.ask(f.client(f.caf, "73282932000074"), r);
  const auto& answer = std::get<service::Answer>(d);
  EXPECT_EQ(answer.outcome, service::Outcome::ambiguous);
  EXPECT_FALSE(answer.protection);
  for (const auto* numero : {her, twin}) {
    const auto entries = f.journal_of(numero);
    ASSERT_EQ(entries.size(), 1u) << numero;
    EXPECT_EQ(entries[0].result, domain::JournalResult::ambiguous);
    EXPECT_EQ(entries[0].partner_siret, "73282932000074");
    EXPECT_NE(entries[0].seq, answer.reference);  // the partner's reference names nobody
  }
  EXPECT_TRUE(f.journal_of("223456789").empty());  // KARIMI was never a candidate
}
