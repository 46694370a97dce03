#include "service/registry_snapshot.hpp"

#include "domain/person_codec.hpp"
#include "matching/normalize.hpp"

#include <algorithm>
#include <charconv>
#include <functional>

namespace ofpra::service {
namespace {

std::optional<std::uint64_t> number_of(std::string_view digits) {
  std::uint64_t n = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
  return n;
}

std::uint64_t name_key(std::string_view folded) { return std::hash<std::string_view>{}(folded); }

// Both sides agree wherever both know: the year always, the month and day when both have them.
bool dates_agree(const domain::PartialDate& a, const domain::PartialDate& b) {
  if (a.year != b.year) return false;
  if (a.month && b.month && a.month != b.month) return false;
  if (a.day && b.day && a.day != b.day) return false;
  return true;
}

template <class F>
void each_name_form(const domain::Person& p, F visit) {
  visit(p.nom_naissance, p.prenoms);
  if (p.nom_usage) visit(*p.nom_usage, p.prenoms);
  for (const auto& a : p.alias) visit(a.nom_naissance, a.prenoms.empty() ? p.prenoms : a.prenoms);
}

}  // namespace

domain::Result<std::shared_ptr<const RegistrySnapshot>> RegistrySnapshot::load(store::RegistryStore& store) {
  auto generation = store.generation();
  if (!generation) return generation.error();
  auto snapshot = std::make_shared<RegistrySnapshot>();
  auto& s = *snapshot;
  s.generation_ = *generation;
  if (auto count = store.count()) {
    s.offsets_.reserve(static_cast<std::size_t>(*count) + 1);
    s.numbers_.reserve(static_cast<std::size_t>(*count));
    s.arena_.reserve(static_cast<std::size_t>(*count) * 200);
  }
  std::vector<std::string> seen;
  auto status = store.for_each([&](domain::Person&& p) {
    const auto number = number_of(p.numero_ofpra);
    if (!number) return true;  // the store checks numbers on the way in; nothing else to do
    const auto index = static_cast<std::uint32_t>(s.numbers_.size());
    s.numbers_.push_back(static_cast<std::uint32_t>(*number));
    s.offsets_.push_back(s.arena_.size());
    domain::encode_person(p, s.arena_);
    if (p.numero_agdref)
      if (auto a = number_of(*p.numero_agdref)) s.by_agdref_.push_back({*a, index});
    seen.clear();
    each_name_form(p, [&](const std::string& nom, const std::vector<std::string>&) {
      auto folded = matching::fold(nom);
      if (std::find(seen.begin(), seen.end(), folded) != seen.end()) return;
      s.by_name_.push_back({name_key(folded), index});
      seen.push_back(std::move(folded));
    });
    return true;
  });
  if (!status) return status.error();
  s.offsets_.push_back(s.arena_.size());
  s.arena_.shrink_to_fit();
  // for_each visits in numero_ofpra order; the binary search below relies on it.
  if (!std::is_sorted(s.numbers_.begin(), s.numbers_.end()))
    return domain::Error{"the registry was not read in numero_ofpra order", "db"};
  std::sort(s.by_agdref_.begin(), s.by_agdref_.end());
  std::sort(s.by_name_.begin(), s.by_name_.end());
  s.by_agdref_.shrink_to_fit();
  s.by_name_.shrink_to_fit();
  return std::shared_ptr<const RegistrySnapshot>(std::move(snapshot));
}

std::size_t RegistrySnapshot::memory_bytes() const {
  return arena_.capacity() + offsets_.capacity() * sizeof(std::uint64_t) + numbers_.capacity() * sizeof(std::uint32_t) +
         (by_agdref_.capacity() + by_name_.capacity()) * sizeof(Keyed);
}

domain::Person RegistrySnapshot::person_at(std::uint32_t index) const {
  const auto begin = offsets_[index];
  return domain::decode_person(std::string_view(arena_).substr(begin, offsets_[index + 1] - begin));
}

std::optional<domain::Person> RegistrySnapshot::find(std::string_view numero_ofpra) const {
  if (numero_ofpra.size() != 9) return std::nullopt;
  const auto number = number_of(numero_ofpra);
  if (!number) return std::nullopt;
  const auto it = std::lower_bound(numbers_.begin(), numbers_.end(), static_cast<std::uint32_t>(*number));
  if (it == numbers_.end() || *it != *number) return std::nullopt;
  return person_at(static_cast<std::uint32_t>(it - numbers_.begin()));
}

std::vector<std::string> RegistrySnapshot::numbers_by_agdref(std::string_view numero_agdref) const {
  std::vector<std::string> out;
  const auto number = number_of(numero_agdref);
  if (!number || numero_agdref.size() != 10) return out;
  auto [lo, hi] = std::equal_range(by_agdref_.begin(), by_agdref_.end(), Keyed{*number, 0});
  for (auto it = lo; it != hi; ++it) out.push_back(person_at(it->index).numero_ofpra);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> RegistrySnapshot::identity_matches(const IdentityQuery& q) const {
  std::vector<std::string> out;
  const auto nom = matching::fold(q.nom_naissance);
  const auto prenoms = matching::fold_all(q.prenoms);
  if (nom.empty()) return out;
  auto [lo, hi] = std::equal_range(by_name_.begin(), by_name_.end(), Keyed{name_key(nom), 0});
  for (auto it = lo; it != hi; ++it) {
    auto p = person_at(it->index);
    bool named = false;
    each_name_form(p, [&](const std::string& n, const std::vector<std::string>& given) {
      named = named || (matching::fold(n) == nom && matching::fold_all(given) == prenoms);
    });
    if (!named || !dates_agree(p.date_naissance, q.date_naissance)) continue;
    if (q.sexe && p.sexe != domain::Sex::unspecified && *q.sexe != domain::Sex::unspecified && *q.sexe != p.sexe)
      continue;
    if (q.code_pays_naissance && p.code_pays_naissance && *q.code_pays_naissance != *p.code_pays_naissance) continue;
    if (std::find(out.begin(), out.end(), p.numero_ofpra) == out.end()) out.push_back(p.numero_ofpra);
  }
  std::sort(out.begin(), out.end());
  return out;
}

domain::Status Registry::load() {
  auto s = RegistrySnapshot::load(store_);
  if (!s) return s.error();
  std::lock_guard lock(mutex_);
  current_ = std::move(*s);
  return domain::success();
}

domain::Result<bool> Registry::refresh() {
  auto generation = store_.generation();
  if (!generation) return generation.error();
  if (auto held = current(); held && held->generation() == *generation) return false;
  if (auto s = load(); !s) return s.error();
  return true;
}

std::shared_ptr<const RegistrySnapshot> Registry::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

}  // namespace ofpra::service
