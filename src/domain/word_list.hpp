#pragma once
// A closed list of words in enum order: an enum's word, and the enum a word names.
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace ofpra::domain {

template <class Enum, std::size_t N>
std::optional<Enum> find_word(const std::array<std::string_view, N>& words, std::string_view text) {
  for (std::size_t i = 0; i < N; ++i)
    if (words[i] == text) return static_cast<Enum>(i);
  return std::nullopt;
}

}  // namespace ofpra::domain
