#include "cli/config_file.h"

#include <fstream>
#include <set>
#include <sstream>

namespace trygg::cli {
namespace {

const std::set<std::string>& KnownNames() {
  static const std::set<std::string> kNames = {
      "db",
      "database",
      "db-pool",
      "host",
      "port",
      "threads",
      "web",
      "secure-cookies",
      "smtp-host",
      "smtp-port",
      "mail-from",
      "public-url",
      "reminder-interval",
      "pseudonym-key-file",
  };
  return kNames;
}

std::string Trim(const std::string& s) {
  const size_t first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  const size_t last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

}  // namespace

Result<std::map<std::string, std::string>> ParseConfig(const std::string& text) {
  std::map<std::string, std::string> out;
  std::istringstream in(text);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const std::string trimmed = Trim(line);
    if (trimmed.empty() || trimmed[0] == '#') continue;
    const size_t eq = trimmed.find('=');
    if (eq == std::string::npos) {
      return Status::InvalidArgument("config.syntax", "line " + std::to_string(number));
    }
    std::string name = Trim(trimmed.substr(0, eq));
    if (name == "pseudonym_key_file") name = "pseudonym-key-file";
    if (KnownNames().count(name) == 0) return Status::InvalidArgument("config.unknown", name);
    if (name == "database") name = "db";
    if (!out.emplace(name, Trim(trimmed.substr(eq + 1))).second) {
      return Status::InvalidArgument(
          "config.syntax", "line " + std::to_string(number) + ": " + name + " given twice");
    }
  }
  return out;
}

Result<std::map<std::string, std::string>> ReadConfigFile(const std::string& path) {
  std::ifstream file(path);
  if (!file) return Status::Unavailable("cannot read config file " + path);
  std::ostringstream text;
  text << file.rdbuf();
  return ParseConfig(text.str());
}

}  // namespace trygg::cli
