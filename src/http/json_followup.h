// Follow-up objects → JSON: police report, authority notices, contact details, rules,
// notifications.
#pragma once

#include <nlohmann/json.hpp>

#include "app/followup_service.h"
#include "app/incident_service.h"
#include "app/notification_service.h"

namespace trygg {

// Adds "police_report", "authority_notices", "authorities" and "rules" of a
// full view (see docs/api-contract.md) to `j`.
void AddFollowupJson(const IncidentView& view, nlohmann::json& j);

nlohmann::json PoliceReportJson(const PoliceReport& r, const std::string& reported_by_name);
nlohmann::json AuthorityNoticeJson(const AuthorityNotice& n, const std::string& recorded_by_name);
nlohmann::json OrgContactJson(const OrgContact& c);
nlohmann::json PoliceDraftJson(const PoliceReportDraft& d);
// {"kind","enabled","working_days","min_severity","categories","is_default"}
nlohmann::json RuleJson(const RuleView& r);
// {"kind","state","due_at","met_at"}
nlohmann::json RuleCheckJson(const RuleCheck& c);
nlohmann::json NotificationJson(const NotificationItem& item);

}  // namespace trygg
