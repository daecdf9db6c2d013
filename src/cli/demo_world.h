// The demo organisation and its people (Storåsa kommun), as created by seed-demo.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/app.h"
#include "cli/demo_random.h"

namespace trygg::cli {

// The four enheter of each district's IFO, by key.
inline const std::vector<std::string> kDemoUnitKeys = {"eb", "bou", "vux", "rec"};

struct DemoPerson {
  std::string username;
  User user;
  std::vector<RoleGrant> grants;

  // The principal the services expect, as if this person had logged in.
  Principal AsPrincipal() const;
};

struct DemoDistrict {
  std::string key;  // "norr", "soder", "vaster"
  UnitId forvaltning = 0;
  UnitId avdelning = 0;
  std::map<std::string, UnitId> enheter;  // by key in kDemoUnitKeys
};

struct DemoWorld {
  UnitId kommun = 0;
  std::vector<DemoDistrict> districts;
  std::map<std::string, DemoPerson> people;  // by username
  int units = 0;

  // The person with `username`; the name must exist (seed-demo's own tables).
  const DemoPerson& Get(const std::string& username) const { return people.at(username); }
};

// The demo password of every account.
inline constexpr const char* kDemoPassword = "trygg-demo";

// Creates the units and users of the contract's demo data through the
// services (as the CLI, who == nullptr). Display names are invented from
// common Swedish first and last names, deterministically from `rnd`.
Result<DemoWorld> CreateDemoWorld(App& app, DemoRandom& rnd);

}  // namespace trygg::cli
