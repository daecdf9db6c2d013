#include "app/pseudonymizer.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/crypto.h"

namespace trygg {
namespace {

constexpr TimeMs kNov2026 = 1'795'000'000'000;      // 2026-11-18
constexpr TimeMs kNewYearsEve = 1'798'759'800'000;  // 2026-12-31 23:30 UTC = 2027 in Stockholm

class PseudonymizerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitCrypto();
    dir_ = std::filesystem::temp_directory_path() /
           ("trygg-pseudonym-" + std::to_string(::getpid()) + "-" + RandomHex(4));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  void WriteFile(const std::string& path, const std::string& text, mode_t mode) {
    {
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out << text;
    }
    ASSERT_EQ(::chmod(path.c_str(), mode), 0);
  }

  static std::string ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  std::filesystem::path dir_;
};

const std::string kSecret(32, '\x42');

TEST_F(PseudonymizerTest, SpellingsOfOneIdentifierGiveOneKey) {
  const Pseudonymizer p(kSecret);
  ASSERT_TRUE(p.configured());
  auto a = p.Key(SubjectIdKind::kPersonnummer, "811218-9876", kNov2026);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_TRUE(IsSubjectKey(*a));
  for (const char* spelling : {"8112189876", "198112189876", "19811218-9876", " 811218-9876 "}) {
    auto b = p.Key(SubjectIdKind::kPersonnummer, spelling, kNov2026);
    ASSERT_TRUE(b.ok()) << spelling;
    EXPECT_EQ(*a, *b) << spelling;
  }
  // The key is the HMAC of the canonical form, nothing else.
  EXPECT_EQ(*a, HmacSha256Hex(kSecret, "personnummer:198112189876"));
  // '+' and the 12-digit form name the same centenarian.
  EXPECT_EQ(*p.Key(SubjectIdKind::kPersonnummer, "121212+1212", kNov2026),
            *p.Key(SubjectIdKind::kPersonnummer, "191212121212", kNov2026));
  EXPECT_NE(*p.Key(SubjectIdKind::kPersonnummer, "121212-1212", kNov2026),
            *p.Key(SubjectIdKind::kPersonnummer, "121212+1212", kNov2026));
  // Case numbers: case and spaces do not matter; the kind does.
  EXPECT_EQ(*p.Key(SubjectIdKind::kArendenummer, "ifo 2026/17", kNov2026),
            *p.Key(SubjectIdKind::kArendenummer, "IFO2026/17", kNov2026));
  EXPECT_NE(*p.Key(SubjectIdKind::kArendenummer, "198112189876", kNov2026), *a);
}

TEST_F(PseudonymizerTest, CenturyUsesTheStockholmYear) {
  const Pseudonymizer p(kSecret);
  // At 23:30 UTC on 31 December 2026 it is already 2027 in Stockholm, so a
  // child born on 1 January 2027 is not taken for a 100-year-old.
  auto ten = p.Key(SubjectIdKind::kPersonnummer, "270101-1237", kNewYearsEve);
  ASSERT_TRUE(ten.ok()) << ten.status().ToString();
  EXPECT_EQ(*ten, HmacSha256Hex(kSecret, "personnummer:202701011237"));
}

TEST_F(PseudonymizerTest, DifferentSecretDifferentKey) {
  const Pseudonymizer a(kSecret);
  const Pseudonymizer b(std::string(32, '\x43'));
  EXPECT_NE(*a.Key(SubjectIdKind::kPersonnummer, "811218-9876", kNov2026),
            *b.Key(SubjectIdKind::kPersonnummer, "811218-9876", kNov2026));
}

TEST_F(PseudonymizerTest, NotConfiguredAndInvalidIdentifier) {
  const Pseudonymizer none;
  EXPECT_FALSE(none.configured());
  auto r = none.Key(SubjectIdKind::kPersonnummer, "811218-9876", kNov2026);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(r.status().reason(), "subject.not_configured");

  const Pseudonymizer p(kSecret);
  r = p.Key(SubjectIdKind::kPersonnummer, "811218-9875", kNov2026);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().reason(), "subject.identifier");
  EXPECT_EQ(r.status().ToString().find("9875"), std::string::npos);
}

TEST_F(PseudonymizerTest, KeyFileRoundTrip) {
  const std::string path = Path("pseudonym.key");
  ASSERT_TRUE(WritePseudonymKey(path).ok());
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const std::string text = ReadFile(path);
  ASSERT_EQ(text.size(), 65u);
  EXPECT_EQ(text.back(), '\n');
  EXPECT_TRUE(IsSubjectKey(text.substr(0, 64)));  // 64 lowercase hex

  auto key = LoadPseudonymKey(path);
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  ASSERT_EQ(key->size(), 32u);
  // The raw bytes are the hex text decoded.
  std::string hex;
  for (unsigned char c : *key) {
    static const char kDigits[] = "0123456789abcdef";
    hex += kDigits[c >> 4];
    hex += kDigits[c & 15];
  }
  EXPECT_EQ(hex, text.substr(0, 64));

  // Two new keys differ.
  const std::string other = Path("other.key");
  ASSERT_TRUE(WritePseudonymKey(other).ok());
  EXPECT_NE(*LoadPseudonymKey(other), *key);
}

TEST_F(PseudonymizerTest, ExistingKeyIsNeverOverwritten) {
  const std::string path = Path("pseudonym.key");
  ASSERT_TRUE(WritePseudonymKey(path).ok());
  const std::string before = ReadFile(path);
  const Status s = WritePseudonymKey(path);
  EXPECT_EQ(s.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(ReadFile(path), before);
}

TEST_F(PseudonymizerTest, LoadRefusesOpenModesAndBadContent) {
  const std::string hex(64, 'a');
  const std::string path = Path("k");

  WriteFile(path, hex + "\n", 0644);
  auto r = LoadPseudonymKey(path);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().reason(), "pseudonym.key_file");
  WriteFile(path, hex + "\n", 0640);
  EXPECT_EQ(LoadPseudonymKey(path).status().reason(), "pseudonym.key_file");
  WriteFile(path, hex + "\n", 0604);
  EXPECT_FALSE(LoadPseudonymKey(path).ok());

  // 0600 and 0400 are fine; without the newline too; upper case hex decodes.
  WriteFile(path, hex + "\n", 0600);
  EXPECT_EQ(*LoadPseudonymKey(path), std::string(32, '\xaa'));
  WriteFile(path, std::string(64, 'A'), 0400);
  EXPECT_EQ(*LoadPseudonymKey(path), std::string(32, '\xaa'));
  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);

  for (const std::string& bad :
       {std::string(63, 'a'), std::string(66, 'a'), hex + "\n\n", hex + " ", std::string(""),
        std::string(63, 'a') + "g", hex.substr(0, 32)}) {
    WriteFile(path, bad, 0600);
    auto b = LoadPseudonymKey(path);
    ASSERT_FALSE(b.ok()) << bad;
    EXPECT_EQ(b.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(b.status().reason(), "pseudonym.key_file");
  }

  auto missing = LoadPseudonymKey(Path("missing"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().reason(), "pseudonym.key_file");
}

TEST_F(PseudonymizerTest, LoadedKeyWorksWithThePseudonymizer) {
  const std::string path = Path("pseudonym.key");
  ASSERT_TRUE(WritePseudonymKey(path).ok());
  const Pseudonymizer a(*LoadPseudonymKey(path));
  const Pseudonymizer b(*LoadPseudonymKey(path));
  EXPECT_EQ(*a.Key(SubjectIdKind::kSamordningsnummer, "701063-2391", kNov2026),
            *b.Key(SubjectIdKind::kSamordningsnummer, "197010632391", kNov2026));
}

}  // namespace
}  // namespace trygg
