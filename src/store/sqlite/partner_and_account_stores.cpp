#include "store/sqlite/registry_queries.hpp"
#include "store/sqlite/stores.hpp"

namespace ofpra::store::sqlite {

Status SqlitePartnerStore::put_partner(const domain::Partner& partner) {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(queries::upsert_partner);
  if (!st) return st.error();
  return st->bind(1, partner.siret)
      .bind(2, partner.name)
      .bind(3, to_string(partner.type))
      .bind(4, env::format_utc(shared_.clock->now()))
      .run();
}

Result<std::vector<domain::Partner>> SqlitePartnerStore::partners() {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(queries::select_partners);
  if (!st) return st.error();
  std::vector<domain::Partner> out;
  for (;;) {
    auto r = st->step();
    if (!r) return r.error();
    if (!*r) break;
    out.push_back({st->text(0), st->text(1),
                   domain::parse_AdministrationType(st->text(2)).value_or(domain::AdministrationType::other)});
  }
  return out;
}

Status SqlitePartnerStore::put_client(const ApiClient& client) {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(queries::insert_client);
  if (!st) return st.error();
  return st->bind(1, client.client_id)
      .bind(2, client.partner_siret)
      .bind(3, client.secret_hash)
      .bind(4, env::format_utc(shared_.clock->now()))
      .run();
}

Status SqliteAccountStore::put_staff(const StaffAccount& account) {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(queries::upsert_staff);
  if (!st) return st.error();
  return st->bind(1, account.login)
      .bind(2, account.password_hash)
      .bind(3, account.role)
      .bind(4, env::format_utc(shared_.clock->now()))
      .run();
}

Result<std::optional<StaffAccount>> SqliteAccountStore::find_staff(const std::string& login) {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(queries::select_staff);
  if (!st) return st.error();
  st->bind(1, login);
  auto r = st->step();
  if (!r) return r.error();
  if (!*r) return std::optional<StaffAccount>{};
  return std::optional<StaffAccount>(StaffAccount{st->text(0), st->text(1), st->text(2)});
}

}  // namespace ofpra::store::sqlite
