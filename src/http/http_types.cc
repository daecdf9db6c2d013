// Header lookup and request-target parsing for the plain HTTP types.
#include "http/http_types.h"

namespace trygg {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string_view> Find(const std::vector<std::pair<std::string, std::string>>& h,
                                     std::string_view name) {
  for (const auto& [k, v] : h) {
    if (HeaderNameEquals(k, name)) return std::string_view(v);
  }
  return std::nullopt;
}

}  // namespace

bool HeaderNameEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

std::optional<std::string_view> HttpRequest::Header(std::string_view name) const {
  return Find(headers, name);
}

std::optional<std::string_view> HttpResponse::Header(std::string_view name) const {
  return Find(headers, name);
}

void HttpResponse::SetHeader(std::string name, std::string value) {
  std::erase_if(headers, [&](const auto& kv) { return HeaderNameEquals(kv.first, name); });
  headers.emplace_back(std::move(name), std::move(value));
}

void HttpResponse::AddHeader(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string> PercentDecode(std::string_view in, bool plus_is_space) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return std::nullopt;
      const int hi = HexValue(in[i + 1]);
      const int lo = HexValue(in[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

void SplitTarget(std::string_view target, std::string* path,
                 std::map<std::string, std::string>* query,
                 std::vector<std::pair<std::string, std::string>>* pairs) {
  const size_t q = target.find('?');
  *path = std::string(target.substr(0, q));
  query->clear();
  if (pairs) pairs->clear();
  if (q == std::string_view::npos) return;
  std::string_view rest = target.substr(q + 1);
  const size_t hash = rest.find('#');
  if (hash != std::string_view::npos) rest = rest.substr(0, hash);
  while (!rest.empty()) {
    const size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    auto key = PercentDecode(pair.substr(0, eq), true);
    auto value = PercentDecode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
    if (!key || !value) continue;  // a malformed pair is dropped
    if (pairs) pairs->emplace_back(*key, *value);
    (*query)[*key] = *value;
  }
}

std::vector<std::string> QueryValues(const HttpRequest& req, std::string_view name) {
  std::vector<std::string> out;
  if (!req.query_pairs.empty()) {
    for (const auto& [k, v] : req.query_pairs) {
      if (k == name) out.push_back(v);
    }
    return out;
  }
  auto it = req.query.find(std::string(name));
  if (it != req.query.end()) out.push_back(it->second);
  return out;
}

}  // namespace trygg
