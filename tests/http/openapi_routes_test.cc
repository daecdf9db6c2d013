// docs/openapi.yaml describes exactly the routes the server registers.
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "http/handlers/routes.h"

namespace trygg {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// "get /api/v1/incidents" for every operation under `paths:` (text scan of the
// two-space path keys and four-space method keys).
std::set<std::string> DocumentedOperations(const std::filesystem::path& file) {
  std::set<std::string> ops;
  std::ifstream in(file);
  std::string line, path;
  bool in_paths = false;
  while (std::getline(in, line)) {
    if (line == "paths:") {
      in_paths = true;
      continue;
    }
    if (!in_paths) continue;
    if (!line.empty() && line[0] != ' ') break;  // the next top-level key
    if (line.rfind("  /", 0) == 0 && line.back() == ':') {
      path = line.substr(2, line.size() - 3);
      continue;
    }
    for (const char* m : {"get", "post", "patch", "put", "delete"}) {
      if (line == std::string("    ") + m + ":") ops.insert(std::string(m) + " " + path);
    }
  }
  return ops;
}

TEST(OpenApiTest, DocumentsEveryRouteAndNoOther) {
  const std::filesystem::path doc =
      std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "docs" /
      "openapi.yaml";
  if (!std::filesystem::exists(doc)) GTEST_SKIP() << "no " << doc;
  Router router;
  AddHealthRoutes(router);
  AddAuthRoutes(router);
  AddOrgRoutes(router);
  AddUserRoutes(router);
  AddIncidentRoutes(router);
  AddAuditRoutes(router);
  AddFollowupRoutes(router);
  AddNotificationRoutes(router);
  AddRiskRoutes(router);
  AddPlanRoutes(router);
  AddStatsRoutes(router);
  AddRoutineRoutes(router);
  AddAlarmRoutes(router);
  std::set<std::string> served;
  for (const Route& r : router.routes()) served.insert(Lower(r.method) + " " + r.pattern);
  EXPECT_EQ(DocumentedOperations(doc), served);
}

}  // namespace
}  // namespace trygg
