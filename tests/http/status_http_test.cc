// Status → HTTP mapping, the error body, localisation and message coverage.
#include "http/status_http.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "http/log.h"

namespace trygg {
namespace {

nlohmann::json Body(const HttpResponse& res) { return nlohmann::json::parse(res.body); }

TEST(StatusHttpTest, MapsEveryCodeAsTheContractSays) {
  EXPECT_EQ(HttpStatusFor(StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(StatusCode::kUnauthenticated), 401);
  EXPECT_EQ(HttpStatusFor(StatusCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(StatusCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(StatusCode::kAlreadyExists), 409);
  EXPECT_EQ(HttpStatusFor(StatusCode::kFailedPrecondition), 409);
  EXPECT_EQ(HttpStatusFor(StatusCode::kConflict), 409);
  EXPECT_EQ(HttpStatusFor(StatusCode::kResourceExhausted), 429);
  EXPECT_EQ(HttpStatusFor(StatusCode::kInternal), 500);
  EXPECT_EQ(HttpStatusFor(StatusCode::kUnavailable), 503);
}

TEST(StatusHttpTest, ErrorBodyHasCodeMessageAndField) {
  HttpResponse res =
      ErrorResponse(Status::InvalidArgument("validation.type", "severity"), Lang::kSv);
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(res.Header("Content-Type").value_or(""), "application/json; charset=utf-8");
  nlohmann::json e = Body(res)["error"];
  EXPECT_EQ(e["code"], "validation.type");
  EXPECT_EQ(e["field"], "severity");
  EXPECT_FALSE(e["message"].get<std::string>().empty());
}

TEST(StatusHttpTest, FieldOnlyForFieldLikeDetails) {
  nlohmann::json e = Body(
      ErrorResponse(Status::FailedPrecondition("workflow.open_measures", "2"), Lang::kSv))["error"];
  EXPECT_FALSE(e.contains("field"));
  e = Body(ErrorResponse(Status::InvalidArgument("x", "UNIQUE constraint failed: users"),
                         Lang::kSv))["error"];
  EXPECT_FALSE(e.contains("field"));
}

TEST(StatusHttpTest, InternalErrorsHideTheirDetail) {
  SetLogEnabled(false);
  HttpResponse res = ErrorResponse(Status::Internal("disk /var/secret failed"), Lang::kEn);
  SetLogEnabled(true);
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(res.body.find("secret"), std::string::npos);
  EXPECT_EQ(Body(res)["error"]["code"], "internal");
}

TEST(StatusHttpTest, AMissingPseudonymKeyIsUnavailable) {
  HttpResponse res = ErrorResponse(Status::FailedPrecondition("subject.not_configured"), Lang::kEn);
  EXPECT_EQ(res.status, 503);
  EXPECT_EQ(Body(res)["error"]["code"], "subject.not_configured");
  EXPECT_FALSE(Body(res)["error"]["message"].get<std::string>().empty());
  // Other preconditions stay 409.
  EXPECT_EQ(ErrorResponse(Status::FailedPrecondition("plan.not_protected"), Lang::kSv).status, 409);
}

TEST(StatusHttpTest, LocalisesBySwedishDefaultAndEnglish) {
  const Status s = Status::FailedPrecondition("workflow.open_measures");
  EXPECT_EQ(Body(ErrorResponse(s, Lang::kSv))["error"]["message"],
            "Händelsen kan inte avslutas medan åtgärder är öppna");
  EXPECT_EQ(Body(ErrorResponse(s, Lang::kEn))["error"]["message"],
            "The incident cannot be closed while measures are open");
  // An unknown reason falls back to a message for its code.
  EXPECT_FALSE(LocalisedMessage("no.such.reason", StatusCode::kConflict, Lang::kEn).empty());
}

TEST(LangTest, PicksFromAcceptLanguage) {
  EXPECT_EQ(LangFromAcceptLanguage(""), Lang::kSv);
  EXPECT_EQ(LangFromAcceptLanguage("en-US,en;q=0.9"), Lang::kEn);
  EXPECT_EQ(LangFromAcceptLanguage("sv-SE,sv;q=0.9,en;q=0.8"), Lang::kSv);
  EXPECT_EQ(LangFromAcceptLanguage("de-DE, en;q=0.5"), Lang::kEn);
  EXPECT_EQ(LangFromAcceptLanguage("fr"), Lang::kSv);
  EXPECT_EQ(LangFromAcceptLanguage("en;q=0.2, sv;q=0.8"), Lang::kSv);
}

// Every literal reason passed to a Status factory in src/ has its own message.
TEST(MessagesTest, CoverEveryReasonInTheSources) {
  const std::filesystem::path src =
      std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "src";
  if (!std::filesystem::exists(src)) GTEST_SKIP() << "sources not found at " << src;
  const std::regex factory(
      R"(Status::(InvalidArgument|NotFound|PermissionDenied|Unauthenticated|FailedPrecondition|AlreadyExists|Conflict)\(\s*"([a-z_]+(\.[a-z_]+)*)\")");
  std::set<std::string> missing;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(src)) {
    if (entry.path().extension() != ".cc" && entry.path().extension() != ".h") continue;
    if (entry.path().string().find("/cli/") != std::string::npos) continue;  // CLI-only text
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    for (std::sregex_iterator it(s.begin(), s.end(), factory), end; it != end; ++it) {
      const std::string reason = (*it)[2];
      if (!HasMessage(reason))
        missing.insert(reason + " (" + entry.path().filename().string() + ")");
    }
  }
  std::string list;
  for (const std::string& m : missing) list += m + "\n";
  EXPECT_TRUE(missing.empty()) << "reasons without a message:\n" << list;
}

}  // namespace
}  // namespace trygg
