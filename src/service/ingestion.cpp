#include "service/ingestion.hpp"

#include "auth/secret_hash.hpp"
#include "domain/registry_record.hpp"
#include "journal/chain.hpp"

#include <sstream>

namespace ofpra::service {
namespace {

constexpr auto key_lifetime = std::chrono::hours(24);

PersonWritten written(const store::RegistryWriteCounts& c) {
  PersonWritten w;
  w.events = c.events;
  w.outcome = c.added > 0 ? PersonWrite::created : c.changed > 0 ? PersonWrite::changed : PersonWrite::unchanged;
  return w;
}

}  // namespace

std::string written_by_client(const std::string& client_id) { return "api:" + client_id; }

domain::Result<ClientCredentials> add_registry_client(store::Database& db, const std::string& name, env::Random& random,
                                                      const env::Clock& clock) {
  if (name.empty() || name.size() > 200) return domain::Error{"must be 1 to 200 characters", "name"};
  ClientCredentials credentials{std::string(registry_client_prefix) + env::random_hex(random, 12),
                                auth::new_secret(random)};
  auto hash = auth::hash_secret(credentials.client_secret);
  if (!hash) return domain::unavailable_error("could not hash the client secret (out of memory)");
  store::RegistryClient client{credentials.client_id, name, std::move(*hash), env::format_utc(clock.now())};
  if (auto s = db.ingestion().put_registry_client(client); !s) return s.error();
  return credentials;
}

domain::Result<bool> registry_client_active(const IngestionContext& c, const std::string& client_id) {
  auto client = c.db.ingestion().find_registry_client(client_id);
  if (!client) return client.error();
  return client->has_value() && !(*client)->revoked;
}

std::variant<PersonWritten, LineError, domain::Error> put_person(const IngestionContext& c,
                                                                 const std::string& client_id,
                                                                 const std::string& numero, std::string_view body) {
  auto person = domain::parse_registry_record(body);
  if (!person) return LineError{1, person.error().field, person.error().message};
  if (person->numero_ofpra != numero) return LineError{1, "numero_ofpra", "must be the number the address names"};
  auto writer = c.db.registry().begin_write(written_by_client(client_id));
  if (!writer) return writer.error();
  if (auto s = (*writer)->put(*person); !s) return s.error();
  if (auto s = (*writer)->commit(); !s) return s.error();
  c.written();
  return written((*writer)->counts());
}

domain::Result<PersonWritten> remove_person(const IngestionContext& c, const std::string& client_id,
                                            const std::string& numero) {
  auto writer = c.db.registry().begin_write(written_by_client(client_id));
  if (!writer) return writer.error();
  auto removed = (*writer)->remove(numero);
  if (!removed) return removed.error();
  if (!*removed) return PersonWritten{PersonWrite::absent, 0};
  if (auto s = (*writer)->commit(); !s) return s.error();
  c.written();
  return PersonWritten{PersonWrite::removed, (*writer)->counts().events};
}

domain::Result<ImportReport> put_batch(const IngestionContext& c, const std::string& client_id, std::string_view body) {
  std::istringstream in{std::string(body)};
  ImportOptions options;
  options.written_by = written_by_client(client_id);
  auto report = import_registry(in, c.db.registry(), options);
  if (report && report->committed) c.written();
  return report;
}

std::variant<KeptReply, Replayed, KeyRefusal, domain::Error> once_per_key(const IngestionContext& c,
                                                                          const std::string& client_id,
                                                                          const std::string& key,
                                                                          std::string_view request,
                                                                          const std::function<KeptReply()>& work) {
  const auto hash = journal::sha256_hex(request);
  const auto now = c.clock.now();
  auto held =
      c.db.ingestion().reserve_key(client_id, key, hash, env::format_utc(now), env::format_utc(now - key_lifetime));
  if (!held) return held.error();
  if (*held) {
    if ((*held)->request_hash != hash) return KeyRefusal::reused;
    if ((*held)->status == 0) return KeyRefusal::in_progress;
    return Replayed{{(*held)->status, std::move((*held)->body)}};
  }
  auto reply = work();
  auto kept = reply.status >= 500 ? c.db.ingestion().release_key(client_id, key)
                                  : c.db.ingestion().settle_key(client_id, key, reply.status, reply.body);
  // The write is done: a reply that could not be kept is still the truth to answer.
  (void)kept;
  return reply;
}

}  // namespace ofpra::service
