#include "domain/registry_record.hpp"

#include "domain/email_address.hpp"
#include "domain/json_strict.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <initializer_list>

namespace ofpra::domain {
namespace json = boost::json;

namespace {

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Reads one JSON object field by field, remembering the first error with its path.
class Reader {
 public:
  Reader(const json::object& obj, std::string path) : obj_(obj), path_(std::move(path)) {}

  std::string field_path(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

  Status only(std::initializer_list<std::string_view> known) const {
    for (const auto& kv : obj_) {
      if (std::find(known.begin(), known.end(), std::string_view(kv.key())) == known.end())
        return Error{"unknown field", field_path(kv.key())};
    }
    return success();
  }

  // nullptr when absent or null.
  const json::value* find(std::string_view key) const {
    auto it = obj_.find(key);
    if (it == obj_.end() || it->value().is_null()) return nullptr;
    return &it->value();
  }

  Result<std::optional<std::string>> opt_string(std::string_view key) const {
    const auto* v = find(key);
    if (!v) return std::optional<std::string>{};
    if (!v->is_string()) return Error{"must be a string", field_path(key)};
    return std::optional<std::string>(std::string(v->get_string()));
  }

  Result<std::string> string(std::string_view key) const {
    auto s = opt_string(key);
    if (!s) return s.error();
    if (!*s) return Error{"is required", field_path(key)};
    return std::move(**s);
  }

  Result<std::optional<PartialDate>> opt_date(std::string_view key, bool day_only) const {
    auto s = opt_string(key);
    if (!s) return s.error();
    if (!*s) return std::optional<PartialDate>{};
    auto d = day_only ? PartialDate::parse_day(**s) : PartialDate::parse(**s);
    if (!d) return Error{d.error().message, field_path(key)};
    return std::optional<PartialDate>(*d);
  }

  Result<PartialDate> date(std::string_view key, bool day_only) const {
    auto d = opt_date(key, day_only);
    if (!d) return d.error();
    if (!*d) return Error{"is required", field_path(key)};
    return **d;
  }

  Result<std::string> name(std::string_view key) const {
    auto s = string(key);
    if (s && !is_plausible_name(*s))
      return Error{"must be a name of 1 to 100 characters without control characters", field_path(key)};
    return s;
  }

  Result<std::optional<std::string>> opt_name(std::string_view key) const {
    auto s = opt_string(key);
    if (s && *s && !is_plausible_name(**s))
      return Error{"must be a name of 1 to 100 characters without control characters", field_path(key)};
    return s;
  }

  Result<std::vector<std::string>> names(std::string_view key, bool required) const {
    const auto* v = find(key);
    std::vector<std::string> out;
    if (!v) {
      if (required) return Error{"is required", field_path(key)};
      return out;
    }
    if (!v->is_array()) return Error{"must be an array of strings", field_path(key)};
    const auto& arr = v->get_array();
    if (arr.size() > 20) return Error{"has too many entries (at most 20)", field_path(key)};
    for (std::size_t i = 0; i < arr.size(); ++i) {
      const auto item_path = field_path(key) + "[" + std::to_string(i) + "]";
      if (!arr[i].is_string()) return Error{"must be a string", item_path};
      std::string s(arr[i].get_string());
      if (!is_plausible_name(s))
        return Error{"must be a name of 1 to 100 characters without control characters", item_path};
      out.push_back(std::move(s));
    }
    if (required && out.empty()) return Error{"must hold at least one name", field_path(key)};
    return out;
  }

  template <class Enum, class Parse>
  Result<std::optional<Enum>> opt_word(std::string_view key, Parse parse,
                                       std::span<const std::string_view> words) const {
    auto s = opt_string(key);
    if (!s) return s.error();
    if (!*s) return std::optional<Enum>{};
    auto e = parse(**s);
    if (!e) {
      std::string msg = "must be one of";
      for (std::size_t i = 0; i < words.size(); ++i) msg += (i ? ", " : " ") + std::string(words[i]);
      return Error{msg, field_path(key)};
    }
    return std::optional<Enum>(*e);
  }

  template <class Enum, class Parse>
  Result<Enum> word(std::string_view key, Parse parse, std::span<const std::string_view> words) const {
    auto e = opt_word<Enum>(key, parse, words);
    if (!e) return e.error();
    if (!*e) return Error{"is required", field_path(key)};
    return **e;
  }

  const json::array* array(std::string_view key, Error& error) const {
    const auto* v = find(key);
    if (!v) return nullptr;
    if (!v->is_array()) {
      error = Error{"must be an array", field_path(key)};
      return nullptr;
    }
    return &v->get_array();
  }

  const json::object* object(std::string_view key, Error& error) const {
    const auto* v = find(key);
    if (!v) return nullptr;
    if (!v->is_object()) {
      error = Error{"must be an object", field_path(key)};
      return nullptr;
    }
    return &v->get_object();
  }

 private:
  const json::object& obj_;
  std::string path_;
};

#define OFPRA_TRY(var, expr)            \
  auto var##_r = (expr);                \
  if (!var##_r) return var##_r.error(); \
  auto var = std::move(*var##_r)

#define OFPRA_WORD(Enum) parse_##Enum, words_of_##Enum()

bool before(const PartialDate& a, const PartialDate& b) {
  return days_from_civil(a.year, a.month, a.day) < days_from_civil(b.year, b.month, b.day);
}

Result<NameVariant> parse_alias(const json::object& o, const std::string& path) {
  Reader r(o, path);
  if (auto s = r.only({"nom_naissance", "prenoms"}); !s) return s.error();
  OFPRA_TRY(nom, r.name("nom_naissance"));
  OFPRA_TRY(prenoms, r.names("prenoms", false));
  return NameVariant{std::move(nom), std::move(prenoms)};
}

Result<OriginalScript> parse_original(const json::object& o, const std::string& path) {
  Reader r(o, path);
  if (auto s = r.only({"script", "nom", "prenoms"}); !s) return s.error();
  OFPRA_TRY(script, r.string("script"));
  // ISO 15924: four letters, first upper case.
  if (script.size() != 4 || !std::isupper(static_cast<unsigned char>(script[0])) ||
      !std::all_of(script.begin() + 1, script.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
    return Error{"must be an ISO 15924 script code such as Arab, Cyrl or Ethi", r.field_path("script")};
  OFPRA_TRY(nom, r.name("nom"));
  OFPRA_TRY(prenoms, r.names("prenoms", false));
  return OriginalScript{std::move(script), std::move(nom), std::move(prenoms)};
}

Result<Contact> parse_contact(const json::object& o) {
  Reader r(o, "contact");
  if (auto s = r.only({"email", "telephone", "langue"}); !s) return s.error();
  OFPRA_TRY(email, r.opt_string("email"));
  OFPRA_TRY(tel, r.opt_string("telephone"));
  OFPRA_TRY(langue, r.opt_string("langue"));
  if (email && !is_email_address(*email)) return Error{"must be an email address", "contact.email"};
  if (tel) {
    if (tel->size() < 8 || tel->size() > 16 || (*tel)[0] != '+' || !all_digits(std::string_view(*tel).substr(1)))
      return Error{"must be a phone number in E.164 form, such as +33612345678", "contact.telephone"};
  }
  if (langue) {
    const auto& l = *langue;
    bool ok = l.size() >= 2 && l.size() <= 35 &&
              std::all_of(l.begin(), l.end(),
                          [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; }) &&
              std::isalpha(static_cast<unsigned char>(l[0])) && l.back() != '-';
    if (!ok) return Error{"must be a BCP 47 language tag, such as fr, prs or ti-ER", "contact.langue"};
  }
  return Contact{std::move(email), std::move(tel), std::move(langue)};
}

Result<Protection> parse_protection(const json::object& o, const std::string& path) {
  Reader r(o, path);
  if (auto s = r.only({"type", "autorite", "debut", "fin", "motif_fin"}); !s) return s.error();
  Protection p;
  OFPRA_TRY(type, r.word<ProtectionType>("type", OFPRA_WORD(ProtectionType)));
  OFPRA_TRY(autorite, r.word<Authority>("autorite", OFPRA_WORD(Authority)));
  OFPRA_TRY(debut, r.date("debut", true));
  OFPRA_TRY(fin, r.opt_date("fin", true));
  OFPRA_TRY(motif, r.opt_word<EndReason>("motif_fin", OFPRA_WORD(EndReason)));
  if (fin && !motif) return Error{"is required when the protection has ended", r.field_path("motif_fin")};
  if (!fin && motif) return Error{"must be null while the protection has not ended", r.field_path("motif_fin")};
  if (fin && before(*fin, debut)) return Error{"must not precede debut", r.field_path("fin")};
  p.type = type;
  p.authority = autorite;
  p.debut = debut;
  p.fin = fin;
  p.motif_fin = motif;
  return p;
}

Result<CivilStatusFile> parse_file(const json::object& o) {
  Reader r(o, "dossier_etat_civil");
  if (auto s = r.only({"etape", "ffr_recue_le", "instruction_le", "actes_etablis_le"}); !s) return s.error();
  CivilStatusFile f;
  OFPRA_TRY(stage, r.word<FileStage>("etape", OFPRA_WORD(FileStage)));
  OFPRA_TRY(ffr, r.opt_date("ffr_recue_le", true));
  OFPRA_TRY(instr, r.opt_date("instruction_le", true));
  OFPRA_TRY(actes, r.opt_date("actes_etablis_le", true));
  f.stage = stage;
  f.ffr_recue_le = ffr;
  f.instruction_le = instr;
  f.actes_etablis_le = actes;
  const auto rank = static_cast<int>(stage);
  if (rank >= static_cast<int>(FileStage::ffr_received) && !ffr)
    return Error{"is required once the fiche familiale de reference has been received", r.field_path("ffr_recue_le")};
  if (rank < static_cast<int>(FileStage::ffr_received) && (ffr || instr || actes))
    return Error{"no stage date may be set while awaiting the fiche familiale de reference", r.field_path("etape")};
  if (rank < static_cast<int>(FileStage::instruction) && instr)
    return Error{"must be null before the instruction stage", r.field_path("instruction_le")};
  if (stage == FileStage::acts_established && !actes)
    return Error{"is required once the acts are established", r.field_path("actes_etablis_le")};
  if (stage != FileStage::acts_established && actes)
    return Error{"must be null until the acts are established", r.field_path("actes_etablis_le")};
  if (ffr && instr && before(*instr, *ffr))
    return Error{"must not precede ffr_recue_le", r.field_path("instruction_le")};
  if (ffr && actes && before(*actes, *ffr))
    return Error{"must not precede ffr_recue_le", r.field_path("actes_etablis_le")};
  if (instr && actes && before(*actes, *instr))
    return Error{"must not precede instruction_le", r.field_path("actes_etablis_le")};
  return f;
}

Result<FamilyMember> parse_member(const json::object& o, const std::string& path, const std::string& self) {
  Reader r(o, path);
  if (auto s = r.only({"lien", "numero_ofpra", "nom_naissance", "prenoms", "sexe", "date_naissance"}); !s)
    return s.error();
  FamilyMember m;
  OFPRA_TRY(link, r.word<FamilyLink>("lien", OFPRA_WORD(FamilyLink)));
  OFPRA_TRY(numero, r.opt_string("numero_ofpra"));
  OFPRA_TRY(nom, r.opt_name("nom_naissance"));
  OFPRA_TRY(prenoms, r.names("prenoms", false));
  OFPRA_TRY(sexe, r.opt_word<Sex>("sexe", OFPRA_WORD(Sex)));
  OFPRA_TRY(date, r.opt_date("date_naissance", false));
  if (numero) {
    if (!is_numero_ofpra(*numero)) return Error{"must be 9 digits", r.field_path("numero_ofpra")};
    if (*numero == self) return Error{"must not be the person's own number", r.field_path("numero_ofpra")};
  } else if (!nom) {
    return Error{"a relative needs numero_ofpra or an inline identity with nom_naissance",
                 r.field_path("nom_naissance")};
  }
  m.link = link;
  m.numero_ofpra = std::move(numero);
  m.nom_naissance = std::move(nom);
  m.prenoms = std::move(prenoms);
  m.sexe = sexe;
  m.date_naissance = date;
  return m;
}

template <class T, class F>
Status parse_list(const Reader& r, std::string_view key, std::size_t max, std::vector<T>& out, F&& parse_one) {
  Error error;
  const auto* arr = r.array(key, error);
  if (!error.field.empty()) return error;
  if (!arr) return success();
  if (arr->size() > max) return Error{"has too many entries (at most " + std::to_string(max) + ")", r.field_path(key)};
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const auto path = r.field_path(key) + "[" + std::to_string(i) + "]";
    if (!(*arr)[i].is_object()) return Error{"must be an object", path};
    auto item = parse_one((*arr)[i].get_object(), path);
    if (!item) return item.error();
    out.push_back(std::move(*item));
  }
  return success();
}

Result<Person> parse_person(const json::object& o) {
  Reader r(o, "");
  if (auto s = r.only({"numero_ofpra", "numero_agdref", "nom_naissance", "nom_usage", "prenoms", "ecriture_origine",
                       "alias", "sexe", "date_naissance", "lieu_naissance", "code_pays_naissance", "nationalite",
                       "contact", "protections", "dossier_etat_civil", "famille"});
      !s)
    return s.error();
  Person p;
  OFPRA_TRY(numero, r.string("numero_ofpra"));
  if (!is_numero_ofpra(numero)) return Error{"must be 9 digits", "numero_ofpra"};
  p.numero_ofpra = std::move(numero);
  OFPRA_TRY(agdref, r.opt_string("numero_agdref"));
  if (agdref && !is_numero_agdref(*agdref)) return Error{"must be 10 digits", "numero_agdref"};
  p.numero_agdref = std::move(agdref);
  OFPRA_TRY(nom, r.name("nom_naissance"));
  p.nom_naissance = std::move(nom);
  OFPRA_TRY(usage, r.opt_name("nom_usage"));
  p.nom_usage = std::move(usage);
  OFPRA_TRY(prenoms, r.names("prenoms", false));
  p.prenoms = std::move(prenoms);
  OFPRA_TRY(sexe, r.word<Sex>("sexe", OFPRA_WORD(Sex)));
  p.sexe = sexe;
  OFPRA_TRY(date, r.date("date_naissance", false));
  p.date_naissance = date;
  OFPRA_TRY(lieu, r.opt_string("lieu_naissance"));
  if (lieu && (lieu->empty() || lieu->size() > 200)) return Error{"must be 1 to 200 characters", "lieu_naissance"};
  p.lieu_naissance = std::move(lieu);
  OFPRA_TRY(pays, r.opt_string("code_pays_naissance"));
  if (pays && !is_cog_code(*pays))
    return Error{"must be an INSEE COG code of 5 characters, such as 99212", "code_pays_naissance"};
  p.code_pays_naissance = std::move(pays);
  OFPRA_TRY(nat, r.opt_string("nationalite"));
  if (nat && !is_cog_code(*nat)) return Error{"must be an INSEE COG country code, such as 99212", "nationalite"};
  p.nationalite = std::move(nat);

  Error error;
  if (const auto* eo = r.object("ecriture_origine", error)) {
    auto orig = parse_original(*eo, "ecriture_origine");
    if (!orig) return orig.error();
    p.ecriture_origine = std::move(*orig);
  }
  if (!error.field.empty()) return error;
  if (const auto* co = r.object("contact", error)) {
    auto contact = parse_contact(*co);
    if (!contact) return contact.error();
    p.contact = std::move(*contact);
  }
  if (!error.field.empty()) return error;
  if (const auto* fo = r.object("dossier_etat_civil", error)) {
    auto file = parse_file(*fo);
    if (!file) return file.error();
    p.dossier_etat_civil = std::move(*file);
  }
  if (!error.field.empty()) return error;

  if (auto s = parse_list(r, "alias", 50, p.alias, parse_alias); !s) return s.error();
  if (auto s = parse_list(r, "protections", 50, p.protections, parse_protection); !s) return s.error();
  std::sort(p.protections.begin(), p.protections.end(),
            [](const Protection& a, const Protection& b) { return before(a.debut, b.debut); });
  for (std::size_t i = 0; i + 1 < p.protections.size(); ++i) {
    const auto& cur = p.protections[i];
    if (!cur.fin) return Error{"only the latest protection may be open (fin null)", "protections"};
    if (before(p.protections[i + 1].debut, *cur.fin))
      return Error{"protection periods must not overlap", "protections"};
  }
  const auto self = p.numero_ofpra;
  if (auto s = parse_list(r, "famille", 100, p.famille,
                          [&](const json::object& m, const std::string& path) { return parse_member(m, path, self); });
      !s)
    return s.error();
  return p;
}

void put_opt(json::object& o, std::string_view key, const std::optional<std::string>& v) {
  if (v)
    o[key] = *v;
  else
    o[key] = nullptr;
}

void put_opt(json::object& o, std::string_view key, const std::optional<PartialDate>& v) {
  if (v)
    o[key] = v->to_string();
  else
    o[key] = nullptr;
}

json::array names_json(const std::vector<std::string>& names) {
  json::array a;
  for (const auto& n : names) a.emplace_back(n);
  return a;
}

}  // namespace

bool is_numero_ofpra(std::string_view s) { return s.size() == 9 && all_digits(s); }
bool is_numero_agdref(std::string_view s) { return s.size() == 10 && all_digits(s); }

bool is_cog_code(std::string_view s) {
  if (s.size() != 5) return false;
  if (s[0] == '2' && (s[1] == 'A' || s[1] == 'B')) return all_digits(s.substr(2));
  return all_digits(s);
}

bool is_plausible_name(std::string_view s) {
  if (s.empty() || s.size() > 400) return false;  // bytes; 100 characters of up to 4 bytes
  std::size_t characters = 0;
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return false;
    if ((c & 0xC0) != 0x80) ++characters;
  }
  if (characters > 100) return false;
  return s.front() != ' ' && s.back() != ' ';
}

Result<Person> parse_registry_record(std::string_view line) {
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 16;
  json::value v = json::parse(line, ec, {}, options);
  if (ec) return Error{"not valid JSON (" + ec.message() + ")", {}};
  if (!v.is_object()) return Error{"a record must be a JSON object", {}};
  if (has_repeated_member(line)) return Error{"an object of the record names a member twice", {}};
  return parse_person(v.get_object());
}

std::string to_registry_record(const Person& p) {
  json::object o;
  o["numero_ofpra"] = p.numero_ofpra;
  put_opt(o, "numero_agdref", p.numero_agdref);
  o["nom_naissance"] = p.nom_naissance;
  put_opt(o, "nom_usage", p.nom_usage);
  o["prenoms"] = names_json(p.prenoms);
  if (p.ecriture_origine) {
    o["ecriture_origine"] = json::object{{"script", p.ecriture_origine->script},
                                         {"nom", p.ecriture_origine->nom},
                                         {"prenoms", names_json(p.ecriture_origine->prenoms)}};
  } else {
    o["ecriture_origine"] = nullptr;
  }
  json::array alias;
  for (const auto& a : p.alias)
    alias.emplace_back(json::object{{"nom_naissance", a.nom_naissance}, {"prenoms", names_json(a.prenoms)}});
  o["alias"] = std::move(alias);
  o["sexe"] = to_string(p.sexe);
  o["date_naissance"] = p.date_naissance.to_string();
  put_opt(o, "lieu_naissance", p.lieu_naissance);
  put_opt(o, "code_pays_naissance", p.code_pays_naissance);
  put_opt(o, "nationalite", p.nationalite);
  json::object contact;
  put_opt(contact, "email", p.contact.email);
  put_opt(contact, "telephone", p.contact.telephone);
  put_opt(contact, "langue", p.contact.langue);
  o["contact"] = std::move(contact);
  json::array protections;
  for (const auto& pr : p.protections) {
    json::object j;
    j["type"] = to_string(pr.type);
    j["autorite"] = to_string(pr.authority);
    j["debut"] = pr.debut.to_string();
    put_opt(j, "fin", pr.fin);
    if (pr.motif_fin)
      j["motif_fin"] = to_string(*pr.motif_fin);
    else
      j["motif_fin"] = nullptr;
    protections.emplace_back(std::move(j));
  }
  o["protections"] = std::move(protections);
  if (p.dossier_etat_civil) {
    const auto& f = *p.dossier_etat_civil;
    json::object j;
    j["etape"] = to_string(f.stage);
    put_opt(j, "ffr_recue_le", f.ffr_recue_le);
    put_opt(j, "instruction_le", f.instruction_le);
    put_opt(j, "actes_etablis_le", f.actes_etablis_le);
    o["dossier_etat_civil"] = std::move(j);
  } else {
    o["dossier_etat_civil"] = nullptr;
  }
  json::array famille;
  for (const auto& m : p.famille) {
    json::object j;
    j["lien"] = to_string(m.link);
    put_opt(j, "numero_ofpra", m.numero_ofpra);
    put_opt(j, "nom_naissance", m.nom_naissance);
    j["prenoms"] = names_json(m.prenoms);
    if (m.sexe)
      j["sexe"] = to_string(*m.sexe);
    else
      j["sexe"] = nullptr;
    put_opt(j, "date_naissance", m.date_naissance);
    famille.emplace_back(std::move(j));
  }
  o["famille"] = std::move(famille);
  return json::serialize(o);
}

}  // namespace ofpra::domain
