#pragma once
// The 2D-Doc (France Titres' "Spécifications techniques des codes à barres 2D-Doc", version 04
// in C40 text): a 26-character header, the message as fields named by two characters, then US
// and the ECDSA signature in base32 over everything before US. Variable-length fields end with
// GS, or RS when their value was cut at the field's maximum; fixed-length ones with nothing.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ofpra::attest {

struct TwoDDocHeader {
  std::string authority;                        // 4 characters, e.g. FR00
  std::string certificate;                      // 4 characters
  std::optional<std::chrono::sys_days> issued;  // FFFF when the document is not dated
  std::chrono::sys_days signed_on{};
  std::string document_type;  // 2 characters
  std::string perimeter = "01";
  std::string country = "FR";
};

struct TwoDDocField {
  std::string id;  // two characters
  std::string value;
  bool truncated = false;  // cut at the field's maximum (RS)
};

// The fields this reader knows, with their lengths (the specification's perimeter 01).
struct FieldSpec {
  std::string_view id;
  std::size_t min;
  std::size_t max;  // 0: no maximum
  bool fixed;
};
const FieldSpec* field_spec(std::string_view id);

struct TwoDDoc {
  TwoDDocHeader header;
  std::vector<TwoDDocField> fields;
  std::string signed_text;  // the header and message as signed (everything before US)
  std::string signature;    // raw, 64 bytes for P-256
  const TwoDDocField* field(std::string_view id) const;
};

// Header and message as they are signed; values must already be in the field's alphabet and,
// for a fixed-length field, of its length (longer variable values are cut and marked).
std::string signed_text(const TwoDDocHeader& header, const std::vector<TwoDDocField>& fields);
// signed + US + base32(signature).
std::string with_signature(std::string_view signed_text, std::string_view signature);

// The 2D-Doc's text as a reader gives it (GS, RS and US as bytes, or the "<GS>" renderings some
// readers print), or why it is not one this reader understands.
std::variant<TwoDDoc, std::string> parse_twoddoc(std::string_view text);

// Dates: the header's 4 hex digits (days since 2000-01-01) and the message's JJMMAAAA, where an
// unknown day or month is 00.
std::string hex_days(std::chrono::sys_days day);
std::optional<std::chrono::sys_days> from_hex_days(std::string_view text);

}  // namespace ofpra::attest
