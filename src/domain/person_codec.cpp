#include "domain/person_codec.hpp"

#include <algorithm>
#include <cstdint>

namespace ofpra::domain {
namespace {

// Lengths and counts as LEB128 varints; enums as one byte; dates as year (2 bytes), month,
// day, precision; an optional as a presence byte then the value.
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  void size(std::size_t n) {
    while (n >= 0x80) {
      out_.push_back(static_cast<char>((n & 0x7f) | 0x80));
      n >>= 7;
    }
    out_.push_back(static_cast<char>(n));
  }
  void byte(std::uint8_t b) { out_.push_back(static_cast<char>(b)); }
  void text(std::string_view s) {
    size(s.size());
    out_.append(s);
  }
  void opt_text(const std::optional<std::string>& s) {
    byte(s ? 1 : 0);
    if (s) text(*s);
  }
  void texts(const std::vector<std::string>& v) {
    size(v.size());
    for (const auto& s : v) text(s);
  }
  void date(const PartialDate& d) {
    const auto y = static_cast<std::uint16_t>(d.year);
    byte(static_cast<std::uint8_t>(y & 0xff));
    byte(static_cast<std::uint8_t>(y >> 8));
    byte(d.month);
    byte(d.day);
    byte(static_cast<std::uint8_t>(d.precision));
  }
  void date(const std::optional<PartialDate>& d) {
    byte(d ? 1 : 0);
    if (d) date(*d);
  }
  template <class E>
  void word(E e) {
    byte(static_cast<std::uint8_t>(e));
  }
  template <class E>
  void word(const std::optional<E>& e) {
    byte(e ? 1 : 0);
    if (e) word(*e);
  }

 private:
  std::string& out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  std::size_t size() {
    std::size_t n = 0;
    for (int shift = 0; pos_ < in_.size(); shift += 7) {
      const auto b = static_cast<std::uint8_t>(in_[pos_++]);
      n |= static_cast<std::size_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) break;
    }
    return n;
  }
  // A list's length: each element takes at least a byte, so never more than what is left.
  std::size_t count() {
    const auto n = size();  // read before measuring what is left
    return std::min(n, in_.size() - pos_);
  }
  std::uint8_t byte() { return pos_ < in_.size() ? static_cast<std::uint8_t>(in_[pos_++]) : 0; }
  bool present() { return byte() != 0; }
  std::string text() {
    const auto n = count();
    std::string s(in_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  std::optional<std::string> opt_text() { return present() ? std::optional(text()) : std::nullopt; }
  std::vector<std::string> texts() {
    std::vector<std::string> v(count());
    for (auto& s : v) s = text();
    return v;
  }
  PartialDate date() {
    PartialDate d;
    const auto lo = byte();
    const auto hi = byte();
    d.year = static_cast<std::int16_t>(lo | (hi << 8));
    d.month = byte();
    d.day = byte();
    d.precision = static_cast<DatePrecision>(byte());
    return d;
  }
  std::optional<PartialDate> opt_date() { return present() ? std::optional(date()) : std::nullopt; }
  template <class E>
  E word() {
    return static_cast<E>(byte());
  }
  template <class E>
  std::optional<E> opt_word() {
    return present() ? std::optional(word<E>()) : std::nullopt;
  }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
};

}  // namespace

void encode_person(const Person& p, std::string& out) {
  Writer w(out);
  w.text(p.numero_ofpra);
  w.opt_text(p.numero_agdref);
  w.text(p.nom_naissance);
  w.opt_text(p.nom_usage);
  w.texts(p.prenoms);
  w.byte(p.ecriture_origine ? 1 : 0);
  if (p.ecriture_origine) {
    w.text(p.ecriture_origine->script);
    w.text(p.ecriture_origine->nom);
    w.texts(p.ecriture_origine->prenoms);
  }
  w.size(p.alias.size());
  for (const auto& a : p.alias) {
    w.text(a.nom_naissance);
    w.texts(a.prenoms);
  }
  w.word(p.sexe);
  w.date(p.date_naissance);
  w.opt_text(p.lieu_naissance);
  w.opt_text(p.code_pays_naissance);
  w.opt_text(p.nationalite);
  w.size(p.protections.size());
  for (const auto& pr : p.protections) {
    w.word(pr.type);
    w.word(pr.authority);
    w.date(pr.debut);
    w.date(pr.fin);
    w.word(pr.motif_fin);
  }
  w.byte(p.dossier_etat_civil ? 1 : 0);
  if (p.dossier_etat_civil) {
    const auto& f = *p.dossier_etat_civil;
    w.word(f.stage);
    w.date(f.ffr_recue_le);
    w.date(f.instruction_le);
    w.date(f.actes_etablis_le);
  }
  w.size(p.famille.size());
  for (const auto& m : p.famille) {
    w.word(m.link);
    w.opt_text(m.numero_ofpra);
    w.opt_text(m.nom_naissance);
    w.texts(m.prenoms);
    w.word(m.sexe);
    w.date(m.date_naissance);
  }
}

Person decode_person(std::string_view bytes) {
  Reader r(bytes);
  Person p;
  p.numero_ofpra = r.text();
  p.numero_agdref = r.opt_text();
  p.nom_naissance = r.text();
  p.nom_usage = r.opt_text();
  p.prenoms = r.texts();
  if (r.present()) {
    OriginalScript o;
    o.script = r.text();
    o.nom = r.text();
    o.prenoms = r.texts();
    p.ecriture_origine = std::move(o);
  }
  p.alias.resize(r.count());
  for (auto& a : p.alias) {
    a.nom_naissance = r.text();
    a.prenoms = r.texts();
  }
  p.sexe = r.word<Sex>();
  p.date_naissance = r.date();
  p.lieu_naissance = r.opt_text();
  p.code_pays_naissance = r.opt_text();
  p.nationalite = r.opt_text();
  p.protections.resize(r.count());
  for (auto& pr : p.protections) {
    pr.type = r.word<ProtectionType>();
    pr.authority = r.word<Authority>();
    pr.debut = r.date();
    pr.fin = r.opt_date();
    pr.motif_fin = r.opt_word<EndReason>();
  }
  if (r.present()) {
    CivilStatusFile f;
    f.stage = r.word<FileStage>();
    f.ffr_recue_le = r.opt_date();
    f.instruction_le = r.opt_date();
    f.actes_etablis_le = r.opt_date();
    p.dossier_etat_civil = f;
  }
  p.famille.resize(r.count());
  for (auto& m : p.famille) {
    m.link = r.word<FamilyLink>();
    m.numero_ofpra = r.opt_text();
    m.nom_naissance = r.opt_text();
    m.prenoms = r.texts();
    m.sexe = r.opt_word<Sex>();
    m.date_naissance = r.opt_date();
  }
  return p;
}

}  // namespace ofpra::domain
