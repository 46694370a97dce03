#include "http/static_files.hpp"

#include "http/errors.hpp"

#include <fstream>
#include <sstream>

namespace ofpra::http {
namespace {

std::string_view content_type_of(const std::filesystem::path& p) {
  const auto ext = p.extension().string();
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".webmanifest") return "application/manifest+json";
  return {};
}

// FNV-1a: a stable fingerprint for the ETag (not a security boundary).
std::string fingerprint(const std::string& s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace

domain::Result<StaticFiles> StaticFiles::load(const std::filesystem::path& root,
                                              const std::vector<std::string>& prefixes) {
  StaticFiles out;
  std::error_code ec;
  if (!std::filesystem::is_directory(root, ec))
    return domain::Error{"asset folder not found: " + root.string() + " (run scripts/install-deps)", "assets"};
  for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    const auto type = content_type_of(it->path());
    if (type.empty()) continue;
    const auto relative = std::filesystem::relative(it->path(), root).generic_string();
    bool wanted = false;
    for (const auto& prefix : prefixes)
      wanted = wanted || (prefix.back() == '/' ? relative.starts_with(prefix) : relative == prefix);
    if (!wanted) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (!in) return domain::Error{"cannot read asset " + relative, "assets"};
    File f{content.str(), type, {}};
    f.etag = fingerprint(f.content);
    out.bytes_ += f.content.size();
    out.files_.emplace(relative, std::move(f));
  }
  if (ec) return domain::Error{"cannot list assets in " + root.string() + ": " + ec.message(), "assets"};
  return out;
}

Response StaticFiles::serve(const Request& request, std::string_view relative) const {
  auto it = files_.find(std::string(relative));
  if (it == files_.end()) return error_response(errors::not_found, "Aucun fichier à cette adresse.");
  const auto& f = it->second;
  Response r;
  r.set_header("ETag", f.etag);
  r.set_header("Cache-Control", "public, max-age=86400");
  if (request.header("if-none-match") == f.etag) {
    r.status = 304;
    r.content_type = {};
    return r;
  }
  r.content_type = f.content_type;
  r.body = f.content;
  return r;
}

}  // namespace ofpra::http
