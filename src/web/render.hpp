#pragma once
// Renders the compiled-in mustache templates inside the DSFR layout. Values are HTML-escaped
// unless a template uses triple braces, which only the layout does, for the already-rendered
// page body. Every template sees the visitor's catalog as {{t.key}}.
#include "domain/result.hpp"
#include "web/i18n.hpp"

#include <boost/json/object.hpp>

#include <string>
#include <string_view>

namespace ofpra::web {

struct PageMeta {
  std::string title;                         // translated
  std::string description;                   // translated
  const Language* language = nullptr;        // French when null
  Addressee addressee = Addressee::unknown;  // her own pages only
  std::string path;                          // of this page (with the code step's query), for the language links
  // In the person's space: the navigation of the space and the logout form.
  bool signed_in = false;
  std::string section;  // the space's current section
  std::string csrf;     // the logout form's token
  // The counter's pages: French only (no language choice), the agent and her logout form in
  // the header when she is signed in.
  bool counter = false;
  std::string counter_agent;
  // The back office's pages (/admin) and the habilitation requests' (/habilitation): French
  // only, like the counter's.
  bool admin = false;
};

// Renders templates/<name>.mustache with values, inside the layout.
domain::Result<std::string> render_page(std::string_view name, const PageMeta& meta,
                                        const boost::json::object& values = {});

// A compiled-in file by name (e.g. "openapi.json"); empty when unknown.
std::string_view embedded(std::string_view name);

}  // namespace ofpra::web
