// Signed attestations (docs/ATTESTATIONS.md): /espace/attestations, where she issues one (it is
// downloaded at once as a PDF), sees hers and withdraws one; and the public page
// /verifier-attestation, where anyone verifies one (a PDF, a photo or scan, or the 2D-Doc's text;
// the camera where the browser allows), through the door.
#include "attest/verification.hpp"
#include "domain/plain_text.hpp"
#include "service/attestations.hpp"
#include "web/attestation_document.hpp"
#include "web/i18n.hpp"
#include "web/locale_format.hpp"
#include "web/portal.hpp"
#include "web/space_pages.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace ofpra::web {
namespace {

namespace json = boost::json;
using domain::AttestationLevel;
using domain::AttestationStatus;

constexpr std::array<AttestationLevel, 3> levels{AttestationLevel::protection, AttestationLevel::progress,
                                                 AttestationLevel::identity};

json::object form_values(const Visit& v) {
  const auto chosen = v.field("niveau");
  json::array level_rows;
  for (auto level : levels) {
    const std::string word(to_string(level));
    level_rows.push_back(json::object{{"value", word},
                                      {"label", v.t("attestations_level_" + word)},
                                      {"hint", v.t("attestations_level_hint_" + word)},
                                      {"checked", chosen == word}});
  }
  const auto wanted = v.field("langue").empty() ? std::string(v.language->code) : v.field("langue");
  json::array language_rows;
  for (const auto& l : languages())
    language_rows.push_back(
        json::object{{"value", l.code}, {"label", l.autonym}, {"dir", l.dir}, {"selected", wanted == l.code}});
  return {{"levels", std::move(level_rows)}, {"languages", std::move(language_rows)}};
}

http::Response render(const Visit& v, json::object values, unsigned status = 200) {
  auto held = service::attestations_of(v.context->door.db, v.context->door.clock, v.session->numero_ofpra);
  if (!held) return problem(v, 503, "unavailable_title", "unavailable_text");
  json::array rows;
  for (const auto& h : *held) {
    const auto& r = h.record;
    json::object row{{"id", r.id},
                     {"level", v.t("attestations_level_" + std::string(to_string(r.level)))},
                     {"issued", format_time(v.language->code, r.issued_at)},
                     {"until", format_date_text(v.language->code, r.valid_until)},
                     {"status", v.t("attestations_status_" + std::string(to_string(h.status)))},
                     {"valid", h.status == AttestationStatus::valid},
                     {"withdraw_label", v.t("attestations_withdraw") + " " + r.id}};
    if (r.revoked_reason) row["reason"] = v.t("attestations_reason_" + std::string(to_string(*r.revoked_reason)));
    rows.push_back(std::move(row));
  }
  values["none"] = rows.empty();
  values["attestations"] = std::move(rows);
  values["verify_url"] = v.context->public_url + "/verifier-attestation";
  return page(v, "attestations", "attestations_title", values, status, "attestations");
}

std::string_view status_tone(AttestationStatus status) {
  switch (status) {
    case AttestationStatus::valid:
      return "success";
    case AttestationStatus::expired:
    case AttestationStatus::unknown:
      return "warning";
    case AttestationStatus::revoked:
    case AttestationStatus::invalid:
      break;
  }
  return "error";
}

// The signed statement (the 2D-Doc's 6M field) in the visitor's words, as the paper says it.
std::string statement_label(const Visit& v, const std::string& code) {
  if (code == "REFUGIE") return v.t("protection_type_refugie");
  if (code == "PROTECTION SUBSIDIAIRE") return v.t("protection_type_protection_subsidiaire");
  if (code == "APATRIDE") return v.t("protection_type_apatride");
  if (code == "ETAT CIVIL ETABLI") return v.t("stage_actes_etablis");
  if (code == "ETAT CIVIL EN ATTENTE DE LA FFR") return v.t("stage_attente_ffr");
  if (code == "ETAT CIVIL EN COURS DANS LES DELAIS") return v.t("stage_ffr_recue") + " — " + v.t("answer_within_delay");
  if (code == "ETAT CIVIL EN COURS HORS DELAI") return v.t("stage_ffr_recue") + " — " + v.t("answer_beyond_delay");
  return code;
}

json::object verdict_values(const Visit& v, const attest::Verification& verification) {
  const auto& check = *verification.check;
  const auto& s = *verification.read.stated;
  const std::string status(to_string(check.status));
  json::object values{{"tone", status_tone(check.status)},
                      {"verdict", v.t("verify_attestation_status_" + status)},
                      {"explanation", v.t("verify_attestation_status_text_" + status)},
                      {"reference", std::to_string(check.reference)},
                      {"identifier", s.id},
                      // What an invalid signature claims of itself is not repeated.
                      {"genuine", check.status != AttestationStatus::invalid},
                      {"test_authority", check.status != AttestationStatus::invalid && s.test_authority}};
  if (check.record) {
    const auto& r = *check.record;
    json::array given;
    std::string names;
    for (const auto& p : s.prenoms) names += (names.empty() ? "" : " ") + p;
    values["stated"] =
        json::object{{"level", v.t("attestation_pdf_title_" + std::string(to_string(r.level)))},
                     {"nom", s.nom_naissance},
                     {"nom_usage", s.nom_usage},
                     {"prenoms", names},
                     {"naissance", format_date_text(v.language->code, s.date_naissance)},
                     {"situation", statement_label(v, s.statement)},
                     {"numero_ofpra", s.numero_ofpra},
                     {"sexe", s.sexe.empty() ? std::string() : v.t("sex_" + s.sexe)},
                     {"lieu", s.lieu_naissance},
                     {"since", s.since.empty() ? std::string() : format_date_text(v.language->code, s.since)},
                     {"issued", format_date_text(v.language->code, attest::iso_day(s.issued))},
                     {"until", format_date_text(v.language->code, r.valid_until)}};
    if (r.revoked_reason) values["reason"] = v.t("attestations_reason_" + std::string(to_string(*r.revoked_reason)));
    json::array family;
    for (const auto& m : s.family)
      family.push_back(json::object{
          {"link", v.t(m.link == "CONJOINT" ? "link_conjoint"
                       : m.link == "ENFANT" ? "link_enfant"
                                            : "link_parent")},
          {"names", m.names},
          {"born", m.date_naissance.empty() ? std::string() : format_date_text(v.language->code, m.date_naissance)}});
    values["stated"].as_object()["family"] = std::move(family);
  }
  return values;
}

// The page's own camera may read a 2D-Doc; every other device stays off, as on every page.
http::Response with_camera(http::Response r) {
  r.set_header("Permissions-Policy",
               "accelerometer=(), camera=(self), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
               "payment=(), usb=()");
  return r;
}

http::Response form_page(const Visit& v, const json::object& values, unsigned status) {
  return with_camera(page(v, "verify_attestation", "verify_attestation_title", values, status));
}

}  // namespace

http::Response attestations_page(const Visit& v) {
  if (!v.context->attestation_authority) return problem(v, 404, "not_found_title", "not_found_text");
  auto values = form_values(v);
  if (const auto& gone = v.query("retiree"); service::is_attestation_id(gone)) {
    auto held = service::attestations_of(v.context->door.db, v.context->door.clock, v.session->numero_ofpra);
    if (held && std::any_of(held->begin(), held->end(), [&](const service::HeldAttestation& h) {
          return h.record.id == gone && h.status == AttestationStatus::revoked;
        }))
      values["withdrawn"] = filled(v.t("attestations_withdrawn"), "{id}", gone);
  }
  return render(v, std::move(values));
}

http::Response attestation_issue(const Visit& v) {
  const auto* authority = v.context->attestation_authority;
  if (!authority) return problem(v, 404, "not_found_title", "not_found_text");
  if (!csrf_ok(v)) return problem(v, 403, "form_expired_title", "form_expired_text");
  const auto level = domain::parse_attestation_level(v.field("niveau"));
  const auto language = attestation_language(v.field("langue"));
  if (!level || !language) {
    auto values = form_values(v);
    if (!level) mark_error(v, values, "niveau", "error_attestation_level");
    if (!language) mark_error(v, values, "langue", "error_attestation_language");
    return render(v, std::move(values), 400);
  }
  auto issued = service::issue_attestation(
      v.context->door, env::secure_random(), v.context->attestation_validity_days,
      {v.session->numero_ofpra, *level, *language, "portail", authority->current_certificate()});
  if (const auto* refusal = std::get_if<service::Refusal>(&issued)) {
    if (domain::info(refusal->problem).status >= 500) return problem(v, 503, "unavailable_title", "unavailable_text");
    auto values = form_values(v);
    mark_error(v, values, "niveau",
               refusal->parameter == "attestations" ? std::string("error_attestation_in_force")
                                                    : "error_attestation_nothing_" + std::string(to_string(*level)));
    return render(v, std::move(values), 409);
  }
  const auto& attestation = std::get<service::IssuedAttestation>(issued);
  auto files = attestation_files(attestation, *authority, v.context->public_url);
  http::Response r{200, "application/pdf", std::move(files.pdf), {}, {}};
  r.set_header("Content-Disposition", "attachment; filename=\"attestation-" + attestation.record.id + ".pdf\"");
  r.set_header("Cache-Control", "no-store");
  return r;
}

http::Response attestation_withdraw(const Visit& v) {
  if (!v.context->attestation_authority) return problem(v, 404, "not_found_title", "not_found_text");
  if (!csrf_ok(v)) return problem(v, 403, "form_expired_title", "form_expired_text");
  const auto& id = v.field("id");
  auto revoked = service::revoke_attestation(v.context->door.db, v.context->door.clock, id, v.session->numero_ofpra,
                                             domain::RevocationReason::withdrawn, "portail");
  if (!revoked) return problem(v, 503, "unavailable_title", "unavailable_text");
  // Withdrawn already (a second click), or not hers: her list says where things stand.
  if (!*revoked) return redirect("/espace/attestations#mes-attestations");
  return redirect("/espace/attestations?retiree=" + id);
}

http::Response verify_attestation_page(const Visit& v) {
  if (!v.context->attestation_authority) return problem(v, 404, "not_found_title", "not_found_text");
  return form_page(v, json::object{{"form", true}}, 200);
}

http::Response verify_attestation_submit(const Visit& v) {
  const auto* authority = v.context->attestation_authority;
  if (!authority) return problem(v, 404, "not_found_title", "not_found_text");
  if (!csrf_ok(v)) return problem(v, 403, "form_expired_title", "form_expired_text");
  const auto& file = v.field("fichier");
  const auto& text = v.field("code_2ddoc");
  json::object values{{"form", true}, {"code_2ddoc", text}, {"organisme", v.field("organisme")}};
  if (file.empty() == text.empty()) {
    mark_error(v, values, "fichier", file.empty() ? "error_attestation_nothing_given" : "error_attestation_both");
    return form_page(v, values, 400);
  }
  // As typed: 100 characters, whatever their bytes (an Arabic name takes two a letter).
  const auto& organisation = v.field("organisme");
  if (!domain::is_plain_text(organisation, false) || domain::characters(organisation) > service::max_agent_length) {
    mark_error(v, values, "organisme", "error_attestation_organisation");
    return form_page(v, values, 400);
  }
  if (v.context->attestation_checks && !v.context->attestation_checks->take(v.request->client_address).allowed) {
    mark_error(v, values, file.empty() ? "code_2ddoc" : "fichier", "error_attestation_too_many");
    return form_page(v, values, 429);
  }
  const service::AttestationVerifier verifier{v.request->client_address, v.field("organisme")};
  const auto verification =
      attest::verify_attestation(v.context->door, authority->trusted(), authority->settings().document_type, verifier,
                                 file.empty() ? std::string_view(text) : std::string_view(file));
  if (!verification.read.stated) {
    const auto problem_key =
        verification.read.scan_problem == attest::ScanProblem::too_large    ? "error_attestation_too_large"
        : verification.read.scan_problem == attest::ScanProblem::unreadable ? "error_attestation_unreadable"
        : verification.read.scan_problem == attest::ScanProblem::no_symbol  ? "error_attestation_no_symbol"
                                                                            : "error_attestation_not_ours";
    mark_error(v, values, file.empty() ? "code_2ddoc" : "fichier", problem_key);
    return form_page(v, values, 422);
  }
  if (verification.refusal) return problem(v, 503, "unavailable_title", "unavailable_text");
  auto result = verdict_values(v, verification);
  result["checked_at"] = format_time(v.language->code, env::format_utc(v.context->door.clock.now()));
  return page(v, "verify_attestation", "verify_attestation_title", json::object{{"result", std::move(result)}});
}

}  // namespace ofpra::web
