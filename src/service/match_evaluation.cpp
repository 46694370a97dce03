#include "service/match_evaluation.hpp"

#include "domain/registry_record.hpp"
#include "service/verification_request.hpp"

#include <boost/json.hpp>

namespace ofpra::service {
namespace {

void count(MatchCounts& c, matching::Verdict verdict, const std::string& found,
           const std::optional<std::string>& expected) {
  ++c.queries;
  if (expected) ++c.expected_someone;
  switch (verdict) {
    case matching::Verdict::found:
      if (expected && found == *expected)
        ++c.right;
      else
        ++c.wrong;
      break;
    case matching::Verdict::ambiguous:
      ++c.ambiguous;
      if (expected) ++c.missed;
      break;
    case matching::Verdict::not_found:
      ++c.not_found;
      if (expected) ++c.missed;
      break;
  }
}

}  // namespace

double MatchReport::precision() const {
  const auto found = all.right + all.wrong;
  return found ? static_cast<double>(all.right) / static_cast<double>(found) : 1.0;
}

double MatchReport::recall() const {
  return all.expected_someone ? static_cast<double>(all.right) / static_cast<double>(all.expected_someone) : 1.0;
}

double MatchReport::ambiguous_rate() const {
  return all.queries ? static_cast<double>(all.ambiguous) / static_cast<double>(all.queries) : 0.0;
}

domain::Result<std::vector<LabelledQuery>> read_labelled_queries(std::istream& in) {
  std::vector<LabelledQuery> out;
  std::string text;
  for (std::uint64_t number = 1; std::getline(in, text); ++number) {
    if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto bad = [&](const std::string& field, const std::string& why) {
      return domain::Error{"line " + std::to_string(number) + ": " + field + ": " + why, field};
    };
    boost::system::error_code ec;
    auto v = boost::json::parse(text, ec);
    if (ec || !v.is_object()) return bad("line", "not a JSON object");
    const auto& o = v.get_object();
    const auto* identite = o.if_contains("identite");
    if (!identite) return bad("identite", "missing");
    auto query = parse_identity(*identite);
    if (auto* refusal = std::get_if<Refusal>(&query)) return bad(refusal->parameter, refusal->detail);
    LabelledQuery q{number, std::get<IdentityQuery>(std::move(query)), std::nullopt, "(sans cas)"};
    const auto* numero = o.if_contains("numero_ofpra");
    if (!numero || (!numero->is_null() && !(numero->is_string() && domain::is_numero_ofpra(numero->get_string()))))
      return bad("numero_ofpra", "9 digits, or null when nobody registered is meant");
    if (numero->is_string()) q.expected = std::string(numero->get_string());
    if (const auto* cas = o.if_contains("cas"); cas && cas->is_string()) q.label = std::string(cas->get_string());
    out.push_back(std::move(q));
  }
  return out;
}

domain::Result<MatchReport> evaluate_matching(
    const RegistrySnapshot& registry, std::istream& in,
    const std::function<void(std::uint64_t, const IdentityMatch&, double)>& explain, const env::Clock* clock,
    const matching::Parameters& parameters) {
  auto queries = read_labelled_queries(in);
  if (!queries) return queries.error();
  MatchReport report;
  for (const auto& q : *queries) {
    const auto start = clock ? clock->monotonic() : std::chrono::steady_clock::time_point{};
    const auto m = registry.identity_match(q.query, parameters);
    const double micros = clock ? std::chrono::duration<double, std::micro>(clock->monotonic() - start).count() : 0.0;
    if (clock) report.micros.push_back(micros);
    if (explain) explain(q.line, m, micros);
    const std::string found = m.verdict == matching::Verdict::found ? m.numbers.front() : std::string();
    count(report.all, m.verdict, found, q.expected);
    count(report.by_case[q.label], m.verdict, found, q.expected);
  }
  return report;
}

}  // namespace ofpra::service
