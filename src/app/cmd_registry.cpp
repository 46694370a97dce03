// registry-client add, revoke: OFPRA's information system writing the registry through the API.
#include "app/commands.hpp"
#include "app/config.hpp"
#include "env/clock.hpp"
#include "service/ingestion.hpp"

#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include <iostream>

namespace ofpra::app {
namespace {

struct RegistryClientOptions {
  std::string db;
  std::string name;
  std::string client_id;
};

void run_add(const RegistryClientOptions& o, int& exit_code) {
  auto db = open_database_or_report(o.db, exit_code);
  if (!db) return;
  auto credentials = service::add_registry_client(*db, o.name, env::secure_random(), env::system_clock());
  if (!credentials) {
    std::cerr << "error: " << credentials.error().field << ": " << credentials.error().message << "\n";
    exit_code = credentials.error().is_unavailable() ? exit_failure : exit_rejected;
    return;
  }
  std::cout << boost::json::serialize(boost::json::object{{"client_id", credentials->client_id},
                                                          {"client_secret", credentials->client_secret},
                                                          {"scope", service::registry_write_scope}})
            << "\n";
}

void run_revoke(const RegistryClientOptions& o, int& exit_code) {
  auto db = open_database_or_report(o.db, exit_code);
  if (!db) return;
  report_revocation(db->ingestion().revoke_registry_client(o.client_id, env::format_utc(env::system_clock().now())),
                    "no registry client in force with that id", "client revoked: its tokens are refused from now on",
                    exit_code);
}

}  // namespace

void add_registry_client_commands(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<RegistryClientOptions>();
  auto* group = app.add_subcommand(
      "registry-client", "API clients of OFPRA's information system, which write the registry (/api/v1/registre)");
  group->require_subcommand(1);
  auto* add = group->add_subcommand("add", "Create a client; prints JSON {\"client_id\",\"client_secret\"} once");
  add_db_option(*add, o->db);
  add->add_option("--name", o->name, "What the client is (e.g. the internal system's name)")->required();
  add->callback([o, &exit_code] { run_add(*o, exit_code); });
  auto* revoke = group->add_subcommand("revoke", "Revoke a client: its tokens are refused at once");
  add_db_option(*revoke, o->db);
  revoke->add_option("--client-id", o->client_id, "The client to revoke")->required();
  revoke->callback([o, &exit_code] { run_revoke(*o, exit_code); });
}

}  // namespace ofpra::app
