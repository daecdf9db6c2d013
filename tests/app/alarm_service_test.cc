// Panic alarm use cases: who receives an alarm (ring 1 on duty, the raiser), pocket presses,
// device tokens, escalation by the clock, responding and ending, the report an alarm becomes,
// who may read an alarm (audited), configuration rights and the rooms' last tests.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "app_fixture.h"

namespace trygg::testing {
namespace {

RaiseAlarm InRoom(RoomId room, AlarmKind kind = AlarmKind::kReal) {
  RaiseAlarm in;
  in.room_id = room;
  in.kind = kind;
  return in;
}

AlarmListQuery ActiveAlarms() {
  AlarmListQuery q;
  q.status = AlarmStatus::kActive;
  return q;
}

class AlarmServiceTest : public AppFixture {
 protected:
  static SiteView MakeSite(UnitId unit, const std::string& name, const Principal* by = nullptr) {
    NewSite in;
    in.site.unit_id = unit;
    in.site.name = name;
    in.site.phone_reception = "08-123 45 00";
    in.site.phone_guard = "070-111 22 33";
    auto r = app().alarms().CreateSite(by ? *by : people().sakerhet, in);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : SiteView{};
  }

  static RoomView MakeRoom(SiteId site, const std::string& name,
                           RoomKind kind = RoomKind::kBesoksrum, const Principal* by = nullptr) {
    AlarmRoom room;
    room.name = name;
    room.kind = kind;
    auto r = app().alarms().AddRoom(by ? *by : people().sakerhet, site, room);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : RoomView{};
  }

  static void OnDuty(const Principal& who, SiteId site, DutyFunction function) {
    auto r = app().alarms().PutDuty(who, site, function, std::nullopt, std::nullopt);
    EXPECT_TRUE(r.ok()) << who.user.username << " " << r.status().ToString();
  }

  static AlarmView Raise(const Principal& who, RoomId room, AlarmKind kind = AlarmKind::kReal) {
    auto r = app().alarms().Raise(who, InRoom(room, kind));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->view : AlarmView{};
  }

  static Alarm Stored(AlarmId id) {
    auto tx = store_->BeginRead();
    EXPECT_TRUE(tx.ok());
    auto a = (*tx)->GetAlarm(id);
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return a.ok() ? *a : Alarm{};
  }

  static std::vector<AlarmReceiver> ReceiverRows(AlarmId id) {
    auto tx = store_->BeginRead();
    EXPECT_TRUE(tx.ok());
    auto rows = (*tx)->ListAlarmReceivers(id);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    return rows.ok() ? *rows : std::vector<AlarmReceiver>{};
  }

  static std::set<UserId> Receivers(AlarmId id) {
    std::set<UserId> out;
    for (const AlarmReceiver& r : ReceiverRows(id)) out.insert(r.user_id);
    return out;
  }

  static std::vector<AlarmEventKind> EventKinds(AlarmId id) {
    auto tx = store_->BeginRead();
    EXPECT_TRUE(tx.ok());
    auto events = (*tx)->ListAlarmEvents(id);
    EXPECT_TRUE(events.ok()) << events.status().ToString();
    std::vector<AlarmEventKind> out;
    if (events.ok()) {
      for (const AlarmEvent& e : *events) out.push_back(e.kind);
    }
    return out;
  }

  static std::vector<AuditRecord> AuditOf(AlarmId id, const std::string& action) {
    auto tx = store_->BeginRead();
    EXPECT_TRUE(tx.ok());
    auto records = (*tx)->ListAudit(0, 100000);
    EXPECT_TRUE(records.ok());
    std::vector<AuditRecord> out;
    for (const AuditRecord& r : *records) {
      if (r.target_type == "alarm" && r.target_id == id && r.action == action) out.push_back(r);
    }
    return out;
  }

  static Principal NewPerson(const std::string& username, UnitId unit) {
    auto r = app().users().Create(
        nullptr, NewUser{username, "Person " + username, "", unit, "correct horse battery"});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return As(r->user.id);
  }

  static constexpr TimeMs kSecond = kMsPerSecond;
};

TEST_F(AlarmServiceTest, RaiseReachesTheRing1UsersOnDutyThereAndTheRaiser) {
  const SiteView site = MakeSite(org().eb, "Storgatan 1");
  const SiteView other = MakeSite(org().ifo, "Lillgatan 2");
  const RoomView room = MakeRoom(site.site.id, "Besöksrum 1");
  OnDuty(people().colleague, site.site.id, DutyFunction::kKollega);  // ring 1
  OnDuty(people().skyddsombud, site.site.id, DutyFunction::kVakt);   // ring 2 only
  OnDuty(people().chef_ifo, other.site.id, DutyFunction::kKollega);  // another site
  OnDuty(people().chef_eb, site.site.id, DutyFunction::kReception);  // …went off duty:
  ASSERT_TRUE(app().alarms().EndDuty(people().chef_eb).ok());
  // A duty that ended a minute before the alarm.
  ASSERT_TRUE(app()
                  .alarms()
                  .PutDuty(people().sakerhet, site.site.id, DutyFunction::kKollega, std::nullopt,
                           clock().NowMs() + kMsPerMinute)
                  .ok());
  clock().Advance(2 * kMsPerMinute);

  auto r = app().alarms().Raise(people().employee, InRoom(room.room.id));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->created);
  const AlarmView& v = r->view;
  EXPECT_EQ(Receivers(v.alarm.id),
            (std::set<UserId>{people().employee.user.id, people().colleague.user.id}));
  EXPECT_EQ(v.receivers, 2);
  EXPECT_EQ(v.alarm.status, AlarmStatus::kActive);
  EXPECT_EQ(v.alarm.kind, AlarmKind::kReal);
  EXPECT_EQ(v.alarm.site_id, site.site.id);
  EXPECT_EQ(v.alarm.room_id, room.room.id);
  EXPECT_EQ(v.alarm.unit_id, org().eb);
  EXPECT_EQ(v.alarm.raised_by, people().employee.user.id);
  EXPECT_EQ(v.alarm.raised_at, clock().NowMs());
  EXPECT_EQ(v.alarm.ring, 1);
  EXPECT_EQ(v.site_name, "Storgatan 1");
  ASSERT_TRUE(v.room.has_value());
  EXPECT_EQ(v.room->name, "Besöksrum 1");
  EXPECT_EQ(v.phone_guard, "070-111 22 33");
  EXPECT_EQ(EventKinds(v.alarm.id), std::vector<AlarmEventKind>{AlarmEventKind::kRaised});
  EXPECT_EQ(AuditOf(v.alarm.id, "alarm.raised").size(), 1u);
}

TEST_F(AlarmServiceTest, RaiseNeedsASiteTheUserMayUseOrTheirDuty) {
  const SiteView site = MakeSite(org().eb, "Kvarngatan 3");
  const RoomView room = MakeRoom(site.site.id, "Reception", RoomKind::kReception);
  // A Söder chef may not go on duty at, nor raise for, an EB site.
  EXPECT_EQ(app()
                .alarms()
                .PutDuty(people().chef_rec, site.site.id, DutyFunction::kKollega, std::nullopt,
                         std::nullopt)
                .status()
                .reason(),
            "alarm.not_on_duty");
  EXPECT_EQ(app().alarms().Raise(people().chef_rec, InRoom(room.room.id)).status().reason(),
            "alarm.not_on_duty");
  // Neither room nor site, off duty: nothing to raise for.
  const Principal fresh = NewPerson("larm.ledig", org().eb);
  EXPECT_EQ(app().alarms().Raise(fresh, RaiseAlarm{}).status().reason(), "alarm.not_on_duty");
  // With a duty in a room, the room is the default.
  ASSERT_TRUE(
      app()
          .alarms()
          .PutDuty(fresh, site.site.id, DutyFunction::kReception, room.room.id, std::nullopt)
          .ok());
  auto r = app().alarms().Raise(fresh, RaiseAlarm{});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->view.alarm.room_id, room.room.id);
  // A reception on duty is in ring 1: the raiser counts once.
  EXPECT_EQ(Receivers(r->view.alarm.id), std::set<UserId>{fresh.user.id});
  // Bad input.
  EXPECT_EQ(app().alarms().Raise(fresh, InRoom(987654)).status().reason(), "alarm.invalid");
  const SiteView other = MakeSite(org().eb, "Kvarngatan 5");
  RaiseAlarm mismatched = InRoom(room.room.id);
  mismatched.site_id = other.site.id;
  auto mismatch = app().alarms().Raise(fresh, mismatched);
  EXPECT_EQ(mismatch.status().detail(), "site_id");
  EXPECT_EQ(app()
                .alarms()
                .PutDuty(fresh, other.site.id, DutyFunction::kKollega, room.room.id, std::nullopt)
                .status()
                .detail(),
            "room_id");
  EXPECT_EQ(
      app()
          .alarms()
          .PutDuty(fresh, other.site.id, DutyFunction::kKollega, std::nullopt, clock().NowMs() - 1)
          .status()
          .detail(),
      "until");
  auto duty = app().alarms().GetDuty(fresh);
  ASSERT_TRUE(duty.ok());
  ASSERT_TRUE(duty->has_value());
  EXPECT_EQ((*duty)->duty.site_id, site.site.id);
  EXPECT_EQ((*duty)->site_name, "Kvarngatan 3");
  ASSERT_TRUE(app().alarms().EndDuty(fresh).ok());
  duty = app().alarms().GetDuty(fresh);
  ASSERT_TRUE(duty.ok());
  EXPECT_FALSE(duty->has_value());
  ASSERT_TRUE(app().alarms().End(fresh, r->view.alarm.id, AlarmOutcome::kFalseAlarm, "").ok());
}

TEST_F(AlarmServiceTest, ASecondPressWhileActiveReturnsTheSameAlarm) {
  const SiteView site = MakeSite(org().eb, "Torget 4");
  const RoomView room = MakeRoom(site.site.id, "Samtalsrum", RoomKind::kSamtalsrum);
  auto first = app().alarms().Raise(people().employee, InRoom(room.room.id));
  auto second = app().alarms().Raise(people().employee, InRoom(room.room.id));
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_TRUE(first->created);
  EXPECT_FALSE(second->created);
  EXPECT_EQ(second->view.alarm.id, first->view.alarm.id);
  EXPECT_EQ(EventKinds(first->view.alarm.id).size(), 1u);  // nothing written again
  // Another user's press in the same room is their own alarm.
  auto theirs = app().alarms().Raise(people().colleague, InRoom(room.room.id));
  ASSERT_TRUE(theirs.ok());
  EXPECT_TRUE(theirs->created);
  EXPECT_NE(theirs->view.alarm.id, first->view.alarm.id);
  // Once ended, a press raises a new alarm.
  ASSERT_TRUE(
      app().alarms().End(people().employee, first->view.alarm.id, AlarmOutcome::kOther, "").ok());
  auto third = app().alarms().Raise(people().employee, InRoom(room.room.id));
  ASSERT_TRUE(third.ok());
  EXPECT_TRUE(third->created);
  EXPECT_NE(third->view.alarm.id, first->view.alarm.id);
  ASSERT_TRUE(
      app().alarms().End(people().employee, third->view.alarm.id, AlarmOutcome::kOther, "").ok());
  // A real press is not swallowed by the same user's test alarm in the room.
  AlarmView test = Raise(people().employee, room.room.id, AlarmKind::kTest);
  auto real = app().alarms().Raise(people().employee, InRoom(room.room.id));
  ASSERT_TRUE(real.ok());
  EXPECT_TRUE(real->created);
  EXPECT_EQ(real->view.alarm.kind, AlarmKind::kReal);
  EXPECT_NE(real->view.alarm.id, test.alarm.id);
  for (AlarmId id : {test.alarm.id, real->view.alarm.id, theirs->view.alarm.id}) {
    ASSERT_TRUE(app().alarms().End(people().sakerhet, id, AlarmOutcome::kOther, "").ok());
  }
}

TEST_F(AlarmServiceTest, ADeviceRaisesOnlyForItsRoomAndARevokedOneIsRefused) {
  const SiteView site = MakeSite(org().eb, "Hamngatan 6");
  const RoomView reception = MakeRoom(site.site.id, "Reception", RoomKind::kReception);
  const RoomView office = MakeRoom(site.site.id, "Kontor", RoomKind::kKontor);
  OnDuty(people().colleague, site.site.id, DutyFunction::kKollega);
  // Only managers register devices.
  EXPECT_EQ(app()
                .alarms()
                .RegisterDevice(people().employee, reception.room.id, "Knapp")
                .status()
                .reason(),
            "alarm.forbidden");
  EXPECT_EQ(
      app().alarms().RegisterDevice(people().chef_eb, reception.room.id, "").status().detail(),
      "name");
  auto reg = app().alarms().RegisterDevice(people().chef_eb, reception.room.id, "Knapp disk");
  ASSERT_TRUE(reg.ok()) << reg.status().ToString();
  const auto& [device, token] = *reg;
  EXPECT_GE(token.size(), 64u);
  EXPECT_TRUE(device.token_hash.empty());  // never leaves the app
  {
    auto tx = store_->BeginRead();
    ASSERT_TRUE(tx.ok());
    auto stored = (*tx)->GetAlarmDevice(device.id);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->token_hash, Sha256Hex(token));  // only the hash is stored
  }
  // Another room, a wrong token.
  EXPECT_EQ(
      app().alarms().RaiseFromDevice(token, AlarmKind::kReal, office.room.id).status().reason(),
      "alarm.device_room");
  auto wrong = app().alarms().RaiseFromDevice(token + "0", AlarmKind::kReal, std::nullopt);
  EXPECT_EQ(wrong.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(wrong.status().reason(), "alarm.device_token");
  // Its own room: receivers on duty there, no raiser.
  auto r = app().alarms().RaiseFromDevice(token, AlarmKind::kReal, reception.room.id);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->created);
  EXPECT_EQ(r->view.alarm.room_id, reception.room.id);
  EXPECT_EQ(r->view.alarm.device_id, device.id);
  EXPECT_FALSE(r->view.alarm.raised_by.has_value());
  EXPECT_EQ(r->view.device_name, "Knapp disk");
  EXPECT_EQ(Receivers(r->view.alarm.id), std::set<UserId>{people().colleague.user.id});
  // Pressed again while active: the same alarm.
  auto again = app().alarms().RaiseFromDevice(token, AlarmKind::kReal, std::nullopt);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->view.alarm.id, r->view.alarm.id);
  ASSERT_TRUE(
      app().alarms().End(people().chef_eb, r->view.alarm.id, AlarmOutcome::kResolved, "").ok());
  // Revoked: refused.
  EXPECT_EQ(app().alarms().RevokeDevice(people().employee, device.id).reason(), "alarm.forbidden");
  ASSERT_TRUE(app().alarms().RevokeDevice(people().chef_eb, device.id).ok());
  EXPECT_EQ(app().alarms().RaiseFromDevice(token, AlarmKind::kReal, std::nullopt).status().reason(),
            "alarm.device_token");
}

TEST_F(AlarmServiceTest, EscalationReachesRing2At30SecondsAnd112At60UnlessSomeoneResponds) {
  const SiteView site = MakeSite(org().eb, "Skolgatan 7");  // 30 s, 60 s
  const SiteView other = MakeSite(org().ifo, "Skolgatan 9");
  const RoomView room = MakeRoom(site.site.id, "Besöksrum");
  OnDuty(people().colleague, site.site.id, DutyFunction::kKollega);
  OnDuty(people().skyddsombud, site.site.id, DutyFunction::kVakt);
  OnDuty(people().chef_eb, site.site.id, DutyFunction::kChef);
  OnDuty(people().chef_ifo, other.site.id, DutyFunction::kVakt);  // a guard elsewhere
  const AlarmView v = Raise(people().employee, room.room.id);
  const AlarmId id = v.alarm.id;

  clock().Advance(29 * kSecond);
  ASSERT_TRUE(app().alarms().Tick().ok());
  EXPECT_EQ(Stored(id).ring, 1);
  EXPECT_EQ(Receivers(id),
            (std::set<UserId>{people().employee.user.id, people().colleague.user.id}));

  clock().Advance(1 * kSecond);
  auto changed = app().alarms().Tick();
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_GE(*changed, 1);
  EXPECT_EQ(Stored(id).ring, 2);
  EXPECT_FALSE(Stored(id).call_112);
  EXPECT_EQ(Receivers(id),
            (std::set<UserId>{people().employee.user.id, people().colleague.user.id,
                              people().skyddsombud.user.id, people().chef_eb.user.id}));
  for (const AlarmReceiver& r : ReceiverRows(id)) {
    const bool ring2 =
        r.user_id == people().skyddsombud.user.id || r.user_id == people().chef_eb.user.id;
    EXPECT_EQ(r.ring, ring2 ? 2 : 1) << r.user_id;
  }

  clock().Advance(29 * kSecond);
  ASSERT_TRUE(app().alarms().Tick().ok());
  EXPECT_FALSE(Stored(id).call_112);
  clock().Advance(1 * kSecond);
  ASSERT_TRUE(app().alarms().Tick().ok());
  EXPECT_TRUE(Stored(id).call_112);
  ASSERT_TRUE(app().alarms().Tick().ok());  // nothing more to do
  EXPECT_EQ(EventKinds(id),
            (std::vector<AlarmEventKind>{AlarmEventKind::kRaised, AlarmEventKind::kRing2,
                                         AlarmEventKind::kCall112}));
  ASSERT_TRUE(app().alarms().End(people().employee, id, AlarmOutcome::kResolved, "").ok());

  // Someone responds within 10 s: no ring 2, no 112 prompt.
  const AlarmView answered = Raise(people().employee, room.room.id);
  ASSERT_NE(answered.alarm.id, id);
  clock().Advance(10 * kSecond);
  ASSERT_TRUE(app().alarms().Respond(people().colleague, answered.alarm.id).ok());
  clock().Advance(60 * kSecond);
  ASSERT_TRUE(app().alarms().Tick().ok());
  EXPECT_EQ(Stored(answered.alarm.id).ring, 1);
  EXPECT_FALSE(Stored(answered.alarm.id).call_112);
  ASSERT_TRUE(
      app().alarms().End(people().colleague, answered.alarm.id, AlarmOutcome::kResolved, "").ok());
  EXPECT_EQ(EventKinds(answered.alarm.id),
            (std::vector<AlarmEventKind>{AlarmEventKind::kRaised, AlarmEventKind::kResponding,
                                         AlarmEventKind::kEnded}));
}

TEST_F(AlarmServiceTest, RespondOnceAndEndByRaiserResponderOrLead) {
  const SiteView site = MakeSite(org().eb, "Bangatan 8");
  const RoomView room = MakeRoom(site.site.id, "Besöksrum");
  OnDuty(people().colleague, site.site.id, DutyFunction::kKollega);
  const Principal other = NewPerson("larm.kollega2", org().eb);
  OnDuty(other, site.site.id, DutyFunction::kKollega);
  const AlarmView v = Raise(people().employee, room.room.id);
  const AlarmId id = v.alarm.id;

  // Delivered: a receiver's screen, once.
  ASSERT_TRUE(app().alarms().Delivered(people().colleague, id).ok());
  auto delivered = app().alarms().Delivered(people().colleague, id);
  ASSERT_TRUE(delivered.ok());
  EXPECT_EQ(delivered->delivered, 1);
  // Not a receiver: the chef covering the site may read but not respond; a
  // stranger does not see it at all.
  EXPECT_EQ(app().alarms().Respond(people().chef_ifo, id).status().reason(), "alarm.forbidden");
  EXPECT_EQ(app().alarms().Respond(people().chef_rec, id).status().reason(), "alarm.not_found");
  EXPECT_EQ(app().alarms().Respond(people().colleague, 987654).status().reason(),
            "alarm.not_found");

  clock().Advance(12 * kSecond);
  auto responded = app().alarms().Respond(people().colleague, id);
  ASSERT_TRUE(responded.ok()) << responded.status().ToString();
  clock().Advance(5 * kSecond);
  auto twice = app().alarms().Respond(people().colleague, id);  // a no-op
  ASSERT_TRUE(twice.ok());
  ASSERT_EQ(twice->responders.size(), 1u);
  EXPECT_EQ(twice->responders[0].user_id, people().colleague.user.id);
  EXPECT_EQ(twice->responders[0].seconds, 12);
  EXPECT_EQ(twice->names.at(people().colleague.user.id), "Person colleague");

  // Ending: not a receiver who did not respond, not a stranger; the note ≤ 500.
  EXPECT_EQ(app().alarms().End(other, id, AlarmOutcome::kResolved, "").status().reason(),
            "alarm.forbidden");
  EXPECT_EQ(
      app().alarms().End(people().chef_rec, id, AlarmOutcome::kResolved, "").status().reason(),
      "alarm.not_found");
  EXPECT_EQ(app()
                .alarms()
                .End(people().colleague, id, AlarmOutcome::kResolved, std::string(501, 'x'))
                .status()
                .detail(),
            "note");
  auto ended = app().alarms().End(people().colleague, id, AlarmOutcome::kResolved, "Lugnt nu");
  ASSERT_TRUE(ended.ok()) << ended.status().ToString();
  EXPECT_EQ(ended->alarm.status, AlarmStatus::kEnded);
  EXPECT_EQ(ended->alarm.ended_by, people().colleague.user.id);
  EXPECT_EQ(ended->alarm.outcome, AlarmOutcome::kResolved);
  EXPECT_EQ(ended->alarm.outcome_note, "Lugnt nu");
  // Once ended: no response, no second end.
  EXPECT_EQ(app().alarms().Respond(other, id).status().reason(), "alarm.ended");
  EXPECT_EQ(app().alarms().End(people().employee, id, AlarmOutcome::kOther, "").status().reason(),
            "alarm.ended");
  EXPECT_EQ(EventKinds(id),
            (std::vector<AlarmEventKind>{AlarmEventKind::kRaised, AlarmEventKind::kDelivered,
                                         AlarmEventKind::kResponding, AlarmEventKind::kEnded}));
  // The audit records the outcome code, not the note.
  auto audit = AuditOf(id, "alarm.ended");
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].detail.find("Lugnt"), std::string::npos);

  // A chef or säkerhetssamordnare covering the site ends an alarm they did not receive.
  const AlarmView second = Raise(people().employee, room.room.id);
  EXPECT_TRUE(
      app().alarms().End(people().sakerhet, second.alarm.id, AlarmOutcome::kOther, "").ok());
}

TEST_F(AlarmServiceTest, ATestAlarmRecordsWhoRespondedAndHowFastAndDatesTheRoomsTest) {
  const SiteView site = MakeSite(org().eb, "Prästgatan 10");
  const RoomView tested = MakeRoom(site.site.id, "Reception", RoomKind::kReception);
  const RoomView untested = MakeRoom(site.site.id, "Besöksrum 2");
  OnDuty(people().colleague, site.site.id, DutyFunction::kKollega);
  ASSERT_TRUE(app().alarms().RegisterDevice(people().chef_eb, tested.room.id, "Knapp").ok());
  const AlarmView v = Raise(people().employee, tested.room.id, AlarmKind::kTest);
  EXPECT_EQ(v.alarm.kind, AlarmKind::kTest);
  EXPECT_EQ(Receivers(v.alarm.id),
            (std::set<UserId>{people().employee.user.id, people().colleague.user.id}));
  clock().Advance(7 * kSecond);
  ASSERT_TRUE(app().alarms().Respond(people().colleague, v.alarm.id).ok());
  auto ended = app().alarms().End(people().employee, v.alarm.id, AlarmOutcome::kTestOk, "");
  ASSERT_TRUE(ended.ok());
  ASSERT_EQ(ended->responders.size(), 1u);
  EXPECT_EQ(ended->responders[0].seconds, 7);

  auto sites = app().alarms().ListSites(people().chef_eb);
  ASSERT_TRUE(sites.ok()) << sites.status().ToString();
  auto it = std::find_if(sites->begin(), sites->end(),
                         [&](const SiteView& s) { return s.site.id == site.site.id; });
  ASSERT_NE(it, sites->end());
  EXPECT_TRUE(it->may_manage);
  ASSERT_EQ(it->rooms.size(), 2u);
  for (const RoomView& r : it->rooms) {
    if (r.room.id == tested.room.id) {
      EXPECT_EQ(r.last_test_at, v.alarm.raised_at);
      EXPECT_FALSE(r.test_overdue);
      ASSERT_EQ(r.devices.size(), 1u);  // a manager sees devices, never their token hash
      EXPECT_TRUE(r.devices[0].token_hash.empty());
    } else {
      EXPECT_FALSE(r.last_test_at.has_value());
      EXPECT_TRUE(r.test_overdue);
    }
  }
  // An employee sees the site (they may go on duty there) but no devices.
  auto theirs = app().alarms().ListSites(people().employee);
  ASSERT_TRUE(theirs.ok());
  it = std::find_if(theirs->begin(), theirs->end(),
                    [&](const SiteView& s) { return s.site.id == site.site.id; });
  ASSERT_NE(it, theirs->end());
  EXPECT_FALSE(it->may_manage);
  for (const RoomView& r : it->rooms) EXPECT_TRUE(r.devices.empty());
  // Söder does not see an EB site.
  auto soder = app().alarms().ListSites(people().chef_rec);
  ASSERT_TRUE(soder.ok());
  EXPECT_TRUE(std::none_of(soder->begin(), soder->end(),
                           [&](const SiteView& s) { return s.site.id == site.site.id; }));
}

TEST_F(AlarmServiceTest, AnEndedRealAlarmBecomesAReportLinkedOnce) {
  const SiteView site = MakeSite(org().eb, "Kyrkogatan 11");
  const RoomView room = MakeRoom(site.site.id, "Receptionen", RoomKind::kReception);
  OnDuty(people().colleague, site.site.id, DutyFunction::kKollega);
  const AlarmView v = Raise(people().employee, room.room.id);
  const AlarmId id = v.alarm.id;
  EXPECT_EQ(app().alarms().ReportDraft(people().employee, id).status().reason(), "alarm.active");
  clock().Advance(9 * kSecond);
  ASSERT_TRUE(app().alarms().Respond(people().colleague, id).ok());
  ASSERT_TRUE(app().alarms().End(people().employee, id, AlarmOutcome::kResolved, "").ok());

  EXPECT_EQ(app().alarms().ReportDraft(people().colleague, id).status().reason(),
            "alarm.not_raiser");
  EXPECT_EQ(app().alarms().ReportDraft(people().chef_rec, id).status().reason(), "alarm.not_found");
  auto draft = app().alarms().ReportDraft(people().employee, id);
  ASSERT_TRUE(draft.ok()) << draft.status().ToString();
  EXPECT_EQ(draft->unit_id, org().eb);
  EXPECT_EQ(draft->occurred_at, v.alarm.raised_at);
  EXPECT_EQ(draft->place_type, PlaceType::kReception);
  for (const char* part : {"Receptionen", "Kyrkogatan 11", "Person colleague", "9 s"}) {
    EXPECT_NE(draft->description.find(part), std::string::npos) << part << draft->description;
  }

  NewIncident in;
  in.unit_id = draft->unit_id;
  in.category = Category::kHot;
  in.occurred_at = draft->occurred_at;
  in.place_type = draft->place_type;
  in.description = draft->description;
  in.alarm_id = id;
  // Another user cannot link the alarm; nothing is reported then.
  auto by_other = app().incidents().Create(people().colleague, in, nullptr);
  EXPECT_EQ(by_other.status().reason(), "alarm.not_raiser");
  auto report = app().incidents().Create(people().employee, in, nullptr);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  const IncidentId incident = report->incident.id;
  EXPECT_EQ(Stored(id).incident_id, incident);
  EXPECT_EQ(EventKinds(id).back(), AlarmEventKind::kReported);
  auto again = app().incidents().Create(people().employee, in, nullptr);
  EXPECT_EQ(again.status().reason(), "alarm.reported");
  auto tx = store_->BeginRead();
  ASSERT_TRUE(tx.ok());
  // Neither refused report was stored (ids are given in order).
  EXPECT_EQ((*tx)->GetIncident(incident + 1).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Stored(id).incident_id, incident);

  // A test alarm has no report.
  const AlarmView test = Raise(people().employee, room.room.id, AlarmKind::kTest);
  ASSERT_TRUE(app().alarms().End(people().employee, test.alarm.id, AlarmOutcome::kTestOk, "").ok());
  EXPECT_EQ(app().alarms().ReportDraft(people().employee, test.alarm.id).status().code(),
            StatusCode::kFailedPrecondition);
}

TEST_F(AlarmServiceTest, ReadersAreRaiserReceiversAndManagersCoveringTheSiteAndReadsAreAudited) {
  const SiteView site = MakeSite(org().eb, "Ågatan 12");
  const SiteView soder = MakeSite(org().rec, "Södergatan 1", &people().sakerhet_soder);
  const RoomView room = MakeRoom(site.site.id, "Besöksrum");
  OnDuty(people().colleague, site.site.id, DutyFunction::kKollega);
  const Principal rec_employee = NewPerson("larm.rec", org().rec);
  OnDuty(rec_employee, soder.site.id, DutyFunction::kKollega);  // an employee of another site
  const AlarmView v = Raise(people().employee, room.room.id);
  const AlarmId id = v.alarm.id;

  for (const Principal* who : {&rec_employee, &people().chef_rec, &people().sakerhet_soder}) {
    EXPECT_EQ(app().alarms().Get(*who, id).status().reason(), "alarm.not_found")
        << who->user.username;
  }
  EXPECT_TRUE(AuditOf(id, "alarm.read").empty());
  // Raiser, receiver, the chef covering the site (not a receiver), the säkerhetssamordnare.
  for (const Principal* who :
       {&people().employee, &people().colleague, &people().chef_ifo, &people().sakerhet}) {
    auto r = app().alarms().Get(*who, id);
    ASSERT_TRUE(r.ok()) << who->user.username << " " << r.status().ToString();
    ASSERT_FALSE(r->events.empty());
    EXPECT_EQ(r->events[0].kind, AlarmEventKind::kRaised);
    EXPECT_EQ(r->names.at(people().employee.user.id), "Person emp");
  }
  const auto reads = AuditOf(id, "alarm.read");
  ASSERT_EQ(reads.size(), 4u);
  EXPECT_EQ(reads[2].actor_id, people().chef_ifo.user.id);
  for (const AuditRecord& r : reads) EXPECT_EQ(r.detail.find("Person"), std::string::npos);

  // Lists: the same readers.
  auto listed = [&](const Principal& who) {
    auto rows = app().alarms().List(who, ActiveAlarms());
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    return rows.ok() && std::any_of(rows->begin(), rows->end(),
                                    [&](const AlarmView& a) { return a.alarm.id == id; });
  };
  EXPECT_TRUE(listed(people().colleague));
  EXPECT_TRUE(listed(people().chef_eb));
  EXPECT_FALSE(listed(rec_employee));
  EXPECT_FALSE(listed(people().chef_rec));
  EXPECT_EQ(app()
                .alarms()
                .List(people().chef_eb, AlarmListQuery{std::nullopt, std::nullopt, /*limit=*/0})
                .status()
                .detail(),
            "limit");
  ASSERT_TRUE(app().alarms().End(people().employee, id, AlarmOutcome::kFalseAlarm, "").ok());
}

TEST_F(AlarmServiceTest, ManagersCoveringTheUnitConfigureSitesAndRooms) {
  NewSite in;
  in.site.unit_id = org().eb;
  in.site.name = "Nygatan 13";
  for (const Principal* who : {&people().employee, &people().skyddsombud, &people().chef_rec,
                               &people().sakerhet_soder, &people().analytiker}) {
    EXPECT_EQ(app().alarms().CreateSite(*who, in).status().reason(), "alarm.forbidden")
        << who->user.username;
  }
  in.site.ring2_after_s = 2;
  EXPECT_EQ(app().alarms().CreateSite(people().chef_eb, in).status().detail(), "ring2_after_s");
  in.site.ring2_after_s = 30;
  in.site.unit_id = 987654;
  EXPECT_EQ(app().alarms().CreateSite(people().admin, in).status().detail(), "unit_id");
  in.site.unit_id = org().eb;
  auto created = app().alarms().CreateSite(people().chef_eb, in);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  const SiteId id = created->site.id;
  EXPECT_TRUE(created->may_manage);
  EXPECT_EQ(created->site.ring1,
            (std::vector<DutyFunction>{DutyFunction::kKollega, DutyFunction::kReception}));

  SitePatch patch;
  patch.ring2_after_s = 20;
  patch.ring1 = std::vector<DutyFunction>{DutyFunction::kReception};
  EXPECT_EQ(app().alarms().UpdateSite(people().employee, id, patch).status().reason(),
            "alarm.forbidden");
  EXPECT_EQ(app().alarms().UpdateSite(people().chef_rec, id, patch).status().reason(),
            "alarm.not_found");
  auto updated = app().alarms().UpdateSite(people().chef_ifo, id, patch);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->site.ring2_after_s, 20);
  EXPECT_EQ(updated->site.version, 2);
  patch = SitePatch{};
  patch.call_112_after_s = 10;  // before ring 2
  EXPECT_EQ(app().alarms().UpdateSite(people().chef_ifo, id, patch).status().detail(),
            "call_112_after_s");

  AlarmRoom room;
  room.name = "Rum 1";
  EXPECT_EQ(app().alarms().AddRoom(people().employee, id, room).status().reason(),
            "alarm.forbidden");
  room.name = "";
  EXPECT_EQ(app().alarms().AddRoom(people().chef_eb, id, room).status().detail(), "name");
  room.name = "Rum 1";
  auto added = app().alarms().AddRoom(people().chef_eb, id, room);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  auto renamed =
      app().alarms().UpdateRoom(people().chef_eb, added->room.id, "Rum 2", RoomKind::kKontor);
  ASSERT_TRUE(renamed.ok()) << renamed.status().ToString();
  EXPECT_EQ(renamed->room.name, "Rum 2");
  EXPECT_EQ(renamed->room.kind, RoomKind::kKontor);
  EXPECT_EQ(app()
                .alarms()
                .UpdateRoom(people().chef_rec, added->room.id, "X", std::nullopt)
                .status()
                .reason(),
            "alarm.not_found");
}

TEST_F(AlarmServiceTest, EquivalenceTakesTheOldestLastTestAmongAForvaltningsRooms) {
  const Principal& sak = people().sakerhet_soder;
  auto alarm_cell = [&]() -> std::optional<double> {
    auto m = app().stats().Equivalence(sak);
    EXPECT_TRUE(m.ok()) << m.status().ToString();
    if (!m.ok()) return std::nullopt;
    for (const EquivalenceRow& row : m->rows) {
      if (row.forvaltning_id != org().soder) continue;
      for (const EquivalenceCell& cell : row.cells) {
        if (cell.column == EquivalenceColumn::kAlarmTested1m) return cell.value;
      }
    }
    ADD_FAILURE() << "no Söder row";
    return std::nullopt;
  };
  // Without rooms: the unit profile's value (tested two days ago: yes).
  UnitProfile profile;
  profile.unit_id = org().soder;
  profile.headcount = 40;
  profile.alarm_tested_at = clock().NowMs() - 2 * kMsPerDay;
  ASSERT_TRUE(app().kpis().PutProfile(sak, profile).ok());
  EXPECT_EQ(alarm_cell(), 1.0);

  // With rooms their tests decide, the oldest of them: a room never tested is a no.
  const SiteView site = MakeSite(org().rec, "Provgatan 14", &sak);
  const RoomView first = MakeRoom(site.site.id, "Reception", RoomKind::kReception, &sak);
  const RoomView second = MakeRoom(site.site.id, "Besöksrum", RoomKind::kBesoksrum, &sak);
  EXPECT_EQ(alarm_cell(), 0.0);
  OnDuty(people().chef_rec, site.site.id, DutyFunction::kKollega);
  auto test = [&](RoomId room, bool answered) {
    const AlarmView v = Raise(sak, room, AlarmKind::kTest);
    if (answered) {
      ASSERT_TRUE(app().alarms().Respond(people().chef_rec, v.alarm.id).ok());
    }
    ASSERT_TRUE(app().alarms().End(sak, v.alarm.id, AlarmOutcome::kTestOk, "").ok());
  };
  test(first.room.id, true);
  EXPECT_EQ(alarm_cell(), 0.0);  // the second room is still untested
  test(second.room.id, false);   // a test nobody answered does not count
  EXPECT_EQ(alarm_cell(), 0.0);
  test(second.room.id, true);
  EXPECT_EQ(alarm_cell(), 1.0);
}

}  // namespace
}  // namespace trygg::testing
