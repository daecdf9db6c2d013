// StaticFiles: serves the built web app (exact files, SPA fallback to index.html).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "http/http_types.h"

namespace trygg {

class StaticFiles {
 public:
  // `root` is the web app's build directory (e.g. web/dist); it may not exist
  // yet, in which case every request is a 404.
  explicit StaticFiles(std::filesystem::path root);

  // Answers a GET/HEAD for a non-API `path` (raw, percent-encoded):
  // - the exact file below the root when it exists (MIME type by extension;
  //   files under /assets/ cached for a year as immutable, others no-cache);
  // - else, for a path whose last segment has no '.' and that is not under
  //   /assets/, index.html (the web app routes in the browser);
  // - else 404. A path that is malformed or tries to leave the root ("..",
  //   backslash, NUL) is 400. Other methods get 405.
  HttpResponse Serve(std::string_view method, std::string_view path) const;

  // The relative file path for a request path, or nullopt when it is malformed
  // or would escape the root. "/" maps to "index.html". Exposed for tests.
  static std::optional<std::string> SafeRelativePath(std::string_view path);

  // The Content-Type for a file name, by extension.
  static std::string_view MimeType(std::string_view filename);

 private:
  std::optional<std::string> ReadFile(const std::filesystem::path& p) const;
  HttpResponse FileResponse(const std::string& rel, std::string body) const;

  std::filesystem::path root_;
};

}  // namespace trygg
