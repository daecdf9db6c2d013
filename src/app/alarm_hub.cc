// AlarmHub (see alarm_hub.h).
// PLACEHOLDER: subscribes nobody until the app work lands.
#include "app/alarm_hub.h"

namespace trygg {

AlarmSubscription::~AlarmSubscription() {
  if (hub_ != nullptr) hub_->Unsubscribe(this);
}
void AlarmSubscription::SetWake(std::function<void()> wake) {
  std::lock_guard lock(mu_);
  wake_ = std::move(wake);
}
std::string AlarmSubscription::Take() { return {}; }
void AlarmSubscription::Push(std::shared_ptr<const std::string> text) {}

AlarmHub::AlarmHub(AppContext& ctx, AlarmService& alarms) : ctx_(ctx), alarms_(alarms) {}
AlarmHub::~AlarmHub() { Stop(); }
void AlarmHub::SetFormatter(AlarmFormatter formatter) { formatter_ = std::move(formatter); }
Result<std::unique_ptr<AlarmSubscription>> AlarmHub::Subscribe(const Principal& who,
                                                               std::optional<int64_t> last_seq) {
  return Status::Internal("not implemented: Subscribe");
}
void AlarmHub::Unsubscribe(AlarmSubscription* sub) {}
Result<int> AlarmHub::Pump() { return 0; }
void AlarmHub::Poke() {}
void AlarmHub::Start(int poll_ms) {}
void AlarmHub::Stop() {}
size_t AlarmHub::subscribers() const { return 0; }

}  // namespace trygg
