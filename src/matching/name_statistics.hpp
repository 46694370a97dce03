#pragma once
// What a registry says about names, computed while it is indexed: how many persons carry each
// family name, given name and phonetic key (term frequencies: agreeing on MOHAMMADI proves less
// than on TESFAMARIAM), and the transliteration variants its own aliases teach (a person's
// established spelling and the spellings of her asylum procedure are the same names).
#include "matching/name_form.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ofpra::matching {

class NameStatistics {
 public:
  // Looked up by string_view on every comparison: no string made for it.
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Counts = std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>>;

  // forms: forms_of(person), the established one first. One person at a time, then finish().
  void add(const std::vector<NameForm>& forms);
  void finish();

  std::size_t persons() const { return persons_; }
  // The share of persons whose family name (whole or one of its words) is this text, or has
  // this key; 0 when none does.
  double family_share(std::string_view text) const;
  double family_key_share(std::string_view key) const;
  double given_share(std::string_view text) const;
  double given_key_share(std::string_view key) const;
  // Keys the registry's aliases taught to be variants of this one (not itself).
  const std::vector<std::string>& learned_variants(std::string_view key) const;
  bool learned_equivalent(const Token& a, const Token& b) const;
  std::size_t learned_pairs() const { return learned_pairs_; }
  std::size_t memory_bytes() const;

  using Write = std::function<void(const void*, std::size_t)>;
  using Read = std::function<bool(void*, std::size_t)>;
  void save(const Write& write) const;
  bool load(const Read& read);

 private:
  double share(const Counts& counts, std::string_view text) const;

  std::size_t persons_ = 0;
  Counts family_, family_keys_, given_, given_keys_;
  Counts pair_votes_;  // "KEY|KEY" seen in aliases
  std::unordered_map<std::string, std::vector<std::string>, Hash, std::equal_to<>> variants_;
  std::size_t learned_pairs_ = 0;
};

}  // namespace ofpra::matching
