#include "domain/json_text.hpp"
#include "domain/registry_change.hpp"
#include "domain/registry_record.hpp"
#include "store/sql/queries.hpp"
#include "store/sql/stores.hpp"

#include <openssl/sha.h>
#include <array>
#include <unordered_map>

namespace ofpra::store::sql {
namespace {

using domain::Person;

// Persons a writer holds before writing them in bulk, and a reader reads at a time.
constexpr std::size_t chunk = 2000;

Value date_value(const std::optional<domain::PartialDate>& d) {
  if (!d) return {};
  return d->to_string();
}

// A date column, or nothing for NULL (or, defensively, for text that is not a date).
std::optional<domain::PartialDate> date_of(const RowView& r, int column) {
  if (r.is_null(column)) return std::nullopt;
  auto d = domain::PartialDate::parse(r.text(column));
  if (!d) return std::nullopt;
  return *d;
}

template <class Enum, class Parse>
std::optional<Enum> word_of(const RowView& r, int column, Parse parse) {
  if (r.is_null(column)) return std::nullopt;
  return parse(r.text(column));
}

std::string text_of(const RowView& r, int column) { return std::string(r.text(column)); }

template <class Enum>
Value word_value(const std::optional<Enum>& e) {
  if (!e) return {};
  return std::string(to_string(*e));
}

Person person_from_row(const RowView& r) {
  Person p;
  p.numero_ofpra = text_of(r, 1);
  p.numero_agdref = r.opt_text(2);
  p.nom_naissance = text_of(r, 3);
  p.nom_usage = r.opt_text(4);
  p.prenoms = domain::parse_json_string_list(r.text(5));
  if (!r.is_null(6))
    p.ecriture_origine =
        domain::OriginalScript{text_of(r, 6), text_of(r, 7), domain::parse_json_string_list(r.text(8))};
  p.sexe = domain::parse_Sex(r.text(9)).value_or(domain::Sex::unspecified);
  p.date_naissance = date_of(r, 10).value_or(domain::PartialDate{});
  p.lieu_naissance = r.opt_text(11);
  p.code_pays_naissance = r.opt_text(12);
  p.nationalite = r.opt_text(13);
  p.contact = {r.opt_text(14), r.opt_text(15), r.opt_text(16)};
  return p;
}

void add_alias(Person& p, const RowView& r) {
  p.alias.push_back({text_of(r, 1), domain::parse_json_string_list(r.text(2))});
}

void add_protection(Person& p, const RowView& r) {
  domain::Protection pr;
  pr.type = domain::parse_ProtectionType(r.text(1)).value_or(domain::ProtectionType::refugee);
  pr.authority = domain::parse_Authority(r.text(2)).value_or(domain::Authority::ofpra);
  pr.debut = date_of(r, 3).value_or(domain::PartialDate{});
  pr.fin = date_of(r, 4);
  pr.motif_fin = word_of<domain::EndReason>(r, 5, domain::parse_EndReason);
  p.protections.push_back(pr);
}

void add_file(Person& p, const RowView& r) {
  domain::CivilStatusFile f;
  f.stage = domain::parse_FileStage(r.text(1)).value_or(domain::FileStage::awaiting_ffr);
  f.ffr_recue_le = date_of(r, 2);
  f.instruction_le = date_of(r, 3);
  f.actes_etablis_le = date_of(r, 4);
  p.dossier_etat_civil = f;
}

void add_family_member(Person& p, const RowView& r) {
  domain::FamilyMember m;
  m.link = domain::parse_FamilyLink(r.text(1)).value_or(domain::FamilyLink::child);
  m.numero_ofpra = r.opt_text(2);
  m.nom_naissance = r.opt_text(3);
  m.prenoms = domain::parse_json_string_list(r.text(4));
  m.sexe = word_of<domain::Sex>(r, 5, domain::parse_Sex);
  m.date_naissance = date_of(r, 6);
  p.famille.push_back(std::move(m));
}

using AddChild = void (*)(Person&, const RowView&);
constexpr std::array<std::pair<std::string_view, AddChild>, 4> children{{{queries::select_aliases, add_alias},
                                                                         {queries::select_protections, add_protection},
                                                                         {queries::select_files, add_file},
                                                                         {queries::select_family, add_family_member}}};

// Up to chunk persons with numero_ofpra in (after, last], in order, with their lists.
Status read_chunk(Executor& tx, const std::string& after, const std::string& last, std::vector<Person>& persons) {
  std::vector<std::int64_t> ids;
  auto s = tx.each(queries::select_persons, {after, last, static_cast<std::int64_t>(chunk)}, [&](const RowView& r) {
    ids.push_back(r.int64(0));
    persons.push_back(person_from_row(r));
    return true;
  });
  if (!s || persons.empty()) return s;
  const Value low = persons.front().numero_ofpra, high = persons.back().numero_ofpra;
  for (const auto& [sql, add] : children) {
    // The child rows come in the persons' order: one walk along the chunk.
    std::size_t at = 0;
    s = tx.each(sql, {low, high}, [&, add = add](const RowView& r) {
      const auto id = r.int64(0);
      while (at < ids.size() && ids[at] != id) ++at;
      if (at < ids.size()) add(persons[at], r);
      return true;
    });
    if (!s) return s;
  }
  return domain::success();
}

// The person with that number, through the same reading as the whole registry: the range
// (numero - 1, numero].
Status read_one(Executor& tx, const std::string& numero_ofpra, std::optional<Person>& out) {
  std::string before = numero_ofpra;
  if (before.empty()) return domain::success();
  before.back() = static_cast<char>(before.back() - 1);
  std::vector<Person> persons;
  auto s = read_chunk(tx, before, numero_ofpra, persons);
  if (s && !persons.empty() && persons.front().numero_ofpra == numero_ofpra) out = std::move(persons.front());
  return s;
}

// What the persons table holds of a version besides the person.
struct Head {
  std::int64_t version = 1;
  std::string digest;  // empty: written before history was kept
  std::string written_at;
  std::string written_by;
};

// The rows of a chunk of persons, one list per table.
struct PersonRows {
  std::vector<std::vector<Value>> persons, aliases, protections, files, family;

  void add(std::int64_t id, const Person& p, const Head& head) {
    const auto& eo = p.ecriture_origine;
    persons.push_back({id,
                       p.numero_ofpra,
                       p.numero_agdref,
                       p.nom_naissance,
                       p.nom_usage,
                       domain::json_string_list(p.prenoms),
                       eo ? Value{eo->script} : Value{},
                       eo ? Value{eo->nom} : Value{},
                       eo ? Value{domain::json_string_list(eo->prenoms)} : Value{},
                       std::string(to_string(p.sexe)),
                       p.date_naissance.to_string(),
                       p.lieu_naissance,
                       p.code_pays_naissance,
                       p.nationalite,
                       p.contact.email,
                       p.contact.telephone,
                       p.contact.langue,
                       head.written_at,
                       head.version,
                       head.digest,
                       head.written_by});
    std::int64_t pos = 0;
    for (const auto& a : p.alias) aliases.push_back({id, pos++, a.nom_naissance, domain::json_string_list(a.prenoms)});
    pos = 0;
    for (const auto& r : p.protections)
      protections.push_back({id, pos++, std::string(to_string(r.type)), std::string(to_string(r.authority)),
                             r.debut.to_string(), date_value(r.fin), word_value(r.motif_fin)});
    if (const auto& f = p.dossier_etat_civil)
      files.push_back({id, std::string(to_string(f->stage)), date_value(f->ffr_recue_le), date_value(f->instruction_le),
                       date_value(f->actes_etablis_le)});
    pos = 0;
    for (const auto& m : p.famille)
      family.push_back({id, pos++, std::string(to_string(m.link)), m.numero_ofpra, m.nom_naissance,
                        domain::json_string_list(m.prenoms), word_value(m.sexe), date_value(m.date_naissance)});
  }

  Status write(Executor& tx) const {
    const std::array<
        std::tuple<std::string_view, std::span<const std::string_view>, const std::vector<std::vector<Value>>*>, 5>
        tables{{{queries::person_table, queries::person_columns, &persons},
                {queries::alias_table, queries::alias_columns, &aliases},
                {queries::protection_table, queries::protection_columns, &protections},
                {queries::file_table, queries::file_columns, &files},
                {queries::family_table, queries::family_columns, &family}}};
    for (const auto& [table, columns, rows] : tables)
      if (!rows->empty())
        if (auto s = tx.insert_many(table, columns, *rows); !s) return s;
    return domain::success();
  }
};

// The first 128 bits of the record's SHA-256, in hex: enough to tell an unchanged record.
std::string record_digest(const std::string& record) {
  unsigned char hash[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(record.data()), record.size(), hash);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    out += hex[hash[i] >> 4];
    out += hex[hash[i] & 15];
  }
  return out;
}

// Persons are held, then written a chunk at a time (docs/REGISTRY-HISTORY.md): the current
// versions of the chunk are read in one query; an unchanged record is left alone; a changed one
// has its previous version kept and its events written, then is deleted and inserted again in
// bulk (COPY on PostgreSQL) with the new ones, inside the one transaction that commit() ends.
class Writer final : public RegistryWriter {
 public:
  Writer(std::unique_ptr<Transaction> tx, std::string now, std::string written_by)
      : tx_(std::move(tx)), now_(std::move(now)), written_by_(std::move(written_by)) {}

  Status put(const Person& p) override {
    if (!tx_) return ended();
    // The same person twice in one chunk: the later version replaces the earlier.
    if (auto held = index_.find(p.numero_ofpra); held != index_.end()) {
      pending_[held->second] = p;
      return domain::success();
    }
    index_.emplace(p.numero_ofpra, pending_.size());
    pending_.push_back(p);
    return pending_.size() >= chunk ? flush() : domain::success();
  }

  Result<bool> remove(const std::string& numero_ofpra) override {
    if (!tx_) return ended().error();
    if (auto s = flush(); !s) return s.error();
    auto heads = read_heads({numero_ofpra});
    if (!heads) return heads.error();
    auto head = heads->find(numero_ofpra);
    if (head == heads->end()) return false;
    auto previous = read_person(numero_ofpra);
    if (!previous) return previous.error();
    std::vector<std::vector<Value>> versions, events;
    keep_version(*previous, head->second, versions);
    const auto removal = domain::removal_event();
    events.push_back({numero_ofpra, head->second.version, std::string(to_string(removal.type)), removal.detail, now_});
    if (auto r = tx_->run(delete_persons(), {domain::json_string_list({numero_ofpra})}); !r) return r.error();
    if (auto s = tx_->insert_many(queries::version_table, queries::version_columns, versions); !s) return s.error();
    if (auto s = tx_->insert_many(queries::event_table, queries::event_columns, events); !s) return s.error();
    ++counts_.removed;
    ++counts_.events;
    return true;
  }

  Status set_synthetic(bool synthetic) override {
    if (!tx_) return ended();
    if (auto r = tx_->run(queries::set_synthetic, {synthetic ? 1 : 0}); !r) return r.error();
    return domain::success();
  }

  Status commit() override {
    if (!tx_) return ended();
    if (auto s = flush(); !s) return s;
    if (auto r = tx_->run(queries::bump_generation); !r) return r.error();
    const bool pg = tx_->dialect() == Dialect::postgresql;
    auto s = tx_->commit();
    if (s && pg) (void)tx_->run(queries::analyze_registry_postgresql);  // statistics only: never fails the write
    tx_.reset();
    return s;
  }

  RegistryWriteCounts counts() const override { return counts_; }

 private:
  static Status ended() { return domain::unavailable_error("the registry transaction has already ended"); }

  bool pg() const { return tx_->dialect() == Dialect::postgresql; }
  std::string_view delete_persons() const {
    return pg() ? queries::delete_persons_postgresql : queries::delete_persons_sqlite;
  }

  Result<std::unordered_map<std::string, Head>> read_heads(const std::vector<std::string>& numbers) {
    std::unordered_map<std::string, Head> heads;
    auto s = tx_->each(
        pg() ? queries::select_heads_postgresql : queries::select_heads_sqlite, {domain::json_string_list(numbers)},
        [&](const RowView& r) {
          heads.emplace(text_of(r, 0), Head{r.int64(1), r.opt_text(2).value_or(""), text_of(r, 3), text_of(r, 4)});
          return true;
        });
    if (!s) return s.error();
    return heads;
  }

  // The last version kept of persons no longer registered: a person registered again goes on
  // from there.
  Result<std::unordered_map<std::string, std::int64_t>> read_kept_versions(const std::vector<std::string>& numbers) {
    std::unordered_map<std::string, std::int64_t> kept;
    if (numbers.empty()) return kept;
    auto s = tx_->each(pg() ? queries::select_kept_versions_postgresql : queries::select_kept_versions_sqlite,
                       {domain::json_string_list(numbers)}, [&](const RowView& r) {
                         kept.emplace(text_of(r, 0), r.int64(1));
                         return true;
                       });
    if (!s) return s.error();
    return kept;
  }

  Result<Person> read_person(const std::string& numero_ofpra) {
    if (pg() && !chunk_plans_set_) {
      for (const auto sql : queries::chunk_plans_postgresql)
        if (auto r = tx_->run(sql); !r) return r.error();
      chunk_plans_set_ = true;
    }
    std::optional<Person> found;
    auto s = read_one(*tx_, numero_ofpra, found);
    if (!s) return s.error();
    if (!found) return domain::unavailable_error("a registered person could not be read back");
    return std::move(*found);
  }

  // Her established names in every version kept, oldest first.
  Result<std::vector<domain::NameVariant>> former_names(const std::string& numero_ofpra) {
    std::vector<domain::NameVariant> names;
    auto s = tx_->each(queries::select_versions, {numero_ofpra}, [&](const RowView& r) {
      if (auto p = domain::parse_registry_record(r.text(1))) names.push_back({p->nom_naissance, p->prenoms});
      return true;
    });
    if (!s) return s.error();
    return names;
  }

  void keep_version(const Person& previous, const Head& head, std::vector<std::vector<Value>>& versions) const {
    versions.push_back({previous.numero_ofpra, head.version, domain::to_registry_record(previous), head.written_at,
                        head.written_by, now_});
  }

  Status flush() {
    if (pending_.empty()) return domain::success();
    std::vector<std::string> numbers;
    numbers.reserve(pending_.size());
    for (const auto& p : pending_) numbers.push_back(p.numero_ofpra);
    auto heads = read_heads(numbers);
    if (!heads) return heads.error();
    std::vector<std::string> absent;
    for (const auto& n : numbers)
      if (!heads->contains(n)) absent.push_back(n);
    auto kept = read_kept_versions(absent);
    if (!kept) return kept.error();

    std::vector<std::pair<Person, Head>> to_write;
    std::vector<std::string> replaced;
    std::vector<std::vector<Value>> versions, events;
    for (auto& p : pending_) {
      const auto digest = record_digest(domain::to_registry_record(p));
      const auto head = heads->find(p.numero_ofpra);
      if (head == heads->end()) {
        const auto k = kept->find(p.numero_ofpra);
        to_write.emplace_back(std::move(p), Head{k == kept->end() ? 1 : k->second + 1, digest, now_, written_by_});
        ++counts_.added;
        continue;
      }
      if (head->second.digest == digest) {
        ++counts_.unchanged;
        continue;
      }
      auto previous = read_person(p.numero_ofpra);
      if (!previous) return previous.error();
      auto former = head->second.version > 1
                        ? former_names(p.numero_ofpra)
                        : Result<std::vector<domain::NameVariant>>(std::vector<domain::NameVariant>{});
      if (!former) return former.error();
      if (domain::names_changed(*previous, p)) former->push_back({previous->nom_naissance, previous->prenoms});
      domain::keep_former_identities(p, *former);
      // Written before history was kept: her record, unchanged, only gains its digest.
      if (head->second.digest.empty() && domain::to_registry_record(*previous) == domain::to_registry_record(p)) {
        if (auto r = tx_->run(queries::set_digest, {p.numero_ofpra, digest}); !r) return r.error();
        ++counts_.unchanged;
        continue;
      }
      const auto version = head->second.version + 1;
      for (const auto& e : domain::registry_changes(*previous, p))
        events.push_back({p.numero_ofpra, version, std::string(to_string(e.type)), e.detail, now_});
      keep_version(*previous, head->second, versions);
      replaced.push_back(p.numero_ofpra);
      to_write.emplace_back(std::move(p), Head{version, digest, now_, written_by_});
      ++counts_.changed;
    }
    pending_.clear();
    index_.clear();
    counts_.events += static_cast<std::int64_t>(events.size());

    if (!replaced.empty())
      if (auto r = tx_->run(delete_persons(), {domain::json_string_list(replaced)}); !r) return r.error();
    if (!versions.empty())
      if (auto s = tx_->insert_many(queries::version_table, queries::version_columns, versions); !s) return s;
    if (!events.empty())
      if (auto s = tx_->insert_many(queries::event_table, queries::event_columns, events); !s) return s;
    if (to_write.empty()) return domain::success();
    auto ids = new_ids(to_write.size());
    if (!ids) return ids.error();
    PersonRows rows;
    for (std::size_t i = 0; i < to_write.size(); ++i) rows.add((*ids)[i], to_write[i].first, to_write[i].second);
    return rows.write(*tx_);
  }

  Result<std::vector<std::int64_t>> new_ids(std::size_t n) {
    std::vector<std::int64_t> ids;
    ids.reserve(n);
    if (pg()) {
      auto rows = tx_->query(queries::person_ids_postgresql, {static_cast<std::int64_t>(n)});
      if (!rows) return rows.error();
      for (const auto& r : *rows) ids.push_back(r.int64(0));
      if (ids.size() != n) return domain::unavailable_error("the database gave too few person ids");
      return ids;
    }
    auto next = tx_->integer(queries::next_person_id_sqlite);
    if (!next) return next.error();
    for (std::size_t i = 0; i < n; ++i) ids.push_back(*next + static_cast<std::int64_t>(i));
    return ids;
  }

  std::unique_ptr<Transaction> tx_;
  std::string now_;
  std::string written_by_;
  std::vector<Person> pending_;
  std::unordered_map<std::string, std::size_t> index_;  // numero_ofpra -> position in pending_
  RegistryWriteCounts counts_;
  bool chunk_plans_set_ = false;
};

}  // namespace

Result<std::unique_ptr<RegistryWriter>> SqlRegistryStore::begin_write(const std::string& written_by) {
  auto tx = db_.begin(Mode::write);
  if (!tx) return tx.error();
  return std::unique_ptr<RegistryWriter>(
      std::make_unique<Writer>(std::move(*tx), env::format_utc(clock_.now()), written_by));
}

Status SqlRegistryStore::visit_range(const std::string& after, const std::string& last,
                                     const std::function<bool(Person&&)>& visit) {
  // One read transaction: every chunk and child table comes from the same state.
  return db_.transaction(Mode::snapshot, [&](Executor& tx) -> Status {
    if (tx.dialect() == Dialect::postgresql)
      for (const auto sql : queries::chunk_plans_postgresql)
        if (auto r = tx.run(sql); !r) return r.error();
    std::vector<Person> persons;
    for (std::string from = after;;) {
      persons.clear();
      if (auto s = read_chunk(tx, from, last, persons); !s) return s;
      if (persons.empty()) return domain::success();
      const bool whole = persons.size() == chunk;
      from = persons.back().numero_ofpra;
      for (auto& p : persons)
        if (!visit(std::move(p))) return domain::success();
      if (!whole) return domain::success();
    }
  });
}

Status SqlRegistryStore::for_each(const std::function<bool(Person&&)>& visit) {
  return visit_range("", "999999999", visit);
}

Result<std::optional<Person>> SqlRegistryStore::find(const std::string& numero_ofpra) {
  std::optional<Person> out;
  auto s = db_.transaction(Mode::snapshot, [&](Executor& tx) -> Status {
    if (tx.dialect() == Dialect::postgresql)
      for (const auto sql : queries::chunk_plans_postgresql)
        if (auto r = tx.run(sql); !r) return r.error();
    out.reset();
    return read_one(tx, numero_ofpra, out);
  });
  if (!s) return s.error();
  return out;
}

Result<PersonHistory> SqlRegistryStore::history(const std::string& numero_ofpra) {
  PersonHistory history;
  auto s = db_.transaction(Mode::snapshot, [&](Executor& tx) -> Status {
    if (tx.dialect() == Dialect::postgresql)
      for (const auto sql : queries::chunk_plans_postgresql)
        if (auto r = tx.run(sql); !r) return r.error();
    history = {};
    auto read = tx.each(queries::select_versions, {numero_ofpra}, [&](const RowView& r) {
      history.versions.push_back({r.int64(0), text_of(r, 1), text_of(r, 2), text_of(r, 3), text_of(r, 4)});
      return true;
    });
    if (!read) return read;
    std::optional<Person> current;
    if (read = read_one(tx, numero_ofpra, current); !read) return read;
    if (current) {
      auto head = tx.query(queries::select_person_head, {numero_ofpra});
      if (!head) return head.error();
      if (head->empty()) return domain::unavailable_error("a registered person could not be read back");
      const auto& r = head->front();
      history.versions.push_back({r.int64(0), domain::to_registry_record(*current), r.text(1), r.text(2), ""});
    }
    return tx.each(queries::select_person_events, {numero_ofpra}, [&](const RowView& r) {
      history.events.push_back({r.int64(0), text_of(r, 1), r.int64(2), text_of(r, 3), text_of(r, 4), text_of(r, 5)});
      return true;
    });
  });
  if (!s) return s.error();
  return history;
}

Result<std::int64_t> SqlRegistryStore::count() { return db_.integer(queries::count_persons); }

Result<std::int64_t> SqlRegistryStore::generation() { return db_.integer(queries::select_generation); }

Result<bool> SqlRegistryStore::synthetic() {
  auto v = db_.integer(queries::select_synthetic);
  if (!v) return v.error();
  return *v != 0;
}

Result<std::string> SqlRegistryStore::instance() {
  auto found = first<std::string>(db_.query(queries::select_instance), [](const Row& r) { return r.text(0); });
  if (!found) return found.error();
  if (!*found) return domain::unavailable_error("the registry state is missing");
  return **found;
}

Result<std::vector<std::string>> SqlRegistryStore::numbers_by_agdref(const std::string& numero_agdref) {
  return all(db_.query(queries::numbers_by_agdref, {numero_agdref}), [](const Row& r) { return r.text(0); });
}

}  // namespace ofpra::store::sql
