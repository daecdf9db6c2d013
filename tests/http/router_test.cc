// Router: pattern matching, parameters, 404 vs 405.
#include "http/router.h"

#include <gtest/gtest.h>

namespace trygg {
namespace {

RouteHandler Nop() {
  return [](const Call&) -> Result<HttpResponse> { return HttpResponse{}; };
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    r_.Add("GET", "/api/v1/incidents", RouteAccess::kSession, Nop());
    r_.Add("POST", "/api/v1/incidents", RouteAccess::kSession, Nop());
    r_.Add("GET", "/api/v1/incidents/{id}", RouteAccess::kSession, Nop());
    r_.Add("PATCH", "/api/v1/incidents/{id}/measures/{mid}", RouteAccess::kSession, Nop());
    r_.Add("POST", "/api/v1/auth/login", RouteAccess::kPublic, Nop());
  }
  Router r_;
};

TEST_F(RouterTest, MatchesLiteralRoutesByMethod) {
  RouteMatch m = r_.Match("POST", "/api/v1/incidents");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(m.route->method, "POST");
  EXPECT_EQ(m.route->pattern, "/api/v1/incidents");
}

TEST_F(RouterTest, ExtractsAndDecodesParameters) {
  RouteMatch m = r_.Match("PATCH", "/api/v1/incidents/12/measures/7");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(m.params.at("id"), "12");
  EXPECT_EQ(m.params.at("mid"), "7");
  m = r_.Match("GET", "/api/v1/incidents/a%20b");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(m.params.at("id"), "a b");
}

TEST_F(RouterTest, UnknownPathIsNotFound) {
  EXPECT_EQ(r_.Match("GET", "/api/v1/nope").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(r_.Match("GET", "/api/v1/incidents/1/2").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(r_.Match("GET", "/api/v1/incidents/").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(r_.Match("GET", "/api/v1/incidents/%zz").kind, RouteMatch::Kind::kNotFound);
}

TEST_F(RouterTest, WrongMethodIsMethodNotAllowedWithTheAllowedOnes) {
  RouteMatch m = r_.Match("DELETE", "/api/v1/incidents");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kMethodNotAllowed);
  EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "POST"}));
  EXPECT_EQ(r_.Match("GET", "/api/v1/auth/login").kind, RouteMatch::Kind::kMethodNotAllowed);
}

TEST_F(RouterTest, HeadMatchesGet) {
  RouteMatch m = r_.Match("HEAD", "/api/v1/incidents/3");
  ASSERT_EQ(m.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(m.route->method, "GET");
}

TEST(SplitTargetTest, SplitsPathAndDecodesQuery) {
  std::string path;
  std::map<std::string, std::string> query;
  SplitTarget("/api/v1/incidents?status=ny&from=2026-01-01T00%3A00%3A00%2B01%3A00&x=a+b&flag",
              &path, &query);
  EXPECT_EQ(path, "/api/v1/incidents");
  EXPECT_EQ(query.at("status"), "ny");
  EXPECT_EQ(query.at("from"), "2026-01-01T00:00:00+01:00");
  EXPECT_EQ(query.at("x"), "a b");
  EXPECT_EQ(query.at("flag"), "");
}

TEST(HttpTypesTest, HeaderLookupIgnoresCase) {
  HttpRequest req;
  req.headers = {{"content-type", "application/json"}, {"X-CSRF-Token", "abc"}};
  EXPECT_EQ(req.Header("Content-Type").value_or(""), "application/json");
  EXPECT_EQ(req.Header("x-csrf-token").value_or(""), "abc");
  EXPECT_FALSE(req.Header("Cookie").has_value());
  EXPECT_FALSE(PercentDecode("%4", false).has_value());
  EXPECT_EQ(PercentDecode("%C3%A5", false).value_or(""), "å");
}

}  // namespace
}  // namespace trygg
