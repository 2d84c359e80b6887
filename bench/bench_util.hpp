// Shared helpers for the benchmarks: peak memory of the process.
#pragma once

#include <sys/resource.h>

namespace quotekit::bench {

// Peak resident set size of this process so far, in MiB (Linux reports ru_maxrss in KiB).
inline double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

}  // namespace quotekit::bench
