// The route tables, one per resource; each adds its routes to a Router.
#pragma once

#include "http/router.h"

namespace trygg {

void AddHealthRoutes(Router& router);        // GET /healthz
void AddAuthRoutes(Router& router);          // /api/v1/auth/*, /api/v1/me
void AddOrgRoutes(Router& router);           // /api/v1/units
void AddUserRoutes(Router& router);          // /api/v1/users, /api/v1/colleagues
void AddIncidentRoutes(Router& router);      // /api/v1/incidents, /api/v1/inbox
void AddAuditRoutes(Router& router);         // /api/v1/audit
void AddFollowupRoutes(Router& router);      // police report, notices, rules, contact details
void AddNotificationRoutes(Router& router);  // /api/v1/notifications
void AddRiskRoutes(Router& router);          // /api/v1/risk-*, knowledge-bank, incident subject
void AddPlanRoutes(Router& router);          // /api/v1/security-plans
void AddStatsRoutes(Router& router);         // /api/v1/stats/*, kpis, unit-profiles
void AddRoutineRoutes(Router& router);       // /api/v1/routines, /api/v1/exercises
void AddAlarmRoutes(
    Router& router);  // alarm-sites, alarm-rooms, devices, duty, alarms, device/alarm

}  // namespace trygg
