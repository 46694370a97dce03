// The back office's audit of the journal: search (always with its purpose, itself recorded),
// a person's accesses as CSV or a printable page (her GDPR access request), and the chain's
// check against the published key. Personal data travel in forms, never in an address.
#include "service/alert_monitor.hpp"
#include "service/audit.hpp"
#include "web/back_office.hpp"
#include "web/locale_format.hpp"

#include <boost/json.hpp>

namespace ofpra::web {
namespace {

namespace json = boost::json;
using domain::StaffRole;

constexpr std::pair<std::string_view, std::string_view> results[] = {
    {"trouve", "Trouvé"}, {"non_trouve", "Non trouvé"}, {"ambigu", "Ambigu"},
    {"refus", "Refus"},   {"export", "Export"},         {"demande", "Demande à l'Ofpra"}};

json::object form_values(const Office& o) {
  json::array options;
  for (const auto& [value, label] : results)
    options.push_back(json::object{{"value", value}, {"label", label}, {"selected", o.v.field("resultat") == value}});
  const auto& c = *o.v.context;
  return {{"numero_ofpra", o.v.field("numero_ofpra")},
          {"siret", o.v.field("siret")},
          {"agent", o.v.field("agent")},
          {"du", o.v.field("du")},
          {"au", o.v.field("au")},
          {"motif", o.v.field("motif")},
          {"results", std::move(options)},
          {"key_id", c.journal_key_id},
          {"public_key", c.journal_public_key_hex}};
}

json::array rows_of(const std::vector<domain::JournalEntry>& entries) {
  json::array rows;
  for (const auto& e : entries) {
    std::string given;
    for (const auto& s : e.scopes_given) given += (given.empty() ? "" : ", ") + s;
    rows.push_back(json::object{{"seq", e.seq},
                                {"at", format_time("fr", e.recorded_at)},
                                {"channel", to_string(e.channel)},
                                {"partner", e.partner_siret},
                                {"agent", e.agent},
                                {"purpose", e.purpose},
                                {"person", e.person},
                                {"result", to_string(e.result)},
                                {"given", given}});
  }
  return rows;
}

// The refusal at its field, in the page's words.
void mark(json::object& values, const domain::Error& e) {
  static const std::map<std::string, std::pair<std::string, std::string>> words{
      {"motif", {"motif", "Dites pourquoi vous cherchez : le motif est enregistré avec la recherche."}},
      {"numero_ofpra", {"numero_ofpra", "Le numéro Ofpra a 9 chiffres."}},
      {"siret", {"siret", "Le SIRET a 14 chiffres dont une clé de Luhn."}},
      {"agent", {"agent", "200 caractères au plus."}},
      {"du", {"du", "Saisissez une date (AAAA-MM-JJ)."}},
      {"au", {"au", "Saisissez une date (AAAA-MM-JJ), après le début."}},
      {"resultat", {"resultat", "Choisissez un résultat de la liste."}},
      {"criteres", {"numero_ofpra", "Donnez une personne, un partenaire, un agent ou un résultat."}},
  };
  const auto it = words.find(e.field);
  if (it == words.end())
    mark_error_text(values, "motif", e.message);
  else
    mark_error_text(values, it->second.first, it->second.second);
}

void search_page(const Office& o, http::Respond respond) {
  if (auto r = office_refusal(o, StaffRole::audit, "journal")) return respond(std::move(*r));
  respond(office_page(o, "admin_journal", "Journal des accès", form_values(o)));
}

void search(const Office& o, http::Respond respond) {
  if (auto r = office_refusal(o, StaffRole::audit, "recherche dans le journal")) return respond(std::move(*r));
  if (auto r = office_csrf(o)) return respond(std::move(*r));
  const auto& c = *o.v.context->staff;
  service::AuditSearch s{o.v.field("numero_ofpra"), o.v.field("siret"),
                         o.v.field("agent"),        o.v.field("du"),
                         o.v.field("au"),           o.v.field("resultat"),
                         o.v.field("motif"),        whole_number(o.v.field("avant")).value_or(0)};
  auto values = form_values(o);
  auto found = service::search_journal(c.db, c.clock, o.staff->member, s);
  if (!found) {
    if (found.error().is_unavailable()) return respond(office_unavailable(o));
    mark(values, found.error());
    return respond(office_page(o, "admin_journal", "Journal des accès", std::move(values), 400));
  }
  values["searched"] = true;
  values["count"] = found->size();
  values["entries"] = rows_of(*found);
  if (found->size() == service::audit_page_size) values["next_before"] = found->back().seq;
  respond(office_page(o, "admin_journal", "Journal des accès", std::move(values)));
}

void person_export(const Office& o, http::Respond respond) {
  if (auto r = office_refusal(o, StaffRole::audit, "export des accès à une personne")) return respond(std::move(*r));
  if (auto r = office_csrf(o)) return respond(std::move(*r));
  const auto& c = *o.v.context->staff;
  const auto number = o.v.field("numero_ofpra");
  auto found = service::person_accesses(c.db, c.clock, o.staff->member, number, o.v.field("motif"));
  if (!found) {
    if (found.error().is_unavailable()) return respond(office_unavailable(o));
    auto values = form_values(o);
    mark(values, found.error());
    return respond(office_page(o, "admin_journal", "Journal des accès", std::move(values), 400));
  }
  if (o.v.field("format") == "csv") {
    http::Response r;
    r.status = 200;
    r.content_type = "text/csv; charset=utf-8";
    r.body = service::journal_csv(*found);
    // Named by the date only: the number stays out of the file name a browser may keep.
    r.set_header("Content-Disposition",
                 "attachment; filename=\"acces-personne-" + domain::day_of(c.clock.now()).to_string() + ".csv\"");
    return respond(desk_headers(std::move(r), nullptr));
  }
  respond(office_page(o, "admin_person_accesses", "Accès aux données d'une personne",
                      {{"numero_ofpra", number},
                       {"count", found->size()},
                       {"entries", rows_of(*found)},
                       {"printed_at", format_time("fr", env::format_utc(c.clock.now()))},
                       {"by", o.staff->member.name}}));
}

void verify(const Office& o, http::Respond respond) {
  if (auto r = office_refusal(o, StaffRole::audit, "vérification du journal")) return respond(std::move(*r));
  if (auto r = office_csrf(o)) return respond(std::move(*r));
  const auto& ctx = *o.v.context;
  auto report = service::verify_journal(ctx.staff->db, ctx.staff->clock, o.staff->member, ctx.journal_public_key_hex);
  if (!report) return respond(office_unavailable(o));
  auto values = form_values(o);
  values["verified"] = json::object{
      {"intact", report->intact},     {"entries", report->entries},         {"first_seq", report->first_seq},
      {"last_seq", report->last_seq}, {"checkpoints", report->checkpoints}, {"bad_seq", report->bad_seq},
      {"problem", report->problem},   {"trusted_key", report->trusted_key}, {"unsigned_tail", report->unsigned_tail}};
  respond(office_page(o, "admin_journal", "Journal des accès", std::move(values)));
}

// Who may see alerts: the audit and admin roles.
std::optional<http::Response> may_see_alerts(const Office& o, const std::string& attempted) {
  if (o.staff && o.staff->member.roles.has(StaffRole::admin)) return std::nullopt;
  return office_refusal(o, StaffRole::audit, attempted);
}

// error: the refusal of an acknowledgement, at its alert (error_id) or, for an alert not on the
// page, above the list.
http::Response alerts_page(const Office& o, json::object values = {}, unsigned status = 200, std::int64_t error_id = 0,
                           const std::string& error = {}) {
  const auto& c = *o.v.context->staff;
  auto list = service::list_alerts(c.db, c.clock, o.staff->member);
  if (!list) return office_unavailable(o);
  json::array rows;
  std::int64_t open = 0;
  for (const auto& a : *list) {
    const bool is_open = a.acknowledged_at.empty();
    if (is_open) ++open;
    rows.push_back(json::object{{"id", a.id},
                                {"rule", a.rule},
                                {"subject", a.subject},
                                {"day", a.day},
                                {"seq", a.seq},
                                {"evidence", a.evidence},
                                {"raised_at", format_time("fr", a.raised_at)},
                                {"open", is_open},
                                {"by", a.acknowledged_by},
                                {"at", is_open ? std::string() : format_time("fr", a.acknowledged_at)},
                                {"acknowledgement", a.acknowledgement}});
    if (a.id == error_id && is_open) {
      rows.back().as_object()["error"] = error;
      mark_error_text(values, "constat-" + std::to_string(a.id), error);
      error_id = 0;
    }
  }
  if (!error.empty() && error_id != 0) mark_error_text(values, "alertes-ouvertes", error);
  values["alerts"] = std::move(rows);
  values["open_count"] = open;
  values["none"] = list->empty();
  return office_page(o, "admin_alerts", "Alertes", std::move(values), status);
}

void alerts(const Office& o, http::Respond respond) {
  if (auto r = may_see_alerts(o, "alertes")) return respond(std::move(*r));
  respond(alerts_page(o));
}

void acknowledge(const Office& o, http::Respond respond) {
  if (auto r = may_see_alerts(o, "acquittement d'une alerte")) return respond(std::move(*r));
  if (auto r = office_csrf(o)) return respond(std::move(*r));
  const auto& c = *o.v.context->staff;
  const auto id = whole_number(o.v.field("alerte")).value_or(0);
  auto done = service::acknowledge_alert(c.db, c.clock, o.staff->member, id, o.v.field("constat"));
  if (done) return respond(desk_headers(redirect("/admin/alertes"), nullptr));
  if (done.error().is_unavailable()) return respond(office_unavailable(o));
  const bool comment = done.error().field == "comment";
  respond(alerts_page(o, {}, comment ? 400 : 409, id == 0 ? -1 : id,
                      comment ? "Dites ce que vous avez constaté : c'est enregistré."
                              : "Cette alerte n'existe pas ou est déjà acquittée."));
}

}  // namespace

void add_office_audit_routes(http::Router& router, const PortalContext& c) {
  on_office(router, c, "GET", "/admin/journal", search_page);
  on_office(router, c, "POST", "/admin/journal", search);
  on_office(router, c, "POST", "/admin/journal/personne", person_export);
  on_office(router, c, "POST", "/admin/journal/verification", verify);
  on_office(router, c, "GET", "/admin/alertes", alerts);
  on_office(router, c, "POST", "/admin/alertes", acknowledge);
}

}  // namespace ofpra::web
