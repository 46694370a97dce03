#include "synth/queries.hpp"

#include "domain/json_text.hpp"
#include "synth/generator.hpp"
#include "synth/name_pools.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>

namespace ofpra::synth {
namespace {

using domain::Person;

// Another Latin spelling of a name from the pools, if they know one.
std::optional<std::string> variant_of(const std::string& name, Rng& rng) {
  for (const auto& c : country_pools())
    for (const auto* pool : {&c.male, &c.female, &c.surnames})
      for (const auto& f : *pool)
        if (f.latin == name && !f.variants.empty())
          return f.variants[rng.below(static_cast<std::uint32_t>(f.variants.size()))];
  return std::nullopt;
}

std::string upper(std::string s) {
  for (auto& ch : s)
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  return s;
}

// One typing error: a letter doubled, dropped or replaced by its neighbour.
std::string typo(std::string s, Rng& rng) {
  if (s.size() < 4) return s;
  const auto i = 1 + rng.below(static_cast<std::uint32_t>(s.size() - 2));
  // Letters only: cutting into a multi-byte character would not be a typing error.
  if (static_cast<unsigned char>(s[i]) >= 0x80 || static_cast<unsigned char>(s[i + 1]) >= 0x80) return s;
  switch (rng.below(3)) {
    case 0:
      s.insert(i, 1, s[i]);
      break;
    case 1:
      s.erase(i, 1);
      break;
    default:
      std::swap(s[i], s[i + 1]);
  }
  return s;
}

struct Query {
  std::string nom;
  std::vector<std::string> prenoms;
  std::string date;
  std::optional<std::string> country;
  std::optional<std::string> sexe;
};

std::string line(const std::string& kind, const Query& q, const std::optional<std::string>& expected) {
  std::string out = "{\"cas\":";
  domain::append_json_string(out, kind);
  out += ",\"identite\":{\"nom_naissance\":";
  domain::append_json_string(out, q.nom);
  out += ",\"prenoms\":";
  domain::append_json_string_list(out, q.prenoms);
  out += ",\"date_naissance\":";
  domain::append_json_string(out, q.date);
  if (q.country) {
    out += ",\"code_pays_naissance\":";
    domain::append_json_string(out, *q.country);
  }
  if (q.sexe) {
    out += ",\"sexe\":";
    domain::append_json_string(out, *q.sexe);
  }
  out += "},\"numero_ofpra\":";
  if (expected)
    domain::append_json_string(out, *expected);
  else
    out += "null";
  return out + "}";
}

std::string full_date(const domain::PartialDate& d) { return d.to_string(); }

}  // namespace

std::vector<std::string> labelled_queries(const std::vector<Person>& registry, std::uint64_t seed, std::size_t count) {
  std::vector<std::string> out;
  if (registry.empty()) return out;
  Rng rng(seed);
  const std::vector<std::string> kinds{"exacte",
                                       "variante_prenom",
                                       "variante_nom",
                                       "noms_inverses",
                                       "1er_janvier",
                                       "annee_seule",
                                       "jour_mois_inverses",
                                       "prenoms_colles",
                                       "faute_de_frappe",
                                       "prenom_manquant",
                                       "minuscules_accents",
                                       "ecriture_origine",
                                       "absent_du_registre"};
  for (std::size_t n = 0; n < count; ++n) {
    const auto& p = registry[rng.below(static_cast<std::uint32_t>(registry.size()))];
    const auto& kind = kinds[n % kinds.size()];
    Query q{p.nom_naissance, p.prenoms, full_date(p.date_naissance), p.code_pays_naissance,
            std::string(to_string(p.sexe))};
    if (rng.chance(0.3)) q.country.reset();  // administrations often do not have it
    if (rng.chance(0.2)) q.sexe.reset();
    std::optional<std::string> expected = p.numero_ofpra;
    const auto& d = p.date_naissance;
    if (kind == "variante_prenom") {
      if (q.prenoms.empty()) continue;
      auto v = variant_of(q.prenoms.front(), rng);
      if (!v) continue;
      q.prenoms.front() = *v;
    } else if (kind == "variante_nom") {
      auto v = variant_of(q.nom, rng);
      if (!v) continue;
      q.nom = upper(*v);
    } else if (kind == "noms_inverses") {
      if (q.prenoms.empty()) continue;
      std::swap(q.nom, q.prenoms.front());
    } else if (kind == "1er_janvier") {
      if (d.precision == domain::DatePrecision::day && d.month == 1 && d.day == 1) continue;
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-01-01", d.year);
      q.date = buf;
    } else if (kind == "annee_seule") {
      q.date = std::to_string(d.year);
    } else if (kind == "jour_mois_inverses") {
      if (d.precision != domain::DatePrecision::day || d.day > 12 || d.day == d.month) continue;
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.day, d.month);
      q.date = buf;
    } else if (kind == "prenoms_colles") {
      if (q.prenoms.size() < 2) continue;
      q.prenoms = {q.prenoms[0] + q.prenoms[1]};
    } else if (kind == "faute_de_frappe") {
      q.nom = typo(q.nom, rng);
    } else if (kind == "prenom_manquant") {
      if (q.prenoms.size() < 2) continue;
      q.prenoms.resize(1);
    } else if (kind == "minuscules_accents") {
      std::string lower;
      for (char ch : q.nom) lower.push_back(static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch));
      q.nom = lower;
      if (!q.prenoms.empty() && q.prenoms.front().size() > 1 && q.prenoms.front()[1] == 'e')
        q.prenoms.front().replace(1, 1, "\u00e9");
    } else if (kind == "ecriture_origine") {
      if (!p.ecriture_origine || p.ecriture_origine->prenoms.size() != p.prenoms.size()) continue;
      q.nom = p.ecriture_origine->nom;
      q.prenoms = p.ecriture_origine->prenoms;
    } else if (kind == "absent_du_registre") {
      // The same names, born years apart: somebody else, who is not registered.
      const int year = d.year - 7 - static_cast<int>(rng.below(5));
      const bool namesake = std::any_of(registry.begin(), registry.end(), [&](const Person& r) {
        return r.nom_naissance == p.nom_naissance && std::abs(r.date_naissance.year - year) <= 1;
      });
      if (namesake) continue;
      q.date = std::to_string(year);
      expected.reset();
    }
    out.push_back(line(kind, q, expected));
  }
  return out;
}

}  // namespace ofpra::synth
