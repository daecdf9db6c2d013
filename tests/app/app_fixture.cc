#include "app_fixture.h"

#include <unistd.h>

namespace trygg::testing {
namespace {

UnitId Unit(App& app, std::optional<UnitId> parent, UnitKind kind, const std::string& name) {
  auto r = app.org().Create(nullptr, OrgUnit{0, parent, kind, name});
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r->id;
}

UserId Person(App& app, const std::string& username, UnitId unit,
              std::optional<std::pair<Role, UnitId>> grant = std::nullopt) {
  auto r = app.users().Create(
      nullptr, NewUser{username, "Person " + username, "", unit, "correct horse battery"});
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (grant) {
    auto g = app.users().Grant(nullptr, r->user.id, grant->first, grant->second);
    EXPECT_TRUE(g.ok()) << g.status().ToString();
  }
  return r->user.id;
}

}  // namespace

void AppFixture::SetUpTestSuite() {
  InitCrypto();
  dir_ = std::filesystem::temp_directory_path() /
         ("trygg-app-" + std::to_string(::getpid()) + "-" + RandomHex(4));
  std::filesystem::create_directories(dir_);
  auto store = OpenStore("sqlite:" + (dir_ / "t.db").string());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  store_ = std::move(store).value();
  ASSERT_TRUE(store_->Migrate().ok());
  clock_ = std::make_unique<ManualClock>(*ParseIso8601("2026-11-20T15:00:00Z"));
  AppConfig config;
  config.pseudonym_key = PseudonymKey();
  app_ = std::make_unique<App>(*store_, *clock_, config);
  App& a = *app_;
  org_.kommun = Unit(a, std::nullopt, UnitKind::kKommun, "Testkommun");
  org_.norr = Unit(a, org_.kommun, UnitKind::kForvaltning, "Norr");
  org_.ifo = Unit(a, org_.norr, UnitKind::kAvdelning, "IFO");
  org_.eb = Unit(a, org_.ifo, UnitKind::kEnhet, "Ekonomiskt bistånd");
  org_.bou = Unit(a, org_.ifo, UnitKind::kEnhet, "Barn och unga");
  org_.soder = Unit(a, org_.kommun, UnitKind::kForvaltning, "Söder");
  org_.rec = Unit(a, org_.soder, UnitKind::kEnhet, "Reception");
  people_.employee = As(Person(a, "emp", org_.eb));
  people_.colleague = As(Person(a, "colleague", org_.eb));
  people_.chef_eb = As(Person(a, "chef.eb", org_.eb, {{Role::kChef, org_.eb}}));
  people_.chef_ifo = As(Person(a, "chef.ifo", org_.ifo, {{Role::kChef, org_.ifo}}));
  people_.chef_rec = As(Person(a, "chef.rec", org_.rec, {{Role::kChef, org_.rec}}));
  people_.skyddsombud = As(Person(a, "so", org_.bou, {{Role::kSkyddsombud, org_.ifo}}));
  people_.sakerhet = As(Person(a, "sak", org_.norr, {{Role::kSakerhetssamordnare, org_.norr}}));
  people_.sakerhet_soder =
      As(Person(a, "sak.s", org_.soder, {{Role::kSakerhetssamordnare, org_.soder}}));
  people_.analytiker = As(Person(a, "ana", org_.kommun, {{Role::kAnalytiker, org_.kommun}}));
  people_.admin = As(Person(a, "adm", org_.kommun, {{Role::kAdmin, org_.kommun}}));
}

void AppFixture::TearDownTestSuite() {
  app_.reset();
  store_.reset();
  std::filesystem::remove_all(dir_);
}

Principal AppFixture::As(UserId user) {
  auto tx = store_->BeginRead();
  EXPECT_TRUE(tx.ok());
  Principal p;
  p.user = *(*tx)->GetUser(user);
  p.actor = Actor{user, p.user.unit_id, *(*tx)->ListGrants(user)};
  return p;
}

IncidentView AppFixture::Report(const Principal& who, UnitId unit, bool sensitive, bool weapon) {
  NewIncident in;
  in.unit_id = unit;
  in.category = Category::kHot;
  in.occurred_at = clock_->NowMs() - kMsPerHour;
  in.place_type = PlaceType::kReception;
  in.description = "Brukaren hotade efter avslag";
  in.perpetrator_relation = PerpetratorRelation::kBrukare;
  in.perpetrator_note = "Känd sedan tidigare";
  in.sensitive = sensitive;
  in.weapon = weapon;
  auto r = app_->incidents().Create(who, in, nullptr);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return *r;
}

}  // namespace trygg::testing
