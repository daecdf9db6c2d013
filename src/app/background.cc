#include "app/background.h"

#include <chrono>

#include "app/mail_outbox.h"

namespace trygg {

BackgroundJobs::BackgroundJobs(App& app, MailSender* sender, TimeMs interval,
                               std::function<void(const Status&)> on_error)
    : app_(app), sender_(sender), interval_(interval), on_error_(std::move(on_error)) {}

BackgroundJobs::~BackgroundJobs() { Stop(); }

Status BackgroundJobs::RunPass() {
  Status status = app_.reminders().RunOnce().status();
  if (sender_ != nullptr) {
    MailOutbox outbox(app_.context(), *sender_);
    Status mail = outbox.DeliverDue().status();
    if (status.ok()) status = mail;
  }
  return status;
}

void BackgroundJobs::Start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mu_);
    while (!stop_) {
      lock.unlock();
      Status s = RunPass();
      if (!s.ok() && on_error_) on_error_(s);
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

}  // namespace trygg
