// Localised user-facing messages for error reasons, in Swedish (default) and English.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace trygg {

enum class Lang { kSv, kEn };

// The language to answer in from an Accept-Language header value: the
// highest-weighted of "sv" and "en" (any region), Swedish when neither appears.
Lang LangFromAcceptLanguage(std::string_view header);

// The message for `reason` in `lang`. An unknown reason falls back to a
// generic message for `code`. Never returns an empty string.
std::string LocalisedMessage(std::string_view reason, StatusCode code, Lang lang);

// True when `reason` has its own entry (used by tests to check coverage).
bool HasMessage(std::string_view reason);

}  // namespace trygg
