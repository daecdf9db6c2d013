// Lengths of free-text fields, in characters (not bytes).
#pragma once

#include <cstddef>

namespace trygg {

inline constexpr size_t kMaxDescriptionChars = 10000;
inline constexpr size_t kMaxPerpetratorNoteChars = 2000;
inline constexpr size_t kMaxNoteChars = 10000;
inline constexpr size_t kMaxMeasureTitleChars = 300;
inline constexpr size_t kMaxReasonChars = 2000;
inline constexpr size_t kMaxUnitNameChars = 200;
inline constexpr size_t kMaxDisplayNameChars = 200;

}  // namespace trygg
