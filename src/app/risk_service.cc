// Risk templates, assessments from planning to follow-up, and the knowledge bank.
#include "app/risk_service.h"

#include <algorithm>
#include <set>

#include "app/audit_log.h"
#include "app/incident_views.h"
#include "app/risk_template_codec.h"
#include "core/text.h"

namespace trygg {
namespace {

Status CheckForvaltning(const OrgTree& tree, UnitId unit) {
  const OrgUnit* u = tree.Find(unit);
  if (u == nullptr || u->kind != UnitKind::kForvaltning) {
    return Status::NotFound("unit.not_forvaltning");
  }
  return Status::Ok();
}

// The förvaltning's latest template, or the built-in default.
Result<RiskTemplate> LatestTemplate(StoreTx& tx, UnitId forvaltning) {
  Result<StoredRiskTemplate> stored = tx.LatestRiskTemplate(forvaltning);
  if (!stored.ok()) {
    if (stored.status().code() == StatusCode::kNotFound) return DefaultRiskTemplate();
    return stored.status();
  }
  return RiskTemplateFromStored(*stored);
}

// The template an assessment was made with.
Result<RiskTemplate> TemplateVersion(StoreTx& tx, UnitId forvaltning, int version) {
  if (version == 0) return DefaultRiskTemplate();
  Result<StoredRiskTemplate> stored = tx.GetRiskTemplate(forvaltning, version);
  if (!stored.ok()) {
    if (stored.status().code() == StatusCode::kNotFound) {
      return Status::Internal("risk: the template version of an assessment is missing");
    }
    return stored.status();
  }
  return RiskTemplateFromStored(*stored);
}

bool Contains(const std::vector<UserId>& v, UserId u) {
  return std::find(v.begin(), v.end(), u) != v.end();
}

// What `actor` may do with an assessment.
struct AssessmentAccess {
  bool read = false;
  bool manager = false;   // a chef or säkerhetssamordnare covering the unit
  bool involved = false;  // the creator or a participant
  bool creator = false;
};

AssessmentAccess AccessToAssessment(const Actor& actor, const OrgTree& tree,
                                    const RiskAssessment& a) {
  AssessmentAccess access;
  access.creator = a.created_by == actor.user_id;
  access.involved = access.creator || Contains(a.participants, actor.user_id);
  access.manager = actor.HasOn(Role::kChef, a.unit_id, tree) ||
                   actor.HasOn(Role::kSakerhetssamordnare, a.unit_id, tree);
  access.read = access.involved || access.manager;
  return access;
}

bool MayFollowUp(const RiskAssessment& a, const AssessmentAccess& access) {
  return a.status != AssessmentStatus::kOppen && (access.involved || access.manager);
}

Status CheckVersion(const RiskAssessment& a, std::optional<int64_t> expected) {
  if (expected && *expected != a.version) return Status::Conflict("risk.stale_version");
  return Status::Ok();
}

// Loads assessment `id` if `actor` may read it; NotFound as if absent otherwise.
Result<std::pair<RiskAssessment, AssessmentAccess>> LoadAssessment(StoreTx& tx, const OrgTree& tree,
                                                                   const Actor& actor, int64_t id) {
  Result<RiskAssessment> a = tx.GetAssessment(id);
  if (!a.ok()) {
    if (a.status().code() == StatusCode::kNotFound) return Status::NotFound("risk.not_found");
    return a.status();
  }
  AssessmentAccess access = AccessToAssessment(actor, tree, *a);
  if (!access.read) return Status::NotFound("risk.not_found");
  return std::make_pair(std::move(a).value(), access);
}

// Participants sorted and deduplicated, each an active user.
Status CheckParticipants(StoreTx& tx, std::vector<UserId>& participants) {
  std::sort(participants.begin(), participants.end());
  participants.erase(std::unique(participants.begin(), participants.end()), participants.end());
  for (UserId u : participants) {
    Result<User> user = tx.GetUser(u);
    if (!user.ok() || !user->active) {
      return Status::InvalidArgument("risk.participants", "participant_ids");
    }
  }
  return Status::Ok();
}

// Answers must name factors of the template, each at most once.
Status CheckAnswers(const RiskTemplate& t, const std::vector<FactorAnswer>& answers) {
  std::set<std::string> seen;
  for (const FactorAnswer& ans : answers) {
    const bool known = std::any_of(t.factors.begin(), t.factors.end(),
                                   [&](const RiskFactor& f) { return f.code == ans.code; });
    if (!known || !seen.insert(ans.code).second) {
      return Status::InvalidArgument("risk.answers", "answers");
    }
  }
  return Status::Ok();
}

RiskHistory ToRiskHistory(const SubjectHistory& h) {
  return {h.total, h.total_highest_severity, h.total_latest_at};
}

// Sets the measures from `result`: every proposed catalogue measure, and the
// decided ones kept, in catalogue order.
void ApplyProposals(const RiskTemplate& t, const RiskResult& result, RiskAssessment& a) {
  std::vector<AssessmentMeasure> measures;
  for (const RiskMeasureDef& def : t.measures) {
    AssessmentMeasure m;
    m.code = def.code;
    for (const AssessmentMeasure& old : a.measures) {
      if (old.code == def.code) m = old;
    }
    m.proposed = std::find(result.proposed.begin(), result.proposed.end(), def.code) !=
                 result.proposed.end();
    if (m.proposed || m.decided) measures.push_back(std::move(m));
  }
  a.measures = std::move(measures);
}

// Everything a use case needs to return an assessment: recomputes the result
// with the template it was made with, adds the history for managers.
class AssessmentViewBuilder {
 public:
  AssessmentViewBuilder(StoreTx& tx, const OrgTree& tree, const Principal& who,
                        SubjectService& subjects)
      : tx_(tx), tree_(tree), who_(who), subjects_(subjects), names_(tx) {}

  // A list row: no template, result or history.
  AssessmentView Row(const RiskAssessment& a) {
    AssessmentView v;
    const AssessmentAccess access = AccessToAssessment(who_.actor, tree_, a);
    v.assessment = a;
    v.assessment.subject_key.clear();
    v.subject_named = !a.subject_key.empty();
    v.unit_name = tree_.PathName(a.unit_id);
    v.may_edit = a.status == AssessmentStatus::kOppen && (access.creator || access.manager);
    v.may_decide = access.manager && a.status != AssessmentStatus::kUppfoljd;
    v.may_follow_up = MayFollowUp(a, access);
    names_.Add(a.created_by, v.names);
    return v;
  }

  Result<AssessmentView> Full(const RiskAssessment& a) {
    AssessmentView v = Row(a);
    TRYGG_ASSIGN_OR_RETURN(v.risk_template,
                           TemplateVersion(tx_, a.forvaltning_id, a.template_version));
    SubjectHistory history;
    const bool manager = AccessToAssessment(who_.actor, tree_, a).manager;
    if (!a.subject_key.empty()) {
      TRYGG_ASSIGN_OR_RETURN(history, subjects_.History(tx_, who_, a.subject_key, a.incident_id));
      // Only managers covering the unit see the summary; everyone gets the level.
      if (manager) v.history = history;
    }
    RiskHistory rule_history = ToRiskHistory(history);
    rule_history.details = manager;
    v.result = AssessRisk(v.risk_template, a.answers, rule_history);
    for (UserId u : a.participants) names_.Add(u, v.names);
    if (a.decided_by) names_.Add(*a.decided_by, v.names);
    if (a.followed_up_by) names_.Add(*a.followed_up_by, v.names);
    if (v.risk_template.created_by != 0) names_.Add(v.risk_template.created_by, v.names);
    return v;
  }

 private:
  StoreTx& tx_;
  const OrgTree& tree_;
  const Principal& who_;
  SubjectService& subjects_;
  NameBook names_;
};

}  // namespace

Result<RiskTemplate> RiskService::Template(const Principal& who, UnitId forvaltning) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_RETURN_IF_ERROR(CheckForvaltning(*tree, forvaltning));
  return LatestTemplate(*tx, forvaltning);
}

Result<RiskTemplate> RiskService::PutTemplate(const Principal& who, UnitId forvaltning,
                                              RiskTemplate t) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_RETURN_IF_ERROR(CheckForvaltning(*tree, forvaltning));
  if (!who.actor.HasOn(Role::kAdmin, forvaltning, *tree) &&
      !who.actor.HasOn(Role::kSakerhetssamordnare, forvaltning, *tree)) {
    return Status::PermissionDenied("risk_template.forbidden");
  }
  TRYGG_RETURN_IF_ERROR(ValidateRiskTemplate(t));
  TRYGG_ASSIGN_OR_RETURN(RiskTemplate latest, LatestTemplate(*tx, forvaltning));
  t.forvaltning_id = forvaltning;
  t.version = latest.version + 1;
  t.created_by = who.user.id;
  t.created_at = ctx_.clock.NowMs();
  TRYGG_RETURN_IF_ERROR(tx->InsertRiskTemplate(RiskTemplateToStored(t)));
  TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "risk_template.changed", "unit",
                                    forvaltning, "version:" + std::to_string(t.version)));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return t;
}

Result<AssessmentView> RiskService::Create(const Principal& who, const NewAssessment& in) {
  const TimeMs now = ctx_.clock.NowMs();
  if (in.event_at <= 0) {
    return Status::InvalidArgument("risk.event_at", "event_at");
  }
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  RiskAssessment a;
  a.unit_id = in.unit_id.value_or(who.user.unit_id);
  std::optional<UnitId> forvaltning =
      tree->Find(a.unit_id) ? tree->ForvaltningOf(a.unit_id) : std::nullopt;
  if (!forvaltning) return Status::InvalidArgument("risk.unit_id", "unit_id");
  if (a.unit_id != who.user.unit_id && !who.actor.HasOn(Role::kChef, a.unit_id, *tree) &&
      !who.actor.HasOn(Role::kSakerhetssamordnare, a.unit_id, *tree)) {
    return Status::PermissionDenied("risk.forbidden");
  }
  a.forvaltning_id = *forvaltning;
  TRYGG_ASSIGN_OR_RETURN(RiskTemplate t, LatestTemplate(*tx, a.forvaltning_id));
  a.template_version = t.version;
  a.meeting_type = in.meeting_type;
  a.event_at = in.event_at;
  a.title = in.title;
  a.participants = in.participants;
  TRYGG_RETURN_IF_ERROR(CheckParticipants(*tx, a.participants));
  TRYGG_RETURN_IF_ERROR(CheckAnswers(t, in.answers));
  a.answers = in.answers;
  if (in.subject_kind && !in.subject_identifier.empty()) {
    TRYGG_ASSIGN_OR_RETURN(a.subject_key,
                           ctx_.pseudonyms.Key(*in.subject_kind, in.subject_identifier, now));
  }
  SubjectHistory history;
  if (!a.subject_key.empty()) {
    TRYGG_ASSIGN_OR_RETURN(history, subjects_.History(*tx, who, a.subject_key));
  }
  const RiskResult result = AssessRisk(t, a.answers, ToRiskHistory(history));
  a.score = result.score;
  a.level = result.level;
  ApplyProposals(t, result, a);
  a.status = AssessmentStatus::kOppen;
  a.created_by = who.user.id;
  a.created_at = a.updated_at = now;
  a.version = 1;
  TRYGG_RETURN_IF_ERROR(ValidateAssessment(a));
  TRYGG_ASSIGN_OR_RETURN(a.id, tx->InsertAssessment(a));
  TRYGG_RETURN_IF_ERROR(AppendAudit(
      *tx, ctx_.clock, who.user.id, "risk.created", "risk_assessment", a.id,
      "level:" + std::string(RiskLevelCode(a.level)) + (a.subject_key.empty() ? "" : ";subject")));
  AssessmentViewBuilder views(*tx, *tree, who, subjects_);
  TRYGG_ASSIGN_OR_RETURN(AssessmentView v, views.Full(a));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<AssessmentView> RiskService::Get(const Principal& who, int64_t id) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(auto loaded, LoadAssessment(*tx, *tree, who.actor, id));
  AssessmentViewBuilder views(*tx, *tree, who, subjects_);
  TRYGG_ASSIGN_OR_RETURN(AssessmentView v, views.Full(loaded.first));
  TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "risk.read", "risk_assessment",
                                    id, v.history ? "history" : ""));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<AssessmentPage> RiskService::List(const Principal& who, AssessmentQuery query) {
  if (query.limit < 1 || query.limit > 500) return Status::InvalidArgument("query.limit", "limit");
  if (query.offset < 0) return Status::InvalidArgument("query.offset", "offset");
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  std::vector<UnitId> units = who.actor.Scope(Role::kChef, *tree);
  for (UnitId u : who.actor.Scope(Role::kSakerhetssamordnare, *tree)) units.push_back(u);
  std::sort(units.begin(), units.end());
  units.erase(std::unique(units.begin(), units.end()), units.end());
  query.scope.units = std::move(units);
  query.scope.involving = who.user.id;
  query.subject_key.reset();  // never searched by person from outside

  AssessmentPage page;
  TRYGG_ASSIGN_OR_RETURN(std::vector<RiskAssessment> rows, tx->ListAssessments(query));
  const int64_t got = static_cast<int64_t>(rows.size());
  if (got < query.limit && (got > 0 || query.offset == 0)) {
    page.total = query.offset + got;
  } else {
    // The store has no count: page through the matches.
    AssessmentQuery count = query;
    count.limit = 500;
    count.offset = 0;
    for (;;) {
      TRYGG_ASSIGN_OR_RETURN(std::vector<RiskAssessment> more, tx->ListAssessments(count));
      page.total += static_cast<int64_t>(more.size());
      if (static_cast<int>(more.size()) < count.limit) break;
      count.offset += count.limit;
    }
  }
  AssessmentViewBuilder views(*tx, *tree, who, subjects_);
  for (const RiskAssessment& a : rows) page.items.push_back(views.Row(a));
  return page;
}

Result<AssessmentView> RiskService::Update(const Principal& who, int64_t id,
                                           const AssessmentPatch& patch,
                                           std::optional<int64_t> expected_version) {
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(auto loaded, LoadAssessment(*tx, *tree, who.actor, id));
  RiskAssessment& a = loaded.first;
  if (!loaded.second.creator && !loaded.second.manager) {
    return Status::PermissionDenied("risk.forbidden");
  }
  if (a.status != AssessmentStatus::kOppen) return Status::FailedPrecondition("risk.not_open");
  TRYGG_RETURN_IF_ERROR(CheckVersion(a, expected_version));
  TRYGG_ASSIGN_OR_RETURN(RiskTemplate t,
                         TemplateVersion(*tx, a.forvaltning_id, a.template_version));

  std::vector<std::string> changed;
  if (patch.meeting_type) {
    a.meeting_type = *patch.meeting_type;
    changed.push_back("meeting_type");
  }
  if (patch.event_at) {
    if (*patch.event_at <= 0) {
      return Status::InvalidArgument("risk.event_at", "event_at");
    }
    a.event_at = *patch.event_at;
    changed.push_back("event_at");
  }
  if (patch.title) {
    a.title = *patch.title;
    changed.push_back("title");
  }
  if (patch.participants) {
    a.participants = *patch.participants;
    TRYGG_RETURN_IF_ERROR(CheckParticipants(*tx, a.participants));
    changed.push_back("participants");
  }
  if (patch.answers) {
    TRYGG_RETURN_IF_ERROR(CheckAnswers(t, *patch.answers));
    a.answers = *patch.answers;
    changed.push_back("answers");
  }
  if (patch.subject_identifier || patch.subject_kind) {
    const std::string raw = patch.subject_identifier.value_or("");
    if (raw.empty()) {
      a.subject_key.clear();
    } else {
      if (!patch.subject_kind) return Status::InvalidArgument("risk.subject", "subject");
      TRYGG_ASSIGN_OR_RETURN(a.subject_key, ctx_.pseudonyms.Key(*patch.subject_kind, raw, now));
    }
    changed.push_back("subject");
  }
  SubjectHistory history;
  if (!a.subject_key.empty()) {
    TRYGG_ASSIGN_OR_RETURN(history, subjects_.History(*tx, who, a.subject_key, a.incident_id));
  }
  const RiskResult result = AssessRisk(t, a.answers, ToRiskHistory(history));
  a.score = result.score;
  a.level = result.level;
  ApplyProposals(t, result, a);
  a.updated_at = now;
  TRYGG_RETURN_IF_ERROR(ValidateAssessment(a));
  TRYGG_RETURN_IF_ERROR(tx->UpdateAssessment(a, a.version));
  ++a.version;
  TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "risk.updated", "risk_assessment",
                                    id, JoinText(changed, ",")));
  AssessmentViewBuilder views(*tx, *tree, who, subjects_);
  TRYGG_ASSIGN_OR_RETURN(AssessmentView v, views.Full(a));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<AssessmentView> RiskService::Decide(const Principal& who, int64_t id,
                                           const std::vector<std::string>& measures,
                                           const std::string& note,
                                           std::optional<int64_t> expected_version) {
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(auto loaded, LoadAssessment(*tx, *tree, who.actor, id));
  RiskAssessment& a = loaded.first;
  if (!loaded.second.manager) return Status::PermissionDenied("risk.forbidden");
  if (a.status == AssessmentStatus::kUppfoljd) {
    return Status::FailedPrecondition("risk.followed_up");
  }
  TRYGG_RETURN_IF_ERROR(CheckVersion(a, expected_version));
  TRYGG_ASSIGN_OR_RETURN(RiskTemplate t,
                         TemplateVersion(*tx, a.forvaltning_id, a.template_version));
  std::set<std::string> chosen;
  for (const std::string& code : measures) {
    const bool known = std::any_of(t.measures.begin(), t.measures.end(),
                                   [&](const RiskMeasureDef& m) { return m.code == code; });
    if (!known) return Status::InvalidArgument("risk.measures", "measures");
    chosen.insert(code);
  }
  std::vector<AssessmentMeasure> out;
  std::vector<std::string> decided;
  for (const RiskMeasureDef& def : t.measures) {
    AssessmentMeasure m;
    m.code = def.code;
    for (const AssessmentMeasure& old : a.measures) {
      if (old.code == def.code) m.proposed = old.proposed;
    }
    m.decided = chosen.count(def.code) > 0;
    if (m.decided) decided.push_back(def.code);
    if (m.proposed || m.decided) out.push_back(std::move(m));
  }
  a.measures = std::move(out);
  a.decision_note = note;
  a.decided_by = who.user.id;
  a.decided_at = now;
  a.status = AssessmentStatus::kBeslutad;
  a.updated_at = now;
  TRYGG_RETURN_IF_ERROR(ValidateAssessment(a));
  TRYGG_RETURN_IF_ERROR(tx->UpdateAssessment(a, a.version));
  ++a.version;
  TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "risk.decided", "risk_assessment",
                                    id, "measures:" + JoinText(decided, ",")));
  AssessmentViewBuilder views(*tx, *tree, who, subjects_);
  TRYGG_ASSIGN_OR_RETURN(AssessmentView v, views.Full(a));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<AssessmentView> RiskService::FollowUp(const Principal& who, int64_t id,
                                             const AssessmentFollowUp& in,
                                             std::optional<int64_t> expected_version) {
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(auto loaded, LoadAssessment(*tx, *tree, who.actor, id));
  RiskAssessment& a = loaded.first;
  if (!loaded.second.involved && !loaded.second.manager) {
    return Status::PermissionDenied("risk.forbidden");
  }
  if (a.status == AssessmentStatus::kOppen) return Status::FailedPrecondition("risk.not_decided");
  TRYGG_RETURN_IF_ERROR(CheckVersion(a, expected_version));
  for (AssessmentMeasure& m : a.measures) m.rating.reset();
  std::set<std::string> rated;
  for (const auto& [code, rating] : in.ratings) {
    auto it = std::find_if(a.measures.begin(), a.measures.end(),
                           [&](const AssessmentMeasure& m) { return m.code == code; });
    if (it == a.measures.end() || !it->decided || rating < 1 || rating > 5 ||
        !rated.insert(code).second) {
      return Status::InvalidArgument("risk.ratings", "ratings");
    }
    it->rating = rating;
  }
  a.incident_occurred = in.incident_occurred || a.incident_id.has_value();
  a.outcome_note = in.outcome_note;
  a.followed_up_by = who.user.id;
  a.followed_up_at = now;
  a.status = AssessmentStatus::kUppfoljd;
  a.updated_at = now;
  TRYGG_RETURN_IF_ERROR(ValidateAssessment(a));
  TRYGG_RETURN_IF_ERROR(tx->UpdateAssessment(a, a.version));
  ++a.version;
  TRYGG_RETURN_IF_ERROR(
      AppendAudit(*tx, ctx_.clock, who.user.id, "risk.followed_up", "risk_assessment", id,
                  std::string("incident_occurred:") + (a.incident_occurred ? "1" : "0") +
                      ";ratings:" + std::to_string(rated.size())));
  AssessmentViewBuilder views(*tx, *tree, who, subjects_);
  TRYGG_ASSIGN_OR_RETURN(AssessmentView v, views.Full(a));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<AssessmentView> RiskService::LinkIncident(const Principal& who, int64_t id,
                                                 IncidentId incident) {
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(auto loaded, LoadAssessment(*tx, *tree, who.actor, id));
  RiskAssessment& a = loaded.first;
  if (!loaded.second.involved && !loaded.second.manager) {
    return Status::PermissionDenied("risk.forbidden");
  }
  if (a.status == AssessmentStatus::kOppen) return Status::FailedPrecondition("risk.not_decided");
  if (a.incident_id && *a.incident_id != incident) {
    return Status::FailedPrecondition("risk.incident_linked");
  }
  TRYGG_RETURN_IF_ERROR(LoadFor(*tx, *tree, who.actor, incident, Need::kDetails).status());
  AssessmentViewBuilder views(*tx, *tree, who, subjects_);
  if (a.incident_id) {  // linked already: nothing to change
    TRYGG_ASSIGN_OR_RETURN(AssessmentView v, views.Full(a));
    TRYGG_RETURN_IF_ERROR(tx->Commit());
    return v;
  }
  a.incident_id = incident;
  a.incident_occurred = true;
  a.updated_at = now;
  TRYGG_RETURN_IF_ERROR(tx->UpdateAssessment(a, a.version));
  ++a.version;
  bool subject_linked = false;
  if (!a.subject_key.empty()) {
    TRYGG_ASSIGN_OR_RETURN(std::string existing, tx->GetIncidentSubject(incident));
    if (existing.empty()) {
      TRYGG_RETURN_IF_ERROR(tx->PutIncidentSubject(incident, a.subject_key, who.user.id, now));
      TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "incident.subject_set",
                                        "incident", incident,
                                        "risk_assessment:" + std::to_string(id)));
      subject_linked = true;
    }
  }
  TRYGG_RETURN_IF_ERROR(
      AppendAudit(*tx, ctx_.clock, who.user.id, "risk.incident_linked", "risk_assessment", id,
                  "incident:" + std::to_string(incident) + (subject_linked ? ";subject" : "")));
  TRYGG_ASSIGN_OR_RETURN(AssessmentView v, views.Full(a));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<KnowledgeBankView> RiskService::KnowledgeBank(const Principal& who,
                                                     std::optional<UnitId> forvaltning) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  KnowledgeBankView view;
  view.forvaltning_id = forvaltning;
  if (forvaltning) {
    TRYGG_RETURN_IF_ERROR(CheckForvaltning(*tree, *forvaltning));
    TRYGG_ASSIGN_OR_RETURN(view.catalogue, LatestTemplate(*tx, *forvaltning));
  } else {
    view.catalogue = DefaultRiskTemplate();
  }
  std::vector<std::string> codes;
  for (const RiskMeasureDef& m : view.catalogue.measures) codes.push_back(m.code);
  TRYGG_ASSIGN_OR_RETURN(std::vector<MeasureUse> uses, tx->ListMeasureUses(forvaltning));
  view.rows = trygg::KnowledgeBank(codes, uses, view.min_count);
  return view;
}

}  // namespace trygg
