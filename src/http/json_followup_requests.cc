#include "http/json_followup_requests.h"

#include <limits>

#include "core/text.h"
#include "http/json_fields.h"

namespace trygg {
namespace {

constexpr Presence kReq = Presence::kRequired;
constexpr Presence kOpt = Presence::kOptional;
constexpr int64_t kMaxId = std::numeric_limits<int64_t>::max();

}  // namespace

Result<PoliceReportInput> ParsePoliceReport(const nlohmann::json& body) {
  FieldReader r(body);
  PoliceReportInput in;
  auto reported = r.Bool("reported", kReq);
  in.reporter = r.Enum("reporter", kOpt, ParsePoliceReporter);
  if (!r.IsNull("reported_by_user_id")) {
    in.reported_by = r.Int("reported_by_user_id", kOpt, 1, kMaxId);
  }
  in.reported_at = r.Time("reported_at", kOpt);
  in.case_number = r.String("case_number", kOpt, 40);
  in.case_status = r.Enum("case_status", kOpt, ParsePoliceCaseStatus);
  if (!r.IsNull("not_reported_reason")) {
    in.not_reported_reason = r.Enum("not_reported_reason", kOpt, ParseNotReportedReason);
  }
  in.note = r.String("note", kOpt, 1000);
  if (!r.ok()) return r.status();
  in.reported = *reported;
  return in;
}

Result<AuthorityNotice> ParseAuthorityNotice(const nlohmann::json& body, Authority authority) {
  FieldReader r(body);
  auto at = r.Time("notified_at", kReq);
  auto channel = r.Enum("channel", kReq, ParseNoticeChannel);
  auto reference = r.String("reference", kOpt, 100);
  if (!r.ok()) return r.status();
  AuthorityNotice n;
  n.authority = authority;
  n.notified_at = *at;
  n.channel = *channel;
  n.reference = reference.value_or("");
  return n;
}

Result<OrgContact> ParseOrgContact(const nlohmann::json& body, UnitId unit) {
  FieldReader r(body);
  OrgContact c;
  c.unit_id = unit;
  auto legal_name = r.String("legal_name", kReq, 200);
  auto org_number = r.String("org_number", kReq, 20);
  auto street = r.String("street_address", kOpt, 200);
  auto postal = r.String("postal_code", kOpt, 20);
  auto city = r.String("city", kOpt, 200);
  auto phone = r.String("phone", kReq, 40);
  auto email = r.String("email", kOpt, 200);
  if (!r.ok()) return r.status();
  c.legal_name = *legal_name;
  c.org_number = *org_number;
  c.street_address = street.value_or("");
  c.postal_code = postal.value_or("");
  c.city = city.value_or("");
  c.phone = *phone;
  c.email = email.value_or("");
  return c;
}

Result<PolicyRule> ParseRule(const nlohmann::json& body, RuleKind kind) {
  FieldReader r(body);
  PolicyRule rule;
  rule.kind = kind;
  auto enabled = r.Bool("enabled", kReq);
  auto days = r.Int("working_days", kReq, 0, 30);
  auto min_severity = r.Int("min_severity", kOpt, 1, 4);
  if (!r.ok()) return r.status();
  rule.enabled = *enabled;
  rule.working_days = static_cast<int>(*days);
  if (min_severity) rule.min_severity = static_cast<int>(*min_severity);
  if (body.contains("categories")) {
    const nlohmann::json& list = body["categories"];
    if (!list.is_array()) return Status::InvalidArgument("validation.type", "categories");
    for (const nlohmann::json& c : list) {
      if (!c.is_string()) return Status::InvalidArgument("validation.type", "categories");
      std::optional<Category> cat = ParseCategory(c.get<std::string>());
      if (!cat) return Status::InvalidArgument("validation.enum", "categories");
      rule.categories.push_back(*cat);
    }
  } else {
    for (const PolicyRule& d : DefaultPolicyRules()) {
      if (d.kind == kind) rule.categories = d.categories;
    }
  }
  return rule;
}

Result<int64_t> QueryId(const QueryParams& query, const std::string& name) {
  auto it = query.find(name);
  if (it == query.end()) return Status::InvalidArgument("validation.required", name);
  Result<int64_t> id = ParsePathId(it->second);
  if (!id.ok()) return Status::InvalidArgument("validation.range", name);
  return id;
}

}  // namespace trygg
