// A small command-line flag parser: "--name value", "--name=value", boolean and repeatable flags.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace trygg::cli {

struct FlagSpec {
  std::string name;        // without the leading "--"
  std::string value_name;  // e.g. "PATH"; empty for a boolean flag
  std::string help;
  bool repeatable = false;
};

class Flags {
 public:
  // Parses `args` (the words after the command) against `spec`; "--help" is
  // always accepted. Errors: InvalidArgument for an unknown flag, a missing
  // value, a value given to a boolean flag, a repeated non-repeatable flag or
  // a stray positional argument.
  static Result<Flags> Parse(const std::vector<std::string>& args,
                             const std::vector<FlagSpec>& spec);

  bool help() const { return help_; }
  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  // The flag's (last) value, if given.
  std::optional<std::string> Get(const std::string& name) const;
  // Sets `name` to `value` unless the command line gave it.
  void SetDefault(const std::string& name, const std::string& value);
  // Every value of a repeatable flag, in order.
  std::vector<std::string> GetAll(const std::string& name) const;
  // The flag as an integer in [min, max], or `fallback` when absent.
  // InvalidArgument when it is not such an integer.
  Result<long long> GetInt(const std::string& name, long long fallback, long long min,
                           long long max) const;

 private:
  bool help_ = false;
  std::map<std::string, std::vector<std::string>> values_;
};

// "Usage: trygg <usage>\n\n<summary>\n\nOptions:\n  --name VALUE  help…\n".
std::string Usage(const std::string& usage, const std::string& summary,
                  const std::vector<FlagSpec>& spec);

}  // namespace trygg::cli
