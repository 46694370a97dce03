#pragma once
// OFPRA's own information system writing the registry through the API (docs/REGISTRY-HISTORY.md):
// a client of its own kind with the one scope `registre.ecriture`, writing a person at a time or
// a batch of JSON Lines with the import's validation, each write kept in the history with its
// events. Nothing here discloses anything: these writes are not journaled, the history says who
// wrote what.
#include "domain/result.hpp"
#include "env/clock.hpp"
#include "env/random.hpp"
#include "service/import.hpp"
#include "service/partners.hpp"
#include "store/database.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <variant>

namespace ofpra::service {

inline constexpr std::string_view registry_write_scope = "registre.ecriture";
// Registry clients' ids begin so; partners' never do ("pc_").
inline constexpr std::string_view registry_client_prefix = "rc_";

// A new registry client; the secret is shown once. Errors: "name".
domain::Result<ClientCredentials> add_registry_client(store::Database& db, const std::string& name, env::Random& random,
                                                      const env::Clock& clock);

// The name the history gives a client's writes.
std::string written_by_client(const std::string& client_id);

struct IngestionContext {
  store::Database& db;
  const env::Clock& clock;
  // After each committed write: this node reloads its registry at once (the others learn of it
  // through the change feed, or their next poll).
  std::function<void()> written = [] {};
};

// Whether the client exists and is not revoked (its tokens are honoured).
domain::Result<bool> registry_client_active(const IngestionContext& c, const std::string& client_id);

enum class PersonWrite { created, changed, unchanged, removed, absent };

struct PersonWritten {
  PersonWrite outcome = PersonWrite::unchanged;
  std::int64_t events = 0;
};

// The record for the person `numero` (its numero_ofpra must be that one). A bad record is a
// LineError (line 1) naming its field; a store failure an Error.
std::variant<PersonWritten, LineError, domain::Error> put_person(const IngestionContext& c,
                                                                 const std::string& client_id,
                                                                 const std::string& numero, std::string_view body);
domain::Result<PersonWritten> remove_person(const IngestionContext& c, const std::string& client_id,
                                            const std::string& numero);
// JSON Lines, all or nothing, as `import` takes them.
domain::Result<ImportReport> put_batch(const IngestionContext& c, const std::string& client_id, std::string_view body);

// What an idempotent request answered: the reply is kept as given, replayed as it was.
struct KeptReply {
  unsigned status = 0;
  std::string body;
};
enum class KeyRefusal { in_progress, reused };  // the first is under way; the key went with another request
struct Replayed {
  KeptReply reply;
};

// Runs work once for the client's key (an Idempotency-Key, kept 24 hours): the same request again
// gets the reply kept the first time; another request with that key is refused. A reply of 500 or
// more is not kept (the key is freed: nothing was written).
std::variant<KeptReply, Replayed, KeyRefusal, domain::Error> once_per_key(const IngestionContext& c,
                                                                          const std::string& client_id,
                                                                          const std::string& key,
                                                                          std::string_view request,
                                                                          const std::function<KeptReply()>& work);

}  // namespace ofpra::service
