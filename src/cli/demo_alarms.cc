// seed-demo for the panic alarm: sites, rooms, devices, test rounds, a drill, a false alarm and a
// real alarm reported as an incident — all through AlarmService (see demo_alarms.h).
#include "cli/demo_alarms.h"

#include <algorithm>
#include <map>
#include <memory>
#include <sstream>

#include "core/time.h"

namespace trygg::cli {
namespace {

// After the incidents, the risk and the statistics demo at the same instant.
constexpr int64_t kOrderBase = int64_t{4} << 40;

TimeMs Days(int64_t n) { return n * kMsPerDay; }
TimeMs DayStart(TimeMs t) { return t - t % kMsPerDay; }

struct SiteSpec {
  const char* key;       // "norr", … or "norr.bou"
  size_t district;       // index in world.districts
  const char* unit_key;  // "" : the avdelning; else the enhet
  const char* name;
  const char* address;
  const char* phone_reception;
  const char* phone_guard;
  std::vector<int> test_rounds_days_ago;  // each room tested on these days
};

const std::vector<SiteSpec>& Sites() {
  static const auto* sites = new std::vector<SiteSpec>{
      {"norr",
       0,
       "",
       "Socialkontoret Norra",
       "Storgatan 1, 123 45 Storåsa",
       "08-123 450 10",
       "08-555 100 00",
       {39, 9}},
      {"norr.bou",
       0,
       "bou",
       "Familjens hus Norra",
       "Lönngatan 5, 123 45 Storåsa",
       "08-123 452 00",
       "08-555 100 00",
       {38, 8}},
      {"soder",
       1,
       "",
       "Socialkontoret Södra",
       "Södra torget 2, 123 46 Storåsa",
       "08-123 460 10",
       "08-555 100 00",
       {66, 36}},
      {"vaster",
       2,
       "",
       "Socialkontoret Västra",
       "Västra vägen 3, 123 47 Storåsa",
       "08-123 470 10",
       "08-555 200 00",
       {80}},
  };
  return *sites;
}

struct RoomSpec {
  const char* name;
  RoomKind kind;
  const char* device;  // nullptr: no device
};
const RoomSpec kRooms[] = {
    {"Reception", RoomKind::kReception, "Larmknapp receptionsdisken"},
    {"Besöksrum 1", RoomKind::kBesoksrum, "Larmknapp besöksrum 1"},
    {"Besöksrum 2", RoomKind::kBesoksrum, "Larmknapp besöksrum 2"},
    {"Samtalsrum", RoomKind::kSamtalsrum, nullptr},
};

// What the steps share when they run (after the planner is gone).
struct State {
  App& app;
  const DemoWorld& world;
  DemoAlarmSummary* sum;
  std::map<std::string, SiteId> sites;        // by site key
  std::map<std::string, RoomId> rooms;        // by "site key/room name"
  std::map<std::string, std::string> tokens;  // device tokens by room key
  std::map<std::string, AlarmId> alarms;      // by plan key
  Principal Who(const std::string& username) const { return world.Get(username).AsPrincipal(); }
  // What an earlier step made; FailedPrecondition when that step was refused.
  template <typename T>
  static Result<T> Made(const std::map<std::string, T>& made, const std::string& key) {
    auto it = made.find(key);
    if (it == made.end()) {
      return Status::FailedPrecondition("demo.missing", "an earlier step did not make " + key);
    }
    return it->second;
  }
};

// The alarm an earlier step raised; FailedPrecondition when it was refused.
Result<AlarmId> Raised(const std::shared_ptr<AlarmId>& id) {
  if (*id == 0) return Status::FailedPrecondition("demo.missing", "the alarm was not raised");
  return *id;
}

std::string RoomKey(const std::string& site, const std::string& room) { return site + "/" + room; }

class Planner {
 public:
  Planner(App& app, const DemoWorld& world, uint64_t seed, TimeMs now, DemoAlarmSummary* summary)
      : st_(std::make_shared<State>(State{app, world, summary, {}, {}, {}, {}})),
        rnd_(seed ^ 0xA1A2Aull),
        now_(now) {}

  std::vector<DemoEvent> Plan() {
    for (const SiteSpec& s : Sites()) Site(s);
    for (const SiteSpec& s : Sites()) {
      for (size_t r = 0; r < s.test_rounds_days_ago.size(); ++r) {
        TestRound(s, s.test_rounds_days_ago[r], r + 1 == s.test_rounds_days_ago.size());
      }
    }
    Drill();
    FalseAlarm();
    RealAlarm();
    return std::move(events_);
  }

 private:
  void Add(TimeMs at, std::function<Status()> run) {
    events_.push_back(DemoEvent{at, kOrderBase + order_++, false, std::move(run)});
  }
  // Office hours on the day `days_ago` before now.
  TimeMs OfficeDay(int64_t days_ago) {
    return DemoOfficeTime(DayStart(now_ - Days(days_ago)) + 7 * kMsPerHour, rnd_);
  }
  static std::string Sak(const SiteSpec& s, const DemoWorld& w) {
    return "sakerhet." + w.districts[s.district].key;
  }
  std::string DistrictKey(const SiteSpec& s) const { return st_->world.districts[s.district].key; }

  // The site, its rooms and devices, set up by the district's
  // säkerhetssamordnare when Trygg's alarm was introduced, four months ago.
  void Site(const SiteSpec& s) {
    const DemoDistrict& d = st_->world.districts[s.district];
    NewSite in;
    in.site.unit_id = *s.unit_key ? d.enheter.at(s.unit_key) : d.avdelning;
    in.site.name = s.name;
    in.site.address = s.address;
    in.site.phone_reception = s.phone_reception;
    in.site.phone_guard = s.phone_guard;
    const std::string key = s.key, sak = Sak(s, st_->world);
    const TimeMs at = OfficeDay(120 + static_cast<int64_t>(s.district));
    Add(at, [st = st_, in, key, sak] {
      TRYGG_ASSIGN_OR_RETURN(SiteView v, st->app.alarms().CreateSite(st->Who(sak), in));
      st->sites[key] = v.site.id;
      ++st->sum->sites;
      const Principal who = st->Who(sak);
      for (const RoomSpec& r : kRooms) {
        AlarmRoom room;
        room.site_id = v.site.id;
        room.name = r.name;
        room.kind = r.kind;
        TRYGG_ASSIGN_OR_RETURN(RoomView rv, st->app.alarms().AddRoom(who, v.site.id, room));
        st->rooms[RoomKey(key, r.name)] = rv.room.id;
        ++st->sum->rooms;
        if (r.device == nullptr) continue;
        TRYGG_ASSIGN_OR_RETURN(auto device,
                               st->app.alarms().RegisterDevice(who, rv.room.id, r.device));
        st->tokens[RoomKey(key, r.name)] = device.second;
        ++st->sum->devices;
        if (r.kind == RoomKind::kReception) {
          st->sum->tokens.push_back({v.site.name, r.name, device.second});
        }
      }
      return Status::Ok();
    });
  }

  // Someone goes on duty at `site` at `at` (until the end of that day).
  void Duty(TimeMs at, const std::string& site, const std::string& user, DutyFunction function,
            const std::string& room) {
    Add(at, [st = st_, site, user, function, room] {
      TRYGG_ASSIGN_OR_RETURN(SiteId site_id, State::Made(st->sites, site));
      TRYGG_ASSIGN_OR_RETURN(RoomId room_id, State::Made(st->rooms, RoomKey(site, room)));
      return st->app.alarms()
          .PutDuty(st->Who(user), site_id, function, room_id, std::nullopt)
          .status();
    });
  }

  // One alarm from raise to end: raised by `raiser` (a device when empty,
  // which needs a device in the room), seen and answered by `responders`
  // after the given seconds, ended by `ender` after `end_s`.
  struct Scenario {
    std::string site, room, raiser;
    AlarmKind kind = AlarmKind::kTest;
    std::vector<std::pair<std::string, int>> responders;  // user, seconds after the raise
    int tick_at_s = 0;                                    // > 0: an escalation pass then
    std::string ender;
    int end_s = 90;
    AlarmOutcome outcome = AlarmOutcome::kTestOk;
    std::string note;
    std::string key;  // for a later step (the report)
  };
  void Alarm(TimeMs at, const Scenario& sc) {
    auto id = std::make_shared<AlarmId>(0);
    Add(at, [st = st_, sc, id] {
      Result<RaiseResult> r = Status::Internal("unset");
      if (sc.raiser.empty()) {
        TRYGG_ASSIGN_OR_RETURN(std::string token,
                               State::Made(st->tokens, RoomKey(sc.site, sc.room)));
        r = st->app.alarms().RaiseFromDevice(token, sc.kind, std::nullopt);
      } else {
        RaiseAlarm in;
        TRYGG_ASSIGN_OR_RETURN(in.room_id, State::Made(st->rooms, RoomKey(sc.site, sc.room)));
        in.kind = sc.kind;
        r = st->app.alarms().Raise(st->Who(sc.raiser), in);
      }
      TRYGG_RETURN_IF_ERROR(r.status());
      *id = r->view.alarm.id;
      if (!sc.key.empty()) st->alarms[sc.key] = *id;
      return Status::Ok();
    });
    if (sc.tick_at_s > 0) {
      Add(at + sc.tick_at_s * kMsPerSecond,
          [st = st_] { return st->app.alarms().Tick().status(); });
    }
    for (const auto& [user, seconds] : sc.responders) {
      // The screen shows it a moment after the raise; the answer comes later.
      Add(at + 2 * kMsPerSecond, [st = st_, user, id] {
        TRYGG_ASSIGN_OR_RETURN(AlarmId alarm, Raised(id));
        return st->app.alarms().Delivered(st->Who(user), alarm).status();
      });
      Add(at + seconds * kMsPerSecond, [st = st_, user, id] {
        TRYGG_ASSIGN_OR_RETURN(AlarmId alarm, Raised(id));
        return st->app.alarms().Respond(st->Who(user), alarm).status();
      });
    }
    Add(at + sc.end_s * kMsPerSecond, [st = st_, sc, id] {
      TRYGG_ASSIGN_OR_RETURN(AlarmId alarm, Raised(id));
      TRYGG_RETURN_IF_ERROR(
          st->app.alarms().End(st->Who(sc.ender), alarm, sc.outcome, sc.note).status());
      if (sc.kind == AlarmKind::kTest && !sc.responders.empty()) ++st->sum->tests;
      if (sc.kind == AlarmKind::kDrill) ++st->sum->drills;
      if (sc.kind == AlarmKind::kReal) ++st->sum->real;
      return Status::Ok();
    });
  }

  // The monthly test: the receptionist on duty answers every button in turn;
  // the säkerhetssamordnare presses them (the samtalsrum, which has no
  // device, from the app). Västra's last round skips its samtalsrum.
  void TestRound(const SiteSpec& s, int days_ago, bool last) {
    const std::string d = DistrictKey(s), sak = "sakerhet." + d;
    const std::string receiver =
        *s.unit_key ? "medarbetare." + d + "." + s.unit_key : "medarbetare." + d + ".rec";
    const TimeMs at = OfficeDay(days_ago) + rnd_.Between(0, 90) * kMsPerMinute;
    Duty(at, s.key, sak, DutyFunction::kKollega, "Reception");
    Duty(at, s.key, receiver, DutyFunction::kReception, "Reception");
    TimeMs t = at + 5 * kMsPerMinute;
    for (const RoomSpec& r : kRooms) {
      if (d == "vaster" && last && r.kind == RoomKind::kSamtalsrum) continue;
      Scenario sc;
      sc.site = s.key;
      sc.room = r.name;
      sc.raiser = r.device ? "" : sak;
      sc.kind = AlarmKind::kTest;
      sc.responders = {{receiver, static_cast<int>(rnd_.Between(6, 40))}};
      sc.ender = receiver;
      sc.end_s = 75;
      Alarm(t, sc);
      t += static_cast<TimeMs>(rnd_.Between(3, 6)) * kMsPerMinute;
    }
  }

  // Västra's larmövning: a threatening visitor in Besöksrum 2.
  void Drill() {
    const TimeMs at = OfficeDay(50) + 2 * kMsPerHour;
    Duty(at, "vaster", "medarbetare.vaster.vux", DutyFunction::kKollega, "Besöksrum 2");
    Duty(at, "vaster", "medarbetare.vaster.rec", DutyFunction::kReception, "Reception");
    Duty(at, "vaster", "medarbetare.vaster.vux2", DutyFunction::kKollega, "Besöksrum 1");
    Scenario sc;
    sc.site = "vaster";
    sc.room = "Besöksrum 2";
    sc.raiser = "medarbetare.vaster.vux";
    sc.kind = AlarmKind::kDrill;
    sc.responders = {{"medarbetare.vaster.rec", 14}, {"medarbetare.vaster.vux2", 27}};
    sc.ender = "medarbetare.vaster.vux";
    sc.end_s = 600;
    sc.note = "Larmövning: hotfull besökare. Receptionen ringde väktare, kollegan kom efter 27 s.";
    Alarm(at + 10 * kMsPerMinute, sc);
  }

  // Södra: a pocket press in the samtalsrum, nobody answers within 30 s, so
  // ring 2 (the chef on duty) is alerted; the receptionist comes.
  void FalseAlarm() {
    const TimeMs at = OfficeDay(12) + 3 * kMsPerHour;
    Duty(at, "soder", "medarbetare.soder.vux", DutyFunction::kKollega, "Samtalsrum");
    Duty(at, "soder", "medarbetare.soder.rec", DutyFunction::kReception, "Reception");
    Duty(at, "soder", "chef.soder.vux", DutyFunction::kChef, "Besöksrum 1");
    Scenario sc;
    sc.site = "soder";
    sc.room = "Samtalsrum";
    sc.raiser = "medarbetare.soder.vux";
    sc.kind = AlarmKind::kReal;
    sc.tick_at_s = 31;
    sc.responders = {{"medarbetare.soder.rec", 44}};
    sc.ender = "medarbetare.soder.vux";
    sc.end_s = 120;
    sc.outcome = AlarmOutcome::kFalseAlarm;
    sc.note = "Kom åt larmet av misstag.";
    Alarm(at + 20 * kMsPerMinute, sc);
  }

  // Norra, 20 days ago: a visitor threatens a handläggare in Besöksrum 1
  // after a decision; the receptionist and a colleague come, the visitor
  // leaves. The raiser reports it within the hour, from the alarm's draft.
  void RealAlarm() {
    const TimeMs at = OfficeDay(20) + 3 * kMsPerHour;
    Duty(at, "norr", "medarbetare.norr.eb", DutyFunction::kKollega, "Besöksrum 1");
    Duty(at, "norr", "medarbetare.norr.rec", DutyFunction::kReception, "Reception");
    Duty(at, "norr", "medarbetare.norr.eb2", DutyFunction::kKollega, "Besöksrum 2");
    Duty(at, "norr", "chef.norr.eb", DutyFunction::kChef, "Reception");
    Scenario sc;
    sc.site = "norr";
    sc.room = "Besöksrum 1";
    sc.raiser = "medarbetare.norr.eb";
    sc.kind = AlarmKind::kReal;
    sc.responders = {{"medarbetare.norr.rec", 9}, {"medarbetare.norr.eb2", 16}};
    sc.ender = "medarbetare.norr.eb2";
    sc.end_s = 7 * 60;
    sc.outcome = AlarmOutcome::kResolved;
    sc.note = "Besökaren lämnade huset när två kollegor kom. Ingen skadad.";
    sc.key = "norr.real";
    const TimeMs raised = at + 25 * kMsPerMinute;
    Alarm(raised, sc);
    Add(raised + 40 * kMsPerMinute, [st = st_] {
      const Principal who = st->Who("medarbetare.norr.eb");
      TRYGG_ASSIGN_OR_RETURN(AlarmId id, State::Made(st->alarms, std::string("norr.real")));
      TRYGG_ASSIGN_OR_RETURN(AlarmReportDraft draft, st->app.alarms().ReportDraft(who, id));
      NewIncident in;
      // The draft names the site's unit (the avdelning here); a report is
      // filed on an enhet, so the raiser picks her own, as the form asks.
      in.unit_id = who.user.unit_id;
      in.category = Category::kHot;
      in.occurred_at = draft.occurred_at;
      in.place_type = draft.place_type;
      in.outside_workplace = false;
      in.tied_to_role = true;
      in.description = draft.description +
                       "\n\nBesökaren blev högljudd och hotade att \"komma tillbaka\" efter beslut "
                       "om avslag på ekonomiskt bistånd.";
      in.severity = 2;
      in.perpetrator_relation = PerpetratorRelation::kBrukare;
      in.alarm_id = id;
      std::vector<Informed> informed;
      TRYGG_RETURN_IF_ERROR(st->app.incidents().Create(who, in, &informed).status());
      ++st->sum->reported;
      return Status::Ok();
    });
  }

  std::shared_ptr<State> st_;
  DemoRandom rnd_;
  TimeMs now_;
  int64_t order_ = 0;
  std::vector<DemoEvent> events_;
};

}  // namespace

std::vector<DemoEvent> PlanDemoAlarms(App& app, const DemoWorld& world, uint64_t seed, TimeMs now,
                                      DemoAlarmSummary* summary) {
  return Planner(app, world, seed, now, summary).Plan();
}

Status SummariseDemoAlarms(App& app, const DemoWorld& world, DemoAlarmSummary* summary) {
  summary->overdue_rooms = 0;
  for (const DemoDistrict& d : world.districts) {
    TRYGG_ASSIGN_OR_RETURN(std::vector<SiteView> sites,
                           app.alarms().ListSites(world.Get("sakerhet." + d.key).AsPrincipal()));
    for (const SiteView& s : sites) {
      for (const RoomView& r : s.rooms) summary->overdue_rooms += r.test_overdue ? 1 : 0;
    }
  }
  return Status::Ok();
}

std::string DemoAlarmsText(const DemoAlarmSummary& s) {
  std::ostringstream out;
  out << "Panic alarm: " << s.sites << " sites, " << s.rooms << " rooms (" << s.overdue_rooms
      << " overdue for their test), " << s.devices << " devices, " << s.tests << " tests, "
      << s.drills << (s.drills == 1 ? " drill, " : " drills, ") << s.real << " real alarms ("
      << s.reported << " reported as an incident).\n";
  std::vector<DemoAlarmSummary::Token> tokens = s.tokens;
  std::sort(tokens.begin(), tokens.end(),
            [](const auto& a, const auto& b) { return a.site < b.site; });
  if (!tokens.empty()) {
    out << "Device tokens (shown once; POST /api/v1/device/alarm with Authorization: Bearer "
           "<token>):\n";
    for (const DemoAlarmSummary::Token& t : tokens) {
      out << "  " << t.site << ", " << t.room << ": " << t.token << "\n";
    }
  }
  return out.str();
}

}  // namespace trygg::cli
