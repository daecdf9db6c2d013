// Panic alarm use cases (see alarm_service.h).
// PLACEHOLDER: every use case answers Internal until the app work lands.
#include "app/alarm_service.h"

namespace trygg {

Result<SiteView> AlarmService::CreateSite(const Principal& who, const NewSite& in) {
  return Status::Internal("not implemented: CreateSite");
}
Result<SiteView> AlarmService::UpdateSite(const Principal& who, SiteId id, const SitePatch& patch) {
  return Status::Internal("not implemented: UpdateSite");
}
Result<RoomView> AlarmService::AddRoom(const Principal& who, SiteId site, const AlarmRoom& room) {
  return Status::Internal("not implemented: AddRoom");
}
Result<RoomView> AlarmService::UpdateRoom(const Principal& who, RoomId id,
                                          std::optional<std::string> name,
                                          std::optional<RoomKind> kind) {
  return Status::Internal("not implemented: UpdateRoom");
}
Result<std::pair<AlarmDevice, std::string>> AlarmService::RegisterDevice(const Principal& who,
                                                                         RoomId room,
                                                                         const std::string& name) {
  return Status::Internal("not implemented: RegisterDevice");
}
Status AlarmService::RevokeDevice(const Principal& who, DeviceId id) {
  return Status::Internal("not implemented: RevokeDevice");
}
Result<std::vector<SiteView>> AlarmService::ListSites(const Principal& who) {
  return Status::Internal("not implemented: ListSites");
}
Result<DutyView> AlarmService::PutDuty(const Principal& who, SiteId site, DutyFunction function,
                                       std::optional<RoomId> room, std::optional<TimeMs> until) {
  return Status::Internal("not implemented: PutDuty");
}
Result<std::optional<DutyView>> AlarmService::GetDuty(const Principal& who) {
  return Status::Internal("not implemented: GetDuty");
}
Status AlarmService::EndDuty(const Principal& who) {
  return Status::Internal("not implemented: EndDuty");
}
Result<RaiseResult> AlarmService::Raise(const Principal& who, const RaiseAlarm& in) {
  return Status::Internal("not implemented: Raise");
}
Result<RaiseResult> AlarmService::RaiseFromDevice(const std::string& token, AlarmKind kind,
                                                  std::optional<RoomId> room_id) {
  return Status::Internal("not implemented: RaiseFromDevice");
}
Result<AlarmView> AlarmService::Delivered(const Principal& who, AlarmId id) {
  return Status::Internal("not implemented: Delivered");
}
Result<AlarmView> AlarmService::Respond(const Principal& who, AlarmId id) {
  return Status::Internal("not implemented: Respond");
}
Result<AlarmView> AlarmService::End(const Principal& who, AlarmId id, AlarmOutcome outcome,
                                    const std::string& note) {
  return Status::Internal("not implemented: End");
}
Result<AlarmView> AlarmService::Get(const Principal& who, AlarmId id) {
  return Status::Internal("not implemented: Get");
}
Result<std::vector<AlarmView>> AlarmService::List(const Principal& who, const AlarmListQuery& q) {
  return Status::Internal("not implemented: List");
}
Result<AlarmReportDraft> AlarmService::ReportDraft(const Principal& who, AlarmId id) {
  return Status::Internal("not implemented: ReportDraft");
}
Status AlarmService::LinkReport(StoreTx& tx, const Principal& who, AlarmId id,
                                int64_t incident_id) {
  return Status::Internal("not implemented: LinkReport");
}
Result<int> AlarmService::Tick() { return Status::Internal("not implemented: Tick"); }
Result<AlarmView> AlarmService::ViewForFanout(StoreTx& tx, AlarmId id) {
  return Status::Internal("not implemented: ViewForFanout");
}

}  // namespace trygg
