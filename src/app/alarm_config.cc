// Panic alarm configuration: sites, rooms and their test status, devices, and who is on duty where.
#include <algorithm>
#include <map>

#include "app/alarm_service.h"
#include "app/alarm_service_internal.h"
#include "app/audit_log.h"
#include "app/changed_fields.h"
#include "core/crypto.h"
#include "core/text.h"
#include "core/time.h"

namespace trygg {
namespace {

constexpr size_t kMaxDeviceNameChars = 200;
constexpr TimeMs kMaxDutyMs = kMsPerDay;  // a duty ends within a day
constexpr size_t kDeviceTokenBytes = 32;  // 256 bits from the CSPRNG

// The views of sites with their rooms: last tests and (for managers) devices.
class SiteViews {
 public:
  SiteViews(StoreTx& tx, const OrgTree& tree, const Principal& who, TimeMs now)
      : tx_(tx), tree_(tree), who_(who), now_(now) {}

  Result<SiteView> Build(const AlarmSite& site) {
    SiteView v;
    v.site = site;
    v.unit_name = tree_.PathName(site.unit_id);
    v.may_manage = Manages(who_.actor, site.unit_id, tree_);
    TRYGG_ASSIGN_OR_RETURN(std::vector<AlarmRoom> rooms, tx_.ListAlarmRooms(site.id));
    for (const AlarmRoom& room : rooms) {
      TRYGG_ASSIGN_OR_RETURN(RoomView r, BuildRoom(site, room, v.may_manage));
      v.rooms.push_back(std::move(r));
    }
    return v;
  }

  Result<RoomView> BuildRoom(const AlarmSite& site, const AlarmRoom& room, bool may_manage) {
    RoomView r;
    r.room = room;
    TRYGG_ASSIGN_OR_RETURN(const auto* tests, LastTests());
    auto t = tests->find(room.id);
    if (t != tests->end()) r.last_test_at = t->second;
    r.test_overdue = TestOverdue(site, r.last_test_at, now_);
    if (may_manage) {
      TRYGG_ASSIGN_OR_RETURN(r.devices, tx_.ListAlarmDevices(room.id));
      for (AlarmDevice& d : r.devices) d.token_hash.clear();
    }
    return r;
  }

 private:
  Result<const std::map<RoomId, TimeMs>*> LastTests() {
    if (!tests_) {
      TRYGG_ASSIGN_OR_RETURN(auto rows, tx_.ListLastRoomTests());
      tests_.emplace(rows.begin(), rows.end());
    }
    return &*tests_;
  }

  StoreTx& tx_;
  const OrgTree& tree_;
  const Principal& who_;
  TimeMs now_;
  std::optional<std::map<RoomId, TimeMs>> tests_;
};

// A site `who` manages, for a change. NotFound("alarm.not_found") when absent
// or not theirs to see; PermissionDenied("alarm.forbidden") when they may use
// it but not manage it.
Result<AlarmSite> SiteToManage(StoreTx& tx, const OrgTree& tree, const Principal& who, SiteId id) {
  TRYGG_ASSIGN_OR_RETURN(AlarmSite site,
                         OrIfMissing(tx.GetAlarmSite(id), Status::NotFound("alarm.not_found")));
  if (Manages(who.actor, site.unit_id, tree)) return site;
  if (MayUseSite(who, site.unit_id, tree)) return Status::PermissionDenied("alarm.forbidden");
  return Status::NotFound("alarm.not_found");
}

Result<std::pair<AlarmRoom, AlarmSite>> RoomToManage(StoreTx& tx, const OrgTree& tree,
                                                     const Principal& who, RoomId id) {
  TRYGG_ASSIGN_OR_RETURN(AlarmRoom room,
                         OrIfMissing(tx.GetAlarmRoom(id), Status::NotFound("alarm.not_found")));
  TRYGG_ASSIGN_OR_RETURN(AlarmSite site, SiteToManage(tx, tree, who, room.site_id));
  return std::make_pair(std::move(room), std::move(site));
}

}  // namespace

// --- Configuration.

Result<SiteView> AlarmService::CreateSite(const Principal& who, const NewSite& in) {
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  AlarmSite site = in.site;
  if (tree->Find(site.unit_id) == nullptr) return Invalid("unit_id");
  if (!Manages(who.actor, site.unit_id, *tree)) return Status::PermissionDenied("alarm.forbidden");
  site.id = 0;
  site.created_at = now;
  site.version = 1;
  TRYGG_RETURN_IF_ERROR(ValidateSite(site));
  TRYGG_ASSIGN_OR_RETURN(site.id, tx->InsertAlarmSite(site));
  TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "alarm.site_created",
                                    "alarm_site", site.id, "unit:" + std::to_string(site.unit_id)));
  SiteViews views(*tx, *tree, who, now);
  TRYGG_ASSIGN_OR_RETURN(SiteView v, views.Build(site));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<SiteView> AlarmService::UpdateSite(const Principal& who, SiteId id, const SitePatch& patch) {
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(AlarmSite site, SiteToManage(*tx, *tree, who, id));
  std::vector<std::string> changed;
  SetIfChanged(site.name, patch.name, "name", &changed);
  SetIfChanged(site.address, patch.address, "address", &changed);
  SetIfChanged(site.phone_reception, patch.phone_reception, "phone_reception", &changed);
  SetIfChanged(site.phone_guard, patch.phone_guard, "phone_guard", &changed);
  SetIfChanged(site.test_interval_days, patch.test_interval_days, "test_interval_days", &changed);
  SetIfChanged(site.ring2_after_s, patch.ring2_after_s, "ring2_after_s", &changed);
  SetIfChanged(site.call_112_after_s, patch.call_112_after_s, "call_112_after_s", &changed);
  SetIfChanged(site.ring1, patch.ring1, "ring1", &changed);
  SetIfChanged(site.ring2, patch.ring2, "ring2", &changed);
  if (!changed.empty()) {
    TRYGG_RETURN_IF_ERROR(ValidateSite(site));
    TRYGG_RETURN_IF_ERROR(tx->UpdateAlarmSite(site, site.version));
    ++site.version;
    TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "alarm.site_updated",
                                      "alarm_site", site.id, JoinText(changed, ",")));
  }
  SiteViews views(*tx, *tree, who, now);
  TRYGG_ASSIGN_OR_RETURN(SiteView v, views.Build(site));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<RoomView> AlarmService::AddRoom(const Principal& who, SiteId site_id, const AlarmRoom& in) {
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(AlarmSite site, SiteToManage(*tx, *tree, who, site_id));
  AlarmRoom room = in;
  room.id = 0;
  room.site_id = site.id;
  TRYGG_RETURN_IF_ERROR(ValidateRoom(room));
  TRYGG_ASSIGN_OR_RETURN(room.id, tx->InsertAlarmRoom(room));
  TRYGG_RETURN_IF_ERROR(AppendAudit(
      *tx, ctx_.clock, who.user.id, "alarm.room_added", "alarm_room", room.id,
      "site:" + std::to_string(site.id) + ";kind:" + std::string(RoomKindCode(room.kind))));
  SiteViews views(*tx, *tree, who, now);
  TRYGG_ASSIGN_OR_RETURN(RoomView v, views.BuildRoom(site, room, true));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<RoomView> AlarmService::UpdateRoom(const Principal& who, RoomId id,
                                          std::optional<std::string> name,
                                          std::optional<RoomKind> kind) {
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(auto loaded, RoomToManage(*tx, *tree, who, id));
  auto& [room, site] = loaded;
  std::vector<std::string> changed;
  if (name && *name != room.name) {
    room.name = *name;
    changed.push_back("name");
  }
  if (kind && *kind != room.kind) {
    room.kind = *kind;
    changed.push_back("kind");
  }
  if (!changed.empty()) {
    TRYGG_RETURN_IF_ERROR(ValidateRoom(room));
    TRYGG_RETURN_IF_ERROR(tx->UpdateAlarmRoom(room));
    TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "alarm.room_updated",
                                      "alarm_room", room.id, JoinText(changed, ",")));
  }
  SiteViews views(*tx, *tree, who, now);
  TRYGG_ASSIGN_OR_RETURN(RoomView v, views.BuildRoom(site, room, true));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<std::pair<AlarmDevice, std::string>> AlarmService::RegisterDevice(const Principal& who,
                                                                         RoomId room_id,
                                                                         const std::string& name) {
  if (!FitsText(name, kMaxDeviceNameChars)) return Invalid("name");
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(auto loaded, RoomToManage(*tx, *tree, who, room_id));
  std::string token = RandomHex(kDeviceTokenBytes);
  AlarmDevice d;
  d.room_id = loaded.first.id;
  d.name = name;
  d.token_hash = Sha256Hex(token);
  d.created_at = now;
  TRYGG_ASSIGN_OR_RETURN(d.id, tx->InsertAlarmDevice(d));
  TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "alarm.device_registered",
                                    "alarm_device", d.id, "room:" + std::to_string(d.room_id)));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  d.token_hash.clear();  // the token is shown once; its hash stays in the database
  return std::make_pair(std::move(d), std::move(token));
}

Status AlarmService::RevokeDevice(const Principal& who, DeviceId id) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(AlarmDevice d,
                         OrIfMissing(tx->GetAlarmDevice(id), Status::NotFound("alarm.not_found")));
  TRYGG_RETURN_IF_ERROR(RoomToManage(*tx, *tree, who, d.room_id).status());
  if (d.revoked) return Status::Ok();
  d.revoked = true;
  TRYGG_RETURN_IF_ERROR(tx->UpdateAlarmDevice(d));
  TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "alarm.device_revoked",
                                    "alarm_device", d.id, "room:" + std::to_string(d.room_id)));
  return tx->Commit();
}

Result<std::vector<SiteView>> AlarmService::ListSites(const Principal& who) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(std::vector<AlarmSite> sites, tx->ListAlarmSites());
  SiteViews views(*tx, *tree, who, ctx_.clock.NowMs());
  std::vector<SiteView> out;
  for (const AlarmSite& s : sites) {
    if (!MayUseSite(who, s.unit_id, *tree) && !Manages(who.actor, s.unit_id, *tree)) continue;
    TRYGG_ASSIGN_OR_RETURN(SiteView v, views.Build(s));
    out.push_back(std::move(v));
  }
  std::sort(out.begin(), out.end(), [](const SiteView& a, const SiteView& b) {
    if (a.site.name != b.site.name) return SwedishLess(a.site.name, b.site.name);
    return a.site.id < b.site.id;
  });
  return out;
}

// --- Duty.

Result<DutyView> AlarmService::PutDuty(const Principal& who, SiteId site_id, DutyFunction function,
                                       std::optional<RoomId> room, std::optional<TimeMs> until) {
  const TimeMs now = ctx_.clock.NowMs();
  const TimeMs end = until.value_or(EndOfStockholmDay(now));
  if (end <= now || end > now + kMaxDutyMs) return Invalid("until");
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(AlarmSite site,
                         OrIfMissing(tx->GetAlarmSite(site_id), Invalid("site_id")));
  if (!MayUseSite(who, site.unit_id, *tree)) return Status::PermissionDenied("alarm.not_on_duty");
  if (room) {
    Result<AlarmRoom> r = OrIfMissing(tx->GetAlarmRoom(*room), Invalid("room_id"));
    TRYGG_RETURN_IF_ERROR(r.status());
    if (r->site_id != site.id) return Invalid("room_id");
  }
  Duty d;
  d.user_id = who.user.id;
  d.site_id = site.id;
  d.room_id = room;
  d.function = function;
  d.since = now;
  d.until = end;
  TRYGG_RETURN_IF_ERROR(tx->PutDuty(d));
  TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "alarm.duty_on", "alarm_site",
                                    site.id,
                                    "function:" + std::string(DutyFunctionCode(function))));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return DutyView{d, site.name};
}

Result<std::optional<DutyView>> AlarmService::GetDuty(const Principal& who) {
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(std::optional<Duty> d, tx->GetDuty(who.user.id));
  if (!d || d->since > now || d->until <= now) return std::optional<DutyView>();
  Result<AlarmSite> site = tx->GetAlarmSite(d->site_id);
  if (!site.ok()) {
    if (site.status().code() == StatusCode::kNotFound) return std::optional<DutyView>();
    return site.status();
  }
  return std::optional<DutyView>(DutyView{*d, site->name});
}

Status AlarmService::EndDuty(const Principal& who) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(std::optional<Duty> d, tx->GetDuty(who.user.id));
  if (!d) return Status::Ok();
  TRYGG_RETURN_IF_ERROR(tx->DeleteDuty(who.user.id));
  TRYGG_RETURN_IF_ERROR(
      AppendAudit(*tx, ctx_.clock, who.user.id, "alarm.duty_off", "alarm_site", d->site_id));
  return tx->Commit();
}

}  // namespace trygg
