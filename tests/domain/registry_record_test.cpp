#include "domain/registry_record.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace ofpra::domain;

namespace {

// The example record of DESIGN §5.
const std::string design_example =
    R"({"numero_ofpra":"123456789","numero_agdref":"7501234567",
 "nom_naissance":"AHMADI","nom_usage":null,"prenoms":["Mohammad","Reza"],
 "ecriture_origine":{"script":"Arab","nom":"احمدی","prenoms":["محمد","رضا"]},
 "alias":[{"nom_naissance":"AHMADY","prenoms":["Mohamad"]}],
 "sexe":"M","date_naissance":"1990","lieu_naissance":"Herat","code_pays_naissance":"99212",
 "contact":{"email":"m.ahmadi@example.org","telephone":"+33612345678","langue":"prs"},
 "protections":[{"type":"refugie","autorite":"OFPRA","debut":"2023-04-12","fin":null,"motif_fin":null}],
 "dossier_etat_civil":{"etape":"ffr_recue","ffr_recue_le":"2024-02-01","actes_etablis_le":null},
 "famille":[{"lien":"conjoint","numero_ofpra":"223456789"},
            {"lien":"enfant","nom_naissance":"AHMADI","prenoms":["Sara"],"sexe":"F","date_naissance":"2015-03-02"}]})";

std::string with(const std::string& key, const std::string& json_value) {
  // Replaces the value of a top-level key of the example by json_value.
  auto pos = design_example.find("\"" + key + "\":");
  EXPECT_NE(pos, std::string::npos) << key;
  auto start = pos + key.size() + 3;
  int depth = 0;
  bool in_string = false;
  std::size_t end = start;
  for (; end < design_example.size(); ++end) {
    char c = design_example[end];
    if (in_string) {
      if (c == '\\')
        ++end;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '{' || c == '[')
      ++depth;
    else if (c == '}' || c == ']') {
      if (depth == 0) break;
      --depth;
    } else if (c == ',' && depth == 0)
      break;
  }
  return design_example.substr(0, start) + json_value + design_example.substr(end);
}

}  // namespace

TEST(RegistryRecord, ParsesTheDesignExample) {
  auto p = parse_registry_record(design_example);
  ASSERT_TRUE(p) << p.error().field << ": " << p.error().message;
  EXPECT_EQ(p->numero_ofpra, "123456789");
  EXPECT_EQ(p->numero_agdref, "7501234567");
  EXPECT_EQ(p->prenoms, (std::vector<std::string>{"Mohammad", "Reza"}));
  ASSERT_TRUE(p->ecriture_origine);
  EXPECT_EQ(p->ecriture_origine->script, "Arab");
  EXPECT_EQ(p->ecriture_origine->nom, "احمدی");
  ASSERT_EQ(p->alias.size(), 1u);
  EXPECT_EQ(p->alias[0].nom_naissance, "AHMADY");
  EXPECT_EQ(p->date_naissance.precision, DatePrecision::year);
  EXPECT_EQ(p->code_pays_naissance, "99212");
  ASSERT_EQ(p->protections.size(), 1u);
  EXPECT_EQ(p->protections[0].type, ProtectionType::refugee);
  EXPECT_FALSE(p->protections[0].fin);
  ASSERT_TRUE(p->dossier_etat_civil);
  EXPECT_EQ(p->dossier_etat_civil->stage, FileStage::ffr_received);
  ASSERT_EQ(p->famille.size(), 2u);
  EXPECT_EQ(p->famille[0].numero_ofpra, "223456789");
  EXPECT_EQ(p->famille[1].prenoms, std::vector<std::string>{"Sara"});
  EXPECT_EQ(p->contact.langue, "prs");
}

TEST(RegistryRecord, SerialisationRoundTrips) {
  auto p = parse_registry_record(design_example);
  ASSERT_TRUE(p);
  auto again = parse_registry_record(to_registry_record(*p));
  ASSERT_TRUE(again) << again.error().field << ": " << again.error().message;
  EXPECT_EQ(*p, *again);
}

struct BadCase {
  const char* key;
  const char* value;
  const char* field;
};

class RegistryRecordRejects : public ::testing::TestWithParam<BadCase> {};

TEST_P(RegistryRecordRejects, NamingTheFieldAndNeverTheValue) {
  const auto& c = GetParam();
  auto p = parse_registry_record(with(c.key, c.value));
  ASSERT_FALSE(p) << c.key << "=" << c.value;
  EXPECT_EQ(p.error().field, c.field);
  EXPECT_EQ(p.error().message.find(c.value), std::string::npos) << "the error repeats the input";
}

INSTANTIATE_TEST_SUITE_P(
    Fields, RegistryRecordRejects,
    ::testing::Values(
        BadCase{"numero_ofpra", R"("12345678")", "numero_ofpra"},
        BadCase{"numero_ofpra", R"(123456789)", "numero_ofpra"}, BadCase{"numero_ofpra", R"(null)", "numero_ofpra"},
        BadCase{"numero_agdref", R"("75012345")", "numero_agdref"}, BadCase{"nom_naissance", R"("")", "nom_naissance"},
        BadCase{"nom_naissance", R"("A\u0001B")", "nom_naissance"}, BadCase{"prenoms", R"("Mohammad")", "prenoms"},
        BadCase{"prenoms", R"([42])", "prenoms[0]"}, BadCase{"sexe", R"("H")", "sexe"},
        BadCase{"date_naissance", R"("1990-02-30")", "date_naissance"},
        BadCase{"date_naissance", R"("17/05/1990")", "date_naissance"},
        BadCase{"code_pays_naissance", R"("212")", "code_pays_naissance"},
        BadCase{"ecriture_origine", R"({"script":"arabic","nom":"x","prenoms":[]})", "ecriture_origine.script"},
        BadCase{"contact", R"({"email":"not-an-email"})", "contact.email"},
        BadCase{"contact", R"({"telephone":"0612345678"})", "contact.telephone"},
        BadCase{"protections", R"([{"type":"asile","autorite":"OFPRA","debut":"2023-04-12"}])", "protections[0].type"},
        BadCase{"protections", R"([{"type":"refugie","autorite":"OFPRA","debut":"2023"}])", "protections[0].debut"},
        BadCase{
            "protections",
            R"([{"type":"refugie","autorite":"OFPRA","debut":"2023-04-12","fin":"2022-01-01","motif_fin":"retrait"}])",
            "protections[0].fin"},
        BadCase{"protections", R"([{"type":"refugie","autorite":"OFPRA","debut":"2020-04-12","fin":"2022-01-01"}])",
                "protections[0].motif_fin"},
        BadCase{
            "protections",
            R"([{"type":"refugie","autorite":"OFPRA","debut":"2020-04-12"},{"type":"refugie","autorite":"CNDA","debut":"2021-01-01"}])",
            "protections"},
        BadCase{"dossier_etat_civil", R"({"etape":"ffr_recue"})", "dossier_etat_civil.ffr_recue_le"},
        BadCase{"dossier_etat_civil",
                R"({"etape":"actes_etablis","ffr_recue_le":"2024-02-01","actes_etablis_le":"2023-01-01"})",
                "dossier_etat_civil.actes_etablis_le"},
        BadCase{"famille", R"([{"lien":"cousin","numero_ofpra":"223456789"}])", "famille[0].lien"},
        BadCase{"famille", R"([{"lien":"enfant"}])", "famille[0].nom_naissance"},
        BadCase{"famille", R"([{"lien":"conjoint","numero_ofpra":"123456789"}])", "famille[0].numero_ofpra"},
        BadCase{"alias", R"({"nom_naissance":"X"})", "alias"}));

TEST(RegistryRecord, RejectsUnknownFieldsAndNonObjects) {
  auto p = parse_registry_record(with("nom_usage", R"(null, "nom_usuel": "X")"));
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().field, "nom_usuel");
  EXPECT_FALSE(parse_registry_record("[]"));
  EXPECT_FALSE(parse_registry_record("{"));
  EXPECT_FALSE(parse_registry_record(""));
  EXPECT_FALSE(parse_registry_record("\"text\""));
}

TEST(RegistryRecord, RefusesAMemberNamedTwice) {
  // Read as its last value, the second name would silently replace the first.
  auto p = parse_registry_record(with("nom_usage", R"("A", "nom_usage": "B")"));
  ASSERT_FALSE(p);
  EXPECT_NE(p.error().message.find("twice"), std::string::npos);
}

TEST(RegistryRecord, ProtectionsAreKeptInDateOrder) {
  auto p = parse_registry_record(with(
      "protections",
      R"([{"type":"refugie","autorite":"CNDA","debut":"2022-03-01"},{"type":"protection_subsidiaire","autorite":"OFPRA","debut":"2019-01-10","fin":"2021-06-30","motif_fin":"retrait"}])"));
  ASSERT_TRUE(p) << p.error().field << ": " << p.error().message;
  ASSERT_EQ(p->protections.size(), 2u);
  EXPECT_EQ(p->protections[0].type, ProtectionType::subsidiary);
  EXPECT_EQ(p->protections[0].motif_fin, EndReason::withdrawal);
  EXPECT_EQ(p->protections[1].authority, Authority::cnda);
}

TEST(RegistryRecord, AcceptsCorsicanAndForeignCogCodes) {
  EXPECT_TRUE(is_cog_code("99212"));
  EXPECT_TRUE(is_cog_code("2A004"));
  EXPECT_FALSE(is_cog_code("2C004"));
  EXPECT_FALSE(is_cog_code("9921"));
}
