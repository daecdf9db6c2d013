#include "core/text.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace trygg {
namespace {

TEST(TextTest, CountsCharactersNotBytes) {
  EXPECT_EQ(Utf8Length("åäö"), 3u);
  EXPECT_EQ(Utf8Length(""), 0u);
  EXPECT_TRUE(FitsText("Kalle Åberg", 11));
  EXPECT_FALSE(FitsText("Kalle Åberg", 10));
  EXPECT_FALSE(FitsText(" \t\n", 10));
}

TEST(TextTest, SortsNamesInSwedishOrder) {
  std::vector<std::string> names{"Östen", "Åsa", "Ärla", "anna", "Zlatan", "Bertil", "Émile"};
  std::sort(names.begin(), names.end(), SwedishLess);
  EXPECT_EQ(names, (std::vector<std::string>{"anna", "Bertil", "Émile", "Zlatan", "Åsa", "Ärla",
                                             "Östen"}));
}

}  // namespace
}  // namespace trygg
