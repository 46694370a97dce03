#include "service/demo_activity.hpp"

#include "service/standalone_door.hpp"

#include "auth/secret_hash.hpp"
#include "domain/working_days.hpp"
#include "service/demandes.hpp"
#include "service/share_codes.hpp"
#include "service/standalone_door.hpp"

#include <condition_variable>
#include <map>
#include <mutex>
#include <random>

namespace ofpra::service {
namespace {

using domain::Scope;
using std::chrono::hours;

constexpr int days_of_activity = 330;
constexpr const char* support_email = "support@ofpra-demo.fr";
// The demo's namesakes (service/seed.cpp): an identity that names neither.
constexpr const char* namesakes[] = {"999000001", "999000002"};

// Waits for every door call of a day to be journaled.
class Pending {
 public:
  void add() {
    std::lock_guard lock(mutex_);
    ++waiting_;
  }
  void done(bool journaled) {
    std::lock_guard lock(mutex_);
    --waiting_;
    answered_ += journaled ? 1 : 0;
    if (waiting_ == 0) all_done_.notify_all();
  }
  std::int64_t wait() {
    std::unique_lock lock(mutex_);
    all_done_.wait(lock, [this] { return waiting_ == 0; });
    return answered_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable all_done_;
  int waiting_ = 0;
  std::int64_t answered_ = 0;
};

struct Partners {
  std::map<domain::AdministrationType, std::string> siret;
};

DisclosureRequest by_number(const std::string& numero, std::vector<Scope> scopes, const std::string& recipient,
                            const char* purpose) {
  DisclosureRequest r;
  r.subject = {SubjectKind::numero_ofpra, numero, {}, std::nullopt};
  r.scopes = std::move(scopes);
  r.purpose = purpose;
  r.recipient = recipient;
  return r;
}

DisclosureRequest namesakes_identity(const std::string& recipient) {
  DisclosureRequest r;
  r.subject.kind = SubjectKind::identite;
  r.subject.identite.nom_naissance = "TESFAYE";
  r.subject.identite.prenoms = {"Tsehaye"};
  r.subject.identite.date_naissance = *domain::PartialDate::parse("1985");
  r.subject.identite.code_pays_naissance = "99317";
  r.scopes = {Scope::protection, Scope::civil_status_identity};
  r.purpose = "Ouverture de droits aux prestations familiales";
  r.recipient = recipient;
  return r;
}

struct Settling {
  std::string id;
  std::chrono::system_clock::time_point on;
  bool answer;
};

}  // namespace

domain::Result<DemoActivityReport> seed_demo_activity(store::Database& db, env::ManualClock& clock,
                                                      const std::filesystem::path& keys, std::uint64_t persons,
                                                      std::uint64_t seed) {
  if (persons == 0) return DemoActivityReport{};
  auto synthetic = db.registry().synthetic();
  if (!synthetic) return synthetic.error();
  if (!*synthetic) return domain::Error{"the demo's activity is for a synthetic registry only", "registry"};
  const auto end = clock.now();
  auto standalone = StandaloneDoor::open(db, clock, keys);
  if (!standalone) return standalone.error();
  const auto& door = (*standalone)->door();
  const DemandeContext demandes{door, env::secure_random(), "http://127.0.0.1:8080",
                                domain::default_demande_delay_days};

  Partners p;
  auto all = db.partners().partners();
  if (!all) return all.error();
  for (const auto& partner : *all) p.siret.emplace(partner.type, partner.siret);
  for (auto type : {domain::AdministrationType::caf, domain::AdministrationType::health_insurance,
                    domain::AdministrationType::prefecture, domain::AdministrationType::france_travail})
    if (!p.siret.count(type)) return domain::Error{"the demo partners are missing: run seed first", "partners"};
  auto support = db.staff().find_staff_member(support_email);
  if (!support) return support.error();
  if (!*support) return domain::Error{"the demo support agent is missing: run seed first", "staff"};
  // Accounts opened in the demo's past: a secret nobody knows, hashed once.
  auto unknown = auth::hash_secret(auth::new_secret(env::secure_random(), 24));
  if (!unknown) return domain::Error{"could not hash a secret (out of memory)", {}};

  std::mt19937_64 rng(seed);
  auto chance = [&rng](double odds) { return std::uniform_real_distribution<double>(0, 1)(rng) < odds; };
  auto person = [&] {
    return std::to_string(100'000'001 + std::uniform_int_distribution<std::uint64_t>(0, persons - 1)(rng));
  };
  DemoActivityReport report;
  std::vector<Settling> to_settle;
  std::vector<std::pair<std::string, domain::PartialDate>> codes_to_check;  // code, birth date
  const auto caf = p.siret[domain::AdministrationType::caf];
  const auto caf_client = [&]() -> std::optional<Caller> {
    auto clients = db.partners().clients_of(caf);
    if (!clients || clients->empty()) return std::nullopt;
    return Caller{PartnerClient{{clients->front().client_id,
                                 caf,
                                 {"protection", "etat_civil.avancement", "etat_civil.identite", "etat_civil.famille"},
                                 "demo",
                                 0,
                                 0}}};
  }();
  if (!caf_client) return domain::Error{"the demo CAF has no API client: run seed first", "partners"};
  auto client_of = [&](domain::AdministrationType type) -> Caller {
    auto clients = db.partners().clients_of(p.siret[type]);
    const auto id = clients && !clients->empty() ? clients->front().client_id : std::string();
    return PartnerClient{
        {id, p.siret[type], {"protection", "etat_civil.avancement", "etat_civil.identite"}, "demo", 0, 0}};
  };
  const Caller cpam = client_of(domain::AdministrationType::health_insurance);
  const Caller prefecture = client_of(domain::AdministrationType::prefecture);
  const Caller france_travail = client_of(domain::AdministrationType::france_travail);
  const Caller counter = CounterAgent{"demo-agent-caf", caf};

  for (int day = days_of_activity; day >= 1; --day) {
    const auto morning = end - hours(24) * day + hours(1);
    clock.set(morning);
    const auto today = domain::day_of(morning);
    const bool weekend = !domain::is_working_day(today);
    // The service grows: a few questions a day at first, a few dozen a year later.
    const int volume = static_cast<int>((2 + (days_of_activity - day) / 12) * (weekend ? 0.2 : 1.0));
    Pending pending;
    std::vector<std::int64_t> ambiguous;
    std::mutex ambiguous_mutex;
    auto ask = [&](const Caller& caller, DisclosureRequest request, bool keep_ambiguous = false) {
      pending.add();
      disclose(door, caller, request, Reads::store, [&, keep_ambiguous](Disclosure d) {
        const auto* answer = std::get_if<Answer>(&d);
        if (keep_ambiguous && answer && answer->outcome == Outcome::ambiguous) {
          std::lock_guard lock(ambiguous_mutex);
          ambiguous.push_back(answer->reference);
        }
        pending.done(!std::holds_alternative<DecideAgain>(d));
      });
    };
    for (int i = 0; i < volume; ++i) {
      const double pick = std::uniform_real_distribution<double>(0, 1)(rng);
      const auto numero = chance(0.07) ? std::to_string(900'000'000 + rng() % 90'000'000) : person();
      if (pick < 0.30) {
        ask(*caf_client, by_number(numero, {Scope::protection, Scope::civil_status_identity}, caf,
                                   "Ouverture de droits aux prestations familiales"));
      } else if (pick < 0.45) {
        ask(cpam,
            by_number(numero, {Scope::protection, Scope::civil_status_progress},
                      p.siret[domain::AdministrationType::health_insurance], "Affiliation à l'assurance maladie"));
      } else if (pick < 0.60) {
        ask(prefecture, by_number(numero, {Scope::civil_status_identity},
                                  p.siret[domain::AdministrationType::prefecture], "Instruction d'un titre de séjour"));
      } else if (pick < 0.78) {
        ask(france_travail, by_number(numero, {Scope::protection}, p.siret[domain::AdministrationType::france_travail],
                                      "Inscription comme demandeur d'emploi"));
      } else if (pick < 0.90) {
        auto r = by_number(numero, {Scope::protection, Scope::civil_status_progress}, caf,
                           "Ouverture de droits aux prestations familiales");
        r.scopes_asked = ScopesAsked::at_most;
        ask(counter, std::move(r));
      } else {
        ask(*caf_client, namesakes_identity(caf), true);
      }
    }
    // Share codes the persons create, and the verifiers who check them.
    if (chance(0.6)) {
      const auto numero = person();
      auto created =
          create_share_code(db, door.codes, {numero, domain::ShareLevel::protection, "Demande de logement", 30},
                            env::secure_random(), clock);
      if (created) {
        ++report.share_codes;
        if (auto her = (*standalone)->registry().current()->find(numero, domain::PersonParts::identity))
          codes_to_check.emplace_back(created->text, her->date_naissance);
      }
    }
    for (const auto& [code, born] : codes_to_check) {
      auto request = share_code_page_request(code, born.to_string(), "Attribution d'un logement", "Bailleur");
      if (auto* r = std::get_if<DisclosureRequest>(&request)) ask(ShareCodeHolder{"192.0.2.1"}, *r);
    }
    codes_to_check.clear();
    report.answers += pending.wait();
    // Portal accounts opened.
    // Never over an account already open: the demo's own account keeps the password it printed.
    if (chance(0.5)) {
      const auto numero = person();
      auto existing = db.portal().find_account(numero);
      if (!existing) return existing.error();
      if (!*existing) {
        if (auto s = db.portal().set_password(numero, *unknown); !s) return s.error();
        ++report.accounts;
      }
    }
    // Half the ambiguities become requests to OFPRA, settled within a few working days.
    for (auto reference : ambiguous) {
      if (!chance(0.5)) continue;
      clock.set(morning + hours(2));
      auto filed =
          file_demande(demandes, *caf_client,
                       {namesakes_identity(caf), "Deux dossiers possibles ; né à Asmara selon son titre.", reference});
      if (const auto* f = std::get_if<Filing>(&filed)) {
        ++report.demandes;
        const int delay = 1 + static_cast<int>(rng() % 7);
        const auto on = domain::add_working_days(today, delay);
        const auto days_later = domain::days_from_civil(on.year, on.month, on.day) -
                                domain::days_from_civil(today.year, today.month, today.day);
        to_settle.push_back(Settling{f->demande.id, morning + hours(24) * days_later + hours(3), chance(0.7)});
      }
    }
    // What is due today, settled by the support agent.
    for (auto it = to_settle.begin(); it != to_settle.end();) {
      if (it->on > morning + hours(23)) {
        ++it;
        continue;
      }
      clock.set(std::max(it->on, morning + hours(3)));
      if (it->answer) {
        if (auto r = answer_demande(demandes, **support, it->id, namesakes[rng() % 2], ""); !r) return r.error();
        ++report.answers;
      } else if (auto r = close_demande(demandes, **support, it->id, domain::ClosingReason::insufficient,
                                        "Envoyez son numéro AGDREF, sur son titre de séjour.");
                 !r) {
        return r.error();
      }
      it = to_settle.erase(it);
    }
  }
  clock.set(end);
  return report;
}

}  // namespace ofpra::service
