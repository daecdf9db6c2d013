// SqlTx: panic alarms — sites, rooms, devices, duty, alarms, receivers and their event sequence.
// PLACEHOLDER: every method answers Unimplemented until the storage work lands.
#include "storage/sql/sql_tx.h"

namespace trygg::sql {

Result<SiteId> SqlTx::InsertAlarmSite(const AlarmSite& s) {
  return Status::Internal("not implemented: InsertAlarmSite");
}
Result<AlarmSite> SqlTx::GetAlarmSite(SiteId id) {
  return Status::Internal("not implemented: GetAlarmSite");
}
Status SqlTx::UpdateAlarmSite(const AlarmSite& s, int64_t expected_version) {
  return Status::Internal("not implemented: UpdateAlarmSite");
}
Result<std::vector<AlarmSite>> SqlTx::ListAlarmSites() {
  return Status::Internal("not implemented: ListAlarmSites");
}
Result<RoomId> SqlTx::InsertAlarmRoom(const AlarmRoom& r) {
  return Status::Internal("not implemented: InsertAlarmRoom");
}
Result<AlarmRoom> SqlTx::GetAlarmRoom(RoomId id) {
  return Status::Internal("not implemented: GetAlarmRoom");
}
Status SqlTx::UpdateAlarmRoom(const AlarmRoom& r) {
  return Status::Internal("not implemented: UpdateAlarmRoom");
}
Result<std::vector<AlarmRoom>> SqlTx::ListAlarmRooms(std::optional<SiteId> site) {
  return Status::Internal("not implemented: ListAlarmRooms");
}
Result<DeviceId> SqlTx::InsertAlarmDevice(const AlarmDevice& d) {
  return Status::Internal("not implemented: InsertAlarmDevice");
}
Result<AlarmDevice> SqlTx::GetAlarmDevice(DeviceId id) {
  return Status::Internal("not implemented: GetAlarmDevice");
}
Result<AlarmDevice> SqlTx::GetAlarmDeviceByToken(const std::string& token_hash) {
  return Status::Internal("not implemented: GetAlarmDeviceByToken");
}
Status SqlTx::UpdateAlarmDevice(const AlarmDevice& d) {
  return Status::Internal("not implemented: UpdateAlarmDevice");
}
Result<std::vector<AlarmDevice>> SqlTx::ListAlarmDevices(std::optional<RoomId> room) {
  return Status::Internal("not implemented: ListAlarmDevices");
}
Status SqlTx::PutDuty(const Duty& d) { return Status::Internal("not implemented: PutDuty"); }
Status SqlTx::DeleteDuty(UserId user) { return Status::Internal("not implemented: DeleteDuty"); }
Result<std::optional<Duty>> SqlTx::GetDuty(UserId user) {
  return Status::Internal("not implemented: GetDuty");
}
Result<std::vector<Duty>> SqlTx::ListDutyAt(SiteId site, TimeMs now) {
  return Status::Internal("not implemented: ListDutyAt");
}
Result<AlarmId> SqlTx::InsertAlarm(const Alarm& a) {
  return Status::Internal("not implemented: InsertAlarm");
}
Result<Alarm> SqlTx::GetAlarm(AlarmId id) { return Status::Internal("not implemented: GetAlarm"); }
Status SqlTx::UpdateAlarm(const Alarm& a, int64_t expected_version) {
  return Status::Internal("not implemented: UpdateAlarm");
}
Result<std::vector<Alarm>> SqlTx::ListAlarms(const AlarmQuery& q) {
  return Status::Internal("not implemented: ListAlarms");
}
Result<bool> SqlTx::AddAlarmReceiver(const AlarmReceiver& r) {
  return Status::Internal("not implemented: AddAlarmReceiver");
}
Status SqlTx::UpdateAlarmReceiver(const AlarmReceiver& r) {
  return Status::Internal("not implemented: UpdateAlarmReceiver");
}
Result<std::vector<AlarmReceiver>> SqlTx::ListAlarmReceivers(AlarmId alarm) {
  return Status::Internal("not implemented: ListAlarmReceivers");
}
Result<int64_t> SqlTx::AppendAlarmEvent(const AlarmEvent& e) {
  return Status::Internal("not implemented: AppendAlarmEvent");
}
Result<std::vector<AlarmEvent>> SqlTx::ListAlarmEventsAfter(int64_t after_seq, int limit) {
  return Status::Internal("not implemented: ListAlarmEventsAfter");
}
Result<std::vector<AlarmEvent>> SqlTx::ListAlarmEvents(AlarmId alarm) {
  return Status::Internal("not implemented: ListAlarmEvents");
}
Result<int64_t> SqlTx::LastAlarmEventSeq() {
  return Status::Internal("not implemented: LastAlarmEventSeq");
}
Result<std::vector<std::pair<RoomId, TimeMs>>> SqlTx::ListLastRoomTests() {
  return Status::Internal("not implemented: ListLastRoomTests");
}

}  // namespace trygg::sql
