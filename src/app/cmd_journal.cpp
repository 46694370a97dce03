// journal verify | export | purge.
#include "app/commands.hpp"
#include "app/config.hpp"
#include "journal/export.hpp"
#include "journal/retention.hpp"
#include "journal/signer.hpp"
#include "journal/verify.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <iostream>

namespace ofpra::app {
namespace {

struct JournalOptions {
  std::string db;
  std::string keys_dir;
  std::string from;
  std::string to;
  std::string file;
  int months = 0;
};

void run_verify(const JournalOptions& o, int& exit_code) {
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
  if (!report->intact) {
    std::cerr << fmt::format("journal NOT intact: {} (first bad entry: {})\n", report->problem, report->bad_seq);
    exit_code = exit_rejected;
    return;
  }
  std::cout << fmt::format("journal intact: {} entries", report->entries);
  if (report->entries > 0) std::cout << fmt::format(" (entries {} to {})", report->first_seq, report->last_seq);
  std::cout << fmt::format(", {} checkpoint(s), signatures checked against {}\n", report->checkpoints,
                           report->trusted_key ? "the key in " + keys->string() : "the database's keys");
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
  std::cout << fmt::format("purged {} journal entries recorded before {}\n", *n, cutoff);
}

}  // namespace

void add_journal_commands(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<JournalOptions>();
  auto* journal = app.add_subcommand("journal", "The journal of disclosures and refusals");
  journal->require_subcommand(1);

  auto* verify =
      journal->add_subcommand("verify", "Check the hash chain and signatures; exit 1 naming the first bad entry");
  add_db_option(*verify, o->db);
  add_keys_dir_option(*verify, o->keys_dir);
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
