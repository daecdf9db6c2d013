#include "app/background.h"

#include <chrono>

#include "app/mail_outbox.h"

namespace trygg {

BackgroundJobs::BackgroundJobs(App& app, MailSender* sender, TimeMs interval,
                               std::function<void(const std::string&)> log)
    : app_(app), sender_(sender), interval_(interval), log_(std::move(log)) {}

BackgroundJobs::~BackgroundJobs() { Stop(); }

Status BackgroundJobs::RunPass(std::string* summary) {
  const auto started = std::chrono::steady_clock::now();
  Result<ReminderRun> run = app_.reminders().RunOnce();
  Status status = run.status();
  OutboxRun mail;
  if (sender_ != nullptr) {
    MailOutbox outbox(app_.context(), *sender_);
    Result<OutboxRun> delivered = outbox.DeliverDue();
    if (delivered.ok()) mail = *delivered;
    if (status.ok()) status = delivered.status();
  }
  if (summary != nullptr && run.ok()) {
    const ReminderRun& r = *run;
    const int told = r.rule_breaches + r.escalations + r.deadlines_near + r.deadlines_passed +
                     r.routine_reminders + r.routine_escalations + r.findings_overdue;
    if (told + mail.sent + mail.retry_later + mail.rejected > 0) {
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count();
      *summary = "reminders: " + std::to_string(r.rule_breaches) + " breaches, " +
                 std::to_string(r.escalations) + " escalations, " +
                 std::to_string(r.deadlines_near) + " due soon, " +
                 std::to_string(r.deadlines_passed) + " overdue, " +
                 std::to_string(r.routine_reminders) + " routine reminders, " +
                 std::to_string(r.routine_escalations) + " routine escalations, " +
                 std::to_string(r.findings_overdue) +
                 " findings overdue; mail: " + std::to_string(mail.sent) + " sent, " +
                 std::to_string(mail.retry_later) + " to retry, " + std::to_string(mail.rejected) +
                 " refused (" + std::to_string(ms) + " ms)";
    }
  }
  return status;
}

void BackgroundJobs::Start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mu_);
    while (!stop_) {
      lock.unlock();
      std::string summary;
      Status s = RunPass(&summary);
      if (log_ && !s.ok()) log_("background pass failed: " + s.ToString());
      if (log_ && !summary.empty()) log_(summary);
      lock.lock();
      wake_.wait_for(lock, std::chrono::milliseconds(interval_), [this] { return stop_; });
    }
  });
}

void BackgroundJobs::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

AlarmJobs::AlarmJobs(App& app, TimeMs tick_interval, std::function<void(const std::string&)> log)
    : app_(app), interval_(tick_interval), log_(std::move(log)) {}

AlarmJobs::~AlarmJobs() { Stop(); }

void AlarmJobs::Start() {
  app_.alarm_hub().Start();
  {
    std::lock_guard lock(mu_);
    stop_ = false;
  }
  thread_ = std::thread([this] {
    bool failing = false;
    std::unique_lock lock(mu_);
    while (!stop_) {
      lock.unlock();
      Result<int> escalated = app_.alarms().Tick();
      if (!escalated.ok()) {
        if (!failing && log_) log_("alarm escalation failed: " + escalated.status().ToString());
        failing = true;
      } else {
        if (failing && log_) log_("alarm escalation works again");
        failing = false;
        if (*escalated > 0 && log_) {
          log_("alarm escalation: " + std::to_string(*escalated) + " alarms");
        }
      }
      lock.lock();
      wake_.wait_for(lock, std::chrono::milliseconds(interval_), [this] { return stop_; });
    }
  });
}

void AlarmJobs::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  app_.alarm_hub().Stop();
}

}  // namespace trygg
