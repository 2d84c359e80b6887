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

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <array>
#include <cstring>
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

inline bool is_wordish(WbClass c) noexcept { return c == kLetter || c == kDigit || c == kExtendNum; }

// Whether each byte is an ASCII letter, digit, '_' or '@' (false for bytes ≥ 0x80).
const std::array<bool, 256>& ascii_word_table() {
  static const std::array<bool, 256> table = [] {
    std::array<bool, 256> t{};
    for (std::size_t b = 0; b < 0x80; ++b) t[b] = is_wordish(wb_table()[b]);
    return t;
  }();
  return table;
}

// Whether the SIMD test in word_run_end() below agrees with the table for every ASCII byte:
// letters, digits, '_' and '@'. Checked once; if ICU's data ever says otherwise, the scalar
// loop runs instead.
#if defined(__SSE2__)
bool simd_word_test_matches() {
  static const bool ok = [] {
    for (unsigned b = 0; b < 256; ++b) {
      const unsigned lower = b | 0x20;
      const bool simd =
          (b >= '0' && b <= '9') || (b < 0x80 && lower >= 'a' && lower <= 'z') || b == '_' || b == '@';
      if (simd != ascii_word_table()[b]) return false;
    }
    return true;
  }();
  return ok;
}
#endif

// The end of the run of ASCII letters, digits, '_' and '@' that starts at k, at most `end`. Words end
// at unpredictable places, which costs the byte loop a mispredicted branch per word; 16 bytes
// at a time, the end is a bit scan. Reads up to text.size(), never past it.
inline std::uint32_t word_run_end(std::string_view text, std::uint32_t k, std::uint32_t end,
                                  const std::array<bool, 256>& ascii_word, bool simd) noexcept {
#if defined(__SSE2__)
  if (simd) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    while (k + 16 <= text.size()) {
      const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + k));
      const __m128i lower = _mm_or_si128(x, _mm_set1_epi8(0x20));
      const __m128i alpha = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                                          _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
      const __m128i digit =
          _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(x, _mm_set1_epi8('9' + 1)));
      const __m128i other =
          _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('_')), _mm_cmpeq_epi8(x, _mm_set1_epi8('@')));
      const auto word =
          static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(alpha, digit), other)));
      if (word != 0xFFFF) return std::min(end, k + static_cast<std::uint32_t>(__builtin_ctz(~word)));
      k += 16;
      if (k >= end) return end;
    }
  }
#else
  (void)simd;
#endif
  while (k < end && ascii_word[static_cast<unsigned char>(text[k])]) ++k;
  return k;
}

// The class of the code point at text[i] and its length in bytes.
[[gnu::noinline]] WbClass wb_class_slow(const std::array<WbClass, kWbTableSize>& table, std::string_view text,
                                        std::uint32_t i, std::uint32_t end, std::uint32_t& len) noexcept {
  const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
  auto k = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(p, k, static_cast<int32_t>(end), c);
  len = static_cast<std::uint32_t>(k) - i;
  const int idx = wb_index(c);
  return idx < 0 ? kUnsupported : table[static_cast<std::size_t>(idx)];
}

[[gnu::always_inline]] inline WbClass wb_class(const std::array<WbClass, kWbTableSize>& table,
                                               std::string_view text, std::uint32_t i, std::uint32_t end,
                                               std::uint32_t& len) noexcept {
  const auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 < 0x80) {
    len = 1;
    return table[b0];
  }
  if (b0 >= 0xC2 && b0 < 0xE0 && i + 1 < end) {  // two bytes: Latin, Greek, Cyrillic, ...
    const auto b1 = static_cast<unsigned char>(text[i + 1]);
    if ((b1 & 0xC0) == 0x80) {
      len = 2;
      return table[static_cast<std::size_t>((b0 & 0x1F) << 6 | (b1 & 0x3F))];  // < 0x800
    }
  }
  return wb_class_slow(table, text, i, end, len);
}

// Segments text[a, b), which starts at a boundary, until the first code point it cannot handle;
// returns that position (b if none). Segments next to that position may be wrong: the caller
// redoes them with ICU from the restart point before it. skip_gaps: see WordBreaker::segments.
std::uint32_t simple_segments(std::string_view text, std::uint32_t a, std::uint32_t b,
                              std::vector<detail::WordSegment>& out, bool skip_gaps) {
  const auto& table = wb_table();
  const auto& ascii_word = ascii_word_table();
#if defined(__SSE2__)
  const bool simd = simd_word_test_matches();
#else
  const bool simd = false;
#endif
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
      if (skip_gaps && j == i + 1 && text[i] == ' ') {
        i = j;
        c = cj;
        continue;
      }
    } else if (is_wordish(c)) {
      WbClass last = c, before_last = kOther;
      std::uint32_t count = 1;
      while (j < b) {
        if (is_wordish(cj)) {
          // Most words are runs of ASCII letters: take them in a tight loop.
          std::uint32_t k = j + len;
          if (len == 1) {
            k = word_run_end(text, k, b, ascii_word, simd);
          }
          if (k - j >= 2 && len == 1) {  // at least two ASCII code points
            before_last = table[static_cast<unsigned char>(text[k - 2])];
            last = table[static_cast<unsigned char>(text[k - 1])];
            count += k - j;
          } else {
            before_last = last;
            last = cj;
            ++count;
          }
          j = k;
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

// Everything the tokenizer derives from a segment's text and kind: the token it becomes, or
// that it becomes none.
struct Form {
  TokenKind kind = TokenKind::word;
  bool stop = false;
  bool skip = false;   // white space or only invisible characters: no token
  bool split = false;  // holds a U+202F that is a space: cut there and segment again
  std::string norm;
  std::string stem;  // == norm for numbers and punctuation
  detail::NumberWord number;
};

inline std::uint64_t load8(const char* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline std::uint32_t load4(const char* p) noexcept {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// A 64-bit hash of s. Words are short: up to 16 bytes they are read as two (overlapping) words
// and mixed inline, which costs a fraction of a call to XXH3.
inline std::uint64_t hash_bytes(std::string_view s) noexcept {
  const std::size_t n = s.size();
  const char* p = s.data();
  std::uint64_t a = 0;
  std::uint64_t b = 0;
  if (n >= 8) {
    if (n > 16) return XXH3_64bits(p, n);
    a = load8(p);
    b = load8(p + n - 8);
  } else if (n >= 4) {
    a = load4(p);
    b = load4(p + n - 4);
  } else if (n > 0) {
    a = static_cast<unsigned char>(p[0]) |
        static_cast<std::uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8 |
        static_cast<std::uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16;
  }
  std::uint64_t h = (a ^ 0x9E3779B97F4A7C15ULL) * 0xBF58476D1CE4E5B9ULL;
  h ^= (b + n) * 0x94D049BB133111EBULL;
  h ^= h >> 31;
  h *= 0xD6E8FEB86659FD93ULL;
  return h ^ (h >> 32);
}

// a == b, without a call to memcmp for the short strings that words are.
inline bool same_bytes(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const char* x = a.data();
  const char* y = b.data();
  if (n >= 8) {
    if (n > 16) return std::memcmp(x, y, n) == 0;
    return load8(x) == load8(y) && load8(x + n - 8) == load8(y + n - 8);  // overlapping halves
  }
  if (n >= 4) return load4(x) == load4(y) && load4(x + n - 4) == load4(y + n - 4);
  for (std::size_t k = 0; k < n; ++k) {
    if (x[k] != y[k]) return false;
  }
  return true;
}

// Snowball is by far the most expensive step per word, and word frequencies are Zipfian: a
// bounded cache of folded word → stem, stop flag and number word pays for itself within a few
// sentences. Open addressing over 64-bit hashes. Entries live in a vector: a reference returned
// by find() or insert() is valid until the next insert().
class Lexicon {
 public:
  static constexpr std::size_t kLimit = 1 << 16;  // entries; then it starts over

  const LexEntry* find(std::uint64_t hash, std::string_view word) const noexcept {
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
  std::vector<LexEntry> entries_;
};

// The forms of segments seen before: raw text and kind → the token (or none). Keyed by the raw
// text, so a repeated word costs one hash and one comparison: no folding, no stemming. Built
// for the cache: a slot is 16 bytes and holds everything but the text, and the text of a form
// (raw, norm, stem) is contiguous in one byte arena, so a look-up touches two cache lines.
class FormCache {
 public:
  static constexpr std::size_t kLimit = 1 << 16;  // forms; then it starts over

  struct Slot {
    std::uint32_t tag = 0;  // the hash's upper half
    std::uint32_t at = 0;   // raw, norm and stem in bytes_
    std::uint8_t raw_len = 0;
    std::uint8_t norm_len = 0;
    std::uint8_t stem_len = 0;
    std::uint8_t flags = 0;    // 0: empty slot
    std::uint32_t number = 0;  // 1-based into numbers_; 0: not a number word
  };
  enum : std::uint8_t { kUsed = 1, kStop = 2, kSkip = 4, kSplit = 8, kKindShift = 4 };

  std::string_view raw(const Slot& s) const noexcept { return {bytes_.data() + s.at, s.raw_len}; }
  std::string_view norm(const Slot& s) const noexcept {
    return {bytes_.data() + s.at + s.raw_len, s.norm_len};
  }
  std::string_view stem(const Slot& s) const noexcept {
    return {bytes_.data() + s.at + s.raw_len + s.norm_len, s.stem_len};
  }
  const detail::NumberWord& number(const Slot& s) const noexcept {
    static const detail::NumberWord none{};
    return s.number == 0 ? none : numbers_[s.number - 1];
  }

  [[gnu::always_inline]] const Slot* find(std::uint64_t hash, std::string_view raw,
                                          TokenKind kind) const noexcept {
    if (slots_.empty()) return nullptr;
    const std::size_t mask = slots_.size() - 1;
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    const std::uint8_t kind_bits = static_cast<std::uint8_t>(static_cast<unsigned>(kind) << kKindShift);
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.flags == 0) return nullptr;
      if (s.tag == tag && (s.flags & 0xF0) == kind_bits && same_bytes(this->raw(s), raw)) return &s;
    }
  }

  // Stores a form, unless a text is too long for the byte lengths of a slot (then the caller
  // works it out again each time it meets it).
  void insert(std::uint64_t hash, std::string_view raw, const Form& f) {
    if (raw.size() > 255 || f.norm.size() > 255 || f.stem.size() > 255) return;
    if (count_ >= kLimit) {
      slots_.assign(slots_.size(), Slot{});
      bytes_.clear();
      numbers_.clear();
      count_ = 0;
    }
    if (5 * (count_ + 1) > 4 * slots_.size()) grow();  // load factor ≤ 4/5: a smaller table stays in cache
    Slot s;
    s.tag = static_cast<std::uint32_t>(hash >> 32);
    s.at = static_cast<std::uint32_t>(bytes_.size());
    s.raw_len = static_cast<std::uint8_t>(raw.size());
    s.norm_len = static_cast<std::uint8_t>(f.norm.size());
    s.stem_len = static_cast<std::uint8_t>(f.stem.size());
    s.flags = static_cast<std::uint8_t>(kUsed | (f.stop ? kStop : 0) | (f.skip ? kSkip : 0) |
                                        (f.split ? kSplit : 0) | static_cast<unsigned>(f.kind) << kKindShift);
    if (f.number.cls != detail::NumClass::none) {
      numbers_.push_back(f.number);
      s.number = static_cast<std::uint32_t>(numbers_.size());
    }
    bytes_.append(raw).append(f.norm).append(f.stem);
    ++count_;
    place(hash, s);
  }

 private:
  void place(std::uint64_t hash, const Slot& s) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = hash & mask;
    while (slots_[i].flags != 0) i = (i + 1) & mask;
    slots_[i] = s;
  }

  void grow() {
    std::vector<Slot> old(std::max<std::size_t>(1024, slots_.size() * 2));
    old.swap(slots_);
    for (const Slot& s : old) {
      if (s.flags != 0) place(rehash(s), s);
    }
  }

  std::uint64_t rehash(const Slot& s) const noexcept { return hash_bytes(raw(s)); }

  std::vector<Slot> slots_;
  std::string bytes_;
  std::vector<detail::NumberWord> numbers_;
  std::size_t count_ = 0;
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

  void icu_segments(std::string_view text, std::uint32_t a, std::uint32_t b, std::vector<WordSegment>& out,
                    bool skip_gaps) {
    UErrorCode status = U_ZERO_ERROR;
    utext_openUTF8(&utext, text.data() + a, static_cast<int64_t>(b - a), &status);
    words->setText(&utext, status);
    if (U_FAILURE(status)) throw Error(std::string("ICU word break failed: ") + u_errorName(status));
    int32_t p = words->first();
    for (int32_t q = words->next(); q != icu::BreakIterator::DONE; p = q, q = words->next()) {
      if (skip_gaps && q == p + 1 && text[a + static_cast<std::uint32_t>(p)] == ' ') continue;
      out.push_back(
          {a + static_cast<std::uint32_t>(p), a + static_cast<std::uint32_t>(q), words->getRuleStatus()});
    }
  }
};

WordBreaker::WordBreaker(Lang lang) : impl_(std::make_unique<Impl>(lang)) {}
WordBreaker::~WordBreaker() = default;

void WordBreaker::segments(std::string_view text, Span span, std::vector<WordSegment>& out, bool fast_path,
                           bool skip_gaps) {
  if (span.start > span.end || span.end > text.size()) {
    throw Error("word segmentation: span [" + std::to_string(span.start) + ", " + std::to_string(span.end) +
                ") lies outside the text of " + std::to_string(text.size()) + " bytes");
  }
  if (!fast_path) {
    if (!span.empty()) impl_->icu_segments(text, span.start, span.end, out, skip_gaps);
    return;
  }
  std::uint32_t p = span.start;
  while (p < span.end) {
    const std::size_t mark = out.size();
    const std::uint32_t q = simple_segments(text, p, span.end, out, skip_gaps);
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
    impl_->icu_segments(text, s, t, out, skip_gaps);
    p = t;
  }
}

}  // namespace detail

struct Tokenizer::Impl {
  Lang lang;
  Normalizer normalizer;
  detail::WordBreaker breaker;
  sb_stemmer* stemmer = nullptr;
  Lexicon lexicon;                            // folded word → stem, stop flag, number word
  FormCache forms;                            // raw text and kind → token
  std::vector<detail::WordSegment> segments;  // scratch, reused
  std::vector<detail::WordSegment> pieces;    // scratch, reused
  std::vector<detail::NumberWord> numbers;    // scratch, reused
  // The first token that may start a number (a number or a number word), or kNone; `numbers`
  // holds number_word() of the tokens from there on.
  static constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  std::size_t number_from = kNone;

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

  const LexEntry& lookup(std::string_view word) {
    const std::uint64_t hash = hash_bytes(word);
    if (const LexEntry* e = lexicon.find(hash, word)) return *e;
    return lexicon.insert(hash, LexEntry{std::string(word), snowball(word), detail::number_word(word, lang),
                                         is_stopword(lang, word)});
  }

  // The form of a segment seen for the first time.
  Form make_form(std::string_view text, const detail::WordSegment& seg, TokenKind kind) {
    const std::string_view piece = text.substr(seg.start, seg.end - seg.start);
    Form f;
    f.kind = kind;
    if (kind != TokenKind::punct) {
      f.split = needs_nnbsp_split(text, seg);
      if (f.split) return f;
    } else if (is_blank(piece)) {
      f.skip = true;
      return f;
    }
    normalizer.fold(piece, f.norm);
    if (f.norm.empty()) {  // only invisible characters
      f.skip = true;
      return f;
    }
    if (kind == TokenKind::word) {
      const LexEntry& e = lookup(f.norm);
      f.stem = e.stem;
      f.stop = e.stop;
      f.number = e.number;
    } else {
      f.stem = f.norm;
    }
    return f;
  }

  // Appends the token of one segment (nothing for white space or invisible characters).
  [[gnu::always_inline]] inline void add_token(std::string_view text, const detail::WordSegment& seg,
                                               std::vector<Token>& out) {
    TokenKind kind;
    if (seg.status >= UBRK_WORD_NUMBER && seg.status < UBRK_WORD_NUMBER_LIMIT) {
      kind = TokenKind::number;
    } else if (seg.status >= UBRK_WORD_LETTER) {
      kind = TokenKind::word;
    } else {
      kind = TokenKind::punct;
    }
    const std::string_view piece = text.substr(seg.start, seg.end - seg.start);
    const std::uint64_t hash = hash_bytes(piece);
    const FormCache::Slot* f = forms.find(hash, piece, kind);
    if (f == nullptr) {
      add_new_form(hash, text, seg, kind, out);
      return;
    }
    if ((f->flags & (FormCache::kSkip | FormCache::kSplit)) != 0) {
      if ((f->flags & FormCache::kSplit) != 0) split_at_nnbsp(text, seg, out);
      return;
    }
    emit(seg, kind, (f->flags & FormCache::kStop) != 0, forms.norm(*f), forms.stem(*f), forms.number(*f),
         out);
  }

  // Appends a token with these fields (copied: Token owns its strings).
  [[gnu::always_inline]] inline void emit(const detail::WordSegment& seg, TokenKind kind, bool stop,
                                          std::string_view norm, std::string_view stem,
                                          const detail::NumberWord& number, std::vector<Token>& out) {
    if (number_from == kNone && (kind == TokenKind::number || number.cls != detail::NumClass::none)) {
      number_from = out.size();
    }
    Token& t = out.emplace_back();
    t.span = Span{seg.start, seg.end};
    t.kind = kind;
    t.stop = stop;
    t.norm.append(norm.data(), norm.size());  // append: much lighter than assign's _M_replace
    t.stem.append(stem.data(), stem.size());
    if (number_from != kNone) numbers.push_back(number);
  }

  // A segment whose form is not cached yet: work it out, cache it (unless it is too long) and
  // add its token.
  [[gnu::noinline]] void add_new_form(std::uint64_t hash, std::string_view text,
                                      const detail::WordSegment& seg, TokenKind kind,
                                      std::vector<Token>& out) {
    const Form f = make_form(text, seg, kind);
    forms.insert(hash, text.substr(seg.start, seg.end - seg.start), f);
    if (f.skip) return;
    if (f.split) {
      split_at_nnbsp(text, seg, out);
      return;
    }
    emit(seg, kind, f.stop, f.norm, f.stem, f.number, out);
  }

  // U+202F NARROW NO-BREAK SPACE is ExtendNumLet, so ICU glues it to the words around it
  // ("–\u202FI have" gives the word "\u202FI"). It is a space: cut there and segment the pieces
  // on their own. Between digits it stays, as a group separator ("100\u202F000").
  [[gnu::noinline]] void split_at_nnbsp(std::string_view text, const detail::WordSegment& seg,
                                        std::vector<Token>& out) {
    pieces.clear();
    std::uint32_t a = seg.start;
    for (std::uint32_t k = seg.start; k + 3 <= seg.end;) {
      if (text.compare(k, 3, kNarrowNbsp) == 0) {
        if (k > a) breaker.segments(text, Span{a, k}, pieces, true, true);
        k += 3;
        a = k;
      } else {
        ++k;
      }
    }
    if (seg.end > a) breaker.segments(text, Span{a, seg.end}, pieces, true, true);
    // The pieces hold no U+202F, so add_token() does not come back here.
    for (const detail::WordSegment& sub : pieces) add_token(text, sub, out);
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
  m.number_from = Impl::kNone;
  // Long spans are segmented piece by piece, cut at restart points (where the word break is
  // certain and context-free), so the segment scratch stays small and in cache.
  for (std::uint32_t p = span.start; p < span.end;) {
    std::uint32_t q = span.end;
    if (span.end - p > kPieceSize) {
      q = p + kPieceSize;
      while (q < span.end && !is_restart_point(text, q, span.end)) ++q;
    }
    m.segments.clear();
    m.breaker.segments(text, Span{p, q}, m.segments, true, true);
    p = q;
    for (const detail::WordSegment& seg : m.segments) m.add_token(text, seg, out);
  }
  // Only a number token or a number word can start a number phrase: without one, nothing merges.
  if (m.number_from < out.size()) detail::merge_numbers(text, m.lang, out, m.number_from, m.numbers.data());
}

}  // namespace quotekit
