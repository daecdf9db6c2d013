#include "http/json_followup.h"

#include "core/time.h"
#include "http/json_mapping.h"

namespace trygg {
namespace {

using nlohmann::json;

json OptTime(const std::optional<TimeMs>& t) { return t ? json(FormatIso8601(*t)) : json(nullptr); }

std::string NameIn(const IncidentView& view, UserId id) {
  auto it = view.names.find(id);
  return it == view.names.end() ? std::string() : it->second;
}

}  // namespace

json PoliceReportJson(const PoliceReport& r, const std::string& reported_by_name) {
  return {
      {"reported", r.reported},
      {"reporter", r.reporter ? json(PoliceReporterCode(*r.reporter)) : json(nullptr)},
      {"reported_by",
       r.reported_by ? PersonRefJson(*r.reported_by, reported_by_name) : json(nullptr)},
      {"reported_at", OptTime(r.reported_at)},
      {"case_number", r.case_number},
      {"case_status", PoliceCaseStatusCode(r.case_status)},
      {"not_reported_reason",
       r.not_reported_reason ? json(NotReportedReasonCode(*r.not_reported_reason)) : json(nullptr)},
      {"note", r.note},
      {"updated_at", FormatIso8601(r.updated_at)}};
}

json AuthorityNoticeJson(const AuthorityNotice& n, const std::string& recorded_by_name) {
  return {{"authority", AuthorityCode(n.authority)},
          {"notified_at", FormatIso8601(n.notified_at)},
          {"channel", NoticeChannelCode(n.channel)},
          {"reference", n.reference},
          {"recorded_by", PersonRefJson(n.recorded_by, recorded_by_name)},
          {"recorded_at", FormatIso8601(n.recorded_at)}};
}

void AddFollowupJson(const IncidentView& view, json& j) {
  const Incident& in = view.incident;
  j["police_report"] = view.police_report
                           ? PoliceReportJson(*view.police_report,
                                              view.police_report->reported_by
                                                  ? NameIn(view, *view.police_report->reported_by)
                                                  : "")
                           : json(nullptr);
  json notices = json::array();
  json by_authority = {{"arbetsmiljoverket", nullptr}, {"forsakringskassan", nullptr}};
  for (const AuthorityNotice& n : view.notices) {
    json nj = AuthorityNoticeJson(n, NameIn(view, n.recorded_by));
    by_authority[std::string(AuthorityCode(n.authority))] = nj;
    notices.push_back(std::move(nj));
  }
  j["authority_notices"] = std::move(notices);
  j["authorities"] = {
      {"arbetsmiljoverket",
       {{"required", view.arbetsmiljoverket_due.has_value()},
        {"due_at", OptTime(view.arbetsmiljoverket_due)},
        {"notice", by_authority["arbetsmiljoverket"]}}},
      {"forsakringskassan",
       {{"required", IsWorkInjury(in)}, {"notice", by_authority["forsakringskassan"]}}},
  };
  json rules = json::array();
  for (const RuleCheck& c : view.rules) rules.push_back(RuleCheckJson(c));
  j["rules"] = std::move(rules);
}

json OrgContactJson(const OrgContact& c) {
  return {{"unit_id", c.unit_id},
          {"legal_name", c.legal_name},
          {"org_number", c.org_number},
          {"street_address", c.street_address},
          {"postal_code", c.postal_code},
          {"city", c.city},
          {"phone", c.phone},
          {"email", c.email}};
}

json PoliceDraftJson(const PoliceReportDraft& d) {
  const Incident& in = d.incident;
  json parties = json::array();
  for (const auto& [id, name] : d.injured_parties) parties.push_back(PersonRefJson(id, name));
  return {{"organisation", d.organisation ? OrgContactJson(*d.organisation) : json(nullptr)},
          {"incident",
           {{"id", in.id},
            {"category", CategoryCode(in.category)},
            {"occurred_at", FormatIso8601(in.occurred_at)},
            {"place_type", PlaceTypeCode(in.place_type)},
            {"outside_workplace", in.outside_workplace},
            {"tied_to_role", in.tied_to_role},
            {"unit_name", d.unit_name},
            {"description", in.description},
            {"injury", InjuryCode(in.injury)},
            {"weapon", in.weapon},
            {"death_threat", in.death_threat}}},
          {"injured_parties", std::move(parties)},
          {"reporter_role", PoliceReporterCode(d.reporter_role)},
          {"generated_at", FormatIso8601(d.generated_at)}};
}

json RuleJson(const RuleView& r) {
  json categories = json::array();
  for (Category c : r.rule.categories) categories.push_back(CategoryCode(c));
  return {{"kind", RuleKindCode(r.rule.kind)},   {"enabled", r.rule.enabled},
          {"working_days", r.rule.working_days}, {"min_severity", r.rule.min_severity},
          {"categories", std::move(categories)}, {"is_default", r.is_default}};
}

json RuleCheckJson(const RuleCheck& c) {
  return {{"kind", RuleKindCode(c.kind)},
          {"state", RuleStateCode(c.state)},
          {"due_at", FormatIso8601(c.due_at)},
          {"met_at", OptTime(c.met_at)}};
}

json NotificationJson(const NotificationItem& item) {
  const Notification& n = item.notification;
  return {{"id", n.id},
          {"kind", NotificationKindCode(n.kind)},
          {"incident_id", n.incident_id ? json(*n.incident_id) : json(nullptr)},
          {"unit_name", item.unit_name.empty() ? json(nullptr) : json(item.unit_name)},
          {"ref", n.ref},
          {"created_at", FormatIso8601(n.created_at)},
          {"read_at", OptTime(n.read_at)}};
}

}  // namespace trygg
