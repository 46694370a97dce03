#pragma once
// Renders the compiled-in mustache templates. Values are HTML-escaped unless a template uses
// triple braces, which only the layout does, for the already-rendered page body.
#include "domain/result.hpp"

#include <map>
#include <string>
#include <string_view>

namespace ofpra::web {

using Values = std::map<std::string, std::string>;

struct PageMeta {
  std::string title;
  std::string description;
  std::string lang = "fr";
  std::string dir = "ltr";
};

// Renders templates/<name>.mustache with values, inside the DSFR layout.
domain::Result<std::string> render_page(std::string_view name, const PageMeta& meta, const Values& values = {});

// A compiled-in file by name (e.g. "openapi.json"); empty when unknown.
std::string_view embedded(std::string_view name);

}  // namespace ofpra::web
