// The trygg subcommands; each takes the words after its name and returns the exit code.
#pragma once

#include <string>
#include <vector>

namespace trygg::cli {

using Args = std::vector<std::string>;

int RunServe(const Args& args);        // trygg serve
int RunMigrate(const Args& args);      // trygg migrate
int RunSeedDemo(const Args& args);     // trygg seed-demo
int RunUserAdd(const Args& args);      // trygg user add
int RunAuditVerify(const Args& args);  // trygg audit verify
int RunCopy(const Args& args);         // trygg copy
int RunRemind(const Args& args);       // trygg remind
int RunKeygen(const Args& args);       // trygg keygen
int RunBenchStats(const Args& args);   // trygg bench-stats

}  // namespace trygg::cli
