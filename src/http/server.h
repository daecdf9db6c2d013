// The HTTP server: Boost.Beast over Asio, C++20 coroutines; feeds requests to HttpApi.
//
// This header is free of Boost so that only server.cc pays for compiling Beast.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"
#include "http/api.h"

namespace trygg {

struct ServerConfig {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port
  int threads = 2;       // threads running the io_context (≥ 1)
};

// Binds host:port, prints exactly one line "Trygg listening on http://HOST:PORT"
// to stdout (flushed), then serves until SIGINT or SIGTERM. On a signal it
// stops accepting, closes idle keep-alive connections, lets requests in
// flight finish (at most 10 s) and returns OK. Each read and write has a 30 s
// timeout; request bodies over 64 KiB get 413. Errors: Unavailable when the
// address cannot be resolved or bound.
Status RunServer(const HttpApi& api, const ServerConfig& config);

}  // namespace trygg
