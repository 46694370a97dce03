#include "store/sql/attestation_queries.hpp"
#include "store/sql/stores.hpp"

namespace ofpra::store::sql {
namespace {

domain::AttestationRecord attestation_from_row(const Row& r) {
  domain::AttestationRecord a;
  a.id = r.text(0);
  a.numero_ofpra = r.text(1);
  a.level = domain::parse_attestation_level(r.text(2)).value_or(domain::AttestationLevel::protection);
  a.language = r.text(3);
  a.certificate = r.text(4);
  a.issued_at = r.text(5);
  a.valid_until = r.text(6);
  a.reference = r.int64(7);
  a.issued_by = r.text(8);
  a.revoked_at = r.text(9);
  a.revoked_reason = domain::parse_revocation_reason(r.text(10));
  a.revoked_by = r.text(11);
  return a;
}

}  // namespace

Status SqlAttestationStore::create_attestation(const domain::AttestationRecord& a) {
  auto r = db_.run(queries::insert_attestation, {a.id, a.numero_ofpra, std::string(to_string(a.level)), a.language,
                                                 a.certificate, a.issued_at, a.valid_until, a.reference, a.issued_by});
  if (!r) return r.error();
  return domain::success();
}

Result<std::optional<domain::AttestationRecord>> SqlAttestationStore::find_attestation(const std::string& id) {
  return first<domain::AttestationRecord>(db_.query(queries::select_attestation, {id}), attestation_from_row);
}

Result<std::vector<domain::AttestationRecord>> SqlAttestationStore::attestations_of(const std::string& numero_ofpra,
                                                                                    std::size_t limit,
                                                                                    const std::string& today) {
  return all(db_.query(queries::select_attestations_of, {numero_ofpra, static_cast<std::int64_t>(limit), today}),
             attestation_from_row);
}

Result<bool> SqlAttestationStore::revoke_attestation(const std::string& id, domain::RevocationReason reason,
                                                     const std::string& by, const std::string& at) {
  return changed_any(db_.run(queries::revoke_attestation, {id, at, std::string(to_string(reason)), by}));
}

}  // namespace ofpra::store::sql
