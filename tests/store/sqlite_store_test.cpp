#include "domain/registry_record.hpp"
#include "store/database.hpp"
#include "support/temp_dir.hpp"
#include "synth/generator.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <vector>

using namespace ofpra;

namespace {

std::unique_ptr<store::Database> open_db(const std::string& path, bool migrate = true) {
  auto db = store::open_database({store::DatabaseUrl::Kind::sqlite, path}, {.create = true, .migrate = migrate});
  EXPECT_TRUE(db) << (db ? "" : db.error().message);
  return db ? std::move(*db) : nullptr;
}

std::vector<domain::Person> synthetic(std::uint64_t n, std::uint64_t seed = 7) {
  std::vector<domain::Person> out;
  synth::generate_registry(seed, n, [&](domain::Person&& p) { out.push_back(std::move(p)); });
  return out;
}

void put_all(store::Database& db, const std::vector<domain::Person>& persons) {
  auto w = db.registry().begin_write("test");
  ASSERT_TRUE(w);
  for (const auto& p : persons) ASSERT_TRUE((*w)->put(p));
  ASSERT_TRUE((*w)->commit());
}

}  // namespace

TEST(SqliteStore, MigratesOnceAndReportsTheVersion) {
  test_support::TempDir dir;
  auto db = open_db(dir.file("r.db"), false);
  ASSERT_TRUE(db);
  auto v0 = db->schema_version();
  ASSERT_TRUE(v0);
  EXPECT_EQ(*v0, 0);
  auto v1 = db->migrate();
  ASSERT_TRUE(v1);
  EXPECT_GE(*v1, 2);
  auto v2 = db->migrate();
  ASSERT_TRUE(v2);
  EXPECT_EQ(*v1, *v2);
  EXPECT_TRUE(db->ping());
}

TEST(SqliteStore, EveryFieldSurvivesAWriteAndARead) {
  test_support::TempDir dir;
  auto persons = synthetic(300);
  {
    auto db = open_db(dir.file("r.db"));
    put_all(*db, persons);
  }
  auto db = open_db(dir.file("r.db"));  // a new connection reads what was committed
  std::vector<domain::Person> read;
  ASSERT_TRUE(db->registry().for_each([&](domain::Person&& p) {
    read.push_back(std::move(p));
    return true;
  }));
  ASSERT_EQ(read.size(), persons.size());
  for (std::size_t i = 0; i < persons.size(); ++i) EXPECT_EQ(read[i], persons[i]) << persons[i].numero_ofpra;
  auto count = db->registry().count();
  ASSERT_TRUE(count);
  EXPECT_EQ(*count, 300);
}

TEST(SqliteStore, PuttingTheSameNumberReplacesEveryList) {
  test_support::TempDir dir;
  auto db = open_db(dir.file("r.db"));
  auto persons = synthetic(20);
  put_all(*db, persons);
  auto changed = persons[3];
  changed.alias.clear();
  changed.famille.clear();
  changed.dossier_etat_civil.reset();
  changed.nom_usage = "NOUVEAU";
  changed.protections.front().fin = domain::PartialDate::parse("2025-01-02").value();
  changed.protections.front().motif_fin = domain::EndReason::renunciation;
  changed.protections.resize(1);
  put_all(*db, {changed});
  auto found = db->registry().find(changed.numero_ofpra);
  ASSERT_TRUE(found);
  ASSERT_TRUE(*found);
  EXPECT_EQ(**found, changed);
  EXPECT_EQ(*db->registry().count(), 20);
  // Neighbours are untouched.
  EXPECT_EQ(**db->registry().find(persons[4].numero_ofpra), persons[4]);
}

TEST(SqliteStore, AnUncommittedWriteChangesNothing) {
  test_support::TempDir dir;
  auto db = open_db(dir.file("r.db"));
  auto persons = synthetic(10);
  {
    auto w = db->registry().begin_write("test");
    ASSERT_TRUE(w);
    for (const auto& p : persons) ASSERT_TRUE((*w)->put(p));
  }  // dropped without commit
  EXPECT_EQ(*db->registry().count(), 0);
  auto missing = db->registry().find(persons[0].numero_ofpra);
  ASSERT_TRUE(missing);
  EXPECT_FALSE(*missing);
}

TEST(SqliteStore, PartnersAndStaffAccounts) {
  test_support::TempDir dir;
  auto db = open_db(dir.file("r.db"));
  ASSERT_TRUE(db->partners().put_partner({"73282932000074", "CAF test", domain::AdministrationType::caf}));
  ASSERT_TRUE(db->partners().put_partner({"73282932000074", "CAF renamed", domain::AdministrationType::caf}));
  auto partners = db->partners().partners();
  ASSERT_TRUE(partners);
  ASSERT_EQ(partners->size(), 1u);
  EXPECT_EQ((*partners)[0].name, "CAF renamed");
  EXPECT_TRUE(db->partners().put_client({"client-1", "73282932000074", "$argon2id$hash", false, ""}));
  EXPECT_FALSE(
      db->partners().put_client({"client-1", "73282932000074", "$argon2id$hash", false, ""}));  // ids are unique
  EXPECT_FALSE(
      db->partners().put_client({"client-2", "00000000000000", "$argon2id$hash", false, ""}));  // unknown partner
  domain::StaffRoles audit;
  audit.add(domain::StaffRole::audit);
  ASSERT_TRUE(db->staff().put_staff_member({"agent@ofpra.fr", "Agent", audit, true, {}, "test"}));
  auto staff = db->staff().find_staff_member("agent@ofpra.fr");
  ASSERT_TRUE(staff);
  ASSERT_TRUE(*staff);
  EXPECT_EQ((*staff)->roles, audit);
  EXPECT_EQ((*staff)->created_by, "test");
}

TEST(SqliteStore, TheGenerationMovesWithEveryCommittedRegistryWriteFromAnyConnection) {
  test_support::TempDir dir;
  auto reader = open_db(dir.file("r.db"));
  const auto g0 = *reader->registry().generation();
  {
    auto writer = open_db(dir.file("r.db"));  // another process, as `import` would be
    put_all(*writer, synthetic(3));
  }
  EXPECT_EQ(*reader->registry().generation(), g0 + 1);
  {
    auto w = reader->registry().begin_write("test");
    ASSERT_TRUE(w);
    ASSERT_TRUE((*w)->put(synthetic(1, 9).front()));
  }  // rolled back
  EXPECT_EQ(*reader->registry().generation(), g0 + 1);
}

TEST(SqliteStore, AnAssertionIdIsAcceptedOncePerClientUntilItExpires) {
  test_support::TempDir dir;
  auto db = open_db(dir.file("r.db"));
  auto& partners = db->partners();
  EXPECT_TRUE(*partners.use_assertion("pc_a", "jti-1", 1000, 900));
  EXPECT_FALSE(*partners.use_assertion("pc_a", "jti-1", 1000, 901));  // replay
  EXPECT_TRUE(*partners.use_assertion("pc_b", "jti-1", 1000, 901));   // another client's id space
  // Once expired it is forgotten; by then the assertion itself is refused for its exp.
  EXPECT_TRUE(*partners.use_assertion("pc_a", "jti-1", 2000, 1001));
}

TEST(SqliteStore, ConsentsKeepTheirScopesDatesAndRevocation) {
  test_support::TempDir dir;
  auto db = open_db(dir.file("r.db"));
  ASSERT_TRUE(db->partners().put_partner({"73282932000074", "CAF", domain::AdministrationType::caf}));
  domain::Consent c{0,
                    "123456789",
                    "73282932000074",
                    std::nullopt,
                    {domain::Scope::protection, domain::Scope::civil_status_identity},
                    "Prestations",
                    "2026-01-01",
                    "2026-12-31",
                    std::nullopt};
  auto id = db->consents().put_consent(c);
  ASSERT_TRUE(id);
  c.id = *id;
  EXPECT_EQ(*db->consents().consents("123456789", "73282932000074", domain::AdministrationType::transport),
            std::vector<domain::Consent>{c});
  EXPECT_TRUE(db->consents().consents("123456789", "35600000000048", domain::AdministrationType::transport)->empty());
  EXPECT_TRUE(db->consents().consents("223456789", "73282932000074", domain::AdministrationType::caf)->empty());
  // A consent to every partner of a type is found for each of them, and only for them.
  auto typed = c;
  typed.partner_siret.clear();
  typed.partner_type = domain::AdministrationType::transport;
  auto typed_id = db->consents().put_consent(typed);
  ASSERT_TRUE(typed_id);
  typed.id = *typed_id;
  EXPECT_EQ(*db->consents().consents("123456789", "35600000000048", domain::AdministrationType::transport),
            std::vector<domain::Consent>{typed});
  EXPECT_EQ(db->consents().consents("123456789", "73282932000074", domain::AdministrationType::caf)->size(), 1u);
  EXPECT_EQ(*db->consents().consents_of("123456789"), (std::vector<domain::Consent>{typed, c}));
  EXPECT_TRUE(*db->consents().revoke_consent(*id));
  EXPECT_TRUE((*db->consents().find_consent(*id))->revoked_at.has_value());
  // A consent for a partner that does not exist is refused by the schema.
  c.partner_siret = "35600000000048";
  EXPECT_FALSE(db->consents().put_consent(c));
}

TEST(SqliteStore, ItsFilesAreCreatedPrivateAndAServerRefusesThemOtherwise) {
  test_support::TempDir dir;
  const auto path = dir.file("r.db");
  const auto old_mask = ::umask(022);  // a usual umask: files would be 0644
  {
    auto db = open_db(path);
    ASSERT_TRUE(db);
    put_all(*db, synthetic(3));
  }
  ::umask(old_mask);
  for (const char* suffix : {"", "-wal", "-shm"}) {
    struct stat st {};
    if (::stat((path + suffix).c_str(), &st) != 0) continue;
    EXPECT_EQ(st.st_mode & 0777, 0600u) << suffix;
  }
  auto opened = store::open_database({store::DatabaseUrl::Kind::sqlite, path}, {.require_private = true});
  EXPECT_TRUE(opened) << (opened ? "" : opened.error().message);
  opened = {domain::Error{}};
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  auto refused = store::open_database({store::DatabaseUrl::Kind::sqlite, path}, {.require_private = true});
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("chmod 600"), std::string::npos);
  EXPECT_TRUE(store::open_database({store::DatabaseUrl::Kind::sqlite, path}, {}));  // the CLI's tools still open it
}

TEST(SqliteStore, EachChangeKeepsThePreviousVersionAndAnUnchangedWriteKeepsNothing) {
  test_support::TempDir dir;
  auto db = open_db(dir.file("r.db"));
  ASSERT_TRUE(db);
  auto persons = synthetic(3);
  auto write = [&](const std::vector<domain::Person>& ps, const char* by) {
    auto w = db->registry().begin_write(by);
    EXPECT_TRUE(w);
    for (const auto& p : ps) EXPECT_TRUE((*w)->put(p));
    EXPECT_TRUE((*w)->commit());
    return (*w)->counts();
  };
  auto c = write(persons, "import");
  EXPECT_EQ(c.added, 3);
  c = write(persons, "import");
  EXPECT_EQ(c.unchanged, 3);
  EXPECT_EQ(c.events, 0);

  const auto numero = persons[0].numero_ofpra;
  const auto first_name = persons[0].nom_naissance;
  auto renamed = persons[0];
  renamed.nom_naissance = "RENAMED";
  renamed.alias.clear();
  c = write({renamed}, "api:ofpra-si");
  EXPECT_EQ(c.changed, 1);
  EXPECT_EQ(c.events, 1);
  auto again = renamed;
  again.nom_naissance = "RENAMED-AGAIN";
  write({again}, "api:ofpra-si");

  // Both former names are aliases of the current version, though the writer sent neither.
  auto found = db->registry().find(numero);
  ASSERT_TRUE(found && *found);
  std::vector<std::string> alias_names;
  for (const auto& a : (*found)->alias) alias_names.push_back(a.nom_naissance);
  EXPECT_EQ(alias_names, (std::vector<std::string>{first_name, "RENAMED"}));

  auto history = db->registry().history(numero);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->versions.size(), 3u);
  EXPECT_EQ(history->versions[0].written_by, "import");
  EXPECT_EQ(history->versions[2].written_by, "api:ofpra-si");
  EXPECT_TRUE(history->versions[2].replaced_at.empty());
  EXPECT_FALSE(history->versions[0].replaced_at.empty());
  EXPECT_NE(history->versions[0].record.find(first_name), std::string::npos);
  ASSERT_EQ(history->events.size(), 2u);
  EXPECT_EQ(history->events[1].type, "identite.modifiee");
  EXPECT_EQ(history->events[1].version, 3);

  // Removed, then registered again: her history goes on from the last version.
  {
    auto w = db->registry().begin_write("api:ofpra-si");
    ASSERT_TRUE(w);
    auto removed = (*w)->remove(numero);
    ASSERT_TRUE(removed);
    EXPECT_TRUE(*removed);
    auto twice = (*w)->remove(numero);
    ASSERT_TRUE(twice);
    EXPECT_FALSE(*twice);
    ASSERT_TRUE((*w)->commit());
  }
  auto gone = db->registry().find(numero);
  ASSERT_TRUE(gone);
  EXPECT_FALSE(*gone);
  write({persons[0]}, "import");
  history = db->registry().history(numero);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->versions.size(), 4u);
  EXPECT_EQ(history->versions.back().version, 4);
  EXPECT_EQ(history->events.back().type, "personne.supprimee");
  EXPECT_EQ(history->events.back().version, 3);
  // Nothing of it reached the other persons.
  auto other = db->registry().history(persons[1].numero_ofpra);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->versions.size(), 1u);
  EXPECT_TRUE(other->events.empty());
}

TEST(SqliteStore, AWriteRolledBackKeepsNoVersionAndNoEvent) {
  test_support::TempDir dir;
  auto db = open_db(dir.file("r.db"));
  ASSERT_TRUE(db);
  auto persons = synthetic(1);
  put_all(*db, persons);
  {
    auto w = db->registry().begin_write("import");
    ASSERT_TRUE(w);
    auto changed = persons[0];
    changed.protections.clear();
    ASSERT_TRUE((*w)->put(changed));
    ASSERT_TRUE((*w)->remove(persons[0].numero_ofpra));
  }  // not committed
  auto history = db->registry().history(persons[0].numero_ofpra);
  ASSERT_TRUE(history);
  EXPECT_EQ(history->versions.size(), 1u);
  EXPECT_TRUE(history->events.empty());
}
