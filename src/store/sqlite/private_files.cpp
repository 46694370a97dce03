#include "store/sqlite/private_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

namespace ofpra::store::sqlite {

domain::Status create_private(const std::string& path) {
  if (path.empty() || path.front() == ':' || path.starts_with("file:")) return domain::success();
  // Already there, or a folder that does not exist: SQLite says which when it opens it.
  if (const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600); fd >= 0) ::close(fd);
  return domain::success();
}

domain::Status check_private(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) {
    const auto file = path + suffix;
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) continue;
    if ((st.st_mode & 077) != 0) {
      char mode[8];
      std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
      return domain::Error{"the database file " + file + " has mode " + mode +
                               ": other users may read personal data. Make it private: chmod 600 " + path + "*",
                           "db"};
    }
  }
  return domain::success();
}

}  // namespace ofpra::store::sqlite
