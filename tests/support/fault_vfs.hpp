#pragma once
// A SQLite VFS that makes the disk fail on demand, for the fault tests: writes or syncs of the
// files whose name contains a given part ("-wal", ".db") fail as a full disk (ENOSPC, which
// SQLite reports as SQLITE_FULL) or a failing device (EIO: SQLITE_IOERR_WRITE,
// SQLITE_IOERR_FSYNC) would. Open a database on it with OpenOptions::sqlite_vfs = fault_vfs().
#include <string>

namespace ofpra::test_support {

enum class Fault { none, disk_full, write_error, sync_error };

struct FaultPlan {
  Fault fault = Fault::none;
  std::string file_part;  // the files it hits: those whose path contains this
  int times = -1;         // how many calls fail before the disk works again; -1: until cleared
};

// The VFS's name, registered over SQLite's default on first use.
const std::string& fault_vfs();
// Replaces the plan in force (process-wide).
void inject(FaultPlan plan);
void clear_faults();
// Calls failed since the process started.
int faults_hit();

}  // namespace ofpra::test_support
