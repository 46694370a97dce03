#include "notify/address_policy.hpp"

#include <gtest/gtest.h>

#include <map>

using namespace ofpra::notify;

namespace {

// Names resolve where the test says.
class FakeResolver final : public Resolver {
 public:
  std::map<std::string, std::vector<std::string>> names;
  ofpra::domain::Result<std::vector<std::string>> resolve(const std::string& host) override {
    if (auto it = names.find(host); it != names.end()) return it->second;
    return ofpra::domain::Error{"le nom de l'adresse ne se résout pas", "url"};
  }
};

}  // namespace

TEST(AddressPolicy, OnlyPublicAddressesAreReachable) {
  for (const char* a : {"93.184.216.34", "8.8.8.8", "2a00:1450:4007:80e::200e", "::ffff:93.184.216.34"})
    EXPECT_TRUE(public_address(a, false)) << a;
  for (const char* a : {"10.0.0.1",
                        "172.16.5.4",
                        "172.31.255.255",
                        "192.168.1.1",
                        "127.0.0.1",
                        "127.8.8.8",
                        "169.254.169.254",
                        "100.64.0.1",
                        "0.0.0.0",
                        "224.0.0.1",
                        "255.255.255.255",
                        "192.0.2.10",
                        "198.18.0.1",
                        "::1",
                        "::",
                        "fe80::1",
                        "fc00::1",
                        "fd12:3456::1",
                        "ff02::1",
                        "2001:db8::1",
                        "::ffff:10.0.0.1",
                        "::ffff:127.0.0.1",
                        "64:ff9b::a00:1",
                        "64:ff9b:1:a00:0:100::",
                        "64:ff9b:1::a00:1",
                        "3fff::1",
                        "5f00::1",
                        "100::1",
                        "4000::1",
                        "2002:a00:1::1",
                        "2001::1",
                        "not an address",
                        ""})
    EXPECT_FALSE(public_address(a, false)) << a;
  EXPECT_TRUE(public_address("127.0.0.1", true));
  EXPECT_TRUE(public_address("::1", true));
  EXPECT_FALSE(public_address("10.0.0.1", true));
  EXPECT_FALSE(public_address("::ffff:127.0.0.1", true));
}

TEST(AddressPolicy, ANameIsCheckedAtEveryAddressItResolvesTo) {
  FakeResolver r;
  r.names["hooks.example.org"] = {"93.184.216.34"};
  r.names["evil.example.org"] = {"10.0.0.1"};
  r.names["split.example.org"] = {"93.184.216.34", "192.168.0.7"};
  r.names["localhost"] = {"127.0.0.1", "::1"};
  const AddressPolicy strict{};
  auto ok = check_destination("https://hooks.example.org:8443/ofpra?x=1", r, strict);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->host, "hooks.example.org");
  EXPECT_EQ(ok->port, 8443);
  EXPECT_EQ(ok->address, "93.184.216.34");
  for (const char* url : {"https://evil.example.org/", "https://split.example.org/", "https://localhost/",
                          "http://hooks.example.org/", "https://10.0.0.1/", "https://[::1]/", "https://[fe80::1]/",
                          "https://unknown.example.org/", "https://user:pw@hooks.example.org/",
                          "ftp://hooks.example.org/", "hooks.example.org/path", "https:///nohost"}) {
    auto refused = check_destination(url, r, strict);
    ASSERT_FALSE(refused) << url;
    EXPECT_EQ(refused.error().field, "url");
  }
  EXPECT_FALSE(check_destination("https://hooks.example.org/" + std::string(2000, 'a'), r, strict));
  // The demo's allowance opens the loopback over plain HTTP, and nothing else.
  const AddressPolicy demo{true};
  EXPECT_TRUE(check_destination("http://localhost:8093/webhook", r, demo));
  EXPECT_TRUE(check_destination("http://127.0.0.1:8093/webhook", r, demo));
  EXPECT_FALSE(check_destination("http://hooks.example.org/", r, demo));
  EXPECT_FALSE(check_destination("http://evil.example.org/", r, demo));
}
