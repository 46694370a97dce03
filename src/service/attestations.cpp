#include "service/attestations.hpp"

#include "service/answer_shape.hpp"

#include <algorithm>
#include <future>

namespace ofpra::service {
namespace {

using domain::AttestationLevel;
using domain::Problem;

// No 0/O or 1/I: read aloud or typed from paper.
constexpr std::string_view id_alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

std::string new_id(env::Random& random) {
  std::array<std::uint8_t, domain::attestation_id_length> bytes{};
  random.fill(bytes);
  std::string id;
  for (auto b : bytes) id += id_alphabet[b % id_alphabet.size()];
  return id;
}

// Whether the answer states what the level attests.
std::optional<Refusal> nothing_to_state(AttestationLevel level, const Answer& a) {
  switch (level) {
    case AttestationLevel::protection:
      if (a.protection && a.protection->is_protected) return std::nullopt;
      return Refusal{Problem::conflict, "Vous n'êtes pas protégée à ce jour : aucune protection à attester.", "niveau"};
    case AttestationLevel::progress:
      if (a.civil_status_progress && a.civil_status_progress->stage) return std::nullopt;
      return Refusal{Problem::conflict, "Aucun dossier d'état civil n'est ouvert à votre nom.", "niveau"};
    case AttestationLevel::identity:
      if (a.civil_status_progress && a.civil_status_progress->stage == domain::FileStage::acts_established)
        return std::nullopt;
      return Refusal{Problem::conflict, "Votre identité n'est pas encore établie par l'OFPRA.", "niveau"};
  }
  return std::nullopt;
}

}  // namespace

bool is_attestation_id(std::string_view text) {
  return text.size() == domain::attestation_id_length &&
         std::all_of(text.begin(), text.end(), [](char c) { return id_alphabet.find(c) != std::string_view::npos; });
}

std::variant<IssuedAttestation, Refusal> issue_attestation(const DoorContext& door, env::Random& random,
                                                           int validity_days, const AttestationIssue& issue) {
  // What the level would state, read before asking the door: a level with nothing true to state
  // is refused without an entry in her journal (nothing was disclosed, to her or anyone).
  const auto registry = door.registry.current();
  if (!registry) return unavailable();
  const auto scopes = domain::scopes_of(issue.level);
  const auto person = registry->find(issue.numero_ofpra, parts_for(scopes) | domain::PersonParts::identity);
  if (!person) return Refusal{Problem::not_found, "Aucune personne n'a ce numéro OFPRA.", "numero_ofpra"};
  const auto today = domain::day_of(door.clock.now());
  if (auto refusal =
          nothing_to_state(issue.level, shape_answer(*person, scopes, today, door.processing_delay_months, *registry)))
    return std::move(*refusal);
  auto held = door.db.attestations().attestations_of(issue.numero_ofpra, max_attestations_listed, today.to_string());
  if (!held) return unavailable();
  const auto in_force = std::count_if(held->begin(), held->end(), [&](const domain::AttestationRecord& a) {
    return a.revoked_at.empty() && a.valid_until >= today.to_string();
  });
  if (in_force >= static_cast<long>(max_attestations_in_force))
    return Refusal{Problem::conflict,
                   "Vous avez déjà " + std::to_string(max_attestations_in_force) +
                       " attestations valables : retirez-en une pour en obtenir une autre.",
                   "attestations"};

  IssuedAttestation issued;
  auto& r = issued.record;
  r.id = new_id(random);
  r.numero_ofpra = issue.numero_ofpra;
  r.level = issue.level;
  r.language = issue.language;
  r.certificate = issue.certificate;
  r.issued_by = issue.issued_by;

  DisclosureRequest request;
  request.subject = {SubjectKind::numero_ofpra, issue.numero_ofpra, {}, std::nullopt};
  request.scopes = scopes;
  request.purpose = "Attestation signée " + r.id;
  if (issue.issued_by != "portail") request.agent = issue.issued_by;
  std::promise<Disclosure> promise;
  auto answered = promise.get_future();
  disclose(door, PersonHerself{issue.numero_ofpra, true}, request, Reads::store,
           [&promise](Disclosure d) { promise.set_value(std::move(d)); });
  auto disclosure = answered.get();
  if (auto* refusal = std::get_if<Refusal>(&disclosure)) return std::move(*refusal);
  auto* answer = std::get_if<Answer>(&disclosure);
  if (!answer) return unavailable();
  if (answer->outcome != Outcome::found)
    return Refusal{Problem::not_found, "Aucune personne n'a ce numéro OFPRA.", "numero_ofpra"};
  if (auto refusal = nothing_to_state(issue.level, *answer)) return std::move(*refusal);

  const auto now = door.clock.now();
  r.issued_at = env::format_utc(now);
  const auto last = std::chrono::floor<std::chrono::days>(now) + std::chrono::days(validity_days);
  r.valid_until = domain::day_of(last).to_string();
  r.reference = answer->reference;
  if (!door.db.attestations().create_attestation(r)) return unavailable();
  issued.answer = std::move(*answer);
  return issued;
}

domain::Result<std::vector<HeldAttestation>> attestations_of(store::Database& db, const env::Clock& clock,
                                                             const std::string& numero_ofpra) {
  const auto today = domain::day_of(clock.now()).to_string();
  auto records = db.attestations().attestations_of(numero_ofpra, max_attestations_listed, today);
  if (!records) return records.error();
  std::vector<HeldAttestation> held;
  for (auto& r : *records) {
    const auto status = !r.revoked_at.empty()   ? domain::AttestationStatus::revoked
                        : today > r.valid_until ? domain::AttestationStatus::expired
                                                : domain::AttestationStatus::valid;
    held.push_back({std::move(r), status});
  }
  return held;
}

domain::Result<bool> revoke_attestation(store::Database& db, const env::Clock& clock, const std::string& id,
                                        const std::string& numero_ofpra, domain::RevocationReason reason,
                                        const std::string& by) {
  if (!is_attestation_id(id)) return false;
  auto found = db.attestations().find_attestation(id);
  if (!found) return found.error();
  if (!*found || (!numero_ofpra.empty() && (*found)->numero_ofpra != numero_ofpra)) return false;
  return db.attestations().revoke_attestation(id, reason, by, env::format_utc(clock.now()));
}

}  // namespace ofpra::service
