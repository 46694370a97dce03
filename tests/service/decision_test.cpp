// The door's decision over every combination of caller kind, partner type, scope, consent state
// and subject kind (DESIGN §3). The expected answer is computed here from the design's table,
// independently of domain::default_policy.
#include "service/decision.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

using namespace ofpra;
using domain::AdministrationType;
using domain::Problem;
using domain::Scope;
using service::CallerKind;
using service::Outcome;
using service::SubjectKind;

namespace {

constexpr auto herself = "123456789";
const auto today = *domain::PartialDate::parse("2026-12-07");
constexpr auto now = "2026-12-07T10:00:00Z";

// DESIGN §3's default policy: scope -> consent required.
std::map<Scope, bool> design_policy(AdministrationType t) {
  using enum AdministrationType;
  const std::map<Scope, bool> none;
  switch (t) {
    case transport:
    case social_landlord:
      return {{Scope::protection, true}};
    case education:
      return {{Scope::protection, true}, {Scope::civil_status_progress, true}};
    case caf:
    case health_insurance:
    case prefecture:
      return {{Scope::protection, false},
              {Scope::protection_history, false},
              {Scope::civil_status_progress, false},
              {Scope::civil_status_identity, false},
              {Scope::civil_status_family, false}};
    case france_travail:
      return {{Scope::protection, false}, {Scope::civil_status_progress, false}, {Scope::civil_status_identity, false}};
    case local_authority:
      return {{Scope::protection, true},
              {Scope::protection_history, true},
              {Scope::civil_status_progress, true},
              {Scope::civil_status_identity, true},
              {Scope::civil_status_family, true}};
    case other:
      return none;
  }
  return none;
}

std::vector<domain::Habilitation> habilitations_of(AdministrationType t) {
  domain::Habilitation h;
  h.partner_siret = "21750001600019";
  h.state = domain::HabilitationState::validated;
  h.valid_from = "2026-01-01";
  for (const auto& [scope, consent] : design_policy(t)) h.scopes.push_back({scope, consent});
  return {h};
}

enum class ConsentCase { none, active, active_for_type, revoked, expired, not_yet_valid, other_scope };
constexpr std::array<ConsentCase, 7> consent_cases{
    ConsentCase::none,    ConsentCase::active,        ConsentCase::active_for_type, ConsentCase::revoked,
    ConsentCase::expired, ConsentCase::not_yet_valid, ConsentCase::other_scope};

std::vector<domain::Consent> consents_in(ConsentCase c, Scope asked) {
  if (c == ConsentCase::none) return {};
  domain::Consent k;
  k.id = 42;
  k.numero_ofpra = herself;
  k.partner_siret = "21750001600019";
  k.scopes = {asked};
  k.purpose = "Bail";
  k.valid_from = "2026-12-01";
  k.valid_to = "2027-06-01";
  switch (c) {
    case ConsentCase::active_for_type:
      k.partner_siret.clear();
      k.partner_type = AdministrationType::transport;
      break;
    case ConsentCase::revoked:
      k.revoked_at = "2026-12-05T08:00:00Z";
      break;
    case ConsentCase::expired:
      k.valid_from = "2026-01-01";
      k.valid_to = "2026-12-06";
      break;
    case ConsentCase::not_yet_valid:
      k.valid_from = "2026-12-08";
      break;
    case ConsentCase::other_scope:
      k.scopes = {asked == Scope::protection ? Scope::civil_status_family : Scope::protection};
      break;
    default:
      break;
  }
  return {k};
}
bool consent_counts(ConsentCase c) { return c == ConsentCase::active || c == ConsentCase::active_for_type; }

domain::ShareCode valid_code(domain::ShareLevel level = domain::ShareLevel::full_civil_status) {
  domain::ShareCode code;
  code.id = 7;
  code.numero_ofpra = herself;
  code.level = level;
  code.created_at = "2026-12-01T00:00:00Z";
  code.expires_at = "2027-01-01T00:00:00Z";
  return code;
}

service::DisclosureRequest request_for(SubjectKind kind, std::vector<Scope> scopes) {
  service::DisclosureRequest r;
  r.subject.kind = kind;
  r.subject.number = kind == SubjectKind::numero_agdref  ? "7501234567"
                     : kind == SubjectKind::code_partage ? "ABCDEFGHJ"
                                                         : herself;
  if (kind == SubjectKind::identite) {
    r.subject.identite.nom_naissance = "AHMADI";
    r.subject.identite.date_naissance = *domain::PartialDate::parse("1990");
  }
  if (kind == SubjectKind::code_partage) r.subject.date_naissance = *domain::PartialDate::parse("1990-05-17");
  r.scopes = std::move(scopes);
  r.purpose = "Ouverture de droits";
  r.recipient = "21750001600019";
  return r;
}

struct Case {
  CallerKind caller;
  AdministrationType type;
  Scope scope;
  ConsentCase consent;
  SubjectKind subject;
};

std::string describe(const Case& c) {
  return "caller " + std::to_string(static_cast<int>(c.caller)) + " type " + std::string(to_string(c.type)) +
         " scope " + std::string(to_string(c.scope)) + " consent " + std::to_string(static_cast<int>(c.consent)) +
         " subject " + std::to_string(static_cast<int>(c.subject));
}

// What the design says the door answers: the outcome, or the refusal's kind.
std::variant<Outcome, Problem> expected(const Case& c) {
  const bool by_code = c.subject == SubjectKind::code_partage;
  switch (c.caller) {
    case CallerKind::share_code_holder:
      if (!by_code) return Problem::invalid_parameter;
      return Outcome::found;  // the code opens its level, whoever the verifier is
    case CallerKind::person_herself:
      if (c.subject != SubjectKind::numero_ofpra)
        return by_code ? Problem::invalid_parameter : Problem::scope_not_habilitated;
      return Outcome::found;
    case CallerKind::attestation_verifier:
      return Problem::invalid_parameter;  // it verifies an attestation, it asks nothing
    case CallerKind::staff_member:
      // OFPRA's staff answer a request on behalf of the partner: its policy, never a code.
      if (by_code) return Problem::invalid_parameter;
      [[fallthrough]];
    case CallerKind::partner_client:
    case CallerKind::counter_agent: {
      // The full level opens protection, the file's progress, identity and family (not the history).
      if (by_code && c.scope == Scope::protection_history) return Problem::scope_outside_share_code;
      const auto policy = design_policy(c.type);
      const auto it = policy.find(c.scope);
      if (it == policy.end()) return Problem::scope_not_habilitated;
      if (!it->second || by_code) return Outcome::found;
      return consent_counts(c.consent) ? std::variant<Outcome, Problem>(Outcome::found) : Problem::consent_required;
    }
  }
  return Problem::internal;
}

// Decides as the door does: once, then again with the consents if the decision asks for them.
service::Decision decide_case(const Case& c, const service::DisclosureRequest& request,
                              const std::vector<domain::Habilitation>& habilitations,
                              const std::vector<std::string>& token_scopes) {
  service::Facts f;
  f.caller = c.caller;
  f.herself = herself;
  f.request = &request;
  f.today = today;
  f.now = now;
  if (c.caller == CallerKind::partner_client) f.token_scopes = &token_scopes;
  if (c.caller != CallerKind::share_code_holder && c.caller != CallerKind::person_herself) {
    f.habilitations = &habilitations;
    f.partner_siret = "21750001600019";
  }
  if (c.subject == SubjectKind::code_partage)
    f.share_code = service::ShareCodeFacts{false, valid_code(), true, true};
  else
    f.person = herself;
  auto d = service::decide(f);
  if (std::holds_alternative<service::NeedsConsents>(d.verdict)) {
    f.consents = service::ConsentsOf{{herself, consents_in(c.consent, c.scope)}};
    d = service::decide(f);
    EXPECT_FALSE(std::holds_alternative<service::NeedsConsents>(d.verdict)) << describe(c);
  }
  return d;
}

std::vector<std::string> all_scope_words() {
  std::vector<std::string> words;
  for (auto s : domain::all_scopes) words.emplace_back(to_string(s));
  return words;
}

// The facts of a partner's question: its token, its habilitations, the day.
service::Facts partner_facts(CallerKind caller, const service::DisclosureRequest& request,
                             const std::vector<std::string>& token,
                             const std::vector<domain::Habilitation>& habilitations) {
  service::Facts f;
  f.caller = caller;
  f.request = &request;
  f.today = today;
  f.now = now;
  f.token_scopes = &token;
  f.habilitations = &habilitations;
  f.partner_siret = "21750001600019";
  return f;
}

}  // namespace

TEST(Decision, EveryCallerPartnerScopeConsentAndSubjectAsTheDesignSays) {
  const auto token_scopes = all_scope_words();
  int cases = 0;
  for (auto caller : {CallerKind::partner_client, CallerKind::share_code_holder, CallerKind::person_herself,
                      CallerKind::counter_agent, CallerKind::staff_member, CallerKind::attestation_verifier})
    for (auto type : domain::words_of_AdministrationType()) {
      const auto t = *domain::parse_AdministrationType(type);
      const auto habilitations = habilitations_of(t);
      for (auto scope : domain::all_scopes)
        for (auto consent : consent_cases)
          for (auto subject : {SubjectKind::numero_ofpra, SubjectKind::numero_agdref, SubjectKind::identite,
                               SubjectKind::code_partage}) {
            const Case c{caller, t, scope, consent, subject};
            const auto request = request_for(subject, {scope});
            const auto d = decide_case(c, request, habilitations, token_scopes);
            const auto want = expected(c);
            ++cases;
            if (const auto* outcome = std::get_if<Outcome>(&want)) {
              const auto* grant = std::get_if<service::Grant>(&d.verdict);
              ASSERT_TRUE(grant) << describe(c) << ": refused "
                                 << domain::info(std::get<service::Refusal>(d.verdict).problem).code;
              EXPECT_EQ(grant->outcome, *outcome) << describe(c);
              if (caller == CallerKind::share_code_holder)
                EXPECT_EQ(grant->given, domain::scopes_of(domain::ShareLevel::full_civil_status)) << describe(c);
              else
                EXPECT_EQ(grant->given, std::vector<Scope>{scope}) << describe(c);
              EXPECT_EQ(d.person, herself) << describe(c);
              // The consent or code that opened the answer is named, and only then.
              const bool needed = (caller == CallerKind::partner_client || caller == CallerKind::counter_agent ||
                                   caller == CallerKind::staff_member) &&
                                  subject != SubjectKind::code_partage && design_policy(t).at(scope);
              if (subject == SubjectKind::code_partage)
                EXPECT_EQ(d.consent_ref, "code:7") << describe(c);
              else
                EXPECT_EQ(d.consent_ref, needed ? "consentement:42" : "") << describe(c);
            } else {
              const auto* refusal = std::get_if<service::Refusal>(&d.verdict);
              ASSERT_TRUE(refusal) << describe(c) << ": answered";
              EXPECT_EQ(refusal->problem, std::get<Problem>(want)) << describe(c);
              EXPECT_FALSE(refusal->parameter.empty()) << describe(c);
            }
          }
    }
  EXPECT_EQ(cases, 6 * 9 * 5 * 7 * 4);
}

TEST(Decision, ATokenNarrowerThanTheHabilitationBoundsThePartnerClientOnly) {
  const auto habilitations = habilitations_of(AdministrationType::caf);
  const std::vector<std::string> token{"protection"};
  const auto request = request_for(SubjectKind::numero_ofpra, {Scope::protection, Scope::civil_status_identity});
  for (auto caller : {CallerKind::partner_client, CallerKind::counter_agent}) {
    const Case c{caller, AdministrationType::caf, Scope::protection, ConsentCase::none, SubjectKind::numero_ofpra};
    const auto d = decide_case(c, request, habilitations, token);
    if (caller == CallerKind::partner_client) {
      ASSERT_TRUE(std::holds_alternative<service::Refusal>(d.verdict));
      EXPECT_EQ(std::get<service::Refusal>(d.verdict).problem, Problem::scope_not_habilitated);
    } else {
      ASSERT_TRUE(std::holds_alternative<service::Grant>(d.verdict));
    }
  }
}

TEST(Decision, AHabilitationNotInForceCoversNothing) {
  const std::vector<std::string> token = all_scope_words();
  for (auto state : {domain::HabilitationState::draft, domain::HabilitationState::submitted,
                     domain::HabilitationState::refused, domain::HabilitationState::revoked}) {
    auto habilitations = habilitations_of(AdministrationType::caf);
    habilitations[0].state = state;
    const auto request = request_for(SubjectKind::numero_ofpra, {Scope::protection});
    const Case c{CallerKind::counter_agent, AdministrationType::caf, Scope::protection, ConsentCase::none,
                 SubjectKind::numero_ofpra};
    const auto d = decide_case(c, request, habilitations, token);
    ASSERT_TRUE(std::holds_alternative<service::Refusal>(d.verdict));
    EXPECT_EQ(std::get<service::Refusal>(d.verdict).problem, Problem::scope_not_habilitated);
  }
  auto ended = habilitations_of(AdministrationType::caf);
  ended[0].valid_to = "2026-12-06";
  const auto request = request_for(SubjectKind::numero_ofpra, {Scope::protection});
  const auto d = decide_case({CallerKind::partner_client, AdministrationType::caf, Scope::protection, ConsentCase::none,
                              SubjectKind::numero_ofpra},
                             request, ended, token);
  EXPECT_TRUE(std::holds_alternative<service::Refusal>(d.verdict));
}

TEST(Decision, NobodyOrSeveralFoundTellANonConsentedPartnerNothing) {
  const std::vector<std::string> token = all_scope_words();
  const auto transport = habilitations_of(AdministrationType::transport);
  const auto caf = habilitations_of(AdministrationType::caf);
  const auto request = request_for(SubjectKind::identite, {Scope::protection});
  auto f = partner_facts(CallerKind::partner_client, request, token, caf);

  // Nobody: without a consent needed, "non_trouve"; with one, the same refusal as for a person.
  f.habilitations = &caf;
  EXPECT_EQ(std::get<service::Grant>(service::decide(f).verdict).outcome, Outcome::not_found);
  f.habilitations = &transport;
  // Consents are read for nobody too, so that nobody is not told apart by a quicker answer.
  ASSERT_TRUE(std::holds_alternative<service::NeedsConsents>(service::decide(f).verdict));
  f.consents = service::ConsentsOf{};
  EXPECT_EQ(std::get<service::Refusal>(service::decide(f).verdict).problem, Problem::consent_required);
  f.consents.reset();

  // Several: "ambigu" only to a partner one of them consented to; nobody is named either way.
  f.candidates = {"111111111", "222222222"};
  f.habilitations = &caf;
  auto d = service::decide(f);
  EXPECT_EQ(std::get<service::Grant>(d.verdict).outcome, Outcome::ambiguous);
  EXPECT_TRUE(d.person.empty());
  f.habilitations = &transport;
  ASSERT_TRUE(std::holds_alternative<service::NeedsConsents>(service::decide(f).verdict));
  f.consents = service::ConsentsOf{{"111111111", {}}, {"222222222", {}}};
  d = service::decide(f);
  EXPECT_EQ(std::get<service::Refusal>(d.verdict).problem, Problem::consent_required);
  EXPECT_TRUE(d.person.empty());
  (*f.consents)[1].second = consents_in(ConsentCase::active, Scope::protection);
  d = service::decide(f);
  EXPECT_EQ(std::get<service::Grant>(d.verdict).outcome, Outcome::ambiguous);
  EXPECT_TRUE(d.person.empty());
  EXPECT_TRUE(d.consent_ref.empty());
}

TEST(Decision, AShareCodeOpensOnlyWhenEverythingAboutItHolds) {
  const std::vector<std::string> token = all_scope_words();
  const auto caf = habilitations_of(AdministrationType::caf);
  auto request = request_for(SubjectKind::code_partage, {Scope::protection});
  auto decide_with = [&](service::ShareCodeFacts sc, CallerKind caller = CallerKind::partner_client) {
    auto f = partner_facts(caller, request, token, caf);
    f.share_code = std::move(sc);
    return service::decide(f);
  };
  auto problem = [](const service::Decision& d) { return std::get<service::Refusal>(d.verdict).problem; };

  auto d = decide_with({true, std::nullopt, false, false});
  EXPECT_EQ(problem(d), Problem::too_many_share_code_attempts);
  EXPECT_FALSE(d.origin_failure);

  d = decide_with({false, std::nullopt, false, false});
  EXPECT_EQ(problem(d), Problem::invalid_share_code);
  EXPECT_TRUE(d.origin_failure);
  EXPECT_TRUE(d.person.empty());

  d = decide_with({false, valid_code(), true, false});  // wrong birth date
  EXPECT_EQ(problem(d), Problem::invalid_share_code);
  EXPECT_TRUE(d.origin_failure);
  EXPECT_TRUE(d.code_failure);
  EXPECT_EQ(d.person, herself);  // she sees the vain attempt

  auto revoked = valid_code();
  revoked.revoked_at = "2026-12-06T00:00:00Z";
  d = decide_with({false, revoked, true, false});
  EXPECT_TRUE(d.origin_failure);
  EXPECT_FALSE(d.code_failure);  // only an active code counts its failures
  d = decide_with({false, revoked, true, true});
  EXPECT_EQ(problem(d), Problem::invalid_share_code);
  EXPECT_TRUE(d.origin_failure);  // the right birth date with a dead code counts as much as a wrong one
  EXPECT_FALSE(d.code_failure);

  auto expired = valid_code();
  expired.expires_at = "2026-12-07T09:59:59Z";
  EXPECT_EQ(problem(decide_with({false, expired, true, true})), Problem::invalid_share_code);
  auto blocked = valid_code();
  blocked.failed_attempts = domain::share_code_max_failures;
  EXPECT_EQ(problem(decide_with({false, blocked, true, true})), Problem::invalid_share_code);
  EXPECT_EQ(problem(decide_with({false, valid_code(), false, false})), Problem::invalid_share_code);

  request.scopes = {Scope::civil_status_identity};
  EXPECT_EQ(problem(decide_with({false, valid_code(domain::ShareLevel::protection), true, true})),
            Problem::scope_outside_share_code);
  // The page's verifier asks for nothing: it receives what the level opens.
  request.scopes.clear();
  d = decide_with({false, valid_code(domain::ShareLevel::protection_civil_status), true, true},
                  CallerKind::share_code_holder);
  EXPECT_EQ(std::get<service::Grant>(d.verdict).given,
            (std::vector<Scope>{Scope::protection, Scope::civil_status_progress}));
  EXPECT_EQ(d.scopes_asked, std::get<service::Grant>(d.verdict).given);
}

TEST(Decision, ABirthDateAfterTodayIsATypingError) {
  auto request = request_for(SubjectKind::identite, {Scope::protection});
  request.subject.identite.date_naissance = *domain::PartialDate::parse("2026-12-08");
  const std::vector<std::string> token = all_scope_words();
  const auto habilitations = habilitations_of(AdministrationType::caf);
  auto f = partner_facts(CallerKind::partner_client, request, token, habilitations);
  const auto d = service::decide(f);
  const auto& refusal = std::get<service::Refusal>(d.verdict);
  EXPECT_EQ(refusal.problem, Problem::invalid_parameter);
  EXPECT_EQ(refusal.parameter, "identite.date_naissance");
  request.subject.identite.date_naissance = *domain::PartialDate::parse("2026-12");
  EXPECT_TRUE(std::holds_alternative<service::Grant>(service::decide(f).verdict));
}

TEST(Decision, TheRecipientIsThePartnerOrAnAdministrationItActsFor) {
  const std::vector<std::string> token = all_scope_words();
  auto vendor = habilitations_of(AdministrationType::caf);
  auto request = request_for(SubjectKind::numero_ofpra, {Scope::protection});
  auto decide_for = [&](CallerKind caller, std::string recipient) {
    request.recipient = std::move(recipient);
    auto f = partner_facts(caller, request, token, vendor);
    f.person = herself;
    return service::decide(f);
  };
  auto refused = [](const service::Decision& d) {
    const auto* r = std::get_if<service::Refusal>(&d.verdict);
    return r && r->problem == Problem::recipient_not_allowed && r->parameter == "recipient";
  };
  // OFPRA's staff answer on behalf of the partner: to the partner's recipients only.
  for (auto caller : {CallerKind::partner_client, CallerKind::counter_agent, CallerKind::staff_member}) {
    EXPECT_TRUE(std::holds_alternative<service::Grant>(decide_for(caller, "21750001600019").verdict));
    EXPECT_TRUE(std::holds_alternative<service::Grant>(decide_for(caller, "").verdict));  // itself
    const auto other = decide_for(caller, "73282932000074");
    EXPECT_TRUE(refused(other));
    EXPECT_EQ(other.person, herself);  // she sees who asked, even in vain
  }
  vendor[0].acting_for = {"73282932000074"};
  EXPECT_TRUE(std::holds_alternative<service::Grant>(decide_for(CallerKind::partner_client, "73282932000074").verdict));
  EXPECT_TRUE(refused(decide_for(CallerKind::partner_client, "35600000000048")));
  vendor[0].state = domain::HabilitationState::revoked;  // acting for others ends with the habilitation
  EXPECT_TRUE(refused(decide_for(CallerKind::partner_client, "73282932000074")));
}

TEST(Decision, ARequestBuiltBadlyIsRefusedWhoeverBuiltIt) {
  auto request = request_for(SubjectKind::code_partage, {Scope::protection});
  request.subject.date_naissance.reset();
  service::Facts f;
  f.caller = CallerKind::share_code_holder;
  f.request = &request;
  f.today = today;
  f.now = now;
  f.share_code = service::ShareCodeFacts{false, valid_code(), true, true};
  auto parameter = [&] { return std::get<service::Refusal>(service::decide(f).verdict).parameter; };
  EXPECT_EQ(parameter(), "date_naissance");
  request.subject.date_naissance = *domain::PartialDate::parse("1990-05-17");
  request.purpose.clear();
  EXPECT_EQ(parameter(), "motif");
  request.purpose = std::string(501, 'x');
  EXPECT_EQ(parameter(), "motif");
  request.purpose = "Bail";
  request.agent = std::string(101, 'x');
  EXPECT_EQ(parameter(), "agent");
}

TEST(Decision, HerOwnQuestionIsAnsweredNotFoundWhenHerRecordIsGone) {
  const auto request = request_for(SubjectKind::numero_ofpra, {Scope::protection});
  service::Facts f;
  f.caller = CallerKind::person_herself;
  f.herself = herself;
  f.request = &request;
  f.today = today;
  const auto d = service::decide(f);  // no f.person: the registry no longer has her
  EXPECT_EQ(std::get<service::Grant>(d.verdict).outcome, Outcome::not_found);
  EXPECT_EQ(d.person, herself);
}

TEST(Decision, ARefusalForWantOfConsentNamesTheConsentsFoundBeforeIt) {
  const std::vector<std::string> token = all_scope_words();
  const auto town = habilitations_of(AdministrationType::local_authority);
  const auto request = request_for(SubjectKind::numero_ofpra, {Scope::protection, Scope::civil_status_family});
  auto f = partner_facts(CallerKind::partner_client, request, token, town);
  f.person = herself;
  f.consents = service::ConsentsOf{{herself, consents_in(ConsentCase::active, Scope::protection)}};
  const auto d = service::decide(f);
  EXPECT_EQ(std::get<service::Refusal>(d.verdict).problem, Problem::consent_required);
  EXPECT_EQ(d.consent_ref, "consentement:42");
}

// The counter asks for at most what its access may give (ScopesAsked::at_most): a scope it may
// not have is left out, not refused; refused only when nothing is left, and never so as to tell
// whether somebody is registered.
namespace {

std::vector<Scope> given_of(const service::Decision& d) { return std::get<service::Grant>(d.verdict).given; }

service::DisclosureRequest at_most(SubjectKind kind) {
  auto r = request_for(kind, {domain::all_scopes.begin(), domain::all_scopes.end()});
  r.scopes_asked = service::ScopesAsked::at_most;
  return r;
}

}  // namespace

TEST(Decision, AtTheCounterAScopeWithoutConsentIsLeftOutAndTheRestGiven) {
  const auto school = habilitations_of(AdministrationType::education);
  const auto request = at_most(SubjectKind::numero_ofpra);
  auto f = partner_facts(CallerKind::counter_agent, request, {}, school);
  f.person = herself;
  EXPECT_TRUE(std::holds_alternative<service::NeedsConsents>(service::decide(f).verdict));
  f.consents = service::ConsentsOf{{herself, consents_in(ConsentCase::active, Scope::protection)}};
  auto d = service::decide(f);
  EXPECT_EQ(given_of(d), std::vector<Scope>{Scope::protection});
  EXPECT_EQ(d.consent_ref, "consentement:42");
  EXPECT_EQ(d.scopes_asked.size(), domain::all_scopes.size());  // the journal says what was asked
  // Without any consent: the same refusal whether she is registered or not.
  f.consents = service::ConsentsOf{{herself, {}}};
  EXPECT_EQ(std::get<service::Refusal>(service::decide(f).verdict).problem, Problem::consent_required);
  f.person.reset();
  f.consents = service::ConsentsOf{{"000000000", {}}};
  EXPECT_EQ(std::get<service::Refusal>(service::decide(f).verdict).problem, Problem::consent_required);
}

TEST(Decision, AtTheCounterScopesUnderLegalBasisAreGivenWhateverTheConsents) {
  // A habilitation with protection under its legal basis and the family with consent.
  auto mixed = habilitations_of(AdministrationType::local_authority);
  mixed.front().scopes = {{Scope::protection, false}, {Scope::civil_status_family, true}};
  const auto request = at_most(SubjectKind::numero_ofpra);
  auto f = partner_facts(CallerKind::counter_agent, request, {}, mixed);
  f.person = herself;
  f.consents = service::ConsentsOf{{herself, {}}};
  EXPECT_EQ(given_of(service::decide(f)), std::vector<Scope>{Scope::protection});
  f.consents = service::ConsentsOf{{herself, consents_in(ConsentCase::active, Scope::civil_status_family)}};
  EXPECT_EQ(given_of(service::decide(f)), (std::vector<Scope>{Scope::protection, Scope::civil_status_family}));
  // Nobody, or several without consent: said as to any partner with that legal basis.
  f.person.reset();
  f.consents = service::ConsentsOf{{"000000000", {}}};
  EXPECT_EQ(std::get<service::Grant>(service::decide(f).verdict).outcome, Outcome::not_found);
  f.candidates = {"111111111", "222222222"};
  f.consents = service::ConsentsOf{{"111111111", {}}, {"222222222", {}}};
  EXPECT_EQ(std::get<service::Grant>(service::decide(f).verdict).outcome, Outcome::ambiguous);
}

TEST(Decision, AtTheCounterWhatTheHabilitationOrTheShareCodeDoesNotCoverIsLeftOut) {
  const auto work = habilitations_of(AdministrationType::france_travail);
  auto request = at_most(SubjectKind::numero_ofpra);
  auto f = partner_facts(CallerKind::counter_agent, request, {}, work);
  f.person = herself;
  EXPECT_EQ(given_of(service::decide(f)),
            (std::vector<Scope>{Scope::protection, Scope::civil_status_progress, Scope::civil_status_identity}));
  // Exactly what was asked: the same request is refused.
  request.scopes_asked = service::ScopesAsked::exactly;
  EXPECT_EQ(std::get<service::Refusal>(service::decide(f).verdict).problem, Problem::scope_not_habilitated);

  // A code of the first level opens protection only, even for a CAF.
  const auto caf = habilitations_of(AdministrationType::caf);
  const auto by_code = at_most(SubjectKind::code_partage);
  auto g = partner_facts(CallerKind::counter_agent, by_code, {}, caf);
  g.share_code = service::ShareCodeFacts{false, valid_code(domain::ShareLevel::protection), true, true};
  EXPECT_EQ(given_of(service::decide(g)), std::vector<Scope>{Scope::protection});

  // Nothing habilitated at all: refused.
  const auto none = habilitations_of(AdministrationType::other);
  auto h = partner_facts(CallerKind::counter_agent, request, {}, none);
  auto nothing = at_most(SubjectKind::numero_ofpra);
  h.request = &nothing;
  h.person = herself;
  EXPECT_EQ(std::get<service::Refusal>(service::decide(h).verdict).problem, Problem::scope_not_habilitated);
}

TEST(Decision, ASituationAtADayAfterTodayIsRefusedWhoeverAsks) {
  const auto caf = habilitations_of(AdministrationType::caf);
  auto request = request_for(SubjectKind::numero_ofpra, {Scope::protection});
  request.date = *domain::PartialDate::parse("2026-12-08");
  for (auto caller : {CallerKind::partner_client, CallerKind::counter_agent}) {
    const std::vector<std::string> token = all_scope_words();
    auto f = partner_facts(caller, request, token, caf);
    f.person = herself;
    const auto refusal = std::get<service::Refusal>(service::decide(f).verdict);
    EXPECT_EQ(refusal.problem, Problem::invalid_parameter);
    EXPECT_EQ(refusal.parameter, "date");
  }
  request.date = today;
  const std::vector<std::string> token = all_scope_words();
  auto f = partner_facts(CallerKind::partner_client, request, token, caf);
  f.person = herself;
  EXPECT_TRUE(std::holds_alternative<service::Grant>(service::decide(f).verdict));
}
