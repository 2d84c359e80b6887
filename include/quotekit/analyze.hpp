// quotekit/analyze.hpp — a corpus made ready for matching, once: every document is segmented,
// every statement tokenized (one Tokenizer per language per thread), fingerprinted and turned
// into scoring features against the corpus's own IDF table; an LSH index (for near-duplicate
// pairs) and an inverted index of content terms (for search) are built on top. Talking points
// (neardup.hpp) and search (search.hpp) both read an AnalyzedCorpus.
//
// Memory is kept flat for million-statement corpora: per statement about 40 bytes of metadata,
// 16 of hashes, ~10 bytes per content term of features (in a few corpus-wide arrays, no
// per-statement vectors), 4 bytes per distinct term in the inverted index and 8 per LSH band.
// Tokens are not kept; MinHash signatures only on request (K × 4 bytes each).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "quotekit/document.hpp"
#include "quotekit/fingerprint.hpp"
#include "quotekit/lsh.hpp"
#include "quotekit/score.hpp"
#include "quotekit/segment.hpp"

namespace quotekit {

// Where a long operation stands: `done` of `total` units (bytes, pairs, ...) of `stage`.
struct Progress {
  std::string_view stage;  // "reading", "scoring", ...
  std::uint64_t done = 0;
  std::uint64_t total = 0;
};
// Called on the thread that started the operation, often (every few thousand units): a
// receiver that prints should throttle itself.
using ProgressFn = std::function<void(const Progress&)>;

// LSH is tuned so that a pair of statements whose MinHash features (content-stem unigrams, see
// AnalyzeOptions::features) have this Jaccard similarity becomes a candidate with probability
// kDefaultLshRecall (higher similarity: more). Low on purpose: re-translations share few words,
// and the scorer rejects what LSH lets through. Measured on the interviews (bench/README.md):
// 42 bands × 2 rows find 98.6% of the pairs that an all-pairs scan scores ≥ 0.5.
inline constexpr double kDefaultLshSimilarity = 0.45;
inline constexpr double kDefaultLshRecall = 0.98;

struct AnalyzeOptions {
  SegmentOptions segment;
  // MinHash features: content-stem unigrams only. The scorer's overlap is over unigrams, and
  // bigrams make paraphrases look further apart than the scorer finds them: with bigrams, LSH
  // tuned alike found 86% of the pairs scoring ≥ 0.5 instead of 98.6% (bench/README.md).
  FeatureOptions features = [] {
    FeatureOptions f;
    f.bigrams = false;
    return f;
  }();
  std::size_t k = MinHasher::kDefaultK;
  std::uint64_t seed = MinHasher::kDefaultSeed;
  // Build the LSH index (for find_talking_points) with lsh_params_for_recall(lsh_similarity,
  // lsh_recall, k); lsh_similarity 0: no index.
  double lsh_similarity = kDefaultLshSimilarity;
  double lsh_recall = kDefaultLshRecall;
  std::optional<LshParams> lsh_params;  // explicit bands × rows instead
  // MinHash over IDF-weighted terms: each distinct term enters the signature as round(idf)
  // copies (1 for a term in every statement, ~14 for one seen once in a million), so two
  // signatures agree with probability equal to the IDF-weighted Jaccard similarity of the term
  // sets — what the scorer's overlap measures — instead of the plain one, in which two
  // statements sharing a couple of common words look alike. false: each term once.
  bool lsh_idf_weights = true;
  // Buckets of over 64 statements in a band are split by up to two more slots (an LSH forest,
  // see LshOptions::split_above), and parts still over 200 are skipped: mostly statements made
  // of the corpus's commonest words. On the interviews this changes nothing (LSH still finds
  // 0.999 of the pairs with feature Jaccard ≥ 0.45); on a grown corpus of 1M statements it
  // halves the candidate pairs and cuts neardup's time by about a quarter, for 3% fewer verified
  // pairs (bench/README.md).
  LshOptions lsh = [] {
    LshOptions o;
    o.bucket_cap = 200;
    o.split_above = 64;
    o.split_rows = 2;
    return o;
  }();
  // Statements the scorer cannot tell apart (the same feature_key(): the same content terms in
  // the same order, the same numbers, names and compounds) enter the LSH index once, under the
  // first of them (lsh_representative()). Their pairs would all score 1 and their pairs with any other
  // statement alike, so nothing is lost; and a wording repeated m times no longer brings m²/2
  // candidate pairs, nor m into every bucket it falls in. false: every statement is indexed.
  bool lsh_distinct = true;
  bool term_index = true;        // build the inverted index search() needs
  bool keep_signatures = false;  // keep every MinHash signature (K × 4 bytes per statement)
  ScoreOptions score;
  // Worker threads for segmenting, tokenizing and signing; 0: std::thread::hardware_concurrency().
  // The result does not depend on it.
  unsigned threads = 0;
  ProgressFn progress;  // stage "analyzing" (bytes of text), then "indexing" (statements)
};

// One statement's metadata, compact (32 bytes).
struct StatementInfo {
  std::uint32_t doc = 0;    // index into AnalyzedCorpus::documents()
  std::uint32_t index = 0;  // Statement::index in its document
  Span span;
  std::int32_t parent = -1;
  std::uint32_t turn = 0;
  std::uint32_t speaker = 0;  // into the speaker pool: AnalyzedCorpus::speaker()
  StatementKind kind = StatementKind::sentence;
  Role role = Role::none;
};

class AnalyzedCorpus {
 public:
  // Analyses `documents` (taken over: spans and views point into them). Throws what segment()
  // throws; the result is the same for any number of threads.
  explicit AnalyzedCorpus(std::vector<Document> documents, const AnalyzeOptions& options = {});
  ~AnalyzedCorpus();
  AnalyzedCorpus(AnalyzedCorpus&&) noexcept;
  AnalyzedCorpus& operator=(AnalyzedCorpus&&) noexcept;

  const std::vector<Document>& documents() const noexcept { return docs_; }
  std::size_t size() const noexcept { return info_.size(); }  // statements
  const AnalyzeOptions& options() const noexcept { return options_; }

  const StatementInfo& info(std::uint32_t i) const noexcept { return info_[i]; }
  const Document& document_of(std::uint32_t i) const noexcept { return docs_[info_[i].doc]; }
  std::string_view text(std::uint32_t i) const noexcept {
    return slice(docs_[info_[i].doc].text, info_[i].span);
  }
  std::string_view speaker(std::uint32_t i) const noexcept { return speakers_[info_[i].speaker]; }
  // The Statement as segment() gave it (rebuilt from the compact record).
  Statement statement(std::uint32_t i) const;
  // Statement number of (document, Statement::index): documents' statements are consecutive.
  std::uint32_t first_statement(std::uint32_t doc) const noexcept { return doc_start_[doc]; }

  std::uint64_t exact(std::uint32_t i) const noexcept { return exact_[i]; }
  // XXH3 of what the Scorer sees of statement i: its content-term sequence, numbers, names and
  // compound tails (StatementTerms::joined).
  // Equal keys (barring a 2⁻⁶⁴ collision): the statements score 1 against each other and alike
  // against any third. Equal exact() implies equal feature_key(), not the reverse ("We will
  // win." and "We shall win!" differ only in stop words and punctuation).
  std::uint64_t feature_key(std::uint32_t i) const noexcept { return feature_key_[i]; }
  // The statement that stands for i in the LSH index: the first with its feature_key() under
  // AnalyzeOptions::lsh_distinct, else i itself. Candidate pairs name representatives only.
  std::uint32_t lsh_representative(std::uint32_t i) const noexcept {
    return lsh_rep_.empty() ? i : lsh_rep_[i];
  }
  SimHash simhash(std::uint32_t i) const noexcept { return simhash_[i]; }
  FeatureView features(std::uint32_t i) const noexcept;
  // Empty unless AnalyzeOptions::keep_signatures.
  std::span<const std::uint32_t> signature(std::uint32_t i) const noexcept;
  // The features statement i's MinHash signature is made from (cleared and refilled): its
  // distinct known content terms, each as round(idf) hashes under lsh_idf_weights, and the
  // n-grams FeatureOptions asks for beyond unigrams. Empty for a statement without known terms.
  void minhash_features(std::uint32_t i, std::vector<std::uint64_t>& out) const;

  const IdfTable& idf() const noexcept { return *idf_; }
  const Scorer& scorer() const noexcept { return *scorer_; }
  const LshIndex* lsh() const noexcept { return lsh_.get(); }  // null unless built
  // Statements containing a term id (ascending); empty without AnalyzeOptions::term_index.
  std::span<const std::uint32_t> postings(std::uint32_t term) const noexcept;
  bool has_term_index() const noexcept { return !post_start_.empty(); }

  // The language of most statements (unknown for an empty corpus): how queries are read.
  Lang main_language() const noexcept { return main_lang_; }
  std::size_t memory_bytes() const noexcept;  // everything but the documents' text

 private:
  struct Builder;

  AnalyzeOptions options_;
  std::vector<Document> docs_;
  std::vector<std::uint32_t> doc_start_;  // first statement of each document, plus the total
  std::vector<StatementInfo> info_;
  std::vector<std::string> speakers_;  // [0] is ""
  std::vector<std::uint64_t> exact_;
  std::vector<std::uint64_t> feature_key_;
  std::vector<std::uint32_t> lsh_rep_;  // empty unless the index keeps one statement per feature_key_
  std::vector<SimHash> simhash_;
  std::vector<std::uint32_t> signatures_;  // K per statement, or empty
  // Features, flat: one 40-byte head per statement and two pools, so that scoring a pair reads
  // few cache lines (a head, then the terms and sequence side by side).
  struct FeatureHead {
    std::uint32_t start32 = 0;  // pool32_: terms, sequence, then joined
    std::uint32_t terms = 0, sequence = 0, joined = 0;
    std::uint32_t start64 = 0;  // pool64_: numbers, then names
    std::uint32_t numbers = 0, names = 0;
    float weight = 0, sequence_weight = 0;
    std::uint32_t negations = 0;
  };
  std::vector<FeatureHead> heads_;
  std::vector<std::uint32_t> pool32_;
  std::vector<std::uint64_t> pool64_;
  std::unique_ptr<IdfTable> idf_;  // heap: the Scorer points at it, and moves must not break that
  std::unique_ptr<Scorer> scorer_;
  std::unique_ptr<LshIndex> lsh_;
  std::vector<std::uint32_t> post_start_, postings_;  // inverted index, CSR by term id
  Lang main_lang_ = Lang::unknown;
};

}  // namespace quotekit
