// Flag parsing for the trygg CLI.
#include "cli/flags.h"

#include <algorithm>
#include <charconv>

namespace trygg::cli {
namespace {

const FlagSpec* FindSpec(const std::vector<FlagSpec>& spec, const std::string& name) {
  for (const FlagSpec& s : spec) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

}  // namespace

Result<Flags> Flags::Parse(const std::vector<std::string>& args,
                           const std::vector<FlagSpec>& spec) {
  Flags flags;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      flags.help_ = true;
      continue;
    }
    if (arg.rfind("--", 0) != 0) {
      return Status::InvalidArgument("flags.positional", "unexpected argument: " + arg);
    }
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (const size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    const FlagSpec* s = FindSpec(spec, name);
    if (!s) return Status::InvalidArgument("flags.unknown", "unknown option --" + name);
    if (s->value_name.empty()) {
      if (value) return Status::InvalidArgument("flags.value", "--" + name + " takes no value");
      value = "true";
    } else if (!value) {
      if (i + 1 >= args.size()) {
        return Status::InvalidArgument("flags.value", "--" + name + " needs " + s->value_name);
      }
      value = args[++i];
    }
    auto& slot = flags.values_[name];
    if (!slot.empty() && !s->repeatable) {
      return Status::InvalidArgument("flags.repeated", "--" + name + " given twice");
    }
    slot.push_back(*value);
  }
  return flags;
}

std::optional<std::string> Flags::Get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

void Flags::SetDefault(const std::string& name, const std::string& value) {
  auto& slot = values_[name];
  if (slot.empty()) slot.push_back(value);
}

std::vector<std::string> Flags::GetAll(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>() : it->second;
}

Result<long long> Flags::GetInt(const std::string& name, long long fallback, long long min,
                                long long max) const {
  std::optional<std::string> text = Get(name);
  if (!text) return fallback;
  long long v = 0;
  auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || ptr != text->data() + text->size() || v < min || v > max) {
    return Status::InvalidArgument("flags.int", "--" + name + " must be an integer from " +
                                                    std::to_string(min) + " to " +
                                                    std::to_string(max));
  }
  return v;
}

std::string Usage(const std::string& usage, const std::string& summary,
                  const std::vector<FlagSpec>& spec) {
  std::string out = "Usage: trygg " + usage + "\n\n" + summary + "\n\nOptions:\n";
  std::vector<std::string> lefts;
  size_t width = std::string("--help").size();
  for (const FlagSpec& s : spec) {
    std::string left = "--" + s.name + (s.value_name.empty() ? "" : " " + s.value_name);
    width = std::max(width, left.size());
    lefts.push_back(std::move(left));
  }
  for (size_t i = 0; i < spec.size(); ++i) {
    out += "  " + lefts[i] + std::string(width - lefts[i].size() + 2, ' ') + spec[i].help;
    if (spec[i].repeatable) out += " (repeatable)";
    out += "\n";
  }
  out += "  --help" + std::string(width - 6 + 2, ' ') + "show this help\n";
  return out;
}

}  // namespace trygg::cli
