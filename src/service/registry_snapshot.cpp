#include "service/registry_snapshot.hpp"

#include "domain/person_codec.hpp"
#include "matching/normalize.hpp"

#include <algorithm>
#include <charconv>
#include <condition_variable>
#include <deque>
#include <functional>
#include <thread>

namespace ofpra::service {
namespace {

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
    return domain::Error{"the registry was not read in numero_ofpra order", "db"};
  std::sort(s.by_agdref_.begin(), s.by_agdref_.end());
  s.by_name_.finish();
  s.by_agdref_.shrink_to_fit();
  // The first name in another script builds the thread's ICU transliterator (milliseconds):
  // not during a query on this thread.
  (void)matching::fold("\u0627");
  return std::shared_ptr<const RegistrySnapshot>(std::move(snapshot));
}

std::size_t RegistrySnapshot::memory_bytes() const {
  return arena_.capacity() + offsets_.capacity() * sizeof(std::uint64_t) + numbers_.capacity() * sizeof(std::uint32_t) +
         by_agdref_.capacity() * sizeof(Keyed) + by_name_.memory_bytes();
}

domain::Person RegistrySnapshot::person_at(std::uint32_t index) const {
  const auto begin = offsets_[index];
  return domain::decode_person(std::string_view(arena_).substr(begin, offsets_[index + 1] - begin));
}

std::optional<domain::Person> RegistrySnapshot::find(std::string_view numero_ofpra) const {
  if (numero_ofpra.size() != 9) return std::nullopt;
  const auto number = number_of(numero_ofpra);
  if (!number) return std::nullopt;
  const auto it = std::lower_bound(numbers_.begin(), numbers_.end(), static_cast<std::uint32_t>(*number));
  if (it == numbers_.end() || *it != *number) return std::nullopt;
  return person_at(static_cast<std::uint32_t>(it - numbers_.begin()));
}

std::vector<std::string> RegistrySnapshot::numbers_by_agdref(std::string_view numero_agdref) const {
  std::vector<std::string> out;
  const auto number = number_of(numero_agdref);
  if (!number || numero_agdref.size() != 10) return out;
  auto [lo, hi] = std::equal_range(by_agdref_.begin(), by_agdref_.end(), Keyed{*number, 0});
  for (auto it = lo; it != hi; ++it) out.push_back(person_at(it->index).numero_ofpra);
  std::sort(out.begin(), out.end());
  return out;
}

IdentityMatch RegistrySnapshot::identity_match(const IdentityQuery& q) const {
  const auto found = by_name_.candidates(q);
  IdentityMatch m;
  if (!found) {
    // So many persons share these names, year and facts that an answer would be a guess.
    m.verdict = matching::Verdict::ambiguous;
    return m;
  }
  // Highest bound first; once a bound cannot reach the threshold nor come within the margin
  // of the best score so far, no later candidate can change the decision.
  std::vector<domain::Person> persons;
  std::vector<matching::Score> scores;
  const matching::QueryScorer score(q);
  double best = 0;
  for (std::size_t i = 0; i < found->size(); ++i) {
    const auto& c = (*found)[i];
    if (c.bound < std::max(matching::accept_threshold, best - matching::ambiguity_margin)) break;
    persons.push_back(person_at(c.person));
    scores.push_back(score(persons.back()));
    best = std::max(best, scores.back().total);
    // A best that passes the threshold, and two scores within the margin of anything still
    // to come: they stay contenders whatever follows, so the answer is ambiguous already.
    if (best < matching::accept_threshold) continue;
    const double ceiling = std::max(best, i + 1 < found->size() ? (*found)[i + 1].bound : 0.0);
    const auto close = std::count_if(scores.begin(), scores.end(), [&](const matching::Score& x) {
      return x.total >= ceiling - matching::ambiguity_margin;
    });
    if (close >= 2) break;
  }
  const auto decision = matching::decide(scores);
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

domain::Status Registry::load() {
  auto s = RegistrySnapshot::load(store_);
  if (!s) return s.error();
  std::lock_guard lock(mutex_);
  current_ = std::move(*s);
  return domain::success();
}

domain::Result<bool> Registry::refresh() {
  auto generation = store_.generation();
  if (!generation) return generation.error();
  if (auto held = current(); held && held->generation() == *generation) return false;
  if (auto s = load(); !s) return s.error();
  return true;
}

std::shared_ptr<const RegistrySnapshot> Registry::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

}  // namespace ofpra::service
