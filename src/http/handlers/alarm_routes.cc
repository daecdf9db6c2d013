// Routes: panic alarms — sites, rooms, devices, duty, raising (also by a
// device's token), responding, ending, history, the report draft and the
// Server-Sent Events stream (docs/alarms.md).
#include "app/app.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/routes.h"
#include "http/json_alarm.h"
#include "http/security.h"

namespace trygg {
namespace {

// How often an open stream checks that its session is still valid (by the
// app's clock, so tests can move it).
constexpr TimeMs kSessionCheckMs = 15 * 1000;

// One screen's event stream: the hello, then the hub's messages for the
// user, until the session ends (logout, expiry, account deactivated).
// Checking the session refreshes its idle timer as any request does: an open
// alarm screen is in use, also in a background tab.
class AlarmStream : public ResponseStream {
 public:
  AlarmStream(App& app, std::string session_token, std::unique_ptr<AlarmSubscription> sub,
              std::string hello)
      : app_(app),
        session_token_(std::move(session_token)),
        sub_(std::move(sub)),
        hello_(std::make_shared<const std::string>(std::move(hello))),
        next_check_(app.context().clock.NowMs() + kSessionCheckMs) {}

  void SetWake(std::function<void()> wake) override { sub_->SetWake(std::move(wake)); }

  void Take(std::vector<StreamPiece>* out) override {
    if (hello_) out->push_back(std::move(hello_));
    hello_.reset();
    sub_->Take(out);
  }

  bool Done() override {
    if (done_) return true;
    const TimeMs now = app_.context().clock.NowMs();
    if (now < next_check_) return false;
    next_check_ = now + kSessionCheckMs;
    Result<Principal> who = app_.auth().Authenticate(session_token_);
    // A database hiccup does not end the stream; only a session that is gone.
    done_ = !who.ok() && who.status().code() == StatusCode::kUnauthenticated;
    return done_;
  }

 private:
  App& app_;
  const std::string session_token_;
  std::unique_ptr<AlarmSubscription> sub_;
  StreamPiece hello_;  // until the first Take
  TimeMs next_check_;
  bool done_ = false;
};

int RaiseStatus(const RaiseResult& r) { return r.created ? 201 : 200; }

Result<HttpResponse> ListSites(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(std::vector<SiteView> sites, call.app.alarms().ListSites(Who(call)));
  nlohmann::json items = nlohmann::json::array();
  for (const SiteView& v : sites) items.push_back(AlarmSiteJson(v));
  return JsonResponse(200, {{"items", std::move(items)}});
}

Result<HttpResponse> CreateSite(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(NewSite in, ParseNewAlarmSite(body));
  TRYGG_ASSIGN_OR_RETURN(SiteView v, call.app.alarms().CreateSite(Who(call), in));
  return JsonResponse(201, AlarmSiteJson(v));
}

Result<HttpResponse> PatchSite(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(SitePatch patch, ParseAlarmSitePatch(body));
  TRYGG_ASSIGN_OR_RETURN(SiteView v, call.app.alarms().UpdateSite(Who(call), id, patch));
  return JsonResponse(200, AlarmSiteJson(v));
}

Result<HttpResponse> AddRoom(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(AlarmRoom room, ParseNewAlarmRoom(body));
  TRYGG_ASSIGN_OR_RETURN(RoomView v, call.app.alarms().AddRoom(Who(call), id, room));
  return JsonResponse(201, AlarmRoomJson(v, true));
}

Result<HttpResponse> PatchRoom(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(AlarmRoomPatch patch, ParseAlarmRoomPatch(body));
  TRYGG_ASSIGN_OR_RETURN(RoomView v,
                         call.app.alarms().UpdateRoom(Who(call), id, patch.name, patch.kind));
  return JsonResponse(200, AlarmRoomJson(v, true));
}

Result<HttpResponse> RegisterDevice(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(std::string name, ParseAlarmDeviceName(body));
  TRYGG_ASSIGN_OR_RETURN(auto registered, call.app.alarms().RegisterDevice(Who(call), id, name));
  return JsonResponse(
      201, {{"device", AlarmDeviceJson(registered.first)}, {"token", registered.second}});
}

Result<HttpResponse> RevokeDevice(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_RETURN_IF_ERROR(call.app.alarms().RevokeDevice(Who(call), id));
  return NoContent();
}

nlohmann::json DutyBody(const std::optional<DutyView>& duty) {
  return {{"duty", duty ? DutyJson(*duty) : nlohmann::json(nullptr)}};
}

Result<HttpResponse> GetDuty(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(std::optional<DutyView> duty, call.app.alarms().GetDuty(Who(call)));
  return JsonResponse(200, DutyBody(duty));
}

Result<HttpResponse> PutDuty(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(DutyRequest in, ParseDutyRequest(body));
  TRYGG_ASSIGN_OR_RETURN(
      DutyView duty,
      call.app.alarms().PutDuty(Who(call), in.site_id, in.function, in.room_id, in.until));
  return JsonResponse(200, DutyBody(duty));
}

Result<HttpResponse> EndDuty(const Call& call) {
  TRYGG_RETURN_IF_ERROR(call.app.alarms().EndDuty(Who(call)));
  return NoContent();
}

Result<HttpResponse> RaiseAlarmRoute(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(RaiseAlarm in, ParseRaiseAlarm(call.request.body));
  TRYGG_ASSIGN_OR_RETURN(RaiseResult r, call.app.alarms().Raise(Who(call), in));
  return JsonResponse(RaiseStatus(r), AlarmViewJson(r.view));
}

Result<HttpResponse> DeviceAlarm(const Call& call) {
  std::optional<std::string> token = BearerToken(call.request);
  if (!token) return Status::Unauthenticated("alarm.device_token");
  TRYGG_ASSIGN_OR_RETURN(DeviceAlarmRequest in, ParseDeviceAlarm(call.request.body));
  TRYGG_ASSIGN_OR_RETURN(RaiseResult r,
                         call.app.alarms().RaiseFromDevice(*token, in.kind, in.room_id));
  return JsonResponse(RaiseStatus(r), AlarmViewJson(r.view));
}

Result<HttpResponse> ListAlarms(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(AlarmListQuery q, ParseAlarmListQuery(call.request.query));
  TRYGG_ASSIGN_OR_RETURN(std::vector<AlarmView> views, call.app.alarms().List(Who(call), q));
  nlohmann::json items = nlohmann::json::array();
  for (const AlarmView& v : views) items.push_back(AlarmViewJson(v));
  return JsonResponse(200, {{"items", std::move(items)}});
}

Result<HttpResponse> GetAlarm(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(AlarmView v, call.app.alarms().Get(Who(call), id));
  return JsonResponse(200, AlarmViewJson(v, true));
}

Result<HttpResponse> Delivered(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(AlarmView v, call.app.alarms().Delivered(Who(call), id));
  return JsonResponse(200, AlarmViewJson(v));
}

Result<HttpResponse> Respond(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(AlarmView v, call.app.alarms().Respond(Who(call), id));
  return JsonResponse(200, AlarmViewJson(v));
}

Result<HttpResponse> EndAlarm(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(AlarmEndRequest in, ParseAlarmEnd(body));
  TRYGG_ASSIGN_OR_RETURN(AlarmView v, call.app.alarms().End(Who(call), id, in.outcome, in.note));
  return JsonResponse(200, AlarmViewJson(v));
}

Result<HttpResponse> ReportDraft(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(AlarmReportDraft d, call.app.alarms().ReportDraft(Who(call), id));
  return JsonResponse(200, AlarmReportDraftJson(d));
}

Result<HttpResponse> Stream(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(
      std::optional<int64_t> last_seq,
      ParseLastEventId(call.request.Header("Last-Event-ID"), call.request.query));
  std::optional<std::string> token = SessionCookie(call.request);
  if (!token) return Status::Unauthenticated("auth.no_session");
  AlarmHub& hub = call.app.alarm_hub();
  TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<AlarmSubscription> sub,
                         hub.Subscribe(Who(call), last_seq));
  // The hello's seq: the hub's tail as the subscription starts (else the store's).
  int64_t seq = hub.last_seq();
  if (seq < 0) {
    TRYGG_ASSIGN_OR_RETURN(auto tx, call.app.context().store.BeginRead());
    TRYGG_ASSIGN_OR_RETURN(seq, tx->LastAlarmEventSeq());
  }
  HttpResponse res;
  res.status = 200;
  res.SetHeader("Content-Type", "text/event-stream; charset=utf-8");
  res.SetHeader("X-Accel-Buffering", "no");  // nginx: pass each message on at once
  res.stream = std::make_unique<AlarmStream>(call.app, std::move(*token), std::move(sub),
                                             AlarmSseHello(call.app.context().clock.NowMs(), seq));
  return res;
}

}  // namespace

void AddAlarmRoutes(Router& r) {
  const std::string api = kApi;
  r.Add("GET", api + "/alarm-sites", RouteAccess::kSession, ListSites);
  r.Add("POST", api + "/alarm-sites", RouteAccess::kSession, CreateSite);
  r.Add("PATCH", api + "/alarm-sites/{id}", RouteAccess::kSession, PatchSite);
  r.Add("POST", api + "/alarm-sites/{id}/rooms", RouteAccess::kSession, AddRoom);
  r.Add("PATCH", api + "/alarm-rooms/{id}", RouteAccess::kSession, PatchRoom);
  r.Add("POST", api + "/alarm-rooms/{id}/devices", RouteAccess::kSession, RegisterDevice);
  r.Add("DELETE", api + "/devices/{id}", RouteAccess::kSession, RevokeDevice);
  r.Add("GET", api + "/duty", RouteAccess::kSession, GetDuty);
  r.Add("PUT", api + "/duty", RouteAccess::kSession, PutDuty);
  r.Add("DELETE", api + "/duty", RouteAccess::kSession, EndDuty);
  r.Add("POST", api + "/device/alarm", RouteAccess::kDevice, DeviceAlarm);
  const std::string alarms = api + "/alarms";
  r.Add("GET", alarms, RouteAccess::kSession, ListAlarms);
  r.Add("POST", alarms, RouteAccess::kSession, RaiseAlarmRoute);
  r.Add("GET", alarms + "/stream", RouteAccess::kSession, Stream);  // before {id}
  r.Add("GET", alarms + "/{id}", RouteAccess::kSession, GetAlarm);
  r.Add("POST", alarms + "/{id}/delivered", RouteAccess::kSession, Delivered);
  r.Add("POST", alarms + "/{id}/respond", RouteAccess::kSession, Respond);
  r.Add("POST", alarms + "/{id}/end", RouteAccess::kSession, EndAlarm);
  r.Add("GET", alarms + "/{id}/report-draft", RouteAccess::kSession, ReportDraft);
}

}  // namespace trygg
