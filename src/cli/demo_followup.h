// seed-demo, part 2b: what happens after a demo incident — police report, support, authorities.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "app/app.h"
#include "cli/demo_random.h"
#include "cli/demo_seed.h"
#include "cli/demo_world.h"

namespace trygg::cli {

// What the follow-up plan knows about one planned incident.
struct DemoFollowupCase {
  std::shared_ptr<const IncidentId> id;  // filled in when the creating step has run
  NewIncident facts;
  int severity = 1;                     // as created
  std::optional<TimeMs> serious_since;  // when it is (or becomes) allvarlig
  std::string chef;                     // the managing chef's username
  std::string exposed;                  // the first exposed person's username
  std::string colleague;                // a second exposed person's username, if any
  TimeMs created = 0;
  std::optional<TimeMs> acknowledged;  // nullopt: the chef has not received it
};

// Adds one step of the history at `at` (see DemoEvent).
using DemoAddStep = std::function<void(TimeMs at, std::function<Status()> run)>;

// Plans the follow-up of demo incidents with its own random stream, so the
// incidents themselves stay as the seed made them before follow-up existed.
class DemoFollowupPlanner {
 public:
  DemoFollowupPlanner(App& app, const DemoWorld& world, uint64_t seed, TimeMs now)
      : app_(app), world_(world), rnd_(seed ^ 0xF0110F0110F0110Full), now_(now) {}

  // Plans the police report (or the decision not to report) and its case
  // status over the following weeks, support for the exposed (done before
  // closing), notices to Arbetsmiljöverket and Försäkringskassan and the
  // consultation of the säkerhetssamordnare. Returns the time after which the
  // incident may be closed: every step that must precede closing is then done.
  TimeMs Plan(const DemoFollowupCase& c, const DemoAddStep& add);

  // A time to close an incident whose follow-up was done at `ready`: a few
  // working days later. (Drawn from this planner's stream, which keeps the
  // incident planner's stream as it was.)
  TimeMs CloseAfter(TimeMs ready) {
    return DemoOfficeTime(ready + rnd_.Between(1, 5) * kMsPerDay, rnd_);
  }

 private:
  TimeMs PlanPolice(const DemoFollowupCase& c, bool aimed, const DemoAddStep& add);
  void PlanCaseProgress(const DemoFollowupCase& c, TimeMs from, bool by_employee,
                        const DemoAddStep& add);
  TimeMs PlanSupport(const DemoFollowupCase& c, const std::string& person, bool group,
                     const DemoAddStep& add);
  TimeMs PlanAuthorities(const DemoFollowupCase& c, const DemoAddStep& add);

  App& app_;
  const DemoWorld& world_;
  DemoRandom rnd_;
  TimeMs now_;
};

}  // namespace trygg::cli
