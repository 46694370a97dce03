#pragma once
// Blocking: (pair of name words' phonetic keys, birth year) → persons, over every name form of
// every person, with each person's birth date, sex and country, so that candidates that could
// not reach the threshold are dropped before anything is decoded; and the registry's name
// statistics, gathered on the same pass.
#include "domain/person.hpp"
#include "matching/name_statistics.hpp"
#include "matching/score.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace ofpra::matching {

struct Candidate {
  std::uint32_t person;
  double bound;        // the highest weight the candidate could reach, whatever her names
  std::uint32_t keys;  // name keys she shares with the query
};

class CandidateIndex {
 public:
  void add(std::uint32_t person, const domain::Person& p);
  void finish();  // after the last add, before the first lookup
  // Persons sharing a name key with the query, born the year asked, whose bound comes within
  // the lead of the posterior asked, highest bound first; none (nullopt) when there are more than `limit`:
  // then nobody may be named from this query.
  std::optional<std::vector<Candidate>> candidates(const QueryScorer& query, std::size_t limit = 512) const;
  const NameStatistics& statistics() const { return statistics_; }
  std::size_t memory_bytes() const;

  // The index as bytes, for a snapshot file; read gives false on bytes it did not write.
  using Write = std::function<void(const void*, std::size_t)>;
  using Read = std::function<bool(void*, std::size_t)>;
  void save(const Write& write) const;
  bool load(const Read& read);
  // Every entry and fact is about one of `persons` persons (a loaded index is checked so).
  bool covers(std::size_t persons) const;

 private:
  struct Entry {
    std::uint64_t key;
    std::uint32_t person;
    friend bool operator<(const Entry& a, const Entry& b) { return a.key < b.key; }
  };
  std::vector<Entry> entries_;
  std::vector<Facts> facts_;  // by person
  NameStatistics statistics_;
};

}  // namespace ofpra::matching
