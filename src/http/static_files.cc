// Static file serving for the web app.
#include "http/static_files.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

namespace trygg {
namespace {

namespace fs = std::filesystem;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

HttpResponse TextResponse(int status, std::string text) {
  HttpResponse res;
  res.status = status;
  res.SetHeader("Content-Type", "text/plain; charset=utf-8");
  res.SetHeader("Cache-Control", "no-store");
  res.body = std::move(text);
  return res;
}

}  // namespace

StaticFiles::StaticFiles(fs::path root) : root_(std::move(root)) {}

std::string_view StaticFiles::MimeType(std::string_view name) {
  struct Entry {
    std::string_view ext;
    std::string_view type;
  };
  static constexpr Entry kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".json", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".woff2", "font/woff2"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
  };
  for (const Entry& e : kTypes) {
    if (EndsWith(name, e.ext)) return e.type;
  }
  return "application/octet-stream";
}

std::optional<std::string> StaticFiles::SafeRelativePath(std::string_view path) {
  auto decoded = PercentDecode(path, false);
  if (!decoded || decoded->empty() || decoded->front() != '/') return std::nullopt;
  std::string rel;
  std::string_view rest = std::string_view(*decoded).substr(1);
  while (!rest.empty()) {
    const size_t slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") return std::nullopt;
    for (char c : seg) {
      if (c == '\\' || c == '\0' || c == ':') return std::nullopt;
    }
    if (!rel.empty()) rel += '/';
    rel += seg;
  }
  if (rel.empty()) rel = "index.html";
  return rel;
}

std::optional<std::string> StaticFiles::ReadFile(const fs::path& p) const {
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) return std::nullopt;
  // Refuse anything that resolves (through a symlink) outside the root.
  const fs::path real = fs::weakly_canonical(p, ec);
  const fs::path root = fs::weakly_canonical(root_, ec);
  if (ec) return std::nullopt;
  auto [root_end, real_it] = std::mismatch(root.begin(), root.end(), real.begin(), real.end());
  if (root_end != root.end()) return std::nullopt;
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

HttpResponse StaticFiles::FileResponse(const std::string& rel, std::string body) const {
  HttpResponse res;
  res.status = 200;
  res.SetHeader("Content-Type", std::string(MimeType(rel)));
  if (rel.rfind("assets/", 0) == 0) {
    res.SetHeader("Cache-Control", "public, max-age=31536000, immutable");
  } else {
    res.SetHeader("Cache-Control", "no-cache");
  }
  res.body = std::move(body);
  return res;
}

HttpResponse StaticFiles::Serve(std::string_view method, std::string_view path) const {
  if (method != "GET" && method != "HEAD") {
    HttpResponse res = TextResponse(405, "Method Not Allowed\n");
    res.SetHeader("Allow", "GET, HEAD");
    return res;
  }
  std::optional<std::string> rel = SafeRelativePath(path);
  if (!rel) return TextResponse(400, "Bad Request\n");
  if (auto body = ReadFile(root_ / *rel)) return FileResponse(*rel, std::move(*body));

  const std::string_view last = std::string_view(*rel).substr(rel->rfind('/') + 1);
  const bool asset = rel->rfind("assets/", 0) == 0;
  if (!asset && last.find('.') == std::string_view::npos) {
    if (auto index = ReadFile(root_ / "index.html")) {
      return FileResponse("index.html", std::move(*index));
    }
  }
  return TextResponse(404, "Not Found\n");
}

}  // namespace trygg
