#pragma once
// A protected person as the registry establishes her (DESIGN §3).
#include "domain/partial_date.hpp"
#include "domain/vocabulary.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ofpra::domain {

struct NameVariant {
  std::string nom_naissance;
  std::vector<std::string> prenoms;
  friend bool operator==(const NameVariant&, const NameVariant&) = default;
};

// The names as written in the original script (ISO 15924 code, e.g. "Arab", "Ethi", "Cyrl").
struct OriginalScript {
  std::string script;
  std::string nom;
  std::vector<std::string> prenoms;
  friend bool operator==(const OriginalScript&, const OriginalScript&) = default;
};

struct Contact {
  std::optional<std::string> email;
  std::optional<std::string> telephone;  // E.164
  std::optional<std::string> langue;     // BCP 47
  friend bool operator==(const Contact&, const Contact&) = default;
};

struct Protection {
  ProtectionType type = ProtectionType::refugee;
  Authority authority = Authority::ofpra;
  PartialDate debut;
  std::optional<PartialDate> fin;
  std::optional<EndReason> motif_fin;
  friend bool operator==(const Protection&, const Protection&) = default;
};

struct CivilStatusFile {
  FileStage stage = FileStage::awaiting_ffr;
  std::optional<PartialDate> ffr_recue_le;
  std::optional<PartialDate> instruction_le;
  std::optional<PartialDate> actes_etablis_le;
  friend bool operator==(const CivilStatusFile&, const CivilStatusFile&) = default;
};

// A relative: either another registered person (by OFPRA number) or a minimal inline identity.
struct FamilyMember {
  FamilyLink link = FamilyLink::child;
  std::optional<std::string> numero_ofpra;
  std::optional<std::string> nom_naissance;
  std::vector<std::string> prenoms;
  std::optional<Sex> sexe;
  std::optional<PartialDate> date_naissance;
  friend bool operator==(const FamilyMember&, const FamilyMember&) = default;
};

struct Person {
  std::string numero_ofpra;                  // 9 digits
  std::optional<std::string> numero_agdref;  // 10 digits
  std::string nom_naissance;
  std::optional<std::string> nom_usage;
  std::vector<std::string> prenoms;
  std::optional<OriginalScript> ecriture_origine;
  std::vector<NameVariant> alias;
  Sex sexe = Sex::unspecified;
  PartialDate date_naissance;
  std::optional<std::string> lieu_naissance;
  std::optional<std::string> code_pays_naissance;  // INSEE COG
  std::optional<std::string> nationalite;          // INSEE COG country code
  Contact contact;
  std::vector<Protection> protections;  // full history, oldest first
  std::optional<CivilStatusFile> dossier_etat_civil;
  std::vector<FamilyMember> famille;
  friend bool operator==(const Person&, const Person&) = default;
};

}  // namespace ofpra::domain
