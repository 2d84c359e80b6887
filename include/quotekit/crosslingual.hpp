// quotekit/crosslingual.hpp — verify across languages: how likely a statement in one language
// (ru, tr, en) is a translation of a statement in another, without a neural model. Evidence:
//
//   coverage   the bilingual Lexicon (lexicon.hpp): the share of one side's content stems that
//              have a translation among the other side's stems, in both directions. A `word` pair
//              counts 1, a `phrase` pair phrase_weight; stems with many translations ("hubs":
//              take, make, дать) weigh less, since they find a partner in any sentence.
//   names      capitalized words and words the lexicon does not know, transliterated to Latin
//              (Normalizer::to_latin, then a few spelling equivalences: ye/e, kh/h, zh/j, ...)
//              and compared fuzzily: Алиев ~ Aliyev, Пашинян ~ Pashinyan, Трамп ~ Trump,
//              интернет ~ internet. Names the lexicon knows (Москва ~ Moscow) count through it.
//   numbers    canonical numbers from the tokenizer ("1,5 млн" = "1.5 million") and month
//              names (мая = May = Mayıs): Dice agreement of the two sets.
//   length     the Gale–Church prior: P(delta | translation) of the two lengths in characters,
//              with a mean ratio and variance measured per language pair (length_model()).
//   total      one Dice-like agreement over all the evidence (stems, names, numbers pooled,
//              each side's matched weight over its whole weight), shrunk towards a low prior
//              when there is little evidence, times a soft length factor. In [0, 1]: on news,
//              translations score 0.3–0.75 (10th–90th percentile, median 0.5), other sentences
//              of the same document mostly under 0.15 (docs/crosslingual.md).
//
// Fast: CrossLingualFeaturizer turns each statement once into CrossLingualFeatures (its stems'
// lexicon ids, the sorted ids of their translations, numbers, Latin forms), so scoring one pair
// is a merge of sorted id arrays plus a few short string comparisons. Merged beads (2-1, 1-2,
// 2-2) score concat() of neighbouring statements' features.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "quotekit/align.hpp"
#include "quotekit/base.hpp"
#include "quotekit/document.hpp"
#include "quotekit/lexicon.hpp"
#include "quotekit/tokenize.hpp"

namespace quotekit {

// Gale & Church's length model for one language pair: a translation of a source statement of
// n characters has about ratio·n characters, with variance variance·n. Characters are code
// points.
struct LengthModel {
  double ratio = 1.0;
  double variance = 6.8;  // Gale & Church's value for English–French–German
};

// Ratios measured on human translations (WMT newstest ru→en, tr→en; see crosslingual.cpp), the
// inverses for en→ru and en→tr, ru↔tr through English; variance 6.8 (Gale & Church's value; it
// aligns better than the fitted one). Same language, Lang::other/unknown: {1, 6.8}.
LengthModel length_model(Lang source, Lang target) noexcept;

// P(delta | translation) = 2·(1 − Φ(|delta|)) with delta = (len_t − c·len_s) / sqrt(s2·len_s),
// in [0, 1]; 1 when both lengths are 0.
double length_probability(const LengthModel& model, double source_chars, double target_chars) noexcept;

struct CrossLingualOptions {
  float phrase_weight = 0.3f;        // a `phrase` lexicon pair counts this much of a `word` pair
  std::uint32_t min_stem_chars = 3;  // shorter stems are ignored (Turkish Snowball: yeni → ye)
  // A stem the lexicon does not know borrows the translations of its longest known prefix of at
  // least this many characters and prefix_min_share of its length (транспортн → транспорт,
  // gösterdi → göster), matching at derived_weight. 0 turns it off.
  std::uint32_t prefix_min_chars = 4;
  float prefix_min_share = 0.6f;
  float derived_weight = 0.7f;
  float hub_fanout = 8.0f;            // stems with more translations than this weigh less:
                                      // w = 1 / (1 + ln(fanout / hub_fanout)) above it
  float unknown_weight = 0.5f;        // a word the lexicon does not know and that is no name
  float name_weight = 1.5f;           // a name (capitalized, not opening a sentence)
  float number_weight = 1.5f;         // a number or a month
  float name_similarity = 0.75f;      // 1 − normalized edit distance of Latin forms needed
  std::uint32_t min_latin_chars = 4;  // shorter Latin forms are not compared fuzzily
  // Shrinkage: total agreement is (matched + prior·pseudo_weight) / (weight + pseudo_weight), so
  // that two three-word statements sharing one word do not look like certain translations.
  float prior = 0.1f;
  float pseudo_weight = 2.0f;
  // The length factor is (1 − length_weight) + length_weight·min(1, P / length_knee): lengths
  // that a translation would show in most cases cost nothing.
  float length_weight = 0.5f;
  float length_knee = 0.2f;
};

// Evidence a statement brings to a comparison with statements of one other language.
struct CrossLingualFeatures {
  // Kinds of unit.
  static constexpr std::uint8_t kStem = 0;    // a content stem
  static constexpr std::uint8_t kName = 1;    // a name (or a capitalized unknown word)
  static constexpr std::uint8_t kNumber = 2;  // a number or a month

  struct Unit {
    std::uint64_t key = 0;  // XXH3 of the stem / number; for document frequencies
    float weight = 1.0f;
    std::uint8_t kind = kStem;
    bool known = false;  // the lexicon translates it into `other`
  };
  struct Entry {  // a lexicon id (own or other language's pool) of a unit
    std::uint32_t id = 0;
    std::uint16_t unit = 0;
    PairKind kind = PairKind::word;
    bool derived = false;  // through a prefix of an unknown stem (see prefix_min_chars)
    friend bool operator<(const Entry& a, const Entry& b) noexcept { return a.id < b.id; }
  };
  struct Latin {               // a unit's Latin form, compared fuzzily
    std::uint32_t offset = 0;  // into latin_chars
    std::uint16_t size = 0;
    std::uint16_t unit = 0;
    char first = 0;          // latin_chars[offset]: forms are sorted by it
    bool candidate = false;  // a name or unknown word: looks for a partner by spelling
  };

  Lang lang = Lang::unknown;
  Lang other = Lang::unknown;
  std::uint32_t chars = 0;  // length in code points
  std::vector<Unit> units;
  std::vector<Entry> own;       // lexicon ids of the units' stems in lang's pool, sorted by id
  std::vector<Entry> expanded;  // ids of their translations in other's pool, sorted by id
  // A 1024-bit Bloom filter of the expanded ids (bit id·φ >> 54): most of the other side's ids
  // are not among them, and one bit test is cheaper than a binary search.
  std::array<std::uint64_t, 16> expanded_bits{};
  std::vector<Latin> latin;  // sorted by first letter
  std::string latin_chars;
  std::vector<std::uint64_t> numbers;       // keys of number and month units, sorted, distinct
  std::vector<std::uint16_t> number_units;  // indices of the number and month units
  // Sums of the unit weights: all units, units other than numbers, names (kept up to date by
  // the featurizer, append() and apply_idf(); call sum_weights() after changing weights).
  float weight_all = 0;
  float weight_text = 0;
  float weight_names = 0;

  void clear();
  void sum_weights() noexcept;
};

// Appends b to a: the features of the two statements read as one (for merged beads).
void append(CrossLingualFeatures& a, const CrossLingualFeatures& b);
CrossLingualFeatures concat(const CrossLingualFeatures& a, const CrossLingualFeatures& b);

// Scales every unit's weight by a smoothed inverse document frequency over `statements` (all
// in one language): idf = ln((N + 1) / (df + 1)) + 1, divided by its value for df = 1, so a
// word that occurs once keeps its weight and a word in every statement of a long text weighs
// little. Alignment applies it per side, search over the indexed corpus.
void apply_idf(std::span<CrossLingualFeatures> statements);

// Turns statements of `lang` into features for comparison with `other`. Holds a Tokenizer and a
// Normalizer: NOT thread-safe, one per thread. The lexicon must outlive it. A lexicon without
// the direction lang→other still gives names, numbers and length.
class CrossLingualFeaturizer {
 public:
  CrossLingualFeaturizer(const Lexicon& lexicon, Lang lang, Lang other, CrossLingualOptions options = {});
  ~CrossLingualFeaturizer();
  CrossLingualFeaturizer(CrossLingualFeaturizer&&) noexcept;
  CrossLingualFeaturizer& operator=(CrossLingualFeaturizer&&) noexcept;

  // Features of text[span]. Throws Error when the span lies outside text.
  CrossLingualFeatures prepare(std::string_view text, Span span) const;
  void prepare(std::string_view text, Span span, CrossLingualFeatures& out) const;
  // The same from tokens already made by a Tokenizer of `lang` over text[span].
  void prepare(std::string_view text, Span span, std::span<const Token> tokens,
               CrossLingualFeatures& out) const;

  Lang lang() const noexcept;
  Lang other() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The parts of a cross-lingual score, each in [0, 1].
struct CrossLingualParts {
  float coverage_src = 0;  // weighted share of the source's stems translated on the target side
  float coverage_tgt = 0;  // the same from the target's side
  float names = 1;         // share of names (both sides) with a partner; 1 when there are none
  float numbers = 1;       // Dice of the number sets; 1 when neither side has numbers
  float length = 1;        // length_probability() under the pair's LengthModel
  float total = 0;
};

// Scores pairs of features (source: lang→other, target: other→lang). Stateless apart from the
// options: const member functions are safe from several threads.
class CrossLingualScorer {
 public:
  explicit CrossLingualScorer(CrossLingualOptions options = {});
  CrossLingualParts score(const CrossLingualFeatures& source, const CrossLingualFeatures& target) const;
  const CrossLingualOptions& options() const noexcept { return options_; }

 private:
  CrossLingualOptions options_;
};

// ---- aligning a text with its translation ----------------------------------------------------

enum class AlignMethod : std::uint8_t {
  lexicon,  // the cross-lingual score above in the banded DP of align.hpp
  length,   // Gale–Church on character lengths only (align_by_length); the baseline
};

std::string_view to_string(AlignMethod method) noexcept;  // "lexicon", "length"

// One side of an alignment: statements (byte spans, in order) of one text in one language.
struct AlignSide {
  std::string_view text;
  Lang lang = Lang::unknown;
  std::span<const Span> spans;
};

struct TranslationAlignOptions {
  AlignMethod method = AlignMethod::lexicon;
  CrossLingualOptions score;
  // DP gains for the lexicon method (see AlignOptions): calibrated on WMT newstest 2014–2018 ru–en
  // pseudo-documents with deletions and merges (bench/align_eval.cpp).
  AlignOptions dp = default_dp();
  bool idf = true;  // apply_idf() on each side

  static AlignOptions default_dp() noexcept;
};

struct TranslationAlignment {
  std::vector<Bead> beads;  // Bead::score: CrossLingualParts::total, or the length probability
  // The lexicon method's parts of each bead's score, parallel to beads (all zero for 1-0 and
  // 0-1); empty for the length method.
  std::vector<CrossLingualParts> parts;
  AlignMethod method = AlignMethod::lexicon;  // length when the lexicon lacks the direction
  AlignStats stats;
};

// Aligns source statements with their translation. With AlignMethod::lexicon and a lexicon that
// has the direction source.lang→target.lang, scores beads with CrossLingualScorer; otherwise
// (no lexicon, a pair without dictionary such as ru–tr) falls back to length, and says so in
// TranslationAlignment::method. Throws UsageError for Lang::unknown sides.
TranslationAlignment align_translation(const AlignSide& source, const AlignSide& target,
                                       const Lexicon* lexicon, const TranslationAlignOptions& options = {});

// ---- finding a statement's translation in a corpus ----------------------------------------

struct CrossLingualHit {
  std::uint32_t index = 0;  // of the statement in the index, in the order added
  CrossLingualParts parts;  // query as source, indexed statement as target
};

struct CrossLingualSearchOptions {
  std::size_t candidates = 200;  // statements scored in full after the prefilter (at least k)
  float min_total = 0.0f;        // hits below are dropped
};

// Statements of one language, searchable by statements of another: a Russian or Turkish
// statement's rendering in an English corpus, and back. A prefilter over an inverted index of
// the statements' lexicon stem ids (plus numbers and the first letters of names) ranks
// candidates by the weight of the query's translated stems they contain; the best `candidates`
// are scored in full with CrossLingualScorer. Query words weigh by how rarely their
// translations occur in the corpus (IDF over the postings), indexed words by apply_idf().
//
// Building (add, finish) is not thread-safe; after finish(), search(features) is const and safe
// from several threads, while prepare_query() and search(text, ...) use the index's featurizer
// and are not.
class CrossLingualIndex {
 public:
  CrossLingualIndex(const Lexicon& lexicon, Lang lang, Lang query_lang, CrossLingualOptions options = {});
  ~CrossLingualIndex();
  CrossLingualIndex(CrossLingualIndex&&) noexcept;
  CrossLingualIndex& operator=(CrossLingualIndex&&) noexcept;

  // Adds text[span] (in lang); returns its index. Throws Error after finish().
  std::uint32_t add(std::string_view text, Span span);
  // Weighs the statements (apply_idf) and builds the inverted index. Call once, after the last add.
  void finish();
  std::size_t size() const noexcept;

  CrossLingualFeatures prepare_query(std::string_view text, Span span) const;
  // The k best hits, best first. Throws Error before finish().
  std::vector<CrossLingualHit> search(const CrossLingualFeatures& query, std::size_t k,
                                      const CrossLingualSearchOptions& options = {}) const;
  std::vector<CrossLingualHit> search(std::string_view text, Span span, std::size_t k,
                                      const CrossLingualSearchOptions& options = {}) const;

  Lang lang() const noexcept;
  Lang query_lang() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// ---- `quotekit search --cross-lingual` ---------------------------------------------------------

struct TranslationSearchOptions {
  std::size_t top = 10;
  float min_total = 0.15f;  // unrelated sentences score under ~0.15, translations mostly 0.3–0.9
  std::size_t candidates = 200;
  bool answers_only = false;          // leave out questions (host turns), as SearchOptions
  std::vector<std::string> speakers;  // keep only these speakers (speaker_matches()); empty: all
};

struct TranslationHit {
  std::uint32_t doc = 0;        // index into the documents
  std::uint32_t statement = 0;  // index into segment(docs[doc], {.quotes = false})
  Span span;                    // the statement's bytes in docs[doc].text
  CrossLingualParts parts;      // query as source; parts.total ranks the hits
};

// Where a statement in one language (query_lang: en, ru or tr) appears translated in a corpus:
// segments every document whose language the lexicon pairs with query_lang (en with ru and tr;
// a document in the query's own language or without a dictionary is skipped), indexes its
// sentences (not quotes, not furniture) per language, and returns the best hits over all of
// them, highest total first. Throws UsageError when query_lang has no dictionary at all.
std::vector<TranslationHit> find_translations(std::span<const Document> docs, std::string_view query,
                                              Lang query_lang, const Lexicon& lexicon,
                                              const TranslationSearchOptions& options = {});

// Character lengths of the spans (code points), as the length model counts them.
std::vector<std::uint32_t> char_lengths(std::string_view text, std::span<const Span> spans);

}  // namespace quotekit
