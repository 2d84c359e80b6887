// decode: bytes in UTF-8, UTF-16 (with BOM) or a legacy Cyrillic/Turkish 8-bit encoding become
// valid UTF-8. Conversion of everything that is not UTF-8 goes through ICU converters (ucnv);
// UTF-8 itself is only validated, by a hand loop that skips ASCII sixteen bytes at a time.
//
// Detection, in order (options.encoding skips all of it):
//   1. Empty input is an error; so is a UTF-32 byte-order mark (not supported).
//   2. A byte-order mark decides: EF BB BF → UTF-8, FF FE → UTF-16LE, FE FF → UTF-16BE.
//   3. A NUL byte means binary data (plain text never has one); refuse it with its offset.
//   4. Well-formed UTF-8 (including plain ASCII) → UTF-8. This is the common case and costs
//      one validating pass plus one copy.
//   5. Otherwise count well-formed multi-byte sequences (V) and ill-formed ones (I). Text in
//      windows-1251/KOI8-R/windows-1254/ISO-8859-9 almost never forms a valid multi-byte UTF-8
//      sequence by accident (a lead byte 0xC2–0xF4 must be followed by exactly the right number
//      of 0x80–0xBF bytes), but it can: "СССР»" in windows-1251 ends in D0 BB, which is "л".
//      So the input is damaged UTF-8 when V > 0 and I <= 4·V, and a legacy encoding when
//      V == 0 or ill-formed sequences outnumber valid ones more than four to one. Damaged UTF-8
//      is an error naming the first bad byte, or under options.lossy each ill-formed maximal
//      subpart becomes U+FFFD and is counted.
//   6. Legacy: see detect_legacy() below for the Cyrillic/Turkish family and the member.
//      options.lossy does not change this decision: a file that looks like windows-1251 is
//      converted from windows-1251, which beats a U+FFFD for every letter.
// In the 8-bit encodings, bytes that ICU maps to C1 control codes (the few windows-125x leaves
// unassigned, and ISO-8859-9's 0x80–0x9F) never occur in text and count as invalid bytes.
// U+FFFD present in the input as valid UTF-8 (EF BF BD) is ordinary text: kept, not counted.
// Error offsets are byte offsets into the input as given (a BOM counts).
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>

#include "decode_internal.hpp"
#include "quotekit/document.hpp"

namespace quotekit {

namespace detail {

int utf8_sequence(const unsigned char* p, std::size_t avail, int* subpart, bool* cut_off) noexcept {
  // Well-formed byte sequences, Unicode Table 3-7. The second byte's range depends on the lead
  // byte (this excludes overlong forms, surrogates and code points above U+10FFFF).
  const unsigned c = p[0];
  *cut_off = false;
  if (c < 0x80) return 1;
  int need = 0;
  unsigned lo = 0x80, hi = 0xBF;
  if (c < 0xC2) {
    *subpart = 1;
    return 0;
  } else if (c < 0xE0) {
    need = 1;
  } else if (c < 0xF0) {
    need = 2;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c < 0xF5) {
    need = 3;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    *subpart = 1;
    return 0;
  }
  for (int k = 1; k <= need; ++k) {
    if (static_cast<std::size_t>(k) >= avail) {
      *subpart = k;
      *cut_off = true;
      return 0;
    }
    const unsigned b = p[k];
    const bool ok = k == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
    if (!ok) {
      *subpart = k;
      return 0;
    }
  }
  return need + 1;
}

namespace {

constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;

// Index of the first non-ASCII byte at or after `i` (or `n`), 16 bytes per step.
inline std::size_t skip_ascii(const unsigned char* p, std::size_t i, std::size_t n) noexcept {
  while (i + 16 <= n) {
    std::uint64_t a = 0, b = 0;
    std::memcpy(&a, p + i, 8);
    std::memcpy(&b, p + i + 8, 8);
    if ((a | b) & kHighBits) break;
    i += 16;
  }
  while (i < n && p[i] < 0x80) ++i;
  return i;
}

// One step over a non-ASCII position: length of the well-formed sequence, or 0.
inline int step(const unsigned char* p, std::size_t i, std::size_t n, int* subpart, bool* cut) noexcept {
  const unsigned c = p[i];
  // Two-byte sequences (Cyrillic, Turkish letters) are the common non-ASCII case.
  if (c >= 0xC2 && c < 0xE0 && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) return 2;
  return utf8_sequence(p + i, n - i, subpart, cut);
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view bytes) noexcept {
  // The hot loop of decoding: ASCII runs go 16 bytes a step; single ASCII bytes between
  // letters (spaces in Cyrillic text) and two-byte sequences are handled inline.
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t i = 0;
  int subpart = 0;
  bool cut = false;
  while (i < n) {
    const unsigned c = p[i];
    if (c < 0x80) {
      ++i;
      if (i + 16 <= n) i = skip_ascii(p, i, n);
      continue;
    }
    if (c >= 0xC2 && c < 0xE0) {
      if (i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
        i += 2;
        continue;
      }
      return i;
    }
    const int len = utf8_sequence(p + i, n - i, &subpart, &cut);
    if (len == 0) return i;
    i += static_cast<std::size_t>(len);
  }
  return kNotFound;
}

Utf8Census utf8_census(std::string_view bytes) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  Utf8Census census;
  std::size_t i = 0;
  int subpart = 0;
  bool cut = false;
  while ((i = skip_ascii(p, i, n)) < n) {
    const int len = step(p, i, n, &subpart, &cut);
    if (len == 0) {
      ++census.invalid;
      i += static_cast<std::size_t>(subpart);
    } else {
      ++census.multibyte;
      i += static_cast<std::size_t>(len);
    }
  }
  return census;
}

std::size_t append_utf8_lossy(std::string_view bytes, std::string& out) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  std::size_t replaced = 0;
  std::size_t run = 0;  // start of the pending run of well-formed bytes
  std::size_t i = 0;
  int subpart = 0;
  bool cut = false;
  out.reserve(out.size() + n);
  while ((i = skip_ascii(p, i, n)) < n) {
    const int len = step(p, i, n, &subpart, &cut);
    if (len > 0) {
      i += static_cast<std::size_t>(len);
      continue;
    }
    out.append(bytes.data() + run, i - run);
    out.append("\xEF\xBF\xBD");
    ++replaced;
    i += static_cast<std::size_t>(subpart);
    run = i;
  }
  out.append(bytes.data() + run, n - run);
  return replaced;
}

InputError invalid_utf8_error(std::string_view source, std::uint64_t offset, std::string_view bytes,
                              std::size_t at, std::string_view prefix) {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  int subpart = 0;
  bool cut = false;
  utf8_sequence(p + at, bytes.size() - at, &subpart, &cut);
  const unsigned b = p[at];
  std::string_view why;
  if (cut)
    why = "a sequence cut off by the end of the input";
  else if (b >= 0x80 && b < 0xC0)
    why = "a continuation byte without a lead byte";
  else if (b == 0xC0 || b == 0xC1 || b >= 0xF5)
    why = "never valid in UTF-8";
  else
    why = "not followed by a valid continuation byte";
  return InputError(
      std::string(source), offset, fmt::format("{}invalid UTF-8 (byte 0x{:02X}: {})", prefix, b, why),
      fmt::format("Pass --lossy to replace invalid bytes with U+FFFD, or --encoding NAME if the "
                  "file is not UTF-8 (NAME: one of {})",
                  supported_encodings()));
}

std::string_view canonical_encoding(std::string_view name) {
  // Compare case-insensitively and ignoring '-', '_', ' ' and '.', so "UTF-8", "utf8" and
  // "Utf_8" are one name.
  std::string key;
  for (const char ch : name) {
    if (ch == '-' || ch == '_' || ch == ' ' || ch == '.') continue;
    key.push_back(static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch));
  }
  struct Alias {
    std::string_view key;
    std::string_view canonical;
  };
  static constexpr Alias kAliases[] = {
      {"", ""},
      {"auto", ""},
      {"utf8", "UTF-8"},
      {"utf8bom", "UTF-8"},
      {"utf8sig", "UTF-8"},
      {"utf16le", "UTF-16LE"},
      {"utf16be", "UTF-16BE"},
      {"utf16", "UTF-16"},
      {"windows1251", "windows-1251"},
      {"cp1251", "windows-1251"},
      {"win1251", "windows-1251"},
      {"koi8r", "KOI8-R"},
      {"koi8", "KOI8-R"},
      {"cskoi8r", "KOI8-R"},
      {"windows1254", "windows-1254"},
      {"cp1254", "windows-1254"},
      {"win1254", "windows-1254"},
      {"iso88599", "ISO-8859-9"},
      {"latin5", "ISO-8859-9"},
      {"l5", "ISO-8859-9"},
  };
  for (const Alias& a : kAliases)
    if (a.key == key) return a.canonical;
  throw UsageError(fmt::format(
      "unknown encoding '{}': supported are {} (aliases such as utf8, utf-16 (with a byte-order mark), "
      "cp1251, koi8r, cp1254, latin5 are accepted, in any case)",
      name, supported_encodings()));
}

}  // namespace detail

std::string_view supported_encodings() noexcept {
  return "UTF-8, UTF-16LE, UTF-16BE, windows-1251, KOI8-R, windows-1254, ISO-8859-9";
}

namespace {

using detail::kNotFound;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";

bool starts_with(std::string_view s, std::string_view prefix) noexcept {
  return s.substr(0, prefix.size()) == prefix;
}

// ---- binary data -------------------------------------------------------------------------------

// When NUL bytes sit at every other position of the first few KiB, the file is most likely
// UTF-16 without a byte-order mark; say so rather than just "binary".
std::string nul_hint(std::string_view bytes) {
  const std::size_t n = std::min<std::size_t>(bytes.size(), 4096) & ~std::size_t{1};
  std::size_t even = 0, odd = 0;
  for (std::size_t i = 0; i < n; i += 2) {
    even += bytes[i] == '\0';
    odd += bytes[i + 1] == '\0';
  }
  const std::size_t pairs = n / 2;
  if (pairs >= 2 && odd * 4 >= pairs * 3 && even * 16 <= pairs)
    return "It looks like UTF-16LE without a byte-order mark: pass --encoding UTF-16LE";
  if (pairs >= 2 && even * 4 >= pairs * 3 && odd * 16 <= pairs)
    return "It looks like UTF-16BE without a byte-order mark: pass --encoding UTF-16BE";
  return {};
}

[[noreturn]] void throw_binary(std::string_view source, std::uint64_t offset, std::string hint) {
  throw InputError(std::string(source), offset, "binary data (NUL byte); quotekit reads plain text",
                   std::move(hint));
}

void refuse_nul(std::string_view bytes, std::size_t base, std::string_view source) {
  if (const void* nul = std::memchr(bytes.data(), 0, bytes.size())) {
    const auto at = static_cast<std::size_t>(static_cast<const char*>(nul) - bytes.data());
    throw_binary(source, base + at, nul_hint(bytes));
  }
}

// ---- UTF-8 -------------------------------------------------------------------------------------

// `body` is the input after any BOM, which is `base` bytes long.
Decoded decode_utf8(std::string_view body, std::size_t base, bool lossy, std::string_view source) {
  Decoded out;
  out.encoding = "UTF-8";
  const std::size_t bad = detail::find_invalid_utf8(body);
  if (bad == kNotFound) {
    out.text.assign(body);
  } else if (lossy) {
    out.replaced = detail::append_utf8_lossy(body, out.text);
  } else {
    throw detail::invalid_utf8_error(source, base + bad, body, bad);
  }
  return out;
}

// ---- ICU conversion (UTF-16 and the 8-bit encodings) -------------------------------------------

struct ConverterCloser {
  void operator()(UConverter* c) const noexcept { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

ConverterPtr open_converter(const char* name) {
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr cnv(ucnv_open(name, &status));
  if (U_FAILURE(status))
    throw Error(fmt::format("ICU has no converter for {}: {}", name, u_errorName(status)));
  // Stop at the first invalid or unmapped byte sequence instead of substituting silently.
  ucnv_setToUCallBack(cnv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  if (U_FAILURE(status))
    throw Error(fmt::format("cannot set up the {} converter: {}", name, u_errorName(status)));
  return cnv;
}

[[noreturn]] void throw_invalid_byte(std::string_view source, std::uint64_t offset, std::string_view encoding,
                                     std::string problem) {
  throw InputError(std::string(source), offset, std::move(problem),
                   fmt::format("Pass --encoding NAME if the file is not {} (NAME: one of {}), or --lossy to "
                               "replace invalid bytes with U+FFFD",
                               encoding, supported_encodings()));
}

// Converts `body` (the input after `base` bytes of BOM) from `encoding` to UTF-8 with ICU.
// `eight_bit`: a single-byte encoding, where ICU maps the bytes Microsoft left unassigned
// (0x98 in windows-1251; 0x81, 0x8D–0x90, 0x9D, 0x9E in windows-1254) and all of ISO-8859-9's
// 0x80–0x9F to C1 control codes. Those never occur in text, so they count as invalid bytes.
Decoded convert_with_icu(const char* encoding, std::string_view body, std::size_t base, bool lossy,
                         std::string_view source, bool eight_bit) {
  Decoded out;
  out.encoding = encoding;
  ConverterPtr cnv = open_converter(encoding);
  out.text.reserve(body.size() + body.size() / 2);

  constexpr int32_t kChunk = 8192;
  std::array<UChar, kChunk> units{};
  std::array<int32_t, kChunk> offsets{};
  const char* const begin = body.data();
  const char* const end = begin + body.size();
  const char* src = begin;
  UChar pending = 0;  // a lead surrogate at the end of a chunk waits for its trail
  const auto replace = [&] {
    out.text.append("\xEF\xBF\xBD");
    ++out.replaced;
  };
  for (;;) {
    const char* chunk_start = src;
    UChar* target = units.data();
    UErrorCode status = U_ZERO_ERROR;
    ucnv_toUnicode(cnv.get(), &target, units.data() + kChunk, &src, end, offsets.data(), /*flush=*/true,
                   &status);
    const auto produced = static_cast<std::size_t>(target - units.data());
    for (std::size_t i = 0; i < produced; ++i) {
      UChar32 c = units[i];
      if (pending != 0) {
        if (U16_IS_TRAIL(c)) c = U16_GET_SUPPLEMENTARY(pending, c);
        pending = 0;
      } else if (U16_IS_LEAD(c)) {
        pending = static_cast<UChar>(c);
        continue;
      }
      if (c == 0 || (eight_bit && c >= 0x80 && c <= 0x9F)) {
        // offsets[] maps each unit back to its input byte (-1 for units carried over by ICU).
        const std::size_t at =
            static_cast<std::size_t>(chunk_start - begin) + static_cast<std::size_t>(std::max(offsets[i], 0));
        // A NUL character is binary data in any encoding (UTF-16 hides NUL bytes inside
        // characters, so this check runs on the converted units).
        if (c == 0) throw_binary(source, base + at, {});
        if (!lossy) {
          const auto byte = static_cast<unsigned char>(body[at]);
          throw_invalid_byte(source, base + at, encoding,
                             fmt::format("byte 0x{:02X} is not a text character in {}", byte, encoding));
        }
        replace();
        continue;
      }
      char buf[4];
      std::size_t len = 0;
      U8_APPEND_UNSAFE(buf, len, c);
      out.text.append(buf, len);
    }
    if (status == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_SUCCESS(status)) break;

    // An invalid sequence (in UTF-16: an unpaired surrogate or an odd last byte). ICU has
    // consumed it; find where it started.
    char bad[32];
    int8_t bad_len = sizeof bad;
    UErrorCode ignored = U_ZERO_ERROR;
    ucnv_getInvalidChars(cnv.get(), bad, &bad_len, &ignored);
    if (U_FAILURE(ignored) || bad_len < 1) bad_len = 1;
    const auto at = static_cast<std::size_t>(src - begin) - static_cast<std::size_t>(bad_len);
    if (!lossy) {
      const auto byte = static_cast<unsigned char>(body[at]);
      throw_invalid_byte(
          source, base + at, encoding,
          status == U_TRUNCATED_CHAR_FOUND
              ? fmt::format("{} text cut off in the middle of a character (byte 0x{:02X})", encoding, byte)
              : fmt::format("invalid {} (byte 0x{:02X})", encoding, byte));
    }
    if (pending != 0) {  // an unpaired lead surrogate right before the bad bytes
      replace();
      pending = 0;
    }
    replace();
    ucnv_resetToUnicode(cnv.get());
    if (src >= end) break;
  }
  if (pending != 0) replace();
  return out;
}

// ---- legacy 8-bit detection --------------------------------------------------------------------

enum Legacy : int { kWindows1251, kKoi8R, kWindows1254, kIso88599, kLegacyCount };
constexpr std::array<const char*, kLegacyCount> kLegacyNames = {"windows-1251", "KOI8-R", "windows-1254",
                                                                "ISO-8859-9"};

// Byte → code point for each 8-bit encoding, built once from ICU's own tables (so there is no
// hand-written code table here); -1 for a byte the encoding leaves unassigned.
using ByteTable = std::array<UChar32, 256>;
const ByteTable& byte_table(Legacy which) {
  static const std::array<ByteTable, kLegacyCount> tables = [] {
    std::array<ByteTable, kLegacyCount> t{};
    for (int e = 0; e < kLegacyCount; ++e) {
      ConverterPtr cnv = open_converter(kLegacyNames[static_cast<std::size_t>(e)]);
      for (int b = 0; b < 256; ++b) {
        const char byte = static_cast<char>(b);
        UChar u[4];
        UErrorCode status = U_ZERO_ERROR;
        const int32_t len = ucnv_toUChars(cnv.get(), u, 4, &byte, 1, &status);
        t[static_cast<std::size_t>(e)][static_cast<std::size_t>(b)] =
            U_SUCCESS(status) && len == 1 ? u[0] : -1;
      }
    }
    return t;
  }();
  return tables[static_cast<std::size_t>(which)];
}

// Relative frequency (per mille) of the Russian letters а..я in running text, from the usual
// published letter counts; ё (rarely written) separately. A language model, not a code table.
constexpr std::array<double, 32> kRussianFrequency = {
    80.1, 15.9, 45.4, 17.0, 29.8, 84.5, 9.4, 16.5, 73.5, 12.1, 34.9, 44.0, 32.1, 67.0, 109.7, 28.1,
    47.3, 54.7, 62.6, 26.2, 2.6,  9.7,  4.8, 14.4, 7.3,  3.6,  0.4,  19.0, 17.4, 3.2,  6.4,   20.1};
constexpr double kYoFrequency = 0.4;

// Log-likelihood of the high bytes of `sample` read as Russian text in the 8-bit encoding `which`:
// a unigram letter model (windows-1251 read as KOI8-R, or the reverse, turns frequent letters
// into rare ones: о е а и н become П Е Б Й О) plus a penalty for a capital right after a small
// letter in one word, which is what a wrong guess does to every capitalised word ("пРИВЕТ").
// Non-letters: dashes, quotes and spaces are plausible, box drawing and other symbols are not
// (KOI8-R puts box drawing where windows-1251 has «», — and №). No prior on case: with one, ALL
// CAPS text (where the cases swap wholesale) went wrong in 3 % of NTREX sentences; without,
// in 1 of 1995 (and 0 of 3200 sentences in ordinary case).
// Per high byte of one encoding: its log-likelihood in Russian text and its case.
struct ByteModel {
  std::array<double, 128> score{};
  std::array<signed char, 128> letter_case{};  // 1 lower-case letter, -1 capital, 0 other
};

ByteModel build_byte_model(Legacy which) {
  const ByteTable& table = byte_table(which);
  ByteModel m;
  for (std::size_t b = 0x80; b < 0x100; ++b) {
    const UChar32 c = table[b];
    double& score = m.score[b - 0x80];
    if (c < 0 || (c >= 0x80 && c <= 0x9F)) {  // unassigned in this encoding
      score = -20;
    } else if (u_isalpha(c)) {
      const UChar32 lower = u_tolower(c);
      double per_mille = 0.05;  // Cyrillic letters of other languages, Latin letters
      if (lower >= 0x430 && lower <= 0x44F)
        per_mille = kRussianFrequency[static_cast<std::size_t>(lower - 0x430)];
      else if (lower == 0x451)
        per_mille = kYoFrequency;
      const bool is_lower = u_islower(c) != 0;
      score = std::log(per_mille / 1000.0);
      m.letter_case[b - 0x80] = is_lower ? 1 : -1;
    } else {
      switch (u_charType(c)) {
        case U_DASH_PUNCTUATION:
        case U_INITIAL_PUNCTUATION:
        case U_FINAL_PUNCTUATION:
        case U_START_PUNCTUATION:
        case U_END_PUNCTUATION:
        case U_OTHER_PUNCTUATION:
        case U_SPACE_SEPARATOR:
          score = std::log(0.02);
          break;
        case U_CONTROL_CHAR:
          score = -20;
          break;
        default:  // symbols: box drawing, math, currency
          score = std::log(0.0005);
          break;
      }
    }
  }
  return m;
}

const ByteModel& byte_model(Legacy which) {
  static const std::array<ByteModel, 2> models = {build_byte_model(kWindows1251), build_byte_model(kKoi8R)};
  return models[which == kKoi8R ? 1 : 0];
}

double cyrillic_score(std::string_view sample, Legacy which) {
  const ByteModel& m = byte_model(which);
  double score = 0;
  bool prev_lower_letter = false;
  for (const char ch : sample) {
    const auto b = static_cast<unsigned char>(ch);
    if (b < 0x80) {
      prev_lower_letter = (b >= 'a' && b <= 'z');
      continue;
    }
    const signed char letter_case = m.letter_case[b - 0x80];
    score += m.score[b - 0x80];
    if (letter_case < 0 && prev_lower_letter) score -= 4;
    prev_lower_letter = letter_case > 0;
  }
  return score;
}

constexpr bool is_ascii_letter(unsigned char b) noexcept { return (b | 0x20) >= 'a' && (b | 0x20) <= 'z'; }

// Chooses among the four 8-bit encodings for bytes that are not UTF-8.
//  Family: all four put their letters (Cyrillic, or Turkish ç ğ ı ö ş ü Ç Ğ İ Ö Ş Ü â î û) at
//  0xC0–0xFF. Russian words are runs of such bytes; Turkish words are ASCII letters with one such
//  byte every few letters. So count adjacent pairs of letter-range bytes (HH) against pairs of a
//  letter-range byte and an ASCII letter (AH): HH > AH → Cyrillic, otherwise Turkish. (Right for
//  every one of the 1997 NTREX sentences in each language, encoded each way; a snippet of a
//  word or two, like "ışığı", can fool it.)
//  Cyrillic: windows-1251 vs KOI8-R by cyrillic_score() (case pattern and letter frequency).
//  Turkish: windows-1254 when any byte 0x80–0x9F occurs anywhere (its curly quotes, dashes and
//  ellipsis live there; ISO-8859-9 has only C1 control codes there), else ISO-8859-9. Without
//  such bytes the two decode identically, so the choice cannot be wrong in effect.
Legacy detect_legacy(std::string_view bytes) {
  const std::string_view sample = bytes.substr(0, 256 * 1024);
  std::size_t hh = 0, ah = 0;
  for (std::size_t i = 1; i < sample.size(); ++i) {
    const auto a = static_cast<unsigned char>(sample[i - 1]);
    const auto b = static_cast<unsigned char>(sample[i]);
    const bool ha = a >= 0xC0, hb = b >= 0xC0;
    if (ha && hb)
      ++hh;
    else if ((ha && is_ascii_letter(b)) || (hb && is_ascii_letter(a)))
      ++ah;
  }
  if (hh > ah) {
    return cyrillic_score(sample, kKoi8R) > cyrillic_score(sample, kWindows1251) ? kKoi8R : kWindows1251;
  }
  const bool c1_range = std::any_of(bytes.begin(), bytes.end(), [](char ch) {
    const auto b = static_cast<unsigned char>(ch);
    return b >= 0x80 && b <= 0x9F;
  });
  return c1_range ? kWindows1254 : kIso88599;
}

// ---- entry points ------------------------------------------------------------------------------

Decoded decode_utf16(std::string_view bytes, std::string_view requested, bool lossy,
                     std::string_view source) {
  const bool le_bom = starts_with(bytes, kUtf16LeBom), be_bom = starts_with(bytes, kUtf16BeBom);
  std::string_view encoding = requested;
  if (requested == "UTF-16") {
    if (!le_bom && !be_bom)
      throw InputError(std::string(source), 0, "UTF-16 text without a byte-order mark",
                       "Pass --encoding UTF-16LE or --encoding UTF-16BE");
    encoding = le_bom ? "UTF-16LE" : "UTF-16BE";
  } else if ((requested == "UTF-16LE" && be_bom) || (requested == "UTF-16BE" && le_bom)) {
    throw InputError(std::string(source), 0,
                     fmt::format("the byte-order mark says {} but {} was requested",
                                 le_bom ? "UTF-16LE" : "UTF-16BE", requested),
                     "Leave out --encoding to use the byte-order mark");
  }
  const std::size_t base = (le_bom || be_bom) ? 2 : 0;
  // ICU's "UTF-16LE"/"UTF-16BE" converters take the byte order as given and do not strip a BOM.
  return convert_with_icu(encoding == "UTF-16LE" ? "UTF-16LE" : "UTF-16BE", bytes.substr(base), base, lossy,
                          source, /*eight_bit=*/false);
}

Decoded decode_legacy(Legacy which, std::string_view bytes, bool lossy, std::string_view source) {
  refuse_nul(bytes, 0, source);
  return convert_with_icu(kLegacyNames[static_cast<std::size_t>(which)], bytes, 0, lossy, source,
                          /*eight_bit=*/true);
}

Decoded decode_detected(std::string_view bytes, bool lossy, std::string_view source) {
  if (starts_with(bytes, std::string_view("\xFF\xFE\0\0", 4)) ||
      starts_with(bytes, std::string_view("\0\0\xFE\xFF", 4)))
    throw InputError(std::string(source), 0, "UTF-32 text is not supported",
                     "Convert it first, e.g. iconv -f UTF-32 -t UTF-8 FILE");
  if (starts_with(bytes, kUtf16LeBom) || starts_with(bytes, kUtf16BeBom))
    return decode_utf16(bytes, "UTF-16", lossy, source);
  if (starts_with(bytes, kUtf8Bom)) {
    refuse_nul(bytes, 0, source);
    return decode_utf8(bytes.substr(kUtf8Bom.size()), kUtf8Bom.size(), lossy, source);
  }
  refuse_nul(bytes, 0, source);
  const std::size_t bad = detail::find_invalid_utf8(bytes);
  if (bad == kNotFound) {
    Decoded out;
    out.text.assign(bytes);
    out.encoding = "UTF-8";
    return out;
  }
  const detail::Utf8Census census = detail::utf8_census(bytes);
  if (census.multibyte > 0 && census.invalid <= 4 * census.multibyte) {
    if (!lossy) throw detail::invalid_utf8_error(source, bad, bytes, bad);
    Decoded out;
    out.encoding = "UTF-8";
    out.replaced = detail::append_utf8_lossy(bytes, out.text);
    return out;
  }
  return decode_legacy(detect_legacy(bytes), bytes, lossy, source);
}

}  // namespace

Decoded decode(std::string_view bytes, const DecodeOptions& options, std::string_view source) {
  if (bytes.empty()) throw InputError(std::string(source), kNoOffset, "file is empty", "");
  const std::string_view requested = detail::canonical_encoding(options.encoding);
  Decoded out;
  if (requested.empty()) {
    out = decode_detected(bytes, options.lossy, source);
  } else if (requested == "UTF-8") {
    const std::size_t base = starts_with(bytes, kUtf8Bom) ? kUtf8Bom.size() : 0;
    refuse_nul(bytes, 0, source);
    out = decode_utf8(bytes.substr(base), base, options.lossy, source);
  } else if (requested.substr(0, 6) == "UTF-16") {
    out = decode_utf16(bytes, requested, options.lossy, source);
  } else {
    Legacy which = kWindows1251;
    for (int e = 0; e < kLegacyCount; ++e)
      if (requested == kLegacyNames[static_cast<std::size_t>(e)]) which = static_cast<Legacy>(e);
    out = decode_legacy(which, bytes, options.lossy, source);
  }
  // Spans are 32-bit byte offsets; refuse rather than truncate a document they cannot address.
  if (out.text.size() > std::numeric_limits<std::uint32_t>::max())
    throw InputError(
        std::string(source), kNoOffset,
        fmt::format("too large: {} bytes of text (the limit is 4 GiB per document)", out.text.size()),
        "Split the file into smaller documents");
  return out;
}

Document make_document(std::string id, std::string_view bytes, const DecodeOptions& options,
                       std::string_view source) {
  Decoded decoded = decode(bytes, options, source);
  Document doc;
  doc.id = std::move(id);
  doc.text = std::move(decoded.text);
  doc.encoding = std::move(decoded.encoding);
  doc.replaced = decoded.replaced;
  doc.source = std::string(source);
  doc.lang = options.lang != Lang::unknown ? options.lang : identify_language(doc.text);
  return doc;
}

}  // namespace quotekit
