#include "store/sql/sql_database.hpp"

#include "store/sql/stores.hpp"

namespace ofpra::store::sql {
namespace {

class SqlDatabase final : public Database {
 public:
  SqlDatabase(std::unique_ptr<Engine> engine, const env::Clock& clock)
      : engine_(std::move(engine)),
        registry_(engine_->main(), clock),
        partners_(engine_->main(), clock),
        staff_(engine_->main(), clock),
        requests_(engine_->main(), clock),
        alerts_(engine_->main(), clock),
        demandes_(engine_->main(), clock),
        attestations_(engine_->main()),
        ingestion_(engine_->main()),
        bulk_jobs_(engine_->main()),
        subscriptions_(engine_->main()),
        statistics_(engine_->main()),
        consents_(engine_->main(), clock),
        portal_(engine_->main(), clock),
        counter_(engine_->main()),
        limits_(engine_->main()),
        journal_(engine_->journal(), clock) {}

  RegistryStore& registry() override { return registry_; }
  PartnerStore& partners() override { return partners_; }
  StaffStore& staff() override { return staff_; }
  HabilitationRequestStore& requests() override { return requests_; }
  AlertStore& alerts() override { return alerts_; }
  DemandeStore& demandes() override { return demandes_; }
  AttestationStore& attestations() override { return attestations_; }
  IngestionStore& ingestion() override { return ingestion_; }
  BulkJobStore& bulk_jobs() override { return bulk_jobs_; }
  SubscriptionStore& subscriptions() override { return subscriptions_; }
  StatisticsStore& statistics() override { return statistics_; }
  ConsentStore& consents() override { return consents_; }
  PortalStore& portal() override { return portal_; }
  CounterStore& counter() override { return counter_; }
  LimitStore& limits() override { return limits_; }
  JournalStore& journal() override { return journal_; }
  Result<int> migrate() override { return engine_->migrate(); }

  Result<int> schema_version() override {
    // No bookkeeping table yet: an empty database.
    auto v = engine_->main().integer("SELECT coalesce(max(version), 0) FROM schema_migrations");
    return v ? static_cast<int>(*v) : 0;
  }

  std::unique_ptr<ChangeFeed> watch_changes(std::function<void(std::string_view)> changed) override {
    return engine_->watch_changes(std::move(changed));
  }

  Status ping() override {
    auto r = engine_->main().query("SELECT 1");
    if (!r) return r.error();
    return domain::success();
  }

 private:
  std::unique_ptr<Engine> engine_;
  SqlRegistryStore registry_;
  SqlPartnerStore partners_;
  SqlStaffStore staff_;
  SqlHabilitationRequestStore requests_;
  SqlAlertStore alerts_;
  SqlDemandeStore demandes_;
  SqlAttestationStore attestations_;
  SqlIngestionStore ingestion_;
  SqlBulkJobStore bulk_jobs_;
  SqlSubscriptionStore subscriptions_;
  SqlStatisticsStore statistics_;
  SqlConsentStore consents_;
  SqlPortalStore portal_;
  SqlCounterStore counter_;
  SqlLimitStore limits_;
  SqlJournalStore journal_;
};

}  // namespace

std::unique_ptr<Database> make_database(std::unique_ptr<Engine> engine, const env::Clock& clock) {
  return std::make_unique<SqlDatabase>(std::move(engine), clock);
}

}  // namespace ofpra::store::sql
