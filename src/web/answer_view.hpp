#pragma once
// The door's answer in the visitor's words, for the _answer partial: the person's own situation
// page and the share-code verification page show the same blocks the same way, and only the
// blocks the answer carries.
#include "service/answer.hpp"
#include "web/visit.hpp"

#include <boost/json/object.hpp>

namespace ofpra::web {

boost::json::object answer_view(const Visit& visit, const service::Answer& answer);

}  // namespace ofpra::web
