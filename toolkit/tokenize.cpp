// tokenize.cpp — ICU word break over UTF-8 UText (break positions are byte offsets, no UTF-16
// copy), Normalizer::fold for the comparable form, Snowball stems, stop-word flags, and the
// number merger from numbers.hpp.
#include "quotekit/tokenize.hpp"

#include <libstemmer.h>
#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <xxhash.h>

#include <array>
#include <deque>
#include <limits>

#include "numbers.hpp"
#include "quotekit/normalize.hpp"
#include "wordbreak.hpp"

namespace quotekit {

std::string_view to_string(TokenKind kind) noexcept {
  switch (kind) {
    case TokenKind::word:
      return "word";
    case TokenKind::number:
      return "number";
    case TokenKind::punct:
      break;
  }
  return "punct";
}

namespace {

const char* stemmer_name(Lang lang) noexcept {
  switch (lang) {
    case Lang::en:
      return "english";
    case Lang::ru:
      return "russian";
    case Lang::tr:
      return "turkish";
    default:
      return nullptr;
  }
}

icu::Locale locale_of(Lang lang) {
  switch (lang) {
    case Lang::en:
      return icu::Locale("en");
    case Lang::ru:
      return icu::Locale("ru");
    case Lang::tr:
      return icu::Locale("tr");
    default:
      return icu::Locale::getRoot();
  }
}

// White space and invisible format characters between words: skipped, not tokens.
bool is_blank(std::string_view s) noexcept {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    const std::uint8_t b = p[i];
    if (b < 0x80) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != '\v') return false;
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
    if (!u_isUWhiteSpace(c) && !u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) return false;
  }
  return true;
}

// ---- the word-break scanner (UAX #29 as ICU 72 applies it, for the common scripts) ----
//
// ICU's BreakIterator costs ~15 ns a byte. For text made only of letters and digits of the
// alphabetic scripts below U+0800 (Latin, Greek, Cyrillic, Armenian, Arabic), ASCII punctuation,
// general punctuation (U+2000..U+206F) and white space, the word rules reduce to a few lines:
// letters/digits/underscore join (WB5, 8-10, 13a-b), a letter + (. ' ’) + letter joins (WB6-7),
// a digit + (. , ; ' ’) + digit joins (WB11-12), white space runs join (WB3d), CR LF joins. ICU
// tailors @ into ALetter and leaves ':' out of MidLetter. Anything else (combining marks, format
// characters, Hebrew, emoji, CJK, ...) is handed to ICU. tokenize_test.cpp checks that both agree.

enum WbClass : std::uint8_t {
  kUnsupported,  // needs ICU
  kOther,
  kLetter,     // ALetter (+ @)
  kDigit,      // Numeric
  kExtendNum,  // ExtendNumLet: _ and U+202F narrow no-break space (!)
  kMidNumLet,  // MidNumLet, Single_Quote: . ' ‘ ’ ․ — join letters and digits
  kMidNum,     // MidNum: , ; ⁄ — join digits only
  kSpace,      // WSegSpace
  kCR,
  kLF,  // LF and Newline (VT, FF, NEL, LS, PS)
};

constexpr std::uint32_t kWbTableSize = 0x800 + 0x70;

inline int wb_index(UChar32 c) noexcept {
  if (c >= 0 && c < 0x800) return c;
  if (c >= 0x2000 && c < 0x2070) return 0x800 + (c - 0x2000);
  return -1;
}

const std::array<WbClass, kWbTableSize>& wb_table() {
  static const std::array<WbClass, kWbTableSize> table = [] {
    std::array<WbClass, kWbTableSize> t{};
    for (std::uint32_t i = 0; i < kWbTableSize; ++i) {
      const UChar32 c = i < 0x800 ? static_cast<UChar32>(i) : static_cast<UChar32>(0x2000 + (i - 0x800));
      WbClass k = kUnsupported;
      if (c == '@') {
        k = kLetter;
      } else if (c == '"') {
        k = kOther;  // Double_Quote only matters next to Hebrew letters, which ICU handles
      } else if (!u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC)) {
        switch (u_getIntPropertyValue(c, UCHAR_WORD_BREAK)) {
          case U_WB_OTHER:
            k = kOther;
            break;
          case U_WB_ALETTER:
            k = kLetter;
            break;
          case U_WB_NUMERIC:
            k = kDigit;
            break;
          case U_WB_EXTENDNUMLET:
            k = kExtendNum;
            break;
          case U_WB_MIDNUMLET:
          case U_WB_SINGLE_QUOTE:
            k = kMidNumLet;
            break;
          case U_WB_MIDNUM:
            k = kMidNum;
            break;
          case U_WB_MIDLETTER:
            k = c == ':' ? kOther : kUnsupported;
            break;
          case U_WB_WSEGSPACE:
            k = kSpace;
            break;
          case U_WB_CR:
            k = kCR;
            break;
          case U_WB_LF:
          case U_WB_NEWLINE:
            k = kLF;
            break;
          default:
            break;
        }
      }
      t[i] = k;
    }
    return t;
  }();
  return table;
}

// The class of the code point at text[i] and its length in bytes.
[[gnu::always_inline]] inline WbClass wb_class(const std::array<WbClass, kWbTableSize>& table,
                                               std::string_view text, std::uint32_t i, std::uint32_t end,
                                               std::uint32_t& len) noexcept {
  const auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 < 0x80) {
    len = 1;
    return table[b0];
  }
  const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
  auto k = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(p, k, static_cast<int32_t>(end), c);
  len = static_cast<std::uint32_t>(k) - i;
  const int idx = wb_index(c);
  return idx < 0 ? kUnsupported : table[static_cast<std::size_t>(idx)];
}

inline bool is_wordish(WbClass c) noexcept { return c == kLetter || c == kDigit || c == kExtendNum; }

// Segments text[a, b), which starts at a boundary, until the first code point it cannot handle;
// returns that position (b if none). Segments next to that position may be wrong: the caller
// redoes them with ICU from the restart point before it.
std::uint32_t simple_segments(std::string_view text, std::uint32_t a, std::uint32_t b,
                              std::vector<detail::WordSegment>& out) {
  const auto& table = wb_table();
  std::uint32_t i = a;
  std::uint32_t len = 0;
  WbClass c = i < b ? wb_class(table, text, i, b, len) : kOther;
  while (i < b) {
    if (c == kUnsupported) return i;
    std::uint32_t j = i + len;
    std::int32_t status = UBRK_WORD_NONE;
    WbClass cj = j < b ? wb_class(table, text, j, b, len) : kOther;
    if (c == kCR) {
      if (cj == kLF && text[j] == '\n') {
        j += len;
        cj = j < b ? wb_class(table, text, j, b, len) : kOther;
      }
    } else if (c == kSpace) {
      while (j < b && cj == kSpace) {
        j += len;
        cj = j < b ? wb_class(table, text, j, b, len) : kOther;
      }
    } else if (is_wordish(c)) {
      WbClass last = c, before_last = kOther;
      std::uint32_t count = 1;
      while (j < b) {
        if (is_wordish(cj)) {
          before_last = last;
          last = cj;
          ++count;
          j += len;
          cj = j < b ? wb_class(table, text, j, b, len) : kOther;
          continue;
        }
        if ((cj == kMidNumLet || cj == kMidNum) && j + len < b) {
          std::uint32_t len2 = 0;
          const WbClass c2 = wb_class(table, text, j + len, b, len2);
          if ((last == kLetter && cj == kMidNumLet && c2 == kLetter) || (last == kDigit && c2 == kDigit)) {
            before_last = last;
            last = c2;
            count += 2;
            j += len + len2;
            cj = j < b ? wb_class(table, text, j, b, len) : kOther;
            continue;
          }
        }
        break;
      }
      if (count == 1) {
        status = c == kLetter ? UBRK_WORD_LETTER : c == kDigit ? UBRK_WORD_NUMBER : UBRK_WORD_NONE;
      } else if (last == kDigit || (last == kExtendNum && before_last == kDigit)) {
        status = UBRK_WORD_NUMBER;
      } else {
        status = UBRK_WORD_LETTER;
      }
    }
    out.push_back({i, j, status});
    i = j;
    c = cj;
  }
  return b;
}

// A position where a word boundary is certain and nothing before it matters: ASCII space or
// line feed before it, a supported non-space code point at it.
inline bool is_restart_point(std::string_view text, std::uint32_t p, std::uint32_t end) noexcept {
  const auto prev = static_cast<unsigned char>(text[p - 1]);
  if (prev != ' ' && prev != '\n') return false;
  std::uint32_t len = 0;
  const WbClass c = wb_class(wb_table(), text, p, end, len);
  return c != kUnsupported && c != kSpace && c != kCR && c != kLF;
}

// Everything the tokenizer derives from a folded word form, computed once per form.
struct LexEntry {
  std::string word;
  std::string stem;
  detail::NumberWord number;
  bool stop = false;
};

// Snowball is by far the most expensive step per word, and word frequencies are Zipfian: a
// bounded cache of folded word → stem, stop flag and number-word class pays for itself within a
// few sentences. Open addressing over XXH3 hashes: one probe, usually one cache line, per word.
class Lexicon {
 public:
  static constexpr std::size_t kLimit = 1 << 16;  // entries; then it starts over

  // The entry for `word`, or nullptr; `hash` receives the word's hash for insert().
  const LexEntry* find(std::string_view word, std::uint64_t& hash) const noexcept {
    hash = XXH3_64bits(word.data(), word.size());
    if (slots_.empty()) return nullptr;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.index == 0) return nullptr;
      if (s.hash == hash && entries_[s.index - 1].word == word) return &entries_[s.index - 1];
    }
  }

  const LexEntry& insert(std::uint64_t hash, LexEntry entry) {
    if (entries_.size() >= kLimit) {
      entries_.clear();
      slots_.assign(slots_.size(), Slot{});
    }
    if (2 * (entries_.size() + 1) > slots_.size()) grow();  // load factor ≤ 1/2
    entries_.push_back(std::move(entry));
    place(Slot{hash, static_cast<std::uint32_t>(entries_.size())});
    return entries_.back();
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t index = 0;  // 1-based into entries_; 0 = empty
  };

  void place(Slot s) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = s.hash & mask;
    while (slots_[i].index != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }

  void grow() {
    std::vector<Slot> old(std::max<std::size_t>(1024, slots_.size() * 2));
    old.swap(slots_);
    for (const Slot& s : old) {
      if (s.index != 0) place(s);
    }
  }

  std::vector<Slot> slots_;
  std::deque<LexEntry> entries_;  // stable addresses
};

constexpr std::uint32_t kPieceSize = 16 * 1024;

constexpr std::string_view kNarrowNbsp = "\u202F";

inline bool is_ascii_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// Whether a word or number segment holds a U+202F that is not a digit-group separator.
bool needs_nnbsp_split(std::string_view text, const detail::WordSegment& seg) noexcept {
  const std::string_view piece = text.substr(seg.start, seg.end - seg.start);
  for (std::size_t k = piece.find(kNarrowNbsp); k != std::string_view::npos;
       k = piece.find(kNarrowNbsp, k + 3)) {
    const bool between_digits = k > 0 && k + 3 < piece.size() && is_ascii_digit(piece[k - 1]) &&
                                is_ascii_digit(piece[k + 3]) && seg.status < UBRK_WORD_NUMBER_LIMIT;
    if (!between_digits) return true;
  }
  return false;
}

}  // namespace

namespace detail {

struct WordBreaker::Impl {
  std::unique_ptr<icu::BreakIterator> words;
  UText utext = UTEXT_INITIALIZER;

  explicit Impl(Lang lang) {
    UErrorCode status = U_ZERO_ERROR;
    words.reset(icu::BreakIterator::createWordInstance(locale_of(lang), status));
    if (U_FAILURE(status) || !words) {
      throw Error(std::string("cannot create the ICU word break iterator: ") + u_errorName(status));
    }
  }
  ~Impl() { utext_close(&utext); }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  void icu_segments(std::string_view text, std::uint32_t a, std::uint32_t b, std::vector<WordSegment>& out) {
    UErrorCode status = U_ZERO_ERROR;
    utext_openUTF8(&utext, text.data() + a, static_cast<int64_t>(b - a), &status);
    words->setText(&utext, status);
    if (U_FAILURE(status)) throw Error(std::string("ICU word break failed: ") + u_errorName(status));
    int32_t p = words->first();
    for (int32_t q = words->next(); q != icu::BreakIterator::DONE; p = q, q = words->next()) {
      out.push_back(
          {a + static_cast<std::uint32_t>(p), a + static_cast<std::uint32_t>(q), words->getRuleStatus()});
    }
  }
};

WordBreaker::WordBreaker(Lang lang) : impl_(std::make_unique<Impl>(lang)) {}
WordBreaker::~WordBreaker() = default;

void WordBreaker::segments(std::string_view text, Span span, std::vector<WordSegment>& out, bool fast_path) {
  if (span.start > span.end || span.end > text.size()) {
    throw Error("word segmentation: span [" + std::to_string(span.start) + ", " + std::to_string(span.end) +
                ") lies outside the text of " + std::to_string(text.size()) + " bytes");
  }
  if (!fast_path) {
    if (!span.empty()) impl_->icu_segments(text, span.start, span.end, out);
    return;
  }
  std::uint32_t p = span.start;
  while (p < span.end) {
    const std::size_t mark = out.size();
    const std::uint32_t q = simple_segments(text, p, span.end, out);
    if (q == span.end) return;
    // Redo [s, t) with ICU: from the last restart point at or before the unsupported code point
    // to the first one after it.
    std::uint32_t s = q;
    while (s > p && !is_restart_point(text, s, span.end)) --s;
    std::uint32_t t = q + 1;
    while (t < span.end && !is_restart_point(text, t, span.end)) ++t;
    std::size_t keep = out.size();
    while (keep > mark && out[keep - 1].start >= s) --keep;
    out.resize(keep);
    impl_->icu_segments(text, s, t, out);
    p = t;
  }
}

}  // namespace detail

struct Tokenizer::Impl {
  Lang lang;
  Normalizer normalizer;
  detail::WordBreaker breaker;
  sb_stemmer* stemmer = nullptr;
  Lexicon lexicon;
  std::vector<detail::WordSegment> segments;  // scratch, reused
  std::vector<detail::WordSegment> pieces;    // scratch, reused
  std::vector<detail::NumberWord> numbers;    // scratch, reused

  explicit Impl(Lang l) : lang(l), normalizer(l), breaker(l) {
    if (const char* name = stemmer_name(l)) {
      stemmer = sb_stemmer_new(name, "UTF_8");
      if (!stemmer) throw Error(std::string("libstemmer has no '") + name + "' stemmer");
    }
  }
  ~Impl() { sb_stemmer_delete(stemmer); }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  // Snowball stem of a folded word. Turkish suffixes after an apostrophe (Türkiye'nin,
  // Azerbaycan'ın) are inflections of a proper name: the part before it is stemmed instead.
  std::string snowball(std::string_view word) {
    if (!stemmer) return std::string(word);
    if (lang == Lang::tr) {
      const std::size_t apo = word.find('\'');
      if (apo != std::string_view::npos && apo > 0) word = word.substr(0, apo);
    }
    const sb_symbol* s = sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(word.data()),
                                         static_cast<int>(word.size()));
    if (!s) throw std::bad_alloc();
    return std::string(reinterpret_cast<const char*>(s),
                       static_cast<std::size_t>(sb_stemmer_length(stemmer)));
  }

  // Appends the token of one segment (nothing for white space or invisible characters).
  void add_token(std::string_view text, const detail::WordSegment& seg, std::vector<Token>& out) {
    const std::string_view piece = text.substr(seg.start, seg.end - seg.start);
    TokenKind kind;
    if (seg.status >= UBRK_WORD_NUMBER && seg.status < UBRK_WORD_NUMBER_LIMIT) {
      kind = TokenKind::number;
    } else if (seg.status >= UBRK_WORD_LETTER) {
      kind = TokenKind::word;
    } else {
      if (is_blank(piece)) return;
      kind = TokenKind::punct;
    }
    Token& t = out.emplace_back();
    t.span = Span{seg.start, seg.end};
    t.kind = kind;
    normalizer.fold(piece, t.norm);
    if (t.norm.empty()) {  // only invisible characters
      out.pop_back();
      return;
    }
    if (kind == TokenKind::word) {
      const LexEntry& e = lookup(t.norm);
      t.stem = e.stem;
      t.stop = e.stop;
      numbers.push_back(e.number);
    } else {
      numbers.push_back({});
    }
  }

  const LexEntry& lookup(std::string_view word) {
    std::uint64_t hash = 0;
    if (const LexEntry* e = lexicon.find(word, hash)) return *e;
    return lexicon.insert(hash, LexEntry{std::string(word), snowball(word), detail::number_word(word, lang),
                                         is_stopword(lang, word)});
  }
};

Tokenizer::Tokenizer(Lang lang) : impl_(std::make_unique<Impl>(lang)) {}
Tokenizer::~Tokenizer() = default;
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;

Lang Tokenizer::lang() const noexcept { return impl_->lang; }

std::string Tokenizer::stem(std::string_view folded_word) const { return impl_->lookup(folded_word).stem; }

std::vector<Token> Tokenizer::tokenize(std::string_view text) const {
  if (text.size() > std::numeric_limits<std::uint32_t>::max()) {
    throw InputError("", kNoOffset, "text longer than 4 GiB", "split the input into smaller documents");
  }
  std::vector<Token> out;
  out.reserve(text.size() / 5 + 1);
  tokenize(text, Span{0, static_cast<std::uint32_t>(text.size())}, out);
  return out;
}

void Tokenizer::tokenize(std::string_view text, Span span, std::vector<Token>& out) const {
  if (span.start > span.end || span.end > text.size()) {
    throw Error("Tokenizer::tokenize: span [" + std::to_string(span.start) + ", " + std::to_string(span.end) +
                ") lies outside the text of " + std::to_string(text.size()) + " bytes");
  }
  Impl& m = *impl_;
  m.numbers.clear();
  const std::size_t first = out.size();
  // Long spans are segmented piece by piece, cut at restart points (where the word break is
  // certain and context-free), so the segment scratch stays small and in cache.
  for (std::uint32_t p = span.start; p < span.end;) {
    std::uint32_t q = span.end;
    if (span.end - p > kPieceSize) {
      q = p + kPieceSize;
      while (q < span.end && !is_restart_point(text, q, span.end)) ++q;
    }
    m.segments.clear();
    m.breaker.segments(text, Span{p, q}, m.segments);
    p = q;
    for (const detail::WordSegment& seg : m.segments) {
      if (seg.status >= UBRK_WORD_NUMBER && needs_nnbsp_split(text, seg)) {
        // U+202F NARROW NO-BREAK SPACE is ExtendNumLet, so ICU glues it to the words around it
        // ("–\u202FI have" gives the word "\u202FI"). It is a space: cut there and segment the
        // pieces on their own. Between digits it stays, as a group separator ("100\u202F000").
        m.pieces.clear();
        std::uint32_t a = seg.start;
        for (std::uint32_t k = seg.start; k + 3 <= seg.end;) {
          if (text.compare(k, 3, kNarrowNbsp) == 0) {
            if (k > a) m.breaker.segments(text, Span{a, k}, m.pieces);
            k += 3;
            a = k;
          } else {
            ++k;
          }
        }
        if (seg.end > a) m.breaker.segments(text, Span{a, seg.end}, m.pieces);
        for (const detail::WordSegment& sub : m.pieces) m.add_token(text, sub, out);
        continue;
      }
      m.add_token(text, seg, out);
    }
  }
  detail::merge_numbers(text, m.lang, out, first, m.numbers.data());
  for (std::size_t i = first; i < out.size(); ++i) {
    Token& t = out[i];
    if (t.kind != TokenKind::word && t.stem.empty()) t.stem = t.norm;
  }
}

}  // namespace quotekit
