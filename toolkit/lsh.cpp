#include "quotekit/lsh.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <thread>

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

LshIndex::LshIndex(LshParams params, std::size_t k, LshOptions options)
    : params_(params), k_(k), options_(options), bands_(params.bands) {
  if (params.bands == 0 || params.rows == 0)
    throw UsageError("LSH needs at least one band of at least one row");
  if (static_cast<std::size_t>(params.bands) * params.rows > k) {
    throw UsageError(fmt::format("LSH {} bands × {} rows need {} slots but signatures have K = {}",
                                 params.bands, params.rows,
                                 static_cast<std::size_t>(params.bands) * params.rows, k));
  }
}

LshIndex LshIndex::for_threshold(double threshold, std::size_t k, LshOptions options) {
  return LshIndex(choose_lsh_params(threshold, k), k, options);
}

void LshIndex::reserve(std::size_t statements) {
  for (auto& band : bands_) band.reserve(statements);
}

bool LshIndex::insert(std::uint32_t id, std::span<const std::uint32_t> signature) {
  if (signature.size() != k_) {
    throw UsageError(
        fmt::format("LSH index expects signatures of K = {} slots, got {}", k_, signature.size()));
  }
  if (is_empty_signature(signature)) return false;
  const std::size_t nb = params_.bands;
  if (keys_.size() < (static_cast<std::size_t>(id) + 1) * nb)
    keys_.resize((static_cast<std::size_t>(id) + 1) * nb, kSkippedKey);
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

void LshIndex::build() {
  if (pending_ == 0) return;
  for (auto& band : bands_) {
    const auto mid = band.begin() + static_cast<std::ptrdiff_t>(sorted_);
    std::sort(mid, band.end());
    std::inplace_merge(band.begin(), mid, band.end());
  }
  sorted_ += pending_;
  pending_ = 0;
  // Mark the members of over-full buckets in keys_: for_each_candidate_pair() must not count a
  // skipped bucket as the band where a pair was first reported.
  if (options_.bucket_cap == 0) return;
  const std::size_t nb = params_.bands;
  for (std::size_t b = 0; b < nb; ++b) {
    const auto& band = bands_[b];
    for (std::size_t i = 0; i < band.size();) {
      std::size_t j = i + 1;
      while (j < band.size() && (band[j] >> 32) == (band[i] >> 32)) ++j;
      if (j - i > options_.bucket_cap) {
        for (std::size_t x = i; x < j; ++x)
          keys_[static_cast<std::size_t>(band[x] & 0xFFFFFFFFULL) * nb + b] = kSkippedKey;
      }
      i = j;
    }
  }
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
  std::vector<std::uint32_t> out;
  if (is_empty_signature(signature)) return out;
  LshStats local;
  for (std::uint32_t b = 0; b < params_.bands; ++b) {
    const std::uint64_t lo = band_key(signature, params_, b) & 0xFFFFFFFF00000000ULL;
    const std::uint64_t hi = lo | 0xFFFFFFFFULL;
    const auto& band = bands_[b];
    const auto first = std::lower_bound(band.begin(), band.end(), lo);
    const auto last = std::upper_bound(first, band.end(), hi);
    const auto n = static_cast<std::size_t>(last - first);
    if (options_.bucket_cap != 0 && n > options_.bucket_cap) {
      ++local.skipped_buckets;
      local.skipped_entries += n;
      continue;
    }
    for (auto it = first; it != last; ++it) out.push_back(static_cast<std::uint32_t>(*it));
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
  for (const auto& band : bands_) {
    for (std::size_t i = 0; i < band.size();) {
      const std::uint64_t key = band[i] >> 32;
      std::size_t j = i + 1;
      while (j < band.size() && (band[j] >> 32) == key) ++j;
      const std::size_t n = j - i;
      if (options_.bucket_cap != 0 && n > options_.bucket_cap) {
        ++local.skipped_buckets;
        local.skipped_entries += n;
      } else {
        // Ids within a bucket are ascending (entries sort by key, then id): x < y below.
        for (std::size_t x = i; x < j; ++x) {
          const std::uint64_t a = band[x] & 0xFFFFFFFFULL;
          for (std::size_t y = x + 1; y < j; ++y) {
            const std::uint64_t b = band[y] & 0xFFFFFFFFULL;
            if (a == b) continue;  // the same id inserted twice
            pairs.push_back(a << 32 | b);
            ++local.raw_pairs;
          }
        }
      }
      i = j;
    }
    if (pairs.size() > 2 * compacted + (std::size_t{1} << 20)) compact();
  }
  compact();
  std::vector<CandidatePair> out(pairs.size());
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    out[i] = {static_cast<std::uint32_t>(pairs[i] >> 32), static_cast<std::uint32_t>(pairs[i])};
  }
  if (stats) *stats = local;
  return out;
}

std::size_t LshIndex::memory_bytes() const noexcept {
  std::size_t bytes = 0;
  for (const auto& band : bands_) bytes += band.capacity() * sizeof(std::uint64_t);
  bytes += keys_.capacity() * sizeof(std::uint32_t);
  return bytes;
}

}  // namespace quotekit
