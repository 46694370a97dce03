#include "app/serve_parts.hpp"

#include "http/access_log.hpp"
#include "service/smtp_sender.hpp"

namespace ofpra::app {

std::unique_ptr<Storage> Storage::open(const ServeConfig& config, int& exit_code) {
  auto s = std::make_unique<Storage>();
  auto keys = keys_dir_or_report(config.db, config.keys_dir, exit_code);
  if (!keys) return nullptr;
  s->keys = *keys;
  s->db = open_database_or_report(config.db, exit_code, true, true);
  if (!s->db) return nullptr;
  const auto url = store::parse_database_url(config.db);
  // Nodes on one PostgreSQL database count against shared limits; a SQLite node counts alone
  // (in memory), as it serves alone.
  s->shared = url && url->kind == store::DatabaseUrl::Kind::postgresql;
  if (s->shared) s->shared_counts.emplace(s->db->limits());
  return s;
}

domain::Result<std::unique_ptr<RegistryPart>> RegistryPart::load(const ServeConfig& config, Storage& storage) {
  std::optional<std::filesystem::path> file;
  if (config.snapshot_file != "off")
    file =
        config.snapshot_file.empty() ? storage.keys / "registry.snapshot" : std::filesystem::path(config.snapshot_file);
  auto part = std::make_unique<RegistryPart>(storage.db->registry(), std::move(file));
  if (auto loaded = part->registry.load(); !loaded)
    return domain::Error{"the registry cannot be loaded: " + loaded.error().message, "db"};
  http::log_event("info", part->registry.loaded_from_file() ? "registry snapshot read from its file"
                                                            : "registry snapshot loaded from the store");
  part->monitor.emplace(*storage.db, part->registry, env::system_clock(),
                        service::StoreMonitorOptions{std::chrono::milliseconds(config.monitor_period_ms),
                                                     storage.shared, http::log_event});
  return part;
}

domain::Result<std::unique_ptr<JournalPart>> JournalPart::start(Storage& storage) {
  // The journal's signing key is created on first start.
  auto signer = journal::Signer::load_or_create(storage.keys);
  if (!signer) return signer.error();
  auto part = std::make_unique<JournalPart>(std::move(*signer));
  auto writer = journal::JournalWriter::start(storage.db->journal(), part->signer, env::system_clock());
  if (!writer) return domain::Error{"the journal cannot be opened: " + writer.error().message, "db"};
  part->writer = std::move(*writer);
  return part;
}

// A person sends a code to a verifier or two, rarely more: ten a day is generous, and keeps the
// portal from being made to send mail at will.
constexpr std::int64_t share_code_emails_per_day = 10;
// A few journeys an hour from one address; more is someone filling the figures.
constexpr std::int64_t opinions_per_hour = 10;
// Habilitation request forms sent (filed, followed, amended) from one address in an hour: an
// organisation needs a few; more would use the outbox to write to addresses typed by anyone.
constexpr std::int64_t request_forms_per_hour = 20;

AccessPart::AccessPart(auth::Ed25519Key key, auth::CodeHasher code_hasher, const ServeConfig& config, Storage& storage)
    : issuer(std::move(key), config.public_url, std::chrono::seconds(config.token_lifetime)),
      codes(code_hasher),
      access(storage.db->partners()),
      partner_limits(config.rate_limit, std::chrono::seconds(config.rate_window), env::system_clock(), storage.counts(),
                     "partner"),
      share_code_failures(config.share_code_failures, std::chrono::seconds(config.failure_window), env::system_clock(),
                          storage.counts(), "share-code"),
      login_failures(config.login_failures, std::chrono::seconds(config.failure_window), env::system_clock(),
                     storage.counts(), "login"),
      token_failures(config.token_failures, std::chrono::seconds(config.failure_window), env::system_clock(),
                     storage.counts(), "token-failure"),
      code_requests(config.code_requests_per_hour, std::chrono::hours(1), env::system_clock(), storage.counts(),
                    "code-request"),
      code_guesses(config.code_guesses_per_day, std::chrono::hours(24), env::system_clock(), storage.counts(),
                   "code-guess"),
      share_code_emails(share_code_emails_per_day, std::chrono::hours(24), env::system_clock(), storage.counts(),
                        "share-code-email"),
      opinions(opinions_per_hour, std::chrono::hours(1), env::system_clock(), storage.counts(), "opinion"),
      request_forms(request_forms_per_hour, std::chrono::hours(1), env::system_clock(), storage.counts(),
                    "request-form"),
      sign_in_starts(config.sign_in_starts, std::chrono::minutes(10), env::system_clock(), storage.counts(),
                     "sign-in-start"),
      attestation_checks(config.attestation.checks_per_minute, std::chrono::minutes(1), env::system_clock(),
                         storage.counts(), "attestation-check") {}

domain::Result<std::unique_ptr<AccessPart>> AccessPart::open(const ServeConfig& config, Storage& storage,
                                                             RegistryPart& registry) {
  auto key = auth::Ed25519Key::load_or_create(storage.keys, "token-ed25519");
  if (!key) return key.error();
  auto codes = auth::CodeHasher::load_or_create(storage.keys);
  if (!codes) return codes.error();
  auto part = std::make_unique<AccessPart>(std::move(*key), std::move(*codes), config, storage);
  // On PostgreSQL, other nodes' changes are announced: partner access is then not read back on
  // every request, and the registry is reloaded as soon as it changed.
  auto* access = &part->access;
  auto* monitor = &*registry.monitor;
  part->feed = storage.db->watch_changes([access, monitor](std::string_view what) {
    if (what == "access")
      access->changed();
    else
      monitor->poke();
  });
  if (part->feed) part->access.follow(*part->feed);
  return part;
}

std::unique_ptr<OutboxPart> OutboxPart::create(const ServeConfig& config, Storage& storage) {
  auto part = std::make_unique<OutboxPart>();
  if (!config.smtp_url.empty()) {
    part->sender = service::smtp_sender(
        {config.smtp_url, config.smtp_from, config.smtp_user, config.smtp_password, config.sms_domain});
  } else {
    const auto folder = config.outbox_dir.empty() ? storage.keys / "outbox" : std::filesystem::path(config.outbox_dir);
    part->sender = service::file_sender(folder);
    part->demo_folder = std::filesystem::absolute(folder).string();
    http::log_event("info", "no SMTP relay configured: one-time codes are written to files in the outbox folder");
  }
  part->dispatcher.emplace(storage.db->portal(), *part->sender);
  return part;
}

void add_service_metrics(http::Metrics& metrics, const service::StoreMonitor& monitor,
                         const journal::JournalWriter& writer, const service::OutboxDispatcher& outbox) {
  metrics.add_gauge("ofpra_registry_persons", "Persons in the registry.",
                    [&monitor] { return static_cast<double>(monitor.persons()); });
  metrics.add_gauge("ofpra_registry_snapshot_bytes", "Memory held by the registry snapshot and its indexes.",
                    [&monitor] { return static_cast<double>(monitor.snapshot_bytes()); });
  metrics.add_gauge("ofpra_store_up", "1 when the last probe of the database succeeded.",
                    [&monitor] { return monitor.store_up() ? 1.0 : 0.0; });
  metrics.add_gauge("ofpra_store_schema_version", "Schema version of the database.",
                    [&monitor] { return static_cast<double>(monitor.schema_version()); });
  metrics.add_gauge("ofpra_journal_entries_written", "Journal entries committed since start.",
                    [&writer] { return static_cast<double>(writer.stats().entries); });
  metrics.add_gauge("ofpra_journal_commits", "Journal transactions (group commits) since start.",
                    [&writer] { return static_cast<double>(writer.stats().batches); });
  metrics.add_gauge("ofpra_journal_failures", "Journal entries that could not be written since start.",
                    [&writer] { return static_cast<double>(writer.stats().failures); });
  metrics.add_gauge("ofpra_journal_writable",
                    "1 when the journal can be written (answers are given); 0 while they are refused.", [&writer] {
                      const auto s = writer.stats();
                      return s.last_batch_failed || s.tail_mismatch ? 0.0 : 1.0;
                    });
  metrics.add_gauge("ofpra_outbox_delivering", "1 when the last one-time code was handed to the relay.",
                    [&outbox] { return outbox.delivering() ? 1.0 : 0.0; });
  metrics.add_gauge("ofpra_journal_pending", "Journal entries waiting for the next commit.",
                    [&writer] { return static_cast<double>(writer.stats().pending); });
  metrics.add_histogram("ofpra_journal_commit_duration_seconds",
                        "Journal transactions (group commits, with their sync) by duration, since start.", [&writer] {
                          const auto s = writer.stats();
                          http::Metrics::Histogram h;
                          h.bounds.assign(journal::commit_duration_bounds.begin(),
                                          journal::commit_duration_bounds.end());
                          h.counts.assign(s.commit_durations.begin(), s.commit_durations.end());
                          h.sum = s.commit_seconds;
                          for (auto n : s.commit_durations) h.count += n;
                          return h;
                        });
}

}  // namespace ofpra::app
