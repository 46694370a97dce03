#pragma once
// A SQLite VFS over another that gathers each connection's writes to its write-ahead log into
// one contiguous run, handed to the file system in a single write when SQLite syncs the log
// (or reads it, sizes it, truncates it, or writes elsewhere in it). SQLite writes a frame as
// two writes, its 24-byte header then its page, each paying the system call and the file
// system's per-call work.
//
// Only for connections that sync the log at every commit (synchronous=FULL or EXTRA): SQLite
// syncs before it publishes a commit's frames to other connections, so none can read a frame
// still gathered here. With synchronous=NORMAL it publishes without syncing; open such
// connections on the default VFS.
#include <string>

struct sqlite3_vfs;

namespace ofpra::store::sqlite {

// Registers (not as the default) a VFS named `name` over `base` (null: SQLite's default VFS)
// unless one of that name exists; returns the name to give sqlite3_open_v2, or an empty string
// if SQLite refused it.
std::string register_gathered_wal_vfs(const std::string& name, sqlite3_vfs* base = nullptr);

// The process's VFS over the default one, registered on first use.
const std::string& gathered_wal_vfs();

}  // namespace ofpra::store::sqlite
