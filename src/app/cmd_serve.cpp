// serve: the HTTP service, assembled from its parts (app/serve_parts.hpp).
#include "api/attestations.hpp"
#include "api/bulk.hpp"
#include "api/demandes.hpp"
#include "api/introspect.hpp"
#include "api/journal_key.hpp"
#include "api/oauth.hpp"
#include "api/registry.hpp"
#include "api/statistics.hpp"
#include "api/subscriptions.hpp"
#include "api/verifications.hpp"
#include "app/commands.hpp"
#include "app/config.hpp"
#include "app/serve_parts.hpp"
#include "env/random.hpp"
#include "env/task_pool.hpp"
#include "http/access_log.hpp"
#include "http/operations.hpp"
#include "http/server.hpp"
#include "oidc/pending_logins.hpp"
#include "oidc/relying_party.hpp"
#include "service/alert_monitor.hpp"
#include "service/counter.hpp"
#include "service/disclosure.hpp"
#include "service/person_accounts.hpp"
#include "web/pages.hpp"
#include "web/portal.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>

#include <unistd.h>

namespace ofpra::app {
namespace {

std::string host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "localhost";
  return name;
}

// Prints why the service cannot start, and sets the exit code.
void report(const domain::Error& error, int& exit_code) {
  std::cerr << "error: " << error.message << "\n";
  exit_code = exit_failure;
}

void run_serve(ServeConfig config, int& exit_code) {
  if (const char* password = std::getenv("OFPRA_CONNECT_SMTP_PASSWORD")) config.smtp_password = password;
  if (const char* secret = std::getenv("OFPRA_CONNECT_FRANCECONNECT_SECRET")) config.franceconnect_secret = secret;
  if (const char* secret = std::getenv("OFPRA_CONNECT_PROCONNECT_SECRET")) config.proconnect_secret = secret;
  std::map<domain::Scope, int> scope_levels;
  for (const auto& rule : config.counter_scope_levels) {
    const auto eq = rule.find('=');
    const auto scope = domain::parse_scope(rule.substr(0, eq));
    const auto level = eq == std::string::npos ? 0 : service::assurance_level(rule.substr(eq + 1));
    if (!scope || level == 0) {
      std::cerr << "error: --counter-scope-level must be SCOPE=LEVEL, such as etat_civil.famille=eidas2\n";
      exit_code = exit_usage;
      return;
    }
    scope_levels[*scope] = level;
  }
  http::ServerOptions options;
  if (!split_listen(config.listen, options.host, options.port)) {
    std::cerr << "error: --listen must be HOST:PORT, such as 127.0.0.1:8080\n";
    exit_code = exit_usage;
    return;
  }
  options.threads = config.threads;
  options.body_limit = config.body_limit;
  options.https = config.public_url.starts_with("https://");
  auto proxies = http::TrustedProxies::parse(config.trusted_proxies);
  if (!proxies) {
    std::cerr << "error: --trusted-proxies " << proxies.error().message << "\n";
    exit_code = exit_usage;
    return;
  }
  options.trusted_proxies = std::move(*proxies);

  // The parts, in order (app/serve_parts.hpp); each is stopped before those it depends on.
  auto storage = Storage::open(config, exit_code);
  if (!storage) return;
  auto registry = RegistryPart::load(config, *storage);
  if (!registry) return report(registry.error(), exit_code);
  auto journal = JournalPart::start(*storage);
  if (!journal) return report(journal.error(), exit_code);
  auto access = AccessPart::open(config, *storage, **registry);
  if (!access) return report(access.error(), exit_code);
  auto outbox = OutboxPart::create(config, *storage);
  // The attestations' authority: created in the keys folder on first start, rotated by command.
  auto attestation_authority =
      attest::Authority::load_or_create(storage->keys, config.attestation.authority, env::system_clock());
  if (!attestation_authority) return report(attestation_authority.error(), exit_code);
  constexpr std::size_t attestation_upload = 8 << 20;
  options.upload_paths = {{std::string(api::attestation_verification_path), attestation_upload},
                          {"/verifier-attestation", attestation_upload},
                          {std::string(api::registry_batch_path), api::registry_batch_limit},
                          {std::string(api::bulk_path), api::bulk_body_limit}};
  auto& db = *storage->db;
  auto& monitor = *(*registry)->monitor;
  auto& writer = *(*journal)->writer;
  auto& partners = **access;

  // The HTTP front: probes and metrics, the public pages, the API, the portal.
  auto site = web::Site::create(config.dsfr_dir.empty() ? default_dsfr_dir() : config.dsfr_dir,
                                {[&monitor] { return monitor.persons(); }});
  if (!site) return report(site.error(), exit_code);
  std::atomic<bool> stopping{false};
  http::Metrics metrics;
  auto& dispatcher = *outbox->dispatcher;
  add_service_metrics(metrics, monitor, writer, dispatcher);
  // Each change of state of a dependency is logged once, with what the outage cost.
  monitor.watch({{"the journal cannot be written: answers are refused", "the journal is written again",
                  [&writer] { return !writer.stats().last_batch_failed; }},
                 {"the journal's last entry does not match its signed head: answers are refused until an operator "
                  "checks the journal (journal verify) and restarts the service",
                  "the journal matches its head again", [&writer] { return !writer.stats().tail_mismatch; }},
                 {"the outbox cannot hand one-time codes to the relay", "the outbox delivers again",
                  [&dispatcher] { return dispatcher.delivering(); }}},
                [&metrics] { return metrics.unavailable_answers(); });
  http::Router router;
  http::add_operations_routes(
      router, metrics,
      [&]() -> http::Readiness {
        if (stopping) return {false, "Le service s'arrête."};
        if (!monitor.store_up()) return {false, "La base de données ne répond pas."};
        const auto journal_state = writer.stats();
        if (journal_state.tail_mismatch)
          return {false, "Le journal ne correspond plus à sa tête signée : intervention requise."};
        if (journal_state.last_batch_failed) return {false, "Le journal ne peut pas être écrit."};
        return {true, {}};
      },
      {config.metrics_token_sha256});
  (*site)->add_routes(router);

  http::AccessLog log(config.access_log);
  http::Server server(options, router, metrics, log, env::secure_random());
  // Blocking work (hashing, the store) answers into the server: it is stopped, and the journal
  // drained, before the server goes away (see the end of this function).
  // SQLite serialises its calls, so two threads keep it busy; PostgreSQL calls wait on the
  // network, so as many threads as pooled connections.
  env::TaskPool blocking(storage->shared ? static_cast<unsigned>(store::OpenOptions{}.pool_size) : 2U);
  const api::JournalKey journal_key{(*journal)->signer.key_id(), (*journal)->signer.public_key_hex()};
  api::add_journal_key_route(router, journal_key);
  const service::TokenContext tokens{db, partners.issuer, env::system_clock(), env::secure_random(),
                                     &partners.token_failures};
  // One thread: argon2id takes a core for tens of milliseconds, and the pages keep the others.
  env::TaskPool token_pool(1, 64);
  const api::OAuthContext oauth{tokens, token_pool};
  api::add_oauth_routes(router, oauth);
  const service::DoorContext door{db,
                                  partners.access,
                                  (*registry)->registry,
                                  writer,
                                  env::system_clock(),
                                  partners.codes,
                                  partners.share_code_failures,
                                  config.processing_delay_months};
  const api::VerificationRoutes verification_routes{door, partners.issuer, blocking, partners.partner_limits};
  api::add_verification_routes(router, verification_routes);
  const service::DemandeContext demandes{door, env::secure_random(), config.public_url, config.demande_delay_days,
                                         [&dispatcher] { dispatcher.wake(); }};
  const api::PartnerPool partner_pool{partners.issuer, env::system_clock(), blocking, partners.partner_limits};
  const api::DemandeRoutes demande_routes{demandes, partner_pool};
  api::add_demande_routes(router, demande_routes);
  // The public figures: the journal counted at most every --statistics-period-s, whatever the visits.
  service::StatisticsCache statistics({db, env::system_clock(), config.demande_delay_days,
                                       [&metrics] { return metrics.median_bound_seconds("verifications"); }},
                                      std::chrono::seconds(config.statistics_period_s));
  const api::StatisticsRoutes statistics_routes{statistics, blocking};
  api::add_statistics_routes(router, statistics_routes);
  const api::AttestationRoutes attestation_routes{door, *attestation_authority, blocking, partners.attestation_checks};
  api::add_attestation_routes(router, attestation_routes);
  // Subscriptions and their notifications: webhook secrets sealed, deliveries signed, with keys
  // of the keys folder.
  auto webhook_sealer = auth::SecretSealer::load_or_create(storage->keys, "webhooks.seal");
  if (!webhook_sealer) return report(webhook_sealer.error(), exit_code);
  auto webhook_key = auth::Ed25519Key::load_or_create(storage->keys, "webhooks");
  if (!webhook_key) return report(webhook_key.error(), exit_code);
  const notify::AddressPolicy webhook_policy{config.webhooks_allow_loopback};
  auto webhook_transport = notify::curl_transport(webhook_policy);
  const notify::NotifyContext notify_context{
      door, db, *webhook_sealer, *webhook_key, notify::system_resolver(), webhook_policy, env::secure_random()};
  notify::Notifier notifier(
      notify_context, *webhook_transport,
      {std::chrono::milliseconds(config.notify_period_ms), std::chrono::seconds(config.subscription_check_period_s)});
  const api::SubscriptionRoutes subscription_routes{notify_context, notifier, partner_pool};
  api::add_subscription_routes(router, subscription_routes);
  const service::IngestionContext ingestion{db, env::system_clock(), [&monitor, &notifier] {
                                              monitor.poke();
                                              notifier.wake();
                                            }};
  const api::RegistryRoutes registry_routes{ingestion, partners.issuer, blocking};
  api::add_registry_routes(router, registry_routes);
  // Bulk jobs: one worker, named after the host and the port it listens on: restarted there, it
  // takes its jobs back at once.
  notify::BulkContext bulk{door, db, partners.partner_limits, env::secure_random(), {}};
  notify::BulkRunner bulk_runner(bulk);
  const api::BulkRoutes bulk_routes{bulk, bulk_runner, partner_pool};
  api::add_bulk_routes(router, bulk_routes);
  const api::IntrospectionRoutes introspection{partners.access, partners.issuer, blocking, env::system_clock(),
                                               partners.partner_limits};
  api::add_introspection_routes(router, introspection);
  const bool secure_cookies = config.public_url.starts_with("https://");
  // The message goes out in her language when the registry knows it, else in the page's.
  const service::AccountContext accounts{db,
                                         env::secure_random(),
                                         env::system_clock(),
                                         partners.codes,
                                         partners.login_failures,
                                         web::compose_code_message,
                                         [&dispatcher] { dispatcher.wake(); },
                                         {},
                                         &partners.code_requests,
                                         &partners.code_guesses,
                                         &partners.share_code_emails};
  // FranceConnect: the identity pivot's claims, asked by their scopes, as FranceConnect names them.
  std::optional<oidc::RelyingParty> franceconnect;
  service::FranceConnectLogins franceconnect_logins(env::system_clock());
  std::optional<service::FranceConnectContext> franceconnect_context;
  if (!config.franceconnect_issuer.empty()) {
    franceconnect.emplace(
        oidc::ProviderSettings{config.franceconnect_issuer, config.franceconnect_client_id, config.franceconnect_secret,
                               config.public_url + "/connexion/franceconnect/retour",
                               "openid given_name family_name birthdate gender birthplace birthcountry",
                               config.franceconnect_acr},
        oidc::curl_client(), env::secure_random(), env::system_clock());
    franceconnect_context.emplace(
        service::FranceConnectContext{*franceconnect, franceconnect_logins, accounts, (*registry)->registry});
  }
  // ProConnect, one client returning to two places: the counter (an agent's identity and her
  // organisation's SIRET) and the back office (OFPRA's staff, by e-mail).
  const auto proconnect_settings = [&config](const std::string& return_path) {
    return oidc::ProviderSettings{config.proconnect_issuer,
                                  config.proconnect_client_id,
                                  config.proconnect_secret,
                                  config.public_url + return_path,
                                  "openid given_name usual_name email uid siret idp_id",
                                  std::string(service::proconnect_acr_values),
                                  true,
                                  "login"};
  };
  std::optional<oidc::RelyingParty> proconnect, staff_proconnect;
  oidc::PendingLogins counter_logins(env::system_clock(), service::counter_max_pending);
  oidc::PendingLogins staff_logins(env::system_clock(), service::counter_max_pending);
  std::optional<service::CounterContext> counter_context;
  std::optional<service::StaffContext> staff_context;
  if (!config.proconnect_issuer.empty()) {
    proconnect.emplace(proconnect_settings("/guichet/retour"), oidc::curl_client(), env::secure_random(),
                       env::system_clock());
    counter_context.emplace(service::CounterContext{db, *proconnect, counter_logins, env::secure_random(),
                                                    env::system_clock(), scope_levels});
    staff_proconnect.emplace(proconnect_settings("/admin/retour"), oidc::curl_client(), env::secure_random(),
                             env::system_clock());
    staff_context.emplace(
        service::StaffContext{db, *staff_proconnect, staff_logins, env::secure_random(), env::system_clock()});
  }
  const service::RequestContext requests{db, env::system_clock(), env::secure_random(), config.public_url};
  const web::PortalContext portal{accounts,
                                  door,
                                  blocking,
                                  secure_cookies,
                                  outbox->demo_folder,
                                  config.public_url,
                                  &partners.opinions,
                                  franceconnect_context ? &*franceconnect_context : nullptr,
                                  counter_context ? &*counter_context : nullptr,
                                  &partners.sign_in_starts,
                                  &partners.partner_limits,
                                  staff_context ? &*staff_context : nullptr,
                                  &requests,
                                  &partners.request_forms,
                                  journal_key.key_id,
                                  journal_key.public_key_hex,
                                  &demandes,
                                  &statistics,
                                  &*attestation_authority,
                                  config.attestation.validity_days,
                                  &partners.attestation_checks};
  web::add_portal_routes(router, portal);
  // The alert rules over the journal, every --alert-period-ms.
  service::AlertMonitor alerts(db, env::system_clock(), {}, std::chrono::milliseconds(config.alert_period_ms),
                               config.public_url,
                               [](std::string_view message) { http::log_event("warning", std::string(message)); });
  metrics.add_gauge("ofpra_alerts_open", "Alerts over the journal not yet acknowledged",
                    [&alerts] { return static_cast<double>(alerts.open_alerts()); });
  metrics.add_gauge("ofpra_alerts_raised", "Alerts raised since start",
                    [&alerts] { return static_cast<double>(alerts.raised()); });

  auto port = server.listen();
  if (!port) return report(port.error(), exit_code);
  monitor.start();
  dispatcher.start();
  alerts.start();
  bulk.node = host_name() + ":" + std::to_string(*port);
  bulk_runner.start();
  notifier.start();
  http::log_event(
      "info",
      fmt::format("listening on http://{}:{}",
                  options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host, *port));
  server.run([&] { stopping = true; });
  // In reverse: the pools finish the jobs in hand (the journal's late callbacks find them
  // closed), the outbox its message, the journal commits what is queued and calls back into
  // the live server, then the monitor stops.
  alerts.stop();
  bulk_runner.stop();
  notifier.stop();
  token_pool.close();
  blocking.close();
  dispatcher.stop();
  (*journal)->writer.reset();
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
  add_attestation_options(*serve, config->attestation);
  serve
      ->add_option("--attestation-checks-per-minute", config->attestation.checks_per_minute,
                   "Attestations verified online per address and minute")
      ->envname("OFPRA_CONNECT_ATTESTATION_CHECKS_PER_MINUTE")
      ->check(CLI::Range(1, 1000000));
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
  serve->add_option("--token-lifetime", config->token_lifetime, "Seconds an access token lives")
      ->envname("OFPRA_CONNECT_TOKEN_LIFETIME")
      ->check(CLI::Range(30, 3600))
      ->capture_default_str();
  serve
      ->add_option("--share-code-failures", config->share_code_failures,
                   "Wrong share codes from one API client or address before a pause")
      ->envname("OFPRA_CONNECT_SHARE_CODE_FAILURES")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  serve->add_option("--login-failures", config->login_failures, "Wrong passwords from one address before a pause")
      ->envname("OFPRA_CONNECT_LOGIN_FAILURES")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  serve
      ->add_option("--token-failures", config->token_failures,
                   "Failed token requests from one address, or for one client from one address, before a pause")
      ->envname("OFPRA_CONNECT_TOKEN_FAILURES")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  serve
      ->add_option("--code-requests-per-hour", config->code_requests_per_hour,
                   "One-time codes that may be asked per OFPRA number, and per address, in an hour")
      ->envname("OFPRA_CONNECT_CODE_REQUESTS_PER_HOUR")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  serve
      ->add_option("--code-guesses-per-day", config->code_guesses_per_day,
                   "Wrong one-time codes accepted per OFPRA number in a day")
      ->envname("OFPRA_CONNECT_CODE_GUESSES_PER_DAY")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  serve
      ->add_option("--sign-in-starts", config->sign_in_starts,
                   "FranceConnect and ProConnect sign-ins started per address in 10 minutes")
      ->envname("OFPRA_CONNECT_SIGN_IN_STARTS")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  serve->add_option("--failure-window", config->failure_window, "Length of that pause, in seconds")
      ->envname("OFPRA_CONNECT_FAILURE_WINDOW")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
  serve
      ->add_option("--trusted-proxies", config->trusted_proxies,
                   "Our reverse proxies (addresses or networks, comma-separated) whose X-Forwarded-For names the "
                   "client")
      ->envname("OFPRA_CONNECT_TRUSTED_PROXIES");
  serve
      ->add_option("--metrics-token-sha256", config->metrics_token_sha256,
                   "Hex SHA-256 of the bearer token a scraper sends for /metrics (without it, loopback clients only)")
      ->envname("OFPRA_CONNECT_METRICS_TOKEN_SHA256")
      ->check([](const std::string& hex) {
        const bool ok = hex.size() == 64 && hex.find_first_not_of("0123456789abcdef") == std::string::npos;
        return ok ? std::string() : std::string("must be 64 lower-case hex digits (sha256sum of the token)");
      });
  serve
      ->add_option("--alert-period-ms", config->alert_period_ms,
                   "How often the alert rules read the journal's new entries, in ms")
      ->envname("OFPRA_CONNECT_ALERT_PERIOD_MS")
      ->check(CLI::Range(50, 3600000))
      ->capture_default_str();
  serve
      ->add_option("--monitor-period-ms", config->monitor_period_ms,
                   "How often the store is polled for a new registry and the probes' figures, in ms")
      ->envname("OFPRA_CONNECT_MONITOR_PERIOD_MS")
      ->check(CLI::Range(50, 600000))
      ->capture_default_str();
  serve
      ->add_option("--processing-delay-months", config->processing_delay_months,
                   "OFPRA's published processing delay of a civil-status file, in months")
      ->envname("OFPRA_CONNECT_PROCESSING_DELAY_MONTHS")
      ->check(CLI::Range(1, 120))
      ->capture_default_str();
  serve
      ->add_option("--demande-delay-days", config->demande_delay_days,
                   "Working days OFPRA promises to answer a request (demande) in, French public holidays excluded")
      ->envname("OFPRA_CONNECT_DEMANDE_DELAY_DAYS")
      ->check(CLI::Range(1, 60))
      ->capture_default_str();
  serve
      ->add_option("--statistics-period-s", config->statistics_period_s,
                   "How often the public statistics (/statistiques) are computed again, in seconds")
      ->envname("OFPRA_CONNECT_STATISTICS_PERIOD_S")
      ->check(CLI::Range(0, 86400))
      ->capture_default_str();
  serve
      ->add_flag("--webhooks-allow-loopback", config->webhooks_allow_loopback,
                 "Deliver webhooks over plain HTTP to the loopback (the demo and tests only): never elsewhere")
      ->envname("OFPRA_CONNECT_WEBHOOKS_ALLOW_LOOPBACK");
  serve
      ->add_option("--subscription-check-period-s", config->subscription_check_period_s,
                   "How often every subscription is checked against consents and habilitations, in seconds")
      ->envname("OFPRA_CONNECT_SUBSCRIPTION_CHECK_PERIOD_S")
      ->check(CLI::Range(1, 86400))
      ->capture_default_str();
  serve
      ->add_option("--notify-period-ms", config->notify_period_ms,
                   "How often the notifier looks for registry events and deliveries due, in milliseconds")
      ->envname("OFPRA_CONNECT_NOTIFY_PERIOD_MS")
      ->check(CLI::Range(10, 60000))
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
  serve
      ->add_option("--franceconnect-issuer", config->franceconnect_issuer,
                   "FranceConnect's OpenID issuer (its discovery document is under it); empty: no FranceConnect")
      ->envname("OFPRA_CONNECT_FRANCECONNECT_ISSUER");
  serve
      ->add_option("--franceconnect-client-id", config->franceconnect_client_id,
                   "Client id at FranceConnect (the secret comes from OFPRA_CONNECT_FRANCECONNECT_SECRET)")
      ->envname("OFPRA_CONNECT_FRANCECONNECT_CLIENT_ID");
  serve->add_option("--franceconnect-acr", config->franceconnect_acr, "acr_values asked of FranceConnect (eidas1)")
      ->envname("OFPRA_CONNECT_FRANCECONNECT_ACR");
  serve
      ->add_option(
          "--proconnect-issuer", config->proconnect_issuer,
          "ProConnect's OpenID issuer, for the counter (/guichet) and the back office (/admin); empty: neither")
      ->envname("OFPRA_CONNECT_PROCONNECT_ISSUER");
  serve
      ->add_option("--proconnect-client-id", config->proconnect_client_id,
                   "Client id at ProConnect (the secret comes from OFPRA_CONNECT_PROCONNECT_SECRET)")
      ->envname("OFPRA_CONNECT_PROCONNECT_CLIENT_ID");
  serve
      ->add_option("--counter-scope-level", config->counter_scope_levels,
                   "SCOPE=LEVEL: the level of assurance a scope needs at the counter (e.g. "
                   "etat_civil.famille=eidas2); repeatable; others need eidas1")
      ->delimiter(',');
  serve->callback([config, &exit_code] { run_serve(*config, exit_code); });
}

}  // namespace ofpra::app
