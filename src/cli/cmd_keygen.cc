// trygg keygen FILE: writes a new pseudonymisation key (mode 0600); never overwrites one.
#include <iostream>

#include "app/pseudonymizer.h"
#include "cli/common.h"

namespace trygg::cli {

namespace {

constexpr const char* kKeygenUsage =
    "Usage: trygg keygen FILE\n"
    "\n"
    "Writes a new random pseudonymisation key (32 bytes as 64 hex characters) to FILE with mode\n"
    "0600, for `serve` and `seed-demo --pseudonym-key-file FILE`. Identifiers of people\n"
    "(personnummer, case numbers) are stored only as keyed hashes under this key: keep it\n"
    "outside the database and its backups, and back it up separately. Refuses to overwrite an\n"
    "existing file: with a new key, the links between earlier records are lost.\n";

}  // namespace

int RunKeygen(const Args& args) {
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") {
      std::cout << kKeygenUsage;
      return 0;
    }
  }
  if (args.size() != 1 || args[0].empty() || args[0][0] == '-') {
    std::cerr << "trygg keygen: give exactly one FILE\n\n" << kKeygenUsage;
    return 2;
  }
  const std::string& path = args[0];
  Status written = WritePseudonymKey(path);
  if (written.code() == StatusCode::kAlreadyExists) {
    std::cerr << "trygg keygen: " << path
              << " exists; a key is never overwritten (the links made with it would be lost)\n";
    return 1;
  }
  if (!written.ok()) return Fail("keygen", written);
  std::cout << "Pseudonymisation key written to " << path
            << " (mode 0600). Pass it as --pseudonym-key-file " << path
            << " and keep a copy apart from the database backups.\n";
  return 0;
}

}  // namespace trygg::cli
