#pragma once
// The subcommands of DESIGN §5, each registered on the CLI11 application. A command's
// callback sets the exit code it wants in `exit_code`.
namespace CLI {
class App;
}

namespace ofpra::app {

void add_serve_command(CLI::App& app, int& exit_code);
void add_data_commands(CLI::App& app, int& exit_code);             // migrate, seed, import, export, history
void add_journal_commands(CLI::App& app, int& exit_code);          // journal verify, export, purge
void add_partner_commands(CLI::App& app, int& exit_code);          // partner add, update, revoke-client, counter-*
void add_consent_commands(CLI::App& app, int& exit_code);          // consent grant, revoke
void add_matching_commands(CLI::App& app, int& exit_code);         // match-eval, match-queries
void add_staff_commands(CLI::App& app, int& exit_code);            // staff add, list; habilitation reminders
void add_attestation_commands(CLI::App& app, int& exit_code);      // attestation issue, verify, revoke, rotate
void add_registry_client_commands(CLI::App& app, int& exit_code);  // registry-client add, revoke

}  // namespace ofpra::app
