#include "quotekit/base.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace quotekit {

std::string_view to_string(Lang lang) noexcept {
  switch (lang) {
    case Lang::en: return "en";
    case Lang::ru: return "ru";
    case Lang::tr: return "tr";
    case Lang::other: return "other";
    case Lang::unknown: break;
  }
  return "unknown";
}

Lang parse_lang(std::string_view code) {
  std::string c(code);
  std::transform(c.begin(), c.end(), c.begin(), [](unsigned char ch) { return std::tolower(ch); });
  if (c == "en" || c == "eng" || c == "english") return Lang::en;
  if (c == "ru" || c == "rus" || c == "russian") return Lang::ru;
  if (c == "tr" || c == "tur" || c == "turkish") return Lang::tr;
  if (c == "other") return Lang::other;
  if (c.empty() || c == "unknown" || c == "auto") return Lang::unknown;
  throw UsageError(fmt::format("unknown language '{}': use en, ru, tr or other", code));
}

namespace {
std::string format_input_error(const std::string& source, std::uint64_t offset, const std::string& problem,
                               const std::string& hint) {
  std::string msg = source.empty() ? std::string("<input>") : source;
  if (offset != kNoOffset) msg += fmt::format(": byte {}", offset);
  msg += ": " + problem;
  if (!hint.empty()) msg += ". " + hint;
  return msg;
}
}  // namespace

InputError::InputError(std::string source, std::uint64_t offset, std::string problem, std::string hint)
    : Error(format_input_error(source, offset, problem, hint), ExitCode::input_error),
      source_(std::move(source)),
      offset_(offset),
      problem_(std::move(problem)),
      hint_(std::move(hint)) {}

}  // namespace quotekit
