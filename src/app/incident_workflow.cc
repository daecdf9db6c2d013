// Changing an incident: workflow transitions, assessment, notes and measures.
#include <algorithm>
#include <cctype>

#include "app/audit_log.h"
#include "app/incident_facts.h"
#include "app/incident_service.h"
#include "app/incident_views.h"
#include "app/notifier.h"
#include "app/recipients.h"
#include "core/text.h"
#include "domain/limits.h"

namespace trygg {
namespace {

Status CheckVersion(const Incident& inc, std::optional<int64_t> expected) {
  if (expected && *expected != inc.version) return Status::Conflict("incident.stale_version");
  return Status::Ok();
}

// The responsible person for a measure must be an active user.
Status CheckResponsible(StoreTx& tx, UserId id) {
  Result<User> user = tx.GetUser(id);
  if (!user.ok() || !user->active) {
    return Status::InvalidArgument("measure.responsible_user_id", "responsible_user_id");
  }
  return Status::Ok();
}

}  // namespace

Result<IncidentView> IncidentService::Transition(const Principal& who, IncidentId id,
                                                 IncidentAction action, const std::string& reason,
                                                 std::optional<int64_t> expected_version) {
  if (Utf8Length(reason) > kMaxReasonChars) {
    return Status::InvalidArgument("workflow.reason_too_long", "reason");
  }
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(LoadedIncident loaded, LoadFor(*tx, *tree, who.actor, id, Need::kManage));
  Incident& inc = loaded.incident;
  TRYGG_RETURN_IF_ERROR(CheckVersion(inc, expected_version));
  TRYGG_ASSIGN_OR_RETURN(int open, tx->CountOpenMeasures(id));
  TRYGG_ASSIGN_OR_RETURN(IncidentStatus next, NextStatus(inc.status, action, open, reason));

  const TimeMs now = ctx_.clock.NowMs();
  const IncidentStatus before = inc.status;
  if (!inc.acknowledged_at) inc.acknowledged_at = now;
  if (next == IncidentStatus::kAvslutad) inc.closed_at = now;
  if (action == IncidentAction::kReopen) inc.closed_at.reset();
  inc.status = next;
  inc.updated_at = now;
  TRYGG_RETURN_IF_ERROR(tx->UpdateIncident(inc, inc.version));
  ++inc.version;
  const std::string detail =
      std::string(IncidentStatusCode(before)) + ">" + std::string(IncidentStatusCode(next));
  TRYGG_RETURN_IF_ERROR(RecordChange(*tx, ctx_.clock, who.user.id, id, "status_changed", detail,
                                     "incident.transition"));
  if (action == IncidentAction::kReopen) {
    TRYGG_RETURN_IF_ERROR(tx->InsertLog({0, id, now, who.user.id, "reopened", reason}).status());
  }
  TRYGG_RETURN_IF_ERROR(RecordFacts(ctx_, *tx, id));
  return CommitWithView(*tx, *tree, who.actor, inc, ctx_.clock.NowMs());
}

Result<IncidentView> IncidentService::Update(const Principal& who, IncidentId id,
                                             const IncidentPatch& patch,
                                             std::optional<int64_t> expected_version) {
  if (patch.perpetrator_note && Utf8Length(*patch.perpetrator_note) > kMaxPerpetratorNoteChars) {
    return Status::InvalidArgument("incident.perpetrator_note_too_long", "perpetrator_note");
  }
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(LoadedIncident loaded, LoadFor(*tx, *tree, who.actor, id, Need::kManage));
  Incident& inc = loaded.incident;
  TRYGG_RETURN_IF_ERROR(CheckVersion(inc, expected_version));
  std::string fields;
  auto changed = [&](const char* name) {
    if (!fields.empty()) fields += ",";
    fields += name;
  };
  if (patch.severity) {
    if (*patch.severity < 1 || *patch.severity > 4) {
      return Status::InvalidArgument("incident.severity", "severity");
    }
    if (*patch.severity < MinimumSeverity(inc)) {
      return Status::InvalidArgument("incident.severity_below_minimum", "severity");
    }
    inc.severity = *patch.severity;
    changed("severity");
  }
  const bool became_serious = IsSerious(inc.severity) && !inc.serious_since;
  if (became_serious) inc.serious_since = ctx_.clock.NowMs();
  if (patch.sensitive) {
    inc.sensitive = *patch.sensitive;
    changed("sensitive");
  }
  if (patch.perpetrator_relation) {
    inc.perpetrator_relation = *patch.perpetrator_relation;
    changed("perpetrator_relation");
  }
  if (patch.perpetrator_note) {
    inc.perpetrator_note = *patch.perpetrator_note;
    changed("perpetrator_note");
  }
  if (patch.aimed_at_person) {
    inc.aimed_at_person = *patch.aimed_at_person;
    changed("aimed_at_person");
  }
  if (patch.coordinator_consulted && !inc.coordinator_consulted_at) {
    inc.coordinator_consulted_at = ctx_.clock.NowMs();
    changed("coordinator_consulted");
  }
  if (fields.empty()) return Status::InvalidArgument("incident.nothing_to_change");
  const TimeMs now = ctx_.clock.NowMs();
  inc.updated_at = now;
  TRYGG_RETURN_IF_ERROR(tx->UpdateIncident(inc, inc.version));
  ++inc.version;
  TRYGG_RETURN_IF_ERROR(
      RecordChange(*tx, ctx_.clock, who.user.id, id, "updated", fields, "incident.update"));
  if (became_serious) {
    TRYGG_ASSIGN_OR_RETURN(std::vector<RoleGrant> grants, tx->ListGrants(std::nullopt));
    for (UserId u : HoldersCovering(grants, *tree, Role::kSakerhetssamordnare, inc.unit_id)) {
      if (u == who.user.id) continue;
      TRYGG_RETURN_IF_ERROR(
          Notify(*tx, ctx_,
                 {u, NotificationKind::kSeriousIncident, id, "", "serious:" + std::to_string(id),
                  UnitShortName(*tree, inc.unit_id)})
              .status());
    }
  }
  TRYGG_RETURN_IF_ERROR(RecordFacts(ctx_, *tx, id));
  return CommitWithView(*tx, *tree, who.actor, inc, ctx_.clock.NowMs());
}

Result<Note> IncidentService::AddNote(const Principal& who, IncidentId id,
                                      const std::string& text) {
  if (!FitsText(text, kMaxNoteChars)) return Status::InvalidArgument("note.text", "text");
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_RETURN_IF_ERROR(LoadFor(*tx, *tree, who.actor, id, Need::kAnnotate).status());
  Note note{0, id, who.user.id, text, ctx_.clock.NowMs()};
  TRYGG_ASSIGN_OR_RETURN(note.id, tx->InsertNote(note));
  TRYGG_RETURN_IF_ERROR(RecordChange(*tx, ctx_.clock, who.user.id, id, "note_added",
                                     std::to_string(note.id), "incident.note"));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return note;
}

Result<Measure> IncidentService::AddMeasure(const Principal& who, IncidentId id,
                                            const NewMeasure& in) {
  if (!FitsText(in.title, kMaxMeasureTitleChars)) {
    return Status::InvalidArgument("measure.title", "title");
  }
  if (in.due_date <= 0) return Status::InvalidArgument("measure.due_date", "due_date");
  const bool support = in.kind == MeasureKind::kStod;
  if (support && !in.support_type) {
    return Status::InvalidArgument("measure.support_type", "support_type");
  }
  if (!support && (in.support_type || in.support_group || in.support_user_id)) {
    return Status::InvalidArgument("measure.support_fields", "kind");
  }
  if (in.support_group && in.support_user_id) {
    return Status::InvalidArgument("measure.support_user_id", "support_user_id");
  }
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(LoadedIncident loaded, LoadFor(*tx, *tree, who.actor, id, Need::kManage));
  if (loaded.incident.status == IncidentStatus::kAvslutad) {
    return Status::FailedPrecondition("incident.closed");
  }
  TRYGG_RETURN_IF_ERROR(CheckResponsible(*tx, in.responsible_user_id));
  const std::vector<UserId>& exposed = loaded.incident.exposed_user_ids;
  if (in.support_user_id &&
      std::find(exposed.begin(), exposed.end(), *in.support_user_id) == exposed.end()) {
    return Status::InvalidArgument("measure.support_user_id", "support_user_id");
  }
  Measure m;
  m.incident_id = id;
  m.title = in.title;
  m.responsible_user_id = in.responsible_user_id;
  m.due_date = in.due_date;
  m.created_by = who.user.id;
  m.created_at = ctx_.clock.NowMs();
  m.kind = in.kind;
  m.support_type = in.support_type;
  m.support_group = in.support_group;
  m.support_user_id = in.support_user_id;
  m.follow_up_date = in.follow_up_date;
  TRYGG_ASSIGN_OR_RETURN(m.id, tx->InsertMeasure(m));
  TRYGG_RETURN_IF_ERROR(RecordChange(*tx, ctx_.clock, who.user.id, id,
                                     support ? "support_added" : "measure_added",
                                     std::to_string(m.id), "incident.measure_add"));
  if (m.responsible_user_id != who.user.id) {
    TRYGG_RETURN_IF_ERROR(
        Notify(*tx, ctx_,
               {m.responsible_user_id, NotificationKind::kMeasureAssigned, id, std::to_string(m.id),
                "assigned:" + std::to_string(m.id), UnitShortName(*tree, loaded.incident.unit_id)})
            .status());
  }
  TRYGG_RETURN_IF_ERROR(RecordFacts(ctx_, *tx, id));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return m;
}

Result<Measure> IncidentService::UpdateMeasure(const Principal& who, IncidentId id,
                                               int64_t measure_id, const MeasurePatch& patch) {
  if (patch.title && !FitsText(*patch.title, kMaxMeasureTitleChars)) {
    return Status::InvalidArgument("measure.title", "title");
  }
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(LoadedIncident loaded, LoadFor(*tx, *tree, who.actor, id, Need::kManage));
  Result<Measure> found = tx->GetMeasure(measure_id);
  if (!found.ok() || found->incident_id != id) return Status::NotFound("measure.not_found");
  if (loaded.incident.status == IncidentStatus::kAvslutad) {
    return Status::FailedPrecondition("incident.closed");
  }
  Measure m = std::move(found).value();
  const TimeMs now = ctx_.clock.NowMs();
  if (patch.title) m.title = *patch.title;
  if (patch.due_date) m.due_date = *patch.due_date;
  if (patch.follow_up_date) m.follow_up_date = *patch.follow_up_date;
  if (patch.responsible_user_id) {
    TRYGG_RETURN_IF_ERROR(CheckResponsible(*tx, *patch.responsible_user_id));
    m.responsible_user_id = *patch.responsible_user_id;
  }
  if (patch.status && *patch.status != m.status) {
    m.status = *patch.status;
    if (m.status == MeasureStatus::kKlar) {
      m.done_at = now;
      m.done_by = who.user.id;
    } else {
      m.done_at.reset();
      m.done_by.reset();
    }
  }
  TRYGG_RETURN_IF_ERROR(tx->UpdateMeasure(m));
  const std::string detail = std::to_string(m.id) + ":" + std::string(MeasureStatusCode(m.status));
  TRYGG_RETURN_IF_ERROR(RecordChange(*tx, ctx_.clock, who.user.id, id, "measure_updated", detail,
                                     "incident.measure_update"));
  TRYGG_RETURN_IF_ERROR(RecordFacts(ctx_, *tx, id));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return m;
}

}  // namespace trygg
