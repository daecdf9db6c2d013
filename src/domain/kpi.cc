#include "domain/kpi.h"

#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <tuple>

#include "domain/codes.h"

namespace trygg {
namespace {

constexpr CodeTable<KpiKind, 3> kKinds{{{
    {KpiKind::kPersonalrorlighet, "personalrorlighet"},
    {KpiKind::kKonsulter, "konsulter"},
    {KpiKind::kVfu, "vfu"},
}}};
constexpr CodeTable<KpiGroup, 3> kGroups{{{
    {KpiGroup::kAlla, "alla"},
    {KpiGroup::kSocialsekreterare, "socialsekreterare"},
    {KpiGroup::kBistandshandlaggare, "bistandshandlaggare"},
}}};
constexpr CodeTable<KpiPeriod, 3> kPeriods{{{
    {KpiPeriod::kAr, "ar"},
    {KpiPeriod::kApril, "april"},
    {KpiPeriod::kNovember, "november"},
}}};

constexpr int kMinYear = 2000;
constexpr int kMaxYear = 2100;
constexpr double kMaxPercent = 100;
constexpr double kMaxCount = 100000;

// The columns of the CSV format. yrkesgrupp and period may be left out of the
// header (every line then has the default).
enum Column { kForvaltning, kKpi, kYrkesgrupp, kAr, kPeriod, kVarde, kColumnCount };
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "forvaltning", "kpi", "yrkesgrupp", "ar", "period", "varde"};
constexpr std::array<bool, kColumnCount> kRequired = {true, true, false, true, false, true};

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF).
bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = s[i];
    int extra = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) {
      extra = 1, cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
      extra = 2, cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      extra = 3, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;
    for (int k = 1; k <= extra; ++k) {
      const unsigned char d = s[i + k];
      if ((d & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3f);
    }
    if ((extra == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
        (extra == 3 && (cp < 0x10000 || cp > 0x10ffff))) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// ASCII lower case, with the Swedish letters of the header and codes folded
// (å, ä → a; ö → o) so "År", "Värde" and "Förvaltning" are accepted.
std::string Fold(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = s[i];
    if (c == 0xc3 && i + 1 < s.size()) {
      const unsigned char d = s[i + 1];
      if (d == 0xa5 || d == 0xa4 || d == 0x85 || d == 0x84) {  // å ä Å Ä
        out += 'a';
        ++i;
        continue;
      }
      if (d == 0xb6 || d == 0x96) {  // ö Ö
        out += 'o';
        ++i;
        continue;
      }
    }
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
  }
  return out;
}

// Splits one line at `sep`. A field may be quoted ("…"), with "" for a quote
// inside; false when a quote is left open.
bool SplitFields(std::string_view line, char sep, std::vector<std::string>& fields) {
  fields.clear();
  std::string field;
  bool quoted = false;
  bool was_quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c == '"' && Trim(field).empty() && !was_quoted) {
      field.clear();
      quoted = was_quoted = true;
    } else if (c == sep) {
      fields.push_back(was_quoted ? field : std::string(Trim(field)));
      field.clear();
      was_quoted = false;
    } else if (!(was_quoted && (c == ' ' || c == '\t'))) {
      field += c;
    }
  }
  if (quoted) return false;
  fields.push_back(was_quoted ? field : std::string(Trim(field)));
  return true;
}

// A non-negative or negative decimal number with a decimal comma or point.
std::optional<double> ParseNumber(std::string_view s) {
  std::string text(Trim(s));
  if (text.empty()) return std::nullopt;
  int separators = 0;
  size_t digits = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char& c = text[i];
    if (c == ',' || c == '.') {
      c = '.';
      ++separators;
    } else if (c == '-' && i == 0) {
    } else if (c >= '0' && c <= '9') {
      ++digits;
    } else {
      return std::nullopt;
    }
  }
  if (separators > 1 || digits == 0) return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<int> ParseYear(std::string_view s) {
  s = Trim(s);
  int year = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), year);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return year;
}

// The lines of `text`, split at LF, CRLF or a lone CR.
std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') {
      lines.push_back(text.substr(start, i - start));
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

bool Blank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

std::string_view ColumnOf(std::string_view reason) {
  if (reason == "kpi.year") return kColumnNames[kAr];
  if (reason == "kpi.period") return kColumnNames[kPeriod];
  if (reason == "kpi.value") return kColumnNames[kVarde];
  return "";
}

}  // namespace

std::string_view KpiKindCode(KpiKind v) { return kKinds.Code(v); }
std::optional<KpiKind> ParseKpiKind(std::string_view code) { return kKinds.Parse(code); }
std::string_view KpiGroupCode(KpiGroup v) { return kGroups.Code(v); }
std::optional<KpiGroup> ParseKpiGroup(std::string_view code) { return kGroups.Parse(code); }
std::string_view KpiPeriodCode(KpiPeriod v) { return kPeriods.Code(v); }
std::optional<KpiPeriod> ParseKpiPeriod(std::string_view code) { return kPeriods.Parse(code); }

Status ValidateKpi(const KpiValue& v) {
  if (v.year < kMinYear || v.year > kMaxYear) return Status::InvalidArgument("kpi.year");
  const bool count_day = v.period == KpiPeriod::kApril || v.period == KpiPeriod::kNovember;
  if ((v.kind == KpiKind::kKonsulter) != count_day) return Status::InvalidArgument("kpi.period");
  if (!std::isfinite(v.value) || v.value < 0) return Status::InvalidArgument("kpi.value");
  if (v.kind == KpiKind::kPersonalrorlighet) {
    if (v.value > kMaxPercent) return Status::InvalidArgument("kpi.value");
  } else if (v.value > kMaxCount || v.value != std::floor(v.value)) {
    return Status::InvalidArgument("kpi.value");
  }
  return Status::Ok();
}

KpiParse ParseKpiCsv(
    std::string_view text,
    const std::function<std::optional<UnitId>(std::string_view)>& resolve_forvaltning) {
  KpiParse out;
  auto error = [&out](int line, std::string code, std::string_view column = "") {
    out.errors.push_back({line, std::move(code), std::string(column)});
  };
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const std::vector<std::string_view> lines = Lines(text);

  // The header: the first line; its separator is the file's.
  if (lines.empty() || Blank(lines[0])) {
    error(0, "kpi.empty");
    return out;
  }
  if (!ValidUtf8(lines[0])) {
    error(1, "kpi.encoding");
    return out;
  }
  const char sep = lines[0].find(';') != std::string_view::npos ? ';' : ',';
  std::vector<std::string> fields;
  if (!SplitFields(lines[0], sep, fields)) {
    error(1, "kpi.header");
    return out;
  }
  const size_t header_fields = fields.size();
  std::array<int, kColumnCount> index;
  index.fill(-1);
  for (size_t i = 0; i < fields.size(); ++i) {
    const std::string name = Fold(Trim(fields[i]));
    int column = -1;
    for (int c = 0; c < kColumnCount; ++c) {
      if (kColumnNames[c] == name) column = c;
    }
    if (column < 0 || index[column] >= 0) {  // unknown or twice
      error(1, "kpi.header", fields[i]);
      continue;
    }
    index[column] = static_cast<int>(i);
  }
  for (int c = 0; c < kColumnCount; ++c) {
    if (kRequired[c] && index[c] < 0) error(1, "kpi.header", kColumnNames[c]);
  }
  if (!out.errors.empty()) return out;

  using Key = std::tuple<UnitId, int, int, int, int>;
  std::map<Key, int> seen;  // key → the line that set it
  for (size_t n = 1; n < lines.size(); ++n) {
    const int line = static_cast<int>(n) + 1;
    if (!ValidUtf8(lines[n])) {
      error(line, "kpi.encoding");
      continue;
    }
    if (Blank(lines[n])) continue;
    if (!SplitFields(lines[n], sep, fields) || fields.size() != header_fields) {
      error(line, "kpi.columns");
      continue;
    }
    auto field = [&](Column c) -> std::string_view {
      return index[c] < 0 ? std::string_view() : std::string_view(fields[index[c]]);
    };
    const size_t errors_before = out.errors.size();
    KpiValue v;
    if (auto id = resolve_forvaltning(Trim(field(kForvaltning)))) {
      v.forvaltning_id = *id;
    } else {
      error(line, "kpi.forvaltning", kColumnNames[kForvaltning]);
    }
    if (auto kind = ParseKpiKind(Fold(Trim(field(kKpi))))) {
      v.kind = *kind;
    } else {
      error(line, "kpi.kind", kColumnNames[kKpi]);
    }
    const std::string group = Fold(Trim(field(kYrkesgrupp)));
    if (auto g = group.empty() ? std::optional(KpiGroup::kAlla) : ParseKpiGroup(group)) {
      v.group = *g;
    } else {
      error(line, "kpi.group", kColumnNames[kYrkesgrupp]);
    }
    if (auto year = ParseYear(field(kAr))) {
      v.year = *year;
    } else {
      error(line, "kpi.year", kColumnNames[kAr]);
    }
    const std::string period = Fold(Trim(field(kPeriod)));
    if (auto p = period.empty() ? std::optional(KpiPeriod::kAr) : ParseKpiPeriod(period)) {
      v.period = *p;
    } else {
      error(line, "kpi.period", kColumnNames[kPeriod]);
    }
    if (auto value = ParseNumber(field(kVarde))) {
      v.value = *value;
    } else {
      error(line, "kpi.value", kColumnNames[kVarde]);
    }
    if (out.errors.size() != errors_before) continue;
    if (Status s = ValidateKpi(v); !s.ok()) {
      error(line, s.reason(), ColumnOf(s.reason()));
      continue;
    }
    const Key key{v.forvaltning_id, static_cast<int>(v.kind), static_cast<int>(v.group), v.year,
                  static_cast<int>(v.period)};
    if (!seen.emplace(key, line).second) {
      error(line, "kpi.duplicate");
      continue;
    }
    out.values.push_back(v);
  }
  if (out.errors.empty() && out.values.empty()) error(0, "kpi.empty");
  if (!out.errors.empty()) out.values.clear();
  return out;
}

}  // namespace trygg
