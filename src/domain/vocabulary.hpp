#pragma once
// The administrations' vocabulary: each closed list of DESIGN §3 as an enum with its exact
// wire spelling. Parsing returns nullopt for a word outside the list.
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace ofpra::domain {

enum class Sex : std::uint8_t { male, female, unspecified };
enum class ProtectionType : std::uint8_t { refugee, subsidiary, stateless };
enum class Authority : std::uint8_t { ofpra, cnda };
enum class EndReason : std::uint8_t { cessation, renunciation, withdrawal, naturalisation, death };
enum class FileStage : std::uint8_t { awaiting_ffr, ffr_received, instruction, acts_established };
enum class FamilyLink : std::uint8_t { spouse, child, parent };
enum class AdministrationType : std::uint8_t {
  transport,
  education,
  caf,
  health_insurance,
  france_travail,
  prefecture,
  local_authority,
  social_landlord,
  other
};
// The journal's (DESIGN §6): through which door an entry came, and what it answered. A stored
// word outside the list reads as `unreadable` ("?"), never as another word, so that the entry's
// hash no longer matches and `journal verify` names it.
// attestation: the online verification of a signed attestation.
enum class JournalChannel : std::uint8_t {
  api,
  share_code_page,
  portal,
  counter,
  ofpra,
  export_,
  attestation,
  unreadable
};
// filed: a request to OFPRA ("demande") was recorded; nothing was disclosed.
enum class JournalResult : std::uint8_t { found, not_found, ambiguous, refused, exported, filed, unreadable };

#define OFPRA_VOCABULARY(Enum)                             \
  std::string_view to_string(Enum value);                  \
  std::optional<Enum> parse_##Enum(std::string_view text); \
  std::span<const std::string_view> words_of_##Enum();

OFPRA_VOCABULARY(Sex)
OFPRA_VOCABULARY(ProtectionType)
OFPRA_VOCABULARY(Authority)
OFPRA_VOCABULARY(EndReason)
OFPRA_VOCABULARY(FileStage)
OFPRA_VOCABULARY(FamilyLink)
OFPRA_VOCABULARY(AdministrationType)
OFPRA_VOCABULARY(JournalChannel)
OFPRA_VOCABULARY(JournalResult)
#undef OFPRA_VOCABULARY

}  // namespace ofpra::domain
