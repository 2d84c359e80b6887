// tools/progress.hpp — a progress line on standard error for long runs: only when stderr is a
// terminal and --quiet is off, only once a run has taken over a second, redrawn at most five
// times a second, and erased when the run ends. Programs reading a pipe never see it.
#pragma once

#include <chrono>
#include <string>

#include "quotekit/analyze.hpp"

namespace quotekit::cli {

class ProgressLine {
 public:
  // Enabled when !quiet and standard error is a terminal (isatty).
  explicit ProgressLine(bool quiet);
  ~ProgressLine();  // erases the line
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  bool enabled() const noexcept { return enabled_; }
  // The callback for AnalyzeOptions / NeardupOptions (holds a pointer to this object).
  ProgressFn callback();
  void update(const Progress& p);
  void clear();

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  bool shown_ = false;
  Clock::time_point start_, last_;
};

}  // namespace quotekit::cli
