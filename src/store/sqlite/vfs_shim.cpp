#include "store/sqlite/vfs_shim.hpp"

#include <list>
#include <mutex>

namespace ofpra::store::sqlite {
namespace {

// What the shim does not change is the base VFS's.
template <auto method, class = decltype(method)>
struct FromBase;
template <auto method, class R, class... Args>
struct FromBase<method, R (*sqlite3_vfs::*)(sqlite3_vfs*, Args...)> {
  static R call(sqlite3_vfs* vfs, Args... args) { return (base_of(vfs)->*method)(base_of(vfs), args...); }
};

using Vfs = sqlite3_vfs;

}  // namespace

std::string register_shim_vfs(const std::string& name, sqlite3_vfs* base, std::size_t file_size,
                              int (*open)(sqlite3_vfs*, sqlite3_filename, sqlite3_file*, int, int*)) {
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
  entry.vfs = sqlite3_vfs{.iVersion = 2,
                          .szOsFile = base_file_offset(file_size) + base->szOsFile,
                          .mxPathname = base->mxPathname,
                          .pNext = nullptr,
                          .zName = entry.name.c_str(),
                          .pAppData = base,
                          .xOpen = open,
                          .xDelete = FromBase<&Vfs::xDelete>::call,
                          .xAccess = FromBase<&Vfs::xAccess>::call,
                          .xFullPathname = FromBase<&Vfs::xFullPathname>::call,
                          .xDlOpen = FromBase<&Vfs::xDlOpen>::call,
                          .xDlError = FromBase<&Vfs::xDlError>::call,
                          .xDlSym = FromBase<&Vfs::xDlSym>::call,
                          .xDlClose = FromBase<&Vfs::xDlClose>::call,
                          .xRandomness = FromBase<&Vfs::xRandomness>::call,
                          .xSleep = FromBase<&Vfs::xSleep>::call,
                          .xCurrentTime = FromBase<&Vfs::xCurrentTime>::call,
                          .xGetLastError = FromBase<&Vfs::xGetLastError>::call,
                          .xCurrentTimeInt64 = base->iVersion >= 2 ? FromBase<&Vfs::xCurrentTimeInt64>::call : nullptr,
                          .xSetSystemCall = nullptr,
                          .xGetSystemCall = nullptr,
                          .xNextSystemCall = nullptr};
  if (sqlite3_vfs_register(&entry.vfs, 0) != SQLITE_OK) {
    registered->pop_back();
    return {};
  }
  return name;
}

}  // namespace ofpra::store::sqlite
