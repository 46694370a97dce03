#pragma once
// Command-line options shared by the subcommands. Every flag may also be given as an
// OFPRA_CONNECT_* environment variable (the flag wins).
#include "attest/authority.hpp"
#include "store/database.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace CLI {
class App;
}

namespace ofpra::app {

// Exit codes of every subcommand (docs/CLI.md).
enum ExitCode : int {
  exit_ok = 0,
  exit_rejected = 1,  // the input was refused; nothing changed
  exit_usage = 2,     // bad flags or arguments
  exit_failure = 3,   // the database, a file or the network failed
};

// The attestations' authority and validity, the same for the server and the commands that
// issue or verify one (docs/ATTESTATIONS.md).
struct AttestationConfig {
  attest::AuthoritySettings authority;
  int validity_days = domain::default_attestation_validity_days;
  // Verified online per address a minute (serve): a desk checks one at a time; more would fill a
  // person's history with a stranger's checks.
  std::int64_t checks_per_minute = 30;
};
void add_attestation_options(CLI::App& command, AttestationConfig& config);

struct ServeConfig {
  std::string db;
  std::string listen = "127.0.0.1:8080";
  std::string dsfr_dir;
  unsigned threads = 0;
  bool access_log = true;
  std::uint64_t body_limit = 64 * 1024;
  std::string keys_dir;
  std::string public_url = "http://127.0.0.1:8080";
  std::int64_t rate_limit = 1200;     // per partner per window: 20 requests a second on average
  std::int64_t rate_window = 60;      // seconds
  std::int64_t token_lifetime = 300;  // seconds an access token lives
  // Failed attempts from one client or address before a pause of failure_window seconds: wrong
  // share codes (per API client or address), wrong passwords (per address), failed token
  // requests (per address, and per client at an address).
  std::int64_t share_code_failures = 20;
  std::int64_t login_failures = 30;
  std::int64_t token_failures = 30;
  std::int64_t failure_window = 15 * 60;
  // One-time codes (portal activation, password reset): requests per number and per address an
  // hour, wrong codes per number a day.
  std::int64_t code_requests_per_hour = 5;
  std::int64_t code_guesses_per_day = 10;
  // Sign-ins started with FranceConnect or ProConnect per address in 10 minutes: each holds one
  // of the pending sign-ins' slots for 10 minutes.
  std::int64_t sign_in_starts = 30;
  std::int64_t monitor_period_ms = 2000;  // how often the store is polled for a new registry
  std::int64_t alert_period_ms = 60000;   // how often the alert rules read the journal's new entries
  std::string trusted_proxies;            // addresses or networks whose X-Forwarded-For is believed
  std::string metrics_token_sha256;       // hex SHA-256 of the scraper's bearer token; empty: loopback only
  int processing_delay_months = 18;
  int demande_delay_days = 5;     // working days OFPRA promises to answer a request in
  int statistics_period_s = 600;  // the public statistics are computed at most this often
  // Notifications (docs/NOTIFICATIONS.md): the demo and tests deliver to a loopback receiver over
  // plain HTTP; subscriptions are checked against consents and habilitations this often.
  bool webhooks_allow_loopback = false;
  int subscription_check_period_s = 300;
  int notify_period_ms = 1000;
  AttestationConfig attestation;
  std::string snapshot_file;  // empty: registry.snapshot in the keys folder; "off": none
  // Delivery of one-time codes: SMTP when smtp_url is set, else files in outbox_dir (default:
  // outbox/ in the keys folder), for the demo and tests.
  std::string outbox_dir;
  std::string smtp_url;
  std::string smtp_from = "ne-pas-repondre@connect.ofpra.gouv.fr";
  std::string smtp_user;
  std::string smtp_password;  // from OFPRA_CONNECT_SMTP_PASSWORD only: never on a command line
  std::string sms_domain;
  // "S'identifier avec FranceConnect" on /connexion, when an issuer is set; the client secret
  // from OFPRA_CONNECT_FRANCECONNECT_SECRET only. The return address is public_url +
  // /connexion/franceconnect/retour.
  std::string franceconnect_issuer;
  std::string franceconnect_client_id;
  std::string franceconnect_secret;
  std::string franceconnect_acr;  // FranceConnect asks "eidas1"; empty: none
  // The counter (/guichet) for partner agents, when a ProConnect issuer is set; the client
  // secret from OFPRA_CONNECT_PROCONNECT_SECRET only. The return address is public_url +
  // /guichet/retour; after logout, public_url + /guichet/deconnecte.
  std::string proconnect_issuer;
  std::string proconnect_client_id;
  std::string proconnect_secret;
  // SCOPE=LEVEL: the level of assurance (eidas1, eidas2, eidas3) a scope needs at the counter;
  // others need eidas1.
  std::vector<std::string> counter_scope_levels;
};

void add_db_option(CLI::App& command, std::string& db);

// Parse or open the --db database; on failure print why and set the exit code.
std::optional<store::DatabaseUrl> database_url_or_report(const std::string& db_url, int& exit_code);
// require_private: refuse a SQLite file that other users may read (serve).
std::unique_ptr<store::Database> open_database_or_report(const std::string& db_url, int& exit_code, bool migrate = true,
                                                         bool require_private = false);

// --keys-dir (OFPRA_CONNECT_KEYS_DIR): where the journal's signing key lives.
void add_keys_dir_option(CLI::App& command, std::string& keys_dir);
// The keys folder: the flag, or beside a SQLite database (PATH.keys); required for PostgreSQL.
std::optional<std::filesystem::path> keys_dir_or_report(const std::string& db_url, const std::string& keys_dir,
                                                        int& exit_code);

// Opens FILE for writing (standard output for "" or "-") and runs write on it; on failure
// prints why and sets the exit code. write returns an error message, or empty when done.
void write_output_or_report(const std::string& file, int& exit_code,
                            const std::function<std::string(std::ostream&)>& write);

// The --scopes given, or none after printing which one is unknown (exit_usage).
std::optional<std::vector<domain::Scope>> scopes_or_report(const std::vector<std::string>& names, int& exit_code);

// The outcome of a revocation in the store: prints `done`, or `missing` when there was nothing
// to revoke (exit_rejected), or the store's error (exit_failure).
void report_revocation(const domain::Result<bool>& revoked, std::string_view missing, std::string_view done,
                       int& exit_code);

// Splits HOST:PORT (IPv6 as [::1]:PORT); false when malformed.
bool split_listen(const std::string& listen, std::string& host, std::uint16_t& port);

// The DSFR folder: the flag or variable if set, otherwise the project's node_modules.
std::string default_dsfr_dir();

}  // namespace ofpra::app
