// JSON writers: redaction by omission, times, nullables.
#include "http/json_mapping.h"

#include <gtest/gtest.h>

#include "core/time.h"

namespace trygg {
namespace {

IncidentView View(IncidentAccess access) {
  IncidentView v;
  v.incident.id = 7;
  v.incident.unit_id = 3;
  v.incident.reporter_id = 11;
  v.incident.exposed_user_ids = {11};
  v.incident.category = Category::kOtillatenPaverkan;
  v.incident.occurred_at = *ParseIso8601("2026-11-20T08:30:00Z");
  v.incident.description = "Hemligt";
  v.incident.perpetrator_relation = PerpetratorRelation::kBrukare;
  v.incident.perpetrator_note = "Känd";
  v.unit_name = "F / A / E";
  v.names = {{11, "Karin Berg"}};
  v.access = access;
  Measure m;
  m.id = 1;
  m.incident_id = 7;
  m.responsible_user_id = 11;
  m.due_date = *ParseDate("2026-12-01");
  v.measures = {m};
  return v;
}

TEST(IncidentJsonTest, OmitsWhatTheCallerMayNotSee) {
  nlohmann::json j = IncidentJson(View({.exists = true}), IncidentShape::kFull);
  EXPECT_EQ(j["category"], "otillaten_paverkan");
  EXPECT_EQ(j["occurred_at"], "2026-11-20T08:30:00Z");
  EXPECT_TRUE(j["acknowledged_at"].is_null());
  for (const char* hidden : {"description", "reporter", "exposed", "place_type",
                             "perpetrator_relation", "perpetrator_note", "notes", "log"}) {
    EXPECT_FALSE(j.contains(hidden)) << hidden;
  }
  ASSERT_TRUE(j.contains("measures"));
  EXPECT_EQ(j["measures"][0]["due_date"], "2026-12-01");
  EXPECT_FALSE(j["access"]["details"].get<bool>());
}

TEST(IncidentJsonTest, DetailsWithoutPerpetratorNote) {
  nlohmann::json j = IncidentJson(View({.exists = true, .details = true, .perpetrator = true}),
                                  IncidentShape::kFull);
  EXPECT_EQ(j["description"], "Hemligt");
  EXPECT_EQ(j["reporter"], nlohmann::json({{"id", 11}, {"display_name", "Karin Berg"}}));
  EXPECT_EQ(j["perpetrator_relation"], "brukare");
  EXPECT_FALSE(j.contains("perpetrator_note"));
  EXPECT_TRUE(j.contains("notes"));
  EXPECT_FALSE(IncidentJson(View({.exists = true, .details = true}), IncidentShape::kRecord)
                   .contains("measures"));
}

TEST(IncidentJsonTest, ListRowsNeverCarryTextOrPerpetrator) {
  IncidentView v =
      View({.exists = true, .details = true, .perpetrator = true, .perpetrator_note = true});
  nlohmann::json row = IncidentJson(v, IncidentShape::kListRow);
  EXPECT_FALSE(row.contains("description"));
  EXPECT_FALSE(row.contains("perpetrator_relation"));
  EXPECT_FALSE(row.contains("perpetrator_note"));
  EXPECT_TRUE(row.contains("reporter"));
  v.incident.sensitive = true;
  EXPECT_FALSE(IncidentJson(v, IncidentShape::kListRow).contains("reporter"));
}

TEST(MeJsonTest, RolesAlwaysIncludeMedarbetareOnce) {
  UserWithGrants me;
  me.user.id = 1;
  me.grants = {{1, 1, Role::kChef, 4}, {2, 1, Role::kChef, 5}, {3, 1, Role::kMedarbetare, 4}};
  nlohmann::json j = MeJson(me, "tok");
  EXPECT_EQ(j["roles"], nlohmann::json::array({"medarbetare", "chef"}));
  EXPECT_EQ(j["csrf_token"], "tok");
  EXPECT_EQ(j["grants"].size(), 3u);
}

TEST(AuditJsonTest, VerificationNullsWhenOk) {
  nlohmann::json ok = AuditVerificationJson({.ok = true, .records = 5});
  EXPECT_TRUE(ok["first_bad_seq"].is_null());
  nlohmann::json bad = AuditVerificationJson(
      {.ok = false, .records = 5, .first_bad_seq = 3, .problem = "hash_mismatch"});
  EXPECT_EQ(bad["first_bad_seq"], 3);
  EXPECT_EQ(bad["problem"], "hash_mismatch");
}

}  // namespace
}  // namespace trygg
