// Domain and app structs → JSON, as the API contract (docs/api-contract.md) shapes them.
//
// Incidents are written from an IncidentView: fields the caller may not see
// (per view.access) are omitted, never null. Times are ISO 8601 UTC with "Z";
// measure due dates "YYYY-MM-DD". Request parsing lives in json_requests.h.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "app/incident_service.h"
#include "app/user_service.h"
#include "domain/audit_chain.h"

namespace trygg {

// {"id","display_name"}
nlohmann::json PersonRefJson(UserId id, const std::string& display_name);
// {"id","parent_id"|null,"kind","name"}
nlohmann::json UnitJson(const OrgUnit& unit);
// {"id","role","unit_id"}
nlohmann::json GrantJson(const RoleGrant& grant);
// Me: {"id","username","display_name","email","unit_id","grants","roles","csrf_token"};
// "roles" lists each role held once (in AllRoles() order) and always medarbetare.
nlohmann::json MeJson(const UserWithGrants& me, const std::string& csrf_token);
// The admin's view of a user: {"id","username","display_name","email","unit_id","active","grants"}.
nlohmann::json AdminUserJson(const UserWithGrants& user);
// {"id","display_name","unit_id"}
nlohmann::json ColleagueJson(const Colleague& colleague);

// How much of an incident a response carries.
enum class IncidentShape {
  kListRow,  // lists and inbox: never the description or perpetrator fields, and for a
             // sensitive incident nothing of the details (who, where, injuries)
  kRecord,   // one incident: every field the caller may see
  kFull,     // kRecord plus "measures" (access.exists), "notes", "log" and the follow-up
             // (police_report, authority_notices, authorities, rules) with access.details
};

// An incident as the caller may see it, in `shape`.
nlohmann::json IncidentJson(const IncidentView& view, IncidentShape shape);
// {"id","incident_id","title","responsible":PersonRef,"due_date","status","created_at","done_at",
//  "kind"}, and for support "support_type","support_group","support_person","follow_up_date".
nlohmann::json MeasureJson(const Measure& measure, const std::string& responsible_name,
                           const std::string& support_name = {});
// {"id","author":PersonRef,"text","created_at"}
nlohmann::json NoteJson(const Note& note, const std::string& author_name);
// {"id","at","actor":PersonRef,"action","detail"}
nlohmann::json LogEntryJson(const LogEntry& entry, const std::string& actor_name);
// {"role","user_id","display_name"}
nlohmann::json InformedJson(const Informed& informed);
// {"seq","at","actor_id"|null,"action","target_type","target_id","detail","hash"}
nlohmann::json AuditRecordJson(const AuditRecord& record);
// {"ok","records","first_bad_seq"|null,"problem"|null}
nlohmann::json AuditVerificationJson(const AuditVerification& v);

// Serialises `j` for a response body (UTF-8; invalid bytes replaced).
std::string DumpJson(const nlohmann::json& j);

}  // namespace trygg
