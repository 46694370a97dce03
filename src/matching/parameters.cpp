#include "matching/parameters.hpp"

#include "matching/data_files.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace ofpra::matching {
namespace {

constexpr std::array<std::string_view, name_levels> name_names = {"exact", "equivalent", "close", "different"};
constexpr std::array<std::string_view, date_levels> date_names = {"day",         "swapped",   "month",     "year_only",
                                                                  "placeholder", "other_day", "other_year"};
constexpr std::array<std::string_view, fact_levels + 1> fact_names = {"agree", "differ", "unknown"};

template <std::size_t N>
int index_of(const std::array<std::string_view, N>& names, std::string_view s) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<int>(i);
  return -1;
}

bool number(const std::string& s, double& out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && end == s.data() + s.size() && std::isfinite(out);
}

template <std::size_t N>
void write_levels(std::string& out, std::string_view field, const std::array<Probabilities, N>& levels,
                  const auto& names) {
  char line[128];
  for (std::size_t i = 0; i < N; ++i) {
    std::snprintf(line, sizeof line, "%-8s %-11s %.6g %.6g\n", std::string(field).c_str(),
                  std::string(names[i]).c_str(), levels[i].m, levels[i].u);
    out += line;
  }
}

}  // namespace

std::string_view level_name(NameLevel l) { return name_names[static_cast<std::size_t>(l)]; }
std::string_view level_name(DateLevel l) { return date_names[static_cast<std::size_t>(l)]; }
std::string_view level_name(FactLevel l) { return fact_names[static_cast<std::size_t>(l)]; }

domain::Result<Parameters> parse_parameters(std::string_view text) {
  Parameters p;
  std::istringstream in{std::string(text)};
  std::string line;
  std::vector<bool> seen(2 * name_levels + date_levels + 2 * fact_levels + 4, false);
  for (int n = 1; std::getline(in, line); ++n) {
    const auto bad = [&](const std::string& why) {
      return domain::Error{"parameters line " + std::to_string(n) + ": " + why, "parameters"};
    };
    if (!line.empty() && line[0] == '#') {
      p.provenance += line.substr(line.size() > 1 && line[1] == ' ' ? 2 : 1) + "\n";
      continue;
    }
    std::istringstream fields(line);
    std::vector<std::string> f;
    for (std::string w; fields >> w;) f.push_back(w);
    if (f.empty()) continue;
    if (f.size() == 2) {
      double x = 0;
      if (!number(f[1], x)) return bad("not a number");
      if (f[0] == "swapped_names_bits" && x <= 0)
        p.swapped_names_bits = x, seen[seen.size() - 4] = true;
      else if (f[0] == "extra_word_bits" && x <= 0)
        p.extra_word_bits = x, seen[seen.size() - 3] = true;
      else if (f[0] == "accept_posterior" && x > 0 && x < 1)
        p.accept_posterior = x, seen[seen.size() - 2] = true;
      else if (f[0] == "lead_bits" && x > 0)
        p.lead_bits = x, seen[seen.size() - 1] = true;
      else
        return bad("unknown setting or value out of range");
      continue;
    }
    if (f.size() != 4) return bad("expected: field level m u");
    double m = 0, u = 0;
    if (!number(f[2], m) || !number(f[3], u) || !(m > 0 && m <= 1) || !(u > 0 && u <= 1))
      return bad("m and u are numbers in (0, 1]");
    Probabilities* target = nullptr;
    std::size_t slot = 0;
    if (f[0] == "family" || f[0] == "given") {
      const int l = index_of(name_names, f[1]);
      if (l < 0) return bad("unknown name level");
      target = &(f[0] == "family" ? p.family : p.given)[static_cast<std::size_t>(l)];
      slot = (f[0] == "family" ? 0 : name_levels) + static_cast<std::size_t>(l);
    } else if (f[0] == "date") {
      const int l = index_of(date_names, f[1]);
      if (l < 0) return bad("unknown date level");
      target = &p.date[static_cast<std::size_t>(l)];
      slot = 2 * name_levels + static_cast<std::size_t>(l);
    } else if (f[0] == "sex" || f[0] == "country") {
      const int l = index_of(fact_names, f[1]);
      if (l < 0 || l >= static_cast<int>(fact_levels)) return bad("unknown level (agree, differ)");
      target = &(f[0] == "sex" ? p.sex : p.country)[static_cast<std::size_t>(l)];
      slot = 2 * name_levels + date_levels + (f[0] == "sex" ? 0 : fact_levels) + static_cast<std::size_t>(l);
    } else {
      return bad("unknown field");
    }
    if (seen[slot]) return bad("given twice");
    *target = {m, u};
    seen[slot] = true;
  }
  for (bool s : seen)
    if (!s) return domain::Error{"parameters: every level and setting must be given", "parameters"};
  // The bounds of the scoring rely on a disagreement never being evidence for.
  if (p.family[3].m >= p.family[3].u || p.given[3].m >= p.given[3].u || p.sex[1].m >= p.sex[1].u ||
      p.country[1].m >= p.country[1].u)
    return domain::Error{"parameters: a disagreement must weigh against (m < u)", "parameters"};
  return p;
}

std::string format_parameters(const Parameters& p) {
  std::string out;
  std::istringstream provenance(p.provenance);
  for (std::string line; std::getline(provenance, line);) out += "# " + line + "\n";
  out += "# field  level       m         u\n";
  write_levels(out, "family", p.family, name_names);
  write_levels(out, "given", p.given, name_names);
  write_levels(out, "date", p.date, date_names);
  write_levels(out, "sex", p.sex, fact_names);
  write_levels(out, "country", p.country, fact_names);
  char line[200];
  std::snprintf(line, sizeof line,
                "swapped_names_bits %.6g\nextra_word_bits %.6g\naccept_posterior %.6g\nlead_bits %.6g\n",
                p.swapped_names_bits, p.extra_word_bits, p.accept_posterior, p.lead_bits);
  return out + line;
}

const Parameters& default_parameters() {
  static const Parameters p = [] {
    for (const auto& f : data::embedded_files())
      if (f.name == "fellegi-sunter.params") {
        auto parsed = parse_parameters(f.content);
        if (!parsed) throw std::logic_error(parsed.error().message);
        return *parsed;
      }
    throw std::logic_error("fellegi-sunter.params is not embedded");
  }();
  return p;
}

}  // namespace ofpra::matching
