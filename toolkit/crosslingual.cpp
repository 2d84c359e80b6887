// Cross-lingual pair score (see crosslingual.hpp): per-statement features, the pair score, the
// Gale–Church length model.
#include "quotekit/crosslingual.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_map>

#include "crosslingual_internal.hpp"
#include "quotekit/normalize.hpp"
#include "quotekit/score.hpp"

namespace quotekit {

// ---- length model ---------------------------------------------------------------------------

namespace {

// Ratios measured with `build/bench/align_eval --length-model` (Gale & Church's estimate
// c = Σ len_t / Σ len_s, code points): ru→en 1.01 over WMT newstest 2014–2018 (14,820 pairs;
// the years range 0.98–1.04), tr→en 1.02 over newstest 2016–2017 (6,007 pairs). Translations run
// a little longer than their originals either way (NTREX en→ru 1.11, en→tr 1.07), so the
// inverse models are approximations. Their variance estimate Σ (len_t − c·len_s)² / Σ len_s
// gives 4.3 (ru→en) and 3.3 (tr→en), but real length differences have heavier tails than that
// Gaussian: on the calibration sets Gale & Church's 6.8 aligns better (bead F1 ru→en 0.984 →
// 0.988 with the lexicon, and better for the length-only baseline too), so both use 6.8.
constexpr LengthModel kRuEn{1.01, 6.8};
constexpr LengthModel kTrEn{1.02, 6.8};

// t ≈ c·s with var s2·s  ⇒  s ≈ t/c with var s2·s/c² ≈ (s2/c³)·t.
LengthModel inverse(LengthModel m) noexcept {
  return {1.0 / m.ratio, m.variance / (m.ratio * m.ratio * m.ratio)};
}

}  // namespace

LengthModel length_model(Lang source, Lang target) noexcept {
  if (source == target) return {1.0, 6.8};
  auto base = [](Lang l) -> LengthModel {  // l → en
    switch (l) {
      case Lang::ru:
        return kRuEn;
      case Lang::tr:
        return kTrEn;
      case Lang::en:
        return {1.0, 0.0};
      default:
        return {1.0, -1.0};
    }
  };
  const LengthModel s = base(source), t = base(target);
  if (s.variance < 0 || t.variance < 0) return {};
  if (target == Lang::en) return s;
  if (source == Lang::en) return inverse(t);
  // ru ↔ tr: the ratios through English; a direct translation spreads like any other pair.
  return {s.ratio / t.ratio, 6.8};
}

double length_probability(const LengthModel& model, double source_chars, double target_chars) noexcept {
  source_chars = std::max(0.0, source_chars);
  target_chars = std::max(0.0, target_chars);
  // Gale & Church use the mean of both lengths (in source units) for the variance, so that an
  // empty source side still has a finite delta.
  const double mean = (source_chars + target_chars / model.ratio) / 2.0;
  if (mean <= 0.0) return 1.0;
  const double delta = (target_chars - model.ratio * source_chars) / std::sqrt(model.variance * mean);
  return std::erfc(std::abs(delta) / std::sqrt(2.0));
}

// ---- features -------------------------------------------------------------------------------

void CrossLingualFeatures::clear() {
  chars = 0;
  units.clear();
  own.clear();
  expanded.clear();
  expanded_bits.fill(0);
  latin.clear();
  latin_chars.clear();
  numbers.clear();
  number_units.clear();
  weight_all = weight_text = weight_names = 0;
}

void CrossLingualFeatures::sum_weights() noexcept {
  weight_all = weight_text = weight_names = 0;
  for (const Unit& u : units) {
    weight_all += u.weight;
    if (u.kind != kNumber) weight_text += u.weight;
    if (u.kind == kName) weight_names += u.weight;
  }
}

namespace {

// The Bloom filter bit of an id (Fibonacci hashing into 1024 bits).
inline std::uint32_t bloom_bit(std::uint32_t id) noexcept {
  return static_cast<std::uint32_t>((std::uint64_t{id} * 0x9E3779B97F4A7C15ull) >> 54);
}
inline void bloom_set(std::array<std::uint64_t, 16>& bits, std::uint32_t id) noexcept {
  const std::uint32_t b = bloom_bit(id);
  bits[b >> 6] |= std::uint64_t{1} << (b & 63);
}
inline bool bloom_has(const std::array<std::uint64_t, 16>& bits, std::uint32_t id) noexcept {
  const std::uint32_t b = bloom_bit(id);
  return (bits[b >> 6] >> (b & 63)) & 1;
}

std::uint64_t key_of(char tag, std::string_view s) noexcept {
  return XXH3_64bits_withSeed(s.data(), s.size(),
                              static_cast<std::uint64_t>(static_cast<unsigned char>(tag)));
}

void merge_entries(std::vector<CrossLingualFeatures::Entry>& a,
                   const std::vector<CrossLingualFeatures::Entry>& b, std::uint16_t offset) {
  const std::size_t old = a.size();
  a.reserve(old + b.size());
  for (auto e : b) {
    e.unit = static_cast<std::uint16_t>(e.unit + offset);
    a.push_back(e);
  }
  std::inplace_merge(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(old), a.end());
}

std::size_t code_points(std::string_view s) noexcept {
  std::size_t n = 0;
  for (const char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  return n;
}

UChar32 first_code_point(std::string_view s) noexcept {
  if (s.empty()) return -1;
  std::int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(reinterpret_cast<const std::uint8_t*>(s.data()), i, static_cast<std::int32_t>(s.size()), c);
  return c;
}

}  // namespace

namespace detail {

std::size_t latin_edit_distance(std::string_view a, std::string_view b) noexcept {
  a = a.substr(0, 64);
  b = b.substr(0, 64);
  if (a.empty()) return b.size();
  if (b.empty()) return a.size();
  // Myers (1999) in Hyyrö's formulation for the global distance: a is the pattern (m ≤ 64 bits),
  // vertical deltas as bit vectors, one step per letter of b.
  std::array<std::uint64_t, 32> peq{};
  for (std::size_t i = 0; i < a.size(); ++i)
    peq[static_cast<unsigned char>(a[i]) & 31] |= std::uint64_t{1} << i;
  const std::uint64_t top = std::uint64_t{1} << (a.size() - 1);
  std::uint64_t pv = ~std::uint64_t{0}, mv = 0;
  std::size_t score = a.size();
  for (const char c : b) {
    const std::uint64_t eq = peq[static_cast<unsigned char>(c) & 31];
    const std::uint64_t xv = eq | mv;
    const std::uint64_t xh = (((eq & pv) + pv) ^ pv) | eq;
    std::uint64_t ph = mv | ~(xh | pv);
    std::uint64_t mh = pv & xh;
    if (ph & top) {
      ++score;
    } else if (mh & top) {
      --score;
    }
    ph = (ph << 1) | 1;  // the top row counts up: each letter of b costs one against an empty a
    mh <<= 1;
    pv = mh | ~(xv | ph);
    mv = ph & xv;
  }
  return score;
}

std::string canonical_latin(std::string_view ascii) {
  std::string out;
  canonical_latin(ascii, out);
  return out;
}

// Spelling equivalences between transliterations of one name: the press writes Алиев "Aliyev",
// Хабаровск "Khabarovsk", Джонс "Jones", Макрон "Macron". Both sides go through the same rules,
// so only their agreement matters. Input: ASCII from Normalizer::to_latin (already lower-case).
void canonical_latin(std::string_view in, std::string& out) {
  std::string s;
  s.reserve(in.size());
  for (const char c : in)
    if (c >= 'a' && c <= 'z') s.push_back(c);
  auto at = [&](std::size_t i) { return i < s.size() ? s[i] : '\0'; };
  const std::size_t start = out.size();
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    const char n = at(i + 1);
    char emit = c;
    std::size_t used = 1;
    if (c == 's' && n == 'h' && at(i + 2) == 'c' && at(i + 3) == 'h') {  // shch → sh
      out.append("sh");
      i += 4;
      continue;
    }
    if (c == 'd' && n == 'z' && at(i + 2) == 'h') {  // dzh → j
      emit = 'j';
      used = 3;
    } else if ((c == 'd' && n == 'j') || (c == 'z' && n == 'h')) {  // dj, zh → j
      emit = 'j';
      used = 2;
    } else if (c == 'k' && n == 'h') {  // kh → h
      emit = 'h';
      used = 2;
    } else if (c == 'p' && n == 'h') {  // ph → f
      emit = 'f';
      used = 2;
    } else if (c == 'c' && n == 'k') {  // ck → k
      emit = 'k';
      used = 2;
    } else if (c == 'c' && n != 'h') {  // c → k (Macron / Makron), but ch stays
      emit = 'k';
    } else if (c == 'y' && (n == 'e' || n == 'o' || n == 'u' || n == 'a')) {  // ye → e, ...
      emit = n;
      used = 2;
    } else if (c == 'i' && n == 'y') {  // iy → i (Zelenskiy / Zelensky)
      emit = 'i';
      used = 2;
    } else if (c == 'y') {
      emit = 'i';
    } else if (c == 'w') {
      emit = 'v';
    } else if (c == 'q') {
      emit = 'k';
    } else if (c == 'x') {
      out.append("ks");
      i += 1;
      continue;
    }
    if (out.size() == start || out.back() != emit) out.push_back(emit);  // doubled letters once
    i += used;
  }
}

}  // namespace detail

namespace {

using detail::canonical_latin;

// 1 − Levenshtein(a, b) / max(|a|, |b|), or 0 when below `min_similarity` (decided on the lengths
// alone where it can be).
float latin_similarity(std::string_view a, std::string_view b, float min_similarity) noexcept {
  a = a.substr(0, 64);
  b = b.substr(0, 64);
  const std::size_t longest = std::max(a.size(), b.size());
  if (longest == 0) return 0;
  const auto max_dist =
      static_cast<std::size_t>(std::floor((1.0f - min_similarity) * float(longest) + 1e-4f));
  const std::size_t diff = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (diff > max_dist) return 0;
  const std::size_t d = detail::latin_edit_distance(a, b);
  if (d > max_dist) return 0;
  return 1.0f - float(d) / float(longest);
}

// Month names as date units: "5 мая" and "May 5" and "5 Mayıs'ta" share "m5".
int month_of(Lang lang, std::string_view norm, bool capitalized) {
  static constexpr std::array<std::string_view, 12> en = {"january",   "february", "march",    "april",
                                                          "may",       "june",     "july",     "august",
                                                          "september", "october",  "november", "december"};
  static constexpr std::array<std::string_view, 12> ru = {"январ",   "феврал", "март",  "апрел",
                                                          "ма",      "июн",    "июл",   "август",
                                                          "сентябр", "октябр", "ноябр", "декабр"};
  static constexpr std::array<std::string_view, 12> tr = {"ocak",  "şubat",   "mart",   "nisan",
                                                          "mayıs", "haziran", "temmuz", "ağustos",
                                                          "eylül", "ekim",    "kasım",  "aralık"};
  switch (lang) {
    case Lang::en: {
      // English writes months capitalized; "may" and "march" are also ordinary words.
      if (!capitalized) return 0;
      for (std::size_t m = 0; m < 12; ++m)
        if (norm == en[m]) return int(m) + 1;
      static constexpr std::array<std::string_view, 12> abbr = {"jan", "feb", "mar", "apr", "may", "jun",
                                                                "jul", "aug", "sep", "oct", "nov", "dec"};
      for (std::size_t m = 0; m < 12; ++m)
        if (norm == abbr[m] && m != 4 && m != 2) return int(m) + 1;
      if (norm == "sept") return 9;
      return 0;
    }
    case Lang::ru: {
      if (norm == "май" || norm == "мая" || norm == "мае" || norm == "маю" || norm == "маем") return 5;
      static constexpr std::array<std::string_view, 4> tails = {"", "я", "е", "ю"};
      for (std::size_t m = 0; m < 12; ++m) {
        if (m == 4 || !norm.starts_with(ru[m])) continue;
        std::string_view rest = norm.substr(ru[m].size());
        if (m == 2 || m == 7) {  // март, август: марта, марте, августа, ...
          if (rest.empty() || rest == "а" || rest == "е" || rest == "у") return int(m) + 1;
          continue;
        }
        if (rest == "ь" || rest == "ем") return int(m) + 1;
        for (auto t : tails)
          if (rest == t) return int(m) + 1;
      }
      return 0;
    }
    case Lang::tr: {
      std::string_view w = norm.substr(0, norm.find('\''));
      for (std::size_t m = 0; m < 12; ++m) {
        if (!w.starts_with(tr[m])) continue;
        const std::string_view rest = w.substr(tr[m].size());
        if (rest.empty() || rest == "da" || rest == "de" || rest == "ta" || rest == "te" || rest == "dan" ||
            rest == "den" || rest == "tan" || rest == "ten")
          return int(m) + 1;
      }
      return 0;
    }
    default:
      return 0;
  }
}

// Sentence openers for the name rule: after these a capital letter says nothing.
bool opens_sentence(std::string_view punct) {
  static constexpr std::array<std::string_view, 19> openers = {
      ".", "!", "?", ":", ";", "\"", "'", "(", "[", "«", "»", "“", "”", "„", "‘", "—", "–", "…", "-"};
  for (auto o : openers)
    if (punct == o) return true;
  return false;
}

}  // namespace

void append(CrossLingualFeatures& a, const CrossLingualFeatures& b) {
  if (a.units.size() + b.units.size() > 0xFFFF)
    throw Error("cross-lingual features: too many units in a bead");
  const auto offset = static_cast<std::uint16_t>(a.units.size());
  a.chars += b.chars + (a.chars > 0 && b.chars > 0 ? 1 : 0);  // the joining space
  a.units.insert(a.units.end(), b.units.begin(), b.units.end());
  merge_entries(a.own, b.own, offset);
  merge_entries(a.expanded, b.expanded, offset);
  for (std::size_t w = 0; w < a.expanded_bits.size(); ++w) a.expanded_bits[w] |= b.expanded_bits[w];
  const auto base = static_cast<std::uint32_t>(a.latin_chars.size());
  a.latin_chars += b.latin_chars;
  const std::size_t old_latin = a.latin.size();
  for (auto l : b.latin) {
    l.offset += base;
    l.unit = static_cast<std::uint16_t>(l.unit + offset);
    a.latin.push_back(l);
  }
  std::inplace_merge(a.latin.begin(), a.latin.begin() + static_cast<std::ptrdiff_t>(old_latin), a.latin.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
  for (const std::uint16_t u : b.number_units)
    a.number_units.push_back(static_cast<std::uint16_t>(u + offset));
  a.weight_all += b.weight_all;
  a.weight_text += b.weight_text;
  a.weight_names += b.weight_names;
  const std::size_t old = a.numbers.size();
  a.numbers.insert(a.numbers.end(), b.numbers.begin(), b.numbers.end());
  std::inplace_merge(a.numbers.begin(), a.numbers.begin() + static_cast<std::ptrdiff_t>(old),
                     a.numbers.end());
  a.numbers.erase(std::unique(a.numbers.begin(), a.numbers.end()), a.numbers.end());
}

CrossLingualFeatures concat(const CrossLingualFeatures& a, const CrossLingualFeatures& b) {
  CrossLingualFeatures out = a;
  append(out, b);
  return out;
}

void apply_idf(std::span<CrossLingualFeatures> statements) {
  if (statements.empty()) return;
  std::unordered_map<std::uint64_t, std::uint32_t> df;
  std::vector<std::uint64_t> keys;
  for (const auto& f : statements) {
    keys.clear();
    for (const auto& u : f.units) keys.push_back(u.key);
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    for (const auto k : keys) ++df[k];
  }
  const double n = static_cast<double>(statements.size());
  const double once = std::log((n + 1.0) / 2.0) + 1.0;
  for (auto& f : statements)
    for (auto& u : f.units) {
      const auto it = df.find(u.key);
      const double d = it == df.end() ? 1.0 : it->second;
      u.weight *= static_cast<float>((std::log((n + 1.0) / (d + 1.0)) + 1.0) / once);
    }
  for (auto& f : statements) f.sum_weights();
}

// ---- featurizer -----------------------------------------------------------------------------

struct CrossLingualFeaturizer::Impl {
  const Lexicon* lexicon;
  Lang lang;
  Lang other;
  CrossLingualOptions options;
  Tokenizer tokenizer;
  Normalizer normalizer;
  mutable std::vector<Token> tokens;
  mutable std::string scratch;
  // stem → (lexicon id with translations, derived through a prefix); kNone when nothing.
  static constexpr std::uint32_t kNone = 0xFFFFFFFF;
  struct Lookup {
    std::uint32_t id = kNone;
    bool derived = false;
  };
  mutable std::unordered_map<std::string, Lookup> cache;

  Lookup lookup(std::string_view stem) const {
    if (auto it = cache.find(std::string(stem)); it != cache.end()) return it->second;
    Lookup r;
    if (auto id = lexicon->find(lang, stem); id && !lexicon->translations(lang, other, *id).empty()) {
      r.id = *id;
    } else if (options.prefix_min_chars > 0) {
      // Longest known prefix, cut at code point boundaries.
      const std::size_t n = code_points(stem);
      const auto min_cp = std::max<std::size_t>(
          options.prefix_min_chars, static_cast<std::size_t>(std::ceil(options.prefix_min_share * float(n))));
      std::vector<std::size_t> bounds;  // byte length of each prefix of k code points, k = 1..n-1
      for (std::size_t i = 1; i < stem.size(); ++i)
        if ((static_cast<unsigned char>(stem[i]) & 0xC0) != 0x80) bounds.push_back(i);
      for (std::size_t k = bounds.size(); k >= min_cp && k > 0; --k) {
        const auto pid = lexicon->find(lang, stem.substr(0, bounds[k - 1]));
        if (pid && !lexicon->translations(lang, other, *pid).empty()) {
          r.id = *pid;
          r.derived = true;
          break;
        }
      }
    }
    if (cache.size() > 100000) cache.clear();
    cache.emplace(std::string(stem), r);
    return r;
  }

  Impl(const Lexicon& lex, Lang l, Lang o, CrossLingualOptions opt)
      : lexicon(&lex), lang(l), other(o), options(opt), tokenizer(l), normalizer(l) {}

  float hub_weight(std::size_t fanout) const noexcept {
    const auto f = static_cast<float>(fanout);
    if (f <= options.hub_fanout) return 1.0f;
    return 1.0f / (1.0f + std::log(f / options.hub_fanout));
  }

  void add_latin(CrossLingualFeatures& out, std::uint16_t unit, std::string_view word, bool candidate) const {
    scratch.clear();
    canonical_latin(normalizer.to_latin(word), scratch);
    // Short forms only match exactly (GPS, WoW, NATO), and only when written in Latin letters.
    if (scratch.size() < 2) return;
    CrossLingualFeatures::Latin l;
    l.offset = static_cast<std::uint32_t>(out.latin_chars.size());
    l.size = static_cast<std::uint16_t>(std::min<std::size_t>(scratch.size(), 0xFFFF));
    l.unit = unit;
    l.first = scratch[0];
    l.candidate = candidate;
    out.latin_chars.append(scratch, 0, l.size);
    out.latin.push_back(l);
  }

  void prepare(std::string_view text, Span span, std::span<const Token> toks,
               CrossLingualFeatures& out) const {
    out.clear();
    out.lang = lang;
    out.other = other;
    out.chars = static_cast<std::uint32_t>(code_points(slice(text, span)));
    bool sentence_start = true;
    std::vector<std::uint64_t> seen;  // unit keys, to keep units distinct
    for (std::size_t ti = 0; ti < toks.size(); ++ti) {
      const Token& t = toks[ti];
      const std::string_view original = slice(text, t.span);
      if (t.kind == TokenKind::punct) {
        if (opens_sentence(t.norm)) sentence_start = true;
        continue;
      }
      const bool at_start = sentence_start;
      sentence_start = false;
      // Turkish case suffixes after a number ("1950'den", "5'inci") are split off by the word
      // breaker; they are no words of their own.
      if (lang == Lang::tr && t.kind == TokenKind::word && ti >= 2 && toks[ti - 1].kind == TokenKind::punct &&
          toks[ti - 1].norm == "'" && toks[ti - 2].kind == TokenKind::number &&
          toks[ti - 2].span.end == toks[ti - 1].span.start && toks[ti - 1].span.end == t.span.start)
        continue;
      const UChar32 c0 = first_code_point(original);
      const bool capitalized = c0 > 0 && (u_isupper(c0) || u_istitle(c0));
      // The word without a possessive or case suffix after an apostrophe: Aliyev's, Erdoğan'ın.
      const std::string_view bare = std::string_view(t.norm).substr(0, t.norm.find('\''));
      CrossLingualFeatures::Unit unit;
      if (t.kind == TokenKind::number) {
        unit.key = key_of('n', t.norm);
        unit.kind = CrossLingualFeatures::kNumber;
        unit.weight = options.number_weight;
      } else if (const int month = month_of(lang, bare, capitalized); month > 0) {
        const char m[2] = {'m', static_cast<char>('0' + month)};
        unit.key = key_of('n', std::string_view(m, 2));
        unit.kind = CrossLingualFeatures::kNumber;
        unit.weight = options.number_weight;
      } else {
        if (t.stop) continue;
        // Short stems are noise in the lexicon (Turkish yeni → ye), but Snowball also cuts names
        // short (Алиев → ал): a capitalized word stays, by spelling only.
        const bool short_stem = code_points(t.stem) < options.min_stem_chars;
        if (short_stem && !(capitalized && code_points(bare) >= 3)) continue;
        unit.key = short_stem ? key_of('b', bare) : key_of('w', t.stem);
      }
      if (std::find(seen.begin(), seen.end(), unit.key) != seen.end()) continue;
      seen.push_back(unit.key);
      if (out.units.size() >= 0xFFFF) break;
      const auto index = static_cast<std::uint16_t>(out.units.size());
      if (unit.kind == CrossLingualFeatures::kNumber) {
        out.numbers.push_back(unit.key);
        out.number_units.push_back(index);
        out.units.push_back(unit);
        continue;
      }
      // Lexicon: the stem's own id and its translations.
      const bool short_stem = code_points(t.stem) < options.min_stem_chars;
      const Lookup found = short_stem ? Lookup{} : lookup(t.stem);
      std::size_t fanout = 0;
      if (found.id != kNone) {
        const auto tr = lexicon->translations(lang, other, found.id);
        const auto kinds = lexicon->kinds(lang, other, found.id);
        fanout = tr.size();
        out.own.push_back({found.id, index, PairKind::word, found.derived});
        for (std::size_t k = 0; k < tr.size(); ++k)
          out.expanded.push_back({tr[k], index, kinds[k], found.derived});
      }
      unit.known = fanout > 0 && !found.derived;
      const bool name = capitalized && (!at_start || !unit.known);
      if (name) {
        unit.kind = CrossLingualFeatures::kName;
        unit.weight = options.name_weight;
      } else if (unit.known) {
        unit.weight = hub_weight(fanout);
      } else {
        unit.weight = options.unknown_weight;
      }
      out.units.push_back(unit);
      add_latin_forms(out, index, t, bare, name || !unit.known);
    }
    std::sort(out.latin.begin(), out.latin.end(),
              [](const auto& x, const auto& y) { return x.first < y.first; });
    std::sort(out.own.begin(), out.own.end());
    std::sort(out.expanded.begin(), out.expanded.end());
    for (const auto& e : out.expanded) bloom_set(out.expanded_bits, e.id);
    std::sort(out.numbers.begin(), out.numbers.end());
    out.numbers.erase(std::unique(out.numbers.begin(), out.numbers.end()), out.numbers.end());
    out.sum_weights();
  }

  // Latin forms of a word: the word itself (before an apostrophe: Aliyev's, Erdoğan'ın), and a
  // second form without its inflection: for Russian the word minus a case ending (Пашиняна →
  // пашинян; Snowball would cut Алиев to ал), for English and Turkish the stem (internetten →
  // internet).
  void add_latin_forms(CrossLingualFeatures& out, std::uint16_t unit, const Token& t, std::string_view bare,
                       bool candidate) const {
    const std::size_t before = out.latin.size();
    add_latin(out, unit, bare, candidate);
    std::string_view second;
    if (lang == Lang::ru) {
      static constexpr std::array<std::string_view, 18> endings = {"ами", "ями", "ого", "его", "ому", "ему",
                                                                   "ыми", "ими", "ой",  "ей",  "ом",  "ем",
                                                                   "ах",  "ях",  "а",   "я",   "у",   "ю"};
      for (const auto e : endings) {
        if (bare.size() >= e.size() + 6 && bare.ends_with(e)) {  // at least 3 letters remain
          second = bare.substr(0, bare.size() - e.size());
          break;
        }
      }
    } else if (t.stem != bare && code_points(t.stem) >= 4) {
      second = t.stem;
    }
    if (second.empty()) return;
    add_latin(out, unit, second, candidate);
    // The same Latin form twice helps nothing.
    if (out.latin.size() == before + 2) {
      const auto& a = out.latin[before];
      const auto& b = out.latin[before + 1];
      if (std::string_view(out.latin_chars).substr(a.offset, a.size) ==
          std::string_view(out.latin_chars).substr(b.offset, b.size)) {
        out.latin_chars.resize(b.offset);
        out.latin.pop_back();
      }
    }
  }
};

CrossLingualFeaturizer::CrossLingualFeaturizer(const Lexicon& lexicon, Lang lang, Lang other,
                                               CrossLingualOptions options)
    : impl_(std::make_unique<Impl>(lexicon, lang, other, options)) {}
CrossLingualFeaturizer::~CrossLingualFeaturizer() = default;
CrossLingualFeaturizer::CrossLingualFeaturizer(CrossLingualFeaturizer&&) noexcept = default;
CrossLingualFeaturizer& CrossLingualFeaturizer::operator=(CrossLingualFeaturizer&&) noexcept = default;

CrossLingualFeatures CrossLingualFeaturizer::prepare(std::string_view text, Span span) const {
  CrossLingualFeatures out;
  prepare(text, span, out);
  return out;
}

void CrossLingualFeaturizer::prepare(std::string_view text, Span span, CrossLingualFeatures& out) const {
  impl_->tokens.clear();
  impl_->tokenizer.tokenize(text, span, impl_->tokens);
  impl_->prepare(text, span, impl_->tokens, out);
}

void CrossLingualFeaturizer::prepare(std::string_view text, Span span, std::span<const Token> tokens,
                                     CrossLingualFeatures& out) const {
  if (span.end > text.size() || span.start > span.end)
    throw Error("CrossLingualFeaturizer::prepare: span outside the text");
  impl_->prepare(text, span, tokens, out);
}

Lang CrossLingualFeaturizer::lang() const noexcept { return impl_->lang; }
Lang CrossLingualFeaturizer::other() const noexcept { return impl_->other; }

// ---- scorer ---------------------------------------------------------------------------------

CrossLingualScorer::CrossLingualScorer(CrossLingualOptions options) : options_(options) {}

CrossLingualParts CrossLingualScorer::score(const CrossLingualFeatures& src,
                                            const CrossLingualFeatures& tgt) const {
  CrossLingualParts parts;
  const std::size_t nu = src.units.size(), nv = tgt.units.size();
  // Best match strength per unit; statements rarely have more than a few dozen units.
  constexpr std::size_t kStack = 256;
  std::array<float, kStack> stack_s, stack_t;
  std::vector<float> heap_s, heap_t;
  float* bs = stack_s.data();
  float* bt = stack_t.data();
  if (nu > kStack) {
    heap_s.resize(nu);
    bs = heap_s.data();
  }
  if (nv > kStack) {
    heap_t.resize(nv);
    bt = heap_t.data();
  }
  std::fill(bs, bs + nu, 0.0f);
  std::fill(bt, bt + nv, 0.0f);

  // Lexicon: the source's translations (ids in the target's pool) against the target's own ids.
  {
    const auto& e = src.expanded;
    const auto& o = tgt.own;
    std::size_t i = 0;
    for (std::size_t j = 0; j < o.size() && i < e.size(); ++j) {
      const std::uint32_t id = o[j].id;
      if (!bloom_has(src.expanded_bits, id)) continue;
      if (e[i].id < id) {
        i = static_cast<std::size_t>(
            std::lower_bound(e.begin() + static_cast<std::ptrdiff_t>(i), e.end(), o[j]) - e.begin());
      }
      for (std::size_t k = i; k < e.size() && e[k].id == id; ++k) {
        float m = e[k].kind == PairKind::word ? 1.0f : options_.phrase_weight;
        if (e[k].derived || o[j].derived) m *= options_.derived_weight;
        bs[e[k].unit] = std::max(bs[e[k].unit], m);
        bt[o[j].unit] = std::max(bt[o[j].unit], m);
      }
    }
  }
  // Spelling: names and unknown words against the other side's Latin forms with the same first
  // letter (both lists are sorted by it).
  {
    const auto& la = src.latin;
    const auto& lb = tgt.latin;
    std::size_t i = 0, j = 0;
    while (i < la.size() && j < lb.size()) {
      if (la[i].first < lb[j].first) {
        ++i;
      } else if (lb[j].first < la[i].first) {
        ++j;
      } else {
        const char c = la[i].first;
        std::size_t i_end = i, j_end = j;
        while (i_end < la.size() && la[i_end].first == c) ++i_end;
        while (j_end < lb.size() && lb[j_end].first == c) ++j_end;
        for (std::size_t x = i; x < i_end; ++x) {
          const auto& a = la[x];
          const std::string_view sa(src.latin_chars.data() + a.offset, a.size);
          for (std::size_t y = j; y < j_end; ++y) {
            const auto& b = lb[y];
            if (!a.candidate && !b.candidate) continue;
            if (bs[a.unit] >= 1.0f && bt[b.unit] >= 1.0f) continue;
            const std::string_view sb(tgt.latin_chars.data() + b.offset, b.size);
            const bool match =
                std::min(sa.size(), sb.size()) < options_.min_latin_chars
                    ? sa == sb
                    : latin_similarity(sa, sb, options_.name_similarity) >= options_.name_similarity;
            if (match) {
              bs[a.unit] = 1.0f;
              bt[b.unit] = 1.0f;
            }
          }
        }
        i = i_end;
        j = j_end;
      }
    }
  }
  // Numbers and months: exact keys.
  std::size_t shared_numbers = 0;
  for (std::size_t i = 0, j = 0; i < src.numbers.size() && j < tgt.numbers.size();) {
    if (src.numbers[i] < tgt.numbers[j]) {
      ++i;
    } else if (tgt.numbers[j] < src.numbers[i]) {
      ++j;
    } else {
      ++shared_numbers;
      ++i;
      ++j;
    }
  }
  for (const std::uint16_t u : src.number_units)
    if (std::binary_search(tgt.numbers.begin(), tgt.numbers.end(), src.units[u].key)) bs[u] = 1.0f;
  for (const std::uint16_t u : tgt.number_units)
    if (std::binary_search(src.numbers.begin(), src.numbers.end(), tgt.units[u].key)) bt[u] = 1.0f;

  // Matched weight (the totals are precomputed per statement).
  double m_all = 0, m_cov[2] = {0, 0}, m_names = 0;
  auto tally = [&](const std::vector<CrossLingualFeatures::Unit>& units, const float* best, int side) {
    for (std::size_t u = 0; u < units.size(); ++u) {
      if (best[u] == 0.0f) continue;
      const auto& unit = units[u];
      const double m = double(unit.weight) * best[u];
      m_all += m;
      if (unit.kind != CrossLingualFeatures::kNumber) m_cov[side] += m;
      if (unit.kind == CrossLingualFeatures::kName) m_names += m;
    }
  };
  tally(src.units, bs, 0);
  tally(tgt.units, bt, 1);
  const double w_all = double(src.weight_all) + tgt.weight_all;
  const double w_cov[2] = {src.weight_text, tgt.weight_text};
  const double w_names = double(src.weight_names) + tgt.weight_names;

  parts.coverage_src = w_cov[0] > 0 ? static_cast<float>(m_cov[0] / w_cov[0]) : 0.0f;
  parts.coverage_tgt = w_cov[1] > 0 ? static_cast<float>(m_cov[1] / w_cov[1]) : 0.0f;
  parts.names = w_names > 0 ? static_cast<float>(m_names / w_names) : 1.0f;
  const std::size_t numbers = src.numbers.size() + tgt.numbers.size();
  parts.numbers = numbers == 0 ? 1.0f : static_cast<float>(2.0 * double(shared_numbers) / double(numbers));
  parts.length = static_cast<float>(
      length_probability(length_model(src.lang, tgt.lang), double(src.chars), double(tgt.chars)));

  const double agreement =
      (m_all + double(options_.prior) * options_.pseudo_weight) / (w_all + double(options_.pseudo_weight));
  const double knee = std::max(1e-6, double(options_.length_knee));
  const double length_factor =
      (1.0 - options_.length_weight) + options_.length_weight * std::min(1.0, double(parts.length) / knee);
  parts.total = static_cast<float>(std::clamp(agreement * length_factor, 0.0, 1.0));
  return parts;
}

std::vector<std::uint32_t> char_lengths(std::string_view text, std::span<const Span> spans) {
  std::vector<std::uint32_t> out;
  out.reserve(spans.size());
  for (const Span s : spans) {
    if (s.end > text.size() || s.start > s.end) throw Error("char_lengths: span outside the text");
    out.push_back(static_cast<std::uint32_t>(code_points(slice(text, s))));
  }
  return out;
}

}  // namespace quotekit
