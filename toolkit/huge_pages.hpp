// huge_pages.hpp — ask the kernel for transparent huge pages on the few large arrays that a
// million-statement corpus touches at random (LSH bands, bucket keys, sketches, feature pools).
// With 4 KiB pages those arrays cost a TLB miss on nearly every candidate pair and a page fault
// every 4 KiB while they fill. On the 2-core VM of bench/README.md (THP in madvise mode),
// the advice took `quotekit neardup` from 19.7–20.4 s to 18.7–18.9 s at 1M statements and
// its system time at 2M from 9–11 s to 6–8 s. Advice only: where THP is off or unsupported,
// nothing changes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace quotekit::detail {

// Below this, huge pages cannot help (a 2 MiB page would not fit inside the range).
inline constexpr std::size_t kHugePageMin = std::size_t{4} << 20;

// Advises huge pages for the whole pages inside [p, p + bytes): pages touched from now on.
inline void advise_huge_pages(const void* p, std::size_t bytes) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (p == nullptr || bytes < kHugePageMin) return;
  constexpr std::uintptr_t kPage = 4096;
  const auto begin = (reinterpret_cast<std::uintptr_t>(p) + kPage - 1) & ~(kPage - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(p) + bytes) & ~(kPage - 1);
  if (end > begin) (void)madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)p;
  (void)bytes;
#endif
}

// v.reserve(n), then the advice on the new buffer (before its pages are touched).
template <class T>
void reserve_huge(std::vector<T>& v, std::size_t n) {
  v.reserve(n);
  advise_huge_pages(v.data(), v.capacity() * sizeof(T));
}

}  // namespace quotekit::detail
