#include "quotekit/parallel.hpp"

#include <exception>
#include <thread>
#include <vector>

namespace quotekit::detail {

void run_parallel(unsigned threads, const std::function<void(unsigned)>& f) {
  if (threads == 0) threads = 1;
  std::vector<std::exception_ptr> errors(threads);
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 1; t < threads; ++t) {
      pool.emplace_back([&, t] {
        try {
          f(t);
        } catch (...) {
          errors[t] = std::current_exception();
        }
      });
    }
    try {
      f(0);
    } catch (...) {
      errors[0] = std::current_exception();
    }
  }
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

}  // namespace quotekit::detail
