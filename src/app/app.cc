#include "app/app.h"

namespace trygg {

App::App(Store& store, const Clock& clock, AppConfig config)
    : ctx_{store, clock, {}, config.mail, Pseudonymizer(config.pseudonym_key)},
      auth_(
          ctx_, config.session_idle_timeout,
          {config.login_max_failures, config.login_max_failures * 4, config.login_failure_window}),
      incidents_(ctx_),
      followup_(ctx_),
      notifications_(ctx_),
      reminders_(ctx_, config.routine_acks),
      subjects_(ctx_),
      risk_(ctx_, subjects_),
      plans_(ctx_, subjects_),
      stats_(ctx_, config.stats),
      routines_(ctx_, config.routine_acks),
      exercises_(ctx_),
      kpis_(ctx_),
      org_(ctx_),
      users_(ctx_),
      audit_(ctx_),
      alarms_(ctx_),
      alarm_hub_(ctx_, alarms_) {
  incidents_.SetAlarms(&alarms_);
  // Every committed alarm event wakes this process's fan-out at once.
  alarms_.SetOnEvent([this] { alarm_hub_.Poke(); });
}

}  // namespace trygg
