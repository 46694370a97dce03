// journal verify | export | purge.
#include "app/commands.hpp"
#include "app/config.hpp"
#include "auth/key_files.hpp"
#include "journal/export.hpp"
#include "journal/retention.hpp"
#include "journal/signer.hpp"
#include "journal/verify.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <iostream>

namespace ofpra::app {
namespace {

struct JournalOptions {
  std::string db;
  std::string keys_dir;
  std::string from;
  std::string to;
  std::string file;
  std::string export_file;  // verify: an export, checked alone
  std::string key;          // verify --export: the public key (hex, or a file holding it)
  int months = 0;
};

// The journal's public key as a third party holds it: the hex itself, a .pub file of the keys
// folder, or the JSON served at /.well-known/ofpra-journal-key.json.
domain::Result<std::string> public_key_from(const std::string& key) {
  auto is_hex_key = [](std::string_view s) {
    return s.size() == 64 &&
           std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); });
  };
  if (is_hex_key(key)) return key;
  auto read = auth::read_key_file(key);
  if (!read) return read.error();
  const auto& content = *read;
  if (is_hex_key(content)) return content;
  boost::system::error_code ec;
  const auto v = boost::json::parse(content, ec);
  const auto* published = ec || !v.is_object() ? nullptr : v.get_object().if_contains("public_key_hex");
  if (published && published->is_string() && is_hex_key(published->get_string()))
    return std::string(published->get_string());
  return domain::Error{"the key must be 64 hex digits, a .pub file, or /.well-known/ofpra-journal-key.json", "key"};
}

void print_report(const journal::VerifyReport& report, const std::string& checked_with, int& exit_code) {
  if (!report.intact) {
    std::cerr << fmt::format("journal NOT intact: {} (first bad entry: {})\n", report.problem, report.bad_seq);
    exit_code = exit_rejected;
    return;
  }
  std::cout << fmt::format("journal intact: {} entries", report.entries);
  if (report.entries > 0) std::cout << fmt::format(" (entries {} to {})", report.first_seq, report.last_seq);
  std::cout << fmt::format(", {} checkpoint(s), signatures checked against {}\n", report.checkpoints, checked_with);
  if (report.unsigned_tail > 0)
    std::cout << fmt::format(
        "note: the last {} entries come after the last signature in the file: their chain holds, but entries cut "
        "after them would not show\n",
        report.unsigned_tail);
}

void run_verify_export(const JournalOptions& o, int& exit_code) {
  auto key = public_key_from(o.key);
  if (!key) {
    std::cerr << "error: --key: " << key.error().message << "\n";
    exit_code = exit_usage;
    return;
  }
  auto report = journal::verify_export(o.export_file, *key);
  if (!report) {
    std::cerr << "error: " << report.error().message << "\n";
    exit_code = report.error().is_unavailable() ? exit_failure : exit_rejected;
    return;
  }
  print_report(*report, "the key given", exit_code);
}

void run_verify(const JournalOptions& o, int& exit_code) {
  if (!o.export_file.empty()) return run_verify_export(o, exit_code);
  if (o.db.empty()) {
    std::cerr << "error: journal verify needs --db, or --export FILE with --key\n";
    exit_code = exit_usage;
    return;
  }
  auto keys = keys_dir_or_report(o.db, o.keys_dir, exit_code);
  if (!keys) return;
  auto db = open_database_or_report(o.db, exit_code);
  if (!db) return;
  std::optional<std::string> trusted;
  if (auto pub = journal::load_public_key(*keys)) {
    trusted = *pub;
  } else {
    std::cerr << "warning: no public key in " << *keys
              << "; checking signatures against the keys recorded in the database only\n";
  }
  auto report = journal::verify(db->journal(), trusted);
  if (!report) {
    std::cerr << "error: " << report.error().message << "\n";
    exit_code = exit_failure;
    return;
  }
  print_report(*report, report->trusted_key ? "the key in " + keys->string() : "the database's keys", exit_code);
}

void run_export(const JournalOptions& o, int& exit_code) {
  auto db = open_database_or_report(o.db, exit_code);
  if (!db) return;
  write_output_or_report(o.file, exit_code, [&](std::ostream& out) -> std::string {
    auto n = journal::export_jsonl(db->journal(), out, o.from, o.to);
    if (!n) return n.error().message;
    std::cerr << fmt::format("exported {} journal entries\n", *n);
    return {};
  });
}

void run_purge(const JournalOptions& o, int& exit_code) {
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
  const auto& clock = env::system_clock();
  const auto cutoff = journal::months_before(clock.now(), o.months);
  auto n = journal::purge_before(db->journal(), *signer, clock, cutoff);
  if (!n) {
    std::cerr << "error: " << n.error().message << "\n";
    exit_code = exit_failure;
    return;
  }
  // Requests to OFPRA settled before the cutoff go with the journal that recorded them.
  auto requests = db->demandes().purge_settled_before(cutoff);
  if (!requests) {
    std::cerr << "error: " << requests.error().message << "\n";
    exit_code = exit_failure;
    return;
  }
  std::cout << fmt::format("purged {} journal entries recorded before {}\n", *n, cutoff);
  std::cout << fmt::format("purged {} requests to OFPRA settled before {}\n", *requests, cutoff);
}

}  // namespace

void add_journal_commands(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<JournalOptions>();
  auto* journal = app.add_subcommand("journal", "The journal of disclosures and refusals");
  journal->require_subcommand(1);

  auto* verify = journal->add_subcommand(
      "verify",
      "Check the hash chain and signatures (of the database, or of an export alone); exit 1 naming the first "
      "bad entry");
  verify->add_option("--db", o->db, "Database URL: sqlite:PATH or postgresql://...")->envname("OFPRA_CONNECT_DB");
  add_keys_dir_option(*verify, o->keys_dir);
  auto* export_option =
      verify->add_option("--export", o->export_file, "An export (journal export) to check alone, without the database");
  verify
      ->add_option("--key", o->key,
                   "With --export: the journal's public key (hex, a .pub file, or the JSON served "
                   "at /.well-known/ofpra-journal-key.json)")
      ->needs(export_option);
  export_option->needs("--key");
  verify->callback([o, &exit_code] { run_verify(*o, exit_code); });

  auto* exp = journal->add_subcommand("export", "Write journal entries as JSON Lines, for an audit");
  add_db_option(*exp, o->db);
  exp->add_option("--from", o->from, "Entries recorded at or after this date (YYYY-MM-DD or RFC 3339)");
  exp->add_option("--to", o->to, "Entries recorded before this date");
  exp->add_option("file", o->file, "Output file (standard output when absent or -)");
  exp->callback([o, &exit_code] { run_export(*o, exit_code); });

  auto* purge = journal->add_subcommand("purge", "Delete entries older than the retention period");
  add_db_option(*purge, o->db);
  add_keys_dir_option(*purge, o->keys_dir);
  purge->add_option("--older-than-months", o->months, "Retention period in months")
      ->envname("OFPRA_CONNECT_JOURNAL_RETENTION_MONTHS")
      ->required()
      ->check(CLI::Range(1, 1200));
  purge->callback([o, &exit_code] { run_purge(*o, exit_code); });
}

}  // namespace ofpra::app
