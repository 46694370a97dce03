#include "app/commands.hpp"
#include "app/config.hpp"

#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
  CLI::App app{"Ofpra Connect: OFPRA answers other administrations about protected persons."};
  app.require_subcommand(1);
  int exit_code = ofpra::app::exit_ok;
  ofpra::app::add_serve_command(app, exit_code);
  ofpra::app::add_data_commands(app, exit_code);
  ofpra::app::add_journal_commands(app, exit_code);
  ofpra::app::add_partner_commands(app, exit_code);
  ofpra::app::add_consent_commands(app, exit_code);
  ofpra::app::add_matching_commands(app, exit_code);
  ofpra::app::add_staff_commands(app, exit_code);
  ofpra::app::add_attestation_commands(app, exit_code);
  ofpra::app::add_registry_client_commands(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return ofpra::app::exit_usage;
  }
  return exit_code;
}
