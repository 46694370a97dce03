#include "service/person_accounts.hpp"
#include "service/outbox.hpp"
#include "store/database.hpp"
#include "support/fixed_clock.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <tuple>
#include <utility>

using namespace ofpra;

namespace {

// Both halves of step one, as the page runs them: the answer, then the code.
domain::Result<std::string> request_code(const service::AccountContext& c, service::CodePurpose purpose,
                                         const std::string& numero, const std::string& birth_date,
                                         std::string_view language = "fr", const std::string& address = {}) {
  auto accepted = service::accept_code_request(c, purpose, numero, birth_date, address);
  if (!accepted) return accepted.error();
  if (auto sent = service::send_code(c, *accepted, language); !sent) return sent.error();
  return accepted->request_id;
}

// Collects what would be delivered.
class MemorySender final : public service::Sender {
 public:
  domain::Status send(const store::OutboxMessage& m) override {
    if (fail) return domain::Error{"relay down", {}};
    sent.push_back(m);
    return domain::success();
  }
  bool fail = false;
  std::vector<store::OutboxMessage> sent;
};

struct Fixture {
  test_support::TempDir dir;
  test_support::FixedClock clock;
  std::unique_ptr<store::Database> db;
  auth::RateLimiter failures{50, std::chrono::minutes(15), clock};
  auth::CodeHasher codes{auth::CodeSecret{7}};
  int queued = 0;
  service::AccountContext ctx() {
    return {*db,
            env::secure_random(),
            clock,
            codes,
            failures,
            [](const service::CodeMessage& m, const domain::Contact&, std::string_view) {
              return service::MessageText{std::string(m.kind), "Votre code : " + std::string(m.code) + " (demandé le " +
                                                                   std::string(m.requested_at) + ")"};
            },
            [this] { ++queued; }};
  }
  Fixture() {
    db = std::move(*store::open_database({store::DatabaseUrl::Kind::sqlite, dir.file("r.db")}, {.clock = &clock}));
    auto w = std::move(*db->registry().begin_write("test"));
    domain::Person p;
    p.numero_ofpra = "123456789";
    p.nom_naissance = "AHMADI";
    p.date_naissance = *domain::PartialDate::parse("1990-05-17");
    p.contact.email = "a@example.org";
    EXPECT_TRUE(w->put(p));
    p.numero_ofpra = "223456789";
    p.contact = {};  // no contact on file
    EXPECT_TRUE(w->put(p));
    EXPECT_TRUE(w->commit());
  }
  // The code of the last message delivered.
  std::string last_code(MemorySender& sender) {
    service::OutboxDispatcher dispatcher(db->portal(), sender);
    dispatcher.drain();
    std::smatch m;
    const auto& body = sender.sent.back().body;
    return std::regex_search(body, m, std::regex("([0-9]{8})")) ? m[1].str() : "";
  }
  // A new activation code for the registered person: its request id and the code sent.
  std::pair<std::string, std::string> new_code(const service::AccountContext& c, MemorySender& sender) {
    auto request = request_code(c, service::CodePurpose::activation, "123456789", "1990-05-17");
    EXPECT_TRUE(request);
    return {request ? *request : std::string(), last_code(sender)};
  }
  std::string activate(MemorySender& sender, const std::string& password = "correct horse battery") {
    auto request = request_code(ctx(), service::CodePurpose::activation, "123456789", "1990-05-17");
    EXPECT_TRUE(request);
    auto code = last_code(sender);
    auto numero = service::set_password_with_code(ctx(), *request, code, password, password);
    EXPECT_TRUE(numero) << numero.error().field;
    return *request;
  }
};

}  // namespace

TEST(PersonAccounts, ActivationSendsACodeToTheContactOnFileAndCreatesTheAccount) {
  Fixture f;
  MemorySender sender;
  f.activate(sender);
  ASSERT_EQ(sender.sent.size(), 1u);
  EXPECT_EQ(sender.sent[0].channel, "email");
  EXPECT_EQ(sender.sent[0].recipient, "a@example.org");
  EXPECT_EQ(sender.sent[0].subject, "activation");
  EXPECT_EQ(f.queued, 1);
  EXPECT_TRUE(*f.db->portal().find_account("123456789"));
  EXPECT_EQ(*service::log_in(f.ctx(), "123456789", "correct horse battery", "192.0.2.1"), "123456789");
  // Sent messages keep no code.
  EXPECT_TRUE(f.db->portal().claim_unsent(10, 5)->empty());
}

TEST(PersonAccounts, AnswersDoNotTellWhetherTheNumberIsRegistered) {
  Fixture f;
  MemorySender sender;
  auto c = f.ctx();
  auto wrong_date = request_code(c, service::CodePurpose::activation, "123456789", "1990-05-18");
  auto unknown = request_code(c, service::CodePurpose::activation, "999999999", "1990-05-17");
  auto no_contact = request_code(c, service::CodePurpose::activation, "223456789", "1990-05-17");
  auto vague = request_code(c, service::CodePurpose::activation, "123456789", "1990");
  for (auto* r : {&wrong_date, &unknown, &no_contact, &vague}) {
    ASSERT_TRUE(*r);
    EXPECT_EQ((*r)->size(), 32u);
  }
  service::OutboxDispatcher(f.db->portal(), sender).drain();
  EXPECT_TRUE(sender.sent.empty());
  EXPECT_EQ(request_code(c, service::CodePurpose::activation, "12345", "1990").error().field, "numero_ofpra");
  EXPECT_EQ(request_code(c, service::CodePurpose::activation, "123456789", "17/05/1990").error().field,
            "date_naissance");
}

TEST(PersonAccounts, TheAnswerIsDecidedBeforeAnythingIsLookedUpOrQueued) {
  Fixture f;
  MemorySender sender;
  auto c = f.ctx();
  // The first half, all the page waits for, neither stores a code nor queues a message: its
  // duration cannot depend on whether the number is registered.
  auto accepted = service::accept_code_request(c, service::CodePurpose::activation, "123456789", "1990-05-17");
  ASSERT_TRUE(accepted);
  EXPECT_EQ(f.queued, 0);
  EXPECT_FALSE(*f.db->portal().find_code(accepted->request_id));
  ASSERT_TRUE(service::send_code(c, *accepted));
  EXPECT_EQ(f.queued, 1);
  EXPECT_TRUE(*f.db->portal().find_code(accepted->request_id));
  // The message says when the code was asked, so that a person who did not ask knows when.
  service::OutboxDispatcher(f.db->portal(), sender).drain();
  ASSERT_EQ(sender.sent.size(), 1U);
  EXPECT_NE(sender.sent[0].body.find("(demandé le " + env::format_utc(f.clock.now()) + ")"), std::string::npos);
}

TEST(PersonAccounts, ACodeIsSpentByUseByWrongGuessesAndByTime) {
  Fixture f;
  MemorySender sender;
  auto c = f.ctx();
  const std::string pw = "correct horse battery";
  auto request = *request_code(c, service::CodePurpose::activation, "123456789", "1990-05-17");
  auto code = f.last_code(sender);
  const std::string wrong = code == "00000000" ? "00000001" : "00000000";
  EXPECT_EQ(service::set_password_with_code(c, request, code, "short", "short").error().field, "mot_de_passe");
  EXPECT_EQ(service::set_password_with_code(c, request, code, pw, pw + "!").error().field, "confirmation");
  for (int i = 0; i < c.rules.code_attempts; ++i)
    EXPECT_EQ(service::set_password_with_code(c, request, wrong, pw, pw).error().field, "code");
  // Five wrong guesses: even the right code no longer works.
  EXPECT_EQ(service::set_password_with_code(c, request, code, pw, pw).error().field, "code");
  EXPECT_FALSE(*f.db->portal().find_account("123456789"));

  request = *request_code(c, service::CodePurpose::activation, "123456789", "1990-05-17");
  code = f.last_code(sender);
  f.clock.t += std::chrono::minutes(16);
  EXPECT_EQ(service::set_password_with_code(c, request, code, pw, pw).error().field, "code");

  request = *request_code(c, service::CodePurpose::activation, "123456789", "1990-05-17");
  code = f.last_code(sender);
  EXPECT_TRUE(service::set_password_with_code(c, request, code, pw, pw));
  EXPECT_EQ(service::set_password_with_code(c, request, code, pw, pw).error().field, "code");  // once
}

TEST(PersonAccounts, ANewCodeRetiresTheLiveOne) {
  Fixture f;
  MemorySender sender;
  auto c = f.ctx();
  const std::string pw = "correct horse battery";
  const auto [first, first_code] = f.new_code(c, sender);
  const auto [second, second_code] = f.new_code(c, sender);
  ASSERT_EQ(first_code.size(), 8u);
  EXPECT_EQ(service::set_password_with_code(c, first, first_code, pw, pw).error().field, "code");
  EXPECT_TRUE(service::set_password_with_code(c, second, second_code, pw, pw));
}

TEST(PersonAccounts, CodeRequestsAreLimitedPerNumberAndPerAddressRegisteredOrNot) {
  Fixture f;
  MemorySender sender;
  auth::RateLimiter requests{3, std::chrono::hours(1), f.clock};
  auto c = f.ctx();
  c.code_requests = &requests;
  auto ask = [&](const std::string& numero, const std::string& address) {
    return request_code(c, service::CodePurpose::activation, numero, "1990-05-17", "fr", address);
  };
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(ask("123456789", "192.0.2." + std::to_string(i)));
  EXPECT_EQ(ask("123456789", "192.0.2.9").error().field, "essais");
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(ask("99999999" + std::to_string(i), "198.51.100.1"));  // unregistered
  EXPECT_EQ(ask("999999995", "198.51.100.1").error().field, "essais");
  EXPECT_TRUE(ask("999999996", "198.51.100.2"));
  f.clock.t += std::chrono::minutes(61);
  EXPECT_TRUE(ask("123456789", "192.0.2.9"));
}

TEST(PersonAccounts, WrongCodesAreBoundedPerNumberAcrossRequests) {
  Fixture f;
  MemorySender sender;
  auth::RateLimiter guesses{4, std::chrono::hours(24), f.clock};
  auto c = f.ctx();
  c.code_guesses = &guesses;
  const std::string pw = "correct horse battery";
  auto [request, code] = f.new_code(c, sender);
  const std::string wrong = code == "00000000" ? "00000001" : "00000000";
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(service::set_password_with_code(c, request, wrong, pw, pw).error().field, "code");
  // The day's budget is spent: even the right code, even a new one, opens nothing until tomorrow.
  EXPECT_EQ(service::set_password_with_code(c, request, code, pw, pw).error().field, "code");
  std::tie(request, code) = f.new_code(c, sender);
  EXPECT_EQ(service::set_password_with_code(c, request, code, pw, pw).error().field, "code");
  f.clock.t += std::chrono::hours(25);
  std::tie(request, code) = f.new_code(c, sender);
  EXPECT_TRUE(service::set_password_with_code(c, request, code, pw, pw));
}

TEST(PersonAccounts, APasswordIsCountedInCharactersNotBytes) {
  Fixture f;
  MemorySender sender;
  auto c = f.ctx();
  const auto [request, code] = f.new_code(c, sender);
  // Six Arabic letters are twelve bytes but six characters: too short.
  const std::string six = "كلمةسر";
  EXPECT_EQ(service::set_password_with_code(c, request, code, six, six).error().field, "mot_de_passe");
  const std::string twelve = "كلمة سر طويلة";  // thirteen characters
  EXPECT_TRUE(service::set_password_with_code(c, request, code, twelve, twelve));
}

TEST(PersonAccounts, ActivatingAnExistingAccountSendsNoCodeAndResetReplacesThePasswordAndSessions) {
  Fixture f;
  MemorySender sender;
  f.activate(sender);
  auto c = f.ctx();
  auto session = service::open_session(c, "123456789");
  ASSERT_TRUE(session);
  ASSERT_TRUE(request_code(c, service::CodePurpose::activation, "123456789", "1990-05-17"));
  EXPECT_EQ(f.last_code(sender), "");
  EXPECT_EQ(sender.sent.back().subject, "compte_existant");

  auto request = *request_code(c, service::CodePurpose::reset, "123456789", "1990-05-17");
  auto code = f.last_code(sender);
  ASSERT_TRUE(service::set_password_with_code(c, request, code, "another long password", "another long password"));
  EXPECT_FALSE(*service::find_session(c, session->token));  // closed by the reset
  EXPECT_FALSE(service::log_in(c, "123456789", "correct horse battery", "192.0.2.1"));
  EXPECT_TRUE(service::log_in(c, "123456789", "another long password", "192.0.2.1"));
}

TEST(PersonAccounts, WrongPasswordsLockTheAccountForAWhileAndAddressesAreLimited) {
  Fixture f;
  MemorySender sender;
  f.activate(sender);
  auto c = f.ctx();
  for (int i = 0; i < c.rules.failed_logins; ++i)
    EXPECT_EQ(service::log_in(c, "123456789", "wrong password!", "192.0.2.1").error().field, "identifiants");
  // Locked: the right password is refused with the same message.
  EXPECT_EQ(service::log_in(c, "123456789", "correct horse battery", "192.0.2.1").error().field, "identifiants");
  f.clock.t += std::chrono::minutes(16);
  EXPECT_TRUE(service::log_in(c, "123456789", "correct horse battery", "192.0.2.1"));

  // After a lock has run out, the count starts over: one slip does not lock her out again.
  for (int i = 0; i < c.rules.failed_logins; ++i) (void)service::log_in(c, "123456789", "wrong password!", "192.0.2.2");
  f.clock.t += std::chrono::minutes(16);
  EXPECT_FALSE(service::log_in(c, "123456789", "wrong password!", "192.0.2.2"));
  EXPECT_TRUE(service::log_in(c, "123456789", "correct horse battery", "192.0.2.2"));

  auth::RateLimiter tight{3, std::chrono::minutes(15), f.clock};
  service::AccountContext limited{*f.db, env::secure_random(), f.clock, f.codes, tight, c.compose, {}};
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(service::log_in(limited, "999999999", "x", "192.0.2.9"));
  EXPECT_EQ(service::log_in(limited, "123456789", "correct horse battery", "192.0.2.9").error().field, "essais");
  EXPECT_TRUE(service::log_in(limited, "123456789", "correct horse battery", "192.0.2.10"));
}

TEST(PersonAccounts, SessionsEndWhenIdleAtTheirEndAndOnLogout) {
  Fixture f;
  auto c = f.ctx();
  auto s = *service::open_session(c, "123456789");
  EXPECT_NE(s.session.token_hash, s.token);  // only the hash is stored
  f.clock.t += std::chrono::minutes(29);
  ASSERT_TRUE(*service::find_session(c, s.token));  // renews the idle time
  f.clock.t += std::chrono::minutes(29);
  auto found = *service::find_session(c, s.token);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->numero_ofpra, "123456789");
  f.clock.t += std::chrono::minutes(31);
  EXPECT_FALSE(*service::find_session(c, s.token));

  auto t = *service::open_session(c, "123456789");
  for (int i = 0; i < 26; ++i) {
    f.clock.t += std::chrono::minutes(28);
    if (i < 25) {
      EXPECT_TRUE(*service::find_session(c, t.token)) << i;
    }
  }
  EXPECT_FALSE(*service::find_session(c, t.token));  // past 12 hours, however active

  auto u = *service::open_session(c, "123456789");
  ASSERT_TRUE(service::close_session(c, u.token));
  EXPECT_FALSE(*service::find_session(c, u.token));
  EXPECT_FALSE(*service::find_session(c, "not a token"));
}

TEST(Outbox, DispatchersOnTwoNodesNeverTakeTheSameMessage) {
  Fixture f;
  auto other =
      std::move(*store::open_database({store::DatabaseUrl::Kind::sqlite, f.dir.file("r.db")}, {.clock = &f.clock}));
  auto c = f.ctx();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(request_code(c, service::CodePurpose::activation, "123456789", "1990-05-17"));
  auto mine = f.db->portal().claim_unsent(2, service::outbox_max_attempts);
  auto theirs = other->portal().claim_unsent(10, service::outbox_max_attempts);
  ASSERT_TRUE(mine && theirs);
  ASSERT_EQ(mine->size(), 2u);
  ASSERT_EQ(theirs->size(), 1u);
  EXPECT_LT((*mine)[0].id, (*mine)[1].id);
  EXPECT_GT(theirs->front().id, (*mine)[1].id);
  EXPECT_TRUE(other->portal().claim_unsent(10, service::outbox_max_attempts)->empty());
}

TEST(Outbox, FailedDeliveriesAreRetriedAndFileSenderWritesWholeMessages) {
  Fixture f;
  MemorySender sender;
  sender.fail = true;
  auto c = f.ctx();
  ASSERT_TRUE(request_code(c, service::CodePurpose::activation, "123456789", "1990-05-17"));
  service::OutboxDispatcher dispatcher(f.db->portal(), sender);
  EXPECT_EQ(dispatcher.drain(), 0u);
  EXPECT_EQ(f.db->portal().claim_unsent(10, service::outbox_max_attempts)->front().attempts, 1);
  // Claimed just now (by this test): no dispatcher takes it until the claim lapses.
  sender.fail = false;
  EXPECT_EQ(dispatcher.drain(), 0u);
  f.clock.t += store::outbox_claim + std::chrono::seconds(1);
  EXPECT_EQ(dispatcher.drain(), 1u);

  ASSERT_TRUE(request_code(c, service::CodePurpose::reset, "123456789", "1990-05-17"));  // no account
  ASSERT_TRUE(request_code(c, service::CodePurpose::activation, "123456789", "1990-05-17"));
  auto files = service::file_sender(f.dir.path() / "outbox");
  service::OutboxDispatcher to_files(f.db->portal(), *files);
  EXPECT_EQ(to_files.drain(), 1u);
  std::size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(f.dir.path() / "outbox")) {
    ++n;
    std::ifstream in(e.path());
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_NE(text.str().find("À: a@example.org"), std::string::npos);
    EXPECT_TRUE(std::regex_search(text.str(), std::regex("Votre code : [0-9]{8}")));
    EXPECT_EQ(std::filesystem::status(e.path()).permissions() & std::filesystem::perms::others_read,
              std::filesystem::perms::none);
  }
  EXPECT_EQ(n, 1u);
}
