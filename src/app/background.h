// BackgroundJobs: the reminder pass and the mail outbox, run on a schedule in a thread of `trygg
// serve`.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "app/app.h"
#include "app/mail_sender.h"

namespace trygg {

class BackgroundJobs {
 public:
  // `sender` may be null (mail off). `on_error` is told of a failed pass
  // (the status carries no personal data); the next pass tries again.
  BackgroundJobs(App& app, MailSender* sender, TimeMs interval,
                 std::function<void(const Status&)> on_error);
  ~BackgroundJobs();  // stops the thread

  // Starts the thread: a pass at once, then one every interval.
  void Start();
  void Stop();
  // One pass, in the caller's thread: reminders, then due mail.
  Status RunPass();

 private:
  App& app_;
  MailSender* sender_;
  TimeMs interval_;
  std::function<void(const Status&)> on_error_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace trygg
