// Incremental HTTP response, SSE and alarm-message parsing (see sse_client.h).
#include "sse_client.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace trygg::bench {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

size_t SkipSpace(std::string_view s, size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  return i;
}

// The index just past the JSON string starting at s[i] == '"', or npos.
size_t SkipString(std::string_view s, size_t i) {
  for (++i; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '"') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// The index just past the JSON value starting at s[i], or npos.
size_t SkipValue(std::string_view s, size_t i) {
  if (i >= s.size()) return std::string_view::npos;
  if (s[i] == '"') return SkipString(s, i);
  if (s[i] == '{' || s[i] == '[') {
    int depth = 0;
    while (i < s.size()) {
      const char c = s[i];
      if (c == '"') {
        i = SkipString(s, i);
        if (i == std::string_view::npos) return i;
        continue;
      }
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') {
        if (--depth == 0) return i + 1;
      }
      ++i;
    }
    return std::string_view::npos;
  }
  while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ' ' && s[i] != '\n' &&
         s[i] != '\r' && s[i] != '\t') {
    ++i;
  }
  return i;
}

}  // namespace

void SseParser::Feed(std::string_view bytes, std::vector<SseEvent>* out) {
  size_t i = 0;
  if (after_cr_ && !bytes.empty()) {
    after_cr_ = false;
    if (bytes.front() == '\n') i = 1;  // the "\n" of a "\r\n" already ended the line
  }
  while (i < bytes.size()) {
    const size_t end = bytes.find_first_of("\r\n", i);
    if (end == std::string_view::npos) {
      line_.append(bytes.substr(i));
      return;
    }
    if (line_.empty()) {
      Line(bytes.substr(i, end - i), out);
    } else {
      line_.append(bytes.substr(i, end - i));
      Line(line_, out);
      line_.clear();
    }
    i = end + 1;
    if (bytes[end] == '\r') {
      if (i == bytes.size()) {
        after_cr_ = true;
      } else if (bytes[i] == '\n') {
        ++i;
      }
    }
  }
}

void SseParser::Line(std::string_view line, std::vector<SseEvent>* out) {
  if (line.empty()) {  // dispatch
    if (has_data_) {
      if (pending_.event.empty()) pending_.event = "message";
      out->push_back(std::move(pending_));
    }
    pending_ = SseEvent{};
    has_data_ = false;
    return;
  }
  if (line.front() == ':') return;  // a comment (": ping")
  const size_t colon = line.find(':');
  std::string_view field = line.substr(0, colon);
  std::string_view value;
  if (colon != std::string_view::npos) {
    value = line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  }
  if (field == "event") {
    pending_.event = std::string(value);
  } else if (field == "data") {
    if (has_data_) pending_.data.push_back('\n');
    pending_.data.append(value);
    has_data_ = true;
  } else if (field == "id") {
    pending_.id = std::string(value);
  }
  // "retry" and unknown fields are ignored.
}

HttpStreamReader::State HttpStreamReader::Feed(std::string_view bytes, std::string* body) {
  if (state_ == State::kError) return state_;
  if (state_ == State::kHead) {
    const size_t before = head_.size();
    head_.append(bytes);
    const size_t end = head_.find("\r\n\r\n");
    if (end == std::string::npos) {
      if (head_.size() > 64 * 1024) {
        error_ = "response head over 64 KiB";
        state_ = State::kError;
      }
      return state_;
    }
    if (!ParseHead(std::string_view(head_).substr(0, end))) {
      state_ = State::kError;
      return state_;
    }
    state_ = State::kBody;
    bytes = bytes.substr(end + 4 - before);
    head_.clear();
    head_.shrink_to_fit();
  }
  if (chunked_) {
    if (!FeedChunked(bytes, body)) state_ = State::kError;
  } else {
    body->append(bytes);
  }
  return state_;
}

bool HttpStreamReader::ParseHead(std::string_view head) {
  size_t eol = head.find("\r\n");
  std::string_view status_line = head.substr(0, eol);
  if (status_line.substr(0, 5) != "HTTP/" || status_line.size() < 12) {
    error_ = "not an HTTP response: " + std::string(status_line.substr(0, 40));
    return false;
  }
  const size_t sp = status_line.find(' ');
  const std::string_view code = status_line.substr(sp + 1, 3);
  if (std::from_chars(code.data(), code.data() + code.size(), status_).ec != std::errc() ||
      status_ < 100 || status_ > 599) {
    error_ = "bad status line";
    return false;
  }
  while (eol != std::string_view::npos) {
    const size_t start = eol + 2;
    eol = head.find("\r\n", start);
    std::string_view line = head.substr(start, eol == std::string_view::npos ? eol : eol - start);
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      error_ = "bad header line";
      return false;
    }
    headers_.emplace_back(Lower(Trim(line.substr(0, colon))),
                          std::string(Trim(line.substr(colon + 1))));
  }
  if (std::optional<std::string> te = Header("transfer-encoding")) {
    chunked_ = Lower(*te).find("chunked") != std::string::npos;
  }
  return true;
}

bool HttpStreamReader::FeedChunked(std::string_view bytes, std::string* body) {
  size_t i = 0;
  while (i < bytes.size()) {
    switch (chunk_) {
      case Chunk::kSize: {
        const char c = bytes[i++];
        if (c != '\n') {
          size_line_.push_back(c);
          if (size_line_.size() > 1024) {
            error_ = "chunk size line too long";
            return false;
          }
          break;
        }
        std::string_view line = size_line_;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        line = line.substr(0, line.find(';'));  // chunk extensions
        line = Trim(line);
        uint64_t size = 0;
        auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), size, 16);
        if (ec != std::errc() || end != line.data() + line.size() || line.empty()) {
          error_ = "bad chunk size";
          return false;
        }
        size_line_.clear();
        chunk_left_ = size;
        chunk_ = size == 0 ? Chunk::kTrailer : Chunk::kData;
        break;
      }
      case Chunk::kData: {
        const size_t n = static_cast<size_t>(
            std::min<uint64_t>(chunk_left_, static_cast<uint64_t>(bytes.size() - i)));
        body->append(bytes.substr(i, n));
        i += n;
        chunk_left_ -= n;
        if (chunk_left_ == 0) {
          chunk_ = Chunk::kDataEnd;
          crlf_left_ = 2;
        }
        break;
      }
      case Chunk::kDataEnd: {
        const char want = crlf_left_ == 2 ? '\r' : '\n';
        if (bytes[i++] != want) {
          error_ = "chunk not followed by CRLF";
          return false;
        }
        if (--crlf_left_ == 0) chunk_ = Chunk::kSize;
        break;
      }
      case Chunk::kTrailer:
        ++i;  // the stream has ended; whatever follows is ignored
        break;
    }
  }
  return true;
}

std::optional<std::string> HttpStreamReader::Header(std::string_view name) const {
  const std::string want = Lower(name);
  for (const auto& [n, v] : headers_) {
    if (n == want) return v;
  }
  return std::nullopt;
}

std::optional<std::string_view> TopLevelMember(std::string_view json, std::string_view key) {
  size_t i = SkipSpace(json, 0);
  if (i >= json.size() || json[i] != '{') return std::nullopt;
  i = SkipSpace(json, i + 1);
  while (i < json.size() && json[i] == '"') {
    const size_t key_end = SkipString(json, i);
    if (key_end == std::string_view::npos) return std::nullopt;
    const std::string_view name = json.substr(i + 1, key_end - i - 2);
    i = SkipSpace(json, key_end);
    if (i >= json.size() || json[i] != ':') return std::nullopt;
    i = SkipSpace(json, i + 1);
    const size_t value_end = SkipValue(json, i);
    if (value_end == std::string_view::npos) return std::nullopt;
    if (name == key) return json.substr(i, value_end - i);
    i = SkipSpace(json, value_end);
    if (i >= json.size() || json[i] != ',') return std::nullopt;
    i = SkipSpace(json, i + 1);
  }
  return std::nullopt;
}

std::optional<AlarmMessage> ParseAlarmMessage(std::string_view data) {
  std::optional<std::string_view> kind = TopLevelMember(data, "kind");
  std::optional<std::string_view> alarm = TopLevelMember(data, "alarm");
  if (!kind || !alarm || kind->size() < 2 || kind->front() != '"') return std::nullopt;
  std::optional<std::string_view> id = TopLevelMember(*alarm, "id");
  if (!id) return std::nullopt;
  AlarmMessage m;
  m.kind = std::string(kind->substr(1, kind->size() - 2));
  auto [end, ec] = std::from_chars(id->data(), id->data() + id->size(), m.alarm_id);
  if (ec != std::errc() || end != id->data() + id->size()) return std::nullopt;
  return m;
}

}  // namespace trygg::bench
