#include "service/smtp_sender.hpp"

#include "env/clock.hpp"

#include <curl/curl.h>

#include <chrono>
#include <cstring>
#include <ctime>
#include <mutex>

namespace ofpra::service {
namespace {

struct Upload {
  std::string data;
  std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* u = static_cast<Upload*>(user);
  const auto n = std::min(size * count, u->data.size() - u->offset);
  std::memcpy(buffer, u->data.data() + u->offset, n);
  u->offset += n;
  return n;
}

// RFC 5322 §3.3, in UTC.
std::string mail_date() {
  const auto t = std::chrono::system_clock::to_time_t(env::system_clock().now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[64];
  std::strftime(out, sizeof out, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return out;
}

// RFC 2047 encoded word, so that accents and other scripts survive in the subject.
std::string encoded_subject(const std::string& text) {
  static constexpr char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string b64;
  std::size_t i = 0;
  for (; i + 2 < text.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(text[i]) << 16) | (static_cast<unsigned char>(text[i + 1]) << 8) |
                       static_cast<unsigned char>(text[i + 2]);
    for (int k = 18; k >= 0; k -= 6) b64 += table[(v >> k) & 63];
  }
  if (i < text.size()) {
    unsigned v = static_cast<unsigned char>(text[i]) << 16;
    if (i + 1 < text.size()) v |= static_cast<unsigned char>(text[i + 1]) << 8;
    b64 += table[(v >> 18) & 63];
    b64 += table[(v >> 12) & 63];
    b64 += i + 1 < text.size() ? table[(v >> 6) & 63] : '=';
    b64 += '=';
  }
  return "=?UTF-8?B?" + b64 + "?=";
}

class SmtpSender final : public Sender {
 public:
  explicit SmtpSender(SmtpSettings s) : s_(std::move(s)) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  }

  domain::Status send(const store::OutboxMessage& m) override {
    std::string to = m.recipient;
    if (m.channel == "sms") {
      if (s_.sms_domain.empty()) return domain::Error{"no SMS gateway is configured", {}};
      to = m.recipient + "@" + s_.sms_domain;
    }
    if (to.find_first_of("\r\n<>") != std::string::npos) return domain::Error{"the recipient is not an address", {}};
    Upload upload;
    upload.data = "Date: " + mail_date() + "\r\nFrom: <" + s_.from + ">\r\nTo: <" + to +
                  ">\r\nSubject: " + encoded_subject(m.subject) +
                  "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                  "Content-Transfer-Encoding: 8bit\r\n\r\n";
    for (char ch : m.body) {
      if (ch == '\n')
        upload.data += "\r\n";
      else
        upload.data += ch;
    }
    upload.data += "\r\n";

    CURL* curl = curl_easy_init();
    if (!curl) return domain::Error{"the mail client cannot start", {}};
    curl_slist* recipients = curl_slist_append(nullptr, ("<" + to + ">").c_str());
    curl_easy_setopt(curl, CURLOPT_URL, s_.url.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, ("<" + s_.from + ">").c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
    if (!s_.user.empty()) {
      curl_easy_setopt(curl, CURLOPT_USERNAME, s_.user.c_str());
      curl_easy_setopt(curl, CURLOPT_PASSWORD, s_.password.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    const auto rc = curl_easy_perform(curl);
    curl_slist_free_all(recipients);
    curl_easy_cleanup(curl);
    if (rc != CURLE_OK) return domain::Error{std::string("SMTP: ") + curl_easy_strerror(rc), {}};
    return domain::success();
  }

 private:
  SmtpSettings s_;
};

}  // namespace

std::unique_ptr<Sender> smtp_sender(SmtpSettings settings) { return std::make_unique<SmtpSender>(std::move(settings)); }

}  // namespace ofpra::service
