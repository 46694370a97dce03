#include "service/access_history.hpp"

#include <map>

namespace ofpra::service {

bool is_her_own_view(const domain::JournalEntry& e) { return e.channel == domain::JournalChannel::portal; }

domain::Result<AccessHistory> access_history(store::Database& db, const std::string& numero, std::int64_t before,
                                             std::size_t page_size) {
  store::JournalQuery q;
  q.person = numero;  // a relative's lookups are theirs
  q.before_seq = before;
  q.limit = page_size + 1;
  auto entries = db.journal().search(q);
  if (!entries) return entries.error();
  auto partners = db.partners().partners();
  if (!partners) return partners.error();
  std::map<std::string, std::string, std::less<>> names;
  for (const auto& p : *partners) names[p.siret] = p.name;
  auto name_of = [&](const std::string& siret) {
    auto it = names.find(siret);
    return it == names.end() ? siret : it->second;
  };
  AccessHistory h;
  for (std::size_t i = 0; i < entries->size(); ++i) {
    if (i == page_size) {
      h.older = (*entries)[i - 1].seq;
      break;
    }
    auto& e = (*entries)[i];
    HistoryLine line;
    if (!e.partner_siret.empty()) line.partner_name = name_of(e.partner_siret);
    if (!e.recipient_siret.empty() && e.recipient_siret != e.partner_siret)
      line.recipient_name = name_of(e.recipient_siret);
    line.entry = std::move(e);
    (is_her_own_view(line.entry) ? h.by_herself : h.by_others).push_back(std::move(line));
  }
  return h;
}

}  // namespace ofpra::service
