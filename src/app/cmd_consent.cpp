// consent grant, consent revoke: OFPRA staff record a consent the person gave in writing or
// at a desk; the portal lets the person do it herself through the same service.
#include "app/commands.hpp"
#include "app/config.hpp"
#include "service/consents.hpp"

#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <iostream>

namespace ofpra::app {
namespace {

struct ConsentOptions {
  std::string db;
  std::string numero_ofpra;
  std::string siret;
  std::vector<std::string> scopes;
  std::string purpose;
  std::string from;
  std::string until;
  std::int64_t id = 0;
};

void run_grant(const ConsentOptions& o, int& exit_code) {
  auto scopes = scopes_or_report(o.scopes, exit_code);
  if (!scopes) return;
  service::NewConsent request{o.numero_ofpra, o.siret, std::nullopt, std::move(*scopes), o.purpose, o.from, o.until};
  auto db = open_database_or_report(o.db, exit_code);
  if (!db) return;
  auto id = service::grant_consent(*db, request, env::system_clock());
  if (!id) {
    std::cerr << "error: " << id.error().field << ": " << id.error().message << "\n";
    exit_code = id.error().is_unavailable() ? exit_failure : exit_rejected;
    return;
  }
  std::cout << boost::json::serialize(boost::json::object{{"id", *id}}) << "\n";
}

void run_revoke(const ConsentOptions& o, int& exit_code) {
  auto db = open_database_or_report(o.db, exit_code);
  if (!db) return;
  report_revocation(db->consents().revoke_consent(o.id), "no consent with that id",
                    "consent revoked: it no longer opens any answer", exit_code);
}

}  // namespace

void add_consent_commands(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<ConsentOptions>();
  auto* consent = app.add_subcommand("consent", "Consents of protected persons to partners");
  consent->require_subcommand(1);
  auto* grant = consent->add_subcommand("grant", "Record a consent; prints its id");
  add_db_option(*grant, o->db);
  grant->add_option("--numero-ofpra", o->numero_ofpra, "The person (9 digits)")->required();
  grant->add_option("--siret", o->siret, "The partner receiving the data")->required();
  grant->add_option("--scopes", o->scopes, "Scopes consented to, comma-separated")->delimiter(',')->required();
  grant->add_option("--purpose", o->purpose, "Purpose the person consented to")->required();
  grant->add_option("--from", o->from, "First day, YYYY-MM-DD (default: today)");
  grant->add_option("--until", o->until, "Last day, YYYY-MM-DD (at most a year after the first)")->required();
  grant->callback([o, &exit_code] { run_grant(*o, exit_code); });

  auto* revoke = consent->add_subcommand("revoke", "Revoke a consent: answers that needed it are refused at once");
  add_db_option(*revoke, o->db);
  revoke->add_option("--id", o->id, "The consent's id")->required();
  revoke->callback([o, &exit_code] { run_revoke(*o, exit_code); });
}

}  // namespace ofpra::app
