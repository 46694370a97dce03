#include "domain/person_codec.hpp"

#include <algorithm>
#include <cstdint>

namespace ofpra::domain {
namespace {

// Lengths and counts as LEB128 varints; enums as one byte; dates as year (2 bytes), month,
// day, precision; an optional as a presence byte then the value. Writer and Reader offer the
// same calls, so that one list of fields per part (below) serves both ways.
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
  void text(std::string& s) {
    size(s.size());
    out_.append(s);
  }
  void texts(std::vector<std::string>& v) {
    size(v.size());
    for (auto& s : v) text(s);
  }
  void date(PartialDate& d) {
    const auto y = static_cast<std::uint16_t>(d.year);
    byte(static_cast<std::uint8_t>(y & 0xff));
    byte(static_cast<std::uint8_t>(y >> 8));
    byte(d.month);
    byte(d.day);
    byte(static_cast<std::uint8_t>(d.precision));
  }
  template <class E>
  void word(E& e) {
    byte(static_cast<std::uint8_t>(e));
  }
  template <class T, class F>
  void optional(std::optional<T>& o, F each) {
    byte(o ? 1 : 0);
    if (o) each(*o);
  }
  template <class T, class F>
  void list(std::vector<T>& v, F each) {
    size(v.size());
    for (auto& x : v) each(x);
  }

 private:
  std::string& out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  // While skipping, fields are read past and left as they are: no text is copied, no list
  // allocated.
  void skipping(bool skip) { skip_ = skip; }
  std::size_t size() {
    std::size_t n = 0;
    for (int shift = 0; pos_ < in_.size() && shift < 64; shift += 7) {
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
  void text(std::string& s) {
    const auto n = count();
    if (!skip_) s.assign(in_.substr(pos_, n));
    pos_ += n;
  }
  void texts(std::vector<std::string>& v) {
    list(v, [&](std::string& s) { text(s); });
  }
  void date(PartialDate& d) {
    const auto lo = byte();
    const auto hi = byte();
    const auto month = byte();
    const auto day = byte();
    const auto precision = byte();
    if (skip_) return;
    d.year = static_cast<std::int16_t>(lo | (hi << 8));
    d.month = month;
    d.day = day;
    d.precision = static_cast<DatePrecision>(precision);
  }
  template <class E>
  void word(E& e) {
    const auto b = byte();
    if (!skip_) e = static_cast<E>(b);
  }
  template <class T, class F>
  void optional(std::optional<T>& o, F each) {
    if (byte() == 0) {
      if (!skip_) o.reset();
      return;
    }
    if (skip_) {
      T ignored{};
      return each(ignored);
    }
    o.emplace();
    each(*o);
  }
  template <class T, class F>
  void list(std::vector<T>& v, F each) {
    const auto n = count();
    if (skip_) {
      T ignored{};
      for (std::size_t i = 0; i < n; ++i) each(ignored);
      return;
    }
    v.resize(n);
    for (auto& x : v) each(x);
  }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
  bool skip_ = false;
};

// The fields of each part, in the order of the encoding (the number first, then the parts in
// the order of PersonParts).
template <class Codec>
void identity_fields(Codec& c, Person& p) {
  auto text = [&](std::string& s) { c.text(s); };
  c.optional(p.numero_agdref, text);
  c.text(p.nom_naissance);
  c.optional(p.nom_usage, text);
  c.texts(p.prenoms);
  c.optional(p.ecriture_origine, [&](OriginalScript& o) {
    c.text(o.script);
    c.text(o.nom);
    c.texts(o.prenoms);
  });
  c.list(p.alias, [&](NameVariant& a) {
    c.text(a.nom_naissance);
    c.texts(a.prenoms);
  });
  c.word(p.sexe);
  c.date(p.date_naissance);
  c.optional(p.lieu_naissance, text);
  c.optional(p.code_pays_naissance, text);
  c.optional(p.nationalite, text);
}

template <class Codec>
void protection_fields(Codec& c, Person& p) {
  c.list(p.protections, [&](Protection& pr) {
    c.word(pr.type);
    c.word(pr.authority);
    c.date(pr.debut);
    c.optional(pr.fin, [&](PartialDate& d) { c.date(d); });
    c.optional(pr.motif_fin, [&](auto& e) { c.word(e); });
  });
}

template <class Codec>
void civil_status_fields(Codec& c, Person& p) {
  auto date = [&](PartialDate& d) { c.date(d); };
  c.optional(p.dossier_etat_civil, [&](CivilStatusFile& f) {
    c.word(f.stage);
    c.optional(f.ffr_recue_le, date);
    c.optional(f.instruction_le, date);
    c.optional(f.actes_etablis_le, date);
  });
}

template <class Codec>
void family_fields(Codec& c, Person& p) {
  c.list(p.famille, [&](FamilyMember& m) {
    c.word(m.link);
    c.optional(m.numero_ofpra, [&](std::string& s) { c.text(s); });
    c.optional(m.nom_naissance, [&](std::string& s) { c.text(s); });
    c.texts(m.prenoms);
    c.optional(m.sexe, [&](auto& e) { c.word(e); });
    c.optional(m.date_naissance, [&](PartialDate& d) { c.date(d); });
  });
}

// Every field but the contact.
template <class Codec>
void fields(Codec& c, Person& p) {
  c.text(p.numero_ofpra);
  identity_fields(c, p);
  protection_fields(c, p);
  civil_status_fields(c, p);
  family_fields(c, p);
}

}  // namespace

void encode_person(const Person& p, std::string& out) {
  Writer w(out);
  // The field lists take the person mutably so that decoding can share them; the Writer only
  // reads.
  fields(w, const_cast<Person&>(p));
}

Person decode_person(std::string_view bytes, PersonParts parts) {
  Reader r(bytes);
  Person p;
  r.text(p.numero_ofpra);
  // Each part read or read past; nothing after the last part asked for is read at all (the
  // parts' bits follow the encoding's order, so none at or after this one is a smaller set).
  const auto part = [&](PersonParts which, auto read) {
    if (static_cast<unsigned>(parts) < static_cast<unsigned>(which)) return false;
    r.skipping(!includes(parts, which));
    read(r, p);
    return true;
  };
  part(PersonParts::identity, [](Reader& c, Person& q) { identity_fields(c, q); }) &&
      part(PersonParts::protections, [](Reader& c, Person& q) { protection_fields(c, q); }) &&
      part(PersonParts::civil_status, [](Reader& c, Person& q) { civil_status_fields(c, q); }) &&
      part(PersonParts::family, [](Reader& c, Person& q) { family_fields(c, q); });
  return p;
}

}  // namespace ofpra::domain
