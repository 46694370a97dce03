#include "http/form.hpp"
#include "service/access_history.hpp"
#include "web/labels.hpp"
#include "web/locale_format.hpp"
#include "web/space_pages.hpp"

#include <boost/json.hpp>

#include <map>

namespace ofpra::web {
namespace {

namespace json = boost::json;
constexpr std::size_t page_size = 50;

// ?avant=<seq>&vues_avant=<seq>: positions in the journal, nothing personal.
std::int64_t cursor(const std::map<std::string, std::string>& query, const std::string& key) {
  const auto it = query.find(key);
  if (it == query.end()) return 0;
  const auto n = whole_number(it->second);
  return n && *n > 0 ? *n : 0;
}

json::object row(const Visit& v, const service::HistoryLine& line) {
  const auto& e = line.entry;
  std::string who, by;
  using domain::JournalChannel;
  if (e.channel == JournalChannel::share_code_page) {
    who = v.t("history_share_code_page");
    by = v.t("history_declared") + " " + e.agent;
  } else if (e.channel == JournalChannel::attestation) {
    // Somebody verified her signed attestation online: the organisation they declared, if any.
    who = v.t("history_attestation");
    if (!e.agent.empty()) by = v.t("history_declared") + " " + e.agent;
  } else if (e.channel == JournalChannel::ofpra) {
    // OFPRA answered an administration's request to it: which one received the answer.
    who = v.t("history_ofpra");
    if (!line.partner_name.empty()) by = v.t("history_for") + " " + line.partner_name;
  } else {
    who = e.channel == JournalChannel::counter ? v.t("history_counter") + " " + line.partner_name : line.partner_name;
    if (!line.recipient_name.empty()) by = v.t("history_for") + " " + line.recipient_name;
    // Her organisation and a stable reference, never the agent's name or e-mail.
    if (e.channel == JournalChannel::counter) by = v.t("history_agent") + " " + e.agent;
  }
  std::string what;
  if (e.result == domain::JournalResult::found) {
    std::vector<std::string> given;
    // A verifier facing her saw her name and birth date with every answer (service/answer.hpp).
    if (e.channel == JournalChannel::counter || e.channel == JournalChannel::share_code_page)
      given.push_back(v.t("history_designation"));
    for (const auto& s : e.scopes_given) given.push_back(label(v, "scope", s));
    what = format_list(v.language->code, given);
  } else {
    what = label(v, "result", to_string(e.result));
  }
  std::string how;
  if (e.consent_ref.starts_with("code:"))
    how = v.t("history_with_code");
  else if (e.consent_ref.starts_with("consentement:"))
    how = v.t("history_with_consent");
  return json::object{{"when", format_time(v.language->code, e.recorded_at)},
                      {"who", who},
                      {"by", by},
                      {"why", e.purpose},
                      {"what", what},
                      {"how", how},
                      {"reference", std::to_string(e.seq)}};
}

}  // namespace

// Her own entries only; partners' accesses first, her own views of her situation apart.
http::Response history_page(const Visit& v) {
  const auto query = http::parse_form(v.request->query).value_or(std::map<std::string, std::string>{});
  const service::HistoryPage wanted{cursor(query, "avant"), cursor(query, "vues_avant"), page_size};
  auto history = service::access_history(v.context->accounts.db, v.session->numero_ofpra, wanted);
  if (!history) return problem(v, 503, "unavailable_title", "unavailable_text");
  json::array others, own;
  for (const auto& line : history->by_others) others.push_back(row(v, line));
  for (const auto& line : history->by_herself) own.push_back(row(v, line));
  json::object values{
      {"none", others.empty()}, {"entries", std::move(others)}, {"own_none", own.empty()}, {"own", std::move(own)}};
  // Each list's next page keeps the other where it is.
  if (history->older)
    values["older"] = "avant=" + std::to_string(history->older) + "&vues_avant=" + std::to_string(wanted.own_before);
  if (history->older_own)
    values["older_own"] =
        "avant=" + std::to_string(wanted.before) + "&vues_avant=" + std::to_string(history->older_own);
  return page(v, "history", "history_title", values, 200, "historique");
}

}  // namespace ofpra::web
