#include "web/attestation_document.hpp"

#include "attest/attestation_code.hpp"
#include "attest/attestation_pdf.hpp"
#include "web/i18n.hpp"
#include "web/locale_format.hpp"

#include <functional>

namespace ofpra::web {
namespace {

using domain::AttestationLevel;

class Writer {
 public:
  explicit Writer(std::string_view own) : own_(own == "fr" ? std::string() : std::string(own)) {}

  attest::Bilingual words(std::string_view key) const {
    return {text("fr", key), own_.empty() ? std::string() : text(own_, key)};
  }
  // Each text with its placeholders filled in its own language (dates in its own form).
  attest::Bilingual words(std::string_view key,
                          const std::function<std::string(std::string_view language, std::string text)>& fill) const {
    auto b = words(key);
    b.fr = fill("fr", std::move(b.fr));
    if (!b.own.empty()) b.own = fill(own_, std::move(b.own));
    return b;
  }
  std::string fr(std::string_view key) const { return text("fr", key); }
  const std::string& own() const { return own_; }

 private:
  std::string own_;
};

// An identifier or an address kept in one piece, left to right, inside right-to-left text
// (Unicode's left-to-right isolate).
std::string left_to_right(const std::string& text) { return "\u2066" + text + "\u2069"; }

std::string date_fr(const domain::PartialDate& d) { return format_date("fr", d); }
std::string names(const std::vector<std::string>& list) {
  std::string out;
  for (const auto& n : list) out += (out.empty() ? "" : " ") + n;
  return out;
}

std::vector<attest::StatedRow> rows_of(const Writer& w, const service::IssuedAttestation& issued) {
  const auto& a = issued.answer;
  const auto level = issued.record.level;
  std::vector<attest::StatedRow> rows;
  const auto row = [&](std::string_view key, std::string value) {
    if (!value.empty()) rows.push_back({w.words(key), std::move(value)});
  };
  if (level == AttestationLevel::identity && a.identity) row("answer_identity_number", a.identity->numero_ofpra);
  if (const auto& d = a.designation) {
    row("answer_identity_birth_name", d->nom_naissance);
    row("answer_identity_used_name", d->nom_usage.value_or(""));
    row("answer_identity_given_names", names(d->prenoms));
    row("attestation_pdf_birth_date", date_fr(d->date_naissance));
  }
  if (level == AttestationLevel::identity && a.identity) {
    row("answer_identity_sex", w.fr("sex_" + std::string(to_string(a.identity->sexe))));
    row("answer_identity_birth", a.identity->lieu_naissance.value_or(""));
  }
  if (level == AttestationLevel::protection && a.protection) {
    if (a.protection->type)
      row("answer_protection_heading", w.fr("protection_type_" + std::string(to_string(*a.protection->type))));
    if (a.protection->since) row("answer_since", date_fr(*a.protection->since));
  }
  if (const auto& f = a.civil_status_progress; f && f->stage) {
    row("answer_file_stage", w.fr("stage_" + std::string(to_string(*f->stage))));
    if (f->ffr_recue_le) row("answer_file_ffr_received", date_fr(*f->ffr_recue_le));
    if (f->within_delay)
      row("answer_within_delay", w.fr(*f->within_delay ? "attestation_pdf_yes" : "attestation_pdf_no"));
    if (f->expected) row("answer_expected", date_fr(*f->expected));
    if (f->actes_etablis_le) row("answer_file_acts_established", date_fr(*f->actes_etablis_le));
  }
  if (level == AttestationLevel::identity && a.family) {
    for (const auto& m : a.family->members) {
      std::string value = names(m.prenoms) + " " + m.nom_naissance.value_or("");
      if (m.date_naissance) value += ", " + date_fr(*m.date_naissance);
      rows.push_back({w.words("link_" + std::string(to_string(m.link))), std::move(value)});
    }
  }
  return rows;
}

}  // namespace

std::optional<std::string> attestation_language(std::string_view code) {
  if (code == "prs") code = "fa-AF";
  if (const auto* language = find_language(code)) return std::string(language->code);
  return std::nullopt;
}

AttestationFiles attestation_files(const service::IssuedAttestation& issued, const attest::Authority& authority,
                                   std::string_view public_url) {
  const auto& r = issued.record;
  const Writer w(r.language);
  const auto level = std::string(to_string(r.level));
  const auto issued_on = r.issued_at.substr(0, 10);
  AttestationFiles files;
  files.twoddoc = attest::sign_attestation(authority, issued);

  attest::AttestationDocument d;
  d.own_language = w.own();
  if (const auto* language = find_language(r.language)) d.own_right_to_left = language->dir == "rtl";
  d.issuer = w.words("attestation_pdf_issuer");
  d.title = w.words("attestation_pdf_title_" + level);
  d.statement = w.words("attestation_pdf_statement_" + level, [&](std::string_view language, std::string t) {
    return filled(std::move(t), "{date}", format_date_text(language, issued_on));
  });
  d.rows = rows_of(w, issued);
  d.validity = w.words("attestation_pdf_validity", [&](std::string_view language, std::string t) {
    return filled(filled(std::move(t), "{date}", format_date_text(language, r.valid_until)), "{id}",
                  left_to_right(r.id));
  });
  d.how_to_verify = w.words("attestation_pdf_verify", [&](std::string_view, std::string t) {
    return filled(std::move(t), "{url}", left_to_right(std::string(public_url) + "/verifier-attestation"));
  });
  if (authority.settings().is_test()) d.test_notice = w.words("attestation_pdf_test");
  if (auto symbol = attest::encode_datamatrix(files.twoddoc)) d.symbol = std::move(*symbol);
  d.symbol_caption = "2D-Doc " + authority.settings().authority_id + " " + r.certificate + " - " + r.id;
  d.created = issued_on;
  files.pdf = attest::render_attestation_pdf(d);
  return files;
}

}  // namespace ofpra::web
