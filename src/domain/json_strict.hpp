#pragma once
// I-JSON (RFC 7493 §2.3): an object must not name a member twice. Parsers keep the last of
// repeated members silently, so two readers of one text (a proxy, an auditor, us) could
// understand it differently; outside JSON with a repeated member is refused instead.
#include <string_view>

namespace ofpra::domain {

// Whether some object of the JSON text names a member twice (at any depth, names compared
// after unescaping). False for text that is not JSON: its parser says what is wrong with it.
bool has_repeated_member(std::string_view json_text);

}  // namespace ofpra::domain
