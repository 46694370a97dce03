#pragma once
// Production delivery of the outbox: e-mail through an SMTP relay (libcurl, STARTTLS when the
// relay offers it), and text messages through an e-mail-to-SMS gateway of the operator's
// choosing (the number becomes <number>@<sms_domain>).
#include "service/outbox.hpp"

#include <string>

namespace ofpra::service {

struct SmtpSettings {
  std::string url;   // smtp://host:587 or smtps://host:465
  std::string from;  // sender address
  std::string user;  // empty: no authentication
  std::string password;
  std::string sms_domain;  // empty: text messages cannot be sent
};

std::unique_ptr<Sender> smtp_sender(SmtpSettings settings);

}  // namespace ofpra::service
