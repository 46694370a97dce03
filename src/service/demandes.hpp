#pragma once
// Requests to OFPRA ("demandes", docs/DEMANDES.md): when the machine cannot answer (an identity
// that stays ambiguous, a person not found, a case the data cannot settle), a partner asks a
// person at OFPRA, from the API or the counter, following the automated answer it got; a
// protected person asks about her own file from her portal. Filing goes through the door
// (the policy of a verification, journaled); OFPRA's support answers by choosing the person,
// and that answer goes through the door too, as OFPRA's staff on behalf of the partner. A
// request is due a number of working days after it is filed (domain/working_days.hpp).
#include "env/random.hpp"
#include "service/disclosure.hpp"
#include "store/database.hpp"

#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace ofpra::service {

struct DemandeContext {
  const DoorContext& door;  // filings and answers go through it; its db, clock and registry
  env::Random& random;
  std::string public_url;  // for the links in e-mails
  int delay_days = domain::default_demande_delay_days;
  std::function<void()> wake_outbox = {};  // an e-mail was queued
};

// A partner's automated answer may be followed for this long.
inline constexpr int demande_follow_days = 90;
// The portal's subjects of a person's own question.
inline constexpr std::array<std::string_view, 4> demande_topics{"protection", "etat_civil", "famille", "autre"};
// Her questions waiting at once.
inline constexpr long max_pending_questions = 3;

// What a caller files: partners, the verification asked (as the API or the counter built it),
// what OFPRA should know, and the journal reference of the automated answer it follows; the
// person, her subject (topic) and her question.
struct NewDemande {
  DisclosureRequest question;
  std::string note;
  std::int64_t follows = 0;
  std::string topic = {};
};

// The fields of a person's question in error, all at once: "sujet", "note".
std::vector<std::string> question_errors(std::string_view topic, std::string_view note);

struct Filing {
  store::Demande demande;
  bool existed = false;  // that answer was already followed by this request (nothing new filed)
};

// Files it as the caller (a partner's client, a counter agent, or the person herself). Refused,
// with the parameter named: a note missing or not plain text ("note"), an answer followed that
// is not the caller's automated answer of the last demande_follow_days days ("reference"), a
// subject (topic) outside the list, and whatever the door refuses (the policy of a
// verification), or (hers) max_pending_questions already waiting ("attente"). Blocking: it waits
// for the journal.
std::variant<Filing, Refusal> file_demande(const DemandeContext& c, const Caller& caller, NewDemande filed);

// A request as its asker may read it: the partner's API clients those filed through the API,
// the agent at the counter hers, the person hers. nullopt when it is not theirs (or none);
// error "jeton" for a client revoked or suspended since its token was issued.
domain::Result<std::optional<store::Demande>> demande_for(const DemandeContext& c, const Caller& caller,
                                                          const std::string& id);
// Theirs, newest first (the partner's through the API, the agent's, the person's own and those
// answered about her).
domain::Result<std::vector<store::Demande>> demandes_for(const DemandeContext& c, const Caller& caller);

// The question a partner's request asked (decoded from what was kept); nullopt from the portal.
std::optional<DisclosureRequest> question_of(const store::Demande& d);

// Working days from today to the due day (negative: overdue by that many).
int working_days_left(const store::Demande& d, const domain::PartialDate& today);

// --- OFPRA's support (role "support"): every call checks the role and records the action ---

struct QueueLine {
  store::Demande demande;
  int days_left = 0;  // working days; negative: late
};
// Pending requests, the soonest due first, and the latest settled.
struct Queue {
  std::vector<QueueLine> pending;
  std::vector<store::Demande> settled;
};
domain::Result<Queue> demande_queue(const DemandeContext& c, const store::StaffMember& staff);

// A person the matcher considered, shown to staff only.
struct Considered {
  std::string numero_ofpra;
  std::string names;  // birth name, usual name, given names
  domain::PartialDate date_naissance;
  std::optional<std::string> lieu_naissance;
  std::optional<std::string> code_pays_naissance;
  domain::Sex sexe = domain::Sex::unspecified;
  std::optional<double> score;  // for an identity asked
  bool protected_today = false;
};
struct DemandeFile {
  store::Demande demande;
  std::optional<DisclosureRequest> question;
  std::vector<Considered> considered;
  std::string partner_name;
  int days_left = 0;
};
// Opening it is recorded (who looked at which candidates). nullopt: no such request.
domain::Result<std::optional<DemandeFile>> open_demande(const DemandeContext& c, const store::StaffMember& staff,
                                                        const std::string& id);
// Takes it (from whoever held it). Error "etat" once settled.
domain::Status take_demande(const DemandeContext& c, const store::StaffMember& staff, const std::string& id);
// Answers a partner's request with the person chosen: the door answers as OFPRA's staff on behalf
// of the partner (its habilitation and her consents as they are now). A refusal of the door is
// given back and the request stays pending. Errors by field: "numero_ofpra" (not 9 digits, not
// in the registry), "etat" (settled meanwhile, or a person's own question: answered in writing),
// "message" (not plain text).
domain::Result<std::variant<store::Demande, Refusal>> answer_demande(const DemandeContext& c,
                                                                     const store::StaffMember& staff,
                                                                     const std::string& id,
                                                                     const std::string& numero_ofpra,
                                                                     const std::string& message);
// Closes it with a reason and OFPRA's words to the asker (required). Errors: "raison", "message",
// "etat".
domain::Result<store::Demande> close_demande(const DemandeContext& c, const store::StaffMember& staff,
                                             const std::string& id, domain::ClosingReason reason,
                                             const std::string& message);

}  // namespace ofpra::service
