// quotekit/parallel.hpp — the one fork-join helper the library's parallel stages share
// (analysis, LSH pair enumeration). Detail: not part of the stable API.
#pragma once

#include <functional>

namespace quotekit::detail {

// Runs f(t) for t in [0, threads) on as many threads, the caller's being t = 0, waits for all,
// then rethrows the first exception (by thread index) any of them threw. threads 0 counts as 1.
void run_parallel(unsigned threads, const std::function<void(unsigned)>& f);

}  // namespace quotekit::detail
