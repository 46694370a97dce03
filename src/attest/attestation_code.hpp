#pragma once
// An attestation's 2D-Doc (docs/ATTESTATIONS.md has the field table): made from what the door
// answered her and signed with the authority's current certificate; read back from what a
// verifier presents, its signature checked against our certificates before the door is asked.
#include "attest/authority.hpp"
#include "attest/scan.hpp"
#include "service/attestations.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace ofpra::attest {

// The 2D-Doc's text (header, message, US, signature) for an issued attestation.
std::string sign_attestation(const Authority& authority, const service::IssuedAttestation& issued);

struct StatedRelative {
  std::string link;  // CONJOINT, ENFANT, PARENT
  std::string names;
  std::string date_naissance;  // AAAA, AAAA-MM or AAAA-MM-JJ; empty when unknown
};

// What a 2D-Doc of ours states, as signed (the C40 alphabet: upper-case Latin without accents).
struct StatedAttestation {
  std::string id;
  std::string authority;
  std::string certificate;
  bool test_authority = false;
  std::optional<std::chrono::sys_days> issued;
  std::optional<std::chrono::sys_days> valid_until;
  std::string nom_naissance;
  std::string nom_usage;
  std::vector<std::string> prenoms;
  std::string date_naissance;  // AAAA, AAAA-MM or AAAA-MM-JJ
  std::string sexe;            // M, F or empty
  std::string lieu_naissance;
  std::string statement;               // the 6M field, e.g. REFUGIE, ETAT CIVIL ETABLI
  std::string since;                   // since when it is so: AAAA, AAAA-MM or AAAA-MM-JJ
  std::string numero_ofpra;            // level identite
  std::vector<StatedRelative> family;  // level identite
};

// What was presented, read: why it could not be (a scan problem or not a 2D-Doc of ours, with
// the reason in words), or what it states and what the door is to check.
struct ReadAttestation {
  std::optional<ScanProblem> scan_problem;
  std::string unreadable;  // why the text is not an attestation's 2D-Doc; empty when it is
  std::optional<StatedAttestation> stated;
  service::PresentedAttestation presented;
};
// document_type: the 2D-Doc document type our attestations carry.
ReadAttestation read_attestation(const TrustedCertificates& trusted, std::string_view document_type,
                                 std::string_view content);

// The message's JJMMAAAA for a partial date (00 for an unknown day or month), and back.
std::string twoddoc_date(const domain::PartialDate& date);
std::string iso_of_twoddoc_date(std::string_view text);
// A day as AAAA-MM-JJ; empty for none.
std::string iso_day(const std::optional<std::chrono::sys_days>& day);

}  // namespace ofpra::attest
