// partner add, update, revoke-client, counter-allow, counter-disallow, counter-list.
#include "app/commands.hpp"
#include "app/config.hpp"
#include "service/counter.hpp"
#include "service/partners.hpp"

#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

namespace ofpra::app {
namespace {

struct PartnerOptions {
  std::string db;
  std::string siret;
  std::string name;
  std::string type;
  std::vector<std::string> scopes;
  std::string legal_basis;
  std::string legal_basis_url;
  std::string purpose;
  std::string client_id;
  std::string public_key_file;
  std::vector<std::string> acting_for;
  std::string domain;  // counter allow-list: an e-mail domain
  std::string uid;     // or a uid at the agent's identity provider
};

void run_add(const PartnerOptions& o, int& exit_code) {
  auto type = domain::parse_AdministrationType(o.type);
  if (!type) {
    std::string words;
    for (auto w : domain::words_of_AdministrationType()) words += (words.empty() ? "" : ", ") + std::string(w);
    std::cerr << "error: --type must be one of " << words << "\n";
    exit_code = exit_usage;
    return;
  }
  if (!domain::is_siret(o.siret)) {
    std::cerr << "error: --siret must be 14 digits with a valid Luhn key\n";
    exit_code = exit_usage;
    return;
  }
  for (const auto& s : o.acting_for)
    if (!domain::is_siret(s)) {
      std::cerr << "error: --acting-for must list SIRETs of 14 digits with a valid Luhn key\n";
      exit_code = exit_usage;
      return;
    }
  service::NewPartner request{
      {o.siret, o.name, *type}, std::nullopt, o.legal_basis, o.legal_basis_url, o.purpose, {}, o.acting_for};
  if (!o.scopes.empty()) {
    auto scopes = scopes_or_report(o.scopes, exit_code);
    if (!scopes) return;
    request.scopes = std::move(*scopes);
  }
  if (!o.public_key_file.empty()) {
    std::ifstream in(o.public_key_file);
    std::ostringstream pem;
    pem << in.rdbuf();
    if (!in) {
      std::cerr << "error: --public-key: cannot read the file\n";
      exit_code = exit_failure;
      return;
    }
    request.public_key_pem = pem.str();
  }
  auto db = open_database_or_report(o.db, exit_code);
  if (!db) return;
  auto credentials = service::add_partner(*db, request, env::secure_random(), env::system_clock());
  if (!credentials) {
    std::cerr << "error: " << credentials.error().field << ": " << credentials.error().message << "\n";
    exit_code = credentials.error().is_unavailable() ? exit_failure : exit_rejected;
    return;
  }
  boost::json::object shown{{"client_id", credentials->client_id}};
  if (credentials->client_secret.empty())
    shown["token_endpoint_auth_method"] = "private_key_jwt";
  else
    shown["client_secret"] = credentials->client_secret;
  std::cout << boost::json::serialize(shown) << "\n";
}

// partner update: says each change it made, one line each.
void run_update(const PartnerOptions& o, int& exit_code) {
  service::PartnerUpdate u{o.siret,       std::nullopt,      std::nullopt, std::nullopt,
                           o.legal_basis, o.legal_basis_url, o.purpose};
  if (!o.name.empty()) u.name = o.name;
  if (!o.type.empty()) {
    u.type = domain::parse_AdministrationType(o.type);
    if (!u.type) {
      std::cerr << "error: --type is not an administration type\n";
      exit_code = exit_usage;
      return;
    }
  }
  if (!o.scopes.empty()) {
    auto scopes = scopes_or_report(o.scopes, exit_code);
    if (!scopes) return;
    u.scopes = std::move(*scopes);
  }
  auto db = open_database_or_report(o.db, exit_code);
  if (!db) return;
  auto said = service::update_partner(*db, u, env::system_clock());
  if (!said) {
    std::cerr << "error: " << said.error().field << ": " << said.error().message << "\n";
    exit_code = said.error().is_unavailable() ? exit_failure : exit_rejected;
    return;
  }
  if (said->empty()) std::cout << "nothing changed\n";
  for (const auto& line : *said) std::cout << line << "\n";
}

void run_revoke(const PartnerOptions& o, int& exit_code) {
  auto db = open_database_or_report(o.db, exit_code);
  if (!db) return;
  report_revocation(db->partners().revoke_client(o.client_id), "no API client with that id",
                    "client revoked: its tokens are refused from now on", exit_code);
}

// partner counter-allow / counter-disallow: one entry of the organisation's allow-list.
void run_allowance(const PartnerOptions& o, bool allow, int& exit_code) {
  if (o.domain.empty() == o.uid.empty()) {
    std::cerr << "error: give exactly one of --domain and --uid\n";
    exit_code = exit_usage;
    return;
  }
  auto db = open_database_or_report(o.db, exit_code);
  if (!db) return;
  const store::CounterAllowance a{o.domain.empty() ? "uid" : "domaine", o.domain.empty() ? o.uid : o.domain};
  auto changed = allow ? service::allow_at_counter(*db, o.siret, a) : service::disallow_at_counter(*db, o.siret, a);
  if (!changed) {
    std::cerr << "error: " << changed.error().field << ": " << changed.error().message << "\n";
    exit_code = changed.error().is_unavailable()   ? exit_failure
                : changed.error().field == "value" ? exit_rejected
                                                   : exit_usage;
    return;
  }
  if (allow)
    std::cout << (*changed ? "allowed at the counter" : "already allowed at the counter") << "\n";
  else if (*changed)
    std::cout << "no longer allowed at the counter\n";
  else {
    std::cerr << "error: no such entry in the organisation's allow-list\n";
    exit_code = exit_rejected;
  }
}

// partner counter-list: the allow-list, one JSON object per line (none: every agent).
void run_allowance_list(const PartnerOptions& o, int& exit_code) {
  if (!domain::is_siret(o.siret)) {
    std::cerr << "error: --siret must be 14 digits with a valid Luhn key\n";
    exit_code = exit_usage;
    return;
  }
  auto db = open_database_or_report(o.db, exit_code);
  if (!db) return;
  auto list = db->counter().counter_allowances(o.siret);
  if (!list) {
    std::cerr << "error: " << list.error().message << "\n";
    exit_code = exit_failure;
    return;
  }
  for (const auto& a : *list)
    std::cout << boost::json::serialize(boost::json::object{{a.kind == "uid" ? "uid" : "domain", a.value}}) << "\n";
}

}  // namespace

void add_partner_commands(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<PartnerOptions>();
  auto* partner = app.add_subcommand("partner", "Administrations and their API clients");
  partner->require_subcommand(1);
  auto* add = partner->add_subcommand(
      "add",
      "Register an administration with a habilitation and an API client, or give a registered one "
      "another client; prints the credentials once");
  add_db_option(*add, o->db);
  add->add_option("--siret", o->siret, "SIRET of the administration (14 digits, Luhn-checked)")->required();
  add->add_option("--name", o->name, "Name of the administration")->required();
  add->add_option("--type", o->type,
                  "transport, education, caf, assurance_maladie, france_travail, prefecture, "
                  "collectivite, bailleur_social or autre")
      ->required();
  add->add_option("--scopes", o->scopes, "Scopes, comma-separated (default: the type's default policy)")
      ->delimiter(',');
  add->add_option("--legal-basis", o->legal_basis, "Legal basis, required for scopes beyond the default policy");
  add->add_option("--legal-basis-url", o->legal_basis_url, "Link to the legal basis");
  add->add_option("--acting-for", o->acting_for,
                  "SIRETs of administrations it receives answers for besides itself (a software vendor)")
      ->delimiter(',');
  add->add_option("--purpose", o->purpose, "Purpose of the processing");
  add->add_option("--public-key", o->public_key_file,
                  "PEM public key (Ed25519, RSA or EC P-256): the client authenticates with private_key_jwt "
                  "and gets no secret");
  add->callback([o, &exit_code] { run_add(*o, exit_code); });

  auto* update = partner->add_subcommand(
      "update", "Change a partner's name or type, or add a habilitation with scopes; prints each change");
  add_db_option(*update, o->db);
  update->add_option("--siret", o->siret, "SIRET of the partner")->required();
  update->add_option("--name", o->name, "Its new name");
  update->add_option("--type", o->type, "Its new administration type");
  update->add_option("--scopes", o->scopes, "Scopes of a new validated habilitation, comma-separated")->delimiter(',');
  update->add_option("--legal-basis", o->legal_basis, "Legal basis, required for scopes beyond the default policy");
  update->add_option("--legal-basis-url", o->legal_basis_url, "Link to the legal basis");
  update->add_option("--purpose", o->purpose, "Purpose of the new habilitation");
  update->callback([o, &exit_code] { run_update(*o, exit_code); });

  auto* revoke = partner->add_subcommand("revoke-client", "Revoke an API client: its tokens stop working at once");
  add_db_option(*revoke, o->db);
  revoke->add_option("--client-id", o->client_id, "The client to revoke")->required();
  revoke->callback([o, &exit_code] { run_revoke(*o, exit_code); });

  // The counter's allow-list: none, every agent of the organisation signed in with ProConnect.
  for (const bool allow : {true, false}) {
    auto* cmd = partner->add_subcommand(allow ? "counter-allow" : "counter-disallow",
                                        allow ? "Let the organisation's agents of an e-mail domain, or one agent by "
                                                "uid, use the counter (once any is listed, only those)"
                                              : "Remove an entry of the organisation's counter allow-list");
    add_db_option(*cmd, o->db);
    cmd->add_option("--siret", o->siret, "SIRET of the organisation")->required();
    cmd->add_option("--domain", o->domain, "E-mail domain of its agents (e.g. mairie-exemple.fr)");
    cmd->add_option("--uid", o->uid, "An agent's uid at her identity provider");
    cmd->callback([o, allow, &exit_code] { run_allowance(*o, allow, exit_code); });
  }
  auto* list = partner->add_subcommand("counter-list", "Print the organisation's counter allow-list");
  add_db_option(*list, o->db);
  list->add_option("--siret", o->siret, "SIRET of the organisation")->required();
  list->callback([o, &exit_code] { run_allowance_list(*o, exit_code); });
}

}  // namespace ofpra::app
