#include "domain/vocabulary.hpp"

#include "domain/word_list.hpp"

#include <array>

namespace ofpra::domain {
namespace {

// Word lists in enum order.
constexpr std::array<std::string_view, 3> sex_words{"M", "F", "X"};
constexpr std::array<std::string_view, 3> protection_words{"refugie", "protection_subsidiaire", "apatride"};
constexpr std::array<std::string_view, 2> authority_words{"OFPRA", "CNDA"};
constexpr std::array<std::string_view, 5> end_reason_words{"cessation", "renonciation", "retrait", "naturalisation",
                                                           "deces"};
constexpr std::array<std::string_view, 4> stage_words{"attente_ffr", "ffr_recue", "instruction", "actes_etablis"};
constexpr std::array<std::string_view, 3> link_words{"conjoint", "enfant", "parent"};
constexpr std::array<std::string_view, 9> administration_words{"transport",         "education",       "caf",
                                                               "assurance_maladie", "france_travail",  "prefecture",
                                                               "collectivite",      "bailleur_social", "autre"};
// "?" is what a stored word outside the list reads as (vocabulary.hpp).
constexpr std::array<std::string_view, 8> channel_words{"api",   "code_partage", "portail",     "guichet",
                                                        "ofpra", "export",       "attestation", "?"};
constexpr std::array<std::string_view, 7> result_words{"trouve", "non_trouve", "ambigu", "refus",
                                                       "export", "demande",    "?"};
static_assert(channel_words.size() == static_cast<std::size_t>(JournalChannel::unreadable) + 1);
static_assert(result_words.size() == static_cast<std::size_t>(JournalResult::unreadable) + 1);

}  // namespace

#define OFPRA_VOCABULARY(Enum, words)                                                              \
  std::string_view to_string(Enum value) { return words[static_cast<std::size_t>(value)]; }        \
  std::optional<Enum> parse_##Enum(std::string_view text) { return find_word<Enum>(words, text); } \
  std::span<const std::string_view> words_of_##Enum() { return words; }

OFPRA_VOCABULARY(Sex, sex_words)
OFPRA_VOCABULARY(ProtectionType, protection_words)
OFPRA_VOCABULARY(Authority, authority_words)
OFPRA_VOCABULARY(EndReason, end_reason_words)
OFPRA_VOCABULARY(FileStage, stage_words)
OFPRA_VOCABULARY(FamilyLink, link_words)
OFPRA_VOCABULARY(AdministrationType, administration_words)
OFPRA_VOCABULARY(JournalChannel, channel_words)
OFPRA_VOCABULARY(JournalResult, result_words)
#undef OFPRA_VOCABULARY

}  // namespace ofpra::domain
