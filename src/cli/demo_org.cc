// seed-demo, part 1: the Storåsa kommun organisation and its ~44 invented users.
#include <set>

#include "cli/demo_world.h"
#include "core/crypto.h"

namespace trygg::cli {
namespace {

struct DistrictSpec {
  const char* key;
  const char* name;
  // The förvaltning's contact details for police reports (fictional; the
  // organisation numbers have valid check digits).
  const char* org_number;
  const char* street;
  const char* postal_code;
  const char* phone;
};
constexpr DistrictSpec kDistricts[] = {
    {"norr", "Norra", "212000-1116", "Storgatan 1", "123 45", "08-123 450 00"},
    {"soder", "Södra", "212000-2221", "Södra torget 2", "123 46", "08-123 460 00"},
    {"vaster", "Västra", "212000-3336", "Västra vägen 3", "123 47", "08-123 470 00"},
};

const std::map<std::string, std::string>& UnitNames() {
  static const auto* names = new std::map<std::string, std::string>{
      {"eb", "Ekonomiskt bistånd"},
      {"bou", "Barn och unga"},
      {"vux", "Vuxenenheten"},
      {"rec", "Reception"},
  };
  return *names;
}

const std::vector<std::string> kFirstNames = {
    "Anna",    "Maria",  "Karin",   "Sara",   "Lena",   "Emma",   "Kristina", "Elin",
    "Sofia",   "Malin",  "Johanna", "Ida",    "Linnea", "Hanna",  "Eva",      "Maja",
    "Erik",    "Lars",   "Karl",    "Anders", "Johan",  "Per",    "Mikael",   "Jonas",
    "Fredrik", "Daniel", "Oskar",   "Ahmed",  "Amira",  "Leila",  "Mohammed", "Nadia",
    "Björn",   "Henrik", "Ingrid",  "Åsa",    "Ulrika", "Magnus", "Peter",    "Camilla",
};
const std::vector<std::string> kLastNames = {
    "Andersson", "Johansson", "Karlsson",   "Nilsson",    "Eriksson",  "Larsson",   "Olsson",
    "Persson",   "Svensson",  "Gustafsson", "Pettersson", "Jonsson",   "Jansson",   "Hansson",
    "Bengtsson", "Jönsson",   "Lindberg",   "Jakobsson",  "Magnusson", "Lindström", "Olofsson",
    "Lindqvist", "Lindgren",  "Berg",       "Axelsson",   "Bergström", "Lundberg",  "Lund",
    "Sandberg",  "Mattsson",  "Holm",       "Forsberg",   "Sjöberg",   "Wallin",    "Engström",
};

// Lowercase ASCII for e-mail addresses: "Åsa Sjöberg" → "asa.sjoberg".
std::string EmailLocal(const std::string& first, const std::string& last) {
  std::string in = first + "." + last, out;
  for (size_t i = 0; i < in.size(); ++i) {
    const unsigned char c = in[i];
    if (c == 0xC3 && i + 1 < in.size()) {
      const unsigned char d = in[++i];
      if (d == 0xA5 || d == 0xA4 || d == 0x85 || d == 0x84)
        out += 'a';  // å ä Å Ä
      else if (d == 0xB6 || d == 0x96)
        out += 'o';  // ö Ö
      else if (d == 0xA9 || d == 0x89)
        out += 'e';  // é É
      continue;
    }
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

class Builder {
 public:
  Builder(App& app, DemoRandom& rnd, DemoWorld& world) : app_(app), rnd_(rnd), world_(world) {}

  Result<UnitId> Unit(std::optional<UnitId> parent, UnitKind kind, const std::string& name) {
    TRYGG_ASSIGN_OR_RETURN(OrgUnit unit,
                           app_.org().Create(nullptr, OrgUnit{0, parent, kind, name}));
    ++world_.units;
    return unit.id;
  }

  // Creates `username` working in `home` with `role` granted on `role_unit`
  // (no grant for plain medarbetare).
  Status Person(const std::string& username, UnitId home, std::optional<Role> role,
                UnitId role_unit) {
    auto [first, last] = FreshName();
    if (demo_hash_.empty()) {  // one hash for the one demo password (~0.2 s each)
      TRYGG_ASSIGN_OR_RETURN(demo_hash_, HashPassword(kDemoPassword));
    }
    NewUser in{username, first + " " + last, EmailLocal(first, last) + "@storasa.example",
               home,     kDemoPassword,      demo_hash_};
    TRYGG_ASSIGN_OR_RETURN(UserWithGrants created, app_.users().Create(nullptr, in));
    DemoPerson person{username, created.user, created.grants};
    if (role) {
      TRYGG_ASSIGN_OR_RETURN(RoleGrant g,
                             app_.users().Grant(nullptr, created.user.id, *role, role_unit));
      person.grants.push_back(g);
    }
    world_.people.emplace(username, std::move(person));
    return Status::Ok();
  }

 private:
  std::pair<std::string, std::string> FreshName() {
    while (true) {
      std::string first = rnd_.Pick(kFirstNames), last = rnd_.Pick(kLastNames);
      if (used_.insert(first + " " + last).second) return {first, last};
    }
  }

  App& app_;
  DemoRandom& rnd_;
  DemoWorld& world_;
  std::set<std::string> used_;
  std::string demo_hash_;  // HashPassword(kDemoPassword), made for the first person
};

}  // namespace

Principal DemoPerson::AsPrincipal() const {
  Principal p;
  p.user = user;
  p.actor = Actor{user.id, user.unit_id, grants};
  return p;
}

Result<DemoWorld> CreateDemoWorld(App& app, DemoRandom& rnd) {
  DemoWorld world;
  Builder b(app, rnd, world);
  TRYGG_ASSIGN_OR_RETURN(world.kommun, b.Unit(std::nullopt, UnitKind::kKommun, "Storåsa kommun"));
  for (const DistrictSpec& d : kDistricts) {
    DemoDistrict district;
    district.key = d.key;
    TRYGG_ASSIGN_OR_RETURN(district.forvaltning,
                           b.Unit(world.kommun, UnitKind::kForvaltning, d.name));
    TRYGG_ASSIGN_OR_RETURN(district.avdelning, b.Unit(district.forvaltning, UnitKind::kAvdelning,
                                                      "Individ- och familjeomsorg"));
    for (const std::string& key : kDemoUnitKeys) {
      TRYGG_ASSIGN_OR_RETURN(UnitId id,
                             b.Unit(district.avdelning, UnitKind::kEnhet, UnitNames().at(key)));
      district.enheter[key] = id;
    }
    world.districts.push_back(std::move(district));
  }

  TRYGG_RETURN_IF_ERROR(b.Person("admin", world.kommun, Role::kAdmin, world.kommun));
  TRYGG_RETURN_IF_ERROR(b.Person("analytiker", world.kommun, Role::kAnalytiker, world.kommun));
  for (const DemoDistrict& d : world.districts) {
    const std::string k = d.key;
    TRYGG_RETURN_IF_ERROR(
        b.Person("sakerhet." + k, d.forvaltning, Role::kSakerhetssamordnare, d.forvaltning));
    TRYGG_RETURN_IF_ERROR(
        b.Person("skyddsombud." + k, d.enheter.at("vux"), Role::kSkyddsombud, d.avdelning));
    TRYGG_RETURN_IF_ERROR(b.Person("avdchef." + k, d.avdelning, Role::kChef, d.avdelning));
    for (const std::string& u : kDemoUnitKeys) {
      const UnitId unit = d.enheter.at(u);
      TRYGG_RETURN_IF_ERROR(b.Person("chef." + k + "." + u, unit, Role::kChef, unit));
      TRYGG_RETURN_IF_ERROR(b.Person("medarbetare." + k + "." + u, unit, std::nullopt, 0));
      if (u != "rec") {
        TRYGG_RETURN_IF_ERROR(b.Person("medarbetare." + k + "." + u + "2", unit, std::nullopt, 0));
      }
    }
  }
  const Principal admin = world.Get("admin").AsPrincipal();
  for (size_t i = 0; i < world.districts.size(); ++i) {
    const DistrictSpec& d = kDistricts[i];
    OrgContact c;
    c.unit_id = world.districts[i].forvaltning;
    c.legal_name = std::string(d.name) + " stadsdelsförvaltning, Storåsa kommun";
    c.org_number = d.org_number;
    c.street_address = d.street;
    c.postal_code = d.postal_code;
    c.city = "Storåsa";
    c.phone = d.phone;
    c.email = std::string("socialtjanst.") + d.key + "@storasa.example";
    TRYGG_RETURN_IF_ERROR(app.followup().PutContact(admin, c).status());
  }
  return world;
}

}  // namespace trygg::cli
