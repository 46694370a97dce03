#include "synth/generator.hpp"

#include "synth/name_pools.hpp"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace ofpra::synth {

using namespace domain;

std::uint64_t Rng::next() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::uint32_t Rng::below(std::uint32_t n) { return static_cast<std::uint32_t>((next() >> 32) * n >> 32); }

int Rng::between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::uint32_t>(hi - lo + 1))); }

bool Rng::chance(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }

std::string complete_siret(const std::string& first13) {
  int sum = 0;
  for (std::size_t i = 0; i < 13; ++i) {
    int d = first13[i] - '0';
    // The check digit will be the rightmost (not doubled), so index 12 is doubled.
    if ((12 - i) % 2 == 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return first13 + static_cast<char>('0' + (10 - sum % 10) % 10);
}

namespace {

template <class T>
const T& pick(Rng& rng, const std::vector<T>& v) {
  return v[rng.below(static_cast<std::uint32_t>(v.size()))];
}

PartialDate day(int y, int m, int d) {
  PartialDate p;
  p.year = static_cast<std::int16_t>(y);
  p.month = static_cast<std::uint8_t>(m);
  p.day = static_cast<std::uint8_t>(d);
  p.precision = DatePrecision::day;
  return p;
}

PartialDate random_day(Rng& rng, int year_lo, int year_hi) {
  int y = rng.between(year_lo, year_hi);
  int m = rng.between(1, 12);
  int d = rng.between(1, 28 + (m != 2 ? 2 : 0));
  if (!is_valid_day(y, static_cast<unsigned>(m), static_cast<unsigned>(d))) d = 28;
  return day(y, m, d);
}

PartialDate add_days(const PartialDate& d, int n) {
  return civil_from_days(days_from_civil(d.year, d.month, d.day) + n);
}

// Birth dates as registries hold them: mostly exact, some known to the month or year only,
// and the classic 1 January placeholder for an unknown day and month.
PartialDate birth_date(Rng& rng, int year_lo, int year_hi) {
  PartialDate d = random_day(rng, year_lo, year_hi);
  auto roll = rng.below(100);
  if (roll < 8) {
    d.month = 0;
    d.day = 0;
    d.precision = DatePrecision::year;
  } else if (roll < 14) {
    d.day = 0;
    d.precision = DatePrecision::month;
  } else if (roll < 24) {
    d.month = 1;
    d.day = 1;
  }
  return d;
}

const CountryPool& pick_country(Rng& rng) {
  const auto& pools = country_pools();
  double total = 0;
  for (const auto& p : pools) total += p.weight;
  double x = static_cast<double>(rng.below(1'000'000)) / 1'000'000.0 * total;
  for (const auto& p : pools) {
    if (x < p.weight) return p;
    x -= p.weight;
  }
  return pools.back();
}

struct Given {
  const NameForm* first;
  const NameForm* second;  // may be null
};

Given given_names(Rng& rng, const CountryPool& c, Sex sex) {
  const auto& pool = sex == Sex::female ? c.female : c.male;
  Given g{&pick(rng, pool), nullptr};
  if (rng.chance(0.3)) {
    const auto* second = &pick(rng, pool);
    if (second != g.first) g.second = second;
  }
  return g;
}

std::vector<std::string> latin(const Given& g) {
  std::vector<std::string> out{g.first->latin};
  if (g.second) out.push_back(g.second->latin);
  return out;
}

std::string upper_ascii(std::string s) {
  for (auto& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

struct Member {
  Person person;
  const NameForm* surname;  // for the family rule
  Given given;
  bool child = false;
};

class Household {
 public:
  Household(Rng& rng, std::uint64_t& next_number) : rng_(rng), next_number_(next_number) {}

  Member make(const CountryPool& c, Sex sex, const NameForm& surname, int year_lo, int year_hi) {
    Member m;
    m.surname = &surname;
    m.given = given_names(rng_, c, sex);
    auto& p = m.person;
    char num[16];
    std::snprintf(num, sizeof num, "%09llu", static_cast<unsigned long long>(next_number_++));
    p.numero_ofpra = num;
    if (rng_.chance(0.8)) {
      std::snprintf(num, sizeof num, "%010llu", static_cast<unsigned long long>(rng_.next() % 10'000'000'000ULL));
      p.numero_agdref = num;
    }
    p.nom_naissance = surname.latin;
    p.prenoms = latin(m.given);
    p.sexe = sex;
    p.date_naissance = birth_date(rng_, year_lo, year_hi);
    p.lieu_naissance = pick(rng_, c.places);
    p.code_pays_naissance = std::string(c.cog);
    p.nationalite = std::string(c.cog);
    if (!c.script.empty() && !surname.native.empty()) {
      OriginalScript o{std::string(c.script), surname.native, {m.given.first->native}};
      if (m.given.second) o.prenoms.push_back(m.given.second->native);
      p.ecriture_origine = std::move(o);
    }
    add_aliases(m);
    return m;
  }

  void add_contact(Person& p, const CountryPool& c) {
    if (rng_.chance(0.75)) {
      std::string local = p.prenoms.front() + "." + p.nom_naissance;
      for (auto& ch : local)
        if (ch == ' ' || ch == '\'') ch = '-';
      std::transform(local.begin(), local.end(), local.begin(),
                     [](char ch) { return (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch; });
      p.contact.email = local + std::to_string(rng_.below(1000)) + "@example.org";
    }
    if (rng_.chance(0.85)) {
      char tel[16];
      std::snprintf(tel, sizeof tel, "+336%08u", rng_.below(100'000'000));
      p.contact.telephone = tel;
    }
    p.contact.langue = rng_.chance(0.15) ? std::string("fr") : std::string(c.language);
  }

 private:
  // Spellings the same person is known under on other documents.
  void add_aliases(Member& m) {
    auto& p = m.person;
    int n = static_cast<int>(rng_.below(3));
    for (int i = 0; i < n; ++i) {
      NameVariant v;
      const auto& s = *m.surname;
      v.nom_naissance = (!s.variants.empty() && rng_.chance(0.7)) ? upper_ascii(pick(rng_, s.variants)) : s.latin;
      const auto& f = *m.given.first;
      v.prenoms.push_back(!f.variants.empty() ? pick(rng_, f.variants) : f.latin);
      if (m.given.second && rng_.chance(0.5)) v.prenoms.push_back(m.given.second->latin);
      if (v.nom_naissance == p.nom_naissance && v.prenoms == p.prenoms) continue;
      if (std::find(p.alias.begin(), p.alias.end(), v) != p.alias.end()) continue;
      p.alias.push_back(std::move(v));
    }
  }

  Rng& rng_;
  std::uint64_t& next_number_;
};

Protection protection_for(Rng& rng, const PartialDate& birth) {
  Protection pr;
  auto roll = rng.below(100);
  pr.type = roll < 62 ? ProtectionType::refugee : roll < 95 ? ProtectionType::subsidiary : ProtectionType::stateless;
  pr.authority = rng.chance(0.3) ? Authority::cnda : Authority::ofpra;
  int lo = std::max(2012, static_cast<int>(birth.year) + 1);
  pr.debut = random_day(rng, std::min(lo, reference_year - 1), reference_year - 1);
  return pr;
}

void maybe_end(Rng& rng, Protection& pr) {
  if (!rng.chance(0.05)) return;
  auto start = days_from_civil(pr.debut.year, pr.debut.month, pr.debut.day);
  auto limit = days_from_civil(reference_year, 1, 1) - 1;
  if (limit - start < 30) return;
  pr.fin = civil_from_days(start + 30 +
                           static_cast<std::int64_t>(rng.below(static_cast<std::uint32_t>(limit - start - 30))));
  static constexpr EndReason reasons[] = {EndReason::cessation, EndReason::renunciation, EndReason::withdrawal,
                                          EndReason::naturalisation, EndReason::death};
  pr.motif_fin = reasons[rng.below(5)];
}

// A day at least `gap` days after `from`, within `span` days, and not after `today`.
std::int64_t later_day(Rng& rng, std::int64_t from, std::int64_t gap, std::int64_t span, std::int64_t today) {
  const auto room = std::max<std::int64_t>(1, std::min(today - from - gap, span));
  return from + gap + rng.below(static_cast<std::uint32_t>(room));
}

// The civil-status file follows the protection decision; some are past OFPRA's delay.
CivilStatusFile file_for(Rng& rng, const PartialDate& protected_since) {
  CivilStatusFile f;
  const auto start = days_from_civil(protected_since.year, protected_since.month, protected_since.day);
  const auto today = days_from_civil(reference_year, 1, 1) - 1;
  const auto roll = rng.below(100);
  if (roll < 15 || today - start < 60) return f;  // still awaiting the fiche familiale de reference
  const auto ffr = later_day(rng, start, 20, 200, today);
  f.stage = FileStage::ffr_received;
  f.ffr_recue_le = civil_from_days(ffr);
  if (roll < 40 || today - ffr < 40) return f;
  const auto instr = later_day(rng, ffr, 30, 200, today);
  f.stage = FileStage::instruction;
  f.instruction_le = civil_from_days(instr);
  if (roll < 65 || today - instr < 30) return f;
  f.stage = FileStage::acts_established;
  f.actes_etablis_le = civil_from_days(later_day(rng, instr, 20, 500, today));
  return f;
}

FamilyMember link_to(FamilyLink link, const Person& p) {
  FamilyMember m;
  m.link = link;
  m.numero_ofpra = p.numero_ofpra;
  return m;
}

FamilyMember inline_member(FamilyLink link, const Person& p) {
  FamilyMember m;
  m.link = link;
  m.nom_naissance = p.nom_naissance;
  m.prenoms = p.prenoms;
  m.sexe = p.sexe;
  m.date_naissance = p.date_naissance;
  return m;
}

}  // namespace

void generate_registry(std::uint64_t seed, std::uint64_t count, const std::function<void(Person&&)>& emit) {
  Rng rng(seed ^ 0x6F66707261ULL);
  std::uint64_t next_number = 100'000'001;
  std::uint64_t made = 0;
  while (made < count) {
    const auto& c = pick_country(rng);
    Household h(rng, next_number);
    const bool principal_female = rng.chance(0.35);
    const auto& surname = pick(rng, c.surnames);
    std::vector<Member> registered;
    registered.reserve(8);  // principal, spouse, up to four children: references stay valid
    registered.push_back(h.make(c, principal_female ? Sex::female : Sex::male, surname, 1955, 2004));
    auto& principal = registered.front().person;
    principal.protections.push_back(protection_for(rng, principal.date_naissance));
    const auto since = principal.protections.front().debut;

    std::vector<FamilyMember> inline_relatives;
    int youngest_parent = principal.date_naissance.year;
    // Spouse: registered and protected with the principal (unity of the family), or abroad.
    if (rng.chance(0.5)) {
      const auto& spouse_surname = c.rule == SurnameRule::family && rng.chance(0.4) ? surname : pick(rng, c.surnames);
      const int py = principal.date_naissance.year;
      Member spouse =
          h.make(c, principal_female ? Sex::male : Sex::female, spouse_surname, py - 8, std::min(py + 8, 2005));
      youngest_parent = std::max(youngest_parent, static_cast<int>(spouse.person.date_naissance.year));
      if (rng.chance(0.7) && made + registered.size() < count) {
        spouse.person.protections.push_back(protection_for(rng, spouse.person.date_naissance));
        spouse.person.protections.front().debut = since;
        registered.push_back(std::move(spouse));
      } else {
        --next_number;  // not registered: give its number back
        inline_relatives.push_back(inline_member(FamilyLink::spouse, spouse.person));
      }
    }
    // Children take the father's family name, or his first given name where names are patronymic.
    const Member& father = (!principal_female || registered.size() < 2) ? registered.front() : registered[1];
    const int first_child_year = std::max(2000, youngest_parent + 18);
    const int children = first_child_year < reference_year ? static_cast<int>(rng.below(5)) : 0;
    for (int i = 0; i < children; ++i) {
      const Sex sex = rng.chance(0.5) ? Sex::female : Sex::male;
      NameForm child_surname = *father.surname;
      if (c.rule == SurnameRule::patronymic) {
        child_surname.latin = upper_ascii(father.given.first->latin);
        child_surname.native = father.given.first->native;
        child_surname.variants.clear();
        for (const auto& v : father.given.first->variants) child_surname.variants.push_back(upper_ascii(v));
      }
      Member child = h.make(c, sex, child_surname, first_child_year, reference_year - 1);
      child.surname = &surname;  // child_surname dies with this iteration; the name is already set
      child.child = true;
      if (rng.chance(0.55) && made + registered.size() < count) {
        Protection pr = protection_for(rng, child.person.date_naissance);
        pr.type = principal.protections.front().type;
        pr.debut = std::max(since,
                            add_days(PartialDate(child.person.date_naissance.precision == DatePrecision::day
                                                     ? child.person.date_naissance
                                                     : day(child.person.date_naissance.year, 12, 31)),
                                     1),
                            [](const PartialDate& a, const PartialDate& b) {
                              return days_from_civil(a.year, a.month, a.day) < days_from_civil(b.year, b.month, b.day);
                            });
        if (pr.debut.year >= reference_year) pr.debut = since;
        child.person.protections.push_back(pr);
        registered.push_back(std::move(child));
      } else {
        --next_number;
        inline_relatives.push_back(inline_member(FamilyLink::child, child.person));
      }
    }

    // Links: everyone registered points at everyone else in the household.
    for (std::size_t i = 0; i < registered.size(); ++i) {
      auto& p = registered[i].person;
      const bool is_child_i = registered[i].child;
      for (std::size_t j = 0; j < registered.size(); ++j) {
        if (i == j) continue;
        const auto& q = registered[j].person;
        const bool is_child_j = registered[j].child;
        if (is_child_i && is_child_j) continue;  // siblings are not recorded as links
        FamilyLink link = is_child_j ? FamilyLink::child : is_child_i ? FamilyLink::parent : FamilyLink::spouse;
        p.famille.push_back(link_to(link, q));
      }
      if (i == 0 || !is_child_i) {
        for (const auto& r : inline_relatives) p.famille.push_back(r);
      }
      maybe_end(rng, p.protections.front());
      if (p.protections.front().fin && rng.chance(0.2) && p.protections.front().motif_fin != EndReason::death &&
          p.protections.front().motif_fin != EndReason::naturalisation &&
          p.protections.front().fin->year < reference_year - 1) {
        // Protection granted again later, e.g. after a withdrawal annulled by the CNDA.
        Protection again = p.protections.front();
        again.debut = add_days(*again.fin, 1 + static_cast<int>(rng.below(300)));
        again.fin.reset();
        again.motif_fin.reset();
        again.authority = Authority::cnda;
        if (again.debut.year < reference_year) p.protections.push_back(again);
      }
      if (i == 0 || !is_child_i || rng.chance(0.3)) h.add_contact(p, c);
      p.dossier_etat_civil = file_for(rng, p.protections.front().debut);
    }
    for (auto& m : registered) {
      if (made >= count) break;
      emit(std::move(m.person));
      ++made;
    }
  }
}

}  // namespace ofpra::synth
