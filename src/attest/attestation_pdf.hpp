#pragma once
// The attestation as an A4 PDF (cairo + pango, Debian's Noto fonts): every text in French and,
// on the same page, in the person's language when it is not French (shaped, right to left
// where the script is), the stated facts as a table, the 2D-Doc DataMatrix and how to verify.
// Tagged as far as cairo 1.16 goes (headings, paragraphs, table, figure): docs/ATTESTATIONS.md.
#include "attest/datamatrix.hpp"

#include <string>
#include <vector>

namespace ofpra::attest {

// A text in French and in her language; own is empty when the page is in French only.
struct Bilingual {
  std::string fr;
  std::string own;
};

struct StatedRow {
  Bilingual label;
  std::string value;  // as the registry writes it (Latin script)
};

struct AttestationDocument {
  std::string own_language;  // BCP 47, empty when French only
  bool own_right_to_left = false;
  Bilingual issuer;  // the office that attests
  Bilingual title;
  Bilingual statement;  // what it proves and at which date
  std::vector<StatedRow> rows;
  Bilingual validity;  // validity end and identifier, in words
  Bilingual how_to_verify;
  Bilingual test_notice;  // says the signing authority is a test one; empty otherwise
  Symbol symbol;          // the 2D-Doc
  std::string symbol_caption;
  std::string created;  // PDF creation date, ISO 8601 (the issue day: same attestation, same bytes)
};

std::string render_attestation_pdf(const AttestationDocument& document);

}  // namespace ofpra::attest
