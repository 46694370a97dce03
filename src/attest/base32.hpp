#pragma once
// RFC 4648 base32 (upper-case alphabet), the 2D-Doc's encoding of its signature: written
// without the '=' padding (as the 2D-Doc asks), read with or without it.
#include <optional>
#include <string>
#include <string_view>

namespace ofpra::attest {

std::string base32_encode(std::string_view bytes);
// nullopt for a character outside the alphabet or trailing bits that are not zero.
std::optional<std::string> base32_decode(std::string_view text);

}  // namespace ofpra::attest
