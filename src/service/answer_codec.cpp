#include "service/answer_codec.hpp"

#include <boost/json.hpp>

namespace ofpra::service {
namespace {

namespace json = boost::json;
using domain::PartialDate;
using domain::Scope;

json::value opt(const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); }
json::value opt(const std::optional<PartialDate>& d) { return d ? json::value(d->to_string()) : json::value(nullptr); }
template <class E>
json::value opt_word(const std::optional<E>& e) {
  return e ? json::value(to_string(*e)) : json::value(nullptr);
}
json::array names(const std::vector<std::string>& v) { return json::array(v.begin(), v.end()); }

json::object protection(const ProtectionBlock& b) {
  json::object o(4);
  o["protege"] = b.is_protected;
  o["date"] = b.date.to_string();
  if (b.type) o["type"] = to_string(*b.type);
  if (b.since) o["depuis"] = b.since->to_string();
  return o;
}

json::object history(const ProtectionHistoryBlock& b) {
  json::array periods;
  for (const auto& pr : b.periods)
    periods.emplace_back(json::object{{"type", to_string(pr.type)},
                                      {"autorite", to_string(pr.authority)},
                                      {"debut", pr.debut.to_string()},
                                      {"fin", opt(pr.fin)},
                                      {"motif_fin", opt_word(pr.motif_fin)}});
  return json::object{{"periodes", std::move(periods)}};
}

json::object progress(const CivilStatusProgressBlock& b) {
  json::object o(6);
  if (!b.stage) {
    o["etape"] = nullptr;
    return o;
  }
  o["etape"] = to_string(*b.stage);
  o["ffr_recue_le"] = opt(b.ffr_recue_le);
  o["instruction_le"] = opt(b.instruction_le);
  o["actes_etablis_le"] = opt(b.actes_etablis_le);
  if (b.within_delay) o["dans_les_delais"] = *b.within_delay;
  if (b.expected) o["date_previsionnelle"] = b.expected->to_string();
  return o;
}

json::object identity(const IdentityBlock& b) {
  return json::object{{"numero_ofpra", b.numero_ofpra},
                      {"nom_naissance", b.nom_naissance},
                      {"nom_usage", opt(b.nom_usage)},
                      {"prenoms", names(b.prenoms)},
                      {"sexe", to_string(b.sexe)},
                      {"date_naissance", b.date_naissance.to_string()},
                      {"lieu_naissance", opt(b.lieu_naissance)},
                      {"code_pays_naissance", opt(b.code_pays_naissance)}};
}

json::object family(const FamilyBlock& b) {
  json::array members;
  for (const auto& m : b.members)
    members.emplace_back(json::object{{"lien", to_string(m.link)},
                                      {"numero_ofpra", opt(m.numero_ofpra)},
                                      {"nom_naissance", opt(m.nom_naissance)},
                                      {"prenoms", names(m.prenoms)},
                                      {"sexe", opt_word(m.sexe)},
                                      {"date_naissance", opt(m.date_naissance)}});
  return json::object{{"membres", std::move(members)}};
}

json::object designation(const DesignationBlock& b) {
  return json::object{{"nom_naissance", b.nom_naissance},
                      {"nom_usage", opt(b.nom_usage)},
                      {"prenoms", names(b.prenoms)},
                      {"date_naissance", b.date_naissance.to_string()}};
}

// Reading back what the functions above wrote; any surprise makes the whole answer unreadable.
struct Reader {
  bool ok = true;

  const json::value* at(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    if (!v) ok = false;
    return v;
  }
  std::string text(const json::object& o, std::string_view key) {
    const auto* v = at(o, key);
    if (!v || !v->is_string()) return ok = false, std::string();
    return std::string(v->get_string());
  }
  std::optional<std::string> opt_text(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_string()) return ok = false, std::nullopt;
    return std::string(v->get_string());
  }
  PartialDate date(const json::object& o, std::string_view key) {
    auto d = PartialDate::parse(text(o, key));
    if (!d) return ok = false, PartialDate{};
    return *d;
  }
  std::optional<PartialDate> opt_date(const json::object& o, std::string_view key) {
    auto t = opt_text(o, key);
    if (!t) return std::nullopt;
    auto d = PartialDate::parse(*t);
    if (!d) return ok = false, std::nullopt;
    return *d;
  }
  template <class E, class Parse>
  E word(const json::object& o, std::string_view key, Parse parse) {
    auto e = parse(text(o, key));
    if (!e) return ok = false, E{};
    return *e;
  }
  template <class E, class Parse>
  std::optional<E> opt_word(const json::object& o, std::string_view key, Parse parse) {
    auto t = opt_text(o, key);
    if (!t) return std::nullopt;
    auto e = parse(*t);
    if (!e) ok = false;
    return e;
  }
  std::vector<std::string> names(const json::object& o, std::string_view key) {
    std::vector<std::string> out;
    const auto* v = at(o, key);
    if (!v || !v->is_array()) return ok = false, out;
    for (const auto& n : v->get_array()) {
      if (!n.is_string()) return ok = false, out;
      out.emplace_back(n.get_string());
    }
    return out;
  }
  const json::object* object(const json::object& o, std::string_view key) {
    const auto* v = at(o, key);
    if (!v || !v->is_object()) return ok = false, nullptr;
    return &v->get_object();
  }
  const json::array* array(const json::object& o, std::string_view key) {
    const auto* v = at(o, key);
    if (!v || !v->is_array()) return ok = false, nullptr;
    return &v->get_array();
  }
};

std::optional<bool> opt_flag(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_bool()) return std::nullopt;
  return v->get_bool();
}

void read_block(Reader& r, const json::object& b, Scope scope, Answer& a) {
  switch (scope) {
    case Scope::protection: {
      const auto* is = b.if_contains("protege");
      a.protection = ProtectionBlock{is && is->is_bool() && is->get_bool(), r.date(b, "date"),
                                     r.opt_word<domain::ProtectionType>(b, "type", domain::parse_ProtectionType),
                                     r.opt_date(b, "depuis")};
      if (!is || !is->is_bool()) r.ok = false;
      break;
    }
    case Scope::protection_history: {
      ProtectionHistoryBlock h;
      if (const auto* periods = r.array(b, "periodes"))
        for (const auto& p : *periods) {
          if (!p.is_object()) return void(r.ok = false);
          const auto& o = p.get_object();
          h.periods.push_back({r.word<domain::ProtectionType>(o, "type", domain::parse_ProtectionType),
                               r.word<domain::Authority>(o, "autorite", domain::parse_Authority), r.date(o, "debut"),
                               r.opt_date(o, "fin"),
                               r.opt_word<domain::EndReason>(o, "motif_fin", domain::parse_EndReason)});
        }
      a.protection_history = std::move(h);
      break;
    }
    case Scope::civil_status_progress: {
      CivilStatusProgressBlock p;
      p.stage = r.opt_word<domain::FileStage>(b, "etape", domain::parse_FileStage);
      if (p.stage) {
        p.ffr_recue_le = r.opt_date(b, "ffr_recue_le");
        p.instruction_le = r.opt_date(b, "instruction_le");
        p.actes_etablis_le = r.opt_date(b, "actes_etablis_le");
        p.within_delay = opt_flag(b, "dans_les_delais");
        p.expected = r.opt_date(b, "date_previsionnelle");
      }
      a.civil_status_progress = std::move(p);
      break;
    }
    case Scope::civil_status_identity:
      a.identity = IdentityBlock{r.text(b, "numero_ofpra"),
                                 r.text(b, "nom_naissance"),
                                 r.opt_text(b, "nom_usage"),
                                 r.names(b, "prenoms"),
                                 r.word<domain::Sex>(b, "sexe", domain::parse_Sex),
                                 r.date(b, "date_naissance"),
                                 r.opt_text(b, "lieu_naissance"),
                                 r.opt_text(b, "code_pays_naissance")};
      break;
    case Scope::civil_status_family: {
      FamilyBlock f;
      if (const auto* members = r.array(b, "membres"))
        for (const auto& m : *members) {
          if (!m.is_object()) return void(r.ok = false);
          const auto& o = m.get_object();
          f.members.push_back({r.word<domain::FamilyLink>(o, "lien", domain::parse_FamilyLink),
                               r.opt_text(o, "numero_ofpra"), r.opt_text(o, "nom_naissance"), r.names(o, "prenoms"),
                               r.opt_word<domain::Sex>(o, "sexe", domain::parse_Sex), r.opt_date(o, "date_naissance")});
        }
      a.family = std::move(f);
      break;
    }
  }
}

}  // namespace

json::object answer_data(const Answer& a, bool with_designation) {
  json::object data(2 + a.scopes.size());
  data["resultat"] = to_string(a.outcome);
  for (auto scope : a.scopes) {
    json::object block;
    switch (scope) {
      case Scope::protection:
        block = protection(*a.protection);
        break;
      case Scope::protection_history:
        block = history(*a.protection_history);
        break;
      case Scope::civil_status_progress:
        block = progress(*a.civil_status_progress);
        break;
      case Scope::civil_status_identity:
        block = identity(*a.identity);
        break;
      case Scope::civil_status_family:
        block = family(*a.family);
        break;
    }
    data[domain::block_name(scope)] = std::move(block);
  }
  if (with_designation && a.designation) data["designation"] = designation(*a.designation);
  return data;
}

std::string encode_answer(const Answer& a) {
  return json::serialize(json::object{{"data", answer_data(a, true)}, {"reference", a.reference}});
}

std::optional<Answer> decode_answer(std::string_view text) {
  boost::system::error_code ec;
  auto parsed = json::parse(text, ec);
  if (ec || !parsed.is_object()) return std::nullopt;
  const auto& top = parsed.get_object();
  const auto* data = top.if_contains("data");
  const auto* reference = top.if_contains("reference");
  if (!data || !data->is_object() || !reference || !reference->is_int64()) return std::nullopt;
  const auto& d = data->get_object();
  Reader r;
  Answer a;
  a.reference = reference->get_int64();
  const auto outcome = r.text(d, "resultat");
  if (outcome == to_string(Outcome::found))
    a.outcome = Outcome::found;
  else if (outcome == to_string(Outcome::ambiguous))
    a.outcome = Outcome::ambiguous;
  else if (outcome != to_string(Outcome::not_found))
    return std::nullopt;
  // The blocks in the order they were given.
  for (const auto& [key, block] : d)
    for (auto scope : domain::all_scopes) {
      if (key != domain::block_name(scope)) continue;
      if (!block.is_object()) return std::nullopt;
      a.scopes.push_back(scope);
      read_block(r, block.get_object(), scope, a);
    }
  if (const auto* des = d.if_contains("designation")) {
    if (!des->is_object()) return std::nullopt;
    const auto& o = des->get_object();
    a.designation = DesignationBlock{r.text(o, "nom_naissance"), r.opt_text(o, "nom_usage"), r.names(o, "prenoms"),
                                     r.date(o, "date_naissance")};
  }
  if (!r.ok) return std::nullopt;
  return a;
}

std::string encode_outcome(const std::variant<Answer, Refusal>& outcome) {
  if (const auto* answer = std::get_if<Answer>(&outcome)) return encode_answer(*answer);
  const auto& r = std::get<Refusal>(outcome);
  return json::serialize(json::object{
      {"refus",
       json::object{{"code", domain::info(r.problem).code}, {"detail", r.detail}, {"parametre", r.parameter}}}});
}

std::optional<std::variant<Answer, Refusal>> decode_outcome(std::string_view text) {
  boost::system::error_code ec;
  auto parsed = json::parse(text, ec);
  if (ec || !parsed.is_object()) return std::nullopt;
  const auto* refusal = parsed.get_object().if_contains("refus");
  if (!refusal) {
    auto answer = decode_answer(text);
    if (!answer) return std::nullopt;
    return std::move(*answer);
  }
  if (!refusal->is_object()) return std::nullopt;
  const auto& o = refusal->get_object();
  const auto* code = o.if_contains("code");
  const auto* detail = o.if_contains("detail");
  const auto* parameter = o.if_contains("parametre");
  if (!code || !code->is_string() || !detail || !detail->is_string() || !parameter || !parameter->is_string())
    return std::nullopt;
  const auto problem = domain::problem_of_code(code->get_string());
  if (!problem) return std::nullopt;
  return Refusal{*problem, std::string(detail->get_string()), std::string(parameter->get_string())};
}

}  // namespace ofpra::service
