// App: the use cases of Trygg, wired over one Store and one Clock.
//
// Every use case takes the Principal asking, checks what their roles allow,
// writes the audit record and owns its transaction. Nothing here knows HTTP.
#pragma once

#include <memory>

#include "app/alarm_hub.h"
#include "app/alarm_service.h"
#include "app/audit_service.h"
#include "app/auth_service.h"
#include "app/exercise_service.h"
#include "app/followup_service.h"
#include "app/incident_service.h"
#include "app/kpi_service.h"
#include "app/notification_service.h"
#include "app/org_service.h"
#include "app/reminders.h"
#include "app/risk_service.h"
#include "app/routine_service.h"
#include "app/security_plan_service.h"
#include "app/stats_service.h"
#include "app/subject_service.h"
#include "app/user_service.h"

namespace trygg {

struct AppConfig {
  TimeMs session_idle_timeout = 30 * kMsPerMinute;
  int login_max_failures = 5;  // per account, and per address ×4
  TimeMs login_failure_window = 15 * kMsPerMinute;
  MailSettings mail;
  // The pseudonymisation secret (raw bytes, see LoadPseudonymKey); empty:
  // identifiers of people are refused.
  std::string pseudonym_key;
  StatsSettings stats;       // small-cell threshold, the city's standard
  AckSchedule routine_acks;  // remind day 20, escalate day 31
};

class App {
 public:
  // `store` and `clock` must outlive the App.
  App(Store& store, const Clock& clock, AppConfig config = {});

  AuthService& auth() { return auth_; }
  IncidentService& incidents() { return incidents_; }
  FollowupService& followup() { return followup_; }
  NotificationService& notifications() { return notifications_; }
  ReminderService& reminders() { return reminders_; }
  SubjectService& subjects() { return subjects_; }
  RiskService& risk() { return risk_; }
  SecurityPlanService& plans() { return plans_; }
  StatsService& stats() { return stats_; }
  RoutineService& routines() { return routines_; }
  ExerciseService& exercises() { return exercises_; }
  KpiService& kpis() { return kpis_; }
  OrgService& org() { return org_; }
  UserService& users() { return users_; }
  AuditService& audit() { return audit_; }
  AlarmService& alarms() { return alarms_; }
  AlarmHub& alarm_hub() { return alarm_hub_; }
  AppContext& context() { return ctx_; }

 private:
  AppContext ctx_;
  AuthService auth_;
  IncidentService incidents_;
  FollowupService followup_;
  NotificationService notifications_;
  ReminderService reminders_;
  SubjectService subjects_;
  RiskService risk_;
  SecurityPlanService plans_;
  StatsService stats_;
  RoutineService routines_;
  ExerciseService exercises_;
  KpiService kpis_;
  OrgService org_;
  UserService users_;
  AuditService audit_;
  AlarmService alarms_;
  AlarmHub alarm_hub_;  // after alarms_: it refers to it
};

}  // namespace trygg
