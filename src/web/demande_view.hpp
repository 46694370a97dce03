#pragma once
// What a request to OFPRA asked, field by field, in French words (the counter's and the back
// office's pages about a request).
#include "service/disclosure_request.hpp"

#include <boost/json/array.hpp>

namespace ofpra::web {

// [{"label", "value"}] for each field given: the person as designated, the data asked, the
// purpose, the recipient, the day asked about.
boost::json::array question_rows(const service::DisclosureRequest& question);

}  // namespace ofpra::web
