// Request bodies and query strings → app input structs, strictly validated.
//
// Every parser returns InvalidArgument with a "validation.*" reason (see
// json_fields.h) and the offending field as detail; the services validate the
// business rules (lengths, existence) themselves.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "app/incident_service.h"
#include "app/user_service.h"
#include "core/result.h"
#include "domain/role.h"

namespace trygg {

using QueryParams = std::map<std::string, std::string>;

// Reads query parameter `name` as an integer in [min, max] into *out; absent
// or empty leaves *out as it is. InvalidArgument("validation.type" or
// "validation.range", detail `name`).
Status QueryInt(const QueryParams& q, const char* name, int64_t min, int64_t max,
                std::optional<int64_t>* out);

// Parses `body` as JSON that must be an object. Errors: InvalidArgument
// "request.invalid_json" (not JSON, or not UTF-8) or "validation.body" (not an
// object; an empty body counts as not an object).
Result<nlohmann::json> ParseJsonObject(std::string_view body);

struct LoginRequest {
  std::string username;
  std::string password;
};
Result<LoginRequest> ParseLogin(const nlohmann::json& body);

Result<NewIncident> ParseNewIncident(const nlohmann::json& body);

struct IncidentPatchRequest {
  IncidentPatch patch;
  std::optional<int64_t> version;
};
Result<IncidentPatchRequest> ParseIncidentPatch(const nlohmann::json& body);

struct TransitionRequest {
  IncidentAction action = IncidentAction::kAcknowledge;
  std::string reason;
  std::optional<int64_t> version;
};
Result<TransitionRequest> ParseTransition(const nlohmann::json& body);

// {text}
Result<std::string> ParseNoteText(const nlohmann::json& body);

Result<NewMeasure> ParseNewMeasure(const nlohmann::json& body);
Result<MeasurePatch> ParseMeasurePatch(const nlohmann::json& body);

// {parent_id, kind, name} → a unit without id.
Result<OrgUnit> ParseNewUnit(const nlohmann::json& body);
// {name}
Result<std::string> ParseUnitRename(const nlohmann::json& body);

Result<NewUser> ParseNewUser(const nlohmann::json& body);
Result<UserPatch> ParseUserPatch(const nlohmann::json& body);

struct GrantRequest {
  Role role = Role::kMedarbetare;
  UnitId unit_id = 0;
};
Result<GrantRequest> ParseGrant(const nlohmann::json& body);

// GET /incidents query: status, open, category, unit_id, from, to,
// min_severity, limit (1–500, default 50), offset (≥ 0). The scope is left for
// the service to fill.
Result<IncidentQuery> ParseIncidentQuery(const QueryParams& query);

struct AuditQuery {
  int64_t after = 0;
  int limit = 100;  // 1–1000
};
Result<AuditQuery> ParseAuditQuery(const QueryParams& query);

// A path id: a positive decimal integer. NotFound("not_found") otherwise, since
// "/incidents/abc" names nothing.
Result<int64_t> ParsePathId(std::string_view text);

}  // namespace trygg
