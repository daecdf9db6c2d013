// SmtpSink: scripts/smtp-sink.py (a real SMTP server) run as a child process
// in a fresh temporary folder, for the mail tests.
#pragma once

#include <gtest/gtest.h>
#include <sys/types.h>

#include <string>
#include <vector>

namespace trygg::testing {

class SmtpSink {
 public:
  SmtpSink() = default;
  ~SmtpSink() { Stop(); }
  SmtpSink(const SmtpSink&) = delete;
  SmtpSink& operator=(const SmtpSink&) = delete;

  // Starts the sink with `extra_args` (e.g. {"--tempfail-first", "1"}) and
  // waits until it has written its port file.
  ::testing::AssertionResult Start(const std::vector<std::string>& extra_args = {});
  // Stops the process (SIGTERM, then SIGKILL) and removes the folder.
  void Stop();

  int port() const { return port_; }
  const std::string& dir() const { return dir_; }

  // How many messages the sink has stored (files N.eml).
  int MessageCount() const;
  // The raw bytes of stored message `seq` (from 1), or "" when there is none.
  std::string Message(int seq) const;
  // The envelope of message `seq` as the sink wrote it (JSON text).
  std::string Envelope(int seq) const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string dir_;
};

// A loopback port on which nothing listens (bound once, then closed).
int UnusedLoopbackPort();

}  // namespace trygg::testing
