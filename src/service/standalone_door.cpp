#include "service/standalone_door.hpp"

namespace ofpra::service {

StandaloneDoor::StandaloneDoor(store::Database& db, const env::Clock& clock, journal::Signer signer,
                               auth::CodeHasher codes)
    : registry_(db.registry()),
      signer_(std::move(signer)),
      codes_(std::move(codes)),
      access_(db.partners()),
      failures_(1000000, std::chrono::minutes(15), clock) {}

domain::Result<std::unique_ptr<StandaloneDoor>> StandaloneDoor::open(store::Database& db, const env::Clock& clock,
                                                                     const std::filesystem::path& keys) {
  auto signer = journal::Signer::load_or_create(keys);
  if (!signer) return signer.error();
  auto codes = auth::CodeHasher::load_or_create(keys);
  if (!codes) return codes.error();
  std::unique_ptr<StandaloneDoor> d(new StandaloneDoor(db, clock, std::move(*signer), std::move(*codes)));
  if (auto s = d->registry_.load(); !s) return s.error();
  auto writer = journal::JournalWriter::start(db.journal(), d->signer_, clock);
  if (!writer) return writer.error();
  d->writer_ = std::move(*writer);
  d->door_ = std::make_unique<DoorContext>(
      DoorContext{db, d->access_, d->registry_, *d->writer_, clock, d->codes_, d->failures_, 18});
  return d;
}

}  // namespace ofpra::service
