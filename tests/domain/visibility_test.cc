#include "domain/visibility.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace trygg {
namespace {

// kommun 1 → förvaltning 10 → avdelning 100 → enheter 1000, 1001
//          → förvaltning 20 → enhet 2000
OrgTree Tree() {
  return OrgTree({{1, std::nullopt, UnitKind::kKommun, "Kommun"},
                  {10, 1, UnitKind::kForvaltning, "Norr"},
                  {100, 10, UnitKind::kAvdelning, "IFO"},
                  {1000, 100, UnitKind::kEnhet, "Ekonomiskt bistånd"},
                  {1001, 100, UnitKind::kEnhet, "Barn och unga"},
                  {20, 1, UnitKind::kForvaltning, "Söder"},
                  {2000, 20, UnitKind::kEnhet, "Reception"}});
}

Actor With(UserId id, Role role, UnitId unit) {
  Actor a{id, 1000, {}};
  if (role != Role::kMedarbetare) a.grants.push_back({0, id, role, unit});
  return a;
}

Incident At(UnitId unit, bool sensitive) {
  Incident i;
  i.id = 7;
  i.unit_id = unit;
  i.reporter_id = 500;
  i.exposed_user_ids = {501};
  i.sensitive = sensitive;
  return i;
}

TEST(VisibilityTest, ReporterAndExposedSeeDetailsButNotThePerpetratorNote) {
  for (UserId u : {500, 501}) {
    auto a = AccessTo(With(u, Role::kMedarbetare, 0), Tree(), At(1000, true));
    EXPECT_TRUE(a.details);
    EXPECT_TRUE(a.annotate);
    EXPECT_FALSE(a.perpetrator_note);
    EXPECT_FALSE(a.manage);
  }
  EXPECT_FALSE(AccessTo(With(502, Role::kMedarbetare, 0), Tree(), At(1000, false)).exists);
}

TEST(VisibilityTest, ChefManagesUnitsInScopeOnly) {
  auto own = AccessTo(With(1, Role::kChef, 1000), Tree(), At(1000, false));
  EXPECT_TRUE(own.manage);
  EXPECT_TRUE(own.perpetrator_note);
  auto above = AccessTo(With(1, Role::kChef, 100), Tree(), At(1000, false));
  EXPECT_TRUE(above.manage);
  EXPECT_FALSE(AccessTo(With(1, Role::kChef, 1001), Tree(), At(1000, false)).exists);
  EXPECT_FALSE(AccessTo(With(1, Role::kChef, 20), Tree(), At(1000, false)).exists);
}

TEST(VisibilityTest, SensitiveIncidentHiddenFromBroaderChefs) {
  EXPECT_TRUE(AccessTo(With(1, Role::kChef, 1000), Tree(), At(1000, true)).manage);
  EXPECT_FALSE(AccessTo(With(1, Role::kChef, 100), Tree(), At(1000, true)).exists);
  EXPECT_FALSE(AccessTo(With(1, Role::kChef, 10), Tree(), At(1000, true)).exists);
}

TEST(VisibilityTest, SakerhetssamordnareSeesEverythingInForvaltning) {
  auto a = AccessTo(With(1, Role::kSakerhetssamordnare, 10), Tree(), At(1000, true));
  EXPECT_TRUE(a.perpetrator_note);
  EXPECT_FALSE(a.manage);
  EXPECT_FALSE(AccessTo(With(1, Role::kSakerhetssamordnare, 20), Tree(), At(1000, true)).exists);
}

TEST(VisibilityTest, SkyddsombudNeverSeesPerpetratorAndOnlyExistenceWhenSensitive) {
  auto plain = AccessTo(With(1, Role::kSkyddsombud, 100), Tree(), At(1000, false));
  EXPECT_TRUE(plain.details);
  EXPECT_TRUE(plain.annotate);
  EXPECT_FALSE(plain.perpetrator);
  auto sens = AccessTo(With(1, Role::kSkyddsombud, 1000), Tree(), At(1000, true));
  EXPECT_TRUE(sens.exists);
  EXPECT_FALSE(sens.details);
  EXPECT_FALSE(sens.annotate);
}

TEST(VisibilityTest, AnalystAndAdminSeeNothing) {
  for (Role r : {Role::kAnalytiker, Role::kAdmin}) {
    EXPECT_FALSE(AccessTo(With(1, r, 1), Tree(), At(1000, false)).exists);
  }
}

bool Passes(const VisibilityFilter& f, const Incident& i) {
  auto in = [](const std::vector<UnitId>& v, UnitId u) {
    return std::find(v.begin(), v.end(), u) != v.end();
  };
  return in(f.all_units, i.unit_id) || (!i.sensitive && in(f.nonsensitive_units, i.unit_id)) ||
         (f.involving && i.Involves(*f.involving));
}

// The list filter a store runs must agree with AccessTo for every combination.
TEST(VisibilityTest, ListFilterAgreesWithAccessToExhaustively) {
  const OrgTree tree = Tree();
  std::vector<UnitId> units;
  for (const auto& u : tree.units()) units.push_back(u.id);
  std::mt19937 rng(42);
  for (int trial = 0; trial < 3000; ++trial) {
    Actor actor{static_cast<UserId>(500 + rng() % 3), 1000, {}};
    int grants = rng() % 3;
    for (int g = 0; g < grants; ++g) {
      Role role = AllRoles()[rng() % AllRoles().size()];
      actor.grants.push_back({0, actor.user_id, role, units[rng() % units.size()]});
    }
    Incident inc = At(units[rng() % units.size()], rng() % 2 == 0);
    EXPECT_EQ(Passes(ListFilter(actor, tree), inc), AccessTo(actor, tree, inc).exists);
    VisibilityFilter manage = ManageFilter(actor, tree);
    manage.involving.reset();
    EXPECT_EQ(Passes(manage, inc), AccessTo(actor, tree, inc).manage);
  }
}

}  // namespace
}  // namespace trygg
