// trygg remind: one reminder pass now, as `serve` runs on its schedule (for cron, checks, benchmarks).
#include <chrono>
#include <iostream>

#include "app/app.h"
#include "cli/common.h"
#include "core/clock.h"

namespace trygg::cli {

int RunRemind(const Args& args) {
  Flags flags;
  if (auto exit = ParseFlags(args, {DbFlag()}, "remind [--db PATH]",
                             "Runs one pass of reminders and escalations now and prints what it "
                             "told. Safe to repeat: nobody is told twice.",
                             &flags)) {
    return *exit;
  }
  Result<std::unique_ptr<Store>> store = OpenMigrated(flags);
  if (!store.ok()) return Fail("remind", store.status());
  SystemClock clock;
  App app(**store, clock);
  const auto started = std::chrono::steady_clock::now();
  Result<ReminderRun> run = app.reminders().RunOnce();
  if (!run.ok()) return Fail("remind", run.status());
  const auto ms = std::chrono::duration_cast<std::chrono::microseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count() /
                  1000.0;
  std::cout << "rule breaches " << run->rule_breaches << ", escalations " << run->escalations
            << ", due soon " << run->deadlines_near << ", overdue " << run->deadlines_passed
            << ", routine reminders " << run->routine_reminders << ", routine escalations "
            << run->routine_escalations << ", findings overdue " << run->findings_overdue << " ("
            << ms << " ms)\n";
  return 0;
}

}  // namespace trygg::cli
