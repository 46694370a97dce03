#include "store/sqlite/registry_queries.hpp"
#include "store/sqlite/stores.hpp"

#include "domain/json_text.hpp"

#include <array>

namespace ofpra::store::sqlite {
namespace {

using domain::Person;

std::optional<std::string> date_text(const std::optional<domain::PartialDate>& d) {
  if (!d) return std::nullopt;
  return d->to_string();
}

std::optional<domain::PartialDate> date_of(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  auto d = domain::PartialDate::parse(*s);
  if (!d) return std::nullopt;
  return *d;
}

template <class Enum, class Parse>
std::optional<Enum> word_of(const std::optional<std::string>& s, Parse parse) {
  if (!s) return std::nullopt;
  return parse(*s);
}

class Writer final : public RegistryWriter {
 public:
  Writer(Shared& shared) : shared_(shared), lock_(shared.mutex) {}

  Status start() {
    auto& c = shared_.connection;
    const std::array<std::string_view, 10> sql{
        queries::find_person_id,     queries::insert_person, queries::update_person, queries::delete_aliases,
        queries::delete_protections, queries::delete_file,   queries::delete_family, queries::insert_alias,
        queries::insert_protection,  queries::insert_file};
    for (std::size_t i = 0; i < sql.size(); ++i) {
      auto st = c.prepare(sql[i]);
      if (!st) return st.error();
      statements_[i] = std::move(*st);
    }
    auto fam = c.prepare(queries::insert_family);
    if (!fam) return fam.error();
    insert_family_ = std::move(*fam);
    if (auto s = c.exec("BEGIN IMMEDIATE"); !s) return s.error();
    open_ = true;
    now_ = env::format_utc(shared_.clock->now());
    return domain::success();
  }

  ~Writer() override {
    if (open_) shared_.connection.exec("ROLLBACK");
  }

  Status put(const Person& p) override {
    if (!open_) return domain::Error{"the registry transaction has already ended", "db"};
    auto& find = statements_[0];
    find.bind(1, p.numero_ofpra);
    auto found = find.step();
    if (!found) return found.error();
    std::int64_t id = *found ? find.int64(0) : 0;
    find.reset();

    auto& write = *found ? statements_[2] : statements_[1];
    bind_person(write, p);
    if (auto s = write.run(); !s) return s.error();
    if (*found) {
      for (std::size_t i = 3; i <= 6; ++i)
        if (auto s = statements_[i].bind(1, id).run(); !s) return s.error();
    } else {
      id = shared_.connection.last_insert_rowid();
    }
    return put_children(id, p);
  }

  Status commit() override {
    if (!open_) return domain::Error{"the registry transaction has already ended", "db"};
    auto bump = shared_.connection.prepare(queries::bump_generation);
    if (!bump) return bump.error();
    if (auto s = bump->run(); !s) return s;
    if (auto s = shared_.connection.exec("COMMIT"); !s) return s;
    open_ = false;
    lock_.unlock();  // the store is free for others as soon as the transaction ends
    return domain::success();
  }

 private:
  void bind_person(Statement& st, const Person& p) {
    const auto& eo = p.ecriture_origine;
    st.bind(1, p.numero_ofpra)
        .bind(2, p.numero_agdref)
        .bind(3, p.nom_naissance)
        .bind(4, p.nom_usage)
        .bind(5, domain::json_string_list(p.prenoms))
        .bind(6, eo ? std::optional(eo->script) : std::nullopt)
        .bind(7, eo ? std::optional(eo->nom) : std::nullopt)
        .bind(8, eo ? std::optional(domain::json_string_list(eo->prenoms)) : std::nullopt)
        .bind(9, to_string(p.sexe))
        .bind(10, p.date_naissance.to_string())
        .bind(11, p.lieu_naissance)
        .bind(12, p.code_pays_naissance)
        .bind(13, p.nationalite)
        .bind(14, p.contact.email)
        .bind(15, p.contact.telephone)
        .bind(16, p.contact.langue)
        .bind(17, now_);
  }

  Status put_children(std::int64_t id, const Person& p) {
    std::int64_t pos = 0;
    for (const auto& a : p.alias) {
      auto s = statements_[7]
                   .bind(1, id)
                   .bind(2, pos++)
                   .bind(3, a.nom_naissance)
                   .bind(4, domain::json_string_list(a.prenoms))
                   .run();
      if (!s) return s;
    }
    pos = 0;
    for (const auto& r : p.protections) {
      auto s = statements_[8]
                   .bind(1, id)
                   .bind(2, pos++)
                   .bind(3, to_string(r.type))
                   .bind(4, to_string(r.authority))
                   .bind(5, r.debut.to_string())
                   .bind(6, date_text(r.fin))
                   .bind(7, r.motif_fin ? std::optional(std::string(to_string(*r.motif_fin))) : std::nullopt)
                   .run();
      if (!s) return s;
    }
    if (const auto& f = p.dossier_etat_civil) {
      auto s = statements_[9]
                   .bind(1, id)
                   .bind(2, to_string(f->stage))
                   .bind(3, date_text(f->ffr_recue_le))
                   .bind(4, date_text(f->instruction_le))
                   .bind(5, date_text(f->actes_etablis_le))
                   .run();
      if (!s) return s;
    }
    pos = 0;
    for (const auto& m : p.famille) {
      auto s = insert_family_.bind(1, id)
                   .bind(2, pos++)
                   .bind(3, to_string(m.link))
                   .bind(4, m.numero_ofpra)
                   .bind(5, m.nom_naissance)
                   .bind(6, domain::json_string_list(m.prenoms))
                   .bind(7, m.sexe ? std::optional(std::string(to_string(*m.sexe))) : std::nullopt)
                   .bind(8, date_text(m.date_naissance))
                   .run();
      if (!s) return s;
    }
    return domain::success();
  }

  Shared& shared_;
  std::unique_lock<std::mutex> lock_;
  std::array<Statement, 10> statements_;
  Statement insert_family_;
  bool open_ = false;
  std::string now_;
};

Person person_from_row(const Statement& st) {
  Person p;
  p.numero_ofpra = st.text(1);
  p.numero_agdref = st.opt_text(2);
  p.nom_naissance = st.text(3);
  p.nom_usage = st.opt_text(4);
  p.prenoms = domain::parse_json_string_list(st.text(5));
  if (!st.is_null(6))
    p.ecriture_origine = domain::OriginalScript{st.text(6), st.text(7), domain::parse_json_string_list(st.text(8))};
  p.sexe = domain::parse_Sex(st.text(9)).value_or(domain::Sex::unspecified);
  p.date_naissance = date_of(st.opt_text(10)).value_or(domain::PartialDate{});
  p.lieu_naissance = st.opt_text(11);
  p.code_pays_naissance = st.opt_text(12);
  p.nationalite = st.opt_text(13);
  p.contact = {st.opt_text(14), st.opt_text(15), st.opt_text(16)};
  return p;
}

// A child-table cursor advanced in step with the persons cursor.
struct ChildCursor {
  Statement st;
  bool has_row = false;

  Status advance() {
    auto r = st.step();
    if (!r) return r.error();
    has_row = *r;
    return domain::success();
  }
  // Calls take(row) for each row of person id, leaving the cursor on the next person's rows.
  template <class F>
  Status take_for(std::int64_t id, F&& take) {
    while (has_row && st.int64(0) == id) {
      take(st);
      if (auto s = advance(); !s) return s;
    }
    return domain::success();
  }
};

}  // namespace

Result<std::unique_ptr<RegistryWriter>> SqliteRegistryStore::begin_write() {
  auto w = std::make_unique<Writer>(shared_);
  if (auto s = w->start(); !s) return s.error();
  return std::unique_ptr<RegistryWriter>(std::move(w));
}

Status SqliteRegistryStore::visit_range(const std::string& low, const std::string& high,
                                        const std::function<bool(Person&&)>& visit) {
  std::lock_guard lock(shared_.mutex);
  auto& c = shared_.connection;
  // One read transaction gives the five cursors the same snapshot.
  if (auto s = c.exec("BEGIN"); !s) return s;
  struct EndRead {
    Connection& c;
    ~EndRead() { c.exec("COMMIT"); }
  } end_read{c};

  auto persons = c.prepare(queries::select_persons);
  if (!persons) return persons.error();
  std::array<std::string_view, 4> child_sql{queries::select_aliases, queries::select_protections, queries::select_files,
                                            queries::select_family};
  std::array<ChildCursor, 4> children;
  for (std::size_t i = 0; i < children.size(); ++i) {
    auto st = c.prepare(child_sql[i]);
    if (!st) return st.error();
    children[i].st = std::move(*st);
    children[i].st.bind(1, low).bind(2, high);
    if (auto s = children[i].advance(); !s) return s;
  }
  persons->bind(1, low).bind(2, high);
  for (;;) {
    auto row = persons->step();
    if (!row) return row.error();
    if (!*row) break;
    const auto id = persons->int64(0);
    Person p = person_from_row(*persons);
    auto s = children[0].take_for(id, [&](const Statement& r) {
      p.alias.push_back({r.text(1), domain::parse_json_string_list(r.text(2))});
    });
    if (s)
      s = children[1].take_for(id, [&](const Statement& r) {
        domain::Protection pr;
        pr.type = domain::parse_ProtectionType(r.text(1)).value_or(domain::ProtectionType::refugee);
        pr.authority = domain::parse_Authority(r.text(2)).value_or(domain::Authority::ofpra);
        pr.debut = date_of(r.opt_text(3)).value_or(domain::PartialDate{});
        pr.fin = date_of(r.opt_text(4));
        pr.motif_fin = word_of<domain::EndReason>(r.opt_text(5), domain::parse_EndReason);
        p.protections.push_back(pr);
      });
    if (s)
      s = children[2].take_for(id, [&](const Statement& r) {
        domain::CivilStatusFile f;
        f.stage = domain::parse_FileStage(r.text(1)).value_or(domain::FileStage::awaiting_ffr);
        f.ffr_recue_le = date_of(r.opt_text(2));
        f.instruction_le = date_of(r.opt_text(3));
        f.actes_etablis_le = date_of(r.opt_text(4));
        p.dossier_etat_civil = f;
      });
    if (s)
      s = children[3].take_for(id, [&](const Statement& r) {
        domain::FamilyMember m;
        m.link = domain::parse_FamilyLink(r.text(1)).value_or(domain::FamilyLink::child);
        m.numero_ofpra = r.opt_text(2);
        m.nom_naissance = r.opt_text(3);
        m.prenoms = domain::parse_json_string_list(r.text(4));
        m.sexe = word_of<domain::Sex>(r.opt_text(5), domain::parse_Sex);
        m.date_naissance = date_of(r.opt_text(6));
        p.famille.push_back(std::move(m));
      });
    if (!s) return s;
    if (!visit(std::move(p))) break;
  }
  return domain::success();
}

Status SqliteRegistryStore::for_each(const std::function<bool(Person&&)>& visit) {
  return visit_range("000000000", "999999999", visit);
}

Result<std::optional<Person>> SqliteRegistryStore::find(const std::string& numero_ofpra) {
  std::optional<Person> out;
  auto s = visit_range(numero_ofpra, numero_ofpra, [&](Person&& p) {
    out = std::move(p);
    return false;
  });
  if (!s) return s.error();
  return out;
}

Result<std::int64_t> SqliteRegistryStore::count() { return read_counter(shared_, queries::count_persons); }

Result<std::int64_t> read_counter(Shared& shared, std::string_view sql) {
  std::lock_guard lock(shared.mutex);
  auto st = shared.connection.prepare(sql);
  if (!st) return st.error();
  auto r = st->step();
  if (!r) return r.error();
  if (!*r) return domain::Error{"a counter row is missing", "db"};
  return st->int64(0);
}

Result<std::int64_t> SqliteRegistryStore::generation() { return read_counter(shared_, queries::select_generation); }

Result<std::string> SqliteRegistryStore::instance() {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(queries::select_instance);
  if (!st) return st.error();
  auto r = st->step();
  if (!r) return r.error();
  if (!*r) return domain::Error{"the registry state is missing", "db"};
  return st->text(0);
}

Result<std::vector<std::string>> SqliteRegistryStore::numbers_by_agdref(const std::string& numero_agdref) {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(queries::numbers_by_agdref);
  if (!st) return st.error();
  st->bind(1, numero_agdref);
  return collect(*st, [](const Statement& row) { return row.text(0); });
}

}  // namespace ofpra::store::sqlite
