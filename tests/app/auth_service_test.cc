#include <gtest/gtest.h>

#include "app_fixture.h"

namespace trygg::testing {
namespace {

class AuthServiceTest : public AppFixture {};

TEST_F(AuthServiceTest, LoginCreatesASessionThatAuthenticates) {
  auto login = app().auth().Login("EMP", "correct horse battery", "10.0.0.1");
  ASSERT_TRUE(login.ok()) << login.status().ToString();
  EXPECT_EQ(login->session_token.size(), 64u);
  EXPECT_TRUE(login->user.password_hash.empty());
  auto p = app().auth().Authenticate(login->session_token);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->user.username, "emp");
  EXPECT_EQ(p->csrf_token, login->csrf_token);
  ASSERT_TRUE(app().auth().Logout(login->session_token).ok());
  EXPECT_EQ(app().auth().Authenticate(login->session_token).status().code(),
            StatusCode::kUnauthenticated);
}

TEST_F(AuthServiceTest, WrongPasswordAndUnknownUserLookTheSame) {
  auto a = app().auth().Login("colleague", "wrong password!", "10.0.0.2");
  auto b = app().auth().Login("nobody-here", "wrong password!", "10.0.0.2");
  EXPECT_EQ(a.status().reason(), "auth.bad_credentials");
  EXPECT_EQ(b.status().reason(), "auth.bad_credentials");
}

TEST_F(AuthServiceTest, RepeatedFailuresAreThrottledEvenWithTheRightPassword) {
  for (int i = 0; i < 5; ++i) app().auth().Login("chef.rec", "nope nope nope", "10.0.0.3");
  auto blocked = app().auth().Login("chef.rec", "correct horse battery", "10.0.0.4");
  EXPECT_EQ(blocked.status().code(), StatusCode::kResourceExhausted);
  clock().Advance(16 * kMsPerMinute);
  EXPECT_TRUE(app().auth().Login("chef.rec", "correct horse battery", "10.0.0.4").ok());
}

TEST_F(AuthServiceTest, SessionExpiresAfterInactivity) {
  auto login = app().auth().Login("so", "correct horse battery", "10.0.0.5");
  ASSERT_TRUE(login.ok());
  clock().Advance(29 * kMsPerMinute);
  ASSERT_TRUE(app().auth().Authenticate(login->session_token).ok()) << "activity refreshes";
  clock().Advance(29 * kMsPerMinute);
  ASSERT_TRUE(app().auth().Authenticate(login->session_token).ok());
  clock().Advance(31 * kMsPerMinute);
  EXPECT_FALSE(app().auth().Authenticate(login->session_token).ok());
}

TEST_F(AuthServiceTest, DeactivatedUserCannotLogInAndLosesSessions) {
  auto created = app().users().Create(nullptr, {"leaver", "Leaver", "", org().eb,
                                                "correct horse battery"});
  ASSERT_TRUE(created.ok());
  auto login = app().auth().Login("leaver", "correct horse battery", "10.0.0.6");
  ASSERT_TRUE(login.ok());
  UserPatch off;
  off.active = false;
  ASSERT_TRUE(app().users().Update(people().admin, created->user.id, off).ok());
  EXPECT_FALSE(app().auth().Authenticate(login->session_token).ok());
  EXPECT_EQ(app().auth().Login("leaver", "correct horse battery", "10.0.0.6").status().reason(),
            "auth.bad_credentials");
}

TEST_F(AuthServiceTest, OnlyAdminsManageUsersAndOnlyInTheirScope) {
  EXPECT_EQ(app().users().List(people().chef_eb).status().code(), StatusCode::kPermissionDenied);
  auto g = app().users().Grant(&people().chef_eb, people().employee.user.id, Role::kChef, org().eb);
  EXPECT_EQ(g.status().code(), StatusCode::kPermissionDenied);
  auto weak = app().users().Create(&people().admin, {"weak", "Weak", "", org().eb, "short"});
  EXPECT_EQ(weak.status().reason(), "user.password");
  auto dup = app().users().Create(&people().admin, {"emp", "Dup", "", org().eb,
                                                    "correct horse battery"});
  EXPECT_EQ(dup.status().code(), StatusCode::kAlreadyExists);
}

}  // namespace
}  // namespace trygg::testing
