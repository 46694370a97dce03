#include "store/sql/executor.hpp"

#include <charconv>

namespace ofpra::store::sql {

namespace {
const std::string empty_text;
}

const std::string& Row::text(int column) const {
  const auto& c = cells_.at(static_cast<std::size_t>(column));
  return c ? *c : empty_text;
}

std::int64_t Row::int64(int column) const {
  const auto& c = cells_.at(static_cast<std::size_t>(column));
  std::int64_t v = 0;
  if (c) std::from_chars(c->data(), c->data() + c->size(), v);
  return v;
}

std::int64_t RowView::int64(int column) const {
  const auto t = text(column);
  std::int64_t v = 0;
  std::from_chars(t.data(), t.data() + t.size(), v);
  return v;
}

bool Row::flag(int column) const {
  const auto& c = cells_.at(static_cast<std::size_t>(column));
  return c && (*c == "1" || *c == "t" || *c == "true");
}

Status Executor::transaction(Mode mode, const std::function<Status(Executor&)>& body) {
  if (in_transaction()) return body(*this);
  constexpr int attempts = 5;
  for (int attempt = 1;; ++attempt) {
    auto tx = begin(mode);
    if (!tx) return tx.error();
    auto s = body(**tx);
    if (s) s = (*tx)->commit();
    if (s || !(*tx)->retryable() || attempt >= attempts) return s;
  }
}

Result<std::int64_t> Executor::integer(std::string_view sql, std::initializer_list<Value> params) {
  auto rows = query(sql, params);
  if (!rows) return rows.error();
  if (rows->empty()) return domain::unavailable_error("a counter row is missing");
  return rows->front().int64(0);
}

}  // namespace ofpra::store::sql
