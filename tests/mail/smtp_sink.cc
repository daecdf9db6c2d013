#include "smtp_sink.h"

#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#ifndef TRYGG_SOURCE_DIR
#error "TRYGG_SOURCE_DIR must name the repository (a compile definition)"
#endif

namespace trygg::testing {

namespace fs = std::filesystem;

namespace {

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

::testing::AssertionResult SmtpSink::Start(const std::vector<std::string>& extra_args) {
  std::string templ = (fs::temp_directory_path() / "trygg-smtp-XXXXXX").string();
  if (::mkdtemp(templ.data()) == nullptr) return ::testing::AssertionFailure() << "mkdtemp";
  dir_ = templ;

  const std::string script = std::string(TRYGG_SOURCE_DIR) + "/scripts/smtp-sink.py";
  std::vector<std::string> args = {"/usr/bin/python3", script, "--dir", dir_, "--port", "0"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  pid_ = ::fork();
  if (pid_ < 0) return ::testing::AssertionFailure() << "fork failed";
  if (pid_ == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);  // no stray sink when the test binary dies
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    std::string text = ReadFile(fs::path(dir_) / "port");
    if (!text.empty()) {
      port_ = std::stoi(text);
      return ::testing::AssertionSuccess();
    }
    int wstatus = 0;
    if (::waitpid(pid_, &wstatus, WNOHANG) == pid_) {
      pid_ = -1;
      return ::testing::AssertionFailure() << "smtp-sink.py exited early (status " << wstatus
                                           << "); is python3-aiosmtpd installed?";
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return ::testing::AssertionFailure() << "smtp-sink.py wrote no port file in 20 s";
}

void SmtpSink::Stop() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (::waitpid(pid_, nullptr, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    pid_ = -1;
  }
  if (!dir_.empty()) {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
    dir_.clear();
  }
}

int SmtpSink::MessageCount() const {
  int n = 0;
  while (fs::exists(fs::path(dir_) / (std::to_string(n + 1) + ".eml"))) ++n;
  return n;
}

std::string SmtpSink::Message(int seq) const {
  return ReadFile(fs::path(dir_) / (std::to_string(seq) + ".eml"));
}

std::string SmtpSink::Envelope(int seq) const {
  return ReadFile(fs::path(dir_) / (std::to_string(seq) + ".json"));
}

int UnusedLoopbackPort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

}  // namespace trygg::testing
