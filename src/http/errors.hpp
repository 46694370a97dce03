#pragma once
// The error envelope of DESIGN §5: {"errors":[{"code","title","detail","source"}]}, with a
// five-digit code per kind of error. docs/errors.md lists every code.
#include "http/message.hpp"

#include <string_view>

namespace ofpra::http {

struct ErrorCode {
  unsigned status;
  std::string_view code;
  std::string_view title;
};

namespace errors {
inline constexpr ErrorCode malformed_request{400, "40000", "Requête mal formée"};
inline constexpr ErrorCode invalid_parameter{400, "40001", "Paramètre invalide"};
inline constexpr ErrorCode not_found{404, "40400", "Ressource introuvable"};
inline constexpr ErrorCode method_not_allowed{405, "40500", "Méthode non autorisée"};
inline constexpr ErrorCode request_timeout{408, "40800", "Délai de requête dépassé"};
inline constexpr ErrorCode body_too_large{413, "41300", "Corps de requête trop volumineux"};
inline constexpr ErrorCode headers_too_large{431, "43100", "En-têtes de requête trop volumineux"};
inline constexpr ErrorCode too_many_requests{429, "42900", "Trop de requêtes"};
inline constexpr ErrorCode internal{500, "50000", "Erreur interne"};
inline constexpr ErrorCode not_ready{503, "50300", "Service pas encore prêt"};
inline constexpr ErrorCode shutting_down{503, "50301", "Service en cours d'arrêt"};
}  // namespace errors

// detail explains what to do; parameter names the offending field, when there is one. Neither
// may contain personal data.
Response error_response(const ErrorCode& error, std::string_view detail, std::string_view parameter = {});
Response json_response(unsigned status, std::string body);

}  // namespace ofpra::http
