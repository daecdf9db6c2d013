#include "core/crypto.h"

#include <gtest/gtest.h>

#include <string>

namespace trygg {
namespace {

// RFC 4231, section 4.2: test case 1.
TEST(CryptoTest, HmacSha256Rfc4231Case1) {
  const std::string key(20, '\x0b');
  EXPECT_EQ(HmacSha256Hex(key, "Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
}

// RFC 4231, section 4.3: test case 2 (a key shorter than the block).
TEST(CryptoTest, HmacSha256Rfc4231Case2) {
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

// RFC 4231, section 4.7: test case 6 (a 131-byte key, hashed first).
TEST(CryptoTest, HmacSha256Rfc4231Case6LongKey) {
  const std::string key(131, '\xaa');
  EXPECT_EQ(HmacSha256Hex(key, "Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(CryptoTest, HmacDependsOnKeyAndData) {
  const std::string key(32, 'k');
  const std::string a = HmacSha256Hex(key, "personnummer:198112189876");
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(a, HmacSha256Hex(key, "personnummer:198112189876"));
  EXPECT_NE(a, HmacSha256Hex(key, "personnummer:198112189877"));
  EXPECT_NE(a, HmacSha256Hex(std::string(32, 'K'), "personnummer:198112189876"));
  EXPECT_NE(a, Sha256Hex("personnummer:198112189876"));
  for (char c : a) EXPECT_TRUE((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
}

}  // namespace
}  // namespace trygg
