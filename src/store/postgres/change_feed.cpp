#include "store/postgres/change_feed.hpp"

#include "env/thread_name.hpp"
#include "store/postgres/connection.hpp"

namespace ofpra::store::postgres {

PostgresChangeFeed::PostgresChangeFeed(std::string url, std::function<void(std::string_view)> changed)
    : url_(std::move(url)), changed_(std::move(changed)) {
  thread_ = std::thread([this] {
    env::name_this_thread("change-feed");
    run();
  });
}

PostgresChangeFeed::~PostgresChangeFeed() {
  stopping_ = true;
  thread_.join();
}

void PostgresChangeFeed::run() {
  using namespace std::chrono_literals;
  while (!stopping_) {
    auto c = Connection::open(url_);
    if (c && c->exec("LISTEN ofpra_changes")) {
      live_ = true;
      // Whatever changed while nobody listened is caught up now.
      changed_("registry");
      changed_("access");
      while (!stopping_ && c->notifications(250ms, changed_)) {
      }
      live_ = false;
    }
    for (int i = 0; i < 4 && !stopping_; ++i) std::this_thread::sleep_for(250ms);
  }
}

}  // namespace ofpra::store::postgres
