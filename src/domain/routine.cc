#include "domain/routine.h"

#include "core/text.h"
#include "domain/calendar.h"
#include "domain/codes.h"
#include "domain/stats.h"

namespace trygg {
namespace {

constexpr CodeTable<RoutineStatus, 2> kStatuses{{{
    {RoutineStatus::kAktiv, "aktiv"},
    {RoutineStatus::kArkiverad, "arkiverad"},
}}};

constexpr size_t kMaxTitleChars = 200;
constexpr size_t kMaxSummaryChars = 4000;
constexpr size_t kMaxUrlChars = 2000;
constexpr TimeMs kDayMs = 24 * 3'600'000LL;

bool ValidUrl(std::string_view url) {
  if (url.empty()) return true;
  if (url.size() > kMaxUrlChars) return false;
  const bool scheme = url.starts_with("https://") || url.starts_with("http://");
  if (!scheme) return false;
  const size_t host = url.find("://") + 3;
  if (host >= url.size()) return false;
  for (unsigned char c : url) {
    if (c <= ' ' || c == 0x7f) return false;
  }
  return true;
}

// The UTC calendar day of a midnight-UTC timestamp, as a day number.
int64_t UtcDay(TimeMs t) { return t >= 0 ? t / kDayMs : (t - kDayMs + 1) / kDayMs; }

}  // namespace

std::string_view RoutineStatusCode(RoutineStatus v) { return kStatuses.Code(v); }
std::optional<RoutineStatus> ParseRoutineStatus(std::string_view code) {
  return kStatuses.Parse(code);
}

Status ValidateRoutine(const Routine& r) {
  if (!FitsText(r.title, kMaxTitleChars)) return Status::InvalidArgument("routine.title");
  if (Utf8Length(r.summary) > kMaxSummaryChars) return Status::InvalidArgument("routine.summary");
  if (!ValidUrl(r.document_url)) return Status::InvalidArgument("routine.document_url");
  if (r.revision_date <= 0 || r.revision_date % kDayMs != 0) {
    return Status::InvalidArgument("routine.revision_date");
  }
  return Status::Ok();
}

bool RoutineCurrent(const Routine& r, TimeMs now) {
  if (r.status != RoutineStatus::kAktiv) return false;
  // Days since 1970 of today in Stockholm, against the revision date's UTC day.
  const int64_t today = StatsDayOf(StockholmDate(now)) - StatsDayOf({1970, 1, 1});
  return today <= UtcDay(r.revision_date);
}

AckStage AckStageAt(const Routine& r, const AckSchedule& schedule, TimeMs now) {
  const int days = StatsDayOf(StockholmDate(now)) - StatsDayOf(StockholmDate(r.published_at));
  if (days >= schedule.escalate_after_days) return AckStage::kEscalate;
  if (days >= schedule.remind_after_days) return AckStage::kRemind;
  return AckStage::kNone;
}

}  // namespace trygg
