// JSON writers for the API's objects.
#include "http/json_mapping.h"

#include <algorithm>

#include "core/time.h"
#include "http/json_followup.h"

namespace trygg {
namespace {

using nlohmann::json;

json OptionalTime(const std::optional<TimeMs>& t) {
  return t ? json(FormatIso8601(*t)) : json(nullptr);
}

std::string NameIn(const IncidentView& view, UserId id) {
  auto it = view.names.find(id);
  return it == view.names.end() ? std::string() : it->second;
}

json GrantsJson(const std::vector<RoleGrant>& grants) {
  json out = json::array();
  for (const RoleGrant& g : grants) out.push_back(GrantJson(g));
  return out;
}

}  // namespace

json PersonRefJson(UserId id, const std::string& display_name) {
  return {{"id", id}, {"display_name", display_name}};
}

json UnitJson(const OrgUnit& unit) {
  return {{"id", unit.id},
          {"parent_id", unit.parent_id ? json(*unit.parent_id) : json(nullptr)},
          {"kind", UnitKindCode(unit.kind)},
          {"name", unit.name}};
}

json GrantJson(const RoleGrant& grant) {
  return {{"id", grant.id}, {"role", RoleCode(grant.role)}, {"unit_id", grant.unit_id}};
}

json MeJson(const UserWithGrants& me, const std::string& csrf_token) {
  json roles = json::array();
  for (Role role : AllRoles()) {
    const bool held = role == Role::kMedarbetare ||
                      std::any_of(me.grants.begin(), me.grants.end(),
                                  [&](const RoleGrant& g) { return g.role == role; });
    if (held) roles.push_back(RoleCode(role));
  }
  return {{"id", me.user.id},
          {"username", me.user.username},
          {"display_name", me.user.display_name},
          {"email", me.user.email},
          {"unit_id", me.user.unit_id},
          {"grants", GrantsJson(me.grants)},
          {"roles", std::move(roles)},
          {"csrf_token", csrf_token}};
}

json AdminUserJson(const UserWithGrants& u) {
  return {{"id", u.user.id},
          {"username", u.user.username},
          {"display_name", u.user.display_name},
          {"email", u.user.email},
          {"unit_id", u.user.unit_id},
          {"active", u.user.active},
          {"grants", GrantsJson(u.grants)}};
}

json ColleagueJson(const Colleague& c) {
  return {{"id", c.id}, {"display_name", c.display_name}, {"unit_id", c.unit_id}};
}

json IncidentJson(const IncidentView& view, IncidentShape shape) {
  const Incident& in = view.incident;
  const IncidentAccess& a = view.access;
  json j = {
      {"id", in.id},
      {"unit_id", in.unit_id},
      {"unit_name", view.unit_name},
      {"category", CategoryCode(in.category)},
      {"occurred_at", FormatIso8601(in.occurred_at)},
      {"severity", in.severity},
      {"status", IncidentStatusCode(in.status)},
      {"sensitive", in.sensitive},
      {"created_at", FormatIso8601(in.created_at)},
      {"updated_at", FormatIso8601(in.updated_at)},
      {"acknowledged_at", OptionalTime(in.acknowledged_at)},
      {"closed_at", OptionalTime(in.closed_at)},
      {"version", in.version},
      {"open_measures", view.open_measures},
      {"aimed_at_person", in.aimed_at_person},
      {"serious_since", OptionalTime(in.serious_since)},
      {"coordinator_consulted_at", OptionalTime(in.coordinator_consulted_at)},
      {"access",
       {{"details", a.details},
        {"perpetrator", a.perpetrator},
        {"perpetrator_note", a.perpetrator_note},
        {"annotate", a.annotate},
        {"manage", a.manage}}},
  };
  const bool row = shape == IncidentShape::kListRow;
  if (a.details && !(row && in.sensitive)) {
    j["place_type"] = PlaceTypeCode(in.place_type);
    j["outside_workplace"] = in.outside_workplace;
    j["tied_to_role"] = in.tied_to_role;
    if (!row) j["description"] = in.description;
    j["injury"] = InjuryCode(in.injury);
    j["weapon"] = in.weapon;
    j["death_threat"] = in.death_threat;
    j["reporter"] = PersonRefJson(in.reporter_id, NameIn(view, in.reporter_id));
    json exposed = json::array();
    for (UserId u : in.exposed_user_ids) exposed.push_back(PersonRefJson(u, NameIn(view, u)));
    j["exposed"] = std::move(exposed);
  }
  if (row) return j;
  if (a.perpetrator) {
    j["perpetrator_relation"] = in.perpetrator_relation
                                    ? json(PerpetratorRelationCode(*in.perpetrator_relation))
                                    : json(nullptr);
  }
  if (a.perpetrator_note) j["perpetrator_note"] = in.perpetrator_note;
  if (shape != IncidentShape::kFull) return j;
  if (a.exists) {
    json measures = json::array();
    for (const Measure& m : view.measures) {
      measures.push_back(MeasureJson(m, NameIn(view, m.responsible_user_id),
                                     m.support_user_id ? NameIn(view, *m.support_user_id) : ""));
    }
    j["measures"] = std::move(measures);
  }
  if (a.details) {
    json notes = json::array();
    for (const Note& n : view.notes) notes.push_back(NoteJson(n, NameIn(view, n.author_id)));
    j["notes"] = std::move(notes);
    json log = json::array();
    for (const LogEntry& e : view.log) log.push_back(LogEntryJson(e, NameIn(view, e.actor_id)));
    j["log"] = std::move(log);
    AddFollowupJson(view, j);
  }
  return j;
}

json MeasureJson(const Measure& m, const std::string& responsible_name,
                 const std::string& support_name) {
  json j = {{"id", m.id},
            {"incident_id", m.incident_id},
            {"title", m.title},
            {"responsible", PersonRefJson(m.responsible_user_id, responsible_name)},
            {"due_date", FormatDate(m.due_date)},
            {"status", MeasureStatusCode(m.status)},
            {"created_at", FormatIso8601(m.created_at)},
            {"done_at", OptionalTime(m.done_at)},
            {"kind", MeasureKindCode(m.kind)}};
  if (m.kind == MeasureKind::kStod) {
    j["support_type"] = m.support_type ? json(SupportTypeCode(*m.support_type)) : json(nullptr);
    j["support_group"] = m.support_group;
    j["support_person"] =
        m.support_user_id ? PersonRefJson(*m.support_user_id, support_name) : json(nullptr);
    j["follow_up_date"] = m.follow_up_date ? json(FormatDate(*m.follow_up_date)) : json(nullptr);
  }
  return j;
}

json NoteJson(const Note& n, const std::string& author_name) {
  return {{"id", n.id},
          {"author", PersonRefJson(n.author_id, author_name)},
          {"text", n.text},
          {"created_at", FormatIso8601(n.created_at)}};
}

json LogEntryJson(const LogEntry& e, const std::string& actor_name) {
  return {{"id", e.id},
          {"at", FormatIso8601(e.at)},
          {"actor", PersonRefJson(e.actor_id, actor_name)},
          {"action", e.action},
          {"detail", e.detail}};
}

json InformedJson(const Informed& i) {
  return {{"role", RoleCode(i.role)}, {"user_id", i.user_id}, {"display_name", i.display_name}};
}

json AuditRecordJson(const AuditRecord& r) {
  return {{"seq", r.seq},
          {"at", FormatIso8601(r.at)},
          {"actor_id", r.actor_id ? json(*r.actor_id) : json(nullptr)},
          {"action", r.action},
          {"target_type", r.target_type},
          {"target_id", r.target_id},
          {"detail", r.detail},
          {"hash", r.hash}};
}

json AuditVerificationJson(const AuditVerification& v) {
  return {{"ok", v.ok},
          {"records", v.records},
          {"first_bad_seq", v.ok ? json(nullptr) : json(v.first_bad_seq)},
          {"problem", v.ok ? json(nullptr) : json(v.problem)}};
}

std::string DumpJson(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace trygg
