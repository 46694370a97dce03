#pragma once
// Front-end assets (the DSFR from npm) served from memory: loaded once at start-up so that
// serving never touches the disk, with ETag revalidation and long caching.
#include "domain/result.hpp"
#include "http/message.hpp"

#include <filesystem>
#include <string>
#include <unordered_map>

namespace ofpra::http {

class StaticFiles {
 public:
  // Loads the files under root whose relative paths start with one of `prefixes` (a prefix
  // ending in '/' is a folder) and whose extension is a known asset type. Source maps and
  // other files are left out.
  static domain::Result<StaticFiles> load(const std::filesystem::path& root, const std::vector<std::string>& prefixes);

  // `relative` is the path below the mount point. 404 when unknown.
  Response serve(const Request& request, std::string_view relative) const;
  std::size_t size() const { return files_.size(); }
  std::size_t bytes() const { return bytes_; }

 private:
  struct File {
    std::string content;
    std::string_view content_type;  // a literal (content_type_of)
    std::string etag;
  };
  std::unordered_map<std::string, File> files_;
  std::size_t bytes_ = 0;
};

}  // namespace ofpra::http
