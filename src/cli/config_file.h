// ConfigFile: reads trygg's configuration file — the command-line options as
// "name = value" lines — so secrets such as a database password stay off the
// command line (where `ps` shows them) and out of shell history.
#pragma once

#include <map>
#include <string>

#include "core/result.h"

namespace trygg::cli {

// Parses `text`: one "name = value" per line; blank lines and lines starting
// with '#' are ignored; names are option names without "--" (db, db-pool,
// host, port, threads, web, secure-cookies, pseudonym-key-file — also spelt
// pseudonym_key_file); a boolean option takes
// true/false. Errors: InvalidArgument("config.syntax", "line N") for a line
// without '=', or a name given twice; InvalidArgument("config.unknown", name).
Result<std::map<std::string, std::string>> ParseConfig(const std::string& text);

// Reads and parses the file at `path`. Unavailable when it cannot be read.
Result<std::map<std::string, std::string>> ReadConfigFile(const std::string& path);

}  // namespace trygg::cli
