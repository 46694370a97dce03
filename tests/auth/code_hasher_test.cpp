#include "auth/code_hasher.hpp"

#include "support/temp_dir.hpp"

#include <gtest/gtest.h>
#include <openssl/sha.h>

#include <sys/stat.h>

#include <filesystem>

using namespace ofpra;

namespace {

std::string plain_sha256_hex(std::string_view text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (auto b : digest) out += {hex[b >> 4], hex[b & 15]};
  return out;
}

unsigned mode_of(const std::filesystem::path& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_mode & 0777;
}

}  // namespace

TEST(CodeHasher, TheHashDependsOnTheSecretAndTheKindOfCode) {
  const auth::CodeHasher a(auth::CodeSecret{1}), b(auth::CodeSecret{2});
  EXPECT_EQ(a.hash("share", "ABCDEFGHJ"), a.hash("share", "ABCDEFGHJ"));
  EXPECT_NE(a.hash("share", "ABCDEFGHJ"), b.hash("share", "ABCDEFGHJ"));
  EXPECT_NE(a.hash("share", "ABCDEFGHJ"), a.hash("otp", "ABCDEFGHJ"));
  EXPECT_NE(a.hash("ab", "c"), a.hash("a", "bc"));
  // A copy of the database alone gives nothing to try codes against.
  EXPECT_NE(a.hash("share", "ABCDEFGHJ"), plain_sha256_hex("ABCDEFGHJ"));
  EXPECT_EQ(a.hash("share", "ABCDEFGHJ").size(), 64U);
}

TEST(CodeHasher, TheSecretIsMadeOncePrivateAndFoundAgain) {
  test_support::TempDir dir;
  const auto keys = dir.path() / "keys";
  auto first = auth::CodeHasher::load_or_create(keys);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(mode_of(keys / "codes.key"), 0600U);
  EXPECT_EQ(mode_of(keys), 0700U);
  auto again = auth::CodeHasher::load_or_create(keys);
  ASSERT_TRUE(again);
  EXPECT_EQ(first->hash("otp", "12345678"), again->hash("otp", "12345678"));
  // No draft left behind by the exclusive creation.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(keys), std::filesystem::directory_iterator()), 1);
}

TEST(CodeHasher, AfterARotationCodesStoredBeforeAreStillFound) {
  test_support::TempDir dir;
  const auto before = auth::CodeHasher::load_or_create(dir.path()).value();
  const auto stored = before.hash("share", "ABCDEFGHJ");
  std::filesystem::rename(dir.path() / "codes.key", dir.path() / "codes.previous.key");
  const auto after = auth::CodeHasher::load_or_create(dir.path()).value();
  EXPECT_NE(after.hash("share", "ABCDEFGHJ"), stored);  // new codes under the new secret
  const auto candidates = after.candidates("share", "ABCDEFGHJ");
  ASSERT_EQ(candidates.size(), 2U);
  EXPECT_EQ(candidates[0], after.hash("share", "ABCDEFGHJ"));
  EXPECT_EQ(candidates[1], stored);
}

TEST(CodeHasher, ADamagedSecretIsAnErrorNotANewSecret) {
  test_support::TempDir dir;
  {
    std::FILE* f = std::fopen((dir.path() / "codes.key").c_str(), "w");
    std::fputs("not hex\n", f);
    std::fclose(f);
  }
  auto hasher = auth::CodeHasher::load_or_create(dir.path());
  ASSERT_FALSE(hasher);
  EXPECT_NE(hasher.error().message.find("damaged"), std::string::npos);
}
