#include "app/config.hpp"

#include <CLI/CLI.hpp>

#include <charconv>
#include <fstream>
#include <iostream>

namespace ofpra::app {

void add_db_option(CLI::App& command, std::string& db) {
  command.add_option("--db", db, "Database URL: sqlite:PATH or postgresql://...")
      ->envname("OFPRA_CONNECT_DB")
      ->required();
}

std::optional<store::DatabaseUrl> database_url_or_report(const std::string& db_url, int& exit_code) {
  auto url = store::parse_database_url(db_url);
  if (!url) {
    std::cerr << "error: --db: " << url.error().message << "\n";
    exit_code = exit_usage;
    return std::nullopt;
  }
  return *url;
}

std::unique_ptr<store::Database> open_database_or_report(const std::string& db_url, int& exit_code, bool migrate,
                                                         bool require_private) {
  auto url = database_url_or_report(db_url, exit_code);
  if (!url) return nullptr;
  auto db = store::open_database(*url, {.create = true, .migrate = migrate, .require_private = require_private});
  if (!db) {
    std::cerr << "error: " << db.error().message << "\n";
    exit_code = exit_failure;
    return nullptr;
  }
  return std::move(*db);
}

namespace {
// n upper-case letters or digits, as the 2D-Doc header writes identifiers.
CLI::Validator identifier_of(std::size_t n) {
  return CLI::Validator(
      [n](std::string& v) {
        return v.size() == n && v.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == std::string::npos
                   ? std::string()
                   : std::to_string(n) + " upper-case letters or digits";
      },
      "ID", "identifier");
}
}  // namespace

void add_attestation_options(CLI::App& command, AttestationConfig& config) {
  command
      .add_option("--attestation-authority", config.authority.authority_id,
                  "2D-Doc certification authority identifier (FR00: the test authority)")
      ->envname("OFPRA_CONNECT_ATTESTATION_AUTHORITY")
      ->check(identifier_of(4));
  command
      .add_option("--attestation-document-type", config.authority.document_type,
                  "2D-Doc document type France Titres allocated (ZZ: the demo's)")
      ->envname("OFPRA_CONNECT_ATTESTATION_DOCUMENT_TYPE")
      ->check(identifier_of(2));
  command
      .add_option("--attestation-organisation", config.authority.organisation,
                  "Organisation named in new attestation certificates")
      ->envname("OFPRA_CONNECT_ATTESTATION_ORGANISATION");
  command.add_option("--attestation-validity-days", config.validity_days, "Days an attestation is valid")
      ->envname("OFPRA_CONNECT_ATTESTATION_VALIDITY_DAYS")
      ->check(CLI::Range(1, 366));
}

void add_keys_dir_option(CLI::App& command, std::string& keys_dir) {
  command.add_option("--keys-dir", keys_dir, "Folder of the journal's signing key (default: beside a SQLite file)")
      ->envname("OFPRA_CONNECT_KEYS_DIR");
}

std::optional<std::filesystem::path> keys_dir_or_report(const std::string& db_url, const std::string& keys_dir,
                                                        int& exit_code) {
  if (!keys_dir.empty()) return std::filesystem::path(keys_dir);
  auto url = database_url_or_report(db_url, exit_code);
  if (!url) return std::nullopt;
  if (url->kind == store::DatabaseUrl::Kind::sqlite) return std::filesystem::path(url->target + ".keys");
  std::cerr << "error: --keys-dir is required with a PostgreSQL database\n";
  exit_code = exit_usage;
  return std::nullopt;
}

std::optional<std::vector<domain::Scope>> scopes_or_report(const std::vector<std::string>& names, int& exit_code) {
  std::vector<domain::Scope> scopes;
  for (const auto& name : names) {
    auto scope = domain::parse_scope(name);
    if (!scope) {
      std::cerr << "error: --scopes: unknown scope (expected protection, protection.historique, "
                   "etat_civil.avancement, etat_civil.identite, etat_civil.famille)\n";
      exit_code = exit_usage;
      return std::nullopt;
    }
    scopes.push_back(*scope);
  }
  return scopes;
}

void report_revocation(const domain::Result<bool>& revoked, std::string_view missing, std::string_view done,
                       int& exit_code) {
  if (!revoked) {
    std::cerr << "error: " << revoked.error().message << "\n";
    exit_code = exit_failure;
  } else if (!*revoked) {
    std::cerr << "error: " << missing << "\n";
    exit_code = exit_rejected;
  } else {
    std::cout << done << "\n";
  }
}

void write_output_or_report(const std::string& file, int& exit_code,
                            const std::function<std::string(std::ostream&)>& write) {
  std::ofstream out_file;
  if (!file.empty() && file != "-") {
    out_file.open(file, std::ios::binary | std::ios::trunc);
    if (!out_file) {
      std::cerr << "error: cannot write " << file << "\n";
      exit_code = exit_failure;
      return;
    }
  }
  std::ostream& out = out_file.is_open() ? out_file : std::cout;
  auto error = write(out);
  out.flush();
  if (error.empty() && !out) error = "the output could not be written";
  if (!error.empty()) {
    std::cerr << "error: " << error << "\n";
    exit_code = exit_failure;
  }
}

bool split_listen(const std::string& listen, std::string& host, std::uint16_t& port) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size()) return false;
  host = listen.substr(0, colon);
  if (host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  unsigned value = 0;
  const char* first = listen.data() + colon + 1;
  const char* last = listen.data() + listen.size();
  auto [ptr, ec] = std::from_chars(first, last, value);
  if (ec != std::errc{} || ptr != last || value > 65535) return false;
  port = static_cast<std::uint16_t>(value);
  return true;
}

std::string default_dsfr_dir() { return OFPRA_DEFAULT_DSFR_DIR; }

}  // namespace ofpra::app
