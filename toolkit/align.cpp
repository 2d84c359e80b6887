// align: banded dynamic programming over two statement sequences (see align.hpp).
//
// Layout: row i (A statements consumed) holds the cells j in [lo(i), hi(i)] (B statements
// consumed), a band around the diagonal j = i*m/n. Back-pointers are one byte per band cell;
// path values live in three rolling rows, because no bead consumes more than two A statements.
#include "quotekit/align.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace quotekit {

std::string_view to_string(BeadKind kind) noexcept {
  switch (kind) {
    case BeadKind::one_one:
      return "1-1";
    case BeadKind::one_two:
      return "1-2";
    case BeadKind::two_one:
      return "2-1";
    case BeadKind::two_two:
      return "2-2";
    case BeadKind::one_zero:
      return "1-0";
    case BeadKind::zero_one:
      return "0-1";
  }
  return "?";
}

BeadKind Bead::kind() const noexcept {
  if (a_count == 0) return BeadKind::zero_one;
  if (b_count == 0) return BeadKind::one_zero;
  if (a_count == 1) return b_count == 1 ? BeadKind::one_one : BeadKind::one_two;
  return b_count == 1 ? BeadKind::two_one : BeadKind::two_two;
}

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();
constexpr std::uint8_t kNoBack = 0xFF;

struct Step {
  std::uint32_t da;
  std::uint32_t db;
};
// Indexed by BeadKind.
constexpr std::array<Step, kBeadKindCount> kSteps = {{{1, 1}, {1, 2}, {2, 1}, {2, 2}, {1, 0}, {0, 1}}};
// Order in which transitions are tried; ties keep the first, so 1-1 wins a tie.
constexpr std::array<BeadKind, kBeadKindCount> kTryOrder = {BeadKind::one_one,  BeadKind::one_zero,
                                                            BeadKind::zero_one, BeadKind::one_two,
                                                            BeadKind::two_one,  BeadKind::two_two};

// The band: for row i, cells j in [lo(i), hi(i)], centred on i*m/n.
class Band {
 public:
  Band(std::uint32_t n, std::uint32_t m, std::uint32_t half_width) : n_(n), m_(m) {
    // A row must overlap the next even when the diagonal is steep (m >> n), or the path
    // could not step from one row to the next.
    const std::uint64_t slope = (static_cast<std::uint64_t>(m) + n - 1) / n;
    hw_ = std::max<std::uint64_t>(half_width, slope + 2);
  }
  std::uint32_t lo(std::uint32_t i) const noexcept {
    const std::uint64_t c = static_cast<std::uint64_t>(i) * m_ / n_;
    return c > hw_ ? static_cast<std::uint32_t>(c - hw_) : 0u;
  }
  std::uint32_t hi(std::uint32_t i) const noexcept {
    const std::uint64_t c = (static_cast<std::uint64_t>(i) * m_ + n_ - 1) / n_;
    return static_cast<std::uint32_t>(std::min<std::uint64_t>(m_, c + hw_));
  }
  // Every row spans all of [0, m]: widening further changes nothing.
  bool full() const noexcept { return hw_ >= m_; }

 private:
  std::uint32_t n_;
  std::uint32_t m_;
  std::uint64_t hw_ = 0;
};

struct PassResult {
  bool reachable = false;
  bool touches_edge = false;
  double total = 0.0;
  std::vector<Bead> beads;  // score left 0; the caller fills it in
  std::uint64_t cells = 0;
};

// One DP pass inside `band`. gain(kind, i0, i1, j0, j1) is the gain of a bead covering A
// [i0, i1) and B [j0, j1); it is only called when the bead's start cell is reachable.
template <class Gain>
PassResult run_pass(std::uint32_t n, std::uint32_t m, BeadKinds kinds, const Band& band, Gain& gain) {
  PassResult result;
  // Row bounds once per pass: the inner loop looks them up for every transition.
  std::vector<std::uint32_t> lo(static_cast<std::size_t>(n) + 1), hi(static_cast<std::size_t>(n) + 1);
  std::vector<std::uint64_t> row_start(static_cast<std::size_t>(n) + 2);
  std::uint32_t max_width = 0;
  for (std::uint32_t i = 0; i <= n; ++i) {
    lo[i] = band.lo(i);
    hi[i] = band.hi(i);
    const std::uint32_t width = hi[i] - lo[i] + 1;
    row_start[i + 1] = row_start[i] + width;
    max_width = std::max(max_width, width);
  }
  result.cells = row_start[n + 1];
  std::vector<std::uint8_t> back(result.cells, kNoBack);
  std::array<std::vector<double>, 3> value;
  for (auto& row : value) row.assign(max_width, kNegInf);

  // The allowed transitions, in try order.
  std::array<BeadKind, kBeadKindCount> allowed{};
  int allowed_count = 0;
  for (BeadKind k : kTryOrder) {
    if (kinds & bead_bit(k)) allowed[allowed_count++] = k;
  }

  for (std::uint32_t i = 0; i <= n; ++i) {
    // rows[d]: values of row i - d, with its bounds.
    const double* rows[3] = {value[i % 3].data(), i >= 1 ? value[(i - 1) % 3].data() : nullptr,
                             i >= 2 ? value[(i - 2) % 3].data() : nullptr};
    const std::uint32_t row_lo[3] = {lo[i], i >= 1 ? lo[i - 1] : 0, i >= 2 ? lo[i - 2] : 0};
    const std::uint32_t row_hi[3] = {hi[i], i >= 1 ? hi[i - 1] : 0, i >= 2 ? hi[i - 2] : 0};
    double* cur = value[i % 3].data();
    std::uint8_t* cur_back = back.data() + row_start[i];
    for (std::uint32_t j = lo[i]; j <= hi[i]; ++j) {
      double best = (i == 0 && j == 0) ? 0.0 : kNegInf;
      std::uint8_t best_kind = kNoBack;
      for (int t = 0; t < allowed_count; ++t) {
        const BeadKind k = allowed[t];
        const Step s = kSteps[static_cast<int>(k)];
        if (s.da > i || s.db > j) continue;
        const std::uint32_t pj = j - s.db;
        if (pj < row_lo[s.da] || pj > row_hi[s.da]) continue;
        const double before = rows[s.da][pj - row_lo[s.da]];
        if (before == kNegInf) continue;
        const double cand = before + gain(k, i - s.da, i, pj, j);
        if (cand > best) {
          best = cand;
          best_kind = static_cast<std::uint8_t>(k);
        }
      }
      cur[j - lo[i]] = best;
      cur_back[j - lo[i]] = best_kind;
    }
  }

  const double end = value[n % 3][m - lo[n]];
  if (end == kNegInf) return result;
  result.reachable = true;
  result.total = end;
  std::uint32_t i = n, j = m;
  while (i > 0 || j > 0) {
    if ((j == lo[i] && lo[i] > 0) || (j == hi[i] && hi[i] < m)) result.touches_edge = true;
    const std::uint8_t k = back[row_start[i] + (j - lo[i])];
    const Step s = kSteps[k];
    i -= s.da;
    j -= s.db;
    result.beads.push_back(Bead{i, s.da, j, s.db, 0.0});
  }
  std::reverse(result.beads.begin(), result.beads.end());
  return result;
}

// The trivial alignments when one side is empty.
std::vector<Bead> align_empty(std::uint32_t n, std::uint32_t m, BeadKinds kinds) {
  std::vector<Bead> beads;
  if (n == 0 && m == 0) return beads;
  const BeadKind need = n == 0 ? BeadKind::zero_one : BeadKind::one_zero;
  if (!(kinds & bead_bit(need))) {
    throw UsageError(
        fmt::format("cannot align {} statements with {}: {} beads are not allowed", n, m, to_string(need)));
  }
  for (std::uint32_t i = 0; i < n; ++i) beads.push_back(Bead{i, 1, 0, 0, 0.0});
  for (std::uint32_t j = 0; j < m; ++j) beads.push_back(Bead{0, 0, j, 1, 0.0});
  return beads;
}

// Runs passes with a doubling band until the path keeps off the band's edge.
template <class Gain>
std::vector<Bead> align_banded(std::uint32_t n, std::uint32_t m, const AlignOptions& options, Gain& gain,
                               AlignStats* stats) {
  AlignStats local;
  if ((options.kinds & kAllBeads) == 0) throw UsageError("align: no bead kinds allowed");
  if (n == 0 || m == 0) {
    auto beads = align_empty(n, m, options.kinds);
    if (stats) *stats = local;
    return beads;
  }
  const std::uint32_t longest = std::max(n, m);
  std::uint64_t width = options.band ? options.band : std::max<std::uint32_t>(20, longest / 20);
  for (std::uint32_t pass = 0;; ++pass) {
    const Band band(n, m, static_cast<std::uint32_t>(std::min<std::uint64_t>(width, longest)));
    PassResult r = run_pass(n, m, options.kinds, band, gain);
    local.cells += r.cells;
    local.band = static_cast<std::uint32_t>(std::min<std::uint64_t>(width, longest));
    const bool can_widen = pass < options.max_widenings && !band.full();
    if ((!r.reachable || r.touches_edge) && can_widen) {
      width *= 2;
      ++local.widenings;
      continue;
    }
    if (!r.reachable) {
      throw UsageError(fmt::format("cannot align {} statements with {} using the allowed bead kinds{}", n, m,
                                   band.full() ? "" : " inside the band (raise band or max_widenings)"));
    }
    local.band_limited = r.touches_edge;
    local.total = r.total;
    if (stats) *stats = local;
    return std::move(r.beads);
  }
}

double kind_prior(BeadKind kind) noexcept {
  switch (kind) {
    case BeadKind::one_one:
      return 0.89;
    case BeadKind::one_two:
    case BeadKind::two_one:
      return 0.089;
    case BeadKind::two_two:
      return 0.011;
    case BeadKind::one_zero:
    case BeadKind::zero_one:
      return 0.0099;
  }
  return 0.0099;
}

constexpr double kMaxMatchCost = 25.0;  // -ln P(delta|match) where the probability underflows

double match_cost_exact(double abs_delta) noexcept {
  const double p = std::erfc(abs_delta / std::sqrt(2.0));
  return p > std::exp(-kMaxMatchCost) ? -std::log(p) : kMaxMatchCost;
}

// -ln(2 (1 - Phi(x))) tabulated for the DP, which needs it ~4 times per cell: erfc and log there
// cost more than everything else. Linear interpolation at step 1/256 is within 1e-5 of the
// exact value (the function is smooth, its second derivative below 1.1).
class MatchCostTable {
 public:
  MatchCostTable() {
    for (std::size_t k = 0; k < kSize; ++k) table_[k] = match_cost_exact(static_cast<double>(k) / kScale);
  }
  double operator()(double abs_delta) const noexcept {
    const double x = abs_delta * kScale;
    if (!(x < kSize - 1)) return match_cost_exact(abs_delta);
    const auto k = static_cast<std::size_t>(x);
    const double f = x - static_cast<double>(k);
    return table_[k] + f * (table_[k + 1] - table_[k]);
  }

 private:
  static constexpr double kScale = 256.0;
  static constexpr std::size_t kSize = 12 * 256;  // |delta| up to 12; beyond, exact
  std::array<double, kSize> table_{};
};

double gc_delta(double len_a, double len_b) noexcept {
  constexpr double c = 1.0, s2 = 6.8;
  len_a = std::max(0.0, len_a);
  len_b = std::max(0.0, len_b);
  if (len_a == 0.0 && len_b == 0.0) return 0.0;
  const double mean = (len_a + len_b / c) / 2.0;
  return std::abs((c * len_a - len_b) / std::sqrt(s2 * mean));
}

}  // namespace

std::vector<Bead> align_statements(std::uint32_t n, std::uint32_t m, BeadScorer score,
                                   const AlignOptions& options, AlignStats* stats) {
  std::uint64_t calls = 0;
  std::array<double, kBeadKindCount> penalty{};
  penalty[static_cast<int>(BeadKind::one_two)] = options.merge_penalty;
  penalty[static_cast<int>(BeadKind::two_one)] = options.merge_penalty;
  penalty[static_cast<int>(BeadKind::two_two)] = options.merge22_penalty;
  auto checked_score = [&](std::uint32_t i0, std::uint32_t i1, std::uint32_t j0, std::uint32_t j1) {
    ++calls;
    const double s = score(i0, i1, j0, j1);
    if (std::isnan(s)) {
      throw Error(fmt::format("align_statements: the score returned NaN for A [{}, {}) and B [{}, {})", i0,
                              i1, j0, j1));
    }
    return s;
  };
  auto gain = [&](BeadKind k, std::uint32_t i0, std::uint32_t i1, std::uint32_t j0,
                  std::uint32_t j1) -> double {
    if (k == BeadKind::one_zero || k == BeadKind::zero_one) return -options.skip_penalty;
    return checked_score(i0, i1, j0, j1) - options.floor - penalty[static_cast<int>(k)];
  };
  AlignStats local;
  std::vector<Bead> beads = align_banded(n, m, options, gain, &local);
  for (Bead& b : beads) {
    if (b.is_pair())
      b.score = checked_score(b.a_begin, b.a_begin + b.a_count, b.b_begin, b.b_begin + b.b_count);
  }
  local.score_calls = calls;
  if (stats) *stats = local;
  return beads;
}

double gale_church_match_probability(double len_a, double len_b) noexcept {
  // 2 * (1 - Phi(|delta|)) == erfc(|delta| / sqrt 2), without the cancellation.
  return std::erfc(gc_delta(len_a, len_b) / std::sqrt(2.0));
}

double gale_church_cost(double len_a, double len_b, BeadKind kind) noexcept {
  return -std::log(kind_prior(kind)) + match_cost_exact(gc_delta(len_a, len_b));
}

std::vector<Bead> align_by_length(std::span<const std::uint32_t> lengths_a,
                                  std::span<const std::uint32_t> lengths_b, const AlignOptions& options,
                                  AlignStats* stats) {
  if (lengths_a.size() > std::numeric_limits<std::uint32_t>::max() / 2 ||
      lengths_b.size() > std::numeric_limits<std::uint32_t>::max() / 2) {
    throw UsageError("align_by_length: too many statements");
  }
  std::vector<double> prefix_a(lengths_a.size() + 1), prefix_b(lengths_b.size() + 1);
  for (std::size_t i = 0; i < lengths_a.size(); ++i) prefix_a[i + 1] = prefix_a[i] + lengths_a[i];
  for (std::size_t j = 0; j < lengths_b.size(); ++j) prefix_b[j + 1] = prefix_b[j] + lengths_b[j];
  static const MatchCostTable match_cost;
  std::array<double, kBeadKindCount> prior_cost{};
  for (int k = 0; k < kBeadKindCount; ++k) prior_cost[k] = -std::log(kind_prior(static_cast<BeadKind>(k)));
  auto gain = [&](BeadKind k, std::uint32_t i0, std::uint32_t i1, std::uint32_t j0, std::uint32_t j1) {
    const double delta = gc_delta(prefix_a[i1] - prefix_a[i0], prefix_b[j1] - prefix_b[j0]);
    return -prior_cost[static_cast<int>(k)] - match_cost(delta);
  };
  std::vector<Bead> beads = align_banded(static_cast<std::uint32_t>(lengths_a.size()),
                                         static_cast<std::uint32_t>(lengths_b.size()), options, gain, stats);
  for (Bead& b : beads) {
    if (!b.is_pair()) continue;
    b.score = gale_church_match_probability(prefix_a[b.a_begin + b.a_count] - prefix_a[b.a_begin],
                                            prefix_b[b.b_begin + b.b_count] - prefix_b[b.b_begin]);
  }
  return beads;
}

}  // namespace quotekit
