#include "synth/generator.hpp"
#include "domain/partner.hpp"
#include "domain/registry_record.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

using namespace ofpra;
using namespace ofpra::domain;

namespace {

std::vector<Person> make(std::uint64_t seed, std::uint64_t n) {
  std::vector<Person> out;
  synth::generate_registry(seed, n, [&](Person&& p) { out.push_back(std::move(p)); });
  return out;
}

}  // namespace

TEST(Generator, SameSeedSameRegistryOtherSeedOtherRegistry) {
  auto a = make(42, 500);
  auto b = make(42, 500);
  auto c = make(43, 500);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

TEST(Generator, ExactCountInIncreasingNumberOrder) {
  for (std::uint64_t n : {0u, 1u, 2u, 7u, 1000u}) {
    auto v = make(1, n);
    ASSERT_EQ(v.size(), n);
    for (std::size_t i = 1; i < v.size(); ++i) EXPECT_LT(v[i - 1].numero_ofpra, v[i].numero_ofpra);
  }
}

TEST(Generator, EveryRecordPassesImportValidation) {
  for (const auto& p : make(9, 3000)) {
    auto again = parse_registry_record(to_registry_record(p));
    ASSERT_TRUE(again) << p.numero_ofpra << " " << again.error().field << ": " << again.error().message;
    EXPECT_EQ(*again, p);
  }
}

TEST(Generator, FamilyLinksPointAtRegisteredPersonsBothWays) {
  auto v = make(11, 3000);
  std::map<std::string, const Person*> by_number;
  for (const auto& p : v) by_number[p.numero_ofpra] = &p;
  std::size_t links = 0;
  for (const auto& p : v) {
    for (const auto& m : p.famille) {
      if (!m.numero_ofpra) continue;
      ++links;
      auto it = by_number.find(*m.numero_ofpra);
      ASSERT_NE(it, by_number.end()) << p.numero_ofpra << " -> " << *m.numero_ofpra;
      bool back = false;
      for (const auto& r : it->second->famille) back = back || r.numero_ofpra == p.numero_ofpra;
      EXPECT_TRUE(back) << "link " << p.numero_ofpra << " -> " << *m.numero_ofpra << " is one-way";
      if (m.link == FamilyLink::child) {
        EXPECT_GT(it->second->date_naissance.year, p.date_naissance.year + 12);
      }
    }
  }
  EXPECT_GT(links, 1000u);
}

TEST(Generator, CoversTheSituationsARealRegistryHolds) {
  auto v = make(5, 20000);
  std::set<std::string> countries, scripts;
  std::set<ProtectionType> types;
  std::set<FileStage> stages;
  std::set<DatePrecision> precisions;
  std::set<EndReason> reasons;
  std::size_t placeholders = 0, aliases = 0, histories = 0, cnda = 0, inline_children = 0, protected_children = 0;
  for (const auto& p : v) {
    countries.insert(*p.code_pays_naissance);
    if (p.ecriture_origine) scripts.insert(p.ecriture_origine->script);
    for (const auto& pr : p.protections) {
      types.insert(pr.type);
      if (pr.motif_fin) reasons.insert(*pr.motif_fin);
      if (pr.authority == Authority::cnda) ++cnda;
    }
    if (p.protections.size() > 1) ++histories;
    if (p.dossier_etat_civil) stages.insert(p.dossier_etat_civil->stage);
    precisions.insert(p.date_naissance.precision);
    if (p.date_naissance.precision == DatePrecision::day && p.date_naissance.month == 1 && p.date_naissance.day == 1)
      ++placeholders;
    if (!p.alias.empty()) ++aliases;
    for (const auto& m : p.famille) {
      if (m.link != FamilyLink::child) continue;
      if (m.numero_ofpra)
        ++protected_children;
      else
        ++inline_children;
    }
  }
  EXPECT_GE(countries.size(), 12u);
  EXPECT_EQ(scripts, (std::set<std::string>{"Arab", "Beng", "Cyrl", "Ethi"}));
  EXPECT_EQ(types.size(), 3u);
  EXPECT_EQ(stages.size(), 4u);
  EXPECT_EQ(precisions.size(), 3u);
  EXPECT_EQ(reasons.size(), 5u);
  EXPECT_GT(placeholders, 1000u);
  EXPECT_GT(aliases, 5000u);
  EXPECT_GT(histories, 10u);
  EXPECT_GT(cnda, 3000u);
  EXPECT_GT(inline_children, 1000u);
  EXPECT_GT(protected_children, 1000u);
}

TEST(Generator, SomeFilesAreBeyondTheProcessingDelay) {
  // 18 months after the fiche familiale de reference, before the reference date.
  std::size_t late = 0;
  for (const auto& p : make(5, 5000)) {
    const auto& f = p.dossier_etat_civil;
    if (!f || !f->ffr_recue_le || f->stage == FileStage::acts_established) continue;
    auto d = days_from_civil(f->ffr_recue_le->year, f->ffr_recue_le->month, f->ffr_recue_le->day);
    if (days_from_civil(synth::reference_year, 1, 1) - d > 548) ++late;
  }
  EXPECT_GT(late, 100u);
}

TEST(Generator, CompletesSiretsWithTheirLuhnDigit) {
  for (const char* prefix : {"9990000100001", "1234567890123", "0000000000000"})
    EXPECT_TRUE(is_siret(synth::complete_siret(prefix))) << prefix;
}
