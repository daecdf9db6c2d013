// OpenStore: picks the storage engine from the URL.
#include <cctype>
#include <string_view>

#include "storage/postgres/pg_store.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/store.h"

namespace trygg {
namespace {

// The scheme of "scheme://…" (RFC 3986 letters), or empty when `url` has none.
std::string_view SchemeOf(std::string_view url) {
  size_t end = url.find("://");
  if (end == std::string_view::npos || end == 0) return {};
  if (!std::isalpha(static_cast<unsigned char>(url[0]))) return {};
  for (char c : url.substr(0, end)) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return {};
  }
  return url.substr(0, end);
}

}  // namespace

Result<std::unique_ptr<Store>> OpenStore(const std::string& url, const StoreOptions& options) {
  std::string_view rest = url;
  if (rest.starts_with("sqlite:")) {
    rest.remove_prefix(7);
    if (rest.starts_with("//")) rest.remove_prefix(2);  // "sqlite:///abs/path"
    if (rest.empty()) return Status::InvalidArgument("storage.bad_url", "sqlite: needs a path");
    return sqlite::SqliteStore::Open(std::string(rest));
  }
  std::string_view scheme = SchemeOf(url);
  if (scheme == "postgresql" || scheme == "postgres") {
    return postgres::PgStore::Open(url, options);
  }
  if (!scheme.empty() || url.empty()) {
    return Status::InvalidArgument("storage.bad_url", std::string(scheme));
  }
  return sqlite::SqliteStore::Open(url);  // a bare path
}

}  // namespace trygg
