// AlarmHub: events reach the screens of their receivers only, formatted once; a screen that
// comes back with its last seq gets each missed alarm once in its current state; a local raise
// wakes the tail at once; on PostgreSQL a raise in one process reaches another's screens.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <sstream>

#include "../storage/store_test_support.h"
#include "app_fixture.h"
#include "core/text.h"

namespace trygg::testing {
namespace {

// Everything the subscription has pending, concatenated; "" when nothing.
std::string Taken(AlarmSubscription& sub) {
  std::vector<std::shared_ptr<const std::string>> pieces;
  sub.Take(&pieces);
  return ConcatShared(pieces);
}

RaiseAlarm InRoom(RoomId room, AlarmKind kind = AlarmKind::kReal) {
  RaiseAlarm in;
  in.room_id = room;
  in.kind = kind;
  return in;
}

// "alarm:kind:status:responders:seq" per message, one a line.
std::string Line(const AlarmMessage& m) {
  return std::to_string(m.view.alarm.id) + ":" + std::string(AlarmEventKindCode(m.kind)) + ":" +
         std::string(AlarmStatusCode(m.view.alarm.status)) + ":" +
         std::to_string(m.view.responders.size()) + ":" + std::to_string(m.seq) + "\n";
}

// The lines of `text` about `alarm`, without their seq.
std::vector<std::string> About(const std::string& text, AlarmId alarm) {
  std::vector<std::string> out;
  std::istringstream in(text);
  const std::string prefix = std::to_string(alarm) + ":";
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(prefix, 0) != 0) continue;
    out.push_back(line.substr(prefix.size(), line.rfind(':') - prefix.size()));
  }
  return out;
}

// Waits up to `ms` for a wake callback.
class Waker {
 public:
  std::function<void()> Callback() {
    return [this] {
      std::lock_guard lock(mu_);
      ++wakes_;
      cv_.notify_all();
    };
  }
  bool WaitFor(int ms) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return wakes_ > 0; });
  }
  int wakes() {
    std::lock_guard lock(mu_);
    return wakes_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int wakes_ = 0;
};

class AlarmHubTest : public AppFixture {
 protected:
  void SetUp() override {
    formatted_ = 0;
    app().alarm_hub().SetFormatter([](const AlarmMessage& m) {
      ++formatted_;
      return Line(m);
    });
    ASSERT_TRUE(app().alarm_hub().Pump().ok());
  }

  // A site at EB with one room and the colleague on duty there in ring 1.
  static RoomId SiteWithColleague(const std::string& name) {
    NewSite in;
    in.site.unit_id = org().eb;
    in.site.name = name;
    auto site = app().alarms().CreateSite(people().chef_eb, in);
    EXPECT_TRUE(site.ok()) << site.status().ToString();
    AlarmRoom room;
    room.name = "Besöksrum";
    auto r = app().alarms().AddRoom(people().chef_eb, site->site.id, room);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_TRUE(app()
                    .alarms()
                    .PutDuty(people().colleague, site->site.id, DutyFunction::kKollega,
                             std::nullopt, std::nullopt)
                    .ok());
    return r->room.id;
  }

  static AlarmId Raise(RoomId room) {
    auto r = app().alarms().Raise(people().employee, InRoom(room));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r->view.alarm.id;
  }

  static inline std::atomic<int> formatted_{0};
};

TEST_F(AlarmHubTest, AnEventReachesEveryScreenOfItsReceiversOnlyFormattedOnce) {
  AlarmHub& hub = app().alarm_hub();
  const RoomId room = SiteWithColleague("Hubgatan 1");
  auto phone = hub.Subscribe(people().colleague, std::nullopt);
  auto desktop = hub.Subscribe(people().colleague, std::nullopt);
  auto stranger = hub.Subscribe(people().chef_rec, std::nullopt);
  ASSERT_TRUE(phone.ok() && desktop.ok() && stranger.ok());
  EXPECT_EQ(hub.subscribers(), 3u);
  Waker waker;
  (*phone)->SetWake(waker.Callback());
  const int formatted_before = formatted_;

  const AlarmId id = Raise(room);
  EXPECT_EQ(waker.wakes(), 0);  // nothing is pushed before the tail reads it
  auto read = hub.Pump();
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(*read, 1);
  EXPECT_EQ(formatted_ - formatted_before, 1);  // one text for every screen
  EXPECT_EQ(waker.wakes(), 1);
  const std::string on_phone = Taken(**phone);
  EXPECT_EQ(About(on_phone, id), std::vector<std::string>{"raised:active:0"});
  EXPECT_EQ(Taken(**desktop), on_phone);
  EXPECT_EQ(Taken(**stranger), "");
  EXPECT_EQ(Taken(**phone), "");  // taken

  ASSERT_TRUE(app().alarms().Respond(people().colleague, id).ok());
  ASSERT_TRUE(app().alarms().End(people().employee, id, AlarmOutcome::kResolved, "").ok());
  ASSERT_TRUE(hub.Pump().ok());
  // Both events in one read: one message, the alarm's last state and event.
  EXPECT_EQ(About(Taken(**phone), id), (std::vector<std::string>{"ended:ended:1"}));
  EXPECT_EQ(Taken(**stranger), "");
  EXPECT_EQ(hub.last_seq(), [&] {
    auto tx = store_->BeginRead();
    return *(*tx)->LastAlarmEventSeq();
  }());
  phone->reset();
  desktop->reset();
  stranger->reset();
  EXPECT_EQ(hub.subscribers(), 0u);
}

TEST_F(AlarmHubTest, ADeliveredReachesOnlyTheRaiserUnlessTheReadHasMoreForEveryone) {
  AlarmHub& hub = app().alarm_hub();
  const RoomId room = SiteWithColleague("Hubgatan 3");
  auto raiser = hub.Subscribe(people().employee, std::nullopt);
  auto colleague = hub.Subscribe(people().colleague, std::nullopt);
  ASSERT_TRUE(raiser.ok() && colleague.ok());
  const AlarmId id = Raise(room);
  ASSERT_TRUE(hub.Pump().ok());
  ASSERT_EQ(About(Taken(**colleague), id), std::vector<std::string>{"raised:active:0"});
  Taken(**raiser);

  // The colleague's screen showed it: news for the raiser's panel only.
  ASSERT_TRUE(app().alarms().Delivered(people().colleague, id).ok());
  ASSERT_TRUE(hub.Pump().ok());
  EXPECT_EQ(About(Taken(**raiser), id), std::vector<std::string>{"delivered:active:0"});
  EXPECT_EQ(Taken(**colleague), "");

  // A delivered and a response in one read: everyone gets the last state.
  ASSERT_TRUE(app().alarms().Delivered(people().employee, id).ok());
  ASSERT_TRUE(app().alarms().Respond(people().colleague, id).ok());
  ASSERT_TRUE(hub.Pump().ok());
  EXPECT_EQ(About(Taken(**raiser), id), std::vector<std::string>{"responding:active:1"});
  EXPECT_EQ(About(Taken(**colleague), id), std::vector<std::string>{"responding:active:1"});
}

TEST_F(AlarmHubTest, AScreenComingBackGetsEachMissedAlarmOnceInItsCurrentState) {
  AlarmHub& hub = app().alarm_hub();
  const RoomId room = SiteWithColleague("Hubgatan 2");
  int64_t last_seen = 0;
  {
    auto away = hub.Subscribe(people().colleague, std::nullopt);
    ASSERT_TRUE(away.ok());
    last_seen = hub.last_seq();
  }  // the screen goes away
  const AlarmId id = Raise(room);
  ASSERT_TRUE(app().alarms().Delivered(people().colleague, id).ok());
  ASSERT_TRUE(app().alarms().Respond(people().colleague, id).ok());
  ASSERT_TRUE(hub.Pump().ok());  // nobody listening

  auto back = hub.Subscribe(people().colleague, last_seen);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  const std::string replayed = Taken(**back);
  EXPECT_EQ(About(replayed, id), std::vector<std::string>{"responding:active:1"});
  ASSERT_TRUE(hub.Pump().ok());
  EXPECT_EQ(Taken(**back), "");  // nothing twice
  // Someone not receiving it gets nothing; a screen without a last seq gets the active alarm.
  auto stranger = hub.Subscribe(people().chef_rec, last_seen);
  ASSERT_TRUE(stranger.ok());
  EXPECT_EQ(Taken(**stranger), "");
  auto fresh = hub.Subscribe(people().colleague, std::nullopt);
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(About(Taken(**fresh), id), std::vector<std::string>{"responding:active:1"});

  ASSERT_TRUE(app().alarms().End(people().employee, id, AlarmOutcome::kResolved, "").ok());
  ASSERT_TRUE(hub.Pump().ok());
  auto later = hub.Subscribe(people().colleague, std::nullopt);  // ended: not replayed
  ASSERT_TRUE(later.ok());
  EXPECT_TRUE(About(Taken(**later), id).empty());
  auto since = hub.Subscribe(people().colleague, last_seen);  // …but after a seq, it is
  ASSERT_TRUE(since.ok());
  EXPECT_EQ(About(Taken(**since), id), std::vector<std::string>{"ended:ended:1"});
}

TEST_F(AlarmHubTest, ALocalRaiseWakesTheTailAtOnce) {
  AlarmHub& hub = app().alarm_hub();
  const RoomId room = SiteWithColleague("Hubgatan 3");
  hub.Start(60000);  // only a poke can deliver within the test
  auto sub = hub.Subscribe(people().colleague, std::nullopt);
  ASSERT_TRUE(sub.ok());
  Taken(**sub);
  Waker waker;
  (*sub)->SetWake(waker.Callback());
  const auto started = std::chrono::steady_clock::now();
  const AlarmId id = Raise(room);
  ASSERT_TRUE(waker.WaitFor(5000));
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  EXPECT_LT(ms, 1000);
  EXPECT_EQ(About(Taken(**sub), id), std::vector<std::string>{"raised:active:0"});
  hub.Stop();
  ASSERT_TRUE(app().alarms().End(people().employee, id, AlarmOutcome::kResolved, "").ok());
}

// Two processes over one PostgreSQL database: a raise through A reaches a
// screen subscribed to B's hub, by B's tail and by NOTIFY.
TEST(AlarmHubPgTest, ARaiseInOneProcessReachesAnothersScreens) {
  std::vector<store_test::Engine> engines = store_test::Engines();
  auto pg = std::find_if(engines.begin(), engines.end(),
                         [](const store_test::Engine& e) { return e.name == "postgresql"; });
  if (pg == engines.end()) GTEST_SKIP() << "TRYGG_TEST_PG_URL not set";
  InitCrypto();
  const std::string url = pg->fresh_url(std::filesystem::temp_directory_path());
  {
    auto store_a = OpenStore(url);
    ASSERT_TRUE(store_a.ok()) << store_a.status().ToString();
    ASSERT_TRUE((*store_a)->Migrate().ok());
    auto store_b = OpenStore(url);
    ASSERT_TRUE(store_b.ok()) << store_b.status().ToString();
    ManualClock clock(*ParseIso8601("2026-11-20T15:00:00Z"));
    App a(**store_a, clock);
    App b(**store_b, clock);

    auto kommun = a.org().Create(nullptr, OrgUnit{0, std::nullopt, UnitKind::kKommun, "K"});
    ASSERT_TRUE(kommun.ok());
    auto forv = a.org().Create(nullptr, OrgUnit{0, kommun->id, UnitKind::kForvaltning, "F"});
    ASSERT_TRUE(forv.ok());
    auto enhet = a.org().Create(nullptr, OrgUnit{0, forv->id, UnitKind::kEnhet, "E"});
    ASSERT_TRUE(enhet.ok());
    auto person = [&](const std::string& name) {
      auto u = a.users().Create(nullptr,
                                NewUser{name, "Person " + name, "", enhet->id, "correct horse b"});
      EXPECT_TRUE(u.ok()) << u.status().ToString();
      Principal p;
      p.user = u->user;
      p.actor = Actor{u->user.id, enhet->id, u->grants};
      return p;
    };
    Principal chef = person("chef");
    ASSERT_TRUE(a.users().Grant(nullptr, chef.user.id, Role::kChef, enhet->id).ok());
    chef.actor.grants.push_back(RoleGrant{0, chef.user.id, Role::kChef, enhet->id});
    const Principal raiser = person("raiser");
    const Principal colleague = person("colleague");
    NewSite in;
    in.site.unit_id = enhet->id;
    in.site.name = "Pg-gatan 1";
    auto site = a.alarms().CreateSite(chef, in);
    ASSERT_TRUE(site.ok()) << site.status().ToString();
    AlarmRoom room;
    room.name = "Reception";
    auto r = a.alarms().AddRoom(chef, site->site.id, room);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_TRUE(
        a.alarms()
            .PutDuty(colleague, site->site.id, DutyFunction::kKollega, std::nullopt, std::nullopt)
            .ok());

    AlarmHub& hub = b.alarm_hub();
    hub.SetFormatter(Line);
    ASSERT_TRUE(hub.Pump().ok());
    auto screen = hub.Subscribe(colleague, std::nullopt);
    ASSERT_TRUE(screen.ok()) << screen.status().ToString();
    auto raised = a.alarms().Raise(raiser, InRoom(r->room.id));
    ASSERT_TRUE(raised.ok()) << raised.status().ToString();
    const AlarmId id = raised->view.alarm.id;
    auto read = hub.Pump();
    ASSERT_TRUE(read.ok()) << read.status().ToString();
    EXPECT_EQ(*read, 1);
    EXPECT_EQ(About(Taken(**screen), id), std::vector<std::string>{"raised:active:0"});

    // Started with a long poll: A's write reaches B by NOTIFY. (One wait
    // first, so B listens before A writes.)
    (*store_b)->WaitForAlarmSignal(1);
    hub.Start(60000);
    Waker waker;
    (*screen)->SetWake(waker.Callback());
    ASSERT_TRUE(a.alarms().Respond(colleague, id).ok());
    EXPECT_TRUE(waker.WaitFor(5000));
    EXPECT_EQ(About(Taken(**screen), id), std::vector<std::string>{"responding:active:1"});
    hub.Stop();
    screen->reset();
  }
  if (pg->drop) pg->drop(url);
}

}  // namespace
}  // namespace trygg::testing
