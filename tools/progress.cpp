#include "progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

namespace quotekit::cli {

ProgressLine::ProgressLine(bool quiet)
    : enabled_(!quiet && ::isatty(STDERR_FILENO) == 1), start_(Clock::now()) {}

ProgressLine::~ProgressLine() { clear(); }

ProgressFn ProgressLine::callback() {
  if (!enabled_) return {};
  return [this](const Progress& p) { update(p); };
}

void ProgressLine::update(const Progress& p) {
  if (!enabled_) return;
  const auto now = Clock::now();
  if (now - start_ < std::chrono::seconds(1)) return;                  // short runs: silent
  if (shown_ && now - last_ < std::chrono::milliseconds(200)) return;  // throttle
  last_ = now;
  shown_ = true;
  const double secs = std::chrono::duration<double>(now - start_).count();
  if (p.total == 0) {  // an open-ended count
    fmt::print(stderr, "\rquotekit: {} {}  ({:.0f} s)\x1b[K", p.stage, p.done, secs);
  } else {
    const double pct = 100.0 * static_cast<double>(p.done) / static_cast<double>(p.total);
    fmt::print(stderr, "\rquotekit: {} {:5.1f}%  ({:.0f} s)\x1b[K", p.stage, pct, secs);
  }
  std::fflush(stderr);
}

void ProgressLine::clear() {
  if (!shown_) return;
  fmt::print(stderr, "\r\x1b[K");
  std::fflush(stderr);
  shown_ = false;
}

}  // namespace quotekit::cli
