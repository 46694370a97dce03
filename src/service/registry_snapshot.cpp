#include "service/registry_snapshot.hpp"

#include "domain/person_codec.hpp"
#include "matching/normalize.hpp"

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <fstream>
#include <functional>
#include <thread>

#include <unistd.h>

namespace ofpra::service {
namespace {

// Nine digits make a number below 2^30: 2^16 buckets of 2^14 numbers each.
constexpr unsigned guide_shift = 14;
constexpr std::size_t guide_buckets = std::size_t{1} << 16;

std::optional<std::uint64_t> number_of(std::string_view digits) {
  std::uint64_t n = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
  return n;
}

// Indexes names on a thread of its own while the store is being read: on two cores the load
// takes the longer of the two instead of their sum.
class BackgroundIndexer {
 public:
  explicit BackgroundIndexer(matching::CandidateIndex& index) : index_(index), thread_([this] { run(); }) {}
  ~BackgroundIndexer() { finish(); }

  void add(std::uint32_t person, domain::Person&& p) {
    batch_.emplace_back(person, std::move(p));
    if (batch_.size() == batch_size) flush();
  }

  // Waits until everything given is indexed.
  void finish() {
    if (!thread_.joinable()) return;
    flush();
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    ready_.notify_one();
    thread_.join();
  }

 private:
  static constexpr std::size_t batch_size = 512;
  static constexpr std::size_t max_batches = 8;  // bounds the memory the reader can run ahead by

  void flush() {
    if (batch_.empty()) return;
    std::unique_lock lock(mutex_);
    room_.wait(lock, [this] { return queue_.size() < max_batches; });
    queue_.push_back(std::move(batch_));
    batch_.clear();
    ready_.notify_one();
  }

  void run() {
    for (;;) {
      std::vector<std::pair<std::uint32_t, domain::Person>> batch;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return done_ || !queue_.empty(); });
        if (queue_.empty()) return;
        batch = std::move(queue_.front());
        queue_.pop_front();
      }
      room_.notify_one();
      for (const auto& [person, p] : batch) index_.add(person, p);
    }
  }

  matching::CandidateIndex& index_;
  std::vector<std::pair<std::uint32_t, domain::Person>> batch_;
  std::deque<std::vector<std::pair<std::uint32_t, domain::Person>>> queue_;
  std::mutex mutex_;
  std::condition_variable ready_, room_;
  bool done_ = false;
  std::thread thread_;
};

}  // namespace

domain::Result<std::shared_ptr<const RegistrySnapshot>> RegistrySnapshot::load(store::RegistryStore& store) {
  auto generation = store.generation();
  if (!generation) return generation.error();
  auto snapshot = std::make_shared<RegistrySnapshot>();
  auto& s = *snapshot;
  s.generation_ = *generation;
  if (auto count = store.count()) {
    s.offsets_.reserve(static_cast<std::size_t>(*count) + 1);
    s.numbers_.reserve(static_cast<std::size_t>(*count));
    s.arena_.reserve(static_cast<std::size_t>(*count) * 200);
  }
  BackgroundIndexer indexer(s.by_name_);
  auto status = store.for_each([&](domain::Person&& p) {
    const auto number = number_of(p.numero_ofpra);
    if (!number) return true;  // the store checks numbers on the way in; nothing else to do
    const auto index = static_cast<std::uint32_t>(s.numbers_.size());
    s.numbers_.push_back(static_cast<std::uint32_t>(*number));
    s.offsets_.push_back(s.arena_.size());
    domain::encode_person(p, s.arena_);
    if (p.numero_agdref)
      if (auto a = number_of(*p.numero_agdref)) s.by_agdref_.push_back({*a, index});
    indexer.add(index, std::move(p));
    return true;
  });
  indexer.finish();
  if (!status) return status.error();
  s.offsets_.push_back(s.arena_.size());
  s.arena_.shrink_to_fit();
  // for_each visits in numero_ofpra order; the binary search below relies on it.
  if (!std::is_sorted(s.numbers_.begin(), s.numbers_.end()))
    return domain::unavailable_error("the registry was not read in numero_ofpra order");
  std::sort(s.by_agdref_.begin(), s.by_agdref_.end());
  s.by_name_.finish();
  s.by_agdref_.shrink_to_fit();
  s.build_guide();
  // The first name in another script builds the thread's ICU transliterator (milliseconds):
  // not during a query on this thread.
  (void)matching::fold("\u0627");
  return std::shared_ptr<const RegistrySnapshot>(std::move(snapshot));
}

std::size_t RegistrySnapshot::memory_bytes() const {
  return arena_.capacity() + offsets_.capacity() * sizeof(std::uint64_t) + numbers_.capacity() * sizeof(std::uint32_t) +
         guide_.capacity() * sizeof(std::uint32_t) + by_agdref_.capacity() * sizeof(Keyed) + by_name_.memory_bytes();
}

domain::Person RegistrySnapshot::person_at(std::uint32_t index, domain::PersonParts parts) const {
  const auto begin = offsets_[index];
  return domain::decode_person(std::string_view(arena_).substr(begin, offsets_[index + 1] - begin), parts);
}

void RegistrySnapshot::build_guide() {
  guide_.assign(guide_buckets + 1, static_cast<std::uint32_t>(numbers_.size()));
  // Filled from the end, so that each bucket keeps its first index; empty buckets take the
  // start of the next one.
  for (auto i = numbers_.size(); i-- > 0;)
    guide_[std::min<std::size_t>(numbers_[i] >> guide_shift, guide_buckets - 1)] = static_cast<std::uint32_t>(i);
  for (auto k = guide_buckets; k-- > 0;) guide_[k] = std::min(guide_[k], guide_[k + 1]);
}

std::optional<std::uint32_t> RegistrySnapshot::index_of(std::string_view numero_ofpra) const {
  if (numero_ofpra.size() != 9) return std::nullopt;
  const auto number = number_of(numero_ofpra);
  if (!number) return std::nullopt;
  const auto bucket = static_cast<std::size_t>(*number >> guide_shift);
  const auto first = numbers_.begin() + guide_[bucket], last = numbers_.begin() + guide_[bucket + 1];
  const auto it = std::lower_bound(first, last, static_cast<std::uint32_t>(*number));
  if (it == last || *it != *number) return std::nullopt;
  return static_cast<std::uint32_t>(it - numbers_.begin());
}

std::optional<domain::Person> RegistrySnapshot::find(std::string_view numero_ofpra, domain::PersonParts parts) const {
  const auto index = index_of(numero_ofpra);
  if (!index) return std::nullopt;
  return person_at(*index, parts);
}

bool RegistrySnapshot::contains(std::string_view numero_ofpra) const { return index_of(numero_ofpra).has_value(); }

std::vector<std::string> RegistrySnapshot::numbers_by_agdref(std::string_view numero_agdref) const {
  std::vector<std::string> out;
  const auto number = number_of(numero_agdref);
  if (!number || numero_agdref.size() != 10) return out;
  auto [lo, hi] = std::equal_range(by_agdref_.begin(), by_agdref_.end(), Keyed{*number, 0});
  char numero[16];
  for (auto it = lo; it != hi; ++it) {
    std::snprintf(numero, sizeof numero, "%09u", numbers_[it->index]);
    out.emplace_back(numero);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::pair<std::string, matching::Score>> RegistrySnapshot::considered(const IdentityQuery& q,
                                                                                  std::size_t limit) const {
  std::vector<std::pair<std::string, matching::Score>> out;
  const matching::QueryScorer score(q, by_name_.statistics());
  const auto found = by_name_.candidates(score);
  if (!found) return out;
  for (const auto& c : *found) {
    auto person = person_at(c.person);
    const auto s = score(person);
    out.emplace_back(std::move(person.numero_ofpra), s);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second.weight > b.second.weight; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

IdentityMatch RegistrySnapshot::identity_match(const IdentityQuery& q, const matching::Parameters& parameters) const {
  const matching::QueryScorer score(q, by_name_.statistics(), parameters);
  const auto found = by_name_.candidates(score);
  IdentityMatch m;
  if (!found) {
    // So many persons share these names, year and facts that an answer would be a guess.
    m.verdict = matching::Verdict::ambiguous;
    return m;
  }
  // Highest bound first. Nobody can be named when no bound reaches the posterior asked; later,
  // a candidate whose bound is a lead under both the best weight so far and the posterior asked
  // can neither be named nor be a contender of whoever is: the decision is settled.
  const auto& p = score.parameters();
  const double needed = matching::weight_of(p.accept_posterior);
  if (found->empty() || found->front().bound < needed) return m;
  std::vector<domain::Person> persons;
  std::vector<matching::Score> scores;
  double best = -1e18;
  for (std::size_t i = 0; i < found->size(); ++i) {
    const auto& c = (*found)[i];
    if (c.bound <= std::max(needed, best) - p.lead_bits) break;
    persons.push_back(person_at(c.person));
    scores.push_back(score(persons.back()));
    best = std::max(best, scores.back().weight);
    // A best that reaches the posterior, and two weights within the lead of anything still
    // to come: they stay contenders whatever follows, so the answer is ambiguous already.
    if (best < needed) continue;
    const double ceiling = std::max(best, i + 1 < found->size() ? (*found)[i + 1].bound : -1e18);
    const auto close = std::count_if(scores.begin(), scores.end(),
                                     [&](const matching::Score& x) { return x.weight > ceiling - p.lead_bits; });
    if (close >= 2) break;
  }
  const auto decision = matching::decide(scores, p);
  m.verdict = decision.verdict;
  if (decision.verdict == matching::Verdict::found) {
    m.numbers.push_back(persons[decision.best].numero_ofpra);
    m.scores.push_back(scores[decision.best]);
  }
  for (auto i : decision.contenders) {
    m.numbers.push_back(persons[i].numero_ofpra);
    m.scores.push_back(scores[i]);
  }
  return m;
}

namespace {

constexpr char snapshot_magic[8] = {'O', 'F', 'P', 'R', 'A', 'S', 'N', '2'};

// FNV-1a over every byte written or read: a damaged or truncated file is refused.
struct Checksum {
  std::uint64_t h = 1469598103934665603ull;
  void add(const void* data, std::size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 1099511628211ull;
  }
};

}  // namespace

domain::Status RegistrySnapshot::write_file(const std::filesystem::path& path, const std::string& instance) const {
  // A name of this process's own: nodes sharing a keys folder may write at the same time, and
  // each rename then puts one whole file in place.
  const auto tmp = path.string() + "." + std::to_string(::getpid()) + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return domain::Error{"cannot write the snapshot file", "snapshot"};
    // Personal data: readable by the service's account only, before any byte is written.
    std::error_code perm;
    std::filesystem::permissions(tmp, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                 std::filesystem::perm_options::replace, perm);
    if (perm) return domain::Error{"cannot restrict the snapshot file's permissions", "snapshot"};
    Checksum sum;
    auto write = [&](const void* data, std::size_t n) {
      out.write(static_cast<const char*>(data), static_cast<std::streamsize>(n));
      sum.add(data, n);
    };
    auto write_vector = [&](const auto& v) {
      const std::uint64_t n = v.size();
      write(&n, sizeof n);
      write(v.data(), n * sizeof(v[0]));
    };
    write(snapshot_magic, sizeof snapshot_magic);
    const std::uint64_t instance_size = instance.size();
    write(&instance_size, sizeof instance_size);
    write(instance.data(), instance.size());
    write(&generation_, sizeof generation_);
    const std::uint64_t arena_size = arena_.size();
    write(&arena_size, sizeof arena_size);
    write(arena_.data(), arena_.size());
    write_vector(offsets_);
    write_vector(numbers_);
    write_vector(by_agdref_);
    by_name_.save(write);
    const auto h = sum.h;
    out.write(reinterpret_cast<const char*>(&h), sizeof h);
    if (!out.flush()) return domain::Error{"cannot write the snapshot file", "snapshot"};
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return domain::Error{"cannot write the snapshot file: " + ec.message(), "snapshot"};
  return domain::success();
}

std::shared_ptr<const RegistrySnapshot> RegistrySnapshot::read_file(const std::filesystem::path& path,
                                                                    const std::string& instance,
                                                                    std::int64_t generation) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  // Sizes are read from a file that may be damaged: none may promise more than the file holds,
  // so that nothing is allocated for bytes that are not there.
  std::error_code size_error;
  auto left = std::filesystem::file_size(path, size_error);
  if (size_error) return nullptr;
  Checksum sum;
  auto read = [&](void* data, std::size_t n) {
    if (n > left || !in.read(static_cast<char*>(data), static_cast<std::streamsize>(n))) return false;
    left -= n;
    sum.add(data, n);
    return true;
  };
  auto read_size = [&](std::uint64_t& n, std::uint64_t most) { return read(&n, sizeof n) && n <= most && n <= left; };
  auto read_vector = [&](auto& v) {
    std::uint64_t n = 0;
    if (!read_size(n, 1ull << 32) || n > left / sizeof(v[0])) return false;
    v.resize(n);
    return read(v.data(), n * sizeof(v[0]));
  };
  char magic[sizeof snapshot_magic];
  std::uint64_t n = 0;
  if (!read(magic, sizeof magic) || !std::equal(magic, magic + sizeof magic, snapshot_magic)) return nullptr;
  std::string stamped;
  if (!read_size(n, 256)) return nullptr;
  stamped.resize(n);
  auto snapshot = std::make_shared<RegistrySnapshot>();
  auto& s = *snapshot;
  if (!read(stamped.data(), n) || stamped != instance || instance.empty()) return nullptr;
  if (!read(&s.generation_, sizeof s.generation_) || s.generation_ != generation) return nullptr;
  if (!read_size(n, 1ull << 40)) return nullptr;
  s.arena_.resize(n);
  if (!read(s.arena_.data(), n) || !read_vector(s.offsets_) || !read_vector(s.numbers_) || !read_vector(s.by_agdref_) ||
      !s.by_name_.load(read))
    return nullptr;
  const auto expected = sum.h;
  std::uint64_t stored = 0;
  if (!in.read(reinterpret_cast<char*>(&stored), sizeof stored) || stored != expected) return nullptr;
  // The arrays must agree with one another before anyone looks a person up through them.
  if (s.offsets_.size() != s.numbers_.size() + 1 || s.offsets_.back() != s.arena_.size() ||
      !std::is_sorted(s.offsets_.begin(), s.offsets_.end()) || !std::is_sorted(s.numbers_.begin(), s.numbers_.end()))
    return nullptr;
  for (const auto& k : s.by_agdref_)
    if (k.index >= s.numbers_.size()) return nullptr;
  if (!s.by_name_.covers(s.numbers_.size())) return nullptr;
  s.build_guide();
  (void)matching::fold("\u0627");
  return snapshot;
}

domain::Status Registry::load_from_store() {
  auto instance = store_.instance();
  if (!instance) return instance.error();
  auto s = RegistrySnapshot::load(store_);
  if (!s) return s.error();
  // The file is a convenience: failing to write it changes nothing but the next start's time.
  if (file_) (void)(*s)->write_file(*file_, *instance);
  std::lock_guard lock(mutex_);
  current_ = std::move(*s);
  return domain::success();
}

domain::Status Registry::load() {
  if (file_) {
    auto instance = store_.instance();
    auto generation = store_.generation();
    if (!instance) return instance.error();
    if (!generation) return generation.error();
    if (auto saved = RegistrySnapshot::read_file(*file_, *instance, *generation)) {
      std::lock_guard lock(mutex_);
      current_ = std::move(saved);
      from_file_ = true;
      return domain::success();
    }
  }
  return load_from_store();
}

domain::Result<bool> Registry::refresh() {
  auto generation = store_.generation();
  if (!generation) return generation.error();
  if (auto held = current(); held && held->generation() == *generation) return false;
  if (auto s = load_from_store(); !s) return s.error();
  return true;
}

std::shared_ptr<const RegistrySnapshot> Registry::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

}  // namespace ofpra::service
