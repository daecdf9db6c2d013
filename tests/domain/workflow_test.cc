#include "domain/workflow.h"

#include <gtest/gtest.h>

namespace trygg {
namespace {

TEST(WorkflowTest, HappyPathFromNewToClosed) {
  auto s = NextStatus(IncidentStatus::kNy, IncidentAction::kAcknowledge, 0, "");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s, IncidentStatus::kMottagen);
  s = NextStatus(*s, IncidentAction::kInvestigate, 0, "");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s, IncidentStatus::kUtreds);
  s = NextStatus(*s, IncidentAction::kClose, 0, "");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s, IncidentStatus::kAvslutad);
}

TEST(WorkflowTest, ClosingIsRefusedWhileAMeasureIsOpen) {
  auto s = NextStatus(IncidentStatus::kUtreds, IncidentAction::kClose, 2, "");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.status().reason(), "workflow.open_measures");
  EXPECT_EQ(s.status().detail(), "2");
}

TEST(WorkflowTest, NewIncidentMustBeReceivedBeforeClosing) {
  auto s = NextStatus(IncidentStatus::kNy, IncidentAction::kClose, 0, "");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().reason(), "workflow.transition_not_allowed");
}

TEST(WorkflowTest, ReopenNeedsAReasonAndAClosedIncident) {
  EXPECT_EQ(NextStatus(IncidentStatus::kAvslutad, IncidentAction::kReopen, 0, "  ").status().reason(),
            "workflow.reason_required");
  auto s = NextStatus(IncidentStatus::kAvslutad, IncidentAction::kReopen, 0, "ny information");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s, IncidentStatus::kUtreds);
  EXPECT_FALSE(NextStatus(IncidentStatus::kUtreds, IncidentAction::kReopen, 0, "x").ok());
}

TEST(WorkflowTest, AcknowledgeOnlyOnce) {
  EXPECT_FALSE(NextStatus(IncidentStatus::kMottagen, IncidentAction::kAcknowledge, 0, "").ok());
  EXPECT_FALSE(NextStatus(IncidentStatus::kAvslutad, IncidentAction::kAcknowledge, 0, "").ok());
}

TEST(SeverityTest, WeaponDeathThreatOrSeriousInjuryIsAtLeastSerious) {
  Incident i;
  i.category = Category::kHot;
  EXPECT_EQ(EffectiveSeverity(i, std::nullopt), kSeverityLindrig);
  i.weapon = true;
  EXPECT_EQ(EffectiveSeverity(i, 1), kSeverityAllvarlig);
  EXPECT_EQ(EffectiveSeverity(i, 4), kSeverityMycketAllvarlig);
  i.weapon = false;
  i.death_threat = true;
  EXPECT_TRUE(IsSerious(EffectiveSeverity(i, std::nullopt)));
  i.death_threat = false;
  i.injury = Injury::kAllvarlig;
  EXPECT_TRUE(IsSerious(EffectiveSeverity(i, 2)));
}

TEST(SeverityTest, ViolenceOrMinorInjuryIsAtLeastModerate) {
  Incident i;
  i.category = Category::kVald;
  EXPECT_EQ(MinimumSeverity(i), kSeverityMattlig);
  i.category = Category::kTrakasserier;
  i.injury = Injury::kLindrig;
  EXPECT_EQ(MinimumSeverity(i), kSeverityMattlig);
}

}  // namespace
}  // namespace trygg
