#pragma once
// The Fellegi–Sunter model's parameters (src/matching/data/fellegi-sunter.params): for each
// comparison level of each field, m (how often the level is seen when the query and the
// person are the same) and u (when they are not), and the decision's thresholds. Made by
// `ofpra-connect match-train`: u from random pairs of a registry, m by expectation–
// maximisation on candidate pairs; the file says how.
#include "domain/result.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace ofpra::matching {

// A name (family, or one given name) against the person's.
enum class NameLevel : std::uint8_t { exact, equivalent, close, different };
inline constexpr std::size_t name_levels = 4;

// Birth dates at the precision both have. 1 January is how an unknown day and month are often
// written: a level of its own, the year agreeing.
enum class DateLevel : std::uint8_t {
  day,          // the same day
  swapped,      // day and month swapped
  month,        // the same month, one side knows no day
  year_only,    // the same year, one side knows only the year
  placeholder,  // the same year, either side 1 January
  other_day,    // the same year, both days known and different
  other_year,   // not the same year
};
inline constexpr std::size_t date_levels = 7;

// Sex, country of birth: agree, differ, or one side does not know (no evidence, no level).
enum class FactLevel : std::uint8_t { agree, differ, unknown };
inline constexpr std::size_t fact_levels = 2;

struct Probabilities {
  double m = 0.5;
  double u = 0.5;
};

struct Parameters {
  std::array<Probabilities, name_levels> family;
  std::array<Probabilities, name_levels> given;
  std::array<Probabilities, date_levels> date;
  std::array<Probabilities, fact_levels> sex;
  std::array<Probabilities, fact_levels> country;
  double swapped_names_bits = -3;  // log2 of how often family and given names come swapped
  double extra_word_bits = -2;     // each word asked (a given name, a family word) beyond those of hers
  // A person is named when her posterior is at least accept_posterior and every other
  // candidate is lead_bits (of match weight) behind her.
  double accept_posterior = 0.99;
  double lead_bits = 6;
  std::string provenance;  // the file's comment lines: how it was made
};

// The compiled-in parameters.
const Parameters& default_parameters();

// The file's format: "# comment" lines (the provenance), then "field level m u" lines
// (field: family, given, date, sex, country; level: the enum's name) and "swapped_names_bits
// X", "extra_word_bits X", "accept_posterior X", "lead_bits X". Every level must be given, 0 < m, u ≤ 1.
domain::Result<Parameters> parse_parameters(std::string_view text);
std::string format_parameters(const Parameters& p);

std::string_view level_name(NameLevel l);
std::string_view level_name(DateLevel l);
std::string_view level_name(FactLevel l);

}  // namespace ofpra::matching
