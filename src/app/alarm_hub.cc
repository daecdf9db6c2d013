// AlarmHub: tails the alarm event sequence and queues each event, formatted once, to the screens
// of its receivers subscribed in this process (see alarm_hub.h).
#include "app/alarm_hub.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

namespace trygg {
namespace {

constexpr int kPumpBatch = 500;                // events read per query
constexpr int kReplayScanLimit = 5000;         // events a reconnect looks back over
constexpr int kReplayActiveLimit = 500;        // active alarms replayed to one screen
constexpr size_t kReceiverCacheLimit = 10000;  // alarms whose receivers are kept
constexpr int kSignalWaitMs = 200;             // one wait for another process's NOTIFY
constexpr size_t kPushAhead = 4;               // subscriptions prefetched ahead of a push

}  // namespace

// --- AlarmSubscription.

AlarmSubscription::~AlarmSubscription() {
  if (hub_ != nullptr) hub_->Unsubscribe(this);
}

void AlarmSubscription::SetWake(std::function<void()> wake) {
  auto shared = std::make_shared<const std::function<void()>>(std::move(wake));
  bool now = false;
  {
    std::lock_guard lock(mu_);
    wake_ = shared;
    now = !pending_.empty();
  }
  if (now && *shared) (*shared)();
}

void AlarmSubscription::Take(std::vector<std::shared_ptr<const std::string>>* out) {
  std::lock_guard lock(mu_);
  if (out->empty()) {
    out->swap(pending_);
    return;
  }
  out->insert(out->end(), std::make_move_iterator(pending_.begin()),
              std::make_move_iterator(pending_.end()));
  pending_.clear();
}

void AlarmSubscription::Push(std::shared_ptr<const std::string> text) {
  std::shared_ptr<const std::function<void()>> wake;
  {
    std::lock_guard lock(mu_);
    // Wake only when the queue was empty: a woken screen takes everything.
    if (pending_.empty()) wake = wake_;
    pending_.push_back(std::move(text));
  }
  if (wake && *wake) (*wake)();
}

// --- AlarmHub.

AlarmHub::AlarmHub(AppContext& ctx, AlarmService& alarms) : ctx_(ctx), alarms_(alarms) {}

AlarmHub::~AlarmHub() { Stop(); }

void AlarmHub::SetFormatter(AlarmFormatter formatter) { formatter_ = std::move(formatter); }

std::shared_ptr<const std::string> AlarmHub::Format(const AlarmMessage& message) const {
  if (formatter_) return std::make_shared<const std::string>(formatter_(message));
  return std::make_shared<const std::string>("alarm " + std::to_string(message.view.alarm.id) +
                                             " " + std::string(AlarmEventKindCode(message.kind)) +
                                             " " + std::to_string(message.seq) + "\n");
}

Result<const std::vector<UserId>*> AlarmHub::ReceiversOf(StoreTx& tx, AlarmId alarm, bool refresh) {
  auto it = receivers_.find(alarm);
  if (it == receivers_.end() || refresh) {
    TRYGG_ASSIGN_OR_RETURN(std::vector<AlarmReceiver> rows, tx.ListAlarmReceivers(alarm));
    std::vector<UserId> users;
    users.reserve(rows.size());
    for (const AlarmReceiver& r : rows) users.push_back(r.user_id);
    if (it == receivers_.end()) {
      if (receivers_.size() >= kReceiverCacheLimit) receivers_.clear();
      it = receivers_.emplace(alarm, std::move(users)).first;
    } else {
      it->second = std::move(users);
    }
  }
  return &it->second;
}

void AlarmHub::PushTo(const std::vector<UserId>& users,
                      const std::shared_ptr<const std::string>& text) {
  std::lock_guard lock(mu_);
  for (UserId u : users) {
    auto it = subscribers_.find(u);
    if (it == subscribers_.end()) continue;
    const std::vector<AlarmSubscription*>& subs = it->second;
    for (size_t i = 0; i < subs.size(); ++i) {
      // Each subscription is cold memory: start loading a few ahead.
      if (i + kPushAhead < subs.size()) __builtin_prefetch(subs[i + kPushAhead]);
      subs[i]->Push(text);
    }
  }
}

Result<int> AlarmHub::Pump() {
  std::lock_guard pump(pump_mu_);
  if (last_seq_.load() < 0) {
    // The first pump starts at the end: history is not replayed to everyone.
    TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
    TRYGG_ASSIGN_OR_RETURN(int64_t last, tx->LastAlarmEventSeq());
    last_seq_.store(last);
    return 0;
  }
  int read = 0;
  for (;;) {
    TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
    TRYGG_ASSIGN_OR_RETURN(std::vector<AlarmEvent> events,
                           tx->ListAlarmEventsAfter(last_seq_.load(), kPumpBatch));
    // Each message carries the alarm's whole current state, so within a batch
    // only each alarm's last event is sent, once. A `delivered` (a screen
    // showed it) matters only to the raiser's panel: when the batch has
    // nothing else for that alarm, only the raiser is sent it. Otherwise every
    // screen posting `delivered` would send one message to every other screen.
    struct Pending {
      size_t last = 0;        // index in events of the alarm's last event
      bool everyone = false;  // some event of the batch is for every receiver
      bool refresh = false;   // receivers changed (raised, ring 2)
    };
    std::unordered_map<AlarmId, Pending> pending;
    for (size_t i = 0; i < events.size(); ++i) {
      const AlarmEvent& e = events[i];
      Pending& p = pending[e.alarm_id];
      p.last = i;
      p.everyone = p.everyone || e.kind != AlarmEventKind::kDelivered;
      p.refresh =
          p.refresh || e.kind == AlarmEventKind::kRaised || e.kind == AlarmEventKind::kRing2;
    }
    for (size_t i = 0; i < events.size(); ++i) {
      const AlarmEvent& e = events[i];
      const Pending& p = pending[e.alarm_id];
      if (p.last != i) continue;
      TRYGG_ASSIGN_OR_RETURN(const std::vector<UserId>* users,
                             ReceiversOf(*tx, e.alarm_id, p.refresh));
      bool listening = false;
      {
        std::lock_guard lock(mu_);
        for (UserId u : *users) {
          if (subscribers_.count(u) > 0) {
            listening = true;
            break;
          }
        }
      }
      if (listening) {
        Result<AlarmView> view = alarms_.ViewForFanout(*tx, e.alarm_id);
        if (!view.ok() && view.status().code() != StatusCode::kNotFound) return view.status();
        if (view.ok()) {
          const AlarmMessage message{e.seq, e.kind, *view};
          if (p.everyone) {
            PushTo(*users, Format(message));
          } else if (view->alarm.raised_by) {
            PushTo({*view->alarm.raised_by}, Format(message));
          }
        }
      }
    }
    if (!events.empty()) last_seq_.store(events.back().seq);
    read += static_cast<int>(events.size());
    if (static_cast<int>(events.size()) < kPumpBatch) break;
  }
  return read;
}

Status AlarmHub::Replay(StoreTx& tx, const Principal& who, std::optional<int64_t> last_seq,
                        AlarmSubscription& sub) {
  const UserId me = who.user.id;
  TRYGG_ASSIGN_OR_RETURN(int64_t newest, tx.LastAlarmEventSeq());
  if (last_seq && *last_seq > newest) last_seq.reset();  // not this database's sequence
  std::set<AlarmId> candidates;
  bool scan_complete = false;
  if (last_seq) {
    int64_t after = *last_seq;
    int scanned = 0;
    while (scanned < kReplayScanLimit) {
      TRYGG_ASSIGN_OR_RETURN(std::vector<AlarmEvent> events,
                             tx.ListAlarmEventsAfter(after, kPumpBatch));
      for (const AlarmEvent& e : events) candidates.insert(e.alarm_id);
      scanned += static_cast<int>(events.size());
      if (static_cast<int>(events.size()) < kPumpBatch) {
        scan_complete = true;
        break;
      }
      after = events.back().seq;
    }
  }
  if (!scan_complete) {
    // No last seq, or away too long to look back over every event: the
    // alarms still active (the ones that matter on a screen).
    AlarmQuery q;
    q.status = AlarmStatus::kActive;
    q.involving = me;
    q.limit = kReplayActiveLimit;
    TRYGG_ASSIGN_OR_RETURN(std::vector<Alarm> active, tx.ListAlarms(q));
    for (const Alarm& a : active) candidates.insert(a.id);
  }
  // One message per alarm the user receives, oldest news first, with its
  // current state and last event.
  std::vector<AlarmMessage> messages;
  for (AlarmId id : candidates) {
    TRYGG_ASSIGN_OR_RETURN(const std::vector<UserId>* users, ReceiversOf(tx, id, false));
    if (std::find(users->begin(), users->end(), me) == users->end()) continue;
    TRYGG_ASSIGN_OR_RETURN(std::vector<AlarmEvent> events, tx.ListAlarmEvents(id));
    if (events.empty()) continue;
    Result<AlarmView> view = alarms_.ViewForFanout(tx, id);
    if (!view.ok()) {
      if (view.status().code() == StatusCode::kNotFound) continue;
      return view.status();
    }
    messages.push_back({events.back().seq, events.back().kind, std::move(view).value()});
  }
  std::sort(messages.begin(), messages.end(),
            [](const AlarmMessage& a, const AlarmMessage& b) { return a.seq < b.seq; });
  for (const AlarmMessage& m : messages) sub.Push(Format(m));
  return Status::Ok();
}

Result<std::unique_ptr<AlarmSubscription>> AlarmHub::Subscribe(const Principal& who,
                                                               std::optional<int64_t> last_seq) {
  // Under pump_mu_, so no event is pushed between the replay's snapshot and
  // the registration: the next Pump sends everything after last_seq_ (a
  // message may come twice; the newest seq wins on the screen).
  std::lock_guard pump(pump_mu_);
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  if (last_seq_.load() < 0) {
    TRYGG_ASSIGN_OR_RETURN(int64_t last, tx->LastAlarmEventSeq());
    last_seq_.store(last);
  }
  std::unique_ptr<AlarmSubscription> sub(new AlarmSubscription(this, who.user.id));
  TRYGG_RETURN_IF_ERROR(Replay(*tx, who, last_seq, *sub));
  {
    std::lock_guard lock(mu_);
    std::vector<AlarmSubscription*>& subs = subscribers_[who.user.id];
    sub->hub_slot_ = subs.size();
    subs.push_back(sub.get());
  }
  return sub;
}

void AlarmHub::Unsubscribe(AlarmSubscription* sub) {
  std::lock_guard lock(mu_);
  if (sub->hub_slot_ == AlarmSubscription::kNotListed) return;  // Subscribe failed
  auto it = subscribers_.find(sub->user_id());
  if (it == subscribers_.end()) return;
  std::vector<AlarmSubscription*>& subs = it->second;
  // The last takes its place.
  subs[sub->hub_slot_] = subs.back();
  subs[sub->hub_slot_]->hub_slot_ = sub->hub_slot_;
  subs.pop_back();
  sub->hub_slot_ = AlarmSubscription::kNotListed;
  if (subs.empty()) subscribers_.erase(it);
}

size_t AlarmHub::subscribers() const {
  std::lock_guard lock(mu_);
  size_t n = 0;
  for (const auto& [user, subs] : subscribers_) n += subs.size();
  return n;
}

void AlarmHub::Poke() {
  {
    std::lock_guard lock(wake_mu_);
    poked_ = true;
  }
  wake_cv_.notify_one();
}

void AlarmHub::Start(int poll_ms) {
  if (thread_.joinable()) return;
  {
    std::lock_guard lock(wake_mu_);
    stopping_ = false;
    poked_ = false;
  }
  thread_ = std::thread([this, poll_ms] {
    std::unique_lock lock(wake_mu_);
    while (!stopping_) {
      poked_ = false;
      lock.unlock();
      // A failure (the database away) is retried at the next wake; screens
      // that miss something get it when they reconnect.
      (void)Pump();
      lock.lock();
      wake_cv_.wait_for(lock, std::chrono::milliseconds(poll_ms),
                        [this] { return poked_ || stopping_; });
    }
  });
  // Other processes' writes: the store's signal (PostgreSQL NOTIFY) pokes the tail.
  signal_thread_ = std::thread([this] {
    for (;;) {
      {
        std::lock_guard lock(wake_mu_);
        if (stopping_) return;
      }
      if (ctx_.store.WaitForAlarmSignal(kSignalWaitMs)) Poke();
    }
  });
}

void AlarmHub::Stop() {
  {
    std::lock_guard lock(wake_mu_);
    stopping_ = true;
  }
  wake_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (signal_thread_.joinable()) signal_thread_.join();
}

}  // namespace trygg
