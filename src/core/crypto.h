// Cryptographic primitives Trygg needs, over libsodium.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace trygg {

// Must be called once before any other function here; safe to call again.
// Aborts the process if libsodium cannot initialise (no secure randomness).
void InitCrypto();

// `bytes` random bytes from the OS CSPRNG, hex-encoded (2*bytes characters).
std::string RandomHex(size_t bytes);

// SHA-256 of `data`, lowercase hex.
std::string Sha256Hex(std::string_view data);

// HMAC-SHA-256 of `data` under `key` (32 bytes expected; any length works),
// lowercase hex (64 characters).
std::string HmacSha256Hex(std::string_view key, std::string_view data);

// Constant-time equality of two strings of the same length.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// Argon2id password hash in libsodium's self-describing string format.
// Error: Internal when the hash cannot be computed (out of memory).
Result<std::string> HashPassword(std::string_view password);

// True when `password` matches `hash` from HashPassword.
bool VerifyPassword(std::string_view hash, std::string_view password);

}  // namespace trygg
