// Routes: /incidents (list, report, read, assess, workflow, notes, measures) and /inbox.
#include "app/app.h"
#include "core/time.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/routes.h"
#include "http/json_mapping.h"
#include "http/json_requests.h"

namespace trygg {
namespace {

// The measure's owner's name: from the view when it carries it, else looked up.
std::string ResponsibleName(const Call& call, const IncidentView* view, const Measure& m) {
  if (view) {
    auto it = view->names.find(m.responsible_user_id);
    if (it != view->names.end()) return it->second;
  }
  if (m.responsible_user_id == Who(call).user.id) return Who(call).user.display_name;
  return DisplayNameOf(call.app, m.responsible_user_id);
}

// The supported person's name, for a support measure that names one.
std::string SupportName(const Call& call, const Measure& m) {
  return m.support_user_id ? DisplayNameOf(call.app, *m.support_user_id) : std::string();
}

Result<HttpResponse> ListIncidents(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(IncidentQuery q, ParseIncidentQuery(call.request.query));
  const int limit = q.limit;
  const int offset = q.offset;
  TRYGG_ASSIGN_OR_RETURN(IncidentPage page, call.app.incidents().List(Who(call), std::move(q)));
  nlohmann::json items = nlohmann::json::array();
  for (const IncidentView& v : page.items)
    items.push_back(IncidentJson(v, IncidentShape::kListRow));
  return JsonResponse(
      200,
      {{"items", std::move(items)}, {"total", page.total}, {"limit", limit}, {"offset", offset}});
}

Result<HttpResponse> CreateIncident(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(NewIncident in, ParseNewIncident(body));
  std::vector<Informed> informed;
  TRYGG_ASSIGN_OR_RETURN(IncidentView view, call.app.incidents().Create(Who(call), in, &informed));
  nlohmann::json told = nlohmann::json::array();
  for (const Informed& i : informed) told.push_back(InformedJson(i));
  return JsonResponse(
      201, {{"incident", IncidentJson(view, IncidentShape::kRecord)}, {"informed", told}});
}

Result<HttpResponse> GetIncident(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(IncidentView view, call.app.incidents().Get(Who(call), id));
  return JsonResponse(200, IncidentJson(view, IncidentShape::kFull));
}

Result<HttpResponse> PatchIncident(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(IncidentPatchRequest in, ParseIncidentPatch(body));
  TRYGG_ASSIGN_OR_RETURN(IncidentView view,
                         call.app.incidents().Update(Who(call), id, in.patch, in.version));
  return JsonResponse(200, IncidentJson(view, IncidentShape::kFull));
}

Result<HttpResponse> Transition(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(TransitionRequest in, ParseTransition(body));
  TRYGG_ASSIGN_OR_RETURN(IncidentView view, call.app.incidents().Transition(
                                                Who(call), id, in.action, in.reason, in.version));
  return JsonResponse(200, IncidentJson(view, IncidentShape::kFull));
}

Result<HttpResponse> AddNote(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(std::string text, ParseNoteText(body));
  TRYGG_ASSIGN_OR_RETURN(Note note, call.app.incidents().AddNote(Who(call), id, text));
  return JsonResponse(201, NoteJson(note, Who(call).user.display_name));
}

Result<HttpResponse> AddMeasure(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(NewMeasure in, ParseNewMeasure(body));
  TRYGG_ASSIGN_OR_RETURN(Measure m, call.app.incidents().AddMeasure(Who(call), id, in));
  return JsonResponse(201, MeasureJson(m, ResponsibleName(call, nullptr, m), SupportName(call, m)));
}

Result<HttpResponse> PatchMeasure(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(int64_t mid, PathId(call, "mid"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(MeasurePatch patch, ParseMeasurePatch(body));
  TRYGG_ASSIGN_OR_RETURN(Measure m, call.app.incidents().UpdateMeasure(Who(call), id, mid, patch));
  return JsonResponse(200, MeasureJson(m, ResponsibleName(call, nullptr, m), SupportName(call, m)));
}

Result<HttpResponse> Inbox(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(std::vector<InboxItem> inbox, call.app.incidents().Inbox(Who(call)));
  nlohmann::json items = nlohmann::json::array();
  for (const InboxItem& item : inbox) {
    nlohmann::json j = {{"reason", item.reason},
                        {"incident", IncidentJson(item.incident, IncidentShape::kListRow)}};
    if (item.measure) {
      j["measure"] =
          MeasureJson(*item.measure, ResponsibleName(call, &item.incident, *item.measure));
    }
    if (item.rule) {
      j["rule"] = {{"kind", RuleKindCode(item.rule->kind)},
                   {"due_at", FormatIso8601(item.rule->due_at)}};
    }
    items.push_back(std::move(j));
  }
  return JsonResponse(200, {{"items", std::move(items)}});
}

}  // namespace

void AddIncidentRoutes(Router& r) {
  const std::string base = std::string(kApi) + "/incidents";
  r.Add("GET", base, RouteAccess::kSession, ListIncidents);
  r.Add("POST", base, RouteAccess::kSession, CreateIncident);
  r.Add("GET", base + "/{id}", RouteAccess::kSession, GetIncident);
  r.Add("PATCH", base + "/{id}", RouteAccess::kSession, PatchIncident);
  r.Add("POST", base + "/{id}/transitions", RouteAccess::kSession, Transition);
  r.Add("POST", base + "/{id}/notes", RouteAccess::kSession, AddNote);
  r.Add("POST", base + "/{id}/measures", RouteAccess::kSession, AddMeasure);
  r.Add("PATCH", base + "/{id}/measures/{mid}", RouteAccess::kSession, PatchMeasure);
  r.Add("GET", std::string(kApi) + "/inbox", RouteAccess::kSession, Inbox);
}

}  // namespace trygg
