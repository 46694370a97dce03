#include "service/verification_request.hpp"

#include <gtest/gtest.h>

using namespace ofpra;

namespace {

const std::string base = R"("recipient":"21750001600019","motif":"Ouverture de droits","scopes":["protection"])";

std::string parameter_of(const std::string& body) {
  auto r = service::parse_verification_request(body);
  const auto* refusal = std::get_if<service::Refusal>(&r);
  return refusal ? refusal->parameter : "(accepted)";
}

}  // namespace

TEST(VerificationRequest, EachSubjectIsRead) {
  auto r = service::parse_verification_request("{" + base + R"(,"numero_ofpra":"123456789","agent":"a-1"})");
  ASSERT_TRUE(std::holds_alternative<service::VerificationRequest>(r));
  const auto& v = std::get<service::VerificationRequest>(r);
  EXPECT_EQ(v.subject, service::SubjectKind::numero_ofpra);
  EXPECT_EQ(v.number, "123456789");
  EXPECT_EQ(v.agent, "a-1");
  auto id = service::parse_verification_request(
      "{" + base +
      R"(,"identite":{"nom_naissance":"AHMADY","prenoms":["Mohamad","Reza"],"date_naissance":"1990","code_pays_naissance":"99212","sexe":"M"}})");
  ASSERT_TRUE(std::holds_alternative<service::VerificationRequest>(id));
  const auto& q = std::get<service::VerificationRequest>(id).identite;
  EXPECT_EQ(q.nom_naissance, "AHMADY");
  EXPECT_EQ(q.prenoms, (std::vector<std::string>{"Mohamad", "Reza"}));
  EXPECT_EQ(q.date_naissance.precision, domain::DatePrecision::year);
  EXPECT_EQ(q.code_pays_naissance, "99212");
  EXPECT_EQ(q.sexe, domain::Sex::male);
}

TEST(VerificationRequest, EveryBadFieldIsNamed) {
  EXPECT_EQ(parameter_of("not json"), "");
  EXPECT_EQ(parameter_of("[1]"), "");
  EXPECT_EQ(parameter_of(R"({"motif":"x","scopes":["protection"],"numero_ofpra":"123456789"})"), "recipient");
  EXPECT_EQ(
      parameter_of(R"({"recipient":"21750001600018","motif":"x","scopes":["protection"],"numero_ofpra":"123456789"})"),
      "recipient");                                           // bad Luhn key
  EXPECT_EQ(parameter_of("{" + base + "}"), "numero_ofpra");  // no subject
  EXPECT_EQ(parameter_of("{" + base + R"(,"numero_ofpra":"123456789","numero_agdref":"7501234567"})"), "numero_ofpra");
  EXPECT_EQ(parameter_of("{" + base + R"(,"numero_ofpra":"12345678"})"), "numero_ofpra");
  EXPECT_EQ(parameter_of("{" + base + R"(,"numero_agdref":"75012345"})"), "numero_agdref");
  EXPECT_EQ(parameter_of("{" + base + R"(,"numero_ofpra":"123456789","colour":"blue"})"), "colour");
  EXPECT_EQ(parameter_of("{" + base + R"(,"numero_ofpra":"123456789","date":"2024-02-30"})"), "date");
  EXPECT_EQ(parameter_of("{" + base + R"(,"numero_ofpra":"123456789","date_naissance":"1990"})"), "date_naissance");
  EXPECT_EQ(
      parameter_of(R"({"recipient":"21750001600019","motif":"x","scopes":["everything"],"numero_ofpra":"123456789"})"),
      "scopes");
  EXPECT_EQ(parameter_of(R"({"recipient":"21750001600019","motif":"x","scopes":[],"numero_ofpra":"123456789"})"),
            "scopes");
  EXPECT_EQ(parameter_of("{" + base + R"(,"identite":"AHMADI"})"), "identite");
  EXPECT_EQ(parameter_of("{" + base + R"(,"identite":{"prenoms":[],"date_naissance":"1990"}})"),
            "identite.nom_naissance");
  EXPECT_EQ(parameter_of("{" + base + R"(,"identite":{"nom_naissance":"A","prenoms":"B","date_naissance":"1990"}})"),
            "identite.prenoms");
  EXPECT_EQ(
      parameter_of("{" + base + R"(,"identite":{"nom_naissance":"A","prenoms":[],"date_naissance":"01/01/1990"}})"),
      "identite.date_naissance");
  EXPECT_EQ(parameter_of("{" + base +
                         R"(,"identite":{"nom_naissance":"A","prenoms":[],"date_naissance":"1990","sexe":"male"}})"),
            "identite.sexe");
  EXPECT_EQ(
      parameter_of(
          "{" + base +
          R"(,"identite":{"nom_naissance":"A","prenoms":[],"date_naissance":"1990","code_pays_naissance":"Afghanistan"}})"),
      "identite.code_pays_naissance");
  EXPECT_EQ(
      parameter_of("{" + base + R"(,"identite":{"nom_naissance":"A","prenoms":[],"date_naissance":"1990","x":1}})"),
      "identite.x");
}

TEST(VerificationRequest, RefusalsNeverRepeatTheValue) {
  auto r = service::parse_verification_request("{" + base + R"(,"numero_ofpra":"12345678X"})");
  const auto& refusal = std::get<service::Refusal>(r);
  EXPECT_EQ(refusal.status, 400u);
  EXPECT_EQ(refusal.detail.find("12345678X"), std::string::npos);
  EXPECT_EQ(service::error_body(refusal).find("12345678X"), std::string::npos);
}
