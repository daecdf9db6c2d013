// HttpApi::Handle end to end without sockets, over a real SQLite store in a temp dir.
#include "http/api.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "app/app.h"
#include "core/crypto.h"
#include "core/text.h"
#include "core/time.h"
#include "http/log.h"

namespace trygg {
namespace {

// Everything the stream yields now, concatenated; "" when nothing.
std::string Taken(ResponseStream& stream) {
  std::vector<StreamPiece> pieces;
  stream.Take(&pieces);
  return ConcatShared(pieces);
}

namespace fs = std::filesystem;

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    InitCrypto();
    SetLogEnabled(false);
    dir_ = fs::temp_directory_path() / ("trygg-http-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    auto store = OpenStore("sqlite:" + (dir_ / "t.db").string());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value().release();
    ASSERT_TRUE(store_->Migrate().ok());
    clock_ = new ManualClock(*ParseIso8601("2026-11-20T15:00:00Z"));
    app_ = new App(*store_, *clock_);
    auto kommun = app_->org().Create(nullptr, {0, std::nullopt, UnitKind::kKommun, "K"});
    auto forv = app_->org().Create(nullptr, {0, kommun->id, UnitKind::kForvaltning, "F"});
    auto enhet = app_->org().Create(nullptr, {0, forv->id, UnitKind::kEnhet, "Reception"});
    ASSERT_TRUE(enhet.ok()) << enhet.status().ToString();
    auto user = app_->users().Create(
        nullptr, NewUser{"anna", "Anna Berg", "anna@example.org", enhet->id, "correct horse 1"});
    ASSERT_TRUE(user.ok()) << user.status().ToString();
  }
  static void TearDownTestSuite() {
    delete app_;
    delete clock_;
    delete store_;
    SetLogEnabled(true);
    fs::remove_all(dir_);
  }

  HttpResponse Send(const std::string& method, const std::string& target, std::string body = {},
                    std::vector<std::pair<std::string, std::string>> headers = {},
                    bool secure = false) {
    HttpApi api(*app_, ApiConfig{dir_ / "web", secure});
    HttpRequest req;
    req.method = method;
    SplitTarget(target, &req.path, &req.query);
    req.body = std::move(body);
    req.headers = std::move(headers);
    if (!req.body.empty() && !req.Header("Content-Type")) {
      req.headers.emplace_back("Content-Type", "application/json");
    }
    req.remote_address = "127.0.0.1";
    return api.Handle(req);
  }

  // Logs in; returns {cookie header value, csrf token}.
  std::pair<std::string, std::string> Login() {
    HttpResponse res =
        Send("POST", "/api/v1/auth/login", R"({"username":"anna","password":"correct horse 1"})");
    EXPECT_EQ(res.status, 200) << res.body;
    const std::string set_cookie(res.Header("Set-Cookie").value_or(""));
    return {set_cookie.substr(0, set_cookie.find(';')),
            nlohmann::json::parse(res.body)["csrf_token"].get<std::string>()};
  }

  static nlohmann::json Json(const HttpResponse& res) { return nlohmann::json::parse(res.body); }

  static fs::path dir_;
  static Store* store_;
  static ManualClock* clock_;
  static App* app_;
};

fs::path ApiTest::dir_;
Store* ApiTest::store_ = nullptr;
ManualClock* ApiTest::clock_ = nullptr;
App* ApiTest::app_ = nullptr;

TEST_F(ApiTest, HealthzAndSecurityHeaders) {
  HttpResponse res = Send("GET", "/healthz");
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(Json(res), nlohmann::json({{"status", "ok"}}));
  EXPECT_NE(res.Header("Content-Security-Policy").value_or("").find("frame-ancestors 'none'"),
            std::string::npos);
  EXPECT_EQ(res.Header("X-Content-Type-Options").value_or(""), "nosniff");
  EXPECT_EQ(res.Header("X-Frame-Options").value_or(""), "DENY");
  EXPECT_EQ(res.Header("Referrer-Policy").value_or(""), "no-referrer");
  EXPECT_EQ(res.Header("Cache-Control").value_or(""), "no-store");
}

TEST_F(ApiTest, NoSessionIs401) {
  HttpResponse res = Send("GET", "/api/v1/me");
  EXPECT_EQ(res.status, 401);
  EXPECT_EQ(Json(res)["error"]["code"], "auth.no_session");
  EXPECT_EQ(Send("GET", "/api/v1/me", {}, {{"Cookie", "trygg_session=abc"}}).status, 401);
}

TEST_F(ApiTest, LoginSetsAStrictHttpOnlyCookie) {
  HttpResponse res =
      Send("POST", "/api/v1/auth/login", R"({"username":"anna","password":"correct horse 1"})", {},
           /*secure=*/true);
  ASSERT_EQ(res.status, 200) << res.body;
  const std::string cookie(res.Header("Set-Cookie").value_or(""));
  EXPECT_EQ(cookie.rfind("trygg_session=", 0), 0u);
  for (const char* attr : {"HttpOnly", "SameSite=Strict", "Path=/", "Secure"}) {
    EXPECT_NE(cookie.find(attr), std::string::npos) << cookie;
  }
  nlohmann::json body = Json(res);
  EXPECT_EQ(body["user"]["username"], "anna");
  EXPECT_EQ(body["user"]["roles"], nlohmann::json::array({"medarbetare"}));
  EXPECT_EQ(body["csrf_token"], body["user"]["csrf_token"]);
  EXPECT_EQ(
      Send("POST", "/api/v1/auth/login", R"({"username":"anna","password":"wrong one!"})").status,
      401);
}

TEST_F(ApiTest, StateChangesNeedTheCsrfToken) {
  auto [cookie, csrf] = Login();
  const std::string report = R"({"category":"hot","occurred_at":"2026-11-20T14:00:00Z"})";
  HttpResponse none = Send("POST", "/api/v1/incidents", report, {{"Cookie", cookie}});
  EXPECT_EQ(none.status, 403);
  EXPECT_EQ(Json(none)["error"]["code"], "auth.csrf");
  HttpResponse wrong =
      Send("POST", "/api/v1/incidents", report, {{"Cookie", cookie}, {"X-CSRF-Token", "x" + csrf}});
  EXPECT_EQ(wrong.status, 403);
  HttpResponse ok =
      Send("POST", "/api/v1/incidents", report, {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  ASSERT_EQ(ok.status, 201) << ok.body;
  nlohmann::json inc = Json(ok)["incident"];
  EXPECT_EQ(inc["category"], "hot");
  EXPECT_EQ(inc["status"], "ny");
  EXPECT_EQ(inc["reporter"]["display_name"], "Anna Berg");
  EXPECT_TRUE(inc["access"]["details"].get<bool>());
  HttpResponse get = Send("GET", "/api/v1/incidents/" + std::to_string(inc["id"].get<int64_t>()),
                          {}, {{"Cookie", cookie}});
  ASSERT_EQ(get.status, 200);
  EXPECT_TRUE(Json(get).contains("log"));
}

TEST_F(ApiTest, ValidationErrorsName400Fields) {
  auto [cookie, csrf] = Login();
  HttpResponse res = Send("POST", "/api/v1/incidents", R"({"category":"hot","occurred_at":5})",
                          {{"Cookie", cookie}, {"X-CSRF-Token", csrf}, {"Accept-Language", "en"}});
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(Json(res)["error"]["code"], "validation.type");
  EXPECT_EQ(Json(res)["error"]["field"], "occurred_at");
  HttpResponse list = Send("GET", "/api/v1/incidents?limit=0", {}, {{"Cookie", cookie}});
  EXPECT_EQ(list.status, 400);
  EXPECT_EQ(Json(list)["error"]["field"], "limit");
}

TEST_F(ApiTest, RequestLimitsAndRouting) {
  auto [cookie, csrf] = Login();
  const std::vector<std::pair<std::string, std::string>> auth = {{"Cookie", cookie},
                                                                 {"X-CSRF-Token", csrf}};
  HttpResponse big = Send("POST", "/api/v1/incidents", std::string(70 * 1024, ' '), auth);
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(Json(big)["error"]["code"], "request.too_large");
  auto form = auth;
  form.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  EXPECT_EQ(Send("POST", "/api/v1/incidents", "category=hot", form).status, 415);
  EXPECT_EQ(Send("POST", "/api/v1/incidents", "[1]", auth).status, 400);
  HttpResponse missing = Send("GET", "/api/v1/nothing-here", {}, auth);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(Json(missing)["error"]["code"], "route.not_found");
  HttpResponse method = Send("PUT", "/api/v1/incidents", {}, auth);
  EXPECT_EQ(method.status, 405);
  EXPECT_EQ(method.Header("Allow").value_or(""), "GET, POST");
  EXPECT_EQ(Send("GET", "/api/v1/incidents/abc", {}, auth).status, 404);
}

TEST_F(ApiTest, LogoutEndsTheSession) {
  auto [cookie, csrf] = Login();
  EXPECT_EQ(Send("POST", "/api/v1/auth/logout", {}, {{"Cookie", cookie}}).status, 403);
  HttpResponse out =
      Send("POST", "/api/v1/auth/logout", {}, {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(out.Header("Set-Cookie").value_or("").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(Send("GET", "/api/v1/me", {}, {{"Cookie", cookie}}).status, 401);
}

TEST_F(ApiTest, NonApiPathsAreStaticWithSecurityHeaders) {
  HttpResponse res = Send("GET", "/");  // no web dir: 404, still with headers
  EXPECT_EQ(res.status, 404);
  EXPECT_TRUE(res.Header("Content-Security-Policy").has_value());
}

// The event stream: a session route whose response is a ResponseStream that
// starts with the hello and ends once the session is gone (checked at most
// every 15 s by the app's clock).
TEST_F(ApiTest, AlarmStreamStartsWithHelloAndEndsWithTheSession) {
  auto [cookie, csrf] = Login();
  std::atomic<int> wakes{0};
  HttpResponse res = Send("GET", "/api/v1/alarms/stream", {}, {{"Cookie", cookie}});
  ASSERT_EQ(res.status, 200) << res.body;
  ASSERT_NE(res.stream, nullptr);
  EXPECT_EQ(res.Header("Content-Type").value_or(""), "text/event-stream; charset=utf-8");
  EXPECT_EQ(res.Header("Cache-Control").value_or(""), "no-store");
  EXPECT_TRUE(res.Header("Content-Security-Policy").has_value());
  res.stream->SetWake([&wakes] { ++wakes; });
  const std::string first = Taken(*res.stream);
  EXPECT_EQ(first.rfind("retry: 2000\n\nevent: hello\ndata: {", 0), 0u) << first;
  EXPECT_EQ(Taken(*res.stream), "");
  EXPECT_FALSE(res.stream->Done());

  EXPECT_EQ(
      Send("POST", "/api/v1/auth/logout", {}, {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}).status,
      204);
  EXPECT_FALSE(res.stream->Done()) << "not checked again within 15 s";
  clock_->Advance(16 * kMsPerSecond);
  EXPECT_TRUE(res.stream->Done());

  EXPECT_EQ(Send("GET", "/api/v1/alarms/stream").status, 401);
  auto [cookie2, csrf2] = Login();
  HttpResponse bad =
      Send("GET", "/api/v1/alarms/stream", {}, {{"Cookie", cookie2}, {"Last-Event-ID", "x"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Json(bad)["error"]["field"], "last_event_id");
  EXPECT_EQ(bad.stream, nullptr);
}

// POST /device/alarm is authenticated by the Bearer token alone: a session
// cookie with its CSRF token is no substitute, and no CSRF is asked for.
TEST_F(ApiTest, TheDeviceAlarmTakesOnlyABearerToken) {
  auto [cookie, csrf] = Login();
  for (const auto& headers : std::vector<std::vector<std::pair<std::string, std::string>>>{
           {},
           {{"Cookie", cookie}, {"X-CSRF-Token", csrf}},
           {{"Authorization", "Basic abc"}},
           {{"Authorization", "Bearer "}},
           {{"Authorization", "Bearer " + std::string(64, 'a')}}}) {
    HttpResponse res = Send("POST", "/api/v1/device/alarm", "{}", headers);
    EXPECT_EQ(res.status, 401) << res.body;
    EXPECT_EQ(Json(res)["error"]["code"], "alarm.device_token");
  }
}

}  // namespace
}  // namespace trygg
