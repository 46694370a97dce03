#pragma once
// The text PostgreSQL is sent besides parameters: statements, written once with SQLite's
// numbered parameters, and rows for COPY. Pure functions, apart from the connection.
#include <optional>
#include <string>
#include <string_view>

namespace ofpra::store::postgres {

// ?N becomes $N outside quoted literals and identifiers; nothing else changes.
std::string numbered_parameters(std::string_view sql);

// Appends one field in COPY's text format: backslash escapes for the characters it gives
// meaning to, \N for NULL.
void append_copy_field(std::string& line, const std::optional<std::string>& value);

}  // namespace ofpra::store::postgres
