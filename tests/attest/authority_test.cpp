// The attestations' authority in a keys folder: its keys private, its certificates named as the
// 2D-Doc names them, a signature verified from the published chain alone; a changed byte or
// another key is not ours; a rotated certificate keeps verifying what it signed, unless it was
// revoked, which the published revocation list says.
#include "attest/authority.hpp"
#include "attest/p256.hpp"
#include "support/fixed_clock.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

using namespace ofpra;
using namespace std::chrono;
using attest::CertificateVerdict;

namespace {
sys_days today(const test_support::FixedClock& c) { return floor<days>(c.now()); }
}  // namespace

TEST(Authority, SignsAndTheChainAloneVerifies) {
  test_support::TempDir dir;
  test_support::FixedClock clock;
  clock.t = system_clock::now();
  auto authority = attest::Authority::load_or_create(dir.path(), {}, clock);
  ASSERT_TRUE(authority) << authority.error().message;
  EXPECT_EQ(authority->current_certificate(), "OC01");
  struct stat st {};
  ASSERT_EQ(::stat((dir.path() / "attestations" / "OC01.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat((dir.path() / "attestations" / "autorite.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  const std::string message = "DC04FR00OC01266D266DZZ01FR01ABC";
  const auto signature = authority->sign(message);
  ASSERT_EQ(signature.size(), 64u);
  auto trusted = attest::TrustedCertificates::from_pem(authority->chain_pem(), authority->crl_pem());
  ASSERT_TRUE(trusted) << trusted.error().message;
  EXPECT_EQ(trusted->authority_id(), "FR00");
  EXPECT_EQ(trusted->verify("FR00", "OC01", today(clock), message, signature), CertificateVerdict::valid);
  auto changed = message;
  changed[30] = 'D';
  EXPECT_EQ(trusted->verify("FR00", "OC01", today(clock), changed, signature), CertificateVerdict::unknown);
  EXPECT_EQ(trusted->verify("FR00", "OC01", today(clock), message, attest::P256Key::generate().sign(message)),
            CertificateVerdict::unknown);
  EXPECT_EQ(trusted->verify("FR03", "OC01", today(clock), message, signature), CertificateVerdict::unknown);
  EXPECT_EQ(trusted->verify("FR00", "OC01", today(clock) - days(1), message, signature),
            CertificateVerdict::outside_validity);

  // Another node on the same folder reads the same keys.
  auto again = attest::Authority::load_or_create(dir.path(), {}, clock);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->chain_pem(), authority->chain_pem());
}

TEST(Authority, RotationKeepsWhatWasSignedUnlessTheOldKeyIsRevoked) {
  test_support::TempDir dir;
  test_support::FixedClock clock;
  clock.t = system_clock::now();
  auto first = attest::Authority::load_or_create(dir.path(), {}, clock);
  ASSERT_TRUE(first);
  const std::string message = "DC04FR00OC01266D266DZZ01FR01OLD";
  const auto old_signature = first->sign(message);

  auto rotated = attest::Authority::rotate(dir.path(), {}, clock, false);
  ASSERT_TRUE(rotated) << rotated.error().message;
  EXPECT_EQ(*rotated, "OC02");
  auto second = attest::Authority::load_or_create(dir.path(), {}, clock);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->current_certificate(), "OC02");
  auto trusted = attest::TrustedCertificates::from_pem(second->chain_pem(), second->crl_pem());
  ASSERT_TRUE(trusted);
  EXPECT_EQ(trusted->verify("FR00", "OC01", today(clock), message, old_signature), CertificateVerdict::valid);
  const auto new_signature = second->sign(message);
  EXPECT_EQ(trusted->verify("FR00", "OC02", today(clock), message, new_signature), CertificateVerdict::valid);
  EXPECT_EQ(trusted->verify("FR00", "OC01", today(clock), message, new_signature), CertificateVerdict::unknown);

  // A compromised key: revoked when replaced, and the revocation list says so.
  ASSERT_TRUE(attest::Authority::rotate(dir.path(), {}, clock, true));
  auto third = attest::Authority::load_or_create(dir.path(), {}, clock);
  ASSERT_TRUE(third);
  EXPECT_EQ(third->current_certificate(), "OC03");
  auto offline = attest::TrustedCertificates::from_pem(third->chain_pem(), third->crl_pem());
  ASSERT_TRUE(offline);
  EXPECT_EQ(offline->verify("FR00", "OC02", today(clock), message, new_signature), CertificateVerdict::revoked);
  EXPECT_EQ(offline->verify("FR00", "OC01", today(clock), message, old_signature), CertificateVerdict::valid);
  // A revocation list from another authority is refused.
  test_support::TempDir elsewhere;
  auto stranger = attest::Authority::load_or_create(elsewhere.path(), {}, clock);
  ASSERT_TRUE(stranger);
  EXPECT_FALSE(attest::TrustedCertificates::from_pem(third->chain_pem(), stranger->crl_pem()));
  EXPECT_FALSE(attest::TrustedCertificates::from_pem("not a certificate"));
}
