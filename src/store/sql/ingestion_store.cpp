#include "store/sql/ingestion_queries.hpp"
#include "store/sql/stores.hpp"

namespace ofpra::store::sql {

Status SqlIngestionStore::put_registry_client(const RegistryClient& c) {
  auto r = db_.run(queries::insert_registry_client, {c.client_id, c.name, c.secret_hash, c.created_at});
  if (!r) return r.error();
  return domain::success();
}

Result<std::optional<RegistryClient>> SqlIngestionStore::find_registry_client(const std::string& client_id) {
  return first<RegistryClient>(db_.query(queries::select_registry_client, {client_id}), [](const Row& r) {
    return RegistryClient{r.text(0), r.text(1), r.text(2), r.text(3), r.opt_text(4).has_value()};
  });
}

Result<bool> SqlIngestionStore::revoke_registry_client(const std::string& client_id, const std::string& at) {
  auto r = db_.run(queries::revoke_registry_client, {client_id, at});
  if (!r) return r.error();
  return *r > 0;
}

Result<std::optional<IdempotentReply>> SqlIngestionStore::reserve_key(const std::string& client_id,
                                                                      const std::string& key,
                                                                      const std::string& request_hash,
                                                                      const std::string& now,
                                                                      const std::string& forget_before) {
  std::optional<IdempotentReply> held;
  auto s = db_.transaction(Mode::write, [&](Executor& tx) -> Status {
    held.reset();
    if (auto r = tx.run(queries::forget_idempotency_keys, {forget_before}); !r) return r.error();
    auto inserted = tx.run(queries::reserve_idempotency_key, {client_id, key, request_hash, now});
    if (!inserted) return inserted.error();
    if (*inserted > 0) return domain::success();
    auto found = first<IdempotentReply>(tx.query(queries::select_idempotency_key, {client_id, key}), [](const Row& r) {
      return IdempotentReply{r.text(0), static_cast<unsigned>(r.int64(1)), r.text(2)};
    });
    if (!found) return found.error();
    held = std::move(*found);
    return domain::success();
  });
  if (!s) return s.error();
  return held;
}

Status SqlIngestionStore::settle_key(const std::string& client_id, const std::string& key, unsigned status,
                                     const std::string& body) {
  auto r = db_.run(queries::settle_idempotency_key, {client_id, key, static_cast<std::int64_t>(status), body});
  if (!r) return r.error();
  return domain::success();
}

Status SqlIngestionStore::release_key(const std::string& client_id, const std::string& key) {
  auto r = db_.run(queries::release_idempotency_key, {client_id, key});
  if (!r) return r.error();
  return domain::success();
}

}  // namespace ofpra::store::sql
