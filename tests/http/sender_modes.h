// The two BatchSender modes as a test parameter, for suites that run with an io_uring and without.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "http/batch_sender.h"

namespace trygg {

inline auto SenderModes() {
  return ::testing::Values(BatchSender::Mode::kBatched, BatchSender::Mode::kOneByOne);
}

inline std::string SenderModeName(const ::testing::TestParamInfo<BatchSender::Mode>& info) {
  return info.param == BatchSender::Mode::kBatched ? "Batched" : "OneByOne";
}

}  // namespace trygg
