// Requests to OFPRA over a real SQLite store, a real registry and a real journal: filed through
// the door after an automated answer, queued by due day in working days, answered by OFPRA's
// support through the door on behalf of the partner, read back by whoever asked.
#include "service/demandes.hpp"

#include "service/answer_codec.hpp"
#include "service/door_fixture.hpp"

using namespace ofpra;
using domain::Scope;

using namespace test_support;

TEST(Demandes, AnAmbiguousAnswerBecomesARequestOfpraAnswersThroughTheDoor) {
  Fixture f;
  const auto follows = ambiguous_answer(f);
  const auto caller = f.client(f.caf, caf_siret);
  auto filed = service::file_demande(*f.demandes, caller, {by_identity(), "Deux dossiers possibles.", follows});
  ASSERT_TRUE(std::holds_alternative<service::Filing>(filed)) << std::get<service::Refusal>(filed).detail;
  const auto demande = std::get<service::Filing>(filed).demande;
  EXPECT_FALSE(std::get<service::Filing>(filed).existed);
  EXPECT_EQ(demande.state, domain::DemandeState::open);
  // Filed on Thursday 2 April 2026: Friday 3, (Easter Monday), Tuesday 7 … Friday 10.
  EXPECT_EQ(demande.due_on, "2026-04-10");
  EXPECT_GT(demande.reference, follows);
  // Asking again about the same answer finds the same request; asking something else about it is
  // a conflict that names the request.
  auto again = service::file_demande(*f.demandes, caller, {by_identity(), "Deux dossiers possibles.", follows});
  ASSERT_TRUE(std::holds_alternative<service::Filing>(again));
  EXPECT_TRUE(std::get<service::Filing>(again).existed);
  EXPECT_EQ(std::get<service::Filing>(again).demande.id, demande.id);
  auto other = service::file_demande(*f.demandes, caller, {by_identity({Scope::protection}), "Autre.", follows});
  ASSERT_TRUE(std::holds_alternative<service::Refusal>(other));
  EXPECT_EQ(std::get<service::Refusal>(other).problem, domain::Problem::conflict);
  EXPECT_NE(std::get<service::Refusal>(other).detail.find(demande.id), std::string::npos);

  // The queue is the support's: another role is refused (and the refusal recorded).
  EXPECT_FALSE(service::demande_queue(*f.demandes, f.staff("audit@ofpra.fr")));
  auto queue = service::demande_queue(*f.demandes, f.staff("support@ofpra.fr"));
  ASSERT_TRUE(queue);
  ASSERT_EQ(queue->pending.size(), 1u);
  EXPECT_EQ(queue->pending[0].days_left, 5);
  f.clock.t = at(2026, 4, 13);  // Monday after the due Friday: one working day late
  queue = service::demande_queue(*f.demandes, f.staff("support@ofpra.fr"));
  EXPECT_EQ(queue->pending[0].days_left, -1);

  // Staff see both candidates, scored; nobody outside OFPRA ever did.
  auto file = service::open_demande(*f.demandes, f.staff("support@ofpra.fr"), demande.id);
  ASSERT_TRUE(file && *file);
  ASSERT_EQ((*file)->considered.size(), 2u);
  EXPECT_TRUE((*file)->considered[0].score.has_value());
  EXPECT_TRUE((*file)->considered[0].protected_today);
  EXPECT_EQ((*file)->partner_name, "CAF du Rhône");

  ASSERT_TRUE(service::take_demande(*f.demandes, f.staff("support@ofpra.fr"), demande.id));
  auto answered = service::answer_demande(*f.demandes, f.staff("support@ofpra.fr"), demande.id, her, "");
  ASSERT_TRUE(answered) << answered.error().message;
  ASSERT_TRUE(std::holds_alternative<store::Demande>(*answered));
  const auto& settled = std::get<store::Demande>(*answered);
  EXPECT_EQ(settled.state, domain::DemandeState::answered);
  EXPECT_EQ(settled.person, her);

  // The partner reads the answer: the scopes it asked, about her, under the answer's reference.
  auto read = service::demande_for(*f.demandes, caller, demande.id);
  ASSERT_TRUE(read && *read);
  auto answer = service::decode_answer((*read)->answer);
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->outcome, service::Outcome::found);
  ASSERT_TRUE(answer->identity);
  EXPECT_EQ(answer->identity->numero_ofpra, her);
  EXPECT_TRUE(answer->protection && answer->protection->is_protected);
  EXPECT_FALSE(answer->designation);  // an information system never gets it
  EXPECT_EQ(answer->reference, (*read)->answer_reference);

  // Her history shows OFPRA's answer on behalf of the CAF; her namesake's shows no disclosure.
  const auto hers = f.journal_of(her);
  const auto disclosed = std::find_if(hers.begin(), hers.end(), [](const auto& e) {
    return e.channel == domain::JournalChannel::ofpra && e.result == domain::JournalResult::found;
  });
  ASSERT_NE(disclosed, hers.end());
  EXPECT_EQ(disclosed->partner_siret, caf_siret);
  EXPECT_EQ(disclosed->seq, answer->reference);
  for (const auto& e : f.journal_of(her_namesake)) EXPECT_NE(e.result, domain::JournalResult::found);

  // Settled: nothing more may be done with it.
  EXPECT_FALSE(service::answer_demande(*f.demandes, f.staff("support@ofpra.fr"), demande.id, her_namesake, ""));
  EXPECT_FALSE(service::close_demande(*f.demandes, f.staff("support@ofpra.fr"), demande.id,
                                      domain::ClosingReason::not_ours, "Non."));
}

TEST(Demandes, APartnerCannotAskOfpraForWhatItsHabilitationWouldNotGiveIt) {
  Fixture f;
  const auto follows = ambiguous_answer(f);
  // The token does not cover the family; the CAF's habilitation would, but the token rules.
  auto by_token = service::file_demande(*f.demandes, f.client(f.caf, caf_siret),
                                        {by_identity({Scope::civil_status_family}), "Sa famille.", follows});
  ASSERT_TRUE(std::holds_alternative<service::Refusal>(by_token));
  EXPECT_EQ(std::get<service::Refusal>(by_token).problem, domain::Problem::scope_not_habilitated);
  // France Travail is habilitated for protection, progress and identity, never the family.
  constexpr auto ft_siret = "13000548100010";
  auto ft = *service::add_partner(*f.db,
                                  {{ft_siret, "France Travail", domain::AdministrationType::france_travail},
                                   std::nullopt,
                                   {},
                                   {},
                                   "Indemnisation",
                                   {},
                                   {}},
                                  env::secure_random(), f.clock);
  const auto ft_client = f.client(ft, ft_siret, {"protection", "etat_civil.identite", "etat_civil.famille"});
  auto asked = by_identity({Scope::protection});
  asked.recipient = ft_siret;
  auto answered = f.ask(ft_client, asked);
  ASSERT_TRUE(std::holds_alternative<service::Answer>(answered));
  const auto own = std::get<service::Answer>(answered).reference;
  auto family = by_identity({Scope::protection, Scope::civil_status_family});
  family.recipient = ft_siret;
  auto refused = service::file_demande(*f.demandes, ft_client, {family, "Sa famille.", own});
  ASSERT_TRUE(std::holds_alternative<service::Refusal>(refused));
  EXPECT_EQ(std::get<service::Refusal>(refused).problem, domain::Problem::scope_not_habilitated);
  EXPECT_NE(std::get<service::Refusal>(refused).detail.find("etat_civil.famille"), std::string::npos);
  // The CAF's answer is not France Travail's to follow.
  auto not_its_own = service::file_demande(*f.demandes, ft_client, {asked, "Qui est-ce ?", follows});
  ASSERT_TRUE(std::holds_alternative<service::Refusal>(not_its_own));
  EXPECT_EQ(std::get<service::Refusal>(not_its_own).parameter, "reference");
  EXPECT_TRUE(f.db->demandes().pending_demandes()->empty());
  // What it may ask, it may file.
  auto filed = service::file_demande(*f.demandes, ft_client, {asked, "Qui est-ce ?", own});
  EXPECT_TRUE(std::holds_alternative<service::Filing>(filed));
}

TEST(Demandes, TheRequestItselfMeetsThePolicyAndIsJournaled) {
  Fixture f;
  // A genuine answer of its own, then a scope outside its habilitation: refused and journaled.
  auto number = by_identity({Scope::protection});
  number.subject = {service::SubjectKind::numero_ofpra, "999999999", {}, std::nullopt};
  number.recipient = "21750001600019";
  const auto school = f.client(f.school, "21750001600019", {"protection", "etat_civil.identite"});
  auto d = f.ask(school, number);
  ASSERT_TRUE(std::holds_alternative<service::Refusal>(d));  // no consent, nobody named
  const auto before = *f.db->journal().search({.partner_siret = "21750001600019", .limit = 10});
  // The CAF's own not-found answer, then a request for a scope it is habilitated for but with a
  // recipient it may not act for.
  number.recipient = caf_siret;
  auto nobody = f.ask(f.client(f.caf, caf_siret), number);
  ASSERT_TRUE(std::holds_alternative<service::Answer>(nobody));
  EXPECT_EQ(std::get<service::Answer>(nobody).outcome, service::Outcome::not_found);
  auto elsewhere = number;
  elsewhere.recipient = "21750001600019";
  auto refused = service::file_demande(*f.demandes, f.client(f.caf, caf_siret),
                                       {elsewhere, "Pour l'école.", std::get<service::Answer>(nobody).reference});
  ASSERT_TRUE(std::holds_alternative<service::Refusal>(refused));
  EXPECT_EQ(std::get<service::Refusal>(refused).problem, domain::Problem::recipient_not_allowed);
  const auto caf_entries = *f.db->journal().search({.partner_siret = caf_siret, .limit = 10});
  ASSERT_FALSE(caf_entries.empty());
  EXPECT_EQ(caf_entries.front().result, domain::JournalResult::refused);
  // Bad notes and references change nothing.
  auto no_note = service::file_demande(*f.demandes, f.client(f.caf, caf_siret),
                                       {number, " \n ", std::get<service::Answer>(nobody).reference});
  EXPECT_EQ(std::get<service::Refusal>(no_note).parameter, "note");
  auto unknown = service::file_demande(*f.demandes, f.client(f.caf, caf_siret), {number, "Rien.", 999999});
  EXPECT_EQ(std::get<service::Refusal>(unknown).parameter, "reference");
  // Filed properly: journaled as a request, naming nobody.
  auto filed = service::file_demande(*f.demandes, f.client(f.caf, caf_siret),
                                     {number, "Numéro inconnu ?", std::get<service::Answer>(nobody).reference});
  ASSERT_TRUE(std::holds_alternative<service::Filing>(filed));
  const auto latest = *f.db->journal().search({.partner_siret = caf_siret, .limit = 1});
  EXPECT_EQ(latest.front().result, domain::JournalResult::filed);
  EXPECT_EQ(latest.front().seq, std::get<service::Filing>(filed).demande.reference);
  EXPECT_TRUE(latest.front().person.empty());
  EXPECT_EQ(before.size(), f.db->journal().search({.partner_siret = "21750001600019", .limit = 10})->size());
}

TEST(Demandes, APersonAsksAboutHerFileAndOfpraAnswersInWriting) {
  Fixture f;
  const service::PersonHerself herself{her};
  service::NewDemande question;
  question.note = "Où en est mon acte de naissance ?";
  question.topic = "etat_civil";
  auto filed = service::file_demande(*f.demandes, herself, question);
  ASSERT_TRUE(std::holds_alternative<service::Filing>(filed)) << std::get<service::Refusal>(filed).detail;
  const auto id = std::get<service::Filing>(filed).demande.id;
  question.topic = "autre chose";
  EXPECT_EQ(std::get<service::Refusal>(service::file_demande(*f.demandes, herself, question)).parameter, "sujet");
  // Hers only: another person does not see it.
  EXPECT_TRUE(service::demande_for(*f.demandes, herself, id)->has_value());
  EXPECT_FALSE(service::demande_for(*f.demandes, service::PersonHerself{her_namesake}, id)->has_value());
  EXPECT_FALSE(service::demande_for(*f.demandes, f.client(f.caf, caf_siret), id)->has_value());
  // Her history shows her question.
  const auto hers = f.journal_of(her);
  ASSERT_FALSE(hers.empty());
  EXPECT_EQ(hers.front().result, domain::JournalResult::filed);
  EXPECT_EQ(hers.front().channel, domain::JournalChannel::portal);
  // Answered in writing, not through the door, and not with a partner's reason.
  const auto support = f.staff("support@ofpra.fr");
  EXPECT_FALSE(service::answer_demande(*f.demandes, support, id, her, ""));
  EXPECT_FALSE(service::close_demande(*f.demandes, support, id, domain::ClosingReason::not_ours, "Pas nous."));
  auto closed = service::close_demande(*f.demandes, support, id, domain::ClosingReason::replied,
                                       "Votre acte est en cours d'établissement.");
  ASSERT_TRUE(closed);
  auto mine = service::demandes_for(*f.demandes, herself);
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->front().state, domain::DemandeState::closed);
  EXPECT_EQ(mine->front().message, "Votre acte est en cours d'établissement.");
}

TEST(AnswerCodec, AnAnswerReadsBackAsItWasGiven) {
  service::Answer a;
  a.outcome = service::Outcome::found;
  a.scopes = {Scope::civil_status_identity, Scope::protection, Scope::civil_status_progress};
  a.identity = service::IdentityBlock{"123456789",           "AHMADI",
                                      std::string("DUPONT"), {"Sara", "Leïla"},
                                      domain::Sex::female,   *domain::PartialDate::parse("1990-05"),
                                      std::nullopt,          std::string("99212")};
  a.protection = service::ProtectionBlock{true, *domain::PartialDate::parse("2026-04-02"),
                                          domain::ProtectionType::refugee, *domain::PartialDate::parse("2023-04-12")};
  a.civil_status_progress = service::CivilStatusProgressBlock{domain::FileStage::ffr_received,
                                                              *domain::PartialDate::parse("2024-02-01"),
                                                              std::nullopt,
                                                              std::nullopt,
                                                              true,
                                                              *domain::PartialDate::parse("2025-08-01")};
  a.designation = service::DesignationBlock{"AHMADI", std::nullopt, {"Sara"}, *domain::PartialDate::parse("1990-05")};
  a.reference = 42;
  const auto decoded = service::decode_answer(service::encode_answer(a));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded, a);
  EXPECT_FALSE(service::decode_answer("{\"data\":{\"resultat\":\"peut-etre\"},\"reference\":1}"));
  EXPECT_FALSE(service::decode_answer("not json"));
}

TEST(Demandes, TheJournalsRetentionTakesTheSettledRequestsWithIt) {
  Fixture f;
  const service::PersonHerself herself{her};
  service::NewDemande asked{{}, "Où en est mon dossier ?", 0, "protection"};
  const auto first = std::get<service::Filing>(service::file_demande(*f.demandes, herself, asked)).demande.id;
  const auto second = std::get<service::Filing>(service::file_demande(*f.demandes, herself, asked)).demande.id;
  ASSERT_TRUE(service::close_demande(*f.demandes, f.staff("support@ofpra.fr"), first, domain::ClosingReason::replied,
                                     "Il est en cours."));
  // Settled before the cutoff: gone with its question and reply; a pending one is kept.
  EXPECT_EQ(*f.db->demandes().purge_settled_before("2026-04-01T00:00:00Z"), 0);
  EXPECT_EQ(*f.db->demandes().purge_settled_before("2026-05-01T00:00:00Z"), 1);
  EXPECT_FALSE(*f.db->demandes().find_demande(first));
  EXPECT_TRUE(*f.db->demandes().find_demande(second));
}
