#include "service/access_history.hpp"

#include <map>

namespace ofpra::service {

domain::Result<AccessHistory> access_history(store::Database& db, const std::string& numero, const HistoryPage& page) {
  auto partners = db.partners().partners();
  if (!partners) return partners.error();
  std::map<std::string, std::string, std::less<>> names;
  for (const auto& p : *partners) names[p.siret] = p.name;
  auto name_of = [&](const std::string& siret) {
    auto it = names.find(siret);
    return it == names.end() ? siret : it->second;
  };
  AccessHistory h;
  // One list: her entries (a relative's lookups are theirs) of her own views or of the others.
  auto list = [&](bool own, std::int64_t before, std::vector<HistoryLine>& lines,
                  std::int64_t& older) -> domain::Status {
    store::JournalQuery q;
    q.person = numero;
    q.channel = domain::JournalChannel::portal;
    q.except_channel = !own;
    q.before_seq = before;
    q.limit = page.size + 1;
    auto entries = db.journal().search(q);
    if (!entries) return entries.error();
    for (std::size_t i = 0; i < entries->size(); ++i) {
      if (i == page.size) {
        older = (*entries)[i - 1].seq;
        break;
      }
      auto& e = (*entries)[i];
      HistoryLine line;
      if (!e.partner_siret.empty()) line.partner_name = name_of(e.partner_siret);
      if (!e.recipient_siret.empty() && e.recipient_siret != e.partner_siret)
        line.recipient_name = name_of(e.recipient_siret);
      line.entry = std::move(e);
      lines.push_back(std::move(line));
    }
    return domain::success();
  };
  if (auto s = list(false, page.before, h.by_others, h.older); !s) return s.error();
  if (auto s = list(true, page.own_before, h.by_herself, h.older_own); !s) return s.error();
  return h;
}

}  // namespace ofpra::service
