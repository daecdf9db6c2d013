// Store contract: panic alarms — sites, rooms, devices, duty, alarms, receivers
// and the event sequence (schema version 6), and on PostgreSQL the signal one
// process's alarm event gives another.
#include <chrono>
#include <functional>
#include <future>
#include <thread>

#include "store_test_support.h"

namespace trygg::store_test {
namespace {

constexpr TimeMs kBase = 1'790'000'000'000;

void ExpectSiteEq(const AlarmSite& a, const AlarmSite& e) {
  EXPECT_EQ(a.id, e.id);
  EXPECT_EQ(a.unit_id, e.unit_id);
  EXPECT_EQ(a.name, e.name);
  EXPECT_EQ(a.address, e.address);
  EXPECT_EQ(a.phone_reception, e.phone_reception);
  EXPECT_EQ(a.phone_guard, e.phone_guard);
  EXPECT_EQ(a.test_interval_days, e.test_interval_days);
  EXPECT_EQ(a.ring1, e.ring1);
  EXPECT_EQ(a.ring2, e.ring2);
  EXPECT_EQ(a.ring2_after_s, e.ring2_after_s);
  EXPECT_EQ(a.call_112_after_s, e.call_112_after_s);
  EXPECT_EQ(a.created_at, e.created_at);
  EXPECT_EQ(a.version, e.version);
}

void ExpectDeviceEq(const AlarmDevice& a, const AlarmDevice& e) {
  EXPECT_EQ(a.id, e.id);
  EXPECT_EQ(a.room_id, e.room_id);
  EXPECT_EQ(a.name, e.name);
  EXPECT_EQ(a.token_hash, e.token_hash);
  EXPECT_EQ(a.created_at, e.created_at);
  EXPECT_EQ(a.last_used_at, e.last_used_at);
  EXPECT_EQ(a.revoked, e.revoked);
}

void ExpectDutyEq(const Duty& a, const Duty& e) {
  EXPECT_EQ(a.user_id, e.user_id);
  EXPECT_EQ(a.site_id, e.site_id);
  EXPECT_EQ(a.room_id, e.room_id);
  EXPECT_EQ(a.function, e.function);
  EXPECT_EQ(a.since, e.since);
  EXPECT_EQ(a.until, e.until);
}

void ExpectAlarmEq(const Alarm& a, const Alarm& e) {
  EXPECT_EQ(a.id, e.id);
  EXPECT_EQ(a.kind, e.kind);
  EXPECT_EQ(a.status, e.status);
  EXPECT_EQ(a.site_id, e.site_id);
  EXPECT_EQ(a.room_id, e.room_id);
  EXPECT_EQ(a.unit_id, e.unit_id);
  EXPECT_EQ(a.raised_by, e.raised_by);
  EXPECT_EQ(a.device_id, e.device_id);
  EXPECT_EQ(a.raised_at, e.raised_at);
  EXPECT_EQ(a.ring, e.ring);
  EXPECT_EQ(a.call_112, e.call_112);
  EXPECT_EQ(a.ended_at, e.ended_at);
  EXPECT_EQ(a.ended_by, e.ended_by);
  EXPECT_EQ(a.outcome, e.outcome);
  EXPECT_EQ(a.outcome_note, e.outcome_note);
  EXPECT_EQ(a.incident_id, e.incident_id);
  EXPECT_EQ(a.version, e.version);
}

void ExpectReceiverEq(const AlarmReceiver& a, const AlarmReceiver& e) {
  EXPECT_EQ(a.alarm_id, e.alarm_id);
  EXPECT_EQ(a.user_id, e.user_id);
  EXPECT_EQ(a.ring, e.ring);
  EXPECT_EQ(a.added_at, e.added_at);
  EXPECT_EQ(a.delivered_at, e.delivered_at);
  EXPECT_EQ(a.responded_at, e.responded_at);
}

void ExpectEventEq(const AlarmEvent& a, const AlarmEvent& e) {
  EXPECT_EQ(a.seq, e.seq);
  EXPECT_EQ(a.alarm_id, e.alarm_id);
  EXPECT_EQ(a.kind, e.kind);
  EXPECT_EQ(a.at, e.at);
  EXPECT_EQ(a.user_id, e.user_id);
  EXPECT_EQ(a.detail, e.detail);
}

std::vector<int64_t> Seqs(const std::vector<AlarmEvent>& events) {
  std::vector<int64_t> out;
  for (const AlarmEvent& e : events) out.push_back(e.seq);
  return out;
}

class StoreAlarmsTest : public StoreTest {
 protected:
  AlarmSite NewSite(UnitId unit, const std::string& name) const {
    AlarmSite s;
    s.unit_id = unit;
    s.name = name;
    s.created_at = kBase;
    return s;
  }

  Alarm NewAlarm(SiteId site, std::optional<RoomId> room, UserId by, TimeMs at,
                 AlarmKind kind = AlarmKind::kReal) const {
    Alarm a;
    a.kind = kind;
    a.site_id = site;
    a.room_id = room;
    a.unit_id = unit_a_;
    a.raised_by = by;
    a.raised_at = at;
    return a;
  }

  Result<SiteId> AddSite(const AlarmSite& s) {
    return InsertCommitted([&](StoreTx& tx) { return tx.InsertAlarmSite(s); });
  }
  Result<RoomId> AddRoom(SiteId site, const std::string& name, RoomKind kind) {
    return InsertCommitted([&](StoreTx& tx) { return tx.InsertAlarmRoom({0, site, name, kind}); });
  }
  Result<AlarmId> AddAlarm(const Alarm& a) {
    return InsertCommitted([&](StoreTx& tx) { return tx.InsertAlarm(a); });
  }
  // Adds a receiver (responded at `responded`, when set) and commits.
  Status AddReceiver(AlarmId alarm, UserId user, std::optional<TimeMs> responded = std::nullopt) {
    TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, store_->BeginWrite());
    TRYGG_ASSIGN_OR_RETURN(bool added,
                           tx->AddAlarmReceiver({alarm, user, 1, kBase, std::nullopt, responded}));
    if (!added) return Status::Internal("receiver was already there");
    return tx->Commit();
  }
  Result<std::vector<int64_t>> AlarmIds(const AlarmQuery& q) {
    return ListedIds([&](StoreTx& tx) { return tx.ListAlarms(q); });
  }
};

// --- Sites ------------------------------------------------------------------------

TEST_P(StoreAlarmsTest, SiteRoundTripsEveryFieldAndUpdatesByVersion) {
  AlarmSite s = NewSite(avd_, "Storgatan 1, plan 2 — Öppenvården");
  s.address = "Storgatan 1, 111 22 Stockholm";
  s.phone_reception = "08-123 456 78";
  s.phone_guard = "+46 70 123 45 67";
  s.test_interval_days = 14;
  s.ring1 = {DutyFunction::kReception};
  s.ring2 = {DutyFunction::kChef, DutyFunction::kVakt, DutyFunction::kKollega};
  s.ring2_after_s = 20;
  s.call_112_after_s = 45;
  ASSERT_OK_AND_ASSIGN(s.id, AddSite(s));
  AlarmSite defaults = NewSite(unit_c_, "Hemtjänstens kontor");
  defaults.ring1.clear();  // an empty ring is stored as such
  ASSERT_OK_AND_ASSIGN(defaults.id, AddSite(defaults));
  EXPECT_GT(defaults.id, s.id);
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    AlarmSite bad = NewSite(kommun_ + 1000, "Okänd enhet");
    EXPECT_STATUS(tx->InsertAlarmSite(bad), StatusCode::kInvalidArgument, "storage.foreign_key");
    AlarmSite changed = s;
    changed.name = "Storgatan 1";
    changed.ring1 = {DutyFunction::kKollega, DutyFunction::kReception, DutyFunction::kVakt};
    changed.ring2 = {};
    changed.test_interval_days = 30;
    ASSERT_OK(tx->UpdateAlarmSite(changed, 1));
    // The version moved: a second writer holding version 1 is refused.
    EXPECT_STATUS(tx->UpdateAlarmSite(s, 1), StatusCode::kConflict, "storage.stale");
    AlarmSite absent = s;
    absent.id = defaults.id + 50;
    EXPECT_STATUS(tx->UpdateAlarmSite(absent, 1), StatusCode::kNotFound, "alarm.site_not_found");
    ASSERT_OK(tx->Commit());
    s = changed;
    s.version = 2;
  }
  Reopen();
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(AlarmSite got, tx->GetAlarmSite(s.id));
  ExpectSiteEq(got, s);
  EXPECT_STATUS(tx->GetAlarmSite(defaults.id + 50), StatusCode::kNotFound, "alarm.site_not_found");
  ASSERT_OK_AND_ASSIGN(std::vector<AlarmSite> all, tx->ListAlarmSites());
  ASSERT_EQ(all.size(), 2u);
  ExpectSiteEq(all[0], s);
  ExpectSiteEq(all[1], defaults);
}

// --- Rooms and devices --------------------------------------------------------------

TEST_P(StoreAlarmsTest, RoomsAndDevicesRoundTripAndDevicesAreFoundByToken) {
  ASSERT_OK_AND_ASSIGN(SiteId s1, AddSite(NewSite(unit_a_, "Ett")));
  ASSERT_OK_AND_ASSIGN(SiteId s2, AddSite(NewSite(unit_b_, "Två")));
  ASSERT_OK_AND_ASSIGN(RoomId r1, AddRoom(s1, "Besöksrum 1", RoomKind::kBesoksrum));
  ASSERT_OK_AND_ASSIGN(RoomId r2, AddRoom(s2, "Receptionen", RoomKind::kReception));
  ASSERT_OK_AND_ASSIGN(RoomId r3, AddRoom(s1, "Samtalsrum", RoomKind::kSamtalsrum));
  const std::string hash1(64, 'a'), hash2(64, 'b');
  AlarmDevice d1{0, r1, "Knapp under bordet", hash1, kBase, std::nullopt, false};
  AlarmDevice d2{0, r2, "Receptionssystemet", hash2, kBase + 5, kBase + 6, false};
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    EXPECT_STATUS(tx->InsertAlarmRoom({0, s2 + 100, "Inget", RoomKind::kAnnat}),
                  StatusCode::kInvalidArgument, "storage.foreign_key");
    ASSERT_OK_AND_ASSIGN(d1.id, tx->InsertAlarmDevice(d1));
    ASSERT_OK_AND_ASSIGN(d2.id, tx->InsertAlarmDevice(d2));
    AlarmDevice same_token{0, r3, "Kopia", hash1, kBase, std::nullopt, false};
    EXPECT_EQ(StatusOf(tx->InsertAlarmDevice(same_token)).code(), StatusCode::kAlreadyExists);
    ASSERT_OK(tx->UpdateAlarmRoom({r3, s1, "Samtalsrum 2", RoomKind::kKontor}));
    EXPECT_STATUS(tx->UpdateAlarmRoom({r3 + 100, s1, "X", RoomKind::kKontor}),
                  StatusCode::kNotFound, "alarm.room_not_found");
    d1.last_used_at = kBase + 1000;
    d1.revoked = true;
    ASSERT_OK(tx->UpdateAlarmDevice(d1));
    AlarmDevice absent = d1;
    absent.id = d2.id + 100;
    EXPECT_STATUS(tx->UpdateAlarmDevice(absent), StatusCode::kNotFound, "alarm.device_not_found");
    ASSERT_OK(tx->Commit());
  }
  Reopen();
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(AlarmRoom room, tx->GetAlarmRoom(r3));
  EXPECT_EQ(room.site_id, s1);
  EXPECT_EQ(room.name, "Samtalsrum 2");
  EXPECT_EQ(room.kind, RoomKind::kKontor);
  EXPECT_STATUS(tx->GetAlarmRoom(r3 + 100), StatusCode::kNotFound, "alarm.room_not_found");
  ASSERT_OK_AND_ASSIGN(std::vector<AlarmRoom> of_s1, tx->ListAlarmRooms(s1));
  EXPECT_EQ(Ids(of_s1), (std::vector<int64_t>{r1, r3}));
  ASSERT_OK_AND_ASSIGN(std::vector<AlarmRoom> every, tx->ListAlarmRooms(std::nullopt));
  EXPECT_EQ(Ids(every), (std::vector<int64_t>{r1, r2, r3}));
  EXPECT_EQ(every[1].kind, RoomKind::kReception);

  ASSERT_OK_AND_ASSIGN(AlarmDevice got1, tx->GetAlarmDevice(d1.id));
  ExpectDeviceEq(got1, d1);
  ASSERT_OK_AND_ASSIGN(AlarmDevice by_token, tx->GetAlarmDeviceByToken(hash2));
  ExpectDeviceEq(by_token, d2);
  EXPECT_STATUS(tx->GetAlarmDeviceByToken(std::string(64, 'c')), StatusCode::kNotFound,
                "alarm.device_token");
  EXPECT_STATUS(tx->GetAlarmDevice(d2.id + 100), StatusCode::kNotFound, "alarm.device_not_found");
  ASSERT_OK_AND_ASSIGN(std::vector<AlarmDevice> in_r2, tx->ListAlarmDevices(r2));
  EXPECT_EQ(Ids(in_r2), (std::vector<int64_t>{d2.id}));
  ASSERT_OK_AND_ASSIGN(std::vector<AlarmDevice> all_devices, tx->ListAlarmDevices(std::nullopt));
  EXPECT_EQ(Ids(all_devices), (std::vector<int64_t>{d1.id, d2.id}));
}

// --- Duty ---------------------------------------------------------------------------

TEST_P(StoreAlarmsTest, DutyIsOneSiteAtATimeAndListedWithinItsWindow) {
  ASSERT_OK_AND_ASSIGN(SiteId s1, AddSite(NewSite(unit_a_, "Ett")));
  ASSERT_OK_AND_ASSIGN(SiteId s2, AddSite(NewSite(unit_a_, "Två")));
  ASSERT_OK_AND_ASSIGN(RoomId room, AddRoom(s2, "Reception", RoomKind::kReception));
  const Duty alice_first{alice_, s1, std::nullopt, DutyFunction::kKollega, kBase, kBase + 1000};
  const Duty alice{alice_, s2, room, DutyFunction::kReception, kBase + 10, kBase + 1000};
  const Duty bob{bob_, s2, std::nullopt, DutyFunction::kVakt, kBase, kBase + 500};
  const Duty carol{carol_, s2, std::nullopt, DutyFunction::kChef, kBase + 200, kBase + 2000};
  const Duty dave{dave_, s1, std::nullopt, DutyFunction::kKollega, kBase, kBase + 2000};
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    for (const Duty& d : {alice_first, bob, carol, dave}) ASSERT_OK(tx->PutDuty(d));
    ASSERT_OK(tx->PutDuty(alice));  // replaces her duty at s1
    EXPECT_STATUS(tx->PutDuty({dave_ + 100, s1, std::nullopt, DutyFunction::kKollega, 0, 1}),
                  StatusCode::kInvalidArgument, "storage.foreign_key");
    ASSERT_OK(tx->Commit());
  }
  Reopen();
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Read());
    ASSERT_OK_AND_ASSIGN(std::optional<Duty> got, tx->GetDuty(alice_));
    ASSERT_TRUE(got.has_value());
    ExpectDutyEq(*got, alice);
    auto users_at = [&](SiteId site, TimeMs now) {
      std::vector<int64_t> ids;
      auto listed = tx->ListDutyAt(site, now);
      EXPECT_TRUE(listed.ok());
      if (listed.ok()) {
        for (const Duty& d : *listed) ids.push_back(d.user_id);
      }
      return ids;
    };
    EXPECT_EQ(users_at(s1, kBase + 100), (std::vector<int64_t>{dave_}));  // alice moved
    EXPECT_EQ(users_at(s2, kBase + 9), (std::vector<int64_t>{bob_}));     // alice from +10
    EXPECT_EQ(users_at(s2, kBase + 10), (std::vector<int64_t>{alice_, bob_}));
    EXPECT_EQ(users_at(s2, kBase + 200), (std::vector<int64_t>{alice_, bob_, carol_}));
    EXPECT_EQ(users_at(s2, kBase + 499), (std::vector<int64_t>{alice_, bob_, carol_}));
    EXPECT_EQ(users_at(s2, kBase + 500), (std::vector<int64_t>{alice_, carol_}));  // until: out
    EXPECT_EQ(users_at(s2, kBase + 1000), (std::vector<int64_t>{carol_}));
    EXPECT_TRUE(users_at(s2, kBase + 2000).empty());
    ASSERT_OK_AND_ASSIGN(std::vector<Duty> full, tx->ListDutyAt(s2, kBase + 300));
    ASSERT_EQ(full.size(), 3u);
    ExpectDutyEq(full[0], alice);
    ExpectDutyEq(full[2], carol);
  }
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK(tx->DeleteDuty(alice_));
    ASSERT_OK(tx->DeleteDuty(alice_));  // off duty twice is fine
    ASSERT_OK(tx->Commit());
  }
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(std::optional<Duty> gone, tx->GetDuty(alice_));
  EXPECT_FALSE(gone.has_value());
  ASSERT_OK_AND_ASSIGN(std::optional<Duty> still, tx->GetDuty(bob_));
  EXPECT_TRUE(still.has_value());
}

// --- Alarms and receivers ------------------------------------------------------------

TEST_P(StoreAlarmsTest, AlarmRoundTripsEveryFieldAndUpdatesByVersion) {
  ASSERT_OK_AND_ASSIGN(SiteId site, AddSite(NewSite(unit_a_, "Ett")));
  ASSERT_OK_AND_ASSIGN(RoomId room, AddRoom(site, "Besöksrum", RoomKind::kBesoksrum));
  ASSERT_OK_AND_ASSIGN(int64_t device, InsertCommitted([&](StoreTx& tx) {
                         return tx.InsertAlarmDevice(
                             {0, room, "Knapp", std::string(64, 'f'), kBase, std::nullopt, false});
                       }));
  ASSERT_OK_AND_ASSIGN(IncidentId incident,
                       AddIncident(NewIncident(unit_a_, alice_, {alice_}, kBase)));
  // Raised by a device: no user.
  Alarm by_device = NewAlarm(site, room, alice_, kBase, AlarmKind::kTest);
  by_device.raised_by.reset();
  by_device.device_id = device;
  ASSERT_OK_AND_ASSIGN(by_device.id, AddAlarm(by_device));
  Alarm a = NewAlarm(site, std::nullopt, bob_, kBase + 100);
  ASSERT_OK_AND_ASSIGN(a.id, AddAlarm(a));
  Alarm ended = a;
  ended.status = AlarmStatus::kEnded;
  ended.ring = 2;
  ended.call_112 = true;
  ended.ended_at = kBase + 90'000;
  ended.ended_by = alice_;
  ended.outcome = AlarmOutcome::kFalseAlarm;
  ended.outcome_note = "Fickan — \"ingen fara\"; 'citat' och ÅÄÖ.";
  ended.incident_id = incident;
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK(tx->UpdateAlarm(ended, 1));
    EXPECT_STATUS(tx->UpdateAlarm(a, 1), StatusCode::kConflict, "storage.stale");
    Alarm absent = a;
    absent.id = a.id + 100;
    EXPECT_STATUS(tx->UpdateAlarm(absent, 1), StatusCode::kNotFound, "alarm.not_found");
    Alarm bad_site = NewAlarm(site + 100, std::nullopt, bob_, kBase);
    EXPECT_STATUS(tx->InsertAlarm(bad_site), StatusCode::kInvalidArgument, "storage.foreign_key");
    ASSERT_OK(tx->Commit());
    ended.version = 2;
  }
  Reopen();
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(Alarm got, tx->GetAlarm(a.id));
  ExpectAlarmEq(got, ended);
  ASSERT_OK_AND_ASSIGN(Alarm got_device, tx->GetAlarm(by_device.id));
  ExpectAlarmEq(got_device, by_device);
  EXPECT_STATUS(tx->GetAlarm(a.id + 100), StatusCode::kNotFound, "alarm.not_found");
}

TEST_P(StoreAlarmsTest, ReceiversAreAddedOnceAndUpdated) {
  ASSERT_OK_AND_ASSIGN(SiteId site, AddSite(NewSite(unit_a_, "Ett")));
  ASSERT_OK_AND_ASSIGN(AlarmId alarm, AddAlarm(NewAlarm(site, std::nullopt, alice_, kBase)));
  AlarmReceiver bob{alarm, bob_, 1, kBase, std::nullopt, std::nullopt};
  AlarmReceiver alice{alarm, alice_, 1, kBase, kBase + 400, std::nullopt};
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK_AND_ASSIGN(bool added, tx->AddAlarmReceiver(bob));
    EXPECT_TRUE(added);
    ASSERT_OK_AND_ASSIGN(added, tx->AddAlarmReceiver(alice));
    EXPECT_TRUE(added);
    // Ring 2 reaching bob again changes nothing: he keeps his first row.
    ASSERT_OK_AND_ASSIGN(
        added, tx->AddAlarmReceiver({alarm, bob_, 2, kBase + 30'000, std::nullopt, std::nullopt}));
    EXPECT_FALSE(added);
    EXPECT_STATUS(tx->AddAlarmReceiver({alarm + 100, bob_, 1, kBase, std::nullopt, std::nullopt}),
                  StatusCode::kInvalidArgument, "storage.foreign_key");
    bob.delivered_at = kBase + 500;
    bob.responded_at = kBase + 2'500;
    ASSERT_OK(tx->UpdateAlarmReceiver(bob));
    EXPECT_EQ(
        StatusOf(tx->UpdateAlarmReceiver({alarm, carol_, 1, kBase, std::nullopt, std::nullopt}))
            .code(),
        StatusCode::kNotFound);
    ASSERT_OK(tx->Commit());
  }
  Reopen();
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(std::vector<AlarmReceiver> got, tx->ListAlarmReceivers(alarm));
  ASSERT_EQ(got.size(), 2u);
  ExpectReceiverEq(got[0], alice_ < bob_ ? alice : bob);
  ExpectReceiverEq(got[1], alice_ < bob_ ? bob : alice);
  ASSERT_OK_AND_ASSIGN(std::vector<AlarmReceiver> none, tx->ListAlarmReceivers(alarm + 1));
  EXPECT_TRUE(none.empty());
}

TEST_P(StoreAlarmsTest, ListAlarmsFiltersAndOrdersNewestFirst) {
  ASSERT_OK_AND_ASSIGN(SiteId s1, AddSite(NewSite(unit_a_, "Ett")));
  ASSERT_OK_AND_ASSIGN(SiteId s2, AddSite(NewSite(unit_b_, "Två")));
  ASSERT_OK_AND_ASSIGN(RoomId r1, AddRoom(s1, "Rum 1", RoomKind::kBesoksrum));
  ASSERT_OK_AND_ASSIGN(AlarmId a1, AddAlarm(NewAlarm(s1, r1, alice_, kBase + 100)));
  ASSERT_OK_AND_ASSIGN(AlarmId a2, AddAlarm(NewAlarm(s2, std::nullopt, carol_, kBase + 300)));
  ASSERT_OK_AND_ASSIGN(AlarmId a3, AddAlarm(NewAlarm(s1, r1, bob_, kBase + 200, AlarmKind::kTest)));
  // Raised at the same instant as a2: the greater id comes first.
  ASSERT_OK_AND_ASSIGN(AlarmId a4, AddAlarm(NewAlarm(s2, std::nullopt, dave_, kBase + 300)));
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK_AND_ASSIGN(Alarm one, tx->GetAlarm(a1));
    one.status = AlarmStatus::kEnded;
    ASSERT_OK(tx->UpdateAlarm(one, one.version));
    ASSERT_OK(tx->Commit());
  }
  ASSERT_OK(AddReceiver(a2, alice_));  // alice receives carol's alarm
  ASSERT_OK(AddReceiver(a3, dave_));

  // The ids ListAlarms returns for a query that `set` fills in.
  auto ids = [&](const std::function<void(AlarmQuery&)>& set) {
    AlarmQuery q;
    set(q);
    auto r = AlarmIds(q);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : std::vector<int64_t>{};
  };
  using V = std::vector<int64_t>;
  using Q = AlarmQuery;
  EXPECT_EQ(ids([](Q&) {}), (V{a4, a2, a3, a1}));
  EXPECT_EQ(ids([](Q& q) { q.status = AlarmStatus::kActive; }), (V{a4, a2, a3}));
  EXPECT_EQ(ids([](Q& q) { q.status = AlarmStatus::kEnded; }), (V{a1}));
  EXPECT_EQ(ids([&](Q& q) { q.site_id = s1; }), (V{a3, a1}));
  EXPECT_EQ(ids([&](Q& q) { q.site_ids = std::vector<SiteId>{s2}; }), (V{a4, a2}));
  EXPECT_EQ(ids([&](Q& q) { q.site_ids = std::vector<SiteId>{s1, s2}; }), (V{a4, a2, a3, a1}));
  EXPECT_TRUE(ids([](Q& q) { q.site_ids = std::vector<SiteId>{}; }).empty());
  EXPECT_EQ(ids([&](Q& q) { q.involving = alice_; }), (V{a2, a1}));  // raised a1, receives a2
  EXPECT_EQ(ids([&](Q& q) { q.involving = dave_; }), (V{a4, a3}));
  EXPECT_EQ(ids([&](Q& q) { q.involving = bob_; }), (V{a3}));
  EXPECT_EQ(ids([](Q& q) { q.kind = AlarmKind::kTest; }), (V{a3}));
  EXPECT_EQ(ids([&](Q& q) { q.room_id = r1; }), (V{a3, a1}));
  EXPECT_EQ(ids([&](Q& q) {
              q.status = AlarmStatus::kActive;
              q.site_ids = std::vector<SiteId>{s1};
              q.involving = dave_;
            }),
            (V{a3}));
  EXPECT_EQ(ids([](Q& q) { q.limit = 2; }), (V{a4, a2}));
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  Q zero;
  zero.limit = 0;
  EXPECT_STATUS(tx->ListAlarms(zero), StatusCode::kInvalidArgument, "storage.bad_page");
}

// --- Events ---------------------------------------------------------------------------

TEST_P(StoreAlarmsTest, EventsGetIncreasingSeqsAcrossAlarmsAndTransactions) {
  ASSERT_OK_AND_ASSIGN(SiteId site, AddSite(NewSite(unit_a_, "Ett")));
  ASSERT_OK_AND_ASSIGN(AlarmId a1, AddAlarm(NewAlarm(site, std::nullopt, alice_, kBase)));
  ASSERT_OK_AND_ASSIGN(AlarmId a2, AddAlarm(NewAlarm(site, std::nullopt, bob_, kBase + 5)));
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Read());
    ASSERT_OK_AND_ASSIGN(int64_t last, tx->LastAlarmEventSeq());
    EXPECT_EQ(last, 0);
  }
  std::vector<AlarmEvent> written = {
      {0, a1, AlarmEventKind::kRaised, kBase, alice_, "3"},
      {0, a2, AlarmEventKind::kRaised, kBase + 5, bob_, "2"},
      {0, a1, AlarmEventKind::kRing2, kBase + 30'000, std::nullopt, "1"},
      {0, a1, AlarmEventKind::kResponding, kBase + 31'000, bob_, ""},
      {0, a2, AlarmEventKind::kEnded, kBase + 40'000, bob_, "false_alarm"},
  };
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    for (size_t k = 0; k < 3; ++k) {
      ASSERT_OK_AND_ASSIGN(written[k].seq, tx->AppendAlarmEvent(written[k]));
    }
    EXPECT_STATUS(tx->AppendAlarmEvent({0, a2 + 100, AlarmEventKind::kRaised, kBase, alice_, ""}),
                  StatusCode::kInvalidArgument, "storage.foreign_key");
    ASSERT_OK(tx->Commit());
  }
  {
    // A rolled-back event leaves no trace.
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK(StatusOf(tx->AppendAlarmEvent({0, a2, AlarmEventKind::kCall112, kBase, {}, ""})));
  }
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    for (size_t k = 3; k < written.size(); ++k) {
      ASSERT_OK_AND_ASSIGN(written[k].seq, tx->AppendAlarmEvent(written[k]));
    }
    ASSERT_OK(tx->Commit());
  }
  for (size_t k = 1; k < written.size(); ++k) EXPECT_GT(written[k].seq, written[k - 1].seq);
  EXPECT_EQ(written[0].seq, 1);
  Reopen();
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(int64_t last, tx->LastAlarmEventSeq());
  EXPECT_EQ(last, written.back().seq);
  ASSERT_OK_AND_ASSIGN(std::vector<AlarmEvent> all, tx->ListAlarmEventsAfter(0, 100));
  ASSERT_EQ(all.size(), written.size());
  for (size_t k = 0; k < all.size(); ++k) ExpectEventEq(all[k], written[k]);
  ASSERT_OK_AND_ASSIGN(std::vector<AlarmEvent> page, tx->ListAlarmEventsAfter(written[1].seq, 2));
  EXPECT_EQ(Seqs(page), (std::vector<int64_t>{written[2].seq, written[3].seq}));
  ASSERT_OK_AND_ASSIGN(std::vector<AlarmEvent> none, tx->ListAlarmEventsAfter(last, 10));
  EXPECT_TRUE(none.empty());
  ASSERT_OK_AND_ASSIGN(std::vector<AlarmEvent> of_a1, tx->ListAlarmEvents(a1));
  EXPECT_EQ(Seqs(of_a1), (std::vector<int64_t>{written[0].seq, written[2].seq, written[3].seq}));
  ASSERT_OK_AND_ASSIGN(std::vector<AlarmEvent> of_a2, tx->ListAlarmEvents(a2));
  ASSERT_EQ(of_a2.size(), 2u);
  ExpectEventEq(of_a2[1], written[4]);
  EXPECT_STATUS(tx->ListAlarmEventsAfter(0, 0), StatusCode::kInvalidArgument, "storage.bad_page");
}

// --- Tests of rooms -----------------------------------------------------------------

TEST_P(StoreAlarmsTest, LastRoomTestIsTheLastRespondedTestAlarm) {
  ASSERT_OK_AND_ASSIGN(SiteId site, AddSite(NewSite(unit_a_, "Ett")));
  ASSERT_OK_AND_ASSIGN(RoomId r1, AddRoom(site, "Rum 1", RoomKind::kBesoksrum));
  ASSERT_OK_AND_ASSIGN(RoomId r2, AddRoom(site, "Rum 2", RoomKind::kReception));
  ASSERT_OK_AND_ASSIGN(RoomId r3, AddRoom(site, "Rum 3", RoomKind::kKontor));
  (void)r3;  // tested, but nobody responded
  auto add = [&](std::optional<RoomId> room, TimeMs at, AlarmKind kind, bool responded) -> Status {
    TRYGG_ASSIGN_OR_RETURN(AlarmId id, AddAlarm(NewAlarm(site, room, alice_, at, kind)));
    TRYGG_RETURN_IF_ERROR(
        AddReceiver(id, bob_, responded ? std::optional<TimeMs>(at + 3'000) : std::nullopt));
    return AddReceiver(id, carol_);
  };
  ASSERT_OK(add(r1, kBase + 1'000, AlarmKind::kTest, true));
  ASSERT_OK(add(r1, kBase + 5'000, AlarmKind::kTest, false));  // later, unanswered
  ASSERT_OK(add(r1, kBase + 9'000, AlarmKind::kReal, true));   // not a test
  ASSERT_OK(add(r1, kBase + 9'500, AlarmKind::kDrill, true));  // nor is a drill
  ASSERT_OK(add(r2, kBase + 2'000, AlarmKind::kTest, true));
  ASSERT_OK(add(r2, kBase + 7'000, AlarmKind::kTest, true));
  ASSERT_OK(add(r3, kBase + 8'000, AlarmKind::kTest, false));
  ASSERT_OK(add(std::nullopt, kBase + 9'900, AlarmKind::kTest, true));  // no room
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(auto tests, tx->ListLastRoomTests());
  using RoomTest = std::pair<RoomId, TimeMs>;
  EXPECT_EQ(tests, (std::vector<RoomTest>{{r1, kBase + 1'000}, {r2, kBase + 7'000}}));
}

// --- Whole tables (trygg copy) --------------------------------------------------------

TEST_P(StoreAlarmsTest, AlarmTablesReadAndWriteAsTheCatalogueSays) {
  ASSERT_OK_AND_ASSIGN(SiteId site, AddSite(NewSite(unit_a_, "Ett")));
  ASSERT_OK_AND_ASSIGN(RoomId room, AddRoom(site, "Rum", RoomKind::kSamtalsrum));
  ASSERT_OK_AND_ASSIGN(AlarmId alarm, AddAlarm(NewAlarm(site, room, alice_, kBase)));
  ASSERT_OK(AddReceiver(alarm, bob_, kBase + 10));
  ASSERT_OK_AND_ASSIGN(auto tx, Write());
  ASSERT_OK(StatusOf(
      tx->InsertAlarmDevice({0, room, "Knapp", std::string(64, 'e'), kBase, std::nullopt, true})));
  ASSERT_OK(tx->PutDuty({alice_, site, room, DutyFunction::kReception, kBase, kBase + 10}));
  ASSERT_OK(StatusOf(tx->AppendAlarmEvent({0, alarm, AlarmEventKind::kRaised, kBase, alice_, ""})));
  int alarm_tables = 0;
  for (const TableInfo& table : CopiedTables()) {
    if (!table.name.starts_with("alarm")) continue;
    ++alarm_tables;
    ASSERT_OK_AND_ASSIGN(std::vector<TableRow> rows, tx->ReadRows(table, {}, 10));
    ASSERT_EQ(rows.size(), 1u) << table.name;
    ASSERT_EQ(rows[0].size(), table.columns.size()) << table.name;
    ASSERT_OK_AND_ASSIGN(std::vector<int64_t> last, tx->LastKey(table));
    EXPECT_EQ(last.size(), table.key.size()) << table.name;
  }
  EXPECT_EQ(alarm_tables, 7);
  // A row read back in writes again under a new key: the columns line up.
  for (const TableInfo& table : CopiedTables()) {
    if (table.name != "alarm_events") continue;
    ASSERT_OK_AND_ASSIGN(std::vector<TableRow> rows, tx->ReadRows(table, {}, 10));
    rows[0][0] = "77";
    ASSERT_OK(tx->WriteRows(table, rows));
    ASSERT_OK_AND_ASSIGN(int64_t count, tx->CountRows(table));
    EXPECT_EQ(count, 2);
  }
  ASSERT_OK_AND_ASSIGN(int64_t last_seq, tx->LastAlarmEventSeq());
  EXPECT_EQ(last_seq, 77);
}

// --- Schema upgrade -------------------------------------------------------------------

TEST_P(StoreAlarmsTest, AVersionFiveDatabaseIsUpgradedAndTakesAlarms) {
  const std::string url = GetParam().fresh_url(dir_ / "v5");
  std::filesystem::create_directories(dir_ / "v5");
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> v5, OpenStore(url));  // creates a SQLite file
  }
  std::string sql = SchemaSqlAt(5);
  sql +=
      "INSERT INTO org_units (parent_id, kind, name) VALUES (NULL, 'kommun', 'Gamla');\n"
      "INSERT INTO users (username, display_name, email, unit_id, active, password_hash,"
      " created_at) VALUES ('u', 'U', 'u@k.se', 1, 1, 'h', 0);\n"
      "INSERT INTO unit_profiles (unit_id, headcount, secure_rooms, coordinator_full_time,"
      " alarm_tested_at, updated_by, updated_at) VALUES (1, 40, 2, 1, 123, 1, 5);\n";
  ASSERT_OK(GetParam().exec_raw(url, sql));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, OpenStore(url));
  ASSERT_OK_AND_ASSIGN(int before, store->SchemaVersion());
  EXPECT_EQ(before, 5);
  ASSERT_OK(store->Migrate());
  ASSERT_OK(store->Migrate());  // twice is a no-op
  ASSERT_OK_AND_ASSIGN(int after, store->SchemaVersion());
  EXPECT_EQ(after, kSchemaVersion);
  {
    ASSERT_OK_AND_ASSIGN(auto read, store->BeginRead());
    ASSERT_OK_AND_ASSIGN(std::vector<UnitProfile> profiles, read->ListUnitProfiles());
    ASSERT_EQ(profiles.size(), 1u);
    EXPECT_EQ(profiles[0].alarm_tested_at, 123);
    ASSERT_OK_AND_ASSIGN(std::vector<AlarmSite> sites, read->ListAlarmSites());
    EXPECT_TRUE(sites.empty());
    ASSERT_OK_AND_ASSIGN(int64_t last, read->LastAlarmEventSeq());
    EXPECT_EQ(last, 0);
  }
  {
    ASSERT_OK_AND_ASSIGN(auto write, store->BeginWrite());
    AlarmSite s;
    s.unit_id = 1;
    s.name = "Första arbetsplatsen";
    ASSERT_OK_AND_ASSIGN(SiteId site, write->InsertAlarmSite(s));
    Alarm a;
    a.site_id = site;
    a.unit_id = 1;
    a.raised_by = 1;
    a.raised_at = kBase;
    ASSERT_OK_AND_ASSIGN(AlarmId alarm, write->InsertAlarm(a));
    ASSERT_OK_AND_ASSIGN(
        int64_t seq, write->AppendAlarmEvent({0, alarm, AlarmEventKind::kRaised, kBase, 1, ""}));
    EXPECT_EQ(seq, 1);
    ASSERT_OK(write->Commit());
  }
  store.reset();
  if (GetParam().drop) GetParam().drop(url);
}

// --- The signal between processes -----------------------------------------------------

TEST_P(StoreAlarmsTest, AnEventCommittedThroughOneStoreWakesAnotherStoresWait) {
  using Clock = std::chrono::steady_clock;
  ASSERT_OK_AND_ASSIGN(SiteId site, AddSite(NewSite(unit_a_, "Ett")));
  ASSERT_OK_AND_ASSIGN(AlarmId alarm, AddAlarm(NewAlarm(site, std::nullopt, alice_, kBase)));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> other, OpenStore(url_));
  auto append = [&](bool commit) -> Status {
    TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, store_->BeginWrite());
    TRYGG_RETURN_IF_ERROR(
        StatusOf(tx->AppendAlarmEvent({0, alarm, AlarmEventKind::kRaised, kBase, alice_, ""})));
    return commit ? tx->Commit() : Status::Ok();
  };
  if (GetParam().name != "postgresql") {
    // No signal: the wait sleeps its timeout and says nothing came.
    ASSERT_OK(append(true));
    const auto start = Clock::now();
    EXPECT_FALSE(other->WaitForAlarmSignal(30));
    EXPECT_GE(Clock::now() - start, std::chrono::milliseconds(25));
    return;
  }
  // The first call opens the listening session; nothing before it counts.
  EXPECT_FALSE(other->WaitForAlarmSignal(10));
  // Nothing written: the full timeout passes.
  auto start = Clock::now();
  EXPECT_FALSE(other->WaitForAlarmSignal(150));
  EXPECT_GE(Clock::now() - start, std::chrono::milliseconds(140));
  // A rolled-back event signals nothing.
  ASSERT_OK(append(false));
  EXPECT_FALSE(other->WaitForAlarmSignal(150));
  // A committed one, written while the other store waits, wakes it at once.
  std::future<Status> writer = std::async(std::launch::async, [&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return append(true);
  });
  start = Clock::now();
  const bool woken = other->WaitForAlarmSignal(10'000);
  const auto waited = Clock::now() - start;
  ASSERT_OK(writer.get());
  EXPECT_TRUE(woken);
  EXPECT_LT(waited, std::chrono::milliseconds(3'000));
  // One written while nobody waited is reported by the next wait straight away.
  ASSERT_OK(append(true));
  start = Clock::now();
  EXPECT_TRUE(other->WaitForAlarmSignal(5'000));
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(2'000));
  // Everything was consumed: the next wait times out.
  EXPECT_FALSE(other->WaitForAlarmSignal(50));
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreAlarmsTest, ::testing::ValuesIn(Engines()), EngineName);

}  // namespace
}  // namespace trygg::store_test
