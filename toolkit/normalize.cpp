// normalize.cpp — NFKC + language-aware case folding + canonical punctuation, with an offset map.
//
// How it works. The input is cut into chunks at NFKC boundaries (Normalizer2::hasBoundaryBefore
// of both the NFKC and the NFKC_Casefold instances), so each chunk normalizes independently of its
// neighbours; every output byte of a chunk maps to the chunk's first input byte. A chunk goes
// through: punctuation/space unification and removal of default-ignorable characters → NFKC →
// (when folding) İ→i, and I→ı under Turkish → NFKC_Casefold → ё→е and punctuation again →
// (optionally) transliteration to Latin.
//
// Speed. Nearly every chunk is a single code point, so the results for U+0000..U+07FF (ASCII,
// Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic) and U+2000..U+206F (general punctuation) are
// precomputed once per configuration in a table shared by all Normalizers; ICU is only called for
// other code points and for multi-code-point chunks (base letter + combining marks). fold() on
// pure-ASCII input never looks at the table.
#include "quotekit/normalize.hpp"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <mutex>

namespace quotekit {

namespace {

using icu::UnicodeString;

struct Config {
  Lang lang = Lang::unknown;
  bool fold = true;
  bool yo = true;
  bool translit = false;

  int key() const noexcept {
    return static_cast<int>(lang) * 8 + (fold ? 4 : 0) + (yo ? 2 : 0) + (translit ? 1 : 0);
  }
};
constexpr int kConfigCount = 5 * 8;

// ---- character classes of the canonical punctuation ----

// Always a double quote.
bool is_quote(UChar32 c) noexcept {
  switch (c) {
    case 0x0022:  // "
    case 0x00AB:  // «
    case 0x00BB:  // »
    case 0x201C:  // “
    case 0x201D:  // ”
    case 0x201E:  // „
    case 0x201F:  // ‟
    case 0x2033:  // ″ (NFKC would make it two primes)
    case 0x2036:  // ‶
    case 0x2039:  // ‹
    case 0x203A:  // ›
    case 0x275D:  // ❝
    case 0x275E:  // ❞
    case 0x2E42:  // ⹂
    case 0x301D:  // 〝
    case 0x301E:  // 〞
    case 0x301F:  // 〟
    case 0xFF02:  // ＂
      return true;
    default:
      return false;
  }
}

// Single quotes and look-alikes: an apostrophe between two letters (Azerbaijan’s, don’t,
// Türkiye’nin), a double quote anywhere else. ASCII ' is left alone (it is far more often an
// apostrophe than a quote).
bool is_apostrophe_like(UChar32 c) noexcept {
  switch (c) {
    case 0x0060:  // `
    case 0x00B4:  // ´ (NFKC would make it space + combining acute)
    case 0x2018:  // ‘
    case 0x2019:  // ’
    case 0x201A:  // ‚
    case 0x201B:  // ‛
    case 0x2032:  // ′
    case 0xFF40:  // ｀
      return true;
    default:
      return false;
  }
}

// Letters that are apostrophes by nature.
bool is_apostrophe_letter(UChar32 c) noexcept { return c == 0x02BC || c == 0x02BB; }  // ʼ ʻ

bool is_dash(UChar32 c) noexcept {
  switch (c) {
    case 0x058A:  // Armenian hyphen
    case 0x2010:  // ‐
    case 0x2011:  // non-breaking hyphen
    case 0x2012:  // ‒
    case 0x2013:  // –
    case 0x2014:  // —
    case 0x2015:  // ―
    case 0x2043:  // ⁃
    case 0x2212:  // −
    case 0x2E3A:  // ⸺
    case 0x2E3B:  // ⸻
    case 0xFE58:  // ﹘
    case 0xFE63:  // ﹣
    case 0xFF0D:  // －
      return true;
    default:
      return false;
  }
}

bool is_letter(UChar32 c) noexcept { return c >= 0 && u_isalpha(c); }

bool is_ignorable(UChar32 c) noexcept {
  return c >= 0x80 && u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

// The canonical replacement of one code point in context, or -1 to keep it, or -2 to drop it.
UChar32 canonical_char(UChar32 c, UChar32 left, UChar32 right) noexcept {
  if (c < 0x80) {
    if (c == '`') return is_letter(left) && is_letter(right) ? '\'' : '"';
    return -1;
  }
  if (is_quote(c)) return '"';
  if (is_apostrophe_like(c)) return is_letter(left) && is_letter(right) ? '\'' : '"';
  if (is_apostrophe_letter(c)) return '\'';
  if (is_dash(c)) return '-';
  if (u_charType(c) == U_SPACE_SEPARATOR) return ' ';
  if (is_ignorable(c)) return -2;
  return -1;
}

// Applies canonical_char over a UTF-16 string; `left`/`right` are the neighbours outside it.
void canonicalize(const UnicodeString& in, UnicodeString& out, UChar32 left, UChar32 right) {
  out.remove();
  const int32_t n = in.length();
  UChar32 prev = left;
  for (int32_t i = 0; i < n;) {
    const UChar32 c = in.char32At(i);
    const int32_t next_i = in.moveIndex32(i, 1);
    const UChar32 next = next_i < n ? in.char32At(next_i) : right;
    const UChar32 r = canonical_char(c, prev, next);
    if (r == -1) {
      out.append(c);
    } else if (r >= 0) {
      out.append(r);
    }
    prev = c;
    i = next_i;
  }
}

// Russian-specific Latin letters (a simple, reversible-enough scheme close to the English press
// spelling: Алиев → aliev, Пашинян → pashinyan, Ильхам → ilkham). Soft and hard signs vanish so
// that names compare without apostrophes. Other Cyrillic letters and other scripts go through
// ICU's Any-Latin, then everything through Latin-ASCII.
constexpr std::array<std::pair<const char*, const char*>, 33> kRussianLatin = {{
    {"а", "a"},  {"б", "b"},  {"в", "v"},  {"г", "g"},  {"д", "d"},  {"е", "e"},    {"ё", "e"},
    {"ж", "zh"}, {"з", "z"},  {"и", "i"},  {"й", "y"},  {"к", "k"},  {"л", "l"},    {"м", "m"},
    {"н", "n"},  {"о", "o"},  {"п", "p"},  {"р", "r"},  {"с", "s"},  {"т", "t"},    {"у", "u"},
    {"ф", "f"},  {"х", "kh"}, {"ц", "ts"}, {"ч", "ch"}, {"ш", "sh"}, {"щ", "shch"}, {"ъ", ""},
    {"ы", "y"},  {"ь", ""},   {"э", "e"},  {"ю", "yu"}, {"я", "ya"},
}};

std::unique_ptr<icu::Transliterator> make_transliterator(bool lower) {
  UnicodeString rules;
  for (const auto& [cyr, lat] : kRussianLatin) {
    const UnicodeString lc = UnicodeString::fromUTF8(cyr);
    UnicodeString uc = lc;
    uc.toUpper(icu::Locale::getRoot());
    const UnicodeString l = UnicodeString::fromUTF8(lat);
    UnicodeString u = l;
    if (u.length() > 0) u.replace(0, 1, u_toupper(u.charAt(0)));  // Щ → Shch
    // An empty right-hand side must stay unquoted: '' in ICU rules is a literal apostrophe.
    const UnicodeString ql = l.length() ? u"'" + l + u"'" : UnicodeString();
    const UnicodeString qu = u.length() ? u"'" + u + u"'" : UnicodeString();
    rules += lc + u" > " + ql + u";\n";
    rules += uc + u" > " + qu + u";\n";
  }
  rules += u"::Any-Latin;\n::Latin-ASCII;\n";
  if (lower) rules += u"::Lower;\n";
  UErrorCode status = U_ZERO_ERROR;
  UParseError perr{};
  std::unique_ptr<icu::Transliterator> t(
      icu::Transliterator::createFromRules("quotekit-Latin", rules, UTRANS_FORWARD, perr, status));
  if (U_FAILURE(status) || !t) {
    throw Error(std::string("cannot create the ICU transliterator: ") + u_errorName(status));
  }
  return t;
}

const icu::Normalizer2& nfkc() {
  static const icu::Normalizer2* n = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* p = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) throw Error(std::string("ICU NFKC data unavailable: ") + u_errorName(status));
    return p;
  }();
  return *n;
}

const icu::Normalizer2& nfkc_casefold() {
  static const icu::Normalizer2* n = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* p = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status)) {
      throw Error(std::string("ICU NFKC_Casefold data unavailable: ") + u_errorName(status));
    }
    return p;
  }();
  return *n;
}

bool has_boundary_before(UChar32 c) {
  return nfkc().hasBoundaryBefore(c) && nfkc_casefold().hasBoundaryBefore(c);
}

// ---- the per-chunk pipeline (the slow path, also used to build the tables) ----

struct Scratch {
  UnicodeString a, b;
};

void append_utf8(const UnicodeString& s, std::string& out) {
  const int32_t n = s.length();
  for (int32_t i = 0; i < n;) {
    UChar32 c = s.char32At(i);
    i = s.moveIndex32(i, 1);
    if (U_IS_SURROGATE(c)) c = 0xFFFD;  // unpaired: not representable in UTF-8
    char buf[4];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, c);
    out.append(buf, static_cast<std::size_t>(len));
  }
}

void process_chunk(const Config& cfg, icu::Transliterator* tr, const UnicodeString& in, UChar32 left,
                   UChar32 right, Scratch& s, std::string& out) {
  UErrorCode status = U_ZERO_ERROR;
  canonicalize(in, s.a, left, right);
  nfkc().normalize(s.a, s.b, status);
  if (cfg.fold) {
    for (int32_t i = 0; i < s.b.length(); ++i) {
      const char16_t ch = s.b.charAt(i);
      if (ch == 0x0130) {
        s.b.setCharAt(i, u'i');  // İ → i everywhere: only Turkic languages use it, and it means i
      } else if (ch == u'I' && cfg.lang == Lang::tr) {
        s.b.setCharAt(i, 0x0131);  // I → ı
      }
    }
    nfkc_casefold().normalize(s.b, s.a, status);
  } else {
    s.a = s.b;
  }
  // NFKC can produce characters we unify (＂ → ", ﹘ → —); ё/Ё appear only after composition.
  canonicalize(s.a, s.b, left, right);
  if (cfg.yo) {
    for (int32_t i = 0; i < s.b.length(); ++i) {
      const char16_t ch = s.b.charAt(i);
      if (ch == 0x0451) s.b.setCharAt(i, 0x0435);
      if (ch == 0x0401) s.b.setCharAt(i, 0x0415);
    }
  }
  if (U_FAILURE(status)) throw Error(std::string("ICU normalization failed: ") + u_errorName(status));
  if (tr) {
    bool ascii = true;
    for (int32_t i = 0; i < s.b.length() && ascii; ++i) ascii = s.b.charAt(i) < 0x80;
    if (!ascii) tr->transliterate(s.b);
  }
  append_utf8(s.b, out);
}

// ---- precomputed single-code-point results ----

enum : std::uint8_t { kBoundary = 1, kSimple = 2, kApostrophe = 4 };

struct Entry {
  std::uint8_t len = 0;
  std::uint8_t flags = 0;
  char out[14] = {};
};

constexpr int kTableSize = 0x800 + 0x70;

inline int table_index(UChar32 c) noexcept {
  if (c >= 0 && c < 0x800) return c;
  if (c >= 0x2000 && c < 0x2070) return 0x800 + (c - 0x2000);
  return -1;
}

struct Table {
  std::array<Entry, kTableSize> entries;
};

const Table& table_for(const Config& cfg) {
  static std::array<std::once_flag, kConfigCount> once;
  static std::array<std::unique_ptr<Table>, kConfigCount> tables;
  const int key = cfg.key();
  std::call_once(once[static_cast<std::size_t>(key)], [&] {
    auto t = std::make_unique<Table>();
    std::unique_ptr<icu::Transliterator> tr;
    if (cfg.translit) tr = make_transliterator(cfg.fold);
    Scratch s;
    std::string a, b;
    for (int i = 0; i < kTableSize; ++i) {
      const UChar32 c = i < 0x800 ? i : 0x2000 + (i - 0x800);
      Entry& e = t->entries[static_cast<std::size_t>(i)];
      if (U_IS_SURROGATE(c)) continue;
      if (has_boundary_before(c)) e.flags |= kBoundary;
      if (c == '`' || is_apostrophe_like(c)) {
        e.flags |= kApostrophe;
        continue;
      }
      const UnicodeString in(c);
      a.clear();
      b.clear();
      process_chunk(cfg, tr.get(), in, 0x20, 0x20, s, a);
      process_chunk(cfg, tr.get(), in, 'a', 'a', s, b);
      if (a == b && a.size() <= sizeof e.out) {
        e.flags |= kSimple;
        e.len = static_cast<std::uint8_t>(a.size());
        std::memcpy(e.out, a.data(), a.size());
      }
    }
    tables[static_cast<std::size_t>(key)] = std::move(t);
  });
  return *tables[static_cast<std::size_t>(key)];
}

// Decodes the code point at text[i], advancing i; invalid UTF-8 reads as U+FFFD.
inline UChar32 next_cp(std::string_view text, std::size_t& i) noexcept {
  const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  auto k = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(p, k, n, c);
  i = static_cast<std::size_t>(k);
  return c < 0 ? 0xFFFD : c;
}

// One configuration's machinery: the shared table, a transliterator if needed, scratch buffers.
struct Engine {
  Config cfg;
  const Table* table = nullptr;
  std::unique_ptr<icu::Transliterator> translit;
  Scratch scratch;
  UnicodeString chunk;

  explicit Engine(Config c) : cfg(c), table(&table_for(c)) {
    if (cfg.translit) translit = make_transliterator(cfg.fold);
  }

  // The table entry of the two-byte code point at text[i] when it forms a chunk of its own
  // (next is ASCII, the end, or another two-byte code point with a boundary before it) and has a
  // context-free result; sets c. nullptr otherwise.
  const Entry* two_byte_simple(std::string_view text, std::size_t i, UChar32& c) const noexcept {
    const std::size_t n = text.size();
    const auto b0 = static_cast<unsigned char>(text[i]);
    if (b0 < 0xC2 || b0 >= 0xE0 || i + 1 >= n) return nullptr;
    const auto b1 = static_cast<unsigned char>(text[i + 1]);
    if ((b1 & 0xC0) != 0x80) return nullptr;
    if (i + 2 < n) {
      const auto n0 = static_cast<unsigned char>(text[i + 2]);
      if (n0 >= 0x80) {
        if (n0 < 0xC2 || n0 >= 0xE0 || i + 3 >= n) return nullptr;
        const auto n1 = static_cast<unsigned char>(text[i + 3]);
        if ((n1 & 0xC0) != 0x80) return nullptr;
        const UChar32 next = ((n0 & 0x1F) << 6) | (n1 & 0x3F);
        if (!(table->entries[static_cast<std::size_t>(next)].flags & kBoundary)) return nullptr;
      }
    }
    c = ((b0 & 0x1F) << 6) | (b1 & 0x3F);
    const Entry& e = table->entries[static_cast<std::size_t>(c)];
    return (e.flags & kSimple) ? &e : nullptr;
  }

  bool boundary(UChar32 c) const {
    const int idx = table_index(c);
    if (idx >= 0) return (table->entries[static_cast<std::size_t>(idx)].flags & kBoundary) != 0;
    return has_boundary_before(c);
  }

  // Appends the normalization of text to out; when origin is given, pushes one offset per
  // output byte (base + the chunk's first input byte), but not the final end offset.
  void run(std::string_view text, std::string& out, std::vector<std::uint32_t>* origin, std::uint32_t base) {
    const std::size_t n = text.size();
    UChar32 prev = 0x20;  // the code point before the current chunk (space at the start)
    std::size_t i = 0;
    while (i < n) {
      const std::size_t start = i;
      const auto byte = static_cast<unsigned char>(text[i]);
      const std::size_t before = out.size();
      UChar32 c;
      if (byte < 0x80 && (i + 1 == n || static_cast<unsigned char>(text[i + 1]) < 0x80) && byte != '`') {
        // ASCII followed by ASCII: always a chunk of its own.
        const Entry& e = table->entries[byte];
        out.append(e.out, e.len);
        c = byte;
        ++i;
      } else if (const Entry* e2 = two_byte_simple(text, i, c)) {
        // Latin, Greek, Cyrillic... letter followed by something that cannot combine with it.
        out.append(e2->out, e2->len);
        i += 2;
      } else {
        c = next_cp(text, i);
        // Extend the chunk over following code points that NFKC may combine with it.
        std::size_t end = i;
        UChar32 after = 0x20;
        bool single = true;
        while (end < n) {
          std::size_t k = end;
          after = next_cp(text, k);
          if (boundary(after)) break;
          single = false;
          end = k;
          after = 0x20;
        }
        const int idx = table_index(c);
        const Entry* e = single && idx >= 0 ? &table->entries[static_cast<std::size_t>(idx)] : nullptr;
        if (e && (e->flags & kSimple)) {
          out.append(e->out, e->len);
        } else if (e && (e->flags & kApostrophe)) {
          out.push_back(is_letter(prev) && is_letter(after) ? '\'' : '"');
        } else {
          chunk = UnicodeString::fromUTF8(
              icu::StringPiece(text.data() + start, static_cast<int32_t>(end - start)));
          process_chunk(cfg, translit.get(), chunk, prev, after, scratch, out);
          if (!single) {  // remember the last code point of the chunk as the left context
            std::size_t k = start;
            while (k < end) c = next_cp(text, k);
          }
        }
        i = end;
      }
      prev = c;
      if (origin)
        origin->insert(origin->end(), out.size() - before, base + static_cast<std::uint32_t>(start));
    }
  }

  void fold(std::string_view text, std::string& out) {
    // Pure ASCII without ` (and without I under Turkish): lower-case in place, no ICU, no table.
    bool plain = true;
    const bool tr_fold = cfg.fold && cfg.lang == Lang::tr;
    for (const char ch : text) {
      const auto b = static_cast<unsigned char>(ch);
      if (b >= 0x80 || b == '`' || (tr_fold && b == 'I')) {
        plain = false;
        break;
      }
    }
    if (!plain) {
      run(text, out, nullptr, 0);
      return;
    }
    const std::size_t at = out.size();
    out.append(text);
    if (cfg.fold) {
      for (std::size_t k = at; k < out.size(); ++k) {
        const char ch = out[k];
        if (ch >= 'A' && ch <= 'Z') out[k] = static_cast<char>(ch + ('a' - 'A'));
      }
    }
  }
};

}  // namespace

struct Normalizer::Impl {
  Lang lang;
  NormalizeOptions options;
  Engine main;
  std::unique_ptr<Engine> latin;  // for to_latin(), created on first use

  Impl(Lang l, NormalizeOptions o)
      : lang(l), options(o), main(Config{l, o.fold_case, o.fold_yo, o.transliterate}) {}
};

Span Normalized::to_original(Span s) const noexcept {
  if (origin.empty()) return {};
  const auto size = static_cast<std::uint32_t>(text.size());
  const std::uint32_t a = std::min(s.start, size);
  const std::uint32_t b = std::min(std::max(s.end, a), size);
  if (a == b) return {origin[a], origin[a]};
  // The end is where the chunk holding the last byte ends: the next byte with a later origin.
  const std::uint32_t last = origin[b - 1];
  std::uint32_t k = b;
  while (k < size && origin[k] == last) ++k;
  return {origin[a], origin[k]};
}

Normalizer::Normalizer(Lang lang, NormalizeOptions options) : impl_(std::make_unique<Impl>(lang, options)) {}
Normalizer::~Normalizer() = default;
Normalizer::Normalizer(Normalizer&&) noexcept = default;
Normalizer& Normalizer::operator=(Normalizer&&) noexcept = default;

Normalized Normalizer::normalize(std::string_view text, std::uint32_t base) const {
  if (text.size() > std::numeric_limits<std::uint32_t>::max() - base) {
    throw InputError("", kNoOffset, "text longer than 4 GiB", "split the input into smaller documents");
  }
  Normalized r;
  r.text.reserve(text.size() + text.size() / 8);
  r.origin.reserve(text.size() + text.size() / 8 + 1);
  impl_->main.run(text, r.text, &r.origin, base);
  r.origin.push_back(base + static_cast<std::uint32_t>(text.size()));
  return r;
}

std::string Normalizer::fold(std::string_view text) const {
  std::string out;
  out.reserve(text.size());
  impl_->main.fold(text, out);
  return out;
}

void Normalizer::fold(std::string_view text, std::string& out) const { impl_->main.fold(text, out); }

std::string Normalizer::to_latin(std::string_view text) const {
  if (!impl_->latin) impl_->latin = std::make_unique<Engine>(Config{impl_->lang, true, true, true});
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  impl_->latin->run(text, out, nullptr, 0);
  // Apostrophes and transliterated soft/hard signs carry no sound: drop them so that
  // "Azerbaijan's"/"Azerbaijans" and "Il'kham"/"Ilkham" compare equal.
  std::erase_if(out, [](char ch) { return ch == '\''; });
  return out;
}

Lang Normalizer::lang() const noexcept { return impl_->lang; }

}  // namespace quotekit
