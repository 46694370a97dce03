#pragma once
// `seed`: a synthetic registry plus demo partners and demo accounts, for the demo and tests.
#include "env/random.hpp"
#include "store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ofpra::service {

struct DemoClient {
  std::string partner_name;
  std::string siret;
  std::string type;
  std::string client_id;
  std::string client_secret;  // shown once; only its hash is stored
};

// A staff member of the back office; she signs in with ProConnect under this e-mail.
struct DemoStaff {
  std::string email;
  std::string name;
  std::string roles;
};

struct DemoPerson {
  std::string numero_ofpra;
  std::string date_naissance;
  std::string description;
};

// A portal account ready to sign in with (the first person to try).
struct DemoPortalAccount {
  std::string numero_ofpra;
  std::string password;  // shown once; only its hash is stored
};

struct SeedReport {
  std::uint64_t persons = 0;
  std::vector<DemoClient> clients;
  std::vector<DemoStaff> staff;
  std::vector<DemoPerson> persons_to_try;  // each with a contact on file, so activation works
  std::optional<DemoPortalAccount> portal_account;
  std::string consent_to_school;   // the portal account's person consented to this demo school (SIRET)
  int habilitation_requests = 0;   // demo requests, at least one in each state
  std::string ambiguous_identity;  // names, birth year and country two persons share
};

// The registry part is deterministic for a seed; the demo secrets come from `random`. namesakes:
// two more persons (numbers 999000001 and 999000002) whom one identity designates, for the
// demo's requests to OFPRA (seed --demo-activity).
domain::Result<SeedReport> seed_database(store::Database& db, std::uint64_t persons, std::uint64_t seed,
                                         env::Random& random, bool namesakes = false);

}  // namespace ofpra::service
