// The stored form of a risk template: the JSON body of a StoredRiskTemplate.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.h"
#include "domain/risk.h"
#include "storage/store.h"

namespace trygg {

// The template's content as JSON: {"factors":[…],"thresholds":{"forhojd",
// "hog","mycket_hog"},"history":{"weight","floor_count"},"measures":[…]}, with
// the field names of the API (which shows it as it is stored).
nlohmann::json RiskTemplateContentJson(const RiskTemplate& t);

// The stored body: RiskTemplateContentJson as text. The förvaltning, version
// and author live in the row, not in the body.
std::string EncodeRiskTemplateBody(const RiskTemplate& t);

// Reads a body written by EncodeRiskTemplateBody into `t`'s content fields
// (factors, thresholds, history, measures), leaving the others as they are.
// A body that does not parse is a fault of the store:
// Internal("risk_template: stored body unreadable").
Status DecodeRiskTemplateBody(std::string_view body, RiskTemplate& t);

// A stored row as a template, and a template as the row to store.
Result<RiskTemplate> RiskTemplateFromStored(const StoredRiskTemplate& stored);
StoredRiskTemplate RiskTemplateToStored(const RiskTemplate& t);

}  // namespace trygg
