// Durable journal entries per second with group commit, against one transaction (one fsync)
// per entry, at several numbers of concurrent writers. Each writer submits an entry and waits
// until it is on disk, as a request handler does before answering.
// Usage: journal_throughput DIR [SECONDS_PER_RUN]
#include "journal/signer.hpp"
#include "journal/writer.hpp"
#include "store/database.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

using namespace ofpra;

namespace {

double last_batch_size = 0;

double run(const std::filesystem::path& dir, int writers, std::size_t max_batch, double seconds) {
  static int n = 0;
  const auto path = dir / ("bench-" + std::to_string(++n) + ".db");
  auto db = store::open_database({store::DatabaseUrl::Kind::sqlite, path.string()});
  auto signer = journal::Signer::load_or_create(dir / "keys");
  if (!db || !signer) {
    std::fprintf(stderr, "cannot open %s\n", path.c_str());
    std::exit(1);
  }
  auto w = journal::JournalWriter::start((*db)->journal(), *signer, env::system_clock(), {.max_batch = max_batch});
  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> done{0};
  std::vector<std::thread> threads;
  const auto start = std::chrono::steady_clock::now();
  for (int t = 0; t < writers; ++t)
    threads.emplace_back([&, t] {
      domain::JournalEntry e;
      e.channel = domain::JournalChannel::api;
      e.partner_siret = "99900003000018";
      e.agent = "agent-" + std::to_string(t);
      e.purpose = "Ouverture de droits aux prestations familiales";
      e.scopes_asked = {"protection", "etat_civil.avancement"};
      e.scopes_given = e.scopes_asked;
      e.person = "100000001";
      e.result = domain::JournalResult::found;
      e.request_hash = std::string(64, 'a');
      while (!stop)
        if ((*w)->append(e)) ++done;
    });
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& t : threads) t.join();
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto stats = (*w)->stats();
  last_batch_size = stats.batches ? static_cast<double>(stats.entries) / static_cast<double>(stats.batches) : 0;
  return static_cast<double>(done) / elapsed;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DIR [SECONDS_PER_RUN]\n", argv[0]);
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  const double seconds = argc > 2 ? std::stod(argv[2]) : 5.0;
  std::printf("%-9s %22s %22s %8s %12s\n", "writers", "one fsync per entry/s", "group commit/s", "ratio", "mean batch");
  for (int writers : {1, 16, 256}) {
    const double single = run(dir, writers, 1, seconds);
    const double group = run(dir, writers, 4096, seconds);
    std::printf("%-9d %22.0f %22.0f %7.1fx %12.1f\n", writers, single, group, group / single, last_batch_size);
  }
}
