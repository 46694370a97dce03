#include "store/sqlite/gathered_wal.hpp"

#include <sqlite3.h>

#include <list>
#include <mutex>
#include <new>

namespace ofpra::store::sqlite {
namespace {

// SQLite's unix VFS writes at most 128 KiB - 1 bytes a call (it masks larger counts, never
// needed by SQLite's own writes of a page or less): a longer run goes out in several.
constexpr std::size_t max_run = 128 * 1024 - 4096;

struct GatheredFile {
  sqlite3_file file;  // first: what SQLite holds
  sqlite3_file* real = nullptr;
  std::string run;  // bytes not yet written, from run_at; keeps its capacity between commits
  sqlite3_int64 run_at = 0;
};
// The base VFS's file lives after ours, in the same block SQLite allocates.
constexpr int real_offset = static_cast<int>((sizeof(GatheredFile) + 15) & ~std::size_t{15});

GatheredFile* of(sqlite3_file* f) { return reinterpret_cast<GatheredFile*>(f); }
sqlite3_vfs* base_of(sqlite3_vfs* vfs) { return static_cast<sqlite3_vfs*>(vfs->pAppData); }

int flush(GatheredFile* g) {
  if (g->run.empty()) return SQLITE_OK;
  const int rc = g->real->pMethods->xWrite(g->real, g->run.data(), static_cast<int>(g->run.size()), g->run_at);
  g->run.clear();  // written or failed: SQLite learns of a failure from the call that flushed
  return rc;
}

int file_close(sqlite3_file* f) {
  auto* g = of(f);
  const int flushed = flush(g);
  const int closed = g->real->pMethods->xClose(g->real);
  g->~GatheredFile();
  return flushed != SQLITE_OK ? flushed : closed;
}

int file_read(sqlite3_file* f, void* out, int amount, sqlite3_int64 offset) {
  auto* g = of(f);
  if (const int rc = flush(g); rc != SQLITE_OK) return rc;
  return g->real->pMethods->xRead(g->real, out, amount, offset);
}

int file_write(sqlite3_file* f, const void* bytes, int amount, sqlite3_int64 offset) {
  auto* g = of(f);
  const auto size = static_cast<std::size_t>(amount);
  if (!g->run.empty() &&
      (offset != g->run_at + static_cast<sqlite3_int64>(g->run.size()) || g->run.size() + size > max_run))
    if (const int rc = flush(g); rc != SQLITE_OK) return rc;
  if (size > max_run) return g->real->pMethods->xWrite(g->real, bytes, amount, offset);
  if (g->run.empty()) g->run_at = offset;
  g->run.append(static_cast<const char*>(bytes), size);
  return SQLITE_OK;
}

int file_truncate(sqlite3_file* f, sqlite3_int64 size) {
  auto* g = of(f);
  if (const int rc = flush(g); rc != SQLITE_OK) return rc;
  return g->real->pMethods->xTruncate(g->real, size);
}

int file_sync(sqlite3_file* f, int flags) {
  auto* g = of(f);
  if (const int rc = flush(g); rc != SQLITE_OK) return rc;
  return g->real->pMethods->xSync(g->real, flags);
}

int file_size(sqlite3_file* f, sqlite3_int64* size) {
  auto* g = of(f);
  if (const int rc = flush(g); rc != SQLITE_OK) return rc;
  return g->real->pMethods->xFileSize(g->real, size);
}

int file_lock(sqlite3_file* f, int level) { return of(f)->real->pMethods->xLock(of(f)->real, level); }
int file_unlock(sqlite3_file* f, int level) { return of(f)->real->pMethods->xUnlock(of(f)->real, level); }
int file_check_reserved(sqlite3_file* f, int* out) {
  return of(f)->real->pMethods->xCheckReservedLock(of(f)->real, out);
}

int file_control(sqlite3_file* f, int op, void* arg) {
  auto* g = of(f);
  if (const int rc = flush(g); rc != SQLITE_OK) return rc;
  return g->real->pMethods->xFileControl(g->real, op, arg);
}

int file_sector_size(sqlite3_file* f) { return of(f)->real->pMethods->xSectorSize(of(f)->real); }
int file_characteristics(sqlite3_file* f) { return of(f)->real->pMethods->xDeviceCharacteristics(of(f)->real); }

// Version 1: SQLite maps shared memory and pages through the database file, never the log.
const sqlite3_io_methods gathered_methods = {.iVersion = 1,
                                             .xClose = file_close,
                                             .xRead = file_read,
                                             .xWrite = file_write,
                                             .xTruncate = file_truncate,
                                             .xSync = file_sync,
                                             .xFileSize = file_size,
                                             .xLock = file_lock,
                                             .xUnlock = file_unlock,
                                             .xCheckReservedLock = file_check_reserved,
                                             .xFileControl = file_control,
                                             .xSectorSize = file_sector_size,
                                             .xDeviceCharacteristics = file_characteristics,
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
  auto* g = new (f) GatheredFile;
  g->file.pMethods = nullptr;  // until opened: SQLite closes only files with methods
  g->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(f) + real_offset);
  const int rc = base->xOpen(base, name, g->real, flags, out_flags);
  if (rc != SQLITE_OK) {
    g->~GatheredFile();
    f->pMethods = nullptr;
    return rc;
  }
  g->file.pMethods = &gathered_methods;
  return SQLITE_OK;
}

int vfs_delete(sqlite3_vfs* v, const char* n, int sync) { return base_of(v)->xDelete(base_of(v), n, sync); }
int vfs_access(sqlite3_vfs* v, const char* n, int flags, int* out) {
  return base_of(v)->xAccess(base_of(v), n, flags, out);
}
int vfs_full_pathname(sqlite3_vfs* v, const char* n, int size, char* out) {
  return base_of(v)->xFullPathname(base_of(v), n, size, out);
}
void* vfs_dl_open(sqlite3_vfs* v, const char* n) { return base_of(v)->xDlOpen(base_of(v), n); }
void vfs_dl_error(sqlite3_vfs* v, int size, char* out) { base_of(v)->xDlError(base_of(v), size, out); }
void (*vfs_dl_sym(sqlite3_vfs* v, void* h, const char* s))(void) { return base_of(v)->xDlSym(base_of(v), h, s); }
void vfs_dl_close(sqlite3_vfs* v, void* h) { base_of(v)->xDlClose(base_of(v), h); }
int vfs_randomness(sqlite3_vfs* v, int size, char* out) { return base_of(v)->xRandomness(base_of(v), size, out); }
int vfs_sleep(sqlite3_vfs* v, int us) { return base_of(v)->xSleep(base_of(v), us); }
int vfs_current_time(sqlite3_vfs* v, double* out) { return base_of(v)->xCurrentTime(base_of(v), out); }
int vfs_last_error(sqlite3_vfs* v, int size, char* out) { return base_of(v)->xGetLastError(base_of(v), size, out); }
int vfs_current_time_int64(sqlite3_vfs* v, sqlite3_int64* out) {
  return base_of(v)->xCurrentTimeInt64(base_of(v), out);
}

}  // namespace

std::string register_gathered_wal_vfs(const std::string& name, sqlite3_vfs* base) {
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  if (sqlite3_vfs_find(name.c_str())) return name;
  if (!base) base = sqlite3_vfs_find(nullptr);
  if (!base) return {};
  // SQLite keeps the pointer: registered VFSs live as long as the process, past static
  // destructors that may still close connections.
  struct Registered {
    std::string name;
    sqlite3_vfs vfs{};
  };
  static auto* registered = new std::list<Registered>;
  auto& entry = registered->emplace_back(Registered{name, {}});
  auto* vfs = &entry.vfs;
  vfs->iVersion = 2;
  vfs->szOsFile = real_offset + base->szOsFile;
  vfs->mxPathname = base->mxPathname;
  vfs->zName = entry.name.c_str();
  vfs->pAppData = base;
  vfs->xOpen = vfs_open;
  vfs->xDelete = vfs_delete;
  vfs->xAccess = vfs_access;
  vfs->xFullPathname = vfs_full_pathname;
  vfs->xDlOpen = vfs_dl_open;
  vfs->xDlError = vfs_dl_error;
  vfs->xDlSym = vfs_dl_sym;
  vfs->xDlClose = vfs_dl_close;
  vfs->xRandomness = vfs_randomness;
  vfs->xSleep = vfs_sleep;
  vfs->xCurrentTime = vfs_current_time;
  vfs->xGetLastError = vfs_last_error;
  vfs->xCurrentTimeInt64 = base->iVersion >= 2 ? vfs_current_time_int64 : nullptr;
  if (sqlite3_vfs_register(vfs, 0) != SQLITE_OK) {
    registered->pop_back();
    return {};
  }
  return name;
}

const std::string& gathered_wal_vfs() {
  static const std::string name = register_gathered_wal_vfs("ofpra-gathered-wal");
  return name;
}

}  // namespace ofpra::store::sqlite
