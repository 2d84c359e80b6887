// quotekit/base.hpp — the light header every other one builds on: byte spans, languages,
// exit codes and the error type. No heavy dependencies here.
#pragma once

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>

namespace quotekit {

inline constexpr std::string_view kVersion = "0.1.0";

// A half-open byte range [start, end) into a document's UTF-8 text. Every statement, token,
// match and edit carries one, so an editor can highlight it in the original.
struct Span {
  std::uint32_t start = 0;
  std::uint32_t end = 0;

  constexpr std::uint32_t size() const noexcept { return end - start; }
  constexpr bool empty() const noexcept { return end <= start; }
  constexpr bool contains(Span o) const noexcept { return start <= o.start && o.end <= end; }
  friend constexpr bool operator==(Span, Span) = default;
};

// The text a span covers. The span must lie inside `text`.
constexpr std::string_view slice(std::string_view text, Span s) noexcept {
  return text.substr(s.start, s.end - s.start);
}

enum class Lang : std::uint8_t { unknown, en, ru, tr, other };

// "en", "ru", "tr", "other", "unknown".
std::string_view to_string(Lang lang) noexcept;
// Accepts the codes above (case-insensitive) plus "eng", "rus", "tur"; returns nullopt-like
// Lang::unknown for "unknown"/"" and throws UsageError for anything else.
Lang parse_lang(std::string_view code);

// The CLI's documented exit codes; the library's errors map onto them.
enum class ExitCode : int {
  ok = 0,           // results printed
  no_result = 1,    // ran fine, found nothing (e.g. no near-duplicates)
  usage = 2,        // bad command line
  input_error = 3,  // unreadable, undecodable or malformed input
  internal = 4,     // a bug: please report it
};

inline constexpr std::uint64_t kNoOffset = std::numeric_limits<std::uint64_t>::max();

// Base of every error quotekit throws. `what()` is a complete, user-facing message.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, ExitCode code = ExitCode::internal)
      : std::runtime_error(message), code_(code) {}
  ExitCode code() const noexcept { return code_; }

 private:
  ExitCode code_;
};

// Bad arguments: an unknown language or encoding name, a malformed option value.
class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error(message, ExitCode::usage) {}
};

// Input that cannot be read as asked. Names the source, the byte offset where known, what went
// wrong and what the user can do about it:
//   "interview.txt: byte 1042: invalid UTF-8 (byte 0xE9). Pass --encoding windows-1254 ..."
class InputError : public Error {
 public:
  InputError(std::string source, std::uint64_t offset, std::string problem, std::string hint);

  const std::string& source() const noexcept { return source_; }
  std::uint64_t offset() const noexcept { return offset_; }  // kNoOffset when not tied to a byte
  const std::string& problem() const noexcept { return problem_; }
  const std::string& hint() const noexcept { return hint_; }

 private:
  std::string source_;
  std::uint64_t offset_;
  std::string problem_;
  std::string hint_;
};

}  // namespace quotekit
