// match-eval, match-queries: measuring the identity matcher on a labelled set.
#include "app/commands.hpp"
#include "app/config.hpp"
#include "service/match_evaluation.hpp"
#include "synth/queries.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>

namespace ofpra::app {
namespace {

struct MatchOptions {
  std::string db;
  std::string file;
  bool json = false;
  std::int64_t max_wrong = -1;
  std::size_t count = 1000;
  std::uint64_t seed = 1;
};

std::string counts_json(const service::MatchCounts& c) {
  return fmt::format(
      R"({{"requetes":{},"attendus":{},"justes":{},"erronees":{},"ambigues":{},"non_trouvees":{},"manquees":{}}})",
      c.queries, c.expected_someone, c.right, c.wrong, c.ambiguous, c.not_found, c.missed);
}

void run_eval(const MatchOptions& o, int& exit_code) {
  std::ifstream in(o.file);
  if (!in) {
    std::cerr << "error: cannot read " << o.file << "\n";
    exit_code = exit_failure;
    return;
  }
  auto db = open_database_or_report(o.db, exit_code);
  if (!db) return;
  auto registry = service::RegistrySnapshot::load(db->registry());
  if (!registry) {
    std::cerr << "error: the registry cannot be loaded: " << registry.error().message << "\n";
    exit_code = exit_failure;
    return;
  }
  auto report = service::evaluate_matching(**registry, in);
  if (!report) {
    std::cerr << "error: " << report.error().message << "\n";
    exit_code = exit_rejected;
    return;
  }
  const auto& a = report->all;
  if (o.json) {
    std::string cases;
    for (const auto& [label, c] : report->by_case)
      cases += fmt::format("{}\"{}\":{}", cases.empty() ? "" : ",", label, counts_json(c));
    std::cout
        << fmt::format(
               R"({{"precision":{:.4f},"rappel":{:.4f},"personnes_erronees":{},"taux_ambigu":{:.4f},"total":{},"par_cas":{{{}}}}})",
               report->precision(), report->recall(), a.wrong, report->ambiguous_rate(), counts_json(a), cases)
        << "\n";
  } else {
    std::cout << fmt::format("queries {}  (a person expected in {})\n", a.queries, a.expected_someone)
              << fmt::format("precision {:.4f}   recall {:.4f}   wrong persons {}   ambiguous rate {:.4f}\n",
                             report->precision(), report->recall(), a.wrong, report->ambiguous_rate())
              << "by case: right / wrong / ambiguous / not found (of which expected someone: missed)\n";
    for (const auto& [label, c] : report->by_case)
      std::cout << fmt::format("  {:<22} {:>5} / {:>3} / {:>4} / {:>4}   (missed {})\n", label, c.right, c.wrong,
                               c.ambiguous, c.not_found, c.missed);
  }
  if (o.max_wrong >= 0 && static_cast<std::int64_t>(a.wrong) > o.max_wrong) {
    std::cerr << "error: " << a.wrong << " wrong person(s), more than --max-wrong " << o.max_wrong << "\n";
    exit_code = exit_rejected;
  }
}

void run_queries(const MatchOptions& o, int& exit_code) {
  auto db = open_database_or_report(o.db, exit_code);
  if (!db) return;
  std::vector<domain::Person> persons;
  auto s = db->registry().for_each([&](domain::Person&& p) {
    persons.push_back(std::move(p));
    return true;
  });
  if (!s) {
    std::cerr << "error: " << s.error().message << "\n";
    exit_code = exit_failure;
    return;
  }
  write_output_or_report(o.file, exit_code, [&](std::ostream& out) -> std::string {
    for (const auto& line : synth::labelled_queries(persons, o.seed, o.count)) out << line << "\n";
    return {};
  });
}

}  // namespace

void add_matching_commands(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<MatchOptions>();
  auto* eval = app.add_subcommand("match-eval", "Measure identity matching on a labelled set of queries");
  add_db_option(*eval, o->db);
  eval->add_option("file", o->file, "QUERIES.jsonl: {\"identite\":{...},\"numero_ofpra\":\"…\"|null}")->required();
  eval->add_flag("--json", o->json, "Print the figures as one JSON object");
  eval->add_option("--max-wrong", o->max_wrong, "Exit 1 when more wrong persons than this are named");
  eval->callback([o, &exit_code] { run_eval(*o, exit_code); });

  auto* queries = app.add_subcommand("match-queries", "Write a labelled set of queries about the registry's persons");
  add_db_option(*queries, o->db);
  queries->add_option("--count", o->count, "About how many queries")->capture_default_str();
  queries->add_option("--seed", o->seed, "Seed: the same seed gives the same queries")->capture_default_str();
  queries->add_option("file", o->file, "Output file (standard output when absent or -)");
  queries->callback([o, &exit_code] { run_queries(*o, exit_code); });
}

}  // namespace ofpra::app
