#pragma once
// A door of its own for a command that runs once (an operator's `attestation issue`, the demo's
// year of activity): the registry loaded from the store and the journal's writer started with
// the keys folder's key, so that what it answers is journaled as the server would.
#include "service/disclosure.hpp"

#include <filesystem>
#include <memory>

namespace ofpra::service {

class StandaloneDoor {
 public:
  static domain::Result<std::unique_ptr<StandaloneDoor>> open(store::Database& db, const env::Clock& clock,
                                                              const std::filesystem::path& keys);
  const DoorContext& door() const { return *door_; }
  const Registry& registry() const { return registry_; }

 private:
  StandaloneDoor(store::Database& db, const env::Clock& clock, journal::Signer signer, auth::CodeHasher codes);
  Registry registry_;
  journal::Signer signer_;
  auth::CodeHasher codes_;
  std::unique_ptr<journal::JournalWriter> writer_;
  AccessCache access_;
  auth::RateLimiter failures_;
  std::unique_ptr<DoorContext> door_;
};

}  // namespace ofpra::service
