#pragma once
// What people type, read as they mean it: digits of any script (the pages show dates in
// Arabic-Indic and Persian digits, so people type them too) and dates in the order people write
// them, day first. Applied to the numeric fields of every form before anything checks them.
#include <optional>
#include <string>
#include <string_view>

namespace ofpra::web {

// Every Unicode decimal digit (Arabic-Indic, Persian, Devanagari, full-width...) as 0-9, and
// the bidirectional marks that right-to-left keyboards insert removed; the rest as typed.
std::string ascii_digits(std::string_view text);

// A date as typed, written as the pages' partial dates are ("1990-05-17", "1990-05", "1990"):
// "17/05/1990", "17.5.1990", "17 5 1990", "05/1990", "1990" and "1990-05-17" itself. nullopt
// when it is none of these (the field's check then says what is expected); whether the day
// exists is checked there too.
std::optional<std::string> typed_date(std::string_view text);

}  // namespace ofpra::web
