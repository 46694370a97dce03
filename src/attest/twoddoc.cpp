#include "attest/twoddoc.hpp"

#include "attest/base32.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace ofpra::attest {
namespace {

using namespace std::chrono;

constexpr char gs = '\x1d';
constexpr char rs = '\x1e';
constexpr char us = '\x1f';
constexpr std::size_t header_length = 26;
constexpr sys_days epoch = sys_days{year{2000} / January / 1};

constexpr std::array<FieldSpec, 13> known_fields{{
    {"01", 0, 0, false},   // identifiant unique du document
    {"08", 4, 4, true},    // date d'expiration du document (hex days)
    {"60", 0, 60, false},  // liste des prénoms, separated by '/'
    {"62", 0, 38, false},  // nom patronymique
    {"63", 0, 38, false},  // nom d'usage
    {"68", 1, 1, true},    // genre
    {"69", 8, 8, true},    // date de naissance
    {"6A", 0, 32, false},  // lieu de naissance
    {"6M", 0, 40, false},  // catégorie du titre
    {"6N", 8, 8, true},    // date de début de validité
    {"6L", 8, 8, true},    // date de dépôt de la demande
    {"66", 0, 20, false},  // numéro de la pièce d'identité: her OFPRA number
    // Ours until France Titres allocates one (docs/ATTESTATIONS.md): her family as OFPRA
    // established it, members separated by '/'.
    {"Z0", 0, 400, false},
}};

bool is_upper_alnum(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}
bool is_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'A' && c <= 'F') || (c >= '0' && c <= '9'); });
}

// Readers that print control characters as <GS>, <RS>, <US> (or as the Unicode control pictures).
std::string bytes_of(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto rest = text.substr(i);
    if (rest.starts_with("<GS>") || rest.starts_with("\xe2\x90\x9d")) {
      out += gs;
    } else if (rest.starts_with("<RS>") || rest.starts_with("\xe2\x90\x9e")) {
      out += rs;
    } else if (rest.starts_with("<US>") || rest.starts_with("\xe2\x90\x9f")) {
      out += us;
    } else {
      out += text[i++];
      continue;
    }
    i += rest[0] == '<' ? 4 : 3;
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r' || out.back() == ' ')) out.pop_back();
  while (!out.empty() && (out.front() == '\n' || out.front() == '\r' || out.front() == ' ')) out.erase(0, 1);
  return out;
}

}  // namespace

const FieldSpec* field_spec(std::string_view id) {
  for (const auto& f : known_fields)
    if (f.id == id) return &f;
  return nullptr;
}

const TwoDDocField* TwoDDoc::field(std::string_view id) const {
  for (const auto& f : fields)
    if (f.id == id) return &f;
  return nullptr;
}

std::string hex_days(sys_days day) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%04X", static_cast<unsigned>((day - epoch).count()) & 0xffffu);
  return buffer;
}

std::optional<sys_days> from_hex_days(std::string_view text) {
  if (text.size() != 4 || !is_hex(text) || text == "FFFF") return std::nullopt;
  return epoch + days{std::stoi(std::string(text), nullptr, 16)};
}

std::string signed_text(const TwoDDocHeader& h, const std::vector<TwoDDocField>& fields) {
  std::string text = "DC04" + h.authority + h.certificate + (h.issued ? hex_days(*h.issued) : "FFFF") +
                     hex_days(h.signed_on) + h.document_type + h.perimeter + h.country;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const auto& f = fields[i];
    const auto* spec = field_spec(f.id);
    text += f.id;
    if (spec && spec->fixed) {
      text += f.value;
      continue;
    }
    const bool cut = spec && spec->max > 0 && f.value.size() > spec->max;
    text += cut ? f.value.substr(0, spec->max) : f.value;
    const bool full = spec && spec->max > 0 && f.value.size() == spec->max;
    if (cut || f.truncated)
      text += rs;
    else if (!full && i + 1 < fields.size())
      text += gs;
  }
  return text;
}

std::string with_signature(std::string_view signed_part, std::string_view signature) {
  return std::string(signed_part) + us + base32_encode(signature);
}

std::variant<TwoDDoc, std::string> parse_twoddoc(std::string_view raw) {
  const auto text = bytes_of(raw);
  const auto split = text.find(us);
  if (!text.starts_with("DC")) return std::string("ce n'est pas un 2D-Doc (un 2D-Doc commence par DC04)");
  if (text.size() < header_length || text.substr(2, 2) != "04")
    return std::string("version de 2D-Doc non prise en charge (04 attendue)");
  if (split == std::string::npos) return std::string("signature absente (séparateur US manquant)");
  TwoDDoc doc;
  doc.signed_text = text.substr(0, split);
  auto& h = doc.header;
  h.authority = text.substr(4, 4);
  h.certificate = text.substr(8, 4);
  const auto issued = text.substr(12, 4);
  const auto signed_on = from_hex_days(text.substr(16, 4));
  h.document_type = text.substr(20, 2);
  h.perimeter = text.substr(22, 2);
  h.country = text.substr(24, 2);
  if (!is_upper_alnum(h.authority) || !is_upper_alnum(h.certificate) || !is_upper_alnum(h.document_type) ||
      !is_upper_alnum(h.perimeter) || !is_upper_alnum(h.country) || !signed_on ||
      (issued != "FFFF" && !from_hex_days(issued)))
    return std::string("en-tête de 2D-Doc illisible");
  h.issued = from_hex_days(issued);
  h.signed_on = *signed_on;

  // The signature runs to the end, or to the GS before an annex (not signed, not read).
  auto signature = std::string_view(text).substr(split + 1);
  signature = signature.substr(0, signature.find(gs));
  auto bytes = base32_decode(signature);
  if (!bytes || bytes->size() != 64) return std::string("signature illisible (ECDSA P-256 attendue)");
  doc.signature = std::move(*bytes);

  std::string_view message = std::string_view(doc.signed_text).substr(header_length);
  while (!message.empty()) {
    if (message.size() < 2) return std::string("message tronqué");
    TwoDDocField field{std::string(message.substr(0, 2)), {}, false};
    const auto* spec = field_spec(field.id);
    if (!spec) return "champ inconnu : " + field.id;
    message.remove_prefix(2);
    if (spec->fixed) {
      if (message.size() < spec->max) return "champ " + field.id + " trop court";
      field.value = std::string(message.substr(0, spec->max));
      message.remove_prefix(spec->max);
    } else {
      std::size_t end = message.find_first_of(std::string_view("\x1d\x1e", 2));
      const std::size_t limit = spec->max == 0 ? message.size() : std::min(message.size(), spec->max);
      if (end == std::string_view::npos || end > limit) end = limit;
      field.value = std::string(message.substr(0, end));
      message.remove_prefix(end);
      if (!message.empty() && (message.front() == gs || message.front() == rs)) {
        field.truncated = message.front() == rs;
        message.remove_prefix(1);
      }
    }
    if (field.value.size() < spec->min) return "champ " + field.id + " trop court";
    if (field.value.find_first_of(std::string_view("\x1d\x1e\x1f", 3)) != std::string::npos)
      return "champ " + field.id + " illisible";
    doc.fields.push_back(std::move(field));
  }
  return doc;
}

}  // namespace ofpra::attest
