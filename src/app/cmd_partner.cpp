// partner add.
#include "app/commands.hpp"
#include "app/config.hpp"
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

void run_revoke(const PartnerOptions& o, int& exit_code) {
  auto db = open_database_or_report(o.db, exit_code);
  if (!db) return;
  report_revocation(db->partners().revoke_client(o.client_id), "no API client with that id",
                    "client revoked: its tokens are refused from now on", exit_code);
}

}  // namespace

void add_partner_commands(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<PartnerOptions>();
  auto* partner = app.add_subcommand("partner", "Administrations and their API clients");
  partner->require_subcommand(1);
  auto* add = partner->add_subcommand(
      "add", "Register an administration with a habilitation and an API client; prints the credentials once");
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

  auto* revoke = partner->add_subcommand("revoke-client", "Revoke an API client: its tokens stop working at once");
  add_db_option(*revoke, o->db);
  revoke->add_option("--client-id", o->client_id, "The client to revoke")->required();
  revoke->callback([o, &exit_code] { run_revoke(*o, exit_code); });
}

}  // namespace ofpra::app
