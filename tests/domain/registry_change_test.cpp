#include "domain/registry_change.hpp"

#include <gtest/gtest.h>

using namespace ofpra::domain;

namespace {

PartialDate day(const char* text) { return *PartialDate::parse(text); }

Person person() {
  Person p;
  p.numero_ofpra = "123456789";
  p.nom_naissance = "AHMADI";
  p.prenoms = {"Mohammad", "Reza"};
  p.sexe = Sex::male;
  p.date_naissance = day("1990");
  p.protections = {{ProtectionType::refugee, Authority::ofpra, day("2023-04-12"), std::nullopt, std::nullopt}};
  p.dossier_etat_civil = CivilStatusFile{FileStage::ffr_received, day("2024-02-01"), std::nullopt, std::nullopt};
  p.famille = {{FamilyLink::spouse, "223456789", std::nullopt, {}, std::nullopt, std::nullopt}};
  return p;
}

std::vector<std::string> types(const std::vector<RegistryEvent>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.emplace_back(to_string(e.type));
  return out;
}

}  // namespace

TEST(RegistryChange, AnUnchangedPersonMakesNoEventAndAliasesOrContactsAreNotEvents) {
  auto after = person();
  EXPECT_TRUE(registry_changes(person(), after).empty());
  after.alias.push_back({"AHMADY", {"Mohamad"}});
  after.contact.email = "m.ahmadi@example.org";
  EXPECT_TRUE(registry_changes(person(), after).empty());
}

TEST(RegistryChange, AnEndedProtectionCarriesItsDateAndReason) {
  auto after = person();
  after.protections[0].fin = day("2026-12-01");
  after.protections[0].motif_fin = EndReason::naturalisation;
  auto events = registry_changes(person(), after);
  ASSERT_EQ(types(events), std::vector<std::string>{"protection.terminee"});
  EXPECT_EQ(events[0].detail, R"({"le":"2026-12-01","motif":"naturalisation"})");
}

TEST(RegistryChange, ANewPeriodIsGrantedATypeChangeIsNamedAndOtherEditsAreCorrections) {
  auto before = person();
  before.protections[0].fin = day("2024-01-01");
  before.protections[0].motif_fin = EndReason::cessation;
  auto after = before;
  after.protections.push_back(
      {ProtectionType::stateless, Authority::cnda, day("2025-06-01"), std::nullopt, std::nullopt});
  auto events = registry_changes(before, after);
  ASSERT_EQ(types(events), std::vector<std::string>{"protection.accordee"});
  EXPECT_EQ(events[0].detail, R"({"type":"apatride","depuis":"2025-06-01"})");

  auto retyped = person();
  retyped.protections[0].type = ProtectionType::subsidiary;
  events = registry_changes(person(), retyped);
  ASSERT_EQ(types(events), std::vector<std::string>{"protection.type_modifie"});
  EXPECT_EQ(events[0].detail, R"({"type":"protection_subsidiaire","precedent":"refugie"})");

  auto removed = person();
  removed.protections.clear();
  EXPECT_EQ(types(registry_changes(person(), removed)), std::vector<std::string>{"protection.rectifiee"});
  // An end date corrected is a correction, not a second ending.
  auto corrected = before;
  corrected.protections[0].fin = day("2024-02-01");
  EXPECT_EQ(types(registry_changes(before, corrected)), std::vector<std::string>{"protection.rectifiee"});
}

TEST(RegistryChange, ACivilStatusStepChangeNamesBothStepsAndTheNewDate) {
  auto after = person();
  after.dossier_etat_civil->stage = FileStage::acts_established;
  after.dossier_etat_civil->actes_etablis_le = day("2026-11-02");
  auto events = registry_changes(person(), after);
  ASSERT_EQ(types(events), std::vector<std::string>{"etat_civil.etape_modifiee"});
  EXPECT_EQ(events[0].detail, R"({"etape":"actes_etablis","precedente":"ffr_recue","le":"2026-11-02"})");
  // A date corrected within the same step is not a step change.
  auto same_step = person();
  same_step.dossier_etat_civil->ffr_recue_le = day("2024-02-02");
  EXPECT_TRUE(registry_changes(person(), same_step).empty());
}

TEST(RegistryChange, IdentityChangesNameTheFieldsNeverTheirValues) {
  auto after = person();
  after.nom_naissance = "AHMADY";
  after.date_naissance = day("1990-05-17");
  auto events = registry_changes(person(), after);
  ASSERT_EQ(types(events), std::vector<std::string>{"identite.modifiee"});
  EXPECT_EQ(events[0].detail, R"({"champs":["nom_naissance","date_naissance"]})");
  EXPECT_EQ(events[0].detail.find("AHMADY"), std::string::npos);
}

TEST(RegistryChange, FamilyLinksAreComparedAsAMultiset) {
  auto after = person();
  after.famille.push_back({FamilyLink::child, std::nullopt, "AHMADI", {"Sara"}, Sex::female, day("2015-03-02")});
  after.famille.push_back(after.famille.back());  // twins with the same inline identity
  auto events = registry_changes(person(), after);
  EXPECT_EQ(types(events), (std::vector<std::string>{"famille.lien_ajoute", "famille.lien_ajoute"}));
  EXPECT_EQ(events[0].detail, R"({"lien":"enfant"})");
  auto fewer = after;
  fewer.famille.pop_back();
  fewer.famille.erase(fewer.famille.begin());
  EXPECT_EQ(types(registry_changes(after, fewer)),
            (std::vector<std::string>{"famille.lien_retire", "famille.lien_retire"}));
}

TEST(RegistryChange, FormerNamesBecomeAliasesOnceAndNeverTheCurrentName) {
  auto after = person();
  after.nom_naissance = "AHMADY";
  EXPECT_TRUE(names_changed(person(), after));
  keep_former_identities(after, {{"AHMADI", {"Mohammad", "Reza"}}, {"AHMADY", {"Mohammad", "Reza"}}});
  keep_former_identities(after, {{"AHMADI", {"Mohammad", "Reza"}}});
  ASSERT_EQ(after.alias.size(), 1u);
  EXPECT_EQ(after.alias[0].nom_naissance, "AHMADI");
  auto same = person();
  same.sexe = Sex::female;
  EXPECT_FALSE(names_changed(person(), same));
}

TEST(RegistryChange, EveryEventTypeHasAWordThatReadsBack) {
  for (auto w : words_of_RegistryEventType()) {
    auto t = parse_RegistryEventType(w);
    ASSERT_TRUE(t);
    EXPECT_EQ(to_string(*t), w);
  }
  EXPECT_FALSE(parse_RegistryEventType("protection"));
  EXPECT_EQ(to_string(removal_event().type), "personne.supprimee");
}
