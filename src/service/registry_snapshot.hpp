#pragma once
// The registry in memory (DESIGN §4): lookups are served from an immutable snapshot, so that
// an answer never waits on the store. A snapshot is replaced whole when the store's
// generation moves (an import by this or another process); readers keep the one they hold.
#include "domain/person.hpp"
#include "domain/person_codec.hpp"
#include "domain/result.hpp"
#include "matching/matcher.hpp"
#include "store/database.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ofpra::service {

// The identity an administration holds (DESIGN §5, subject "identite").
using IdentityQuery = matching::IdentityQuery;

// What an identity designates: one person, several (then nobody is named), or nobody.
struct IdentityMatch {
  matching::Verdict verdict = matching::Verdict::not_found;
  std::vector<std::string> numbers;     // the one found, or the contenders of an ambiguity
  std::vector<matching::Score> scores;  // parallel to numbers, to explain the decision
};

class RegistrySnapshot {
 public:
  // Reads every person of the store. Blocking.
  static domain::Result<std::shared_ptr<const RegistrySnapshot>> load(store::RegistryStore& store);

  std::int64_t generation() const { return generation_; }
  std::size_t size() const { return numbers_.size(); }
  // Bytes held: the encoded persons and the indexes.
  std::size_t memory_bytes() const;

  // parts: what to decode (the others stay empty); an answer needs only its scopes' parts.
  std::optional<domain::Person> find(std::string_view numero_ofpra,
                                     domain::PersonParts parts = domain::PersonParts::all) const;
  // find() without decoding the person.
  bool contains(std::string_view numero_ofpra) const;
  // The numero_ofpra of every person with that AGDREF number (normally one).
  std::vector<std::string> numbers_by_agdref(std::string_view numero_agdref) const;
  // The tolerant matcher (src/matching) over every name form of every person.
  // parameters: the model (the compiled-in one unless match-eval is given another).
  IdentityMatch identity_match(const IdentityQuery& query,
                               const matching::Parameters& parameters = matching::default_parameters()) const;
  // For OFPRA's staff answering a request (service/demandes.hpp), never for an answer: the persons
  // the matcher considers for the query, best score first, at most limit, whatever its decision.
  std::vector<std::pair<std::string, matching::Score>> considered(const IdentityQuery& query, std::size_t limit) const;
  // For training the matcher (service/match_training.hpp): the person at a position (below
  // size()), and the statistics of the registry's names.
  domain::Person at(std::size_t index) const { return person_at(static_cast<std::uint32_t>(index)); }
  const matching::NameStatistics& name_statistics() const { return by_name_.statistics(); }

  // A snapshot file, so that a restart without an import in between does not re-read the
  // store: written atomically, stamped with the registry's instance and generation, with a
  // checksum. read_file gives null for a missing, damaged or foreign file (never an error:
  // the store is the truth and is read instead).
  domain::Status write_file(const std::filesystem::path& path, const std::string& instance) const;
  static std::shared_ptr<const RegistrySnapshot> read_file(const std::filesystem::path& path,
                                                           const std::string& instance, std::int64_t generation);

 private:
  struct Keyed {
    std::uint64_t key;
    std::uint32_t index;
    friend bool operator<(const Keyed& a, const Keyed& b) { return a.key < b.key; }
  };
  domain::Person person_at(std::uint32_t index, domain::PersonParts parts = domain::PersonParts::all) const;
  std::optional<std::uint32_t> index_of(std::string_view numero_ofpra) const;
  void build_guide();

  std::int64_t generation_ = 0;
  std::string arena_;                   // encoded persons, back to back
  std::vector<std::uint64_t> offsets_;  // where each person starts in arena_; one more at the end
  std::vector<std::uint32_t> numbers_;  // numero_ofpra as a number, ascending, parallel to offsets_
  // guide_[k]: the first index whose number's bucket (number >> guide_shift) is k or more: a
  // lookup searches one bucket (about 16 numbers at a million persons), not the whole array.
  std::vector<std::uint32_t> guide_;
  std::vector<Keyed> by_agdref_;  // sorted by AGDREF number
  matching::CandidateIndex by_name_;
};

// The current snapshot, refreshed from the store when its generation moves; with a snapshot
// file, a start whose file matches the store reads the file instead.
class Registry {
 public:
  explicit Registry(store::RegistryStore& store, std::optional<std::filesystem::path> file = std::nullopt)
      : store_(store), file_(std::move(file)) {}
  // Loads the first snapshot (from the file when it matches the store). Blocking.
  domain::Status load();
  // Whether the first snapshot came from the file.
  bool loaded_from_file() const { return from_file_; }
  // Loads a new snapshot if the store changed since the current one; true when it did.
  domain::Result<bool> refresh();
  std::shared_ptr<const RegistrySnapshot> current() const;

 private:
  domain::Status load_from_store();
  store::RegistryStore& store_;
  std::optional<std::filesystem::path> file_;
  bool from_file_ = false;
  mutable std::mutex mutex_;
  std::shared_ptr<const RegistrySnapshot> current_;
};

}  // namespace ofpra::service
