// Signed attestations through the door over a real SQLite store, registry and journal: issued to
// the person herself for what is true of her today, journaled as hers; checked for a verifier
// (valid, expired, withdrawn, revoked when her protection ends, unknown, invalid), each check in
// her history when the attestation is hers, nobody's when it is not.
#include "service/attestations.hpp"

#include "service/door_fixture.hpp"

using namespace ofpra;
using namespace test_support;
using domain::AttestationStatus;

namespace {

service::IssuedAttestation issue(Fixture& f, domain::AttestationLevel level = domain::AttestationLevel::protection) {
  auto issued = service::issue_attestation(*f.door, env::secure_random(), 92, {her, level, "ar", "portail", "OC01"});
  EXPECT_TRUE(std::holds_alternative<service::IssuedAttestation>(issued));
  return std::get<service::IssuedAttestation>(issued);
}

service::AttestationCheck check(Fixture& f, const std::string& id, bool genuine = true,
                                const std::string& certificate = "OC01") {
  std::promise<std::variant<service::AttestationCheck, service::Refusal>> done;
  service::check_attestation(*f.door, {"192.0.2.7", "Bailleur"}, {id, certificate, genuine, false, "ab"},
                             [&](auto r) { done.set_value(std::move(r)); });
  auto r = done.get_future().get();
  EXPECT_TRUE(std::holds_alternative<service::AttestationCheck>(r));
  return std::get<service::AttestationCheck>(r);
}

}  // namespace

TEST(Attestations, IssuedToHerForWhatIsTrueTodayAndJournaledAsHers) {
  Fixture f;
  const auto issued = issue(f);
  EXPECT_TRUE(service::is_attestation_id(issued.record.id));
  EXPECT_EQ(issued.record.valid_until, "2026-07-03");  // 92 days after 2 April 2026
  EXPECT_EQ(issued.record.language, "ar");
  ASSERT_TRUE(issued.answer.designation);  // her names go on the paper
  EXPECT_EQ(issued.answer.designation->nom_naissance, "AHMADI");
  ASSERT_TRUE(issued.answer.protection);
  EXPECT_TRUE(issued.answer.protection->is_protected);
  EXPECT_FALSE(issued.answer.identity);  // the level's scopes only
  auto stored = f.db->attestations().find_attestation(issued.record.id);
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->reference, issued.record.reference);
  const auto entries = f.journal_of(her);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].seq, issued.record.reference);
  EXPECT_EQ(entries[0].channel, domain::JournalChannel::portal);
  EXPECT_NE(entries[0].purpose.find(issued.record.id), std::string::npos);

  // Nothing to state: her civil-status file is not open, her identity not established.
  for (auto level : {domain::AttestationLevel::progress, domain::AttestationLevel::identity}) {
    auto refused = service::issue_attestation(*f.door, env::secure_random(), 92, {her, level, "fr", "portail", "OC01"});
    ASSERT_TRUE(std::holds_alternative<service::Refusal>(refused));
    EXPECT_EQ(std::get<service::Refusal>(refused).problem, domain::Problem::conflict);
  }
  EXPECT_EQ(f.journal_of(her).size(), 1u);  // a refusal to issue discloses nothing: no entry
  auto nobody =
      service::issue_attestation(*f.door, env::secure_random(), 92, {"999999999", {}, "fr", "portail", "OC01"});
  ASSERT_TRUE(std::holds_alternative<service::Refusal>(nobody));
}

TEST(Attestations, NeverMoreInForceThanSheSeesAndCanWithdraw) {
  Fixture f;
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < service::max_attestations_in_force; ++i) ids.push_back(issue(f).record.id);
  auto refused = service::issue_attestation(*f.door, env::secure_random(), 92, {her, {}, "fr", "portail", "OC01"});
  ASSERT_TRUE(std::holds_alternative<service::Refusal>(refused));
  EXPECT_EQ(std::get<service::Refusal>(refused).parameter, "attestations");
  // Withdrawn ones go after those in force, however many she withdrew since.
  ASSERT_TRUE(*service::revoke_attestation(*f.db, f.clock, ids.back(), her, domain::RevocationReason::withdrawn, "p"));
  issue(f);
  auto held = service::attestations_of(*f.db, f.clock, her);
  ASSERT_TRUE(held);
  ASSERT_EQ(held->size(), ids.size() + 1);
  for (std::size_t i = 0; i < service::max_attestations_in_force; ++i)
    EXPECT_EQ((*held)[i].status, domain::AttestationStatus::valid) << i;
  EXPECT_EQ(held->back().record.id, ids.back());
}

TEST(Attestations, AVerifierLearnsItsStatusTodayAndSheSeesTheCheck) {
  Fixture f;
  const auto issued = issue(f);
  const auto valid = check(f, issued.record.id);
  EXPECT_EQ(valid.status, AttestationStatus::valid);
  ASSERT_TRUE(valid.record);
  const auto entries = f.journal_of(her);
  const auto entry = std::find_if(entries.begin(), entries.end(), [&](auto& e) { return e.seq == valid.reference; });
  ASSERT_NE(entry, entries.end());
  EXPECT_EQ(entry->channel, domain::JournalChannel::attestation);
  EXPECT_EQ(entry->agent, "Bailleur");
  EXPECT_EQ(entry->scopes_given, std::vector<std::string>{"protection"});

  // Another certificate than the one it was issued under, a signature that does not hold, an
  // identifier we never issued: nothing is said of anybody.
  EXPECT_EQ(check(f, issued.record.id, true, "OC02").status, AttestationStatus::unknown);
  const auto forged = check(f, issued.record.id, false);
  EXPECT_EQ(forged.status, AttestationStatus::invalid);
  EXPECT_FALSE(forged.record);
  EXPECT_EQ(check(f, "ABCDEFGHJKLM").status, AttestationStatus::unknown);
  EXPECT_EQ(f.journal_of(her).size(), entries.size());

  f.clock.t = at(2026, 7, 3);
  EXPECT_EQ(check(f, issued.record.id).status, AttestationStatus::valid);  // its last day
  f.clock.t = at(2026, 7, 4);
  EXPECT_EQ(check(f, issued.record.id).status, AttestationStatus::expired);
}

TEST(Attestations, WithdrawnByHerOrEndedWithHerProtection) {
  Fixture f;
  const auto first = issue(f);
  const auto second = issue(f);
  // Only hers to withdraw.
  EXPECT_FALSE(*service::revoke_attestation(*f.db, f.clock, first.record.id, "223456789",
                                            domain::RevocationReason::withdrawn, "portail"));
  EXPECT_TRUE(*service::revoke_attestation(*f.db, f.clock, first.record.id, her, domain::RevocationReason::withdrawn,
                                           "portail"));
  EXPECT_FALSE(*service::revoke_attestation(*f.db, f.clock, first.record.id, her, domain::RevocationReason::withdrawn,
                                            "portail"));  // once
  const auto withdrawn = check(f, first.record.id);
  EXPECT_EQ(withdrawn.status, AttestationStatus::revoked);
  EXPECT_EQ(withdrawn.record->revoked_reason, domain::RevocationReason::withdrawn);
  EXPECT_EQ(check(f, second.record.id).status, AttestationStatus::valid);

  // Her protection ends: the next check says so, and her list too.
  auto ended = person(her, "AHMADI", "1990-05-17");
  ended.protections.back().fin = *domain::PartialDate::parse("2026-04-01");
  ended.protections.back().motif_fin = domain::EndReason::renunciation;
  auto w = f.db->registry().begin_write("test");
  ASSERT_TRUE((*w)->put(ended));
  ASSERT_TRUE((*w)->commit());
  ASSERT_TRUE(f.registry->refresh());
  const auto revoked = check(f, second.record.id);
  EXPECT_EQ(revoked.status, AttestationStatus::revoked);
  EXPECT_EQ(revoked.record->revoked_reason, domain::RevocationReason::protection_ended);
  auto held = service::attestations_of(*f.db, f.clock, her);
  ASSERT_TRUE(held);
  ASSERT_EQ(held->size(), 2u);
  for (const auto& h : *held) EXPECT_EQ(h.status, AttestationStatus::revoked);
}
