#include "quotekit/lsh.hpp"

#include "huge_pages.hpp"
#include "quotekit/parallel.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <boost/sort/spreadsort/integer_sort.hpp>
#include <cmath>
#include <exception>
#include <limits>
#include <thread>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace quotekit {

double lsh_probability(double s, LshParams p) noexcept {
  if (s <= 0.0) return 0.0;
  if (s >= 1.0) return 1.0;
  return 1.0 - std::pow(1.0 - std::pow(s, p.rows), p.bands);
}

namespace {
// Midpoint rule; the S-curve is smooth, 200 steps put the error far below the differences
// between neighbouring (b, r).
template <class F>
double integrate(F f, double lo, double hi) {
  constexpr int kSteps = 200;
  const double h = (hi - lo) / kSteps;
  double sum = 0.0;
  for (int i = 0; i < kSteps; ++i) sum += f(lo + (i + 0.5) * h);
  return sum * h;
}
}  // namespace

LshParams choose_lsh_params(double threshold, std::size_t k, double fn_weight) {
  if (!(threshold > 0.0 && threshold < 1.0)) {
    throw UsageError(fmt::format("LSH threshold must lie strictly between 0 and 1, got {}", threshold));
  }
  if (k == 0) throw UsageError("LSH needs a signature of at least one slot (K > 0)");
  if (!(fn_weight > 0.0 && fn_weight < 1.0)) {
    throw UsageError(
        fmt::format("LSH false-negative weight must lie strictly between 0 and 1, got {}", fn_weight));
  }
  LshParams best{1, static_cast<std::uint32_t>(k)};
  double best_cost = std::numeric_limits<double>::infinity();
  for (std::size_t r = 1; r <= k; ++r) {
    for (std::size_t b = 1; b * r <= k; ++b) {
      const LshParams p{static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(r)};
      const double fp =
          integrate([&](double s) { return lsh_probability(s, p); }, 0.0, threshold) / threshold;
      const double fn = integrate([&](double s) { return 1.0 - lsh_probability(s, p); }, threshold, 1.0) /
                        (1.0 - threshold);
      const double cost = (1.0 - fn_weight) * fp + fn_weight * fn;
      if (cost < best_cost - 1e-12) {
        best_cost = cost;
        best = p;
      }
    }
  }
  return best;
}

LshParams lsh_params_for_recall(double similarity, double recall, std::size_t k) {
  if (!(similarity > 0.0 && similarity < 1.0)) {
    throw UsageError(fmt::format("LSH similarity must lie strictly between 0 and 1, got {}", similarity));
  }
  if (!(recall > 0.0 && recall < 1.0)) {
    throw UsageError(fmt::format("LSH recall must lie strictly between 0 and 1, got {}", recall));
  }
  if (k == 0) throw UsageError("LSH needs a signature of at least one slot (K > 0)");
  for (std::size_t r = k; r >= 1; --r) {
    const std::size_t max_b = k / r;
    // P(s) = 1 - (1 - s^r)^b ≥ recall  ⇔  b ≥ ln(1 - recall) / ln(1 - s^r)
    const double sr = std::pow(similarity, static_cast<double>(r));
    if (!(sr > 0.0)) continue;  // underflow: far too many rows
    const double need = std::log(1.0 - recall) / std::log1p(-sr);
    if (!(need <= static_cast<double>(max_b) + 1e-9)) continue;
    const std::size_t b = std::max<std::size_t>(static_cast<std::size_t>(std::ceil(need - 1e-9)), 1);
    return {static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(r)};
  }
  return {static_cast<std::uint32_t>(k), 1};
}

std::uint64_t band_key(std::span<const std::uint32_t> signature, LshParams params,
                       std::uint32_t band) noexcept {
  const std::size_t start = static_cast<std::size_t>(band) * params.rows;
  if (start + params.rows > signature.size()) return 0;  // no such band: never a real key in practice
  return XXH3_64bits_withSeed(signature.data() + start, params.rows * sizeof(std::uint32_t), band);
}

namespace {
// One byte of a MinHash slot for splitting crowded buckets. Slots are minima, so their high bits
// are mostly zero: mix first.
std::uint8_t slot_byte(std::uint32_t slot) noexcept {
  return static_cast<std::uint8_t>((slot * 0x9E3779B1U) >> 24);
}
}  // namespace

LshIndex::LshIndex(LshParams params, std::size_t k, LshOptions options)
    : params_(params), k_(k), options_(options), bands_(params.bands) {
  if (params.bands == 0 || params.rows == 0)
    throw UsageError("LSH needs at least one band of at least one row");
  if (static_cast<std::size_t>(params.bands) * params.rows > k) {
    throw UsageError(fmt::format("LSH {} bands × {} rows need {} slots but signatures have K = {}",
                                 params.bands, params.rows,
                                 static_cast<std::size_t>(params.bands) * params.rows, k));
  }
  if (options.split_above != 0 && options.split_rows > k - params.rows) {
    throw UsageError(fmt::format(
        "LSH bucket splitting by {} more slots needs K ≥ {} (rows {} + {}), got K = {}", options.split_rows,
        params.rows + options.split_rows, params.rows, options.split_rows, k));
  }
}

LshIndex LshIndex::for_threshold(double threshold, std::size_t k, LshOptions options) {
  return LshIndex(choose_lsh_params(threshold, k), k, options);
}

void LshIndex::reserve(std::size_t statements) {
  for (auto& band : bands_) detail::reserve_huge(band, band.size() + statements);
  detail::reserve_huge(keys_, keys_.size() + statements * params_.bands);
  detail::reserve_huge(sketch_, sketch_.size() + statements * k_);
  present_.reserve(present_.size() + statements);
}

bool LshIndex::insert(std::uint32_t id, std::span<const std::uint32_t> signature) {
  if (signature.size() != k_) {
    throw UsageError(
        fmt::format("LSH index expects signatures of K = {} slots, got {}", k_, signature.size()));
  }
  if (is_empty_signature(signature)) return false;
  // A second entry under one id would leave the bands with two and keys_ with one of them, and
  // pairs would then be reported more than once: refuse it.
  if (id < present_.size() && present_[id]) {
    throw UsageError(
        fmt::format("LSH index: statement id {} is already in the index; insert each statement once", id));
  }
  if (present_.size() <= id) present_.resize(static_cast<std::size_t>(id) + 1, false);
  present_[id] = true;
  const std::size_t nb = params_.bands;
  if (keys_.size() < (static_cast<std::size_t>(id) + 1) * nb)
    keys_.resize((static_cast<std::size_t>(id) + 1) * nb, kSkippedKey);
  if (sketch_.size() < (static_cast<std::size_t>(id) + 1) * k_)
    sketch_.resize((static_cast<std::size_t>(id) + 1) * k_);
  std::uint8_t* out = sketch_.data() + static_cast<std::size_t>(id) * k_;
  for (std::size_t i = 0; i < k_; ++i) out[i] = slot_byte(signature[i]);
  for (std::uint32_t b = 0; b < params_.bands; ++b) {
    auto key32 = static_cast<std::uint32_t>(band_key(signature, params_, b) >> 32);
    if (key32 == kSkippedKey) --key32;  // reserved (see keys_)
    bands_[b].push_back(std::uint64_t{key32} << 32 | id);
    keys_[static_cast<std::size_t>(id) * nb + b] = key32;
  }
  ++pending_;
  ++size_;
  return true;
}

void LshIndex::build(unsigned threads) {
  if (pending_ == 0) return;
  const bool split = options_.split_above != 0 && options_.split_rows != 0;
  const std::size_t sorted = sorted_;
  // Bands are independent: each thread takes whole bands. Within a band the entries are sorted
  // (a radix sort: keys are random 32-bit hashes, ids ascend, so it is linear where std::sort
  // was the largest serial step at 2M statements), then every statement gets its bucket key in
  // that band: the band key, the key of its part of a split bucket, or kSkippedKey for an
  // over-full one (for_each_candidate_pair() must not count a skipped bucket as the band where a
  // pair was first reported). Threads write disjoint keys_ elements (one band column each).
  const std::uint32_t nb = params_.bands;
  threads = std::clamp(threads, 1U, nb);
  std::vector<LshStats> stats(threads);
  std::atomic<std::uint32_t> next{0};
  detail::run_parallel(threads, [&](unsigned t) {
    std::vector<std::uint64_t> scratch;
    LshStats st;  // on this thread's stack: stats[t] and stats[t + 1] share a cache line
    for (std::uint32_t b; (b = next.fetch_add(1)) < nb;) {
      auto& band = bands_[b];
      // A previous build() left split buckets ordered part by part: restore the key order first.
      if (split && sorted != 0)
        boost::sort::spreadsort::integer_sort(band.begin(),
                                              band.begin() + static_cast<std::ptrdiff_t>(sorted));
      const auto mid = band.begin() + static_cast<std::ptrdiff_t>(sorted);
      boost::sort::spreadsort::integer_sort(mid, band.end());
      std::inplace_merge(band.begin(), mid, band.end());
      for (std::size_t i = 0; i < band.size();) {
        std::size_t j = i + 1;
        while (j < band.size() && (band[j] >> 32) == (band[i] >> 32)) ++j;
        split_bucket(b, i, j, scratch, st);
        i = j;
      }
    }
    stats[t] = st;
  });
  sorted_ += pending_;
  pending_ = 0;
  built_ = {};
  for (const LshStats& st : stats) {
    built_.skipped_buckets += st.skipped_buckets;
    built_.skipped_entries += st.skipped_entries;
    built_.split_buckets += st.split_buckets;
  }
}

namespace {
// The key of the part of a bucket (key `parent`) whose statements have byte `byte` in the slot
// that splits it at depth `level`: a hash, never kSkippedKey.
std::uint32_t part_key(std::uint32_t parent, std::uint8_t byte, std::uint32_t level) noexcept {
  const std::uint64_t x = std::uint64_t{parent} << 32 | std::uint64_t{level} << 8 | byte;
  const auto key = static_cast<std::uint32_t>(XXH3_64bits_withSeed(&x, sizeof x, 0x51) >> 32);
  return key == 0xFFFFFFFFU ? key - 1 : key;
}
}  // namespace

void LshIndex::split_bucket(std::uint32_t band, std::size_t i, std::size_t j,
                            std::vector<std::uint64_t>& scratch, LshStats& stats) {
  auto& entries = bands_[band];
  const std::size_t nb = params_.bands;
  const auto id_of = [](std::uint64_t e) { return static_cast<std::size_t>(e & 0xFFFFFFFFULL); };
  const auto finish = [&](std::size_t lo, std::size_t hi, std::uint32_t key, const std::uint64_t* ids) {
    const bool over = options_.bucket_cap != 0 && hi - lo > options_.bucket_cap;
    if (over) {
      ++stats.skipped_buckets;
      stats.skipped_entries += hi - lo;
    }
    for (std::size_t x = lo; x < hi; ++x) keys_[id_of(ids[x]) * nb + band] = over ? kSkippedKey : key;
  };
  const auto base = static_cast<std::uint32_t>(entries[i] >> 32);
  const bool split = options_.split_above != 0 && options_.split_rows != 0;
  if (!split || j - i <= options_.split_above) {
    finish(i, j, base, entries.data());
    return;
  }
  // Depth-first over the parts: sort a part by (byte of the next slot, id), then handle each
  // run of equal bytes as a part of its own. Ids stay ascending within every final part.
  scratch.assign(entries.begin() + static_cast<std::ptrdiff_t>(i),
                 entries.begin() + static_cast<std::ptrdiff_t>(j));
  struct Part {
    std::size_t lo, hi;
    std::uint32_t key, level;
  };
  std::vector<Part> todo{{0, scratch.size(), base, 0}};
  while (!todo.empty()) {
    const Part p = todo.back();
    todo.pop_back();
    if (p.hi - p.lo <= options_.split_above || p.level == options_.split_rows) {
      finish(p.lo, p.hi, p.key, scratch.data());
      continue;
    }
    ++stats.split_buckets;
    const std::size_t slot = split_slot(band, p.level + 1);
    for (std::size_t x = p.lo; x < p.hi; ++x) {
      const std::size_t id = id_of(scratch[x]);
      scratch[x] = std::uint64_t{sketch_[id * k_ + slot]} << 32 | id;
    }
    std::sort(scratch.begin() + static_cast<std::ptrdiff_t>(p.lo),
              scratch.begin() + static_cast<std::ptrdiff_t>(p.hi));
    for (std::size_t x = p.lo; x < p.hi;) {
      std::size_t y = x + 1;
      while (y < p.hi && (scratch[y] >> 32) == (scratch[x] >> 32)) ++y;
      todo.push_back(
          {x, y, part_key(p.key, static_cast<std::uint8_t>(scratch[x] >> 32), p.level + 1), p.level + 1});
      x = y;
    }
  }
  for (std::size_t x = 0; x < scratch.size(); ++x)
    entries[i + x] = std::uint64_t{base} << 32 | id_of(scratch[x]);
}

double LshIndex::estimate_similarity(std::uint32_t a, std::uint32_t b) const noexcept {
  const std::uint8_t* x = sketch_.data() + static_cast<std::size_t>(a) * k_;
  const std::uint8_t* y = sketch_.data() + static_cast<std::size_t>(b) * k_;
  std::size_t same = 0, i = 0;
#if defined(__SSE2__)
  // Sixteen slots at a time: this runs once per candidate pair, hundreds of millions of times.
  // Each byte lane counts its agreements (eq is -1 per agreeing byte), at most 255 blocks, then
  // one horizontal sum.
  __m128i count = _mm_setzero_si128();
  for (std::size_t blocks = 0; i + 16 <= k_ && blocks < 255; i += 16, ++blocks) {
    const __m128i eq = _mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(x + i)),
                                      _mm_loadu_si128(reinterpret_cast<const __m128i*>(y + i)));
    count = _mm_sub_epi8(count, eq);
  }
  const __m128i sums = _mm_sad_epu8(count, _mm_setzero_si128());
  same = static_cast<std::size_t>(_mm_cvtsi128_si32(sums)) +
         static_cast<std::size_t>(_mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
#endif
  for (; i < k_; ++i) same += x[i] == y[i];
  constexpr double kChance = 1.0 / 256;
  const double share = static_cast<double>(same) / static_cast<double>(k_);
  return std::max(0.0, (share - kChance) / (1.0 - kChance));
}

bool LshIndex::share_a_bucket(const std::uint32_t* ka, const std::uint32_t* kb,
                              std::uint32_t bands) noexcept {
  std::uint32_t e = 0;
#if defined(__SSE2__)
  // Four bands at a time, without a branch per band: called for every pair a bucket holds.
  const __m128i skipped = _mm_set1_epi32(static_cast<int>(kSkippedKey));
  for (; e + 4 <= bands; e += 4) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(ka + e));
    const __m128i same = _mm_cmpeq_epi32(x, _mm_loadu_si128(reinterpret_cast<const __m128i*>(kb + e)));
    if (_mm_movemask_epi8(_mm_andnot_si128(_mm_cmpeq_epi32(x, skipped), same)) != 0) return true;
  }
#endif
  for (; e < bands; ++e) {
    if (ka[e] == kb[e] && ka[e] != kSkippedKey) return true;
  }
  return false;
}

void LshIndex::require_built() const {
  if (pending_ != 0) throw Error("LshIndex: call build() after insert() and before querying");
}

std::vector<std::uint32_t> LshIndex::candidates(std::span<const std::uint32_t> signature,
                                                LshStats* stats) const {
  require_built();
  if (signature.size() != k_) {
    throw UsageError(
        fmt::format("LSH index expects signatures of K = {} slots, got {}", k_, signature.size()));
  }
  std::vector<std::uint32_t> out, ids;
  if (is_empty_signature(signature)) return out;
  LshStats local;
  for (std::uint32_t b = 0; b < params_.bands; ++b) {
    const std::uint64_t lo = band_key(signature, params_, b) & 0xFFFFFFFF00000000ULL;
    const std::uint64_t hi = lo | 0xFFFFFFFFULL;
    const auto& band = bands_[b];
    const auto first = std::lower_bound(band.begin(), band.end(), lo);
    const auto last = std::upper_bound(first, band.end(), hi);
    // Walk down the splits build() made: the part the query falls in at each depth.
    ids.clear();
    for (auto it = first; it != last; ++it) ids.push_back(static_cast<std::uint32_t>(*it));
    for (std::uint32_t level = 1;
         options_.split_above != 0 && ids.size() > options_.split_above && level <= options_.split_rows;
         ++level) {
      const std::size_t slot = split_slot(b, level);
      const std::uint8_t byte = slot_byte(signature[slot]);
      std::erase_if(
          ids, [&](std::uint32_t id) { return sketch_[static_cast<std::size_t>(id) * k_ + slot] != byte; });
    }
    if (options_.bucket_cap != 0 && ids.size() > options_.bucket_cap) {
      ++local.skipped_buckets;
      local.skipped_entries += ids.size();
      continue;
    }
    out.insert(out.end(), ids.begin(), ids.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  local.raw_pairs = out.size();
  if (stats) *stats = local;
  return out;
}

std::vector<CandidatePair> LshIndex::all_candidate_pairs(LshStats* stats) const {
  require_built();
  LshStats local;
  // Pairs are packed as (a << 32 | b) so that sorting and de-duplication are plain integer ops.
  // The buffer is compacted (sort + unique) whenever it doubles past the distinct pairs known,
  // bounding memory by ~3× the distinct pairs even when near-duplicates share every band.
  std::vector<std::uint64_t> pairs;
  std::size_t compacted = 0;
  auto compact = [&] {
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    compacted = pairs.size();
  };
  for (std::uint32_t band = 0; band < params_.bands; ++band) {
    for_each_bucket(band, [&](const std::uint64_t* first, const std::uint64_t* last) {
      for (const std::uint64_t* x = first; x != last; ++x) {
        const std::uint64_t a = *x & 0xFFFFFFFFULL;
        for (const std::uint64_t* y = x + 1; y != last; ++y) {
          const std::uint64_t b = *y & 0xFFFFFFFFULL;  // > a: ids ascend within a bucket
          if (a == b) continue;                        // the same id inserted twice
          pairs.push_back(a << 32 | b);
          ++local.raw_pairs;
        }
      }
    });
    if (pairs.size() > 2 * compacted + (std::size_t{1} << 20)) compact();
  }
  compact();
  std::vector<CandidatePair> out(pairs.size());
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    out[i] = {static_cast<std::uint32_t>(pairs[i] >> 32), static_cast<std::uint32_t>(pairs[i])};
  }
  if (stats) {
    *stats = built_;
    stats->raw_pairs = local.raw_pairs;
  }
  return out;
}

std::size_t LshIndex::memory_bytes() const noexcept {
  std::size_t bytes = 0;
  for (const auto& band : bands_) bytes += band.capacity() * sizeof(std::uint64_t);
  bytes += keys_.capacity() * sizeof(std::uint32_t) + sketch_.capacity() + present_.capacity() / 8;
  return bytes;
}

}  // namespace quotekit
