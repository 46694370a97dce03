#pragma once
// multipart/form-data bodies (RFC 7578): a form that carries a file (an attestation to verify).
// Each part's name and content; a file's name and type are not kept.
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace ofpra::http {

// The boundary of a multipart/form-data content type; nullopt for any other type.
std::optional<std::string> multipart_boundary(std::string_view content_type);
// nullopt when malformed or when a name appears twice.
std::optional<std::map<std::string, std::string>> parse_multipart(std::string_view body, std::string_view boundary);

}  // namespace ofpra::http
