#include "domain/person_codec.hpp"

#include <gtest/gtest.h>

using namespace ofpra::domain;

namespace {

Person sample() {
  Person p;
  p.numero_ofpra = "123456789";
  p.numero_agdref = "7501234567";
  p.nom_naissance = "AHMADI";
  p.nom_usage = "KARIMI";
  p.prenoms = {"Mohammad", "Reza"};
  p.ecriture_origine = OriginalScript{"Arab", "احمدی", {"محمد", "رضا"}};
  p.alias = {{"AHMADY", {"Mohamad"}}, {"AHMEDI", {}}};
  p.sexe = Sex::male;
  p.date_naissance = *PartialDate::parse("1990-05");
  p.lieu_naissance = "Herat";
  p.code_pays_naissance = "99212";
  p.nationalite = "99212";
  p.contact = {"m@example.org", "+33612345678", "prs"};
  p.protections = {{ProtectionType::subsidiary, Authority::cnda, *PartialDate::parse("2019-02-03"),
                    *PartialDate::parse("2022-01-01"), EndReason::cessation},
                   {ProtectionType::refugee, Authority::ofpra, *PartialDate::parse("2023-04-12"), {}, {}}};
  p.dossier_etat_civil =
      CivilStatusFile{FileStage::instruction, *PartialDate::parse("2024-02-01"), *PartialDate::parse("2024-06-01"), {}};
  p.famille = {{FamilyLink::spouse, "223456789", {}, {}, {}, {}},
               {FamilyLink::child, {}, "AHMADI", {"Sara"}, Sex::female, *PartialDate::parse("2015-03-02")}};
  return p;
}

}  // namespace

TEST(PersonCodec, EveryFieldButTheContactSurvives) {
  auto p = sample();
  std::string bytes;
  encode_person(p, bytes);
  auto back = decode_person(bytes);
  EXPECT_EQ(back.contact, Contact{});
  p.contact = {};
  EXPECT_EQ(back, p);
  // Long names (lengths over 127 bytes take two length bytes) and an empty person.
  Person long_names;
  long_names.nom_naissance = std::string(300, 'A');
  long_names.prenoms = {std::string(200, 'B')};
  bytes.clear();
  encode_person(long_names, bytes);
  EXPECT_EQ(decode_person(bytes), long_names);
}

TEST(PersonCodec, TruncatedBytesNeverReadPastTheEnd) {
  Person p;
  p.numero_ofpra = "123456789";
  p.nom_naissance = "TESFAYE";
  p.prenoms = {"Tsehaye"};
  std::string bytes;
  encode_person(p, bytes);
  for (std::size_t n = 0; n < bytes.size(); ++n) (void)decode_person(std::string_view(bytes).substr(0, n));
  SUCCEED();  // under ASan, any read past the end fails the run
}

// Every combination of parts: those asked for read as in the whole decoding, the others as a
// default person has them, and the number always.
TEST(PersonCodec, EachPartAskedForDecodesAsInTheWholeAndTheOthersStayEmpty) {
  auto whole = sample();
  whole.contact = {};
  std::string bytes;
  encode_person(whole, bytes);
  for (unsigned bits = 0; bits <= static_cast<unsigned>(PersonParts::all); ++bits) {
    const auto parts = static_cast<PersonParts>(bits);
    Person expected;
    expected.numero_ofpra = whole.numero_ofpra;
    if (includes(parts, PersonParts::identity)) {
      expected = whole;
      expected.protections = {};
      expected.dossier_etat_civil = {};
      expected.famille = {};
    }
    if (includes(parts, PersonParts::protections)) expected.protections = whole.protections;
    if (includes(parts, PersonParts::civil_status)) expected.dossier_etat_civil = whole.dossier_etat_civil;
    if (includes(parts, PersonParts::family)) expected.famille = whole.famille;
    EXPECT_EQ(decode_person(bytes, parts), expected) << "parts " << bits;
  }
  EXPECT_EQ(decode_person(bytes, PersonParts::all), whole);
  // Read past or not, truncated bytes never lead past the end (ASan).
  for (unsigned bits = 0; bits <= static_cast<unsigned>(PersonParts::all); ++bits)
    for (std::size_t n = 0; n < bytes.size(); ++n)
      (void)decode_person(std::string_view(bytes).substr(0, n), static_cast<PersonParts>(bits));
}
