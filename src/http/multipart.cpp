#include "http/multipart.hpp"

#include <algorithm>
#include <cctype>

namespace ofpra::http {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// The value of parameter `name` in a header's parameters (name="value" or name=value).
std::optional<std::string> parameter(std::string_view header, std::string_view name) {
  const auto low = lower(header);
  for (std::size_t at = low.find(name); at != std::string::npos; at = low.find(name, at + 1)) {
    const bool starts = at == 0 || low[at - 1] == ';' || low[at - 1] == ' ';
    const auto eq = at + name.size();
    if (!starts || eq >= low.size() || low[eq] != '=') continue;
    auto value = header.substr(eq + 1);
    if (!value.empty() && value.front() == '"') {
      const auto end = value.find('"', 1);
      if (end == std::string_view::npos) return std::nullopt;
      return std::string(value.substr(1, end - 1));
    }
    return std::string(value.substr(0, value.find(';')));
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  if (!lower(content_type.substr(0, content_type.find(';'))).starts_with("multipart/form-data")) return std::nullopt;
  auto boundary = parameter(content_type, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 70) return std::nullopt;
  return boundary;
}

std::optional<std::map<std::string, std::string>> parse_multipart(std::string_view body, std::string_view boundary) {
  const std::string delimiter = "--" + std::string(boundary);
  std::map<std::string, std::string> parts;
  auto at = body.find(delimiter);
  if (at != 0) return std::nullopt;
  while (true) {
    at += delimiter.size();
    if (body.substr(at, 2) == "--") return parts;  // the closing delimiter
    if (body.substr(at, 2) != "\r\n") return std::nullopt;
    at += 2;
    const auto headers_end = body.find("\r\n\r\n", at);
    if (headers_end == std::string_view::npos) return std::nullopt;
    std::optional<std::string> name;
    for (auto headers = body.substr(at, headers_end - at); !headers.empty();) {
      const auto line_end = std::min(headers.find("\r\n"), headers.size());
      const auto line = headers.substr(0, line_end);
      if (lower(line.substr(0, line.find(':'))) == "content-disposition") name = parameter(line, "name");
      headers.remove_prefix(std::min(line_end + 2, headers.size()));
    }
    const auto content = headers_end + 4;
    const auto next = body.find("\r\n" + delimiter, content);
    if (!name || name->empty() || next == std::string_view::npos) return std::nullopt;
    if (!parts.emplace(std::move(*name), std::string(body.substr(content, next - content))).second) return std::nullopt;
    at = next + 2;
  }
}

}  // namespace ofpra::http
