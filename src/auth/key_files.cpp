#include "auth/key_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace ofpra::auth {

domain::Result<std::string> read_key_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return domain::Error{"cannot read " + file.string(), "keys"};
  std::stringstream s;
  s << in.rdbuf();
  auto text = s.str();
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

domain::Result<std::string> read_or_create_key_file(const std::filesystem::path& file,
                                                    const std::function<std::string()>& make) {
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) return read_key_file(file);
  const auto dir = file.parent_path();
  std::filesystem::create_directories(dir, ec);
  if (ec) return domain::Error{"cannot create the key folder " + dir.string() + ": " + ec.message(), "keys"};
  ::chmod(dir.c_str(), 0700);
  auto draft = file;
  draft += ".new-" + std::to_string(::getpid());
  const auto text = make() + "\n";
  const int fd = ::open(draft.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return domain::Error{"cannot write " + draft.string() + ": " + std::strerror(errno), "keys"};
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  // link() fails when the key exists: a node that lost the race reads the winner's key.
  const bool linked = written && (::link(draft.c_str(), file.c_str()) == 0 || errno == EEXIST);
  ::unlink(draft.c_str());
  if (!linked) return domain::Error{"cannot write " + file.string(), "keys"};
  return read_key_file(file);
}

}  // namespace ofpra::auth
