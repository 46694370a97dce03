#pragma once
// Login, logout, account activation and password reset pages.
#include "http/message.hpp"
#include "web/visit.hpp"

namespace ofpra::web {

// Signs the person in: a new session (never one chosen by the browser), the form cookie gone.
http::Response signed_in(const Visit& visit, const std::string& numero_ofpra);

http::Response login_page(const Visit& visit);
http::Response login_submit(const Visit& visit);
http::Response logout_submit(const Visit& visit);
// Activation and reset share their two steps; purpose says which.
http::Response code_request_page(const Visit& visit, service::CodePurpose purpose);
// Answers first, then queues the code: how long the answer takes tells nothing of the registry.
void code_request_submit(const Visit& visit, service::CodePurpose purpose, http::Respond respond);
// Whether text has the shape of a code step's request id (32 lower-case hex digits).
bool code_request_id(std::string_view text);

// The code step, at its own address (?demande=ID), so that a language change keeps her there.
http::Response code_confirm_page(const Visit& visit, service::CodePurpose purpose);
http::Response code_confirm_submit(const Visit& visit, service::CodePurpose purpose);

}  // namespace ofpra::web
