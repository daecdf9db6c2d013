#include "domain/routine.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "core/time.h"
#include "domain/exercise.h"

namespace trygg {
namespace {

TimeMs At(std::string_view iso) {
  auto t = ParseIso8601(iso);
  EXPECT_TRUE(t.ok()) << iso;
  return t.ok() ? *t : 0;
}

Routine MakeRoutine() {
  Routine r;
  r.id = 1;
  r.unit_id = 3;
  r.title = "Rutin vid hot i receptionen";
  r.summary = "Larma, gå undan, ring 112.";
  r.document_url = "https://intranat.example.se/rutiner/hot";
  r.owner_user_id = 9;
  r.published_at = At("2026-03-02T09:00:00+01:00");
  r.revision_date = At("2026-12-31T00:00:00Z");
  return r;
}

TEST(RoutineTest, StatusCodes) {
  EXPECT_EQ(RoutineStatusCode(RoutineStatus::kAktiv), "aktiv");
  EXPECT_EQ(RoutineStatusCode(RoutineStatus::kArkiverad), "arkiverad");
  EXPECT_EQ(ParseRoutineStatus("arkiverad"), RoutineStatus::kArkiverad);
  EXPECT_EQ(ParseRoutineStatus("aktiv"), RoutineStatus::kAktiv);
  EXPECT_FALSE(ParseRoutineStatus("Aktiv").has_value());
}

TEST(RoutineTest, ValidateAcceptsAGoodRoutine) {
  EXPECT_TRUE(ValidateRoutine(MakeRoutine()).ok());
  Routine r = MakeRoutine();
  r.document_url = "";
  r.summary = "";
  EXPECT_TRUE(ValidateRoutine(r).ok());
  r.document_url = "http://intranat/rutin.pdf";
  EXPECT_TRUE(ValidateRoutine(r).ok());
  r.title = std::string(200, 'x');
  EXPECT_TRUE(ValidateRoutine(r).ok());
  r.title = "";
  for (int i = 0; i < 200; ++i) r.title += "å";  // 200 characters, 400 bytes
  EXPECT_TRUE(ValidateRoutine(r).ok());
}

TEST(RoutineTest, ValidateNamesTheBadField) {
  Routine r = MakeRoutine();
  r.title = "   ";
  EXPECT_EQ(ValidateRoutine(r).reason(), "routine.title");
  r.title = std::string(201, 'x');
  EXPECT_EQ(ValidateRoutine(r).reason(), "routine.title");
  EXPECT_EQ(ValidateRoutine(r).code(), StatusCode::kInvalidArgument);
  r = MakeRoutine();
  r.summary = std::string(4001, 'x');
  EXPECT_EQ(ValidateRoutine(r).reason(), "routine.summary");
  for (const char* url :
       {"ftp://x/y", "javascript:alert(1)", "https://", "intranat/rutin", "https://a b/c"}) {
    r = MakeRoutine();
    r.document_url = url;
    EXPECT_EQ(ValidateRoutine(r).reason(), "routine.document_url") << url;
  }
  r = MakeRoutine();
  r.revision_date = At("2026-12-31T00:00:01Z");
  EXPECT_EQ(ValidateRoutine(r).reason(), "routine.revision_date");
  r.revision_date = 0;
  EXPECT_EQ(ValidateRoutine(r).reason(), "routine.revision_date");
}

TEST(RoutineTest, CurrentUntilTheEndOfItsRevisionDayInStockholm) {
  Routine r = MakeRoutine();  // revise by 31 December 2026
  EXPECT_TRUE(RoutineCurrent(r, At("2026-06-01T12:00:00Z")));
  EXPECT_TRUE(RoutineCurrent(r, At("2026-12-31T00:00:00+01:00")));
  EXPECT_TRUE(RoutineCurrent(r, At("2026-12-31T23:59:00+01:00")));
  // 23:30 UTC on 31 December is already 1 January in Stockholm.
  EXPECT_FALSE(RoutineCurrent(r, At("2026-12-31T23:30:00Z")));
  EXPECT_FALSE(RoutineCurrent(r, At("2027-01-01T00:00:00+01:00")));
  r.status = RoutineStatus::kArkiverad;
  EXPECT_FALSE(RoutineCurrent(r, At("2026-06-01T12:00:00Z")));
}

TEST(RoutineTest, AckStagesCountCalendarDays) {
  const Routine r = MakeRoutine();  // published Monday 2 March 2026, 09:00
  const AckSchedule schedule;       // 20 and 31 days
  EXPECT_EQ(schedule.remind_after_days, 20);
  EXPECT_EQ(schedule.escalate_after_days, 31);
  EXPECT_EQ(AckStageAt(r, schedule, r.published_at), AckStage::kNone);
  EXPECT_EQ(AckStageAt(r, schedule, At("2026-03-21T23:59:00+01:00")), AckStage::kNone);    // day 19
  EXPECT_EQ(AckStageAt(r, schedule, At("2026-03-22T00:01:00+01:00")), AckStage::kRemind);  // 20
  EXPECT_EQ(AckStageAt(r, schedule, At("2026-04-01T23:00:00+02:00")), AckStage::kRemind);  // 30
  EXPECT_EQ(AckStageAt(r, schedule, At("2026-04-02T00:30:00+02:00")), AckStage::kEscalate);  // 31
  EXPECT_EQ(AckStageAt(r, schedule, At("2027-01-01T12:00:00Z")), AckStage::kEscalate);
  const AckSchedule quick{1, 2};
  EXPECT_EQ(AckStageAt(r, quick, At("2026-03-02T23:59:00+01:00")), AckStage::kNone);
  EXPECT_EQ(AckStageAt(r, quick, At("2026-03-03T00:00:00+01:00")), AckStage::kRemind);
  EXPECT_EQ(AckStageAt(r, quick, At("2026-03-04T00:00:00+01:00")), AckStage::kEscalate);
}

Exercise MakeExercise() {
  Exercise e;
  e.unit_id = 3;
  e.kind = ExerciseKind::kLarmovning;
  e.held_on = At("2026-05-12T00:00:00Z");
  e.scenario = "Överfallslarm i besöksrum 2";
  e.participants = 14;
  return e;
}

TEST(ExerciseTest, Codes) {
  EXPECT_EQ(ExerciseKindCode(ExerciseKind::kUtbildning), "utbildning");
  EXPECT_EQ(ExerciseKindCode(ExerciseKind::kOvning), "ovning");
  EXPECT_EQ(ExerciseKindCode(ExerciseKind::kLarmovning), "larmovning");
  EXPECT_EQ(ParseExerciseKind("larmovning"), ExerciseKind::kLarmovning);
  EXPECT_FALSE(ParseExerciseKind("larmövning").has_value());
  EXPECT_EQ(FindingStatusCode(FindingStatus::kOppen), "oppen");
  EXPECT_EQ(FindingStatusCode(FindingStatus::kKlar), "klar");
  EXPECT_EQ(ParseFindingStatus("klar"), FindingStatus::kKlar);
  EXPECT_FALSE(ParseFindingStatus("done").has_value());
}

TEST(ExerciseTest, Validate) {
  EXPECT_TRUE(ValidateExercise(MakeExercise()).ok());
  Exercise e = MakeExercise();
  e.participants = 0;
  e.notes = std::string(4000, 'x');
  EXPECT_TRUE(ValidateExercise(e).ok());
  e.scenario = "";
  EXPECT_EQ(ValidateExercise(e).reason(), "exercise.scenario");
  e.scenario = std::string(2001, 'x');
  EXPECT_EQ(ValidateExercise(e).reason(), "exercise.scenario");
  e = MakeExercise();
  e.participants = -1;
  EXPECT_EQ(ValidateExercise(e).reason(), "exercise.participants");
  e.participants = 10001;
  EXPECT_EQ(ValidateExercise(e).reason(), "exercise.participants");
  e = MakeExercise();
  e.notes = std::string(4001, 'x');
  EXPECT_EQ(ValidateExercise(e).reason(), "exercise.notes");
  e = MakeExercise();
  e.held_on += 3'600'000;
  EXPECT_EQ(ValidateExercise(e).reason(), "exercise.held_on");
}

TEST(ExerciseTest, ValidateFinding) {
  ExerciseFinding f;
  f.text = "Larmknappen i rum 2 saknade täckning";
  EXPECT_TRUE(ValidateFinding(f).ok());
  f.owner_user_id = 9;
  EXPECT_EQ(ValidateFinding(f).reason(), "finding.measure");
  f.due_date = At("2026-06-01T00:00:00Z");
  EXPECT_TRUE(ValidateFinding(f).ok());  // a measure: owner and due date
  f.owner_user_id.reset();
  EXPECT_EQ(ValidateFinding(f).reason(), "finding.measure");
  f.owner_user_id = 9;
  f.text = " ";
  EXPECT_EQ(ValidateFinding(f).reason(), "finding.text");
  f.text = std::string(2001, 'x');
  EXPECT_EQ(ValidateFinding(f).reason(), "finding.text");
}

}  // namespace
}  // namespace trygg
