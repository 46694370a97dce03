// serve: the HTTP service.
#include "api/introspect.hpp"
#include "api/oauth.hpp"
#include "api/verifications.hpp"
#include "app/commands.hpp"
#include "app/config.hpp"
#include "auth/tokens.hpp"
#include "env/random.hpp"
#include "env/task_pool.hpp"
#include "env/thread_name.hpp"
#include "http/access_log.hpp"
#include "http/operations.hpp"
#include "http/server.hpp"
#include "journal/signer.hpp"
#include "journal/writer.hpp"
#include "service/outbox.hpp"
#include "service/person_accounts.hpp"
#include "service/registry_snapshot.hpp"
#include "service/shared_counts.hpp"
#include "service/smtp_sender.hpp"
#include "store/database.hpp"
#include "web/pages.hpp"
#include "web/portal.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace ofpra::app {
namespace {

// Watches the store from its own thread so that probes and metrics read cached figures and
// never block an io thread on the database; it also replaces the registry snapshot when the
// store's registry changed (an import by another process).
class StoreMonitor {
 public:
  // shared_limits: the limits' counts are in the database, and expired windows are forgotten here.
  StoreMonitor(store::Database& db, service::Registry& registry, bool shared_limits)
      : db_(db), registry_(registry), shared_limits_(shared_limits) {
    refresh();
  }
  ~StoreMonitor() { stop(); }

  void start() {
    thread_ = std::thread([this] {
      env::name_this_thread("store-monitor");
      std::unique_lock lock(mutex_);
      while (!stopping_) {
        wake_.wait_for(lock, std::chrono::seconds(2), [this] { return stopping_ || poked_; });
        poked_ = false;
        if (stopping_) break;
        lock.unlock();
        refresh();
        lock.lock();
      }
    });
  }

  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

  // Refreshes now rather than at the end of the period (a change feed's notice).
  void poke() {
    {
      std::lock_guard lock(mutex_);
      poked_ = true;
    }
    wake_.notify_all();
  }

  bool store_up() const { return up_; }
  std::int64_t persons() const { return persons_; }
  int schema_version() const { return schema_; }

 private:
  void refresh() {
    up_ = static_cast<bool>(db_.ping());
    if (auto changed = registry_.refresh(); changed && *changed) http::log_event("info", "registry snapshot reloaded");
    if (auto snapshot = registry_.current()) {
      persons_ = static_cast<std::int64_t>(snapshot->size());
      snapshot_bytes_ = static_cast<std::int64_t>(snapshot->memory_bytes());
    }
    if (auto v = db_.schema_version()) schema_ = *v;
    if (shared_limits_) {
      const auto now = std::chrono::duration_cast<std::chrono::seconds>(env::system_clock().now().time_since_epoch());
      (void)db_.limits().forget_windows(now.count());
    }
  }

 public:
  std::int64_t snapshot_bytes() const { return snapshot_bytes_; }

 private:
  store::Database& db_;
  service::Registry& registry_;
  bool shared_limits_;
  std::atomic<std::int64_t> snapshot_bytes_{0};
  std::atomic<bool> up_{false};
  std::atomic<std::int64_t> persons_{0};
  std::atomic<int> schema_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool poked_ = false;
  std::thread thread_;
};

void run_serve(ServeConfig config, int& exit_code) {
  if (const char* password = std::getenv("OFPRA_CONNECT_SMTP_PASSWORD")) config.smtp_password = password;
  http::ServerOptions options;
  if (!split_listen(config.listen, options.host, options.port)) {
    std::cerr << "error: --listen must be HOST:PORT, such as 127.0.0.1:8080\n";
    exit_code = exit_usage;
    return;
  }
  options.threads = config.threads;
  options.body_limit = config.body_limit;

  auto keys = keys_dir_or_report(config.db, config.keys_dir, exit_code);
  if (!keys) return;
  auto db = open_database_or_report(config.db, exit_code);
  if (!db) return;

  // The journal's signing key is created on first start; without a journal nothing may be
  // disclosed, so failing here stops the service.
  auto signer = journal::Signer::load_or_create(*keys);
  if (!signer) {
    std::cerr << "error: " << signer.error().message << "\n";
    exit_code = exit_failure;
    return;
  }
  // Answers come from the registry in memory: it is loaded before the service listens.
  std::optional<std::filesystem::path> snapshot_file;
  if (config.snapshot_file != "off")
    snapshot_file =
        config.snapshot_file.empty() ? *keys / "registry.snapshot" : std::filesystem::path(config.snapshot_file);
  service::Registry registry(db->registry(), snapshot_file);
  if (auto loaded = registry.load(); !loaded) {
    std::cerr << "error: the registry cannot be loaded: " << loaded.error().message << "\n";
    exit_code = exit_failure;
    return;
  }
  http::log_event("info", registry.loaded_from_file() ? "registry snapshot read from its file"
                                                      : "registry snapshot loaded from the store");
  // Nodes on one PostgreSQL database count against shared limits; a SQLite node counts alone
  // (in memory), as it serves alone.
  const auto url = store::parse_database_url(config.db);
  const bool on_postgres = url && url->kind == store::DatabaseUrl::Kind::postgresql;
  std::optional<service::DatabaseCounts> shared_counts;
  if (on_postgres) shared_counts.emplace(db->limits());
  StoreMonitor monitor(*db, registry, shared_counts.has_value());

  auto journal_writer = journal::JournalWriter::start(db->journal(), *signer, env::system_clock());
  if (!journal_writer) {
    std::cerr << "error: the journal cannot be opened: " << journal_writer.error().message << "\n";
    exit_code = exit_failure;
    return;
  }
  auto& writer = **journal_writer;

  auto site = web::Site::create(config.dsfr_dir.empty() ? default_dsfr_dir() : config.dsfr_dir,
                                {[&monitor] { return monitor.persons(); }});
  if (!site) {
    std::cerr << "error: " << site.error().message << "\n";
    exit_code = exit_failure;
    return;
  }

  std::atomic<bool> stopping{false};
  http::Metrics metrics;
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

  http::Router router;
  http::add_operations_routes(router, metrics, [&]() -> http::Readiness {
    if (stopping) return {false, "Le service s'arrête."};
    if (!monitor.store_up()) return {false, "La base de données ne répond pas."};
    if (writer.stats().last_batch_failed) return {false, "Le journal ne peut pas être écrit."};
    return {true, {}};
  });
  (*site)->add_routes(router);

  auto token_key = auth::Ed25519Key::load_or_create(*keys, "token-ed25519");
  if (!token_key) {
    std::cerr << "error: " << token_key.error().message << "\n";
    exit_code = exit_failure;
    return;
  }
  const auth::TokenIssuer issuer(std::move(*token_key), config.public_url, std::chrono::seconds(300));

  http::AccessLog log(config.access_log);
  http::Server server(options, router, metrics, log, env::secure_random());
  // Blocking work (hashing, the store) answers into the server: it is stopped, and the journal
  // drained, before the server goes away (see the end of this function).
  // SQLite serialises its calls, so two threads keep it busy; PostgreSQL calls wait on the
  // network, so as many threads as pooled connections.
  env::TaskPool blocking(on_postgres ? store::OpenOptions{}.pool_size : 2);
  const service::TokenContext tokens{*db, issuer, env::system_clock(), env::secure_random()};
  const api::OAuthContext oauth{tokens, blocking};
  api::add_oauth_routes(router, oauth);
  auth::SharedCounts* shared = shared_counts ? &*shared_counts : nullptr;
  auth::RateLimiter limits(config.rate_limit, std::chrono::seconds(config.rate_window), env::system_clock(), shared,
                           "partner");
  service::AccessCache access(db->partners());
  // On PostgreSQL, other nodes' changes are announced: partner access is then not read back on
  // every request, and the registry is reloaded as soon as it changed.
  auto feed = db->watch_changes([&access, &monitor](std::string_view what) {
    if (what == "access")
      access.changed();
    else
      monitor.poke();
  });
  if (feed) access.follow(*feed);
  // Wrong share codes: 20 per quarter hour from one client or address, then a pause.
  auth::RateLimiter share_code_failures(20, std::chrono::minutes(15), env::system_clock(), shared, "share-code");
  const service::DoorContext door{
      *db, access, registry, writer, env::system_clock(), share_code_failures, config.processing_delay_months};
  const api::VerificationRoutes verification_routes{door, issuer, blocking, limits};
  api::add_verification_routes(router, verification_routes);
  const api::IntrospectionRoutes introspection{access, issuer, blocking, env::system_clock(), limits};
  api::add_introspection_routes(router, introspection);

  // The portal: one-time codes leave through the outbox, by SMTP in production, as files in
  // the demo and tests.
  std::unique_ptr<service::Sender> sender;
  std::string demo_outbox;
  if (!config.smtp_url.empty()) {
    sender = service::smtp_sender(
        {config.smtp_url, config.smtp_from, config.smtp_user, config.smtp_password, config.sms_domain});
  } else {
    const auto folder = config.outbox_dir.empty() ? *keys / "outbox" : std::filesystem::path(config.outbox_dir);
    sender = service::file_sender(folder);
    demo_outbox = std::filesystem::absolute(folder).string();
    http::log_event("info", "no SMTP relay configured: one-time codes are written to files in the outbox folder");
  }
  service::OutboxDispatcher outbox(db->portal(), *sender);
  // Wrong passwords: 30 per quarter hour from one address, then a pause.
  auth::RateLimiter login_failures(30, std::chrono::minutes(15), env::system_clock(), shared, "login");
  const bool secure_cookies = config.public_url.starts_with("https://");
  // The message goes out in her language when the registry knows it, else in the page's.
  const service::AccountContext accounts{
      *db, env::secure_random(), env::system_clock(), login_failures, web::compose_code_message, [&outbox] {
        outbox.wake();
      }};
  const web::PortalContext portal{accounts, door, blocking, secure_cookies, demo_outbox};
  web::add_portal_routes(router, portal);
  auto port = server.listen();
  if (!port) {
    std::cerr << "error: " << port.error().message << "\n";
    exit_code = exit_failure;
    return;
  }
  monitor.start();
  outbox.start();
  http::log_event(
      "info",
      fmt::format("listening on http://{}:{}",
                  options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host, *port));
  server.run([&] { stopping = true; });
  blocking.close();  // finishes the jobs in hand; the journal's late callbacks find it closed
  outbox.stop();
  journal_writer->reset();  // commits what is queued and calls back into the live server
  monitor.stop();
  http::log_event("info", "stopped");
}

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
  auto config = std::make_shared<ServeConfig>();
  auto* serve = app.add_subcommand("serve", "Serve the API and the web pages");
  add_db_option(*serve, config->db);
  serve->add_option("--listen", config->listen, "HOST:PORT to listen on (port 0 picks a free one)")
      ->envname("OFPRA_CONNECT_LISTEN")
      ->capture_default_str();
  serve->add_option("--dsfr-dir", config->dsfr_dir, "Folder of the DSFR distribution (@gouvfr/dsfr/dist)")
      ->envname("OFPRA_CONNECT_DSFR_DIR");
  serve->add_option("--threads", config->threads, "I/O threads (0: one per core)")->envname("OFPRA_CONNECT_THREADS");
  serve->add_option("--access-log", config->access_log, "Write one JSON line per request on standard output")
      ->envname("OFPRA_CONNECT_ACCESS_LOG")
      ->capture_default_str();
  serve->add_option("--body-limit", config->body_limit, "Largest request body accepted, in bytes")
      ->envname("OFPRA_CONNECT_BODY_LIMIT")
      ->capture_default_str();
  add_keys_dir_option(*serve, config->keys_dir);
  serve->add_option("--public-url", config->public_url, "The service's public address, the tokens' issuer")
      ->envname("OFPRA_CONNECT_PUBLIC_URL")
      ->capture_default_str();
  serve->add_option("--rate-limit", config->rate_limit, "Requests each partner may make per window")
      ->envname("OFPRA_CONNECT_RATE_LIMIT")
      ->check(CLI::Range(1, 100000000))
      ->capture_default_str();
  serve->add_option("--rate-window", config->rate_window, "Length of the rate-limit window, in seconds")
      ->envname("OFPRA_CONNECT_RATE_WINDOW")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
  serve
      ->add_option("--processing-delay-months", config->processing_delay_months,
                   "OFPRA's published processing delay of a civil-status file, in months")
      ->envname("OFPRA_CONNECT_PROCESSING_DELAY_MONTHS")
      ->check(CLI::Range(1, 120))
      ->capture_default_str();
  serve
      ->add_option("--snapshot-file", config->snapshot_file,
                   "File keeping the registry snapshot between starts (default: registry.snapshot in the "
                   "keys folder; off: none)")
      ->envname("OFPRA_CONNECT_SNAPSHOT_FILE");
  serve
      ->add_option("--outbox-dir", config->outbox_dir,
                   "Without SMTP: folder where one-time codes are written (default: outbox in the keys folder)")
      ->envname("OFPRA_CONNECT_OUTBOX_DIR");
  serve->add_option("--smtp-url", config->smtp_url, "SMTP relay for one-time codes, smtp://host:587 or smtps://host")
      ->envname("OFPRA_CONNECT_SMTP_URL");
  serve->add_option("--smtp-from", config->smtp_from, "Sender address of the messages")
      ->envname("OFPRA_CONNECT_SMTP_FROM")
      ->capture_default_str();
  serve->add_option("--smtp-user", config->smtp_user, "SMTP user (the password comes from OFPRA_CONNECT_SMTP_PASSWORD)")
      ->envname("OFPRA_CONNECT_SMTP_USER");
  serve
      ->add_option("--sms-domain", config->sms_domain,
                   "E-mail-to-SMS gateway domain: a text to +33612345678 goes to +33612345678@DOMAIN")
      ->envname("OFPRA_CONNECT_SMS_DOMAIN");
  serve->callback([config, &exit_code] { run_serve(*config, exit_code); });
}

}  // namespace ofpra::app
