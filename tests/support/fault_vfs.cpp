#include "support/fault_vfs.hpp"

#include "store/sqlite/vfs_shim.hpp"

#include <atomic>
#include <mutex>
#include <new>

namespace ofpra::test_support {
namespace {

using store::sqlite::Forwarded;
using store::sqlite::ShimFile;

struct Plan {
  std::mutex mutex;
  FaultPlan plan;
  std::atomic<int> hit{0};
};
Plan& current() {
  static Plan p;
  return p;
}

struct FaultFile {
  ShimFile shim;  // first
  std::string path;
};

FaultFile* of(sqlite3_file* f) { return reinterpret_cast<FaultFile*>(f); }

// The error this call returns, or SQLITE_OK when the plan spares it.
int planned(sqlite3_file* f, bool is_sync) {
  auto& p = current();
  std::lock_guard lock(p.mutex);
  const auto fault = p.plan.fault;
  if (fault == Fault::none || p.plan.times == 0 || of(f)->path.find(p.plan.file_part) == std::string::npos)
    return SQLITE_OK;
  if (is_sync != (fault == Fault::sync_error)) return SQLITE_OK;
  if (p.plan.times > 0) --p.plan.times;
  ++p.hit;
  switch (fault) {
    case Fault::disk_full:
      return SQLITE_FULL;
    case Fault::write_error:
      return SQLITE_IOERR_WRITE;
    default:
      return SQLITE_IOERR_FSYNC;
  }
}

int file_close(sqlite3_file* f) {
  auto* file = of(f);
  const int rc = file->shim.real->pMethods->xClose(file->shim.real);
  file->~FaultFile();
  return rc;
}

int file_write(sqlite3_file* f, const void* bytes, int amount, sqlite3_int64 offset) {
  if (const int rc = planned(f, false); rc != SQLITE_OK) return rc;
  return Forwarded<&sqlite3_io_methods::xWrite>::call(f, bytes, amount, offset);
}

int file_truncate(sqlite3_file* f, sqlite3_int64 size) {
  if (const int rc = planned(f, false); rc != SQLITE_OK) return rc;
  return Forwarded<&sqlite3_io_methods::xTruncate>::call(f, size);
}

int file_sync(sqlite3_file* f, int flags) {
  if (const int rc = planned(f, true); rc != SQLITE_OK) return rc;
  return Forwarded<&sqlite3_io_methods::xSync>::call(f, flags);
}

using Io = sqlite3_io_methods;
const sqlite3_io_methods fault_methods = {.iVersion = 3,
                                          .xClose = file_close,
                                          .xRead = Forwarded<&Io::xRead>::call,
                                          .xWrite = file_write,
                                          .xTruncate = file_truncate,
                                          .xSync = file_sync,
                                          .xFileSize = Forwarded<&Io::xFileSize>::call,
                                          .xLock = Forwarded<&Io::xLock>::call,
                                          .xUnlock = Forwarded<&Io::xUnlock>::call,
                                          .xCheckReservedLock = Forwarded<&Io::xCheckReservedLock>::call,
                                          .xFileControl = Forwarded<&Io::xFileControl>::call,
                                          .xSectorSize = Forwarded<&Io::xSectorSize>::call,
                                          .xDeviceCharacteristics = Forwarded<&Io::xDeviceCharacteristics>::call,
                                          .xShmMap = Forwarded<&Io::xShmMap>::call,
                                          .xShmLock = Forwarded<&Io::xShmLock>::call,
                                          .xShmBarrier = Forwarded<&Io::xShmBarrier>::call,
                                          .xShmUnmap = Forwarded<&Io::xShmUnmap>::call,
                                          .xFetch = Forwarded<&Io::xFetch>::call,
                                          .xUnfetch = Forwarded<&Io::xUnfetch>::call};

int vfs_open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  const int rc = store::sqlite::open_shim_file<FaultFile>(vfs, name, f, flags, out_flags, &fault_methods);
  if (rc == SQLITE_OK) of(f)->path = name ? name : "";
  return rc;
}

}  // namespace

const std::string& fault_vfs() {
  static const std::string name =
      store::sqlite::register_shim_vfs("ofpra-test-faults", nullptr, sizeof(FaultFile), vfs_open);
  return name;
}

void inject(FaultPlan plan) {
  auto& p = current();
  std::lock_guard lock(p.mutex);
  p.plan = std::move(plan);
}

void clear_faults() { inject({}); }

int faults_hit() { return current().hit; }

}  // namespace ofpra::test_support
