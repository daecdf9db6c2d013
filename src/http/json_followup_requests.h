// Follow-up request bodies and queries → app input: police report, notices, contact details, rules.
#pragma once

#include <nlohmann/json.hpp>

#include "app/followup_service.h"
#include "http/json_requests.h"

namespace trygg {

Result<PoliceReportInput> ParsePoliceReport(const nlohmann::json& body);
// {notified_at*, channel*, reference?} for the authority named in the path.
Result<AuthorityNotice> ParseAuthorityNotice(const nlohmann::json& body, Authority authority);
Result<OrgContact> ParseOrgContact(const nlohmann::json& body, UnitId unit);
// {enabled*, working_days*, min_severity?, categories?} for the rule kind named in the path.
Result<PolicyRule> ParseRule(const nlohmann::json& body, RuleKind kind);

// A required positive id in the query: InvalidArgument("validation.required"
// or "validation.range") with the name as detail.
Result<int64_t> QueryId(const QueryParams& query, const std::string& name);

}  // namespace trygg
