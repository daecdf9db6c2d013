#include "domain/equivalence.h"

#include <gtest/gtest.h>

namespace trygg {
namespace {

TEST(EquivalenceTest, ColumnsInOrderWithCodes) {
  const auto& all = AllEquivalenceColumns();
  const char* codes[] = {"coordinator_full_time", "routines_current", "ack_share",
                         "exercises_12m",         "secure_rooms",     "alarm_tested_1m",
                         "incidents_per_100",     "police_rate",      "support_on_time"};
  ASSERT_EQ(all.size(), 9u);
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(static_cast<size_t>(all[i]), i);
    EXPECT_EQ(EquivalenceColumnCode(all[i]), codes[i]);
  }
}

TEST(EquivalenceTest, ValidateUnitProfile) {
  UnitProfile p;
  p.unit_id = 2;
  p.headcount = 120;
  p.secure_rooms = 3;
  EXPECT_TRUE(ValidateUnitProfile(p).ok());
  p.headcount = 0;
  p.secure_rooms = 0;
  EXPECT_TRUE(ValidateUnitProfile(p).ok());
  p.headcount = 100000;
  p.secure_rooms = 1000;
  EXPECT_TRUE(ValidateUnitProfile(p).ok());
  p.headcount = -1;
  EXPECT_EQ(ValidateUnitProfile(p).reason(), "profile.headcount");
  p.headcount = 100001;
  EXPECT_EQ(ValidateUnitProfile(p).reason(), "profile.headcount");
  p.headcount = 5;
  p.secure_rooms = 1001;
  EXPECT_EQ(ValidateUnitProfile(p).reason(), "profile.secure_rooms");
  p.secure_rooms = -2;
  EXPECT_EQ(ValidateUnitProfile(p).reason(), "profile.secure_rooms");
}

TEST(EquivalenceTest, ShortOfTheDefaultStandard) {
  const EquivalenceStandard s;
  using C = EquivalenceColumn;
  EXPECT_TRUE(ShortOfStandard(C::kCoordinatorFullTime, 0.0, s));
  EXPECT_FALSE(ShortOfStandard(C::kCoordinatorFullTime, 1.0, s));
  EXPECT_TRUE(ShortOfStandard(C::kRoutinesCurrent, 0.95, s));
  EXPECT_FALSE(ShortOfStandard(C::kRoutinesCurrent, 1.0, s));
  EXPECT_TRUE(ShortOfStandard(C::kAckShare, 0.89, s));
  EXPECT_FALSE(ShortOfStandard(C::kAckShare, 9.0 / 10.0, s));  // exactly the standard
  EXPECT_FALSE(ShortOfStandard(C::kAckShare, 0.3 * 3, s));     // 0.8999999999999999
  EXPECT_TRUE(ShortOfStandard(C::kExercises12m, 1, s));
  EXPECT_FALSE(ShortOfStandard(C::kExercises12m, 2, s));
  EXPECT_TRUE(ShortOfStandard(C::kSecureRooms, 0, s));
  EXPECT_FALSE(ShortOfStandard(C::kSecureRooms, 4, s));
  EXPECT_TRUE(ShortOfStandard(C::kAlarmTested1m, 0.0, s));
  EXPECT_FALSE(ShortOfStandard(C::kAlarmTested1m, 1.0, s));
  EXPECT_FALSE(ShortOfStandard(C::kIncidentsPer100, 0.0, s));
  EXPECT_FALSE(ShortOfStandard(C::kIncidentsPer100, 250.0, s));
  EXPECT_TRUE(ShortOfStandard(C::kPoliceRate, 0.49, s));
  EXPECT_FALSE(ShortOfStandard(C::kPoliceRate, 0.5, s));
  EXPECT_TRUE(ShortOfStandard(C::kSupportOnTime, 0.5, s));
  EXPECT_FALSE(ShortOfStandard(C::kSupportOnTime, 1.0, s));
}

TEST(EquivalenceTest, UnknownValuesAreNeverShort) {
  const EquivalenceStandard s;
  for (EquivalenceColumn c : AllEquivalenceColumns()) {
    EXPECT_FALSE(ShortOfStandard(c, std::nullopt, s)) << EquivalenceColumnCode(c);
  }
}

TEST(EquivalenceTest, AStandardThatAsksForNothing) {
  EquivalenceStandard s;
  s.coordinator_full_time = false;
  s.alarm_tested_1m = false;
  s.exercises_12m = 0;
  s.police_rate = 0;
  EXPECT_FALSE(ShortOfStandard(EquivalenceColumn::kCoordinatorFullTime, 0.0, s));
  EXPECT_FALSE(ShortOfStandard(EquivalenceColumn::kAlarmTested1m, 0.0, s));
  EXPECT_FALSE(ShortOfStandard(EquivalenceColumn::kExercises12m, 0.0, s));
  EXPECT_FALSE(ShortOfStandard(EquivalenceColumn::kPoliceRate, 0.0, s));
}

}  // namespace
}  // namespace trygg
