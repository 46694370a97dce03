#pragma once
// The registry's and the journal's codes in the visitor's words, from the catalogs: a code
// "refugie" becomes t.protection_type_refugie, a date its locale form.
#include "domain/partial_date.hpp"
#include "web/visit.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace ofpra::web {

// text(kind + "_" + code), '.' in the code read as '_' (scopes).
std::string label(const Visit& visit, std::string_view kind, std::string_view code);
// A date at its precision ("1990", "1990-05", "1990-05-17"), in the visitor's form.
std::string date_label(const Visit& visit, const domain::PartialDate& date);
// Names joined by spaces.
std::string joined(const std::vector<std::string>& names);

}  // namespace ofpra::web
