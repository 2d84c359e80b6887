#include "quotekit/analyze.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <exception>
#include <limits>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "huge_pages.hpp"
#include "quotekit/parallel.hpp"
#include "quotekit/tokenize.hpp"

namespace quotekit {

namespace {

// AnalyzedCorpus::feature_key(): the content-term sequence (term hashes, not the corpus's term
// ids: the key of a wording must not depend on the rest of the corpus), then the sorted
// distinct numbers and names (as the Scorer compares them), each part behind its length, and,
// only when there are any (so that other keys, and the cluster ids made from them, stay as they
// were), the compound tails, and whether the statement is negated ("not only" is not a content
// term, so "not X" and "not only X" could otherwise share a key).
std::uint64_t hash_features(std::span<const std::uint64_t> sequence, std::span<const std::uint64_t> joined,
                            bool negated, const std::vector<std::uint64_t>& numbers,
                            const std::vector<std::uint32_t>& num_start,
                            const std::vector<std::uint64_t>& names,
                            const std::vector<std::uint32_t>& name_start, std::size_t i,
                            std::vector<std::uint64_t>& scratch) {
  XXH3_state_t state;
  XXH3_64bits_reset_withSeed(&state, 0x6b6579);
  auto part = [&](const void* data, std::size_t count, std::size_t size) {
    const std::uint64_t n = count;
    XXH3_64bits_update(&state, &n, sizeof n);
    if (count != 0) XXH3_64bits_update(&state, data, count * size);
  };
  part(sequence.data(), sequence.size(), sizeof(std::uint64_t));
  for (const auto& [values, start] : {std::pair{&numbers, &num_start}, std::pair{&names, &name_start}}) {
    scratch.assign(values->begin() + (*start)[i], values->begin() + (*start)[i + 1]);
    std::sort(scratch.begin(), scratch.end());
    scratch.erase(std::unique(scratch.begin(), scratch.end()), scratch.end());
    part(scratch.data(), scratch.size(), sizeof(std::uint64_t));
  }
  if (!joined.empty()) part(joined.data(), joined.size(), sizeof(std::uint64_t));
  if (negated) {
    constexpr std::uint8_t kNegated = 0x6e;
    part(&kNegated, 1, 1);
  }
  return XXH3_64bits_digest(&state);
}

constexpr std::uint64_t kMaxFlat = std::numeric_limits<std::uint32_t>::max();

// One document's statements as a worker leaves them for the merge: hashes and term hashes only,
// no tokens. Flat vectors with per-statement lengths.
struct DocWork {
  std::vector<Statement> statements;
  std::vector<std::uint64_t> exact;
  std::vector<SimHash> simhash;
  std::vector<std::uint64_t> sequence, numbers, names, joined;
  std::vector<std::uint32_t> sequence_len, numbers_len, names_len, joined_len;
  std::vector<std::uint32_t> negations;
};

// What one thread reuses across statements.
struct Worker {
  const AnalyzeOptions& options;
  std::map<Lang, Tokenizer> tokenizers;  // one per language met
  std::vector<Token> tokens;
  std::vector<std::uint64_t> features;
  StatementTerms terms;

  explicit Worker(const AnalyzeOptions& o) : options(o) {}

  void run(const Document& doc, DocWork& out) {
    out = DocWork{};
    out.statements = segment(doc, options.segment);
    const std::size_t n = out.statements.size();
    out.exact.reserve(n);
    out.simhash.reserve(n);
    out.sequence_len.reserve(n);
    out.numbers_len.reserve(n);
    out.names_len.reserve(n);
    out.joined_len.reserve(n);
    out.negations.reserve(n);
    const Tokenizer& tokenizer = tokenizers.try_emplace(doc.lang, doc.lang).first->second;
    for (const Statement& st : out.statements) {
      tokens.clear();
      tokenizer.tokenize(doc.text, st.span, tokens);
      out.exact.push_back(exact_hash(tokens));
      extract_features(tokens, options.features, features);
      out.simhash.push_back(simhash(features));
      extract_terms(doc.text, tokens, terms);
      out.sequence.insert(out.sequence.end(), terms.sequence.begin(), terms.sequence.end());
      out.numbers.insert(out.numbers.end(), terms.numbers.begin(), terms.numbers.end());
      out.names.insert(out.names.end(), terms.names.begin(), terms.names.end());
      out.joined.insert(out.joined.end(), terms.joined.begin(), terms.joined.end());
      out.sequence_len.push_back(static_cast<std::uint32_t>(terms.sequence.size()));
      out.numbers_len.push_back(static_cast<std::uint32_t>(terms.numbers.size()));
      out.names_len.push_back(static_cast<std::uint32_t>(terms.names.size()));
      out.joined_len.push_back(static_cast<std::uint32_t>(terms.joined.size()));
      out.negations.push_back(terms.negations);
    }
  }
};

unsigned thread_count(unsigned requested, std::size_t work_items) {
  unsigned t = requested != 0 ? requested : std::max(1U, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::min<std::size_t>(t, std::max<std::size_t>(work_items, 1)));
}

// See AnalyzedCorpus::minhash_features(). `terms`: distinct known ids; `sequence`: ids in text
// order (kUnknownTerm for unknown terms).
void lsh_features(const AnalyzedCorpus& c, const AnalyzeOptions& o, std::span<const std::uint32_t> terms,
                  std::span<const std::uint32_t> sequence, std::vector<std::uint64_t>& out) {
  out.clear();
  if (terms.empty()) return;
  const IdfTable& idf = c.idf();
  if (o.features.unigrams) {
    for (const std::uint32_t id : terms) {
      const std::uint64_t h = idf.hash(id);
      const long copies = o.lsh_idf_weights ? std::max(1L, std::lround(c.scorer().weight(id))) : 1L;
      out.push_back(h);
      for (long k = 1; k < copies; ++k)
        out.push_back(h ^ (0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(k)));
    }
  }
  const std::size_t n = o.features.shingle >= 3
                            ? std::min<std::size_t>(o.features.shingle, FeatureOptions::kMaxShingle)
                            : (o.features.bigrams ? 2 : 1);
  if (n < 2) return;
  std::array<std::uint64_t, FeatureOptions::kMaxShingle> window{};
  std::size_t seen = 0;
  for (const std::uint32_t id : sequence) {
    if (id == kUnknownTerm) continue;
    std::copy(window.begin() + 1, window.begin() + static_cast<std::ptrdiff_t>(n), window.begin());
    window[n - 1] = idf.hash(id);
    ++seen;
    if (o.features.bigrams && seen >= 2) out.push_back(detail::ngram_hash(&window[n - 2], 2));
    if (o.features.shingle >= 3 && seen >= n) out.push_back(detail::ngram_hash(&window[0], n));
  }
}

}  // namespace

// Builds the corpus in three steps:
//  1. in parallel over documents: segment, tokenize, exact hash and SimHash, term hashes; the
//     calling thread merges finished documents in document order (IDF counts, metadata) while
//     it works, so the result does not depend on scheduling;
//  2. in parallel over statements: term hashes → scoring features and MinHash signatures
//     against the finished IDF table (LSH inserts in statement order);
//  3. the inverted index (a counting sort by term id) and the LSH index's sort.
struct AnalyzedCorpus::Builder {
  AnalyzedCorpus& c;
  const AnalyzeOptions& o;
  bool sign;
  std::unordered_map<std::string, std::uint32_t> speaker_ids;
  // Term hashes of every statement until the IDF table is complete.
  std::vector<std::uint64_t> sequence, numbers, names, joined;
  std::vector<std::uint32_t> seq_start{0}, num_start{0}, name_start{0}, joined_start{0};
  std::vector<std::uint32_t> negations;  // per statement
  std::uint64_t bytes_done = 0, bytes_total = 0;
  std::array<std::size_t, 5> lang_count{};

  Builder(AnalyzedCorpus& corpus, bool sign_) : c(corpus), o(corpus.options_), sign(sign_) {}

  void progress(std::string_view stage, std::uint64_t done, std::uint64_t total) const {
    if (o.progress) o.progress(Progress{stage, done, total});
  }

  std::uint32_t speaker_id(const std::string& s) {
    if (s.empty()) return 0;
    const auto [it, inserted] = speaker_ids.try_emplace(s, static_cast<std::uint32_t>(c.speakers_.size()));
    if (inserted) c.speakers_.push_back(s);
    return it->second;
  }

  void merge(std::uint32_t d, DocWork& w) {
    const std::size_t n = w.statements.size();
    if (c.info_.size() + n > kMaxFlat) throw Error("corpus too large: more than 4294967295 statements");
    std::size_t seq = 0, num = 0, name = 0, join = 0;
    for (std::size_t k = 0; k < n; ++k) {
      const Statement& st = w.statements[k];
      c.info_.push_back({d, st.index, st.span, st.parent, st.turn, speaker_id(st.speaker), st.kind, st.role});
      c.exact_.push_back(w.exact[k]);
      c.simhash_.push_back(w.simhash[k]);
      const std::span<const std::uint64_t> terms(w.sequence.data() + seq, w.sequence_len[k]);
      // Quotes repeat words of their sentence and furniture is not text: only sentences count
      // towards document frequencies.
      if (st.kind == StatementKind::sentence) c.idf_->add_hashes(terms);
      sequence.insert(sequence.end(), terms.begin(), terms.end());
      numbers.insert(numbers.end(), w.numbers.begin() + static_cast<std::ptrdiff_t>(num),
                     w.numbers.begin() + static_cast<std::ptrdiff_t>(num + w.numbers_len[k]));
      names.insert(names.end(), w.names.begin() + static_cast<std::ptrdiff_t>(name),
                   w.names.begin() + static_cast<std::ptrdiff_t>(name + w.names_len[k]));
      joined.insert(joined.end(), w.joined.begin() + static_cast<std::ptrdiff_t>(join),
                    w.joined.begin() + static_cast<std::ptrdiff_t>(join + w.joined_len[k]));
      seq += w.sequence_len[k];
      num += w.numbers_len[k];
      name += w.names_len[k];
      join += w.joined_len[k];
      if (sequence.size() > kMaxFlat || numbers.size() > kMaxFlat || names.size() > kMaxFlat ||
          joined.size() > kMaxFlat) {
        throw Error("corpus too large: more than 4294967295 content terms");
      }
      seq_start.push_back(static_cast<std::uint32_t>(sequence.size()));
      num_start.push_back(static_cast<std::uint32_t>(numbers.size()));
      name_start.push_back(static_cast<std::uint32_t>(names.size()));
      joined_start.push_back(static_cast<std::uint32_t>(joined.size()));
      negations.push_back(w.negations[k]);
    }
    lang_count[static_cast<std::size_t>(c.docs_[d].lang)] += n;
    bytes_done += c.docs_[d].text.size();
    w = DocWork{};  // free it now
  }

  // Step 1. Workers claim documents in order; the calling thread (worker 0) also merges, in
  // document order, every document finished so far after each of its own.
  void analyze_documents() {
    const std::size_t n = c.docs_.size();
    for (const Document& d : c.docs_) bytes_total += d.text.size();
    std::vector<DocWork> work(n);
    std::unique_ptr<std::atomic<bool>[]> ready(new std::atomic<bool>[n]);
    for (std::size_t i = 0; i < n; ++i) ready[i] = false;
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    std::mutex m;
    std::condition_variable cv;
    std::size_t merged = 0;
    const unsigned threads = thread_count(o.threads, n);
    auto merge_ready = [&](bool wait) {
      while (merged < n) {
        if (!ready[merged].load(std::memory_order_acquire)) {
          if (!wait) return;
          std::unique_lock lock(m);
          cv.wait(lock, [&] { return ready[merged].load(std::memory_order_acquire) || stop.load(); });
          if (!ready[merged].load(std::memory_order_acquire)) return;  // a worker failed
        }
        merge(static_cast<std::uint32_t>(merged), work[merged]);
        ++merged;
        progress("analyzing", bytes_done, bytes_total);
      }
    };
    detail::run_parallel(threads, [&](unsigned t) {
      Worker worker(o);
      try {
        for (std::size_t d; !stop.load() && (d = next.fetch_add(1)) < n;) {
          worker.run(c.docs_[d], work[d]);
          {
            std::lock_guard lock(m);
            ready[d].store(true, std::memory_order_release);
          }
          cv.notify_one();
          if (t == 0) merge_ready(false);
        }
        if (t == 0) merge_ready(true);
      } catch (...) {
        {
          std::lock_guard lock(m);
          stop = true;
        }
        cv.notify_all();
        throw;
      }
    });
  }

  // Step 2: features against the complete IDF table and MinHash signatures, in parallel over
  // chunks of statements; each chunk's parts are then concatenated in order and its signatures
  // inserted into the LSH index by this thread (so memory holds one chunk of signatures).
  void make_features() {
    const std::size_t n = c.info_.size();
    c.scorer_ = std::make_unique<Scorer>(*c.idf_, o.score);
    const unsigned threads = thread_count(o.threads, n / 4096 + 1);
    const MinHasher hasher(o.k, o.seed);
    struct alignas(64) Part {  // a cache line of its own: each thread appends to its part
      std::vector<std::uint32_t> term_len, seq_len, joined_len, data;  // data: terms, sequence, joined
    };
    std::vector<Part> parts(threads);
    detail::reserve_huge(c.heads_, n);
    c.heads_.resize(n);
    detail::reserve_huge(c.feature_key_, n);
    c.feature_key_.resize(n);
    detail::reserve_huge(c.pool32_, 2 * sequence.size());
    if (o.keep_signatures) c.signatures_.reserve(n * o.k);
    std::unordered_map<std::uint64_t, std::uint32_t> first_with_key;  // lsh_distinct: feature key → statement
    if (c.lsh_) c.lsh_->reserve(n);
    if (c.lsh_ && o.lsh_distinct) {
      c.lsh_rep_.resize(n);
      first_with_key.reserve(n);
    }
    constexpr std::size_t kChunk = std::size_t{1} << 16;
    std::vector<std::uint32_t> sigs(sign ? std::min(n, kChunk) * o.k : 0);
    for (std::size_t lo = 0; lo < n; lo += kChunk) {
      const std::size_t hi = std::min(n, lo + kChunk);
      detail::run_parallel(threads, [&](unsigned t) {
        const std::size_t a = lo + (hi - lo) * t / threads, b = lo + (hi - lo) * (t + 1) / threads;
        Part& p = parts[t];
        StatementTerms st;
        StatementFeatures f;
        std::vector<std::uint64_t> features, scratch;
        for (std::size_t i = a; i < b; ++i) {
          // Only the sequence and compound tails are needed here: numbers and names stay hashes
          // (sorted below).
          st.sequence.assign(sequence.begin() + seq_start[i], sequence.begin() + seq_start[i + 1]);
          st.joined.assign(joined.begin() + joined_start[i], joined.begin() + joined_start[i + 1]);
          st.negations = negations[i];
          c.scorer_->prepare(st, f);
          p.term_len.push_back(static_cast<std::uint32_t>(f.terms.size()));
          p.seq_len.push_back(static_cast<std::uint32_t>(f.sequence.size()));
          p.joined_len.push_back(static_cast<std::uint32_t>(f.joined.size()));
          p.data.insert(p.data.end(), f.terms.begin(), f.terms.end());
          p.data.insert(p.data.end(), f.sequence.begin(), f.sequence.end());
          p.data.insert(p.data.end(), f.joined.begin(), f.joined.end());
          c.heads_[i].weight = f.weight;
          c.heads_[i].sequence_weight = f.sequence_weight;
          c.heads_[i].negations = f.negations;
          c.feature_key_[i] = hash_features(st.sequence, st.joined, f.negations > 0, numbers, num_start,
                                            names, name_start, i, scratch);
          if (sign) {
            const std::span<std::uint32_t> sig(sigs.data() + (i - lo) * o.k, o.k);
            lsh_features(c, o, f.terms, f.sequence, features);
            hasher.sign(features, sig);  // no features: an empty signature, not indexed
          }
        }
      });
      std::size_t i = lo;
      for (Part& p : parts) {
        std::size_t at = c.pool32_.size();
        for (std::size_t k = 0; k < p.term_len.size(); ++k, ++i) {
          const std::size_t len = std::size_t{p.term_len[k]} + p.seq_len[k] + p.joined_len[k];
          if (at + len > kMaxFlat) throw Error("corpus too large: more than 4294967295 content terms");
          FeatureHead& h = c.heads_[i];
          h.start32 = static_cast<std::uint32_t>(at);
          h.terms = p.term_len[k];
          h.sequence = p.seq_len[k];
          h.joined = p.joined_len[k];
          at += len;
        }
        c.pool32_.insert(c.pool32_.end(), p.data.begin(), p.data.end());
        p.term_len.clear();
        p.seq_len.clear();
        p.joined_len.clear();
        p.data.clear();
      }
      if (sign) {
        for (std::size_t k = lo; k < hi; ++k) {
          const std::span<const std::uint32_t> sig(sigs.data() + (k - lo) * o.k, o.k);
          bool index = c.lsh_ != nullptr;
          if (index && o.lsh_distinct) {
            const auto [it, first] =
                first_with_key.try_emplace(c.feature_key_[k], static_cast<std::uint32_t>(k));
            c.lsh_rep_[k] = it->second;
            index = first;
          }
          if (index) c.lsh_->insert(static_cast<std::uint32_t>(k), sig);
          if (o.keep_signatures) c.signatures_.insert(c.signatures_.end(), sig.begin(), sig.end());
        }
      }
      progress("indexing", hi, n);
    }
    c.pool32_.shrink_to_fit();
    sequence = {};
    seq_start = {};
    joined = {};
    joined_start = {};
    negations = {};
    // Numbers and names: sorted and unique per statement, then side by side in pool64_.
    std::vector<std::uint64_t> scratch;
    for (std::size_t i = 0; i < n; ++i) {
      FeatureHead& h = c.heads_[i];
      h.start64 = static_cast<std::uint32_t>(c.pool64_.size());
      auto append_unique = [&](std::vector<std::uint64_t>& v, const std::vector<std::uint32_t>& start) {
        scratch.assign(v.begin() + start[i], v.begin() + start[i + 1]);
        std::sort(scratch.begin(), scratch.end());
        scratch.erase(std::unique(scratch.begin(), scratch.end()), scratch.end());
        c.pool64_.insert(c.pool64_.end(), scratch.begin(), scratch.end());
        return static_cast<std::uint32_t>(scratch.size());
      };
      h.numbers = append_unique(numbers, num_start);
      h.names = append_unique(names, name_start);
      if (c.pool64_.size() > kMaxFlat)
        throw Error("corpus too large: more than 4294967295 numbers and names");
    }
    c.pool64_.shrink_to_fit();
    numbers = {};
    names = {};
  }

  // Step 3a: postings by term id, statements ascending (a counting sort).
  void make_term_index() {
    const std::size_t terms = c.idf_->terms();
    c.post_start_.assign(terms + 1, 0);
    std::size_t total = 0;
    for (std::uint32_t i = 0; i < c.info_.size(); ++i) {
      for (const std::uint32_t t : c.features(i).terms) ++c.post_start_[t + 1];
      total += c.heads_[i].terms;
    }
    for (std::size_t t = 0; t < terms; ++t) c.post_start_[t + 1] += c.post_start_[t];
    c.postings_.resize(total);
    std::vector<std::uint32_t> fill(c.post_start_.begin(), c.post_start_.end() - 1);
    for (std::uint32_t i = 0; i < c.info_.size(); ++i) {
      for (const std::uint32_t t : c.features(i).terms) c.postings_[fill[t]++] = i;
    }
  }
};

AnalyzedCorpus::AnalyzedCorpus(std::vector<Document> documents, const AnalyzeOptions& options)
    : options_(options), docs_(std::move(documents)), speakers_{std::string()} {
  if (docs_.size() > kMaxFlat) throw Error("corpus too large: more than 4294967295 documents");
  if (options_.features.stop_words) {
    throw UsageError(
        "AnalyzeOptions::features: MinHash features are built from content terms (stop_words = false)");
  }
  const bool lsh = options_.lsh_similarity > 0 || options_.lsh_params;
  if (lsh) {
    const LshParams params =
        options_.lsh_params ? *options_.lsh_params
                            : lsh_params_for_recall(options_.lsh_similarity, options_.lsh_recall, options_.k);
    lsh_ = std::make_unique<LshIndex>(params, options_.k, options_.lsh);
  }
  idf_ = std::make_unique<IdfTable>();
  Builder b(*this, lsh || options_.keep_signatures);
  b.analyze_documents();
  doc_start_.assign(docs_.size() + 1, 0);
  for (const StatementInfo& s : info_) ++doc_start_[s.doc + 1];
  for (std::size_t d = 0; d < docs_.size(); ++d) doc_start_[d + 1] += doc_start_[d];
  b.progress("indexing", 0, info_.size());
  b.make_features();
  if (options_.term_index) b.make_term_index();
  if (lsh_) lsh_->build(thread_count(options_.threads, lsh_->params().bands));
  const auto best = std::max_element(b.lang_count.begin(), b.lang_count.end());
  main_lang_ = *best == 0 ? Lang::unknown : static_cast<Lang>(best - b.lang_count.begin());
}

AnalyzedCorpus::~AnalyzedCorpus() = default;
AnalyzedCorpus::AnalyzedCorpus(AnalyzedCorpus&&) noexcept = default;
AnalyzedCorpus& AnalyzedCorpus::operator=(AnalyzedCorpus&&) noexcept = default;

Statement AnalyzedCorpus::statement(std::uint32_t i) const {
  const StatementInfo& s = info_[i];
  Statement st;
  st.index = s.index;
  st.kind = s.kind;
  st.role = s.role;
  st.speaker = speakers_[s.speaker];
  st.span = s.span;
  st.parent = s.parent;
  st.turn = s.turn;
  return st;
}

FeatureView AnalyzedCorpus::features(std::uint32_t i) const noexcept {
  const FeatureHead& h = heads_[i];
  const std::uint32_t* p32 = pool32_.data() + h.start32;
  const std::uint64_t* p64 = pool64_.data() + h.start64;
  return FeatureView({p32, h.terms}, {p32 + h.terms, h.sequence}, {p64, h.numbers},
                     {p64 + h.numbers, h.names}, h.weight, h.sequence_weight,
                     {p32 + h.terms + h.sequence, h.joined}, h.negations);
}

std::span<const std::uint32_t> AnalyzedCorpus::signature(std::uint32_t i) const noexcept {
  if (signatures_.empty()) return {};
  return {signatures_.data() + static_cast<std::size_t>(i) * options_.k, options_.k};
}

void AnalyzedCorpus::minhash_features(std::uint32_t i, std::vector<std::uint64_t>& out) const {
  const FeatureView f = features(i);
  lsh_features(*this, options_, f.terms, f.sequence, out);
}

std::span<const std::uint32_t> AnalyzedCorpus::postings(std::uint32_t term) const noexcept {
  if (term + std::size_t{1} >= post_start_.size()) return {};
  return {postings_.data() + post_start_[term], post_start_[term + 1] - post_start_[term]};
}

std::size_t AnalyzedCorpus::memory_bytes() const noexcept {
  auto bytes = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  std::size_t n = bytes(doc_start_) + bytes(info_) + bytes(exact_) + bytes(feature_key_) + bytes(lsh_rep_) +
                  bytes(simhash_) + bytes(signatures_) + bytes(heads_) + bytes(pool32_) + bytes(pool64_) +
                  bytes(post_start_) + bytes(postings_);
  for (const std::string& s : speakers_) n += sizeof(s) + s.capacity();
  n += idf_->terms() * 24;  // hash map entry + df (approximate)
  if (lsh_) n += lsh_->memory_bytes();
  return n;
}

}  // namespace quotekit
