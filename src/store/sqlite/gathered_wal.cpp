#include "store/sqlite/gathered_wal.hpp"

#include "store/sqlite/vfs_shim.hpp"

#include <new>

namespace ofpra::store::sqlite {
namespace {

// SQLite's unix VFS writes at most 128 KiB - 1 bytes a call (it masks larger counts, never
// needed by SQLite's own writes of a page or less): a longer run goes out in several.
constexpr std::size_t max_run = 128 * 1024 - 4096;

struct GatheredFile {
  ShimFile shim;    // first
  std::string run;  // bytes not yet written, from run_at; keeps its capacity between commits
  sqlite3_int64 run_at = 0;
};

GatheredFile* of(sqlite3_file* f) { return reinterpret_cast<GatheredFile*>(f); }

int flush(GatheredFile* g) {
  if (g->run.empty()) return SQLITE_OK;
  const int rc =
      g->shim.real->pMethods->xWrite(g->shim.real, g->run.data(), static_cast<int>(g->run.size()), g->run_at);
  g->run.clear();  // written or failed: SQLite learns of a failure from the call that flushed
  return rc;
}

int file_close(sqlite3_file* f) {
  auto* g = of(f);
  const int flushed = flush(g);
  const int closed = g->shim.real->pMethods->xClose(g->shim.real);
  g->~GatheredFile();
  return flushed != SQLITE_OK ? flushed : closed;
}

int file_write(sqlite3_file* f, const void* bytes, int amount, sqlite3_int64 offset) {
  auto* g = of(f);
  const auto size = static_cast<std::size_t>(amount);
  if (!g->run.empty() &&
      (offset != g->run_at + static_cast<sqlite3_int64>(g->run.size()) || g->run.size() + size > max_run))
    if (const int rc = flush(g); rc != SQLITE_OK) return rc;
  if (size > max_run) return g->shim.real->pMethods->xWrite(g->shim.real, bytes, amount, offset);
  if (g->run.empty()) g->run_at = offset;
  g->run.append(static_cast<const char*>(bytes), size);
  return SQLITE_OK;
}

// The base file's own method once the gathered run is written: every call that reads, sizes,
// truncates or syncs the log, or passes it a control.
template <auto method, class = decltype(method)>
struct AfterFlush;
template <auto method, class... Args>
struct AfterFlush<method, int (*sqlite3_io_methods::*)(sqlite3_file*, Args...)> {
  static int call(sqlite3_file* f, Args... args) {
    if (const int rc = flush(of(f)); rc != SQLITE_OK) return rc;
    return Forwarded<method>::call(f, args...);
  }
};

using Io = sqlite3_io_methods;

// Version 1: SQLite maps shared memory and pages through the database file, never the log.
const sqlite3_io_methods gathered_methods = {.iVersion = 1,
                                             .xClose = file_close,
                                             .xRead = AfterFlush<&Io::xRead>::call,
                                             .xWrite = file_write,
                                             .xTruncate = AfterFlush<&Io::xTruncate>::call,
                                             .xSync = AfterFlush<&Io::xSync>::call,
                                             .xFileSize = AfterFlush<&Io::xFileSize>::call,
                                             .xLock = Forwarded<&Io::xLock>::call,
                                             .xUnlock = Forwarded<&Io::xUnlock>::call,
                                             .xCheckReservedLock = Forwarded<&Io::xCheckReservedLock>::call,
                                             .xFileControl = AfterFlush<&Io::xFileControl>::call,
                                             .xSectorSize = Forwarded<&Io::xSectorSize>::call,
                                             .xDeviceCharacteristics = Forwarded<&Io::xDeviceCharacteristics>::call,
                                             .xShmMap = nullptr,
                                             .xShmLock = nullptr,
                                             .xShmBarrier = nullptr,
                                             .xShmUnmap = nullptr,
                                             .xFetch = nullptr,
                                             .xUnfetch = nullptr};

int vfs_open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  auto* base = base_of(vfs);
  // Other files are the base VFS's own, in the block sized for ours.
  if ((flags & SQLITE_OPEN_WAL) == 0) return base->xOpen(base, name, f, flags, out_flags);
  return open_shim_file<GatheredFile>(vfs, name, f, flags, out_flags, &gathered_methods);
}

}  // namespace

std::string register_gathered_wal_vfs(const std::string& name, sqlite3_vfs* base) {
  return register_shim_vfs(name, base, sizeof(GatheredFile), vfs_open);
}

const std::string& gathered_wal_vfs() {
  static const std::string name = register_gathered_wal_vfs("ofpra-gathered-wal");
  return name;
}

}  // namespace ofpra::store::sqlite
