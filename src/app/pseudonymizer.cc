#include "app/pseudonymizer.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "core/crypto.h"
#include "domain/calendar.h"

namespace trygg {
namespace {

constexpr size_t kKeyBytes = 32;
constexpr size_t kKeyHexChars = 2 * kKeyBytes;

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  int fd_;
};

Status KeyFileInvalid(std::string detail) {
  return Status::InvalidArgument("pseudonym.key_file", std::move(detail));
}

}  // namespace

Result<std::string> Pseudonymizer::Key(SubjectIdKind kind, std::string_view raw, TimeMs now) const {
  if (!configured()) return Status::FailedPrecondition("subject.not_configured");
  TRYGG_ASSIGN_OR_RETURN(std::string canonical,
                         CanonicalSubjectId(kind, raw, StockholmDate(now).year));
  std::string key = HmacSha256Hex(secret_, canonical);
  sodium_memzero(canonical.data(), canonical.size());
  return key;
}

Result<std::string> LoadPseudonymKey(const std::string& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
  if (fd.get() < 0) return Status::NotFound("pseudonym.key_file", "cannot be read");
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return Status::NotFound("pseudonym.key_file", "cannot be read");
  if (!S_ISREG(st.st_mode)) return KeyFileInvalid("not a regular file");
  if ((st.st_mode & 077) != 0) return KeyFileInvalid("readable by group or others");

  // Read a little more than a key can be, to notice a longer file.
  char buf[kKeyHexChars + 8];
  size_t n = 0;
  while (n < sizeof buf) {
    const ssize_t got = ::read(fd.get(), buf + n, sizeof buf - n);
    if (got < 0) {
      if (errno == EINTR) continue;
      return Status::NotFound("pseudonym.key_file", "cannot be read");
    }
    if (got == 0) break;
    n += static_cast<size_t>(got);
  }
  const bool shape_ok = n == kKeyHexChars || (n == kKeyHexChars + 1 && buf[kKeyHexChars] == '\n');
  std::string secret(kKeyBytes, '\0');
  size_t decoded = 0;
  const bool ok = shape_ok &&
                  sodium_hex2bin(reinterpret_cast<unsigned char*>(secret.data()), secret.size(),
                                 buf, kKeyHexChars, nullptr, &decoded, nullptr) == 0 &&
                  decoded == kKeyBytes;
  sodium_memzero(buf, sizeof buf);
  if (!ok) return KeyFileInvalid("not 64 hex characters");
  return secret;
}

Status WritePseudonymKey(const std::string& path) {
  Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0600));
  if (fd.get() < 0) {
    if (errno == EEXIST) return Status::AlreadyExists("pseudonym.key_file");
    return Status::Internal("cannot create the pseudonym key file");
  }
  auto fail = [&path, &fd](const char* what) {
    ::close(fd.release());
    ::unlink(path.c_str());
    return Status::Internal(what);
  };
  if (::fchmod(fd.get(), 0600) != 0) return fail("cannot set the key file's mode");
  std::string text = RandomHex(kKeyBytes) + "\n";
  size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd.get(), text.data() + written, text.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      sodium_memzero(text.data(), text.size());
      return fail("cannot write the pseudonym key file");
    }
    written += static_cast<size_t>(n);
  }
  sodium_memzero(text.data(), text.size());
  if (::fsync(fd.get()) != 0) return fail("cannot sync the pseudonym key file");
  if (::close(fd.release()) != 0) {
    ::unlink(path.c_str());
    return Status::Internal("cannot close the pseudonym key file");
  }
  return Status::Ok();
}

}  // namespace trygg
