#pragma once
// The registry's and the journal's codes in the visitor's words, from the catalogs: a code
// "refugie" becomes t.protection_type_refugie, a date its locale form.
#include "domain/partial_date.hpp"
#include "web/visit.hpp"

#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace ofpra::web {

// text(kind + "_" + code), '.' in the code read as '_' (scopes).
std::string label(const Visit& visit, std::string_view kind, std::string_view code);
// A date from an answer ("1990", "1990-05", "1990-05-17") or null, in the visitor's form.
std::string date_label(const Visit& visit, const boost::json::value& date);
std::string date_label(const Visit& visit, const domain::PartialDate& date);
// Names joined by spaces.
std::string joined(const boost::json::value& names);

}  // namespace ofpra::web
