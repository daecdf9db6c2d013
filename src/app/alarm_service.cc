// Panic alarm lifecycle: raising, delivery, responding, ending, escalation by ring, history and
// the report an alarm becomes (configuration and duty: alarm_config.cc; see docs/alarms.md).
#include "app/alarm_service.h"

#include <algorithm>
#include <map>

#include "app/alarm_service_internal.h"
#include "app/audit_log.h"
#include "app/incident_views.h"
#include "core/crypto.h"
#include "core/text.h"
#include "core/time.h"

namespace trygg {
namespace {

constexpr size_t kMaxNoteChars = 500;
// Active alarms scanned by Tick and the pocket-press check (the store's most per query).
constexpr int kMaxActiveAlarms = 1000;

// Chef or säkerhetssamordnare covering `unit`: may end its alarms.
bool LeadsAt(const Actor& actor, UnitId unit, const OrgTree& tree) {
  return actor.HasOn(Role::kChef, unit, tree) ||
         actor.HasOn(Role::kSakerhetssamordnare, unit, tree);
}

bool AnyResponder(const std::vector<AlarmReceiver>& receivers) {
  return std::any_of(receivers.begin(), receivers.end(),
                     [](const AlarmReceiver& r) { return r.responded_at.has_value(); });
}

bool Contains(const std::vector<DutyFunction>& ring, DutyFunction f) {
  return std::find(ring.begin(), ring.end(), f) != ring.end();
}

// What `who` may do with one alarm.
struct AlarmAccess {
  bool raiser = false;
  int receiver = -1;     // the caller's index in LoadedAlarm::receivers, −1: not a receiver
  bool manager = false;  // chef/säk/admin covering the alarm's unit
  bool lead = false;     // chef/säk covering it
  bool read() const { return raiser || receiver >= 0 || manager; }
};

struct LoadedAlarm {
  Alarm alarm;
  std::vector<AlarmReceiver> receivers;
  AlarmAccess access;
  // The caller's receiver row, or nullptr.
  AlarmReceiver* mine() { return access.receiver >= 0 ? &receivers[access.receiver] : nullptr; }
  bool responded() { return mine() != nullptr && mine()->responded_at.has_value(); }
};

// Loads alarm `id` with its receivers and `who`'s access to it.
// NotFound("alarm.not_found") when absent or not readable by `who`.
Result<LoadedAlarm> LoadAlarm(StoreTx& tx, const OrgTree& tree, const Principal& who, AlarmId id) {
  LoadedAlarm out;
  TRYGG_ASSIGN_OR_RETURN(out.alarm,
                         OrIfMissing(tx.GetAlarm(id), Status::NotFound("alarm.not_found")));
  TRYGG_ASSIGN_OR_RETURN(out.receivers, tx.ListAlarmReceivers(id));
  AlarmAccess& a = out.access;
  a.raiser = out.alarm.raised_by == who.user.id;
  for (size_t i = 0; i < out.receivers.size(); ++i) {
    if (out.receivers[i].user_id == who.user.id) a.receiver = static_cast<int>(i);
  }
  a.manager = Manages(who.actor, out.alarm.unit_id, tree);
  a.lead = LeadsAt(who.actor, out.alarm.unit_id, tree);
  if (!a.read()) return Status::NotFound("alarm.not_found");
  return out;
}

// The unit an alarm's incident report is filed on: incidents belong to an
// enhet, so a site of a higher unit reports on the raiser's home unit when it
// lies under the site's unit (else the site's unit, for the reporter to change).
UnitId ReportUnit(const OrgTree& tree, UnitId site_unit, UnitId home_unit) {
  const OrgUnit* unit = tree.Find(site_unit);
  if (unit != nullptr && unit->kind == UnitKind::kEnhet) return site_unit;
  const OrgUnit* home = tree.Find(home_unit);
  if (home != nullptr && home->kind == UnitKind::kEnhet && tree.Covers(site_unit, home_unit)) {
    return home_unit;
  }
  return site_unit;
}

// Builds AlarmViews through one transaction, caching sites, rooms and names.
class AlarmViews {
 public:
  explicit AlarmViews(StoreTx& tx) : tx_(tx), names_(tx) {}

  // The alarm's current state; `receivers` when already loaded (else read),
  // and its history when `with_events`.
  Result<AlarmView> Build(const Alarm& a, const std::vector<AlarmReceiver>* receivers,
                          bool with_events) {
    AlarmView v;
    v.alarm = a;
    TRYGG_ASSIGN_OR_RETURN(const AlarmSite* site, Site(a.site_id));
    if (site != nullptr) {
      v.site_name = site->name;
      v.phone_reception = site->phone_reception;
      v.phone_guard = site->phone_guard;
    }
    if (a.room_id) {
      Result<AlarmRoom> room = tx_.GetAlarmRoom(*a.room_id);
      if (room.ok()) {
        v.room = std::move(room).value();
      } else if (room.status().code() != StatusCode::kNotFound) {
        return room.status();
      }
    }
    if (a.device_id) {
      Result<AlarmDevice> device = tx_.GetAlarmDevice(*a.device_id);
      if (device.ok()) {
        v.device_name = device->name;
      } else if (device.status().code() != StatusCode::kNotFound) {
        return device.status();
      }
    }
    std::vector<AlarmReceiver> loaded;
    if (receivers == nullptr) {
      TRYGG_ASSIGN_OR_RETURN(loaded, tx_.ListAlarmReceivers(a.id));
      receivers = &loaded;
    }
    v.receivers = static_cast<int>(receivers->size());
    for (const AlarmReceiver& r : *receivers) {
      if (r.delivered_at) ++v.delivered;
      if (r.responded_at) {
        v.responders.push_back(
            {r.user_id, *r.responded_at, (*r.responded_at - a.raised_at) / 1000});
        names_.Add(r.user_id, v.names);
      }
    }
    std::sort(v.responders.begin(), v.responders.end(),
              [](const AlarmResponder& x, const AlarmResponder& y) {
                return x.at != y.at ? x.at < y.at : x.user_id < y.user_id;
              });
    if (a.raised_by) names_.Add(*a.raised_by, v.names);
    if (a.ended_by) names_.Add(*a.ended_by, v.names);
    if (with_events) {
      TRYGG_ASSIGN_OR_RETURN(v.events, tx_.ListAlarmEvents(a.id));
      for (const AlarmEvent& e : v.events) {
        if (e.user_id) names_.Add(*e.user_id, v.names);
      }
    }
    return v;
  }

  // The site (nullptr when it no longer exists), cached.
  Result<const AlarmSite*> Site(SiteId id) {
    auto it = sites_.find(id);
    if (it == sites_.end()) {
      Result<AlarmSite> s = tx_.GetAlarmSite(id);
      if (!s.ok() && s.status().code() != StatusCode::kNotFound) return s.status();
      it = sites_.emplace(id, s.ok() ? std::optional<AlarmSite>(*s) : std::nullopt).first;
    }
    return it->second ? &*it->second : nullptr;
  }

 private:
  StoreTx& tx_;
  NameBook names_;
  std::map<SiteId, std::optional<AlarmSite>> sites_;
};
// Who raises an alarm: a user, or a device.
struct Raiser {
  std::optional<UserId> user;
  std::optional<DeviceId> device;
};

// The raiser's active alarm in that room (or, without a room, at that site
// without one), if any. A test or drill does not swallow a real press.
Result<std::optional<Alarm>> ActiveAlarmOf(StoreTx& tx, const Raiser& raiser, SiteId site,
                                           std::optional<RoomId> room, AlarmKind kind) {
  AlarmQuery q;
  q.status = AlarmStatus::kActive;
  q.site_id = site;
  q.room_id = room;
  if (raiser.user) q.involving = raiser.user;
  q.limit = kMaxActiveAlarms;
  TRYGG_ASSIGN_OR_RETURN(std::vector<Alarm> active, tx.ListAlarms(q));
  for (const Alarm& a : active) {
    if (a.status != AlarmStatus::kActive || a.site_id != site || a.room_id != room) continue;
    const bool same = raiser.user ? a.raised_by == raiser.user : a.device_id == raiser.device;
    if (!same) continue;
    if (a.kind == AlarmKind::kReal || kind != AlarmKind::kReal) return std::optional<Alarm>(a);
  }
  return std::optional<Alarm>();
}

// Adds the users on duty at `site` now in a function of `ring` as receivers
// from that ring; returns how many were added.
Result<int> AddRingReceivers(StoreTx& tx, const AlarmSite& site, AlarmId alarm, int ring,
                             TimeMs now) {
  TRYGG_ASSIGN_OR_RETURN(std::vector<Duty> duties, tx.ListDutyAt(site.id, now));
  const std::vector<DutyFunction>& functions = RingFunctions(site, ring);
  int added = 0;
  for (const Duty& d : duties) {
    if (!Contains(functions, d.function)) continue;
    TRYGG_ASSIGN_OR_RETURN(
        bool fresh, tx.AddAlarmReceiver({alarm, d.user_id, ring, now, std::nullopt, std::nullopt}));
    if (fresh) ++added;
  }
  return added;
}

// Writes a new alarm, its ring-1 receivers and the raiser, the `raised`
// event and the audit record; or finds the raiser's active one. Sets
// `created` to whether it wrote.
Result<Alarm> RaiseIn(StoreTx& tx, const Clock& clock, const AlarmSite& site,
                      const std::optional<AlarmRoom>& room, AlarmKind kind, const Raiser& raiser,
                      bool* created) {
  const std::optional<RoomId> room_id = room ? std::optional<RoomId>(room->id) : std::nullopt;
  TRYGG_ASSIGN_OR_RETURN(std::optional<Alarm> active,
                         ActiveAlarmOf(tx, raiser, site.id, room_id, kind));
  if (active) {
    *created = false;
    return *active;
  }
  const TimeMs now = clock.NowMs();
  Alarm a;
  a.kind = kind;
  a.status = AlarmStatus::kActive;
  a.site_id = site.id;
  a.room_id = room_id;
  a.unit_id = site.unit_id;
  a.raised_by = raiser.user;
  a.device_id = raiser.device;
  a.raised_at = now;
  a.ring = 1;
  a.version = 1;
  TRYGG_ASSIGN_OR_RETURN(a.id, tx.InsertAlarm(a));
  TRYGG_ASSIGN_OR_RETURN(int receivers, AddRingReceivers(tx, site, a.id, 1, now));
  if (raiser.user) {
    TRYGG_ASSIGN_OR_RETURN(
        bool fresh, tx.AddAlarmReceiver({a.id, *raiser.user, 1, now, std::nullopt, std::nullopt}));
    if (fresh) ++receivers;
  }
  AlarmEvent e;
  e.alarm_id = a.id;
  e.kind = AlarmEventKind::kRaised;
  e.at = now;
  e.user_id = raiser.user;
  e.detail = "receivers:" + std::to_string(receivers);
  TRYGG_RETURN_IF_ERROR(tx.AppendAlarmEvent(e).status());
  std::string detail = "site:" + std::to_string(site.id);
  if (room_id) detail += ";room:" + std::to_string(*room_id);
  if (raiser.device) detail += ";device:" + std::to_string(*raiser.device);
  detail += ";kind:" + std::string(AlarmKindCode(kind));
  TRYGG_RETURN_IF_ERROR(
      AppendAudit(tx, clock, raiser.user, "alarm.raised", "alarm", a.id, std::move(detail)));
  *created = true;
  return a;
}

Status AppendEvent(StoreTx& tx, AlarmId alarm, AlarmEventKind kind, TimeMs at,
                   std::optional<UserId> user, std::string detail) {
  AlarmEvent e;
  e.alarm_id = alarm;
  e.kind = kind;
  e.at = at;
  e.user_id = user;
  e.detail = std::move(detail);
  return tx.AppendAlarmEvent(e).status();
}

}  // namespace

// --- Alarms.

Result<RaiseResult> AlarmService::Raise(const Principal& who, const RaiseAlarm& in) {
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  std::optional<AlarmRoom> room;
  SiteId site_id = 0;
  if (in.room_id) {
    TRYGG_ASSIGN_OR_RETURN(room, OrIfMissing(tx->GetAlarmRoom(*in.room_id), Invalid("room_id")));
    if (in.site_id && *in.site_id != room->site_id) return Invalid("site_id");
    site_id = room->site_id;
  } else if (in.site_id) {
    site_id = *in.site_id;
  } else {
    // Neither: the caller's duty room (or site).
    TRYGG_ASSIGN_OR_RETURN(std::optional<Duty> duty, tx->GetDuty(who.user.id));
    if (!duty || duty->since > now || duty->until <= now) {
      return Status::PermissionDenied("alarm.not_on_duty");
    }
    site_id = duty->site_id;
    if (duty->room_id) {
      Result<AlarmRoom> r = tx->GetAlarmRoom(*duty->room_id);
      if (r.ok() && r->site_id == site_id) {
        room = std::move(r).value();
      } else if (!r.ok() && r.status().code() != StatusCode::kNotFound) {
        return r.status();
      }
    }
  }
  TRYGG_ASSIGN_OR_RETURN(AlarmSite site,
                         OrIfMissing(tx->GetAlarmSite(site_id), Invalid("site_id")));
  if (!MayUseSite(who, site.unit_id, *tree)) return Status::PermissionDenied("alarm.not_on_duty");
  RaiseResult out;
  TRYGG_ASSIGN_OR_RETURN(Alarm a, RaiseIn(*tx, ctx_.clock, site, room, in.kind,
                                          Raiser{who.user.id, std::nullopt}, &out.created));
  AlarmViews views(*tx);
  TRYGG_ASSIGN_OR_RETURN(out.view, views.Build(a, nullptr, false));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  if (out.created && on_event_) on_event_();
  return out;
}

Result<RaiseResult> AlarmService::RaiseFromDevice(const std::string& token, AlarmKind kind,
                                                  std::optional<RoomId> room_id) {
  if (token.empty()) return Status::Unauthenticated("alarm.device_token");
  const std::string hash = Sha256Hex(token);
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(
      AlarmDevice device,
      OrIfMissing(tx->GetAlarmDeviceByToken(hash), Status::Unauthenticated("alarm.device_token")));
  if (device.revoked) return Status::Unauthenticated("alarm.device_token");
  if (room_id && *room_id != device.room_id) return Status::PermissionDenied("alarm.device_room");
  TRYGG_ASSIGN_OR_RETURN(AlarmRoom room, tx->GetAlarmRoom(device.room_id));
  TRYGG_ASSIGN_OR_RETURN(AlarmSite site, tx->GetAlarmSite(room.site_id));
  device.last_used_at = now;
  TRYGG_RETURN_IF_ERROR(tx->UpdateAlarmDevice(device));
  RaiseResult out;
  TRYGG_ASSIGN_OR_RETURN(Alarm a, RaiseIn(*tx, ctx_.clock, site, room, kind,
                                          Raiser{std::nullopt, device.id}, &out.created));
  AlarmViews views(*tx);
  TRYGG_ASSIGN_OR_RETURN(out.view, views.Build(a, nullptr, false));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  if (out.created && on_event_) on_event_();
  return out;
}

Result<AlarmView> AlarmService::Delivered(const Principal& who, AlarmId id) {
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(LoadedAlarm l, LoadAlarm(*tx, *tree, who, id));
  AlarmReceiver* mine = l.mine();
  if (mine == nullptr) return Status::PermissionDenied("alarm.forbidden");
  if (l.alarm.status == AlarmStatus::kEnded) return Status::FailedPrecondition("alarm.ended");
  bool changed = false;
  if (!mine->delivered_at) {
    mine->delivered_at = now;
    TRYGG_RETURN_IF_ERROR(tx->UpdateAlarmReceiver(*mine));
    TRYGG_RETURN_IF_ERROR(
        AppendEvent(*tx, id, AlarmEventKind::kDelivered, now, who.user.id, std::string()));
    TRYGG_RETURN_IF_ERROR(
        AppendAudit(*tx, ctx_.clock, who.user.id, "alarm.delivered", "alarm", id));
    changed = true;
  }
  AlarmViews views(*tx);
  TRYGG_ASSIGN_OR_RETURN(AlarmView v, views.Build(l.alarm, &l.receivers, false));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  if (changed && on_event_) on_event_();
  return v;
}

Result<AlarmView> AlarmService::Respond(const Principal& who, AlarmId id) {
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(LoadedAlarm l, LoadAlarm(*tx, *tree, who, id));
  AlarmReceiver* mine = l.mine();
  if (mine == nullptr) return Status::PermissionDenied("alarm.forbidden");
  if (l.alarm.status == AlarmStatus::kEnded) return Status::FailedPrecondition("alarm.ended");
  bool changed = false;
  if (!mine->responded_at) {
    mine->responded_at = now;
    if (!mine->delivered_at) mine->delivered_at = now;  // a response shows it reached the screen
    TRYGG_RETURN_IF_ERROR(tx->UpdateAlarmReceiver(*mine));
    const int64_t seconds = (now - l.alarm.raised_at) / kMsPerSecond;
    TRYGG_RETURN_IF_ERROR(AppendEvent(*tx, id, AlarmEventKind::kResponding, now, who.user.id,
                                      "seconds:" + std::to_string(seconds)));
    TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "alarm.responded", "alarm", id,
                                      "seconds:" + std::to_string(seconds)));
    changed = true;
  }
  AlarmViews views(*tx);
  TRYGG_ASSIGN_OR_RETURN(AlarmView v, views.Build(l.alarm, &l.receivers, false));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  if (changed && on_event_) on_event_();
  return v;
}

Result<AlarmView> AlarmService::End(const Principal& who, AlarmId id, AlarmOutcome outcome,
                                    const std::string& note) {
  if (Utf8Length(note) > kMaxNoteChars) return Invalid("note");
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(LoadedAlarm l, LoadAlarm(*tx, *tree, who, id));
  if (!l.access.raiser && !l.responded() && !l.access.lead) {
    return Status::PermissionDenied("alarm.forbidden");
  }
  Alarm& a = l.alarm;
  if (a.status == AlarmStatus::kEnded) return Status::FailedPrecondition("alarm.ended");
  a.status = AlarmStatus::kEnded;
  a.ended_at = now;
  a.ended_by = who.user.id;
  a.outcome = outcome;
  a.outcome_note = note;
  TRYGG_RETURN_IF_ERROR(tx->UpdateAlarm(a, a.version));
  ++a.version;
  const std::string code(AlarmOutcomeCode(outcome));
  TRYGG_RETURN_IF_ERROR(
      AppendEvent(*tx, id, AlarmEventKind::kEnded, now, who.user.id, "outcome:" + code));
  TRYGG_RETURN_IF_ERROR(
      AppendAudit(*tx, ctx_.clock, who.user.id, "alarm.ended", "alarm", id, "outcome:" + code));
  AlarmViews views(*tx);
  TRYGG_ASSIGN_OR_RETURN(AlarmView v, views.Build(a, &l.receivers, false));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  if (on_event_) on_event_();
  return v;
}

Result<AlarmView> AlarmService::Get(const Principal& who, AlarmId id) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());  // the read is audited
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(LoadedAlarm l, LoadAlarm(*tx, *tree, who, id));
  AlarmViews views(*tx);
  TRYGG_ASSIGN_OR_RETURN(AlarmView v, views.Build(l.alarm, &l.receivers, true));
  TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "alarm.read", "alarm", id,
                                    "events:" + std::to_string(v.events.size())));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<std::vector<AlarmView>> AlarmService::List(const Principal& who, const AlarmListQuery& q) {
  if (q.limit < 1 || q.limit > 500) return Invalid("limit");
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  std::map<AlarmId, Alarm> found;
  // The caller's own alarms (raised or received)…
  AlarmQuery mine;
  mine.status = q.status;
  mine.site_id = q.site_id;
  mine.involving = who.user.id;
  mine.limit = q.limit;
  TRYGG_ASSIGN_OR_RETURN(std::vector<Alarm> rows, tx->ListAlarms(mine));
  for (Alarm& a : rows) found.emplace(a.id, std::move(a));
  // …and those of the sites they manage.
  TRYGG_ASSIGN_OR_RETURN(std::vector<AlarmSite> sites, tx->ListAlarmSites());
  std::vector<SiteId> managed;
  for (const AlarmSite& s : sites) {
    if (q.site_id && s.id != *q.site_id) continue;
    if (Manages(who.actor, s.unit_id, *tree)) managed.push_back(s.id);
  }
  if (!managed.empty()) {
    AlarmQuery theirs;
    theirs.status = q.status;
    theirs.site_ids = managed;
    theirs.limit = q.limit;
    TRYGG_ASSIGN_OR_RETURN(rows, tx->ListAlarms(theirs));
    for (Alarm& a : rows) {
      if (Manages(who.actor, a.unit_id, *tree)) found.emplace(a.id, std::move(a));
    }
  }
  std::vector<const Alarm*> order;
  for (const auto& [id, a] : found) order.push_back(&a);
  std::sort(order.begin(), order.end(), [](const Alarm* x, const Alarm* y) {
    return x->raised_at != y->raised_at ? x->raised_at > y->raised_at : x->id > y->id;
  });
  if (order.size() > static_cast<size_t>(q.limit)) order.resize(q.limit);
  AlarmViews views(*tx);
  std::vector<AlarmView> out;
  for (const Alarm* a : order) {
    TRYGG_ASSIGN_OR_RETURN(AlarmView v, views.Build(*a, nullptr, false));
    out.push_back(std::move(v));
  }
  return out;
}

Result<AlarmReportDraft> AlarmService::ReportDraft(const Principal& who, AlarmId id) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(LoadedAlarm l, LoadAlarm(*tx, *tree, who, id));
  const Alarm& a = l.alarm;
  if (!l.access.raiser) return Status::PermissionDenied("alarm.not_raiser");
  if (a.status == AlarmStatus::kActive) return Status::FailedPrecondition("alarm.active");
  if (a.kind != AlarmKind::kReal) return Status::FailedPrecondition("alarm.not_real");
  AlarmViews views(*tx);
  TRYGG_ASSIGN_OR_RETURN(AlarmView v, views.Build(a, &l.receivers, false));
  AlarmReportDraft d;
  d.unit_id = ReportUnit(*tree, a.unit_id, who.user.unit_id);
  d.occurred_at = a.raised_at;
  d.place_type = v.room ? PlaceTypeOfRoom(v.room->kind) : PlaceType::kAnnat;
  std::string text = "Larm";
  if (v.room) text += " i " + v.room->name;
  if (!v.site_name.empty()) text += ", " + v.site_name;
  text += ".";
  if (v.responders.empty()) {
    text += " Ingen tryckte Jag kommer.";
  } else {
    std::vector<std::string> who_came;
    for (const AlarmResponder& r : v.responders) {
      who_came.push_back(v.names[r.user_id] + " (" + std::to_string(r.seconds) + " s)");
    }
    text += " Kom till platsen: " + JoinText(who_came, ", ") + ".";
  }
  if (!a.outcome_note.empty()) text += " Avslut: " + a.outcome_note;
  d.description = std::move(text);
  return d;
}

Status AlarmService::LinkReport(StoreTx& tx, const Principal& who, AlarmId id,
                                int64_t incident_id) {
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(tx));
  TRYGG_ASSIGN_OR_RETURN(LoadedAlarm l, LoadAlarm(tx, *tree, who, id));
  Alarm& a = l.alarm;
  if (!l.access.raiser) return Status::PermissionDenied("alarm.not_raiser");
  if (a.status == AlarmStatus::kActive) return Status::FailedPrecondition("alarm.active");
  if (a.kind != AlarmKind::kReal) return Status::FailedPrecondition("alarm.not_real");
  if (a.incident_id) return Status::FailedPrecondition("alarm.reported");
  a.incident_id = incident_id;
  TRYGG_RETURN_IF_ERROR(tx.UpdateAlarm(a, a.version));
  const std::string detail = "incident:" + std::to_string(incident_id);
  TRYGG_RETURN_IF_ERROR(AppendEvent(tx, id, AlarmEventKind::kReported, now, who.user.id, detail));
  return AppendAudit(tx, ctx_.clock, who.user.id, "alarm.reported", "alarm", id, detail);
}

void AlarmService::Committed() const {
  if (on_event_) on_event_();
}

Result<int> AlarmService::Tick() {
  const TimeMs now = ctx_.clock.NowMs();
  AlarmQuery active;
  active.status = AlarmStatus::kActive;
  active.limit = kMaxActiveAlarms;
  // A read first: most seconds nothing is due, and no writer is held for that.
  std::vector<AlarmId> due;
  {
    TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
    TRYGG_ASSIGN_OR_RETURN(std::vector<Alarm> alarms, tx->ListAlarms(active));
    AlarmViews sites(*tx);
    for (const Alarm& a : alarms) {
      TRYGG_ASSIGN_OR_RETURN(const AlarmSite* site, sites.Site(a.site_id));
      if (site == nullptr) continue;
      const Escalation e = EscalationAt(a, *site, false, now);
      if (!e.ring2 && !e.call_112) continue;
      TRYGG_ASSIGN_OR_RETURN(std::vector<AlarmReceiver> receivers, tx->ListAlarmReceivers(a.id));
      if (!AnyResponder(receivers)) due.push_back(a.id);
    }
  }
  if (due.empty()) return 0;
  int changed = 0;
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  AlarmViews sites(*tx);
  for (AlarmId id : due) {
    TRYGG_ASSIGN_OR_RETURN(Alarm a, tx->GetAlarm(id));
    TRYGG_ASSIGN_OR_RETURN(const AlarmSite* site, sites.Site(a.site_id));
    if (site == nullptr) continue;
    TRYGG_ASSIGN_OR_RETURN(std::vector<AlarmReceiver> receivers, tx->ListAlarmReceivers(id));
    const Escalation e = EscalationAt(a, *site, AnyResponder(receivers), now);
    if (!e.ring2 && !e.call_112) continue;
    std::vector<std::string> what;
    if (e.ring2) {
      a.ring = 2;
      TRYGG_ASSIGN_OR_RETURN(int added, AddRingReceivers(*tx, *site, id, 2, now));
      TRYGG_RETURN_IF_ERROR(AppendEvent(*tx, id, AlarmEventKind::kRing2, now, std::nullopt,
                                        "receivers:" + std::to_string(added)));
      what.push_back("ring2");
    }
    if (e.call_112) {
      a.call_112 = true;
      TRYGG_RETURN_IF_ERROR(
          AppendEvent(*tx, id, AlarmEventKind::kCall112, now, std::nullopt, std::string()));
      what.push_back("call_112");
    }
    TRYGG_RETURN_IF_ERROR(tx->UpdateAlarm(a, a.version));
    TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, std::nullopt, "alarm.escalated", "alarm", id,
                                      JoinText(what, ",")));
    ++changed;
  }
  if (changed == 0) return 0;
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  if (on_event_) on_event_();
  return changed;
}

Result<AlarmView> AlarmService::ViewForFanout(StoreTx& tx, AlarmId id) {
  TRYGG_ASSIGN_OR_RETURN(Alarm a,
                         OrIfMissing(tx.GetAlarm(id), Status::NotFound("alarm.not_found")));
  AlarmViews views(tx);
  return views.Build(a, nullptr, false);
}

}  // namespace trygg
