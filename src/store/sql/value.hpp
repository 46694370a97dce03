#pragma once
// What travels between the store code and a database: bound parameters and rows read back,
// the same for SQLite and PostgreSQL, so that every store is written once.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ofpra::store::sql {

// A bound parameter: SQL NULL, an integer or text.
class Value {
 public:
  Value() = default;
  Value(std::nullptr_t) {}
  Value(std::int64_t v) : v_(v) {}
  Value(int v) : v_(std::int64_t{v}) {}
  Value(std::string v) : v_(std::move(v)) {}
  Value(std::string_view v) : v_(std::string(v)) {}
  Value(const char* v) : v_(std::string(v)) {}
  Value(const std::optional<std::string>& v) {
    if (v) v_ = *v;
  }
  // Text not copied: for bulk writes, where copying every field of every row costs more than
  // the insert; the text must outlive every use of the value.
  static Value borrowed(std::string_view v) {
    Value out;
    out.v_ = v;
    return out;
  }
  bool is_null() const { return std::holds_alternative<std::monostate>(v_); }
  const std::int64_t* integer() const { return std::get_if<std::int64_t>(&v_); }
  std::optional<std::string_view> text() const {
    if (const auto* s = std::get_if<std::string>(&v_)) return *s;
    if (const auto* s = std::get_if<std::string_view>(&v_)) return *s;
    return std::nullopt;
  }
  // The value as PostgreSQL's text format writes it; empty for NULL.
  std::string as_text() const {
    if (const auto* n = integer()) return std::to_string(*n);
    return std::string(text().value_or(std::string_view{}));
  }

 private:
  std::variant<std::monostate, std::int64_t, std::string, std::string_view> v_;
};

// One row read back, every column as text (or NULL), whichever database it came from.
class Row {
 public:
  explicit Row(std::vector<std::optional<std::string>> cells) : cells_(std::move(cells)) {}
  bool is_null(int column) const { return !cells_.at(static_cast<std::size_t>(column)); }
  // Empty for NULL.
  const std::string& text(int column) const;
  std::optional<std::string> opt_text(int column) const { return cells_.at(static_cast<std::size_t>(column)); }
  // 0 for NULL or anything that is not a whole number.
  std::int64_t int64(int column) const;
  // SQLite's 1/0 and PostgreSQL's t/f alike.
  bool flag(int column) const;

 private:
  std::vector<std::optional<std::string>> cells_;
};

using Rows = std::vector<Row>;

// A row read in place while a statement streams (Executor::each): nothing is copied until the
// visitor asks; valid only during the visit.
class RowView {
 public:
  virtual ~RowView() = default;
  virtual bool is_null(int column) const = 0;
  // Empty for NULL.
  virtual std::string_view text(int column) const = 0;
  std::optional<std::string> opt_text(int column) const {
    if (is_null(column)) return std::nullopt;
    return std::string(text(column));
  }
  // 0 for NULL or anything that is not a whole number.
  std::int64_t int64(int column) const;
};

}  // namespace ofpra::store::sql
