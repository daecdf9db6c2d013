// trygg user add: create a user account (password from $TRYGG_PASSWORD or stdin) with role grants.
#include <cstdlib>
#include <iostream>
#include <string>

#include "app/app.h"
#include "cli/common.h"
#include "core/clock.h"

namespace trygg::cli {
namespace {

// "chef@12" → (chef, 12).
Result<std::pair<Role, UnitId>> ParseRoleAt(const std::string& text) {
  const size_t at = text.find('@');
  const Status bad = Status::InvalidArgument(
      "flags.role", "--role must be ROLE@UNIT_ID, e.g. chef@12 (got '" + text + "')");
  if (at == std::string::npos) return bad;
  std::optional<Role> role = ParseRole(text.substr(0, at));
  if (!role) return bad;
  try {
    size_t used = 0;
    const long long unit = std::stoll(text.substr(at + 1), &used);
    if (used != text.size() - at - 1 || unit <= 0) return bad;
    return std::make_pair(*role, static_cast<UnitId>(unit));
  } catch (...) {
    return bad;
  }
}

std::string ReadPassword() {
  if (const char* env = std::getenv("TRYGG_PASSWORD"); env && *env) return env;
  std::string line;
  std::getline(std::cin, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  return line;
}

}  // namespace

int RunUserAdd(const Args& args) {
  const std::vector<FlagSpec> spec = {
      DbFlag(),
      {"username", "NAME", "login name (lowercase)"},
      {"name", "TEXT", "display name shown to colleagues"},
      {"unit", "UNIT_ID", "the unit the user works in"},
      {"email", "ADDRESS", "e-mail address"},
      {"role", "ROLE@UNIT_ID", "grant a role on a unit, e.g. chef@12", true},
  };
  Flags flags;
  if (auto exit =
          ParseFlags(args, spec, "user add --username NAME --name TEXT --unit UNIT_ID [options]",
                     "Creates a user. The password (at least 10 characters) is read from "
                     "$TRYGG_PASSWORD, else from the first line of stdin.",
                     &flags)) {
    return *exit;
  }
  Result<long long> unit = flags.GetInt("unit", 0, 1, INT64_MAX);
  if (!flags.Get("username") || !flags.Get("name") || !flags.Has("unit") || !unit.ok()) {
    std::cerr << "trygg user add: --username, --name and --unit (a unit id) are required\n";
    return 2;
  }
  std::vector<std::pair<Role, UnitId>> grants;
  for (const std::string& r : flags.GetAll("role")) {
    Result<std::pair<Role, UnitId>> g = ParseRoleAt(r);
    if (!g.ok()) {
      std::cerr << "trygg user add: " << g.status().detail() << "\n";
      return 2;
    }
    grants.push_back(*g);
  }
  Result<std::unique_ptr<Store>> store = OpenMigrated(flags);
  if (!store.ok()) return Fail("user add", store.status());
  SystemClock clock;
  App app(**store, clock);

  NewUser in{*flags.Get("username"), *flags.Get("name"), flags.Get("email").value_or(""),
             static_cast<UnitId>(*unit), ReadPassword()};
  Result<UserWithGrants> user = app.users().Create(nullptr, in);
  if (!user.ok()) return Fail("user add", user.status());
  for (const auto& [role, unit_id] : grants) {
    Result<RoleGrant> g = app.users().Grant(nullptr, user->user.id, role, unit_id);
    if (!g.ok()) return Fail("user add", g.status());
  }
  std::cout << "Created user " << user->user.id << " (" << user->user.username << ") with "
            << grants.size() << " role grant(s)\n";
  return 0;
}

}  // namespace trygg::cli
