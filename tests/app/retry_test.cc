// RetryTransient: only "storage.retry" is retried, and only a few times.
#include "app/retry.h"

#include <gtest/gtest.h>

namespace trygg {
namespace {

const Status kRetry(StatusCode::kUnavailable, "storage.retry", "could not serialize access");

TEST(RetryTest, RunsAgainAfterASerializationFailureUntilItSucceeds) {
  int calls = 0;
  Result<int> r = RetryTransient(3, [&]() -> Result<int> {
    if (++calls < 3) return kRetry;
    return 42;
  });
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 42);
  EXPECT_EQ(calls, 3);
}

TEST(RetryTest, GivesUpAfterTheLastAttempt) {
  int calls = 0;
  Status s = RetryTransient(3, [&] {
    ++calls;
    return kRetry;
  });
  EXPECT_EQ(s.reason(), "storage.retry");
  EXPECT_EQ(calls, 3);
}

TEST(RetryTest, OtherErrorsAndSuccessRunOnce) {
  for (const Status& outcome : {Status::Ok(), Status::Unavailable("busy"),
                                Status::Conflict("incident.stale_version")}) {
    int calls = 0;
    Status s = RetryTransient(3, [&] {
      ++calls;
      return outcome;
    });
    EXPECT_EQ(calls, 1) << outcome.ToString();
    EXPECT_EQ(s.code(), outcome.code());
  }
}

}  // namespace
}  // namespace trygg
