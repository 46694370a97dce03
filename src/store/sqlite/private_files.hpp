#pragma once
// A SQLite registry holds names, birth dates, contacts, hashes and the journal: its files are
// for the service's account alone. SQLite gives the -wal and -shm files the database file's
// mode, so creating that one private is enough.
#include "domain/result.hpp"

#include <string>

namespace ofpra::store::sqlite {

// Creates the database file empty with mode 0600 when it does not exist yet (an empty file is a
// new database to SQLite); nothing when it exists.
domain::Status create_private(const std::string& path);

// An error naming the file and what to do when the database file, or its -wal or -shm beside it,
// may be read or written by other users (group or others bits set).
domain::Status check_private(const std::string& path);

}  // namespace ofpra::store::sqlite
