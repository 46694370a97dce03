// match-eval, match-queries, match-train: measuring the identity matcher on a labelled set, and
// estimating its parameters.
#include "app/commands.hpp"
#include "app/config.hpp"
#include "service/match_evaluation.hpp"
#include "service/match_training.hpp"
#include "synth/queries.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

namespace ofpra::app {
namespace {

struct MatchOptions {
  std::string db;
  std::string file;
  bool json = false;
  bool explain = false;
  bool timings = false;
  std::int64_t max_wrong = -1;
  std::size_t count = 1000;
  std::uint64_t seed = 1;
  bool allow_real_registry = false;
  std::vector<std::string> files;
  std::size_t pairs = 200000;
  std::string parameters;  // a parameters file instead of the compiled-in one
};

std::string counts_json(const service::MatchCounts& c) {
  return fmt::format(
      R"({{"requetes":{},"attendus":{},"justes":{},"erronees":{},"ambigues":{},"non_trouvees":{},"manquees":{}}})",
      c.queries, c.expected_someone, c.right, c.wrong, c.ambiguous, c.not_found, c.missed);
}

// The compiled-in parameters, or those of a file (to measure a trained file before it is built in).
std::optional<matching::Parameters> parameters_or_report(const std::string& file, int& exit_code) {
  if (file.empty()) return matching::default_parameters();
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = in ? matching::parse_parameters(text.str()) : domain::Error{"cannot read the file", "parameters"};
  if (!parsed) {
    std::cerr << "error: " << file << ": " << parsed.error().message << "\n";
    exit_code = exit_rejected;
    return std::nullopt;
  }
  return *parsed;
}

void run_eval(const MatchOptions& o, int& exit_code) {
  std::ifstream in(o.file);
  if (!in) {
    std::cerr << "error: cannot read " << o.file << "\n";
    exit_code = exit_failure;
    return;
  }
  auto parameters = parameters_or_report(o.parameters, exit_code);
  if (!parameters) return;
  auto db = open_database_or_report(o.db, exit_code);
  if (!db) return;
  const auto load_start = env::system_clock().monotonic();
  auto registry = service::RegistrySnapshot::load(db->registry());
  if (!registry) {
    std::cerr << "error: the registry cannot be loaded: " << registry.error().message << "\n";
    exit_code = exit_failure;
    return;
  }
  if (o.timings) {
    const auto& r = **registry;
    const double seconds = std::chrono::duration<double>(env::system_clock().monotonic() - load_start).count();
    std::cerr << fmt::format(
        "registry of {} persons read, encoded and indexed in {:.1f} s; {:.0f} MiB held, {:.0f} bytes a person\n",
        r.size(), seconds, static_cast<double>(r.memory_bytes()) / 1048576.0,
        r.size() ? static_cast<double>(r.memory_bytes()) / static_cast<double>(r.size()) : 0.0);
  }
  std::function<void(std::uint64_t, const service::IdentityMatch&, double)> explain;
  if (o.explain)
    explain = [](std::uint64_t line, const service::IdentityMatch& m, double micros) {
      std::cerr << fmt::format("line {}{}: {}", line, micros > 0 ? fmt::format(" ({:.0f} µs)", micros) : "",
                               m.verdict == matching::Verdict::found       ? "found"
                               : m.verdict == matching::Verdict::ambiguous ? "ambiguous"
                                                                           : "not found");
      for (std::size_t i = 0; i < m.numbers.size(); ++i) {
        const auto& s = m.scores[i];
        std::cerr << fmt::format(
            "  {} posterior {:.4f}, {:.1f} bits (names {:.1f} date {:.1f} country {:.1f} sex {:.1f}{})", m.numbers[i],
            s.total, s.weight, s.names, s.date, s.country, s.sex, s.veto ? ", veto" : "");
      }
      std::cerr << "\n";
    };
  auto report =
      service::evaluate_matching(**registry, in, explain, o.timings ? &env::system_clock() : nullptr, *parameters);
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
  if (o.timings && !report->micros.empty()) {
    auto m = report->micros;
    std::sort(m.begin(), m.end());
    auto at = [&](double q) {
      return m[std::min(m.size() - 1, static_cast<std::size_t>(q * static_cast<double>(m.size())))];
    };
    double sum = 0;
    for (double x : m) sum += x;
    std::cerr << fmt::format(
        "matching time per query: p50 {:.1f} µs, p99 {:.1f} µs, max {:.1f} µs; {:.0f} queries/s on one core\n", at(0.5),
        at(0.99), m.back(), 1e6 * static_cast<double>(m.size()) / sum);
  }
  if (o.max_wrong >= 0 && static_cast<std::int64_t>(a.wrong) > o.max_wrong) {
    std::cerr << "error: " << a.wrong << " wrong person(s), more than --max-wrong " << o.max_wrong << "\n";
    exit_code = exit_rejected;
  }
}

void run_queries(const MatchOptions& o, int& exit_code) {
  auto db = open_database_or_report(o.db, exit_code);
  if (!db) return;
  // The queries carry names and birth dates: made of real persons, they would be personal data
  // written to a file with no journal entry.
  auto synthetic = db->registry().synthetic();
  if (!synthetic) {
    std::cerr << "error: " << synthetic.error().message << "\n";
    exit_code = exit_failure;
    return;
  }
  if (!*synthetic && !o.allow_real_registry) {
    std::cerr << "error: this registry was not made by `seed` alone (it holds imported persons); queries about "
                 "real persons are personal data. Use a synthetic registry, or --allow-real-registry if you are "
                 "entitled to.\n";
    exit_code = exit_rejected;
    return;
  }
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

void run_train(const MatchOptions& o, int& exit_code) {
  std::vector<service::LabelledQuery> queries;
  for (const auto& file : o.files) {
    std::ifstream in(file);
    if (!in) {
      std::cerr << "error: cannot read " << file << "\n";
      exit_code = exit_failure;
      return;
    }
    auto read = service::read_labelled_queries(in);
    if (!read) {
      std::cerr << "error: " << file << ": " << read.error().message << "\n";
      exit_code = exit_rejected;
      return;
    }
    for (auto& q : *read) queries.push_back(std::move(q));
  }
  auto db = open_database_or_report(o.db, exit_code);
  if (!db) return;
  auto registry = service::RegistrySnapshot::load(db->registry());
  if (!registry) {
    std::cerr << "error: the registry cannot be loaded: " << registry.error().message << "\n";
    exit_code = exit_failure;
    return;
  }
  auto start = parameters_or_report(o.parameters, exit_code);
  if (!start) return;
  const auto t = service::train_matcher(**registry, queries, o.pairs, o.seed, *start);
  auto p = t.parameters;
  std::string files;
  for (const auto& f : o.files) files += (files.empty() ? "" : ", ") + f.substr(f.find_last_of('/') + 1);
  p.provenance = fmt::format(
      "Made by `ofpra-connect match-train --pairs {} --seed {}` on a registry of {} persons and {} unlabelled "
      "queries ({}).\n"
      "u: comparison levels of {} random pairs of the registry's persons.\n"
      "m: expectation-maximisation on the {} candidate pairs of the queries, each query matching at most one "
      "candidate; {} iterations; {:.3f} of the queries had their person among the candidates.\n"
      "The decision's thresholds (accept_posterior, lead_bits) and swapped_names_bits are kept from the parameters "
      "in force: they are set on the labelled sets (docs/MATCHING.md).\n",
      o.pairs, o.seed, (*registry)->size(), t.queries, files, t.random_pairs, t.candidate_pairs, t.iterations,
      t.match_share);
  write_output_or_report(o.file, exit_code, [&](std::ostream& out) -> std::string {
    out << matching::format_parameters(p);
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
  eval->add_flag("--timings", o->timings, "Print the matching time per query (p50, p99) on stderr");
  eval->add_flag("--explain", o->explain, "For each query, print the decision and its candidates' scores on stderr");
  eval->add_option("--max-wrong", o->max_wrong, "Exit 1 when more wrong persons than this are named");
  eval->add_option("--parameters", o->parameters, "A parameters file (match-train) instead of the built-in one");
  eval->callback([o, &exit_code] { run_eval(*o, exit_code); });

  auto* queries = app.add_subcommand("match-queries", "Write a labelled set of queries about the registry's persons");
  add_db_option(*queries, o->db);
  queries->add_option("--count", o->count, "About how many queries")->capture_default_str();
  queries->add_option("--seed", o->seed, "Seed: the same seed gives the same queries")->capture_default_str();
  queries->add_option("file", o->file, "Output file (standard output when absent or -)");
  queries->add_flag("--allow-real-registry", o->allow_real_registry,
                    "Accept a registry that holds imported (real) persons");
  queries->callback([o, &exit_code] { run_queries(*o, exit_code); });

  auto* train = app.add_subcommand("match-train", "Estimate the matcher's parameters (u from the registry, m by EM)");
  add_db_option(*train, o->db);
  train->add_option("--pairs", o->pairs, "Random pairs of persons for u")->capture_default_str();
  train->add_option("--seed", o->seed, "Seed of the random pairs")->capture_default_str();
  train->add_option("--parameters", o->parameters, "Start from this parameters file (its thresholds are kept)");
  train->add_option("--out", o->file, "Output file (standard output when absent or -)");
  train->add_option("queries", o->files, "QUERIES.jsonl files (labels are not read)")->required();
  train->callback([o, &exit_code] { run_train(*o, exit_code); });
}

}  // namespace ofpra::app
