#pragma once
// `seed --demo-activity`: a year of synthetic use of the demo, dated day by day, so that the
// statistics page, the back office's queue and the persons' histories show something: partners'
// verifications through the door (found, not found, ambiguous), requests to OFPRA filed and
// settled by the demo support agent, share codes created and checked, portal accounts opened.
// Everything goes through the same services as in service, journaled and signed; only the clock
// is the demo's. Never for a real registry (seed refuses one).
#include "env/clock.hpp"
#include "store/database.hpp"

#include <cstdint>
#include <filesystem>

namespace ofpra::service {

struct DemoActivityReport {
  std::int64_t answers = 0;   // door calls journaled
  std::int64_t demandes = 0;  // requests to OFPRA filed
  std::int64_t share_codes = 0;
  std::int64_t accounts = 0;
};

// db must be opened with clock, which the function moves from about eleven months ago to now;
// keys: the folder of the journal's and the share codes' keys, as serve reads them. persons: how
// many synthetic persons the registry numbers from 100000001.
domain::Result<DemoActivityReport> seed_demo_activity(store::Database& db, env::ManualClock& clock,
                                                      const std::filesystem::path& keys, std::uint64_t persons,
                                                      std::uint64_t seed);

}  // namespace ofpra::service
