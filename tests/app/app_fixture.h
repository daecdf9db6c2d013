// A real App over a fresh SQLite file with a small organisation, for use-case tests.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "app/app.h"
#include "core/crypto.h"
#include "core/time.h"

namespace trygg::testing {

// kommun → Norr (förvaltning) → IFO (avdelning) → EB, BoU (enheter); Söder → Rec.
struct Org {
  UnitId kommun, norr, ifo, eb, bou, soder, rec;
};

struct People {
  Principal employee, colleague, chef_eb, chef_ifo, chef_rec, skyddsombud, sakerhet, sakerhet_soder,
      analytiker, admin;
};

class AppFixture : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();

  static App& app() { return *app_; }
  static ManualClock& clock() { return *clock_; }
  static const Org& org() { return org_; }
  static const People& people() { return people_; }

  // The pseudonymisation secret the App is configured with (32 bytes).
  static std::string PseudonymKey() { return std::string(32, '\x5a'); }
  // A principal for `user` with its current grants, as Authenticate would build.
  static Principal As(UserId user);
  // Reports a plain threat in `unit` as `who`, one hour ago.
  static IncidentView Report(const Principal& who, UnitId unit, bool sensitive = false,
                             bool weapon = false);

  static inline std::filesystem::path dir_;
  static inline std::unique_ptr<Store> store_;
  static inline std::unique_ptr<ManualClock> clock_;
  static inline std::unique_ptr<App> app_;
  static inline Org org_;
  static inline People people_;
};

}  // namespace trygg::testing
