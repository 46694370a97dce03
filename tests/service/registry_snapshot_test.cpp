#include "service/registry_snapshot.hpp"
#include "service/answer_shape.hpp"
#include "store/database.hpp"
#include "support/temp_dir.hpp"
#include "synth/generator.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

using namespace ofpra;

namespace {

struct Fixture {
  test_support::TempDir dir;
  std::unique_ptr<store::Database> db;
  std::vector<domain::Person> persons;
  explicit Fixture(std::uint64_t n) {
    db = std::move(*store::open_database({store::DatabaseUrl::Kind::sqlite, dir.file("r.db")}));
    synth::generate_registry(11, n, [&](domain::Person&& p) { persons.push_back(std::move(p)); });
    put(persons);
  }
  void put(const std::vector<domain::Person>& batch) {
    auto w = db->registry().begin_write("test");
    ASSERT_TRUE(w);
    for (const auto& p : batch) ASSERT_TRUE((*w)->put(p));
    ASSERT_TRUE((*w)->commit());
  }
};

}  // namespace

TEST(RegistrySnapshot, AnswersEveryPersonAsTheStoreDoesWithoutTheContact) {
  Fixture f(500);
  auto s = service::RegistrySnapshot::load(f.db->registry());
  ASSERT_TRUE(s) << s.error().message;
  EXPECT_EQ((*s)->size(), 500u);
  EXPECT_GT((*s)->memory_bytes(), 500u * 50);
  for (auto p : f.persons) {
    auto found = (*s)->find(p.numero_ofpra);
    ASSERT_TRUE(found) << p.numero_ofpra;
    p.contact = {};
    EXPECT_EQ(*found, p);
    if (p.numero_agdref) {
      auto numbers = (*s)->numbers_by_agdref(*p.numero_agdref);
      EXPECT_NE(std::find(numbers.begin(), numbers.end(), p.numero_ofpra), numbers.end());
    }
  }
  EXPECT_FALSE((*s)->find("000000000"));
  EXPECT_FALSE((*s)->find("12345678"));
  EXPECT_FALSE((*s)->find("abcdefghi"));
  EXPECT_TRUE((*s)->numbers_by_agdref("0000000000").empty());
}

TEST(RegistrySnapshot, EveryPersonIsFoundByItsOwnIdentityAndNotWithAnotherBirthYear) {
  Fixture f(500);
  auto s = *service::RegistrySnapshot::load(f.db->registry());
  auto holds = [](const service::IdentityMatch& m, const std::string& numero) {
    return std::find(m.numbers.begin(), m.numbers.end(), numero) != m.numbers.end();
  };
  for (const auto& p : f.persons) {
    service::IdentityQuery q{p.nom_naissance, p.prenoms, p.date_naissance, p.code_pays_naissance, p.sexe};
    auto m = s->identity_match(q);
    // Found, or (twins, namesakes) ambiguous with it among the contenders; never someone else.
    EXPECT_NE(m.verdict, matching::Verdict::not_found) << p.numero_ofpra;
    EXPECT_TRUE(holds(m, p.numero_ofpra)) << p.numero_ofpra;
    q.date_naissance.year = static_cast<std::int16_t>(p.date_naissance.year + 3);
    m = s->identity_match(q);
    EXPECT_FALSE(m.verdict == matching::Verdict::found && holds(m, p.numero_ofpra)) << p.numero_ofpra;
  }
}

TEST(RegistrySnapshot, AliasesFindThePersonAndADifferentSexOrCountryExcludesIt) {
  Fixture f(0);
  domain::Person p;
  p.numero_ofpra = "123456789";
  p.nom_naissance = "AHMADI";
  p.prenoms = {"Mohammad", "Reza"};
  p.alias = {{"AHMADY", {"Mohamad", "Reza"}}};
  p.sexe = domain::Sex::male;
  p.date_naissance = *domain::PartialDate::parse("1990");
  p.code_pays_naissance = "99212";
  f.put({p});
  auto s = *service::RegistrySnapshot::load(f.db->registry());
  service::IdentityQuery q{
      "Ahmady", {"Mohamad", "Reza"}, *domain::PartialDate::parse("1990-05-17"), "99212", domain::Sex::male};
  auto found = s->identity_match(q);
  EXPECT_EQ(found.verdict, matching::Verdict::found);
  EXPECT_EQ(found.numbers, std::vector<std::string>{"123456789"});
  q.prenoms = {"Reza", "Mohamad"};  // given names in another order
  EXPECT_EQ(s->identity_match(q).verdict, matching::Verdict::found);
  q.sexe = domain::Sex::female;
  EXPECT_EQ(s->identity_match(q).verdict, matching::Verdict::not_found);
  q.sexe.reset();
  q.code_pays_naissance = "99351";
  EXPECT_EQ(s->identity_match(q).verdict, matching::Verdict::not_found);
}

TEST(RegistrySnapshot, RefreshLoadsOnlyWhenTheStoreChanged) {
  Fixture f(20);
  service::Registry registry(f.db->registry());
  ASSERT_TRUE(registry.load());
  auto first = registry.current();
  auto unchanged = registry.refresh();
  ASSERT_TRUE(unchanged);
  EXPECT_FALSE(*unchanged);
  EXPECT_EQ(registry.current(), first);
  auto changed = f.persons.front();
  changed.nom_naissance = "NOUVEAU";
  f.put({changed});
  auto refreshed = registry.refresh();
  ASSERT_TRUE(refreshed);
  EXPECT_TRUE(*refreshed);
  EXPECT_EQ(registry.current()->find(changed.numero_ofpra)->nom_naissance, "NOUVEAU");
  EXPECT_EQ(first->find(changed.numero_ofpra)->nom_naissance, f.persons.front().nom_naissance);  // readers keep theirs
}

TEST(RegistrySnapshot, AFileOfItIsReadBackOnlyWholeAndForTheSameRegistryAndGeneration) {
  Fixture f(300);
  const auto file = f.dir.path() / "registry.snapshot";
  const auto instance = *f.db->registry().instance();
  const auto generation = *f.db->registry().generation();
  ASSERT_FALSE(instance.empty());
  auto built = *service::RegistrySnapshot::load(f.db->registry());
  ASSERT_TRUE(built->write_file(file, instance));
  EXPECT_EQ(std::filesystem::status(file).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  auto read = service::RegistrySnapshot::read_file(file, instance, generation);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->size(), built->size());
  for (const auto& p : f.persons) {
    EXPECT_EQ(read->find(p.numero_ofpra), built->find(p.numero_ofpra));
    service::IdentityQuery q{p.nom_naissance, p.prenoms, p.date_naissance, p.code_pays_naissance, p.sexe};
    EXPECT_EQ(read->identity_match(q).numbers, built->identity_match(q).numbers) << p.numero_ofpra;
  }
  EXPECT_FALSE(service::RegistrySnapshot::read_file(file, "another registry", generation));
  EXPECT_FALSE(service::RegistrySnapshot::read_file(file, instance, generation + 1));
  EXPECT_FALSE(service::RegistrySnapshot::read_file(f.dir.path() / "missing", instance, generation));
  // One byte changed anywhere, or the end cut off: refused.
  std::string bytes;
  {
    std::ifstream in(file, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  for (std::size_t at : {bytes.size() / 3, bytes.size() / 2, bytes.size() - 20}) {
    auto damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x20);
    std::ofstream(file, std::ios::binary | std::ios::trunc) << damaged;
    EXPECT_FALSE(service::RegistrySnapshot::read_file(file, instance, generation)) << at;
  }
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() / 2);
  EXPECT_FALSE(service::RegistrySnapshot::read_file(file, instance, generation));
}

TEST(RegistrySnapshot, TheHolderUsesTheFileWhenItMatchesAndRewritesItAfterAnImport) {
  Fixture f(50);
  const auto file = f.dir.path() / "registry.snapshot";
  {
    service::Registry first(f.db->registry(), file);
    ASSERT_TRUE(first.load());
    EXPECT_FALSE(first.loaded_from_file());
  }
  service::Registry second(f.db->registry(), file);
  ASSERT_TRUE(second.load());
  EXPECT_TRUE(second.loaded_from_file());
  auto changed = f.persons.front();
  changed.nom_naissance = "NOUVEAU";
  f.put({changed});
  ASSERT_TRUE(*second.refresh());
  service::Registry third(f.db->registry(), file);
  ASSERT_TRUE(third.load());
  EXPECT_TRUE(third.loaded_from_file());  // the file written after the refresh
  EXPECT_EQ(third.current()->find(changed.numero_ofpra)->nom_naissance, "NOUVEAU");
}

// An answer shaped from the parts its scopes need is the answer shaped from the whole person,
// scope by scope and all together, for every kind of person the generator makes.
TEST(RegistrySnapshot, AnswersFromThePartsTheirScopesNeedAreTheAnswersFromTheWholePerson) {
  Fixture f(400);
  auto s = service::RegistrySnapshot::load(f.db->registry());
  ASSERT_TRUE(s) << s.error().message;
  const auto at = *domain::PartialDate::parse("2026-12-01");
  std::vector<std::vector<domain::Scope>> cases{{domain::all_scopes.begin(), domain::all_scopes.end()}};
  for (auto scope : domain::all_scopes) cases.push_back({scope});
  for (const auto& p : f.persons)
    for (const auto& scopes : cases) {
      const auto whole = (*s)->find(p.numero_ofpra);
      const auto parts = (*s)->find(p.numero_ofpra, service::parts_for(scopes));
      ASSERT_TRUE(whole && parts);
      EXPECT_EQ(service::shape_answer(*parts, scopes, at, 4, **s), service::shape_answer(*whole, scopes, at, 4, **s))
          << p.numero_ofpra << " scopes " << scopes.size();
    }
}

TEST(RegistrySnapshot, NumbersAtTheEdgesOfTheLookupBucketsAreFoundAndTheirNeighboursAreNot) {
  // The lookup searches the bucket of 2^14 numbers a number falls in: the first and last of a
  // bucket, buckets left empty between two persons and the ends of the range are its edges.
  const std::vector<std::string> present{"000000000", "000000001", "000016383", "000016384", "000016385",
                                         "000049152", "500000000", "999999998", "999999999"};
  const std::vector<std::string> absent{"000000002", "000016382", "000016386", "000032768", "000049151",
                                        "000049153", "499999999", "500000001", "999999997"};
  Fixture f(0);
  std::vector<domain::Person> persons;
  synth::generate_registry(11, present.size(), [&](domain::Person&& p) { persons.push_back(std::move(p)); });
  for (std::size_t i = 0; i < persons.size(); ++i) {
    persons[i].numero_ofpra = present[i];
    persons[i].famille.clear();
  }
  f.put(persons);
  const auto file = f.dir.path() / "registry.snapshot";
  const auto instance = *f.db->registry().instance();
  auto built = *service::RegistrySnapshot::load(f.db->registry());
  ASSERT_TRUE(built->write_file(file, instance));
  auto read = service::RegistrySnapshot::read_file(file, instance, *f.db->registry().generation());
  ASSERT_TRUE(read);
  for (const auto& s : {built, read}) {
    ASSERT_EQ(s->size(), present.size());
    for (auto p : persons) {
      auto found = s->find(p.numero_ofpra);
      ASSERT_TRUE(found) << p.numero_ofpra;
      p.contact = {};
      EXPECT_EQ(*found, p);
    }
    for (const auto& n : absent) EXPECT_FALSE(s->contains(n)) << n;
  }
}
