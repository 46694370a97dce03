#pragma once
// The API's documentation as a page: the OpenAPI document read into what the template
// "api_documentation" shows (operations, their parameters, bodies and answers, the schemas),
// so that it reads without JavaScript, in the DSFR, with nothing fetched from elsewhere.
#include <boost/json/object.hpp>

#include <string_view>

namespace ofpra::web {

// The document's descriptions are CommonMark; the subset they use is read: paragraphs, "- "
// lists and `code` spans. An unreadable document gives an empty view.
boost::json::object api_reference_view(std::string_view openapi_json);

}  // namespace ofpra::web
