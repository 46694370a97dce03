#include "http/trusted_proxies.hpp"

#include <gtest/gtest.h>

using ofpra::http::TrustedProxies;

TEST(TrustedProxies, OnlyOurProxiesAreBelievedAndTheClientIsTheRightmostUntrustedHop) {
  auto t = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8 ,fd00::/8");
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->contains("127.0.0.1"));
  EXPECT_TRUE(t->contains("10.200.3.4"));
  EXPECT_FALSE(t->contains("11.0.0.1"));
  EXPECT_TRUE(t->contains("fd12::1"));
  EXPECT_FALSE(t->contains("fe80::1"));
  EXPECT_FALSE(t->contains("not an address"));

  // A client's own header changes nothing: its peer is not one of ours.
  EXPECT_EQ(t->client_of("203.0.113.7", "198.51.100.1"), "203.0.113.7");
  // Behind nginx: the address nginx saw, whatever the client wrote before it.
  EXPECT_EQ(t->client_of("127.0.0.1", "203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(t->client_of("127.0.0.1", "6.6.6.6, 203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(t->client_of("127.0.0.1", "6.6.6.6, 203.0.113.7, 10.1.1.1"), "203.0.113.7");  // two of our proxies
  EXPECT_EQ(t->client_of("127.0.0.1", "2001:db8::5"), "2001:db8::5");
  // Nothing usable: the proxy's own address, never a value made up by the client.
  EXPECT_EQ(t->client_of("127.0.0.1", ""), "127.0.0.1");
  EXPECT_EQ(t->client_of("127.0.0.1", "203.0.113.7, garbage"), "127.0.0.1");
  EXPECT_EQ(t->client_of("127.0.0.1", "10.0.0.1"), "127.0.0.1");

  EXPECT_TRUE(TrustedProxies::parse("")->empty());
  EXPECT_EQ(TrustedProxies().client_of("127.0.0.1", "203.0.113.7"), "127.0.0.1");
  EXPECT_FALSE(TrustedProxies::parse("10.0.0.0/33"));
  EXPECT_FALSE(TrustedProxies::parse("localhost"));
  EXPECT_FALSE(TrustedProxies::parse("10.0.0.0/x"));
  EXPECT_TRUE(TrustedProxies::parse("10.0.0.0/0")->contains("192.0.2.1"));
  EXPECT_FALSE(TrustedProxies::parse("10.0.0.0/0")->contains("::1"));  // an IPv4 network holds no IPv6 address
}
