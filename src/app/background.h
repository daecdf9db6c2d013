// BackgroundJobs: the reminder pass and the mail outbox, run on a schedule in a thread of `trygg
// serve`; AlarmJobs: alarm fan-out and escalation.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "app/app.h"
#include "app/mail_sender.h"

namespace trygg {

class BackgroundJobs {
 public:
  // `sender` may be null (mail off). `log` gets one line per pass that did
  // something (counts and duration) and per failed pass (the status; no
  // personal data); after a failure the next pass tries again.
  BackgroundJobs(App& app, MailSender* sender, TimeMs interval,
                 std::function<void(const std::string&)> log);
  ~BackgroundJobs();  // stops the thread

  // Starts the thread: a pass at once, then one every interval.
  void Start();
  void Stop();
  // One pass, in the caller's thread: reminders, then due mail. Returns the
  // first failure; `summary` (when given) gets what the pass did, or stays
  // empty when it did nothing.
  Status RunPass(std::string* summary = nullptr);

 private:
  App& app_;
  MailSender* sender_;
  TimeMs interval_;
  std::function<void(const std::string&)> log_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

// AlarmJobs: the panic alarm's work in `trygg serve` — the hub's tail thread (fan-out to
// screens) and escalation (AlarmService::Tick) every `tick_interval`.
class AlarmJobs {
 public:
  // `log` gets a line when escalation fails (once, until it works again) and
  // when it escalated alarms (counts only).
  AlarmJobs(App& app, TimeMs tick_interval, std::function<void(const std::string&)> log);
  ~AlarmJobs();  // stops

  // Starts the hub's tail and the escalation thread.
  void Start();
  // Stops both (before the App is destroyed).
  void Stop();

 private:
  App& app_;
  TimeMs interval_;
  std::function<void(const std::string&)> log_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace trygg
