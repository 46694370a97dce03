// migrate, seed, import, export, history.
#include "app/commands.hpp"
#include "app/config.hpp"
#include "domain/registry_record.hpp"
#include "env/random.hpp"
#include "journal/signer.hpp"
#include "journal/writer.hpp"
#include "service/demo_activity.hpp"
#include "service/export.hpp"
#include "service/import.hpp"
#include "service/registry_history.hpp"
#include "service/seed.hpp"
#include "store/database.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <pwd.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <memory>

namespace ofpra::app {
namespace {

struct DataOptions {
  std::string db;
  std::string keys_dir;
  std::string operator_name;
  std::uint64_t persons = 0;
  std::uint64_t seed = 1;
  std::string file;
  bool demo_activity = false;
  std::string numero_ofpra;
};

void run_migrate(const DataOptions& o, int& exit_code) {
  auto db = open_database_or_report(o.db, exit_code, false);
  if (!db) return;
  auto v = db->migrate();
  if (!v) {
    std::cerr << "error: " << v.error().message << "\n";
    exit_code = exit_failure;
    return;
  }
  std::cout << "schema version " << *v << "\n";
}

// A year of synthetic use, dated day by day by a clock of its own (service/demo_activity.hpp).
void run_demo_activity(const DataOptions& o, int& exit_code) {
  auto keys = keys_dir_or_report(o.db, o.keys_dir, exit_code);
  auto url = database_url_or_report(o.db, exit_code);
  if (!keys || !url) return;
  env::ManualClock clock(std::chrono::system_clock::now());
  auto db = store::open_database(*url, {.clock = &clock});
  if (!db) {
    std::cerr << "error: " << db.error().message << "\n";
    exit_code = exit_failure;
    return;
  }
  auto report = service::seed_demo_activity(**db, clock, *keys, o.persons, o.seed);
  if (!report) {
    std::cerr << "error: the demo's activity: " << report.error().message << "\n";
    exit_code = exit_failure;
    return;
  }
  std::cout << fmt::format(
      "\nA year of synthetic use (for /statistiques and the histories): {} answers journaled, {} requests to "
      "OFPRA,\n  {} share codes, {} portal accounts.\n",
      report->answers, report->demandes, report->share_codes, report->accounts);
}

void run_seed(const DataOptions& o, int& exit_code) {
  auto db = open_database_or_report(o.db, exit_code);
  if (!db) return;
  auto report = service::seed_database(*db, o.persons, o.seed, env::secure_random(), o.demo_activity);
  if (!report) {
    std::cerr << "error: " << report.error().message << "\n";
    exit_code = exit_failure;
    return;
  }
  std::cout << fmt::format("Synthetic registry: {} persons (seed {}).\n\n", report->persons, o.seed);
  std::cout << "Partner API clients (OAuth2 client credentials; secrets are shown only now):\n";
  for (const auto& c : report->clients)
    std::cout << fmt::format("  {:<18} {}  client_id={}  client_secret={}\n", c.type, c.siret, c.client_id,
                             c.client_secret);
  std::cout << "\nOFPRA staff of the back office (/admin; they sign in with ProConnect under this e-mail):\n";
  for (const auto& s : report->staff) std::cout << fmt::format("  {:<14} {}  ({})\n", s.roles, s.email, s.name);
  std::cout << fmt::format("  {} demo habilitation requests, in every state of the workflow.\n",
                           report->habilitation_requests);
  std::cout << "\nSynthetic protected persons to try (numero_ofpra, date of birth):\n";
  for (const auto& p : report->persons_to_try)
    std::cout << fmt::format("  {}  {}  ({})\n", p.numero_ofpra, p.date_naissance, p.description);
  if (!report->ambiguous_identity.empty())
    std::cout << fmt::format(
        "\nAn identity two persons share (nom, prénom, année, pays): {}.\n"
        "  At the counter (/guichet, by identity) it is « ambigu »: ask OFPRA from the answer; the support\n"
        "  agent answers at /admin/file, and the counter agent reads the answer in « Mes demandes ».\n",
        report->ambiguous_identity);
  if (report->portal_account)
    std::cout << fmt::format(
        "\nProtected person's portal (/connexion):\n  numero_ofpra={}  password={}\n"
        "  The others activate their account at /activer with their number and birth date.\n"
        "  Her signed attestations (PDF with a 2D-Doc) at /espace/attestations; anyone verifies one at\n"
        "  /verifier-attestation (the demo signs with a test authority, FR00).\n",
        report->portal_account->numero_ofpra, report->portal_account->password);
  if (!report->consent_to_school.empty())
    std::cout << fmt::format("  She consented to the demo school ({}) for protection and civil-status progress.\n",
                             report->consent_to_school);
  if (o.demo_activity) run_demo_activity(o, exit_code);
}

void run_import(const DataOptions& o, int& exit_code) {
  if (!database_url_or_report(o.db, exit_code)) return;
  std::ifstream in(o.file, std::ios::binary);
  if (!in) {
    std::cerr << "error: cannot open " << o.file << "\n";
    exit_code = exit_failure;
    return;
  }
  auto db = open_database_or_report(o.db, exit_code);
  if (!db) return;
  auto report = service::import_registry(in, db->registry());
  if (!report) {
    std::cerr << "error: " << report.error().message << "; nothing was changed\n";
    exit_code = exit_failure;
    return;
  }
  if (!report->committed) {
    for (const auto& e : report->errors)
      std::cerr << fmt::format("line {}: {}{}{}\n", e.line, e.field, e.field.empty() ? "" : ": ", e.reason);
    if (report->bad_lines > report->errors.size())
      std::cerr << fmt::format("... and {} more bad lines\n", report->bad_lines - report->errors.size());
    std::cerr << fmt::format("import of {} refused: {} bad line(s) out of {}; nothing was changed\n", o.file,
                             report->bad_lines, report->lines_read);
    exit_code = exit_rejected;
    return;
  }
  const auto& c = report->counts;
  std::cout << fmt::format("imported {} person(s) from {}: {} new, {} changed, {} unchanged; {} change event(s)\n",
                           report->persons_written, o.file, c.added, c.changed, c.unchanged, c.events);
}

// The account running the command, for the journal when no --operator is given.
std::string os_user_name() {
  if (const auto* pw = ::getpwuid(::geteuid())) return pw->pw_name;
  return "uid:" + std::to_string(::geteuid());
}

void run_export(const DataOptions& o, int& exit_code) {
  auto keys = keys_dir_or_report(o.db, o.keys_dir, exit_code);
  if (!keys) return;
  auto db = open_database_or_report(o.db, exit_code);
  if (!db) return;
  auto signer = journal::Signer::load_or_create(*keys);
  if (!signer) {
    std::cerr << "error: " << signer.error().message << "\n";
    exit_code = exit_failure;
    return;
  }
  // Journaled before anything leaves; not made when it cannot be.
  auto journaled = [&]() -> domain::Status {
    auto persons = db->registry().count();
    if (!persons) return persons.error();
    auto writer = journal::JournalWriter::start(db->journal(), *signer, env::system_clock());
    if (!writer) return writer.error();
    return service::record_export(**writer, *persons, o.operator_name.empty() ? os_user_name() : o.operator_name);
  }();
  if (!journaled) {
    std::cerr << "error: the export could not be journaled, so it is not made: " << journaled.error().message << "\n";
    exit_code = exit_failure;
    return;
  }
  write_output_or_report(o.file, exit_code, [&](std::ostream& out) -> std::string {
    auto n = service::export_registry(db->registry(), out);
    if (!n) return n.error().message;
    std::cerr << fmt::format("exported {} person(s)\n", *n);
    return {};
  });
}

void run_history(const DataOptions& o, int& exit_code) {
  if (!domain::is_numero_ofpra(o.numero_ofpra)) {
    std::cerr << "error: --numero-ofpra must be 9 digits\n";
    exit_code = exit_usage;
    return;
  }
  auto db = open_database_or_report(o.db, exit_code);
  if (!db) return;
  auto lines = service::person_history_lines(db->registry(), o.numero_ofpra);
  if (!lines) {
    std::cerr << "error: " << lines.error().message << "\n";
    exit_code = exit_failure;
    return;
  }
  if (lines->empty()) {
    std::cerr << "error: no person with that number was ever registered\n";
    exit_code = exit_rejected;
    return;
  }
  for (const auto& line : *lines) std::cout << line << "\n";
}

}  // namespace

void add_data_commands(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<DataOptions>();

  auto* migrate = app.add_subcommand("migrate", "Create or upgrade the database schema");
  add_db_option(*migrate, o->db);
  migrate->callback([o, &exit_code] { run_migrate(*o, exit_code); });

  auto* seed = app.add_subcommand("seed", "Fill the database with a synthetic registry, demo partners and accounts");
  add_db_option(*seed, o->db);
  seed->add_option("--persons", o->persons, "Number of synthetic persons")
      ->required()
      ->check(CLI::Range(0, 50'000'000));
  seed->add_option("--seed", o->seed, "Seed: the same seed gives the same registry");
  seed->add_flag("--demo-activity", o->demo_activity,
                 "Also two namesakes (999000001, 999000002) and a year of synthetic use, dated day by day: "
                 "verifications, requests to OFPRA, share codes, accounts (the demo)");
  add_keys_dir_option(*seed, o->keys_dir);
  seed->callback([o, &exit_code] { run_seed(*o, exit_code); });

  auto* import = app.add_subcommand("import", "Import registry records (JSON Lines); all or nothing");
  add_db_option(*import, o->db);
  import->add_option("file", o->file, "FILE.jsonl")->required();
  import->callback([o, &exit_code] { run_import(*o, exit_code);
});

auto* exp = app.add_subcommand("export", "Write the registry as JSON Lines in the import format");
add_db_option(*exp, o->db);
exp->add_option("file", o->file, "Output file (standard output when absent or -)");
add_keys_dir_option(*exp, o->keys_dir);
exp->add_option("--operator", o->operator_name, "Who exports, as the journal records it (default: the system user)")
    ->envname("OFPRA_CONNECT_OPERATOR");
exp->callback([o, &exit_code] { run_export(*o, exit_code); });

auto* history =
    app.add_subcommand("history", "Print every version of a person in the registry, one JSON object per line");
add_db_option(*history, o->db);
history->add_option("--numero-ofpra", o->numero_ofpra, "The person (9 digits)")->required();
history->callback([o, &exit_code] { run_history(*o, exit_code); });
}  // namespace ofpra::app

}  // namespace ofpra::app
