#pragma once
// A SQLite VFS shim: a VFS over another (its base) that changes what some files do and passes
// everything else through. A shim's file holds the base VFS's file after its own, in the block
// SQLite allocates; its struct starts with ShimFile. Used by the gathered log writes, and by
// the tests that make the disk fail (tests/support/fault_vfs.hpp).
#include <sqlite3.h>

#include <new>
#include <string>

namespace ofpra::store::sqlite {

struct ShimFile {
  sqlite3_file file;  // first: what SQLite holds
  sqlite3_file* real = nullptr;
};

inline ShimFile* shim_of(sqlite3_file* f) { return reinterpret_cast<ShimFile*>(f); }
inline sqlite3_vfs* base_of(sqlite3_vfs* vfs) { return static_cast<sqlite3_vfs*>(vfs->pAppData); }

// Where the base VFS's file starts, after a shim's file of `size` bytes.
constexpr int base_file_offset(std::size_t size) { return static_cast<int>((size + 15) & ~std::size_t{15}); }

// A file method of the base, called as it is.
template <auto method, class = decltype(method)>
struct Forwarded;
template <auto method, class R, class... Args>
struct Forwarded<method, R (*sqlite3_io_methods::*)(sqlite3_file*, Args...)> {
  static R call(sqlite3_file* f, Args... args) {
    auto* real = shim_of(f)->real;
    return (real->pMethods->*method)(real, args...);
  }
};

// Opens the base VFS's file inside a shim's file of type File (a struct starting with ShimFile),
// made in place in the block SQLite gives; on success SQLite calls `methods` on it, else File is
// destroyed and the base's error returned.
template <class File>
int open_shim_file(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags,
                   const sqlite3_io_methods* methods) {
  auto* base = base_of(vfs);
  auto* file = new (f) File;
  auto& shim = *reinterpret_cast<ShimFile*>(file);
  shim.file.pMethods = nullptr;  // until opened: SQLite closes only files with methods
  shim.real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(f) + base_file_offset(sizeof(File)));
  const int rc = base->xOpen(base, name, shim.real, flags, out_flags);
  if (rc != SQLITE_OK || !shim.real->pMethods) {
    file->~File();
    f->pMethods = nullptr;
    return rc;
  }
  shim.file.pMethods = methods;
  return SQLITE_OK;
}

// Registers (not as the default) a VFS named `name` over `base` (null: SQLite's default) whose
// files are opened by `open`, each taking `file_size` bytes before the base's file; every other
// VFS method is the base's. Returns the name, or an empty string if SQLite refused it. A name
// already registered is kept as it is.
std::string register_shim_vfs(const std::string& name, sqlite3_vfs* base, std::size_t file_size,
                              int (*open)(sqlite3_vfs*, sqlite3_filename, sqlite3_file*, int, int*));

}  // namespace ofpra::store::sqlite
