// AlarmHub: fans alarm events out to the screens subscribed in this process, tailing the store's
// event sequence so that events written by any process reach them.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "app/alarm_service.h"
#include "app/context.h"

namespace trygg {

// One message for screens: the event's kind and seq, and the alarm's whole
// current state.
struct AlarmMessage {
  int64_t seq = 0;
  AlarmEventKind kind = AlarmEventKind::kRaised;
  AlarmView view;
};

// Turns a message into the bytes a screen is sent (the http layer's SSE text);
// called once per message, whatever the number of screens.
using AlarmFormatter = std::function<std::string(const AlarmMessage&)>;

// One screen's subscription. Thread-safe.
class AlarmHub;

class AlarmSubscription {
 public:
  ~AlarmSubscription();  // unsubscribes
  // `wake` is called (from any thread; it must not block) whenever Take has
  // more. If something is pending already it is called at once.
  void SetWake(std::function<void()> wake);
  // Appends everything pending to `out`, oldest first; the pieces are shared
  // with the other screens sent the same message.
  void Take(std::vector<std::shared_ptr<const std::string>>* out);
  UserId user_id() const { return user_id_; }

 private:
  friend class AlarmHub;
  AlarmSubscription(AlarmHub* hub, UserId user) : hub_(hub), user_id_(user) {}
  void Push(std::shared_ptr<const std::string> text);

  AlarmHub* const hub_;
  const UserId user_id_;
  std::mutex mu_;
  std::vector<std::shared_ptr<const std::string>> pending_;
  // Shared, so that a Push copies a pointer, not the function, to call it unlocked.
  std::shared_ptr<const std::function<void()>> wake_;
  // Where the hub lists it among its user's subscriptions; kNotListed before
  // Subscribe lists it. Under the hub's mu_.
  static constexpr size_t kNotListed = static_cast<size_t>(-1);
  size_t hub_slot_ = kNotListed;
};

class AlarmHub {
 public:
  AlarmHub(AppContext& ctx, AlarmService& alarms);
  ~AlarmHub();  // stops the tail thread

  void SetFormatter(AlarmFormatter formatter);

  // Subscribes `who`'s screen. With `last_seq`, first queues one message per
  // alarm the user receives that has an event after it; without, one per
  // active alarm the user receives. The returned handle unsubscribes when
  // destroyed; it must not outlive the hub.
  Result<std::unique_ptr<AlarmSubscription>> Subscribe(const Principal& who,
                                                       std::optional<int64_t> last_seq);

  // Reads the events after the last one seen and queues them to the screens
  // of their receivers. Returns how many events it read. The tail thread runs
  // it; tests may call it directly.
  Result<int> Pump();
  // A local write happened: pump soon (non-blocking).
  void Poke();
  // Starts / stops the tail thread: it pumps on Poke, on a change signal from
  // another process (PostgreSQL NOTIFY), and at least every `poll_ms`.
  void Start(int poll_ms = 1000);
  void Stop();

  int64_t last_seq() const { return last_seq_.load(); }
  size_t subscribers() const;

 private:
  friend class AlarmSubscription;
  void Unsubscribe(AlarmSubscription* sub);
  // Queues `text` to every subscription of `users`. Takes mu_.
  void PushTo(const std::vector<UserId>& users, const std::shared_ptr<const std::string>& text);
  // The message's bytes, by the formatter (or a plain default without one).
  std::shared_ptr<const std::string> Format(const AlarmMessage& message) const;
  // The users receiving `alarm`, from the cache unless `refresh` or unknown. Under pump_mu_.
  Result<const std::vector<UserId>*> ReceiversOf(StoreTx& tx, AlarmId alarm, bool refresh);
  // The replay for a new subscription (see Subscribe). Under pump_mu_.
  Status Replay(StoreTx& tx, const Principal& who, std::optional<int64_t> last_seq,
                AlarmSubscription& sub);

  AppContext& ctx_;
  AlarmService& alarms_;
  AlarmFormatter formatter_;
  mutable std::mutex mu_;  // subscribers_
  // Each user's subscriptions, in a flat list (a fan-out walks it once per
  // message; see AlarmSubscription::hub_slot_ for removal).
  std::unordered_map<UserId, std::vector<AlarmSubscription*>> subscribers_;
  std::atomic<int64_t> last_seq_{-1};  // −1: not yet read
  std::mutex pump_mu_;                 // one Pump at a time
  std::mutex wake_mu_;
  std::condition_variable wake_cv_;
  bool poked_ = false;
  bool stopping_ = false;
  std::thread thread_;
  std::thread signal_thread_;  // waits for other processes' NOTIFY and pokes
  // Who receives each alarm seen, as of its last raised/ring2 event. Under pump_mu_.
  std::unordered_map<AlarmId, std::vector<UserId>> receivers_;
};

}  // namespace trygg
