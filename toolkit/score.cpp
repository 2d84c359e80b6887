#include "quotekit/score.hpp"

#include "negation.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>

namespace quotekit {

// ---- IdfTable -------------------------------------------------------------------------------

void IdfTable::add(std::span<const Token> tokens) {
  std::vector<std::uint64_t>& hashes = hash_scratch_;
  hashes.clear();
  for (const Token& t : tokens) {
    if (is_content(t)) hashes.push_back(term_hash(term_of(t)));
  }
  add_hashes(hashes);
}

void IdfTable::add_hashes(std::span<const std::uint64_t> term_hashes) {
  scratch_.clear();
  for (const std::uint64_t h : term_hashes) {
    const auto [it, inserted] = ids_.try_emplace(h, static_cast<std::uint32_t>(df_.size()));
    if (inserted) {
      df_.push_back(0);
      hashes_.push_back(h);
    }
    scratch_.push_back(it->second);
  }
  std::sort(scratch_.begin(), scratch_.end());
  scratch_.erase(std::unique(scratch_.begin(), scratch_.end()), scratch_.end());
  for (const std::uint32_t id : scratch_) ++df_[id];
  ++statements_;
}

std::uint32_t IdfTable::find_hash(std::uint64_t hash) const noexcept {
  const auto it = ids_.find(hash);
  return it == ids_.end() ? kUnknownTerm : it->second;
}

double IdfTable::idf(std::uint32_t id) const noexcept {
  return std::log((statements_ + 1.0) / (df(id) + 1.0)) + 1.0;
}

// ---- names ----------------------------------------------------------------------------------

namespace {

// First code point of a UTF-8 string (or a negative value when invalid/empty).
UChar32 first_code_point(std::string_view s) {
  if (s.empty()) return -1;
  std::int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(reinterpret_cast<const std::uint8_t*>(s.data()), i, static_cast<std::int32_t>(s.size()), c);
  return c;
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (const char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  return n;
}

// Punctuation after which the next word starts a sentence or a quotation.
bool opens_sentence(UChar32 c) {
  switch (c) {
    case '.':
    case '!':
    case '?':
    case ':':
    case ';':
    case '"':
    case '\'':
    case '(':
    case '[':
    case 0x00AB:
    case 0x00BB:  // « »
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x2018:  // “ ” „ ‘
    case 0x2014:
    case 0x2013:
    case 0x2026:  // — – … (not the hyphen: Nagorno-Karabakh)
      return true;
    default:
      return false;
  }
}

}  // namespace

std::vector<std::size_t> name_tokens(std::string_view text, std::span<const Token> tokens) {
  std::vector<std::size_t> out;
  bool sentence_start = true;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.span.end > text.size() || t.span.start > t.span.end) continue;  // foreign span: no case info
    const std::string_view original = slice(text, t.span);
    if (t.kind == TokenKind::punct) {
      if (opens_sentence(first_code_point(original))) sentence_start = true;
      continue;
    }
    const bool at_start = sentence_start;
    sentence_start = false;
    if (t.kind != TokenKind::word || t.stop || at_start || code_points(t.norm) < 2) continue;
    const UChar32 c = first_code_point(original);
    if (c > 0 && (u_isupper(c) || u_istitle(c))) out.push_back(i);
  }
  return out;
}

// ---- Scorer ---------------------------------------------------------------------------------

Scorer::Scorer(const IdfTable& table, ScoreOptions options)
    : table_(&table), options_(options), unseen_(static_cast<float>(table.idf(kUnknownTerm))) {
  idf_.resize(table.terms());
  for (std::uint32_t id = 0; id < idf_.size(); ++id) idf_[id] = static_cast<float>(table.idf(id));
}

StatementFeatures Scorer::prepare(std::string_view text, std::span<const Token> tokens) const {
  StatementFeatures f;
  prepare(text, tokens, f);
  return f;
}

namespace {

// A hyphen that joins two words into one ("Nagorno-Karabakh", "co-chairs"): '-', U+2010 or
// U+2011, touching the words on both sides. Dashes (– —) and spaced hyphens separate.
bool joins(std::string_view text, const Token& left, const Token& hyphen, const Token& right) {
  if (hyphen.kind != TokenKind::punct || hyphen.span.end > text.size() || hyphen.span.start > hyphen.span.end)
    return false;
  const std::string_view h = slice(text, hyphen.span);
  return (h == "-" || h == "\u2010" || h == "\u2011") && left.kind != TokenKind::punct &&
         right.kind != TokenKind::punct && left.span.end == hyphen.span.start &&
         hyphen.span.end == right.span.start;
}

// Whether tokens[i] negates what its statement claims: an English or Russian negation word
// (negation.hpp; the lists do not collide, so the statement's language is not needed), unless
// - it opens an affirmative phrase: "not only X but Y", "no doubt", "no matter", "не только";
// - it is the answer word, with the statement proper after a pause: "No, we are defending
//   ourselves." (a bare "No." is a denial);
// - it is "without" / "без", which qualifies ("without preconditions") more than it denies;
// - it negates a participle outside the main verb: "..., not allowing our people to return"
//   (but "we are not attacking" is the main verb: a form of "be" comes before it).
bool negates(std::span<const Token> tokens, std::size_t i) {
  const std::string_view w = tokens[i].norm;
  // Not Turkish: it negates most verbs inside the verb ("gelmedi"), which the word list cannot
  // see, so "değil" on one side against a negated verb on the other would read as a denial.
  if (!(detail::is_negation_word(Lang::en, w) || detail::is_negation_word(Lang::ru, w)) || w == "without" ||
      w == "без")
    return false;
  auto word_at = [&](std::size_t j) {
    return tokens[j].kind == TokenKind::punct ? std::string_view{} : tokens[j].norm;
  };
  const std::string_view next = i + 1 < tokens.size() ? word_at(i + 1) : std::string_view{};
  const std::string_view prev = i > 0 ? word_at(i - 1) : std::string_view{};
  if ((w == "not" || w == "не") && (next == "only" || next == "только")) return false;
  if (w == "no" && (next == "doubt" || next == "matter")) return false;
  // "No, we are defending ourselves.": the answer to a question, then what the statement says
  // (a bare "No." is a denial).
  if ((w == "no" || w == "нет") && next.empty() &&
      std::any_of(tokens.begin() + static_cast<std::ptrdiff_t>(i) + 1, tokens.end(),
                  [](const Token& t) { return t.kind != TokenKind::punct; }))
    return false;
  if ((w == "not" || w == "never") && next.size() > 4 && next.ends_with("ing")) {
    constexpr std::string_view kBe[] = {"am", "is", "are", "was", "were", "be", "been", "'s", "'re", "'m"};
    return std::find(std::begin(kBe), std::end(kBe), prev) != std::end(kBe);
  }
  return true;
}

}  // namespace

void extract_terms(std::string_view text, std::span<const Token> tokens, StatementTerms& out) {
  out.clear();
  bool compound_has_content = false;  // the hyphen chain so far holds a content word
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind == TokenKind::punct) continue;
    if (t.kind == TokenKind::word && negates(tokens, i)) ++out.negations;
    const bool continues = i >= 2 && joins(text, tokens[i - 2], tokens[i - 1], t);
    if (!continues) compound_has_content = false;
    if (!is_content(t)) continue;
    const std::uint64_t h = term_hash(term_of(t));
    out.sequence.push_back(h);
    if (t.kind == TokenKind::number) out.numbers.push_back(h);
    // A number continues a word ("F-16", "SU-25", "COVID-19"), not another number ("2019-2020").
    if (continues && compound_has_content &&
        (t.kind == TokenKind::word || tokens[i - 2].kind == TokenKind::word))
      out.joined.push_back(h);
    compound_has_content = true;
  }
  if (!out.joined.empty()) {
    // Keep only terms that never stand on their own in the statement: as many occurrences in
    // the sequence as in compound tails. (A handful of terms: quadratic is fine.)
    std::vector<std::uint64_t>& j = out.joined;
    std::sort(j.begin(), j.end());
    std::size_t kept = 0;
    for (std::size_t a = 0; a < j.size();) {
      std::size_t b = a;
      while (b < j.size() && j[b] == j[a]) ++b;
      if (static_cast<std::size_t>(std::count(out.sequence.begin(), out.sequence.end(), j[a])) == b - a)
        j[kept++] = j[a];
      a = b;
    }
    j.resize(kept);
  }
  for (const std::size_t i : name_tokens(text, tokens)) out.names.push_back(term_hash(term_of(tokens[i])));
}

void Scorer::prepare(std::string_view text, std::span<const Token> tokens, StatementFeatures& out) const {
  StatementTerms terms;
  extract_terms(text, tokens, terms);
  prepare(terms, out);
}

void Scorer::prepare(const StatementTerms& terms, StatementFeatures& out) const {
  out.terms.clear();
  out.sequence.clear();
  out.numbers.assign(terms.numbers.begin(), terms.numbers.end());
  out.names.assign(terms.names.begin(), terms.names.end());
  out.joined.clear();
  out.negations = terms.negations;
  for (const std::uint64_t h : terms.joined) {
    const std::uint32_t id = table_->find_hash(h);
    if (id < idf_.size()) out.joined.push_back(id);
  }
  out.weight = 0;
  out.sequence_weight = 0;
  std::vector<std::uint64_t> unseen;  // distinct hashes of unseen terms (rare: a query's new words)
  for (const std::uint64_t h : terms.sequence) {
    std::uint32_t id = table_->find_hash(h);
    if (id >= idf_.size()) id = kUnknownTerm;  // learnt after the snapshot: unseen
    out.sequence.push_back(id);
    out.sequence_weight += weight(id);
    if (id == kUnknownTerm) {
      unseen.push_back(h);
    } else {
      out.terms.push_back(id);
    }
  }
  auto sort_unique = [](auto& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  };
  sort_unique(out.terms);
  sort_unique(out.numbers);
  sort_unique(out.names);
  sort_unique(out.joined);
  sort_unique(unseen);
  for (const std::uint32_t id : out.terms) out.weight += weight(id);
  out.weight += static_cast<float>(unseen.size()) * unseen_;
}

namespace {

template <class T>
std::size_t count_shared(std::span<const T> a, std::span<const T> b) {
  std::size_t n = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++n;
      ++i;
      ++j;
    }
  }
  return n;
}

// Agreement factor of two small sets (numbers or names).
float agreement(std::span<const std::uint64_t> a, std::span<const std::uint64_t> b, float absent,
                float subset, float changed) {
  if (a.empty() && b.empty()) return 1.0f;  // nothing to disagree about
  if (a.empty() || b.empty()) return absent;
  const std::size_t shared = count_shared(a, b);
  if (shared == a.size() && shared == b.size()) return 1.0f;
  if (shared == std::min(a.size(), b.size())) return subset;
  // Both sides have values the other lacks: a change. Partly softened by what they share.
  const float share = static_cast<float>(shared) / static_cast<float>(std::max(a.size(), b.size()));
  return changed + (subset - changed) * share;
}

// The preceding content term of `tail` (its compound's previous word), kUnknownTerm if none.
std::uint32_t head_of(std::span<const std::uint32_t> sequence, std::uint32_t tail) {
  const auto it = std::find(sequence.begin(), sequence.end(), tail);
  return it == sequence.end() || it == sequence.begin() ? kUnknownTerm : *(it - 1);
}

// Tails of x's compounds whose whole link (the tail and the word before it) is among y's
// terms: "Nagorno-Karabakh" against a statement with "nagorno" and "karabakh", hyphenated or
// not. Rare: only statements with compounds get here.
std::size_t linked_tails(FeatureView x, FeatureView y) {
  std::size_t n = 0;
  for (const std::uint32_t tail : x.joined) {
    const std::uint32_t head = head_of(x.sequence, tail);
    n += head != kUnknownTerm && std::binary_search(y.terms.begin(), y.terms.end(), tail) &&
         std::binary_search(y.terms.begin(), y.terms.end(), head);
  }
  return n;
}

// Dice and containment blended: 2x/(wa+wb) and x/min(wa,wb), plus coverage of a: x/wa.
float blend(float shared, float wa, float wb, float mix, float cov) {
  if (wa <= 0 || wb <= 0) return 0;
  const float dice = 2 * shared / (wa + wb);
  const float containment = shared / std::min(wa, wb);
  return std::min(1.0f, (1 - mix - cov) * dice + mix * containment + cov * shared / wa);
}

}  // namespace

// Containment is only as trustworthy as the shorter statement is long: "Ilham Aliyev." is
// contained in every sentence naming him. Its share of the blend grows with the shorter side's
// content terms up to containment_min_terms.
float Scorer::containment_mix(FeatureView a, FeatureView b) const noexcept {
  const std::size_t shorter = std::min(a.content_terms(), b.content_terms());
  return options_.containment_mix *
         std::min(1.0f, static_cast<float>(shorter) /
                            static_cast<float>(std::max<std::uint32_t>(options_.containment_min_terms, 1)));
}

float Scorer::overlap(float shared, FeatureView a, FeatureView b) const noexcept {
  return blend(shared, a.weight, b.weight, containment_mix(a, b), options_.query_coverage);
}

ScoreParts Scorer::score(FeatureView a, FeatureView b) const { return score(a, b, 0.0f); }

ScoreParts Scorer::score(FeatureView a, FeatureView b, float min_total) const {
  ScoreParts p;
  // Overlap: merge of the sorted term ids.
  float shared = 0;
  std::size_t shared_terms = 0;
  for (std::size_t i = 0, j = 0; i < a.terms.size() && j < b.terms.size();) {
    if (a.terms[i] < b.terms[j]) {
      ++i;
    } else if (b.terms[j] < a.terms[i]) {
      ++j;
    } else {
      shared += weight(a.terms[i]);
      ++shared_terms;
      ++i;
      ++j;
    }
  }
  if (options_.min_shared_terms > 0 && shared_terms > 0) {
    // A compound whose words are all shared counts once ("Nagorno-Karabakh" matched by
    // "Nagorno-Karabakh", or by "Karabakh ... Nagorno-Karabakh", is one term); one whose head is
    // not shared still shares its tail ("Upper-Karabakh" and "Nagorno-Karabakh": "Karabakh").
    // Each side's compounds count once; the side with more of them shared decides.
    std::size_t units = shared_terms;
    if (!a.joined.empty() || !b.joined.empty())
      units = std::max<std::size_t>(1, shared_terms - std::max(linked_tails(a, b), linked_tails(b, a)));
    const std::size_t shorter = std::min(a.terms.size() - a.joined.size(), b.terms.size() - b.joined.size());
    if (units < std::min<std::size_t>(options_.min_shared_terms, shorter)) return p;  // total 0
  } else if (shared_terms <
             std::min<std::size_t>(options_.min_shared_terms, std::min(a.terms.size(), b.terms.size()))) {
    return p;  // total 0: too little in common to be the same claim
  }
  const float mix = containment_mix(a, b);
  p.overlap = blend(shared, a.weight, b.weight, mix, options_.query_coverage);
  p.numbers = agreement(a.numbers, b.numbers, options_.numbers_absent, options_.numbers_subset,
                        options_.numbers_changed);
  p.names = agreement(a.names, b.names, options_.names_absent, options_.names_subset, options_.names_changed);
  if ((a.negations > 0) != (b.negations > 0)) p.negation = options_.negation_changed;
  const float factor = p.numbers * p.names * p.negation;
  // The alignment is at most 1 and, as a weighted common subsequence of shared terms, cannot
  // exceed what the shared terms weigh: bound the total before paying for the DP.
  if (p.overlap <= 0 ||
      (options_.overlap_weight * p.overlap + options_.alignment_weight) * factor < min_total) {
    return p;
  }
  // Alignment: IDF-weighted LCS of the term sequences, one DP row, no allocation for the usual
  // statement (≤ 255 content terms on the shorter side).
  const std::span<const std::uint32_t> x = a.sequence.size() >= b.sequence.size() ? a.sequence : b.sequence;
  const std::span<const std::uint32_t> y = a.sequence.size() >= b.sequence.size() ? b.sequence : a.sequence;
  constexpr std::size_t kStack = 256;
  float stack_row[kStack];
  std::vector<float> heap_row;
  float* row = stack_row;
  if (y.size() + 1 > kStack) {
    heap_row.resize(y.size() + 1);
    row = heap_row.data();
  }
  std::fill(row, row + y.size() + 1, 0.0f);
  for (const std::uint32_t xi : x) {
    float diag = 0;  // row[j-1] of the previous x
    for (std::size_t j = 1; j <= y.size(); ++j) {
      const float up = row[j];
      if (xi != kUnknownTerm && xi == y[j - 1]) {
        row[j] = diag + weight(xi);
      } else {
        row[j] = std::max(up, row[j - 1]);
      }
      diag = up;
    }
  }
  p.alignment = blend(row[y.size()], a.sequence_weight, b.sequence_weight, mix, options_.query_coverage);
  p.total = std::clamp(
      (options_.overlap_weight * p.overlap + options_.alignment_weight * p.alignment) * factor, 0.0f, 1.0f);
  return p;
}

}  // namespace quotekit
