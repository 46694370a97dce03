#pragma once
// The parts `serve` is assembled from, each built from the configuration and started in this
// order, stopped in the reverse: the stores and keys; the registry snapshot and its monitor; the
// journal; partner access (tokens, clients, limits, the change feed); the outbox; the HTTP front
// (pages, API, probes) with its blocking pool. A part keeps references to the parts before it.
#include "app/config.hpp"
#include "auth/code_hasher.hpp"
#include "auth/rate_limit.hpp"
#include "auth/tokens.hpp"
#include "env/task_pool.hpp"
#include "http/metrics.hpp"
#include "journal/signer.hpp"
#include "journal/writer.hpp"
#include "service/access_cache.hpp"
#include "service/outbox.hpp"
#include "service/registry_snapshot.hpp"
#include "service/shared_counts.hpp"
#include "service/store_monitor.hpp"
#include "store/database.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace ofpra::app {

// The database, the keys folder, and whether several nodes share the database (PostgreSQL).
struct Storage {
  std::filesystem::path keys;
  std::unique_ptr<store::Database> db;
  bool shared = false;
  std::optional<service::DatabaseCounts> shared_counts;  // the limits' counts, when shared
  auth::SharedCounts* counts() { return shared_counts ? &*shared_counts : nullptr; }

  // Null after printing why (and setting exit_code) when the keys or the database are missing.
  static std::unique_ptr<Storage> open(const ServeConfig& config, int& exit_code);
};

// The registry in memory, loaded before the service listens, and the thread that keeps it in
// step with the store.
struct RegistryPart {
  service::Registry registry;
  std::optional<service::StoreMonitor> monitor;

  RegistryPart(store::RegistryStore& store, std::optional<std::filesystem::path> file)
      : registry(store, std::move(file)) {}
  static domain::Result<std::unique_ptr<RegistryPart>> load(const ServeConfig& config, Storage& storage);
};

// Without a journal nothing may be disclosed: failing to open it stops the service.
struct JournalPart {
  journal::Signer signer;
  std::unique_ptr<journal::JournalWriter> writer;

  explicit JournalPart(journal::Signer s) : signer(std::move(s)) {}
  static domain::Result<std::unique_ptr<JournalPart>> start(Storage& storage);
};

// Who may ask, how often: the token issuer, API clients and habilitations, the rate limits and
// the failure limits; on PostgreSQL, the change feed that tells of other nodes' changes.
struct AccessPart {
  auth::TokenIssuer issuer;
  auth::CodeHasher codes;  // share codes' and one-time codes' keyed hashes
  service::AccessCache access;
  auth::RateLimiter partner_limits;
  auth::RateLimiter share_code_failures;
  auth::RateLimiter login_failures;
  auth::RateLimiter token_failures;      // failed token requests, per address and per client at one
  auth::RateLimiter code_requests;       // one-time codes asked, per number and per address, an hour
  auth::RateLimiter code_guesses;        // wrong one-time codes, per number, a day
  auth::RateLimiter share_code_emails;   // share codes sent to verifiers, per number, a day
  auth::RateLimiter opinions;            // "Je donne mon avis" answers, per address, an hour
  auth::RateLimiter request_forms;       // habilitation request forms sent, per address, an hour
  auth::RateLimiter sign_in_starts;      // FranceConnect and ProConnect sign-ins started, per address
  auth::RateLimiter attestation_checks;  // attestations verified online, per address, a minute
  std::unique_ptr<store::ChangeFeed> feed;

  AccessPart(auth::Ed25519Key key, auth::CodeHasher code_hasher, const ServeConfig& config, Storage& storage);
  static domain::Result<std::unique_ptr<AccessPart>> open(const ServeConfig& config, Storage& storage,
                                                          RegistryPart& registry);
};

// One-time codes leave through the outbox: by SMTP in production, as files in the demo.
struct OutboxPart {
  std::unique_ptr<service::Sender> sender;
  std::optional<service::OutboxDispatcher> dispatcher;
  std::string demo_folder;  // where the files land, shown on the activation page; empty with SMTP

  static std::unique_ptr<OutboxPart> create(const ServeConfig& config, Storage& storage);
};

// The gauges of the store, the registry and the journal, for /metrics.
void add_service_metrics(http::Metrics& metrics, const service::StoreMonitor& monitor,
                         const journal::JournalWriter& writer, const service::OutboxDispatcher& outbox);

}  // namespace ofpra::app
