// Her questions to OFPRA (/espace/questions, docs/DEMANDES.md): she asks about her file, in her
// language, and reads OFPRA's reply here; she also sees the requests administrations made to
// OFPRA about her, and where the answer given shows in her history.
#include "service/demandes.hpp"
#include "web/i18n.hpp"
#include "web/locale_format.hpp"
#include "web/space_pages.hpp"

#include <boost/json.hpp>

namespace ofpra::web {
namespace {

namespace json = boost::json;

json::object form_values(const Visit& v) {
  json::array topics;
  for (auto topic : service::demande_topics)
    topics.push_back(json::object{{"value", topic},
                                  {"label", v.t("questions_topic_" + std::string(topic))},
                                  {"checked", v.field("sujet") == topic}});
  return {{"topics", std::move(topics)},
          {"note", v.field("note")},
          {"intro",
           filled(v.t("questions_intro"), "{n}", format_number(v.language->code, v.context->demandes->delay_days))}};
}

http::Response render(const Visit& v, json::object values, unsigned status = 200) {
  const auto& c = *v.context->demandes;
  const service::PersonHerself her{v.session->numero_ofpra};
  auto all = service::demandes_for(c, her);
  if (!all) return problem(v, 503, "unavailable_title", "unavailable_text");
  json::array mine, about;
  for (const auto& d : *all) {
    json::object row{
        {"id", d.id},
        {"date", format_time(v.language->code, d.created_at)},
        // Her question answered in writing is answered, not just closed.
        {"state", v.t("questions_state_" +
                      std::string(d.reason == domain::ClosingReason::replied ? "repondue" : to_string(d.state)))},
        {"pending", domain::is_pending(d.state)}};
    if (d.channel == domain::JournalChannel::portal) {
      row["topic"] = v.t("questions_topic_" + d.topic);
      row["note"] = d.note;
      row["due"] = filled(v.t("questions_due"), "{date}", format_date_text(v.language->code, d.due_on));
      row["reply"] = d.message;
      mine.push_back(std::move(row));
      continue;
    }
    auto partner = c.door.db.partners().find_partner(d.partner_siret);
    if (!partner) return problem(v, 503, "unavailable_title", "unavailable_text");
    row["administration"] = *partner ? (*partner)->name : d.partner_siret;
    if (d.state == domain::DemandeState::answered)
      row["answered"] =
          filled(filled(v.t("questions_answered_about"), "{date}", format_time(v.language->code, d.settled_at)),
                 "{ref}", std::to_string(d.answer_reference));
    about.push_back(std::move(row));
  }
  values["mine"] = std::move(mine);
  values["about"] = std::move(about);
  values["none_mine"] = values["mine"].as_array().empty();
  values["none_about"] = values["about"].as_array().empty();
  return page(v, "questions", "questions_title", values, status, "questions");
}

}  // namespace

http::Response questions_page(const Visit& v) {
  if (!v.context->demandes) return problem(v, 404, "not_found_title", "not_found_text");
  auto values = form_values(v);
  if (const auto& sent = v.query("envoyee"); !sent.empty()) {
    const service::PersonHerself her{v.session->numero_ofpra};
    auto found = service::demande_for(*v.context->demandes, her, sent);
    if (found && *found)
      values["sent"] = filled(v.t("questions_sent"), "{date}", format_date_text(v.language->code, (*found)->due_on));
  }
  return render(v, std::move(values));
}

http::Response question_submit(const Visit& v) {
  if (!v.context->demandes) return problem(v, 404, "not_found_title", "not_found_text");
  if (!csrf_ok(v)) return problem(v, 403, "form_expired_title", "form_expired_text");
  service::NewDemande asked;
  asked.topic = v.field("sujet");
  asked.note = v.field("note");
  // Every field in error at once.
  if (const auto errors = service::question_errors(asked.topic, asked.note); !errors.empty()) {
    auto values = form_values(v);
    for (const auto& field : errors)
      mark_error(v, values, field, field == "sujet" ? "error_question_topic" : "error_question_note");
    return render(v, std::move(values), 400);
  }
  auto filed = service::file_demande(*v.context->demandes, service::PersonHerself{v.session->numero_ofpra}, asked);
  if (const auto* filing = std::get_if<service::Filing>(&filed))
    return redirect("/espace/questions?envoyee=" + filing->demande.id);
  const auto& refusal = std::get<service::Refusal>(filed);
  if (domain::info(refusal.problem).status >= 500) return problem(v, 503, "unavailable_title", "unavailable_text");
  auto values = form_values(v);
  mark_error(v, values, "note", refusal.parameter == "attente" ? "error_question_pending" : "error_question_note");
  return render(v, std::move(values), refusal.parameter == "attente" ? 429 : 400);
}

}  // namespace ofpra::web
