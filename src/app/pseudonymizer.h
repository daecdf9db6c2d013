// Pseudonymizer: turns an identifier (personnummer, case number) into a
// subject key under the installation's secret, which lives outside the database.
#pragma once

#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"
#include "domain/subject.h"

namespace trygg {

class Pseudonymizer {
 public:
  Pseudonymizer() = default;  // not configured: Key() refuses
  // `secret`: the raw key bytes (32 expected).
  explicit Pseudonymizer(std::string secret) : secret_(std::move(secret)) {}

  bool configured() const { return !secret_.empty(); }

  // The subject key of `raw`: HMAC-SHA-256 of CanonicalSubjectId under the
  // secret. Errors: FailedPrecondition("subject.not_configured") without a
  // secret; InvalidArgument("subject.identifier") as CanonicalSubjectId.
  // Neither the identifier nor the key is logged.
  Result<std::string> Key(SubjectIdKind kind, std::string_view raw, TimeMs now) const;

 private:
  std::string secret_;
};

// Reads a key file: 64 hex characters (32 bytes), optionally followed by a
// newline. Errors: NotFound("pseudonym.key_file") when it cannot be read;
// InvalidArgument("pseudonym.key_file") when it is not such a key, or when it
// is readable by group or others (mode must be 0600 or stricter).
Result<std::string> LoadPseudonymKey(const std::string& path);

// Writes a new random key to `path` with mode 0600. AlreadyExists when the
// file exists (a key is never overwritten: the links would be lost).
Status WritePseudonymKey(const std::string& path);

}  // namespace trygg
