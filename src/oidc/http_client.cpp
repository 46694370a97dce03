#include "oidc/http_client.hpp"

#include <curl/curl.h>

namespace ofpra::oidc {
namespace {

constexpr std::size_t max_reply = 1 << 20;

struct Received {
  std::string body;
  bool too_big = false;
};

std::size_t collect(char* data, std::size_t size, std::size_t n, void* user) {
  auto* r = static_cast<Received*>(user);
  if (r->body.size() + size * n > max_reply) {
    r->too_big = true;
    return 0;
  }
  r->body.append(data, size * n);
  return size * n;
}

std::string escaped(CURL* curl, const std::string& s) {
  char* e = curl_easy_escape(curl, s.c_str(), static_cast<int>(s.size()));
  std::string out = e ? e : "";
  curl_free(e);
  return out;
}

class CurlClient final : public HttpClient {
 public:
  explicit CurlClient(std::chrono::seconds timeout) : timeout_(timeout) {}

  domain::Result<HttpReply> get(const std::string& url, const std::string& bearer) override {
    return perform(url, nullptr, bearer, {}, {});
  }

  domain::Result<HttpReply> post_form(const std::string& url, const std::map<std::string, std::string>& form,
                                      const std::string& user, const std::string& password) override {
    return perform(url, &form, {}, user, password);
  }

 private:
  domain::Result<HttpReply> perform(const std::string& url, const std::map<std::string, std::string>* form,
                                    const std::string& bearer, const std::string& user, const std::string& password) {
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) return domain::unavailable_error("the HTTP client could not start");
    Received received;
    std::string body;
    curl_slist* headers = curl_slist_append(nullptr, "Accept: application/json, application/jwt");
    if (!bearer.empty()) headers = curl_slist_append(headers, ("Authorization: Bearer " + bearer).c_str());
    auto* c = curl.get();
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM for the timeouts
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count() * 1000));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &received);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    if (form) {
      for (const auto& [k, v] : *form) body += (body.empty() ? "" : "&") + escaped(c, k) + "=" + escaped(c, v);
      curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
    }
    if (!user.empty()) {
      curl_easy_setopt(c, CURLOPT_HTTPAUTH, static_cast<long>(CURLAUTH_BASIC));
      curl_easy_setopt(c, CURLOPT_USERNAME, user.c_str());
      curl_easy_setopt(c, CURLOPT_PASSWORD, password.c_str());
    }
    const auto code = curl_easy_perform(c);
    curl_slist_free_all(headers);
    if (received.too_big) return domain::unavailable_error("the provider's reply is too large");
    if (code != CURLE_OK)
      return domain::unavailable_error(std::string("the provider did not answer: ") + curl_easy_strerror(code));
    HttpReply reply;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply.status);
    char* type = nullptr;
    curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type);
    reply.content_type = type ? type : "";
    reply.body = std::move(received.body);
    return reply;
  }

  std::chrono::seconds timeout_;
};

}  // namespace

std::unique_ptr<HttpClient> curl_client(std::chrono::seconds timeout) {
  // libcurl's global state, once, before any thread uses it.
  static const auto initialised = curl_global_init(CURL_GLOBAL_DEFAULT);
  (void)initialised;
  return std::make_unique<CurlClient>(timeout);
}

}  // namespace ofpra::oidc
