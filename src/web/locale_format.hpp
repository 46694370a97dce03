#pragma once
// Dates and numbers in the form each language writes them (ICU), in the Gregorian calendar and
// the time of metropolitan France, where OFPRA dates its acts.
#include "domain/partial_date.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ofpra::web {

// "17 mai 1990", "mai 1990" or "1990" in French; the precision is kept, never invented.
std::string format_date(std::string_view lang, const domain::PartialDate& date);
// A date written YYYY, YYYY-MM or YYYY-MM-DD, as format_date writes it; the text itself when
// unreadable.
std::string format_date_text(std::string_view lang, std::string_view text);
// An RFC 3339 UTC time as a date and time in Paris; the text itself when unreadable.
std::string format_time(std::string_view lang, std::string_view rfc3339);
std::string format_number(std::string_view lang, std::int64_t n);
// One decimal: "4,2" in French.
std::string format_decimal(std::string_view lang, double x);
// "a, b et c" in French, "a و b و c" in Arabic: each language's own separators and conjunction.
std::string format_list(std::string_view lang, const std::vector<std::string>& items);

}  // namespace ofpra::web
