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
  ASSERT_TRUE(std::holds_alternative<service::DisclosureRequest>(r));
  const auto& v = std::get<service::DisclosureRequest>(r);
  EXPECT_EQ(v.subject.kind, service::SubjectKind::numero_ofpra);
  EXPECT_EQ(v.subject.number, "123456789");
  EXPECT_EQ(v.agent, "a-1");
  auto id = service::parse_verification_request(
      "{" + base +
      R"(,"identite":{"nom_naissance":"AHMADY","prenoms":["Mohamad","Reza"],"date_naissance":"1990","code_pays_naissance":"99212","sexe":"M"}})");
  ASSERT_TRUE(std::holds_alternative<service::DisclosureRequest>(id));
  const auto& q = std::get<service::DisclosureRequest>(id).subject.identite;
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

TEST(VerificationRequest, AFieldNamedTwiceIsRefused) {
  // A proxy reading the first "numero_ofpra" and us the last would not agree on the subject.
  const auto body = "{" + base + R"(,"numero_ofpra":"123456789","numero_ofpra":"987654321"})";
  const auto r = service::parse_verification_request(body);
  const auto* refusal = std::get_if<service::Refusal>(&r);
  ASSERT_NE(refusal, nullptr);
  EXPECT_EQ(refusal->problem, domain::Problem::malformed_request);
  // At any depth.
  const auto nested = service::parse_verification_request(
      "{" + base + R"(,"identite":{"nom_naissance":"A","nom_naissance":"B","prenoms":["C"],"date_naissance":"1990"}})");
  const auto* nested_refusal = std::get_if<service::Refusal>(&nested);
  ASSERT_NE(nested_refusal, nullptr);
  EXPECT_EQ(nested_refusal->problem, domain::Problem::malformed_request);
}

TEST(VerificationRequest, RefusalsNeverRepeatTheValue) {
  auto r = service::parse_verification_request("{" + base + R"(,"numero_ofpra":"12345678X"})");
  const auto& refusal = std::get<service::Refusal>(r);
  EXPECT_EQ(refusal.problem, domain::Problem::invalid_parameter);
  EXPECT_EQ(refusal.detail.find("12345678X"), std::string::npos);
}

TEST(VerificationRequest, TheHashIsThatOfTheBodyAsSent) {
  const auto body = "{" + base + R"(,"numero_ofpra":"123456789"})";
  const auto spaced = "{ " + base + R"(, "numero_ofpra":"123456789"})";
  auto a = std::get<service::DisclosureRequest>(service::parse_verification_request(body));
  auto b = std::get<service::DisclosureRequest>(service::parse_verification_request(spaced));
  EXPECT_EQ(a.request_hash.size(), 64u);
  EXPECT_NE(a.request_hash, b.request_hash);
}

TEST(ShareCodePageRequest, TheFormIsReadAsTheApiReadsItsBody) {
  auto ok = service::share_code_page_request("abc-def-ghj", "1990-05-17", "Bail", "Office HLM");
  ASSERT_TRUE(std::holds_alternative<service::DisclosureRequest>(ok));
  const auto& r = std::get<service::DisclosureRequest>(ok);
  EXPECT_EQ(r.subject.kind, service::SubjectKind::code_partage);
  EXPECT_EQ(r.subject.number, "ABCDEFGHJ");
  EXPECT_EQ(r.subject.date_naissance->to_string(), "1990-05-17");
  EXPECT_TRUE(r.scopes.empty());  // what the code opens, decided by the door
  auto parameter = [](auto&& result) {
    const auto* refusal = std::get_if<service::Refusal>(&result);
    return refusal ? refusal->parameter : "(accepted)";
  };
  EXPECT_EQ(parameter(service::share_code_page_request("ABCDEFGHI", "1990", "Bail", "HLM")), "code_partage");
  EXPECT_EQ(parameter(service::share_code_page_request("ABCDEFGHJ", "", "Bail", "HLM")), "date_naissance");
  EXPECT_EQ(parameter(service::share_code_page_request("ABCDEFGHJ", "17/05/1990", "Bail", "HLM")), "date_naissance");
  EXPECT_EQ(parameter(service::share_code_page_request("ABCDEFGHJ", "1990", "", "HLM")), "motif");
  EXPECT_EQ(parameter(service::share_code_page_request("ABCDEFGHJ", "1990", std::string(501, 'x'), "HLM")), "motif");
  EXPECT_EQ(parameter(service::share_code_page_request("ABCDEFGHJ", "1990", "Bail", "")), "agent");
  EXPECT_EQ(parameter(service::share_code_page_request("ABCDEFGHJ", "1990", "Bail", std::string(101, 'x'))), "agent");
}

TEST(VerificationRequest, PurposeAndAgentArePlainTextWithoutControlsOrDirectionOverrides) {
  auto with = [](std::string motif, std::string agent = "a-1") {
    return parameter_of(
        R"({"recipient":"21750001600019","scopes":["protection"],"numero_ofpra":"123456789","motif":")" + motif +
        R"(","agent":")" + agent + R"("})");
  };
  EXPECT_EQ(with("Ouverture de droits"), "(accepted)");
  EXPECT_EQ(with("فتح الحقوق"), "(accepted)");  // Arabic is text, not a control
  EXPECT_EQ(with("ትግርኛ ጽሑፍ"), "(accepted)");
  EXPECT_EQ(with("Bail \u202e sel"), "motif");     // right-to-left override
  EXPECT_EQ(with("Bail \u2067x\u2069"), "motif");  // isolates
  EXPECT_EQ(with("Bail\\u0007"), "motif");         // BEL, escaped in JSON
  EXPECT_EQ(with("Bail\\nsuite"), "motif");
  EXPECT_EQ(with("Bail \u0085"), "motif");  // C1 control
  EXPECT_EQ(with("Bail", "agent \u200f"), "agent");
  EXPECT_FALSE(service::plain_text("\xC0\xAF"));      // overlong
  EXPECT_FALSE(service::plain_text("\xED\xA0\x80"));  // a surrogate
  EXPECT_FALSE(service::plain_text("abc\xE2\x80"));   // cut short
  EXPECT_TRUE(service::plain_text("Ça, c'est « écrit » — 😀"));
}
