#pragma once
// The door's answer (DESIGN §5): the result and one typed block per scope given, plus the
// journal reference the person sees in her history. Renderers (api/, web/) turn it into JSON or
// HTML; an absent block was not given and is never shown.
#include "domain/partial_date.hpp"
#include "domain/person.hpp"
#include "domain/scope.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ofpra::service {

enum class Outcome { found, not_found, ambiguous };
// "trouve", "non_trouve", "ambigu": the API's and the journal's words.
constexpr std::string_view to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::found:
      return "trouve";
    case Outcome::ambiguous:
      return "ambigu";
    case Outcome::not_found:
      break;
  }
  return "non_trouve";
}

// Level 1: protected on the day asked, since when, as what.
struct ProtectionBlock {
  bool is_protected = false;
  domain::PartialDate date;  // the day the answer is about
  std::optional<domain::ProtectionType> type;
  std::optional<domain::PartialDate> since;
  friend bool operator==(const ProtectionBlock&, const ProtectionBlock&) = default;
};

// Every period of protection, oldest first.
struct ProtectionHistoryBlock {
  std::vector<domain::Protection> periods;
  friend bool operator==(const ProtectionHistoryBlock&, const ProtectionHistoryBlock&) = default;
};

// Level 2: the civil-status file; no stage when she has no file.
struct CivilStatusProgressBlock {
  std::optional<domain::FileStage> stage;
  std::optional<domain::PartialDate> ffr_recue_le;
  std::optional<domain::PartialDate> instruction_le;
  std::optional<domain::PartialDate> actes_etablis_le;
  // Known once the FFR is received and until the acts are established.
  std::optional<bool> within_delay;
  std::optional<domain::PartialDate> expected;
  friend bool operator==(const CivilStatusProgressBlock&, const CivilStatusProgressBlock&) = default;
};

// Level 3: the established identity.
struct IdentityBlock {
  std::string numero_ofpra;
  std::string nom_naissance;
  std::optional<std::string> nom_usage;
  std::vector<std::string> prenoms;
  domain::Sex sexe = domain::Sex::unspecified;
  domain::PartialDate date_naissance;
  std::optional<std::string> lieu_naissance;
  std::optional<std::string> code_pays_naissance;
  friend bool operator==(const IdentityBlock&, const IdentityBlock&) = default;
};

// Level 3: her relatives, a registered relative's names as the registry has them now.
struct FamilyBlock {
  std::vector<domain::FamilyMember> members;
  friend bool operator==(const FamilyBlock&, const FamilyBlock&) = default;
};

// Whom a "found" answer is about, for a verifier facing the person (at a partner's counter, on
// the share-code page): her established names and birth date, whatever the scopes, so that she
// can tie the answer to the person at her desk. Never given to an information system.
struct DesignationBlock {
  std::string nom_naissance;
  std::optional<std::string> nom_usage;
  std::vector<std::string> prenoms;
  domain::PartialDate date_naissance;
  friend bool operator==(const DesignationBlock&, const DesignationBlock&) = default;
};

struct Answer {
  Outcome outcome = Outcome::not_found;
  std::vector<domain::Scope> scopes;  // the blocks given, in the order asked (found only)
  std::optional<ProtectionBlock> protection;
  std::optional<ProtectionHistoryBlock> protection_history;
  std::optional<CivilStatusProgressBlock> civil_status_progress;
  std::optional<IdentityBlock> identity;
  std::optional<FamilyBlock> family;
  std::optional<DesignationBlock> designation;
  std::int64_t reference = 0;  // the journal entry's seq
  friend bool operator==(const Answer&, const Answer&) = default;
};

}  // namespace ofpra::service
