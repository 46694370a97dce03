#pragma once
// Text typed into a form for others to read (an organisation's name, a staff member's reason):
// what it may hold, so that an e-mail or a page showing it says only what it seems to.
#include <cstddef>
#include <string_view>

namespace ofpra::domain {

// Valid UTF-8 without control characters (line breaks and tabs only when multiline) and without
// the bidirectional overrides and isolates that reorder what follows them.
bool is_plain_text(std::string_view utf8, bool multiline);

// Something a reader sees: a character other than spaces, line breaks and invisible format
// characters (zero-width spaces and joiners, word joiner, byte-order mark, direction marks).
bool has_visible_text(std::string_view utf8);

// A line of at most max bytes (a name, a title), and a reason of at most max_reason_characters
// characters, line breaks allowed (a staff member's comment, a search's purpose, a request's
// note): visible plain text.
inline constexpr std::size_t max_reason_characters = 2000;
bool is_text_line(std::string_view utf8, std::size_t max);
bool is_reason(std::string_view utf8);
// Characters (code points) of valid UTF-8.
std::size_t characters(std::string_view utf8);

}  // namespace ofpra::domain
