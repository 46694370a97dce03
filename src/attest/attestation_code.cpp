#include "attest/attestation_code.hpp"

#include "attest/twoddoc.hpp"
#include "matching/normalize.hpp"

#include <openssl/sha.h>

#include <array>
#include <cstdio>
#include <variant>

namespace ofpra::attest {
namespace {

using namespace std::chrono;
using domain::AttestationLevel;

sys_days sys_of(const domain::PartialDate& d) {
  return sys_days{year{d.year} / month{d.month ? d.month : 1u} / day{d.day ? d.day : 1u}};
}

// The family links as the 2D-Doc writes them, in domain::FamilyLink's order.
constexpr std::array<std::string_view, 3> family_words{"CONJOINT", "ENFANT", "PARENT"};

std::string statement_of(AttestationLevel level, const service::Answer& a) {
  if (level == AttestationLevel::protection && a.protection && a.protection->type) {
    switch (*a.protection->type) {
      case domain::ProtectionType::refugee:
        return "REFUGIE";
      case domain::ProtectionType::subsidiary:
        return "PROTECTION SUBSIDIAIRE";
      case domain::ProtectionType::stateless:
        return "APATRIDE";
    }
  }
  const auto& file = a.civil_status_progress;
  if (!file || !file->stage) return {};
  switch (*file->stage) {
    case domain::FileStage::awaiting_ffr:
      return "ETAT CIVIL EN ATTENTE DE LA FFR";
    case domain::FileStage::acts_established:
      return "ETAT CIVIL ETABLI";
    case domain::FileStage::ffr_received:
    case domain::FileStage::instruction:
      break;
  }
  return file->within_delay.value_or(true) ? "ETAT CIVIL EN COURS DANS LES DELAIS" : "ETAT CIVIL EN COURS HORS DELAI";
}

std::optional<domain::PartialDate> since_of(AttestationLevel level, const service::Answer& a) {
  if (level == AttestationLevel::protection && a.protection) return a.protection->since;
  if (!a.civil_status_progress) return std::nullopt;
  if (a.civil_status_progress->stage == domain::FileStage::acts_established)
    return a.civil_status_progress->actes_etablis_le;
  return a.civil_status_progress->ffr_recue_le;
}

std::vector<TwoDDocField> fields_of(const service::IssuedAttestation& issued) {
  const auto& a = issued.answer;
  const auto& r = issued.record;
  std::vector<TwoDDocField> fields;
  fields.push_back({"01", r.id, false});
  if (auto until = domain::PartialDate::parse_day(r.valid_until))
    fields.push_back({"08", hex_days(sys_of(*until)), false});
  if (const auto& d = a.designation) {
    fields.push_back({"62", matching::fold(d->nom_naissance), false});
    if (d->nom_usage && !d->nom_usage->empty()) fields.push_back({"63", matching::fold(*d->nom_usage), false});
    std::string given;
    for (const auto& p : d->prenoms) given += (given.empty() ? "" : "/") + matching::fold(p);
    fields.push_back({"60", given, false});
    fields.push_back({"69", twoddoc_date(d->date_naissance), false});
  }
  if (r.level == AttestationLevel::identity && a.identity) {
    fields.push_back({"66", a.identity->numero_ofpra, false});
    if (a.identity->sexe != domain::Sex::unspecified)
      fields.push_back({"68", a.identity->sexe == domain::Sex::female ? "F" : "M", false});
    if (a.identity->lieu_naissance && !a.identity->lieu_naissance->empty())
      fields.push_back({"6A", matching::fold(*a.identity->lieu_naissance), false});
  }
  fields.push_back({"6M", statement_of(r.level, a), false});
  if (auto since = since_of(r.level, a)) fields.push_back({"6N", twoddoc_date(*since), false});
  if (r.level == AttestationLevel::identity && a.family && !a.family->members.empty()) {
    std::string family;
    for (const auto& m : a.family->members) {
      std::string member = std::string(family_words[static_cast<std::size_t>(m.link)]);
      if (m.nom_naissance) member += " " + matching::fold(*m.nom_naissance);
      for (const auto& p : m.prenoms) member += " " + matching::fold(p);
      if (m.date_naissance) member += " " + twoddoc_date(*m.date_naissance);
      family += (family.empty() ? "" : "/") + member;
    }
    fields.push_back({"Z0", family, false});
  }
  return fields;
}

std::string text_of(const TwoDDoc& doc, std::string_view id) {
  const auto* f = doc.field(id);
  return f ? f->value : std::string();
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (const auto b : digest) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

}  // namespace

std::string twoddoc_date(const domain::PartialDate& d) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%02u%02u%04d", static_cast<unsigned>(d.day), static_cast<unsigned>(d.month),
                static_cast<int>(d.year));
  return buffer;
}

std::string iso_of_twoddoc_date(std::string_view text) {
  if (text.size() != 8) return {};
  const auto dd = text.substr(0, 2), mm = text.substr(2, 2), yyyy = text.substr(4, 4);
  if (mm == "00") return std::string(yyyy);
  if (dd == "00") return std::string(yyyy) + "-" + std::string(mm);
  return std::string(yyyy) + "-" + std::string(mm) + "-" + std::string(dd);
}

std::string iso_day(const std::optional<sys_days>& day) {
  if (!day) return {};
  const year_month_day ymd{*day};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return text;
}

std::string sign_attestation(const Authority& authority, const service::IssuedAttestation& issued) {
  TwoDDocHeader h;
  h.authority = authority.settings().authority_id;
  h.certificate = issued.record.certificate;
  const auto day = domain::PartialDate::parse_day(issued.record.issued_at.substr(0, 10));
  h.issued = day ? sys_of(*day) : floor<days>(system_clock::now());
  h.signed_on = *h.issued;
  h.document_type = authority.settings().document_type;
  const auto text = signed_text(h, fields_of(issued));
  return with_signature(text, authority.sign(text));
}

ReadAttestation read_attestation(const TrustedCertificates& trusted, std::string_view document_type,
                                 std::string_view content) {
  ReadAttestation read;
  auto scanned = scan(content);
  if (scanned.problem) {
    read.scan_problem = scanned.problem;
    return read;
  }
  auto parsed = parse_twoddoc(scanned.twoddoc);
  if (auto* why = std::get_if<std::string>(&parsed)) {
    read.unreadable = std::move(*why);
    return read;
  }
  const auto& doc = std::get<TwoDDoc>(parsed);
  if (doc.header.document_type != document_type || !doc.field("01")) {
    read.unreadable = "ce 2D-Doc n'est pas une attestation de l'OFPRA";
    return read;
  }
  StatedAttestation s;
  s.id = text_of(doc, "01");
  s.authority = doc.header.authority;
  s.certificate = doc.header.certificate;
  s.test_authority = doc.header.authority.ends_with("00");
  s.issued = doc.header.issued;
  s.valid_until = from_hex_days(text_of(doc, "08"));
  s.nom_naissance = text_of(doc, "62");
  s.nom_usage = text_of(doc, "63");
  const auto given = text_of(doc, "60");
  for (std::size_t start = 0; start <= given.size() && !given.empty();) {
    const auto end = std::min(given.find('/', start), given.size());
    s.prenoms.push_back(given.substr(start, end - start));
    start = end + 1;
  }
  s.date_naissance = iso_of_twoddoc_date(text_of(doc, "69"));
  s.sexe = text_of(doc, "68");
  s.lieu_naissance = text_of(doc, "6A");
  s.statement = text_of(doc, "6M");
  s.since = iso_of_twoddoc_date(text_of(doc, "6N"));
  s.numero_ofpra = text_of(doc, "66");
  const auto family = text_of(doc, "Z0");
  for (std::size_t start = 0; start < family.size();) {
    const auto end = std::min(family.find('/', start), family.size());
    auto words = family.substr(start, end - start);
    start = end + 1;
    StatedRelative relative;
    relative.link = words.substr(0, words.find(' '));
    words = words.find(' ') == std::string::npos ? std::string() : words.substr(words.find(' ') + 1);
    // The last word is the birth date when it is one (JJMMAAAA).
    const auto last = words.rfind(' ');
    const auto date = words.substr(last == std::string::npos ? 0 : last + 1);
    if (date.size() == 8 && date.find_first_not_of("0123456789") == std::string::npos) {
      relative.date_naissance = iso_of_twoddoc_date(date);
      words = last == std::string::npos ? std::string() : words.substr(0, last);
    }
    relative.names = words;
    s.family.push_back(std::move(relative));
  }

  const auto verdict = trusted.verify(doc.header.authority, doc.header.certificate, doc.header.signed_on,
                                      doc.signed_text, doc.signature);
  read.presented.id = s.id;
  read.presented.certificate = s.certificate;
  read.presented.genuine = verdict != CertificateVerdict::unknown;
  read.presented.certificate_revoked =
      verdict == CertificateVerdict::revoked || verdict == CertificateVerdict::outside_validity;
  read.presented.request_hash = sha256_hex(scanned.twoddoc);
  read.stated = std::move(s);
  return read;
}

}  // namespace ofpra::attest
