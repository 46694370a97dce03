#include "service/audit.hpp"

#include "domain/partial_date.hpp"
#include "domain/partner.hpp"
#include "domain/plain_text.hpp"
#include "service/staff.hpp"

#include <algorithm>

namespace ofpra::service {
namespace {

bool nine_digits(std::string_view s) {
  return s.size() == 9 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

domain::Status may_audit(store::Database& db, const env::Clock& clock, const store::StaffMember& staff,
                         const std::string& attempted) {
  auto may = staff_may(db, clock, staff, domain::StaffRole::audit, attempted);
  if (!may) return may.error();
  if (!*may) return domain::refused("role", "searching the journal needs the audit role");
  return domain::success();
}

// The day after a YYYY-MM-DD, as the start of an RFC 3339 bound.
std::string day_after(const domain::PartialDate& d) {
  return domain::civil_from_days(domain::days_from_civil(d.year, d.month, d.day) + 1).to_string();
}

// A cell a spreadsheet reads as text: quoted when it must be, and never a formula (a partner's
// purpose is its own text).
std::string csv_cell(std::string s) {
  if (!s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos) s.insert(0, "'");
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : " ") + s;
  return out;
}

}  // namespace

domain::Result<std::vector<domain::JournalEntry>> search_journal(store::Database& db, const env::Clock& clock,
                                                                 const store::StaffMember& staff,
                                                                 const AuditSearch& s) {
  if (auto ok = may_audit(db, clock, staff, "recherche dans le journal"); !ok) return ok.error();
  if (!domain::is_text_line(s.purpose, 300))
    return domain::refused("motif", "say why you search (300 characters at most)");
  store::JournalQuery q;
  if (!s.person.empty() && !nine_digits(s.person)) return domain::refused("numero_ofpra", "9 digits");
  if (!s.partner_siret.empty() && !domain::is_siret(s.partner_siret))
    return domain::refused("siret", "14 digits with a valid Luhn key");
  if (s.agent.size() > 200) return domain::refused("agent", "200 characters at most");
  if (s.person.empty() && s.partner_siret.empty() && s.agent.empty() && s.result.empty())
    return domain::refused("criteres", "give a person, a partner, an agent or a result");
  q.person = s.person;
  q.partner_siret = s.partner_siret;
  q.agent = s.agent;
  if (!s.result.empty()) {
    q.result = domain::parse_JournalResult(s.result);
    if (!q.result) return domain::refused("resultat", "not a result");
  }
  for (const auto& [text, field] : {std::pair{&s.from, "du"}, std::pair{&s.to, "au"}}) {
    if (text->empty()) continue;
    auto day = domain::PartialDate::parse_day(*text);
    if (!day) return domain::refused(field, "a date as YYYY-MM-DD");
    if (std::string_view(field) == "du")
      q.from = day->to_string();
    else
      q.to = day_after(*day);
  }
  if (!q.from.empty() && !q.to.empty() && q.from >= q.to) return domain::refused("au", "the end comes after the start");
  q.before_seq = s.before_seq;
  q.limit = audit_page_size;
  std::string criteria;
  for (const auto& [name, value] :
       {std::pair{"personne", s.person}, std::pair{"partenaire", s.partner_siret}, std::pair{"agent", s.agent},
        std::pair{"du", s.from}, std::pair{"au", s.to}, std::pair{"resultat", s.result}})
    if (!value.empty()) criteria += (criteria.empty() ? "" : ", ") + std::string(name) + "=" + value;
  if (auto r = record_staff_action(db, clock, staff.email, "journal.recherche", criteria, s.purpose); !r)
    return r.error();
  return db.journal().search(q);
}

domain::Result<std::vector<domain::JournalEntry>> person_accesses(store::Database& db, const env::Clock& clock,
                                                                  const store::StaffMember& staff,
                                                                  const std::string& numero_ofpra,
                                                                  const std::string& purpose) {
  if (auto ok = may_audit(db, clock, staff, "export des accès à une personne"); !ok) return ok.error();
  if (!domain::is_text_line(purpose, 300))
    return domain::refused("motif", "say why you export (300 characters at most)");
  if (!nine_digits(numero_ofpra)) return domain::refused("numero_ofpra", "9 digits");
  if (auto r =
          record_staff_action(db, clock, staff.email, "journal.export_personne", "personne=" + numero_ofpra, purpose);
      !r)
    return r.error();
  auto found = db.journal().search({.person = numero_ofpra, .limit = audit_export_limit});
  if (!found) return found.error();
  std::reverse(found->begin(), found->end());
  return found;
}

std::string journal_csv(const std::vector<domain::JournalEntry>& entries) {
  std::string out =
      "reference,date,canal,partenaire,destinataire,agent,motif,consentement,donnees_demandees,donnees_communiquees,"
      "personne,resultat,code_refus\r\n";
  for (const auto& e : entries) {
    for (const auto& cell : {std::to_string(e.seq), e.recorded_at, std::string(to_string(e.channel)), e.partner_siret,
                             e.recipient_siret, e.agent, e.purpose, e.consent_ref, joined(e.scopes_asked),
                             joined(e.scopes_given), e.person, std::string(to_string(e.result)), e.refusal_code})
      out += csv_cell(cell) + ",";
    out.back() = '\r';
    out += '\n';
  }
  return out;
}

domain::Result<journal::VerifyReport> verify_journal(store::Database& db, const env::Clock& clock,
                                                     const store::StaffMember& staff,
                                                     const std::string& trusted_public_key) {
  if (auto ok = may_audit(db, clock, staff, "vérification du journal"); !ok) return ok.error();
  auto report = journal::verify(db.journal(), trusted_public_key);
  if (!report) return report.error();
  if (auto r = record_staff_action(db, clock, staff.email, "journal.verification",
                                   report->intact ? "intact jusqu'à " + std::to_string(report->last_seq)
                                                  : "altéré à " + std::to_string(report->bad_seq),
                                   "");
      !r)
    return r.error();
  return report;
}

}  // namespace ofpra::service
