// quotekit/fingerprint.hpp — fingerprint: a statement's tokens become compact hashes that find
// it again. Three of them, for three questions:
//   exact_hash   — is it the same wording (after normalization)?       XXH3-64 over the norms
//   MinHash      — how much of its content do two statements share?    Jaccard estimate, LSH
//   SimHash-64   — a one-word sketch for near-identical wording.       Hamming distance
// MinHash and SimHash are built over "features": 64-bit XXH3 hashes of unigrams and bigrams of
// the statement's content stems (non-stop word stems and canonical numbers).
//
// Header-only: every hot function is inline over xxHash (a public dependency, XXH_INLINE_ALL).
// Nothing here allocates per token; the feature buffer and the signature are reused.
#pragma once

#ifndef XXH_INLINE_ALL
#define XXH_INLINE_ALL
#endif
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "quotekit/base.hpp"
#include "quotekit/tokenize.hpp"

namespace quotekit {

// ---- terms --------------------------------------------------------------------------------

// A content token carries meaning: a word that is not a stop word, or a number. Punctuation and
// stop words are left out of features, IDF and scores.
constexpr bool is_content(const Token& t) noexcept {
  return !t.stem.empty() && (t.kind == TokenKind::number || (t.kind == TokenKind::word && !t.stop));
}

// The term a content token stands for: its stem (numbers: the canonical digits, == norm).
inline std::string_view term_of(const Token& t) noexcept {
  return t.kind == TokenKind::number ? std::string_view(t.norm) : std::string_view(t.stem);
}

// The 64-bit hash of a term: the unigram feature, and the key of the IDF table.
inline std::uint64_t term_hash(std::string_view term) noexcept {
  return XXH3_64bits(term.data(), term.size());
}

// 16 lower-case hex digits, zero-padded: how hashes appear in ids and reports.
inline std::string to_hex(std::uint64_t h) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) s[static_cast<std::size_t>(i)] = kDigits[h & 0xF];
  return s;
}

// ---- exact --------------------------------------------------------------------------------

// XXH3-64 of the normalized token sequence: the norms of word and number tokens, in order
// (punctuation is ignored, stop words count). Each norm is hashed on its own with the running
// hash as seed, so token boundaries matter: ["ab","c"] and ["a","bc"] differ. The same norms in
// the same order always give the same value, on every run and platform.
inline std::uint64_t exact_hash(std::span<const Token> tokens) noexcept {
  std::uint64_t h = 0x51f15e3ba7c0de01ULL;  // arbitrary, fixed: stored hashes stay valid
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::punct) continue;
    h = XXH3_64bits_withSeed(t.norm.data(), t.norm.size(), h);
  }
  return h;
}

// ---- features -----------------------------------------------------------------------------

// Which n-grams of content terms become features. The default — unigrams and bigrams — keeps
// short paraphrases close (shared words count) while rewarding shared phrasing (bigrams).
struct FeatureOptions {
  static constexpr std::uint8_t kMaxShingle = 8;

  bool unigrams = true;      // each content term
  bool bigrams = true;       // each pair of adjacent content terms (stop words skipped)
  std::uint8_t shingle = 0;  // also n-grams of this many terms, 3..kMaxShingle; 0: none
  bool stop_words = false;   // true: stop words count as terms too (all words and numbers)
};

namespace detail {
// n-gram feature from the last n term hashes (oldest first); the seed n keeps n-gram spaces apart.
inline std::uint64_t ngram_hash(const std::uint64_t* units, std::size_t n) noexcept {
  return XXH3_64bits_withSeed(units, n * sizeof(std::uint64_t), n);
}
}  // namespace detail

// Appends nothing per token to the heap: `out` is cleared and refilled (its capacity is reused).
// Features come in text order and may repeat (a repeated word gives its unigram twice).
inline void extract_features(std::span<const Token> tokens, const FeatureOptions& options,
                             std::vector<std::uint64_t>& out) {
  out.clear();
  const std::size_t n_max = options.shingle >= 3
                                ? std::min<std::size_t>(options.shingle, FeatureOptions::kMaxShingle)
                                : (options.bigrams ? 2 : 1);
  std::array<std::uint64_t, FeatureOptions::kMaxShingle> window{};  // last n_max term hashes
  std::size_t seen = 0;                                             // terms so far
  for (const Token& t : tokens) {
    const bool term = options.stop_words ? (t.kind != TokenKind::punct && !t.stem.empty()) : is_content(t);
    if (!term) continue;
    const std::uint64_t h = term_hash(term_of(t));
    if (n_max > 1) {
      std::copy(window.begin() + 1, window.begin() + static_cast<std::ptrdiff_t>(n_max), window.begin());
    }
    window[n_max - 1] = h;
    ++seen;
    if (options.unigrams) out.push_back(h);
    if (options.bigrams && seen >= 2) out.push_back(detail::ngram_hash(&window[n_max - 2], 2));
    if (options.shingle >= 3 && seen >= n_max) out.push_back(detail::ngram_hash(&window[0], n_max));
  }
}

inline std::vector<std::uint64_t> extract_features(std::span<const Token> tokens,
                                                   const FeatureOptions& options = {}) {
  std::vector<std::uint64_t> out;
  extract_features(tokens, options, out);
  return out;
}

// ---- MinHash ------------------------------------------------------------------------------

// K values per statement; slot i holds the minimum, over the features, of
//   v_i(x) = (h1(x) + i * h2(x)) XOR m_i   (mod 2^32)
// where h1 is the top half of the feature's XXH3 hash (offset by the seed), h2 an odd,
// independently mixed second hash of it ("double hashing", Kirsch & Mitzenmacher) and m_i a
// fixed random mask per slot. Feature hashes are uniformly random, so within a slot every
// feature is equally likely to be the minimum and estimate_jaccard() is unbiased with variance
// J(1-J)/K (the tests check both on random sets).
// Why the masks: without them, the order of two features across the slots follows the
// arithmetic progression (h1(y)-h1(x)) + i*(h2(y)-h2(x)) on the 32-bit circle, so for small
// sets the slots of one pair are far from independent (with h2(y)-h2(x) near 2^31 the winner
// alternates slot by slot, and no LSH band of two adjacent slots ever agrees). Measured on
// random pairs {x} vs {x, y} (J = 0.5), 42 bands of 2 rows: 0.7% missed instead of the 0.001%
// that independent slots give; on the interviews corpus, LSH found 96.7% of the pairs with
// J >= 0.3 instead of the 99% its S-curve promises. XOR with a per-slot mask flips the
// comparison of two values by the mask's bit at their highest differing bit: an independent
// coin per slot, which breaks the progression, and costs one XOR per four slots.
// Cost: one 32-bit add, xor and min per slot, four slots per SSE2 instruction: ~25-55 ns per
// feature (one core, -O2, depending on load) against 55-75 ns for h_i(x) = a_i*x + b_i with
// 64-bit mixing and ~250 ns for XXH3 with seed i (a 32-bit multiply-based mixer per slot
// measured 160 ns: SSE2 has no 32-bit lane multiply). 32-bit values also halve memory; two
// different features collide in a slot with probability 2^-32, far below MinHash's own noise.
// K is a runtime value (default 128) so the index, the archive and the CLI can choose it;
// signatures are comparable only when K and the seed agree. A statement without features
// gets every slot at the maximum ("empty") and estimate_jaccard() treats it as sharing nothing.
struct MinHashSignature {
  std::vector<std::uint32_t> values;

  std::size_t size() const noexcept { return values.size(); }
  std::span<const std::uint32_t> view() const noexcept { return values; }
};

inline constexpr std::uint32_t kMinHashEmpty = std::numeric_limits<std::uint32_t>::max();

// True when a signature was made from no features at all.
inline bool is_empty_signature(std::span<const std::uint32_t> sig) noexcept {
  return std::all_of(sig.begin(), sig.end(), [](std::uint32_t v) { return v == kMinHashEmpty; });
}

// The fraction of slots that agree: an unbiased estimate of the Jaccard similarity of the two
// feature sets, standard error sqrt(J(1-J)/K). 0 when either is empty or the sizes differ.
inline double estimate_jaccard(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b) noexcept {
  if (a.size() != b.size() || a.empty() || is_empty_signature(a) || is_empty_signature(b)) return 0.0;
  std::size_t same = 0;
  for (std::size_t i = 0; i < a.size(); ++i) same += a[i] == b[i];
  return static_cast<double>(same) / static_cast<double>(a.size());
}
inline double estimate_jaccard(const MinHashSignature& a, const MinHashSignature& b) noexcept {
  return estimate_jaccard(a.view(), b.view());
}

// The K hash functions, fixed by (K, seed): every process, run and machine signs alike.
// Trivially cheap to construct and immutable: share one freely across threads.
class MinHasher {
 public:
  static constexpr std::size_t kDefaultK = 128;
  static constexpr std::uint64_t kDefaultSeed = 0x7175'6f74'656b'6974ULL;  // "quotekit"

  explicit MinHasher(std::size_t k = kDefaultK, std::uint64_t seed = kDefaultSeed)
      : k_(k), offset_(static_cast<std::uint32_t>(mix(seed))), salt_(mix(seed ^ 0xD1B54A32D192ED03ULL)) {
    if (k == 0) throw UsageError("MinHash needs at least one hash function (K > 0)");
    masks_.resize((k + 3) / 4 * 4);
    for (std::size_t i = 0; i < masks_.size(); ++i) {
      masks_[i] = static_cast<std::uint32_t>(mix(seed + 0x9E3779B97F4A7C15ULL * (i + 1)) >> 32);
    }
  }

  std::size_t k() const noexcept { return k_; }

  // Signs a feature list into `out` (out.size() should be k(); extra slots are left empty).
  // O(features × K) adds and compares, no allocation.
  void sign(std::span<const std::uint64_t> features, std::span<std::uint32_t> out) const noexcept {
    const std::size_t k = std::min(out.size(), k_);
    std::fill(out.begin(), out.end(), kMinHashEmpty);
    std::uint32_t* o = out.data();
    for (const std::uint64_t x : features) {
      const std::uint32_t h1 = static_cast<std::uint32_t>(x >> 32) + offset_;
      const std::uint32_t h2 = static_cast<std::uint32_t>(mix(x ^ salt_)) | 1U;
      std::size_t i = 0;
#if defined(__GNUC__)
      const std::size_t k4 = k - k % 4;  // GCC and Clang vector extensions; same arithmetic as the loop below
      using u32x4 = std::uint32_t __attribute__((vector_size(16)));
      u32x4 v = {h1, h1 + h2, h1 + 2 * h2, h1 + 3 * h2};
      const std::uint32_t s = 4 * h2;
      const u32x4 step = {s, s, s, s};
      for (; i < k4; i += 4, v += step) {
        u32x4 mask;
        std::memcpy(&mask, masks_.data() + i, sizeof mask);
        const u32x4 w = v ^ mask;
        u32x4 cur;
        std::memcpy(&cur, o + i, sizeof cur);
        cur = w < cur ? w : cur;
        std::memcpy(o + i, &cur, sizeof cur);
      }
#endif
      for (std::uint32_t* p = o + i; p != o + k; ++p, ++i) {  // slots past the last multiple of 4
        const std::uint32_t w = (h1 + static_cast<std::uint32_t>(i) * h2) ^ masks_[i];
        *p = w < *p ? w : *p;
      }
    }
  }

  void sign(std::span<const std::uint64_t> features, MinHashSignature& out) const {
    out.values.resize(k_);  // allocates only the first time `out` is used
    sign(features, std::span<std::uint32_t>(out.values));
  }

 private:
  // The splitmix64 / Murmur3 finalizer: a bijective 64-bit mixer.
  static constexpr std::uint64_t mix(std::uint64_t z) noexcept {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  std::size_t k_;
  std::uint32_t offset_;
  std::uint64_t salt_;
  std::vector<std::uint32_t> masks_;  // one random mask per slot (padded to a multiple of 4)
};

// ---- SimHash ------------------------------------------------------------------------------

namespace detail {
// Byte b spread to eight byte-wide 0/1 counters: bit j of b lands in byte j.
inline constexpr auto kSpreadBits = [] {
  std::array<std::uint64_t, 256> t{};
  for (std::size_t b = 0; b < 256; ++b) {
    for (std::size_t j = 0; j < 8; ++j) t[b] |= static_cast<std::uint64_t>((b >> j) & 1U) << (8 * j);
  }
  return t;
}();
}  // namespace detail

// SimHash-64 (Charikar): bit j is set when more than half of the features have bit j set.
// Repeated features count repeatedly. Near-duplicate wordings differ in few bits; 0 for no
// features. Counts are kept eight to a word (a table lookup per feature byte, flushed every
// 255 features), not one add per bit, so it costs about as much as the feature hashing.
// A SimHash-64 value; compare two with hamming().
using SimHash = std::uint64_t;

inline SimHash simhash(std::span<const std::uint64_t> features) noexcept {
  std::array<std::uint32_t, 64> ones{};
  std::array<std::uint64_t, 8> packed{};  // packed[k] byte j counts bit 8k+j, up to 255
  auto flush = [&] {
    for (std::size_t k = 0; k < 8; ++k) {
      for (std::size_t j = 0; j < 8; ++j)
        ones[8 * k + j] += static_cast<std::uint32_t>((packed[k] >> (8 * j)) & 0xFF);
      packed[k] = 0;
    }
  };
  std::size_t pending = 0;
  for (const std::uint64_t f : features) {
    for (std::size_t k = 0; k < 8; ++k) packed[k] += detail::kSpreadBits[(f >> (8 * k)) & 0xFF];
    if (++pending == 255) {
      flush();
      pending = 0;
    }
  }
  flush();
  std::uint64_t h = 0;
  for (std::size_t j = 0; j < 64; ++j)
    h |= static_cast<std::uint64_t>(2 * std::size_t{ones[j]} > features.size()) << j;
  return h;
}

inline int hamming(SimHash a, SimHash b) noexcept { return std::popcount(a ^ b); }

// ---- all together -------------------------------------------------------------------------

struct Fingerprint {
  std::uint64_t exact = 0;
  SimHash simhash = 0;
  std::uint32_t features = 0;  // how many features the signature was built from (0: empty)
};

// Signs statements one after another, reusing its buffers: after the first few statements the
// hot path allocates nothing. Not thread-safe: use one per thread (they sign identically when
// built with the same options, K and seed).
class Fingerprinter {
 public:
  explicit Fingerprinter(FeatureOptions options = {}, std::size_t k = MinHasher::kDefaultK,
                         std::uint64_t seed = MinHasher::kDefaultSeed)
      : options_(options), hasher_(k, seed) {}

  // The MinHash signature of a statement's tokens, into `out` (resized to K once).
  void sign(std::span<const Token> tokens, MinHashSignature& out) {
    extract_features(tokens, options_, features_);
    hasher_.sign(features_, out);
  }
  void sign(std::span<const Token> tokens, std::span<std::uint32_t> out) {
    extract_features(tokens, options_, features_);
    hasher_.sign(features_, out);
  }

  // Exact hash, SimHash and MinHash from one pass of feature extraction.
  Fingerprint fingerprint(std::span<const Token> tokens, MinHashSignature& out) {
    sign(tokens, out);
    return {exact_hash(tokens), simhash(features_), static_cast<std::uint32_t>(features_.size())};
  }

  // The features of the statement signed last.
  std::span<const std::uint64_t> features() const noexcept { return features_; }
  const FeatureOptions& options() const noexcept { return options_; }
  const MinHasher& hasher() const noexcept { return hasher_; }
  std::size_t k() const noexcept { return hasher_.k(); }

 private:
  FeatureOptions options_;
  MinHasher hasher_;
  std::vector<std::uint64_t> features_;
};

}  // namespace quotekit
