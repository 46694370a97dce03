#pragma once
// The person's space (signed in): her situation, share codes, consents, and who saw her data;
// and the public share-code verification page. Each is a plain function of the visit.
#include "http/message.hpp"
#include "web/visit.hpp"

#include <functional>

namespace ofpra::web {

http::Response share_codes_page(const Visit& visit);
http::Response share_code_create(const Visit& visit);
http::Response share_code_revoke(const Visit& visit);
http::Response share_code_email(const Visit& visit);
http::Response consents_page(const Visit& visit);
http::Response consent_grant(const Visit& visit);
// Asks her to confirm a withdrawal, saying what the administration will no longer receive.
http::Response consent_withdrawal_page(const Visit& visit);
http::Response consent_revoke(const Visit& visit);
http::Response history_page(const Visit& visit);
// Her questions to OFPRA, and the requests administrations made about her.
http::Response questions_page(const Visit& visit);
http::Response question_submit(const Visit& visit);

// Her signed attestations: issue one (the PDF is the answer), see them, withdraw one.
http::Response attestations_page(const Visit& visit);
http::Response attestation_issue(const Visit& visit);
http::Response attestation_withdraw(const Visit& visit);
// The public verification of an attestation (blocking: run on the pool).
http::Response verify_attestation_page(const Visit& visit);
http::Response verify_attestation_submit(const Visit& visit);

// Answer through respond once the journal has the entry (or refused it).
void situation_page(const Visit& visit, std::function<void(http::Response)> respond);

http::Response verify_code_page(const Visit& visit);
// Answers through respond once the journal has the entry (or refused it).
void verify_code_submit(const Visit& visit, std::function<void(http::Response)> respond);

}  // namespace ofpra::web
