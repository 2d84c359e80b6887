// decode(), identify_language(), make_document(): encodings, detection, errors with offsets.
#include <gtest/gtest.h>
#include <unicode/locid.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "decode_internal.hpp"
#include "quotekit/corpus.hpp"
#include "quotekit/document.hpp"
#include "testing_text.hpp"

namespace quotekit {
namespace {

namespace fs = std::filesystem;

const fs::path kEncodings = fs::path(QUOTEKIT_TESTDATA) / "encodings";
const fs::path kShared = fs::path(QUOTEKIT_SHARED_CORPORA);

std::string fixture(const std::string& name) { return read_file_bytes((kEncodings / name).string()); }

using testing::expect_input_error;

bool is_valid_utf8(std::string_view s) { return detail::find_invalid_utf8(s) == detail::kNotFound; }

// The first `n` lines of a shared corpus file, or nullopt when the corpora are not there.
std::optional<std::vector<std::string>> shared_lines(const std::string& relative, std::size_t n) {
  std::ifstream in(kShared / relative, std::ios::binary);
  if (!in) return std::nullopt;
  std::vector<std::string> lines;
  std::string line;
  while (lines.size() < n && std::getline(in, line)) lines.push_back(line);
  return lines;
}

#define SHARED_LINES_OR_SKIP(var, relative, n)                                                \
  auto var##_opt = shared_lines((relative), n);                                               \
  if (!var##_opt) GTEST_SKIP() << "shared corpus " << (kShared / (relative)) << " not found"; \
  const std::vector<std::string>& var = *var##_opt

// Test-side encoder (ICU, strict): UTF-8 → `encoding`. nullopt when a character has no mapping,
// or when the result does not convert back to the same text (ICU drops zero-width spaces, for
// instance), so that the expected text is exactly the original line.
std::optional<std::string> encode(const std::string& utf8, const char* encoding) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* cnv = ucnv_open(encoding, &status);
  if (U_FAILURE(status)) return std::nullopt;
  ucnv_setFromUCallBack(cnv, UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  std::string out(static_cast<std::size_t>(u.length()) * 4 + 16, '\0');
  const int32_t n =
      ucnv_fromUChars(cnv, out.data(), static_cast<int32_t>(out.size()), u.getBuffer(), u.length(), &status);
  if (U_SUCCESS(status)) {
    out.resize(static_cast<std::size_t>(n));
    std::vector<UChar> back(out.size() + 1);
    UErrorCode st2 = U_ZERO_ERROR;
    const int32_t m = ucnv_toUChars(cnv, back.data(), static_cast<int32_t>(back.size()), out.data(),
                                    static_cast<int32_t>(out.size()), &st2);
    if (U_FAILURE(st2) || icu::UnicodeString(back.data(), m) != u) status = U_INVALID_CHAR_FOUND;
  }
  ucnv_close(cnv);
  if (U_FAILURE(status)) return std::nullopt;
  return out;
}

std::string upper(const std::string& utf8, const char* locale) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  u.toUpper(icu::Locale(locale));
  std::string out;
  u.toUTF8String(out);
  return out;
}

// ---- round trips through every encoding, with detection --------------------------------------

struct RoundTrip {
  const char* file;
  const char* original;
  const char* encoding;
  Lang lang;
};

void PrintTo(const RoundTrip& p, std::ostream* os) { *os << p.file << " as " << p.encoding; }

class EncodingFixture : public ::testing::TestWithParam<RoundTrip> {};

TEST_P(EncodingFixture, DetectsEncodingAndDecodesToTheOriginalByteForByte) {
  const RoundTrip& p = GetParam();
  const std::string bytes = fixture(p.file);
  const std::string original = fixture(p.original);
  ASSERT_TRUE(is_valid_utf8(original));
  const Decoded d = decode(bytes, DecodeOptions{}, p.file);
  EXPECT_EQ(d.encoding, p.encoding);
  EXPECT_EQ(d.text, original);
  EXPECT_EQ(d.replaced, 0u);
  EXPECT_EQ(identify_language(d.text), p.lang);
  // The same through an explicit --encoding.
  DecodeOptions explicit_encoding;
  explicit_encoding.encoding = p.encoding;
  EXPECT_EQ(decode(bytes, explicit_encoding, p.file).text, original);
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, EncodingFixture,
    ::testing::Values(RoundTrip{"ru.utf8.txt", "ru.utf8.txt", "UTF-8", Lang::ru},
                      RoundTrip{"ru.utf-8-bom.txt", "ru.utf8.txt", "UTF-8", Lang::ru},
                      RoundTrip{"ru.utf-16le-bom.txt", "ru.utf8.txt", "UTF-16LE", Lang::ru},
                      RoundTrip{"ru.utf-16be-bom.txt", "ru.utf8.txt", "UTF-16BE", Lang::ru},
                      RoundTrip{"ru.windows-1251.txt", "ru.utf8.txt", "windows-1251", Lang::ru},
                      RoundTrip{"ru_koi8.koi8-r.txt", "ru_koi8.utf8.txt", "KOI8-R", Lang::ru},
                      RoundTrip{"ru_koi8.windows-1251.txt", "ru_koi8.utf8.txt", "windows-1251", Lang::ru},
                      RoundTrip{"tr.utf8.txt", "tr.utf8.txt", "UTF-8", Lang::tr},
                      RoundTrip{"tr.utf-8-bom.txt", "tr.utf8.txt", "UTF-8", Lang::tr},
                      RoundTrip{"tr.utf-16le-bom.txt", "tr.utf8.txt", "UTF-16LE", Lang::tr},
                      RoundTrip{"tr.utf-16be-bom.txt", "tr.utf8.txt", "UTF-16BE", Lang::tr},
                      RoundTrip{"tr.windows-1254.txt", "tr.utf8.txt", "windows-1254", Lang::tr},
                      RoundTrip{"tr_latin5.iso-8859-9.txt", "tr_latin5.utf8.txt", "ISO-8859-9", Lang::tr}),
    [](const ::testing::TestParamInfo<RoundTrip>& info) {
      std::string name = info.param.file;
      std::replace_if(
          name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
      return name;
    });

TEST(Decode, FixturesExerciseWhatTheyClaim) {
  // Legacy fixtures are not UTF-8; the windows-1254 one has bytes in 0x80–0x9F (curly quotes),
  // the ISO-8859-9 one has none; the windows-1251 one has «» (0xAB 0xBB) that KOI8-R lacks.
  for (const char* f :
       {"ru.windows-1251.txt", "ru_koi8.koi8-r.txt", "tr.windows-1254.txt", "tr_latin5.iso-8859-9.txt"})
    EXPECT_FALSE(is_valid_utf8(fixture(f))) << f;
  const auto in_c1 = [](const std::string& s) {
    return std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xE0) == 0x80; });
  };
  EXPECT_GT(in_c1(fixture("tr.windows-1254.txt")), 0);
  EXPECT_EQ(in_c1(fixture("tr_latin5.iso-8859-9.txt")), 0);
  EXPECT_NE(fixture("ru.windows-1251.txt").find('\xAB'), std::string::npos);
  EXPECT_EQ(fixture("ru.utf-16le-bom.txt").substr(0, 2), "\xFF\xFE");
}

// ---- detection heuristics ----------------------------------------------------------------------

TEST(Decode, AccidentalValidSequenceInLegacyTextStillDetectsLegacy) {
  // "СССР»" in windows-1251 ends in D0 BB, which is valid UTF-8 ("л"). One such pair among
  // hundreds of invalid bytes must not make the text "damaged UTF-8".
  const std::string tail_1251 = "\n\xD1\xD1\xD1\xD0\xBB";
  const std::string bytes = fixture("ru.windows-1251.txt") + tail_1251;
  const detail::Utf8Census census = detail::utf8_census(bytes);
  ASSERT_GE(census.multibyte, 1u);
  ASSERT_GT(census.invalid, 4 * census.multibyte);
  const Decoded d = decode(bytes, {}, "x");
  EXPECT_EQ(d.encoding, "windows-1251");
  EXPECT_EQ(d.text, fixture("ru.utf8.txt") + "\nСССР»");
}

TEST(Decode, SparseHighBytesAmongLatinLettersAreTurkish) {
  // "Dağlık Karabağ" in windows-1254/ISO-8859-9: ğ = 0xF0, ı = 0xFD.
  const Decoded d = decode("Da\xF0l\xFDk Karaba\xF0 ve Azerbaycan", {}, "x");
  EXPECT_EQ(d.encoding, "ISO-8859-9");
  EXPECT_EQ(d.text, "Dağlık Karabağ ve Azerbaycan");
  // The same with a windows-1254 right single quote (0x92) → windows-1254.
  const Decoded q = decode("Karaba\xF0\x92\x64\x61 bar\xFD\xFE", {}, "x");
  EXPECT_EQ(q.encoding, "windows-1254");
  EXPECT_EQ(q.text, "Karabağ’da barış");
}

TEST(Decode, AllCapsRussianHeadline) {
  // Case cannot separate windows-1251 from KOI8-R in all-caps text; letter frequency does.
  const std::string headline = "МИНСКАЯ ГРУППА ОБСЕ ПРИЗВАЛА СТОРОНЫ ВЕРНУТЬСЯ К ПЕРЕГОВОРАМ";
  for (const char* enc : {"windows-1251", "KOI8-R"}) {
    const auto bytes = encode(headline, enc);
    ASSERT_TRUE(bytes);
    const Decoded d = decode(*bytes, {}, "x");
    EXPECT_EQ(d.encoding, enc);
    EXPECT_EQ(d.text, headline);
  }
}

TEST(Decode, PureAsciiIsUtf8) {
  const Decoded d = decode("Host: What happened?\n", {}, "x");
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.text, "Host: What happened?\n");
}

// ---- invalid UTF-8 -----------------------------------------------------------------------------

TEST(Decode, InvalidUtf8ReportsTheExactOffsetByteAndHint) {
  // "Привет " is 13 bytes (6 Cyrillic letters × 2 + space).
  const std::string bytes = "Привет \xFF мир, как дела?";
  const InputError e = expect_input_error([&] { decode(bytes, {}, "a.txt"); });
  EXPECT_EQ(e.source(), "a.txt");
  EXPECT_EQ(e.offset(), 13u);
  EXPECT_NE(e.problem().find("invalid UTF-8 (byte 0xFF"), std::string::npos) << e.problem();
  EXPECT_NE(
      e.hint().find(
          "Pass --lossy to replace invalid bytes with U+FFFD, or --encoding NAME if the file is not UTF-8"),
      std::string::npos)
      << e.hint();
  EXPECT_EQ(e.code(), ExitCode::input_error);
  EXPECT_NE(std::string(e.what()).find("a.txt: byte 13: invalid UTF-8"), std::string::npos) << e.what();
}

TEST(Decode, InvalidUtf8Kinds) {
  struct Case {
    std::string bytes;
    std::uint64_t offset;
    const char* why;
  };
  const std::string ru = "Армения и Азербайджан ";  // 19 letters × 2 bytes + 3 spaces
  const std::size_t n = ru.size();
  ASSERT_EQ(n, 41u);
  const std::vector<Case> cases = {
      {ru + "\xC0\xAF", n, "never valid"},                                   // overlong '/'
      {ru + "\xED\xA0\x80 ok", n, "not followed by a valid continuation"},   // surrogate D800
      {ru + "\xF4\x90\x80\x80", n, "not followed by a valid continuation"},  // above U+10FFFF
      {ru + "\x80 x", n, "continuation byte without a lead"},
      {ru + "\xE2\x80", n, "cut off by the end of the input"},  // truncated "—"
      {ru + "\xD0", n, "cut off by the end of the input"},
      {ru + "\xD0" + "A", n, "not followed by a valid continuation"},
  };
  for (const Case& c : cases) {
    const InputError e = expect_input_error([&] { decode(c.bytes, {}, "x"); });
    EXPECT_EQ(e.offset(), c.offset) << c.why;
    EXPECT_NE(e.problem().find(c.why), std::string::npos) << e.problem();
  }
}

TEST(Decode, RealExcerptWithOneByteFlipped) {
  const std::string original = fixture("ru.utf8.txt");
  // The first two-byte character (a Cyrillic letter) from byte 200 on.
  std::size_t at = 200;
  while ((static_cast<unsigned char>(original[at]) & 0xE0) != 0xC0) ++at;
  ASSERT_EQ(static_cast<unsigned char>(original[at + 1]) & 0xC0, 0x80);

  std::string lead_flipped = original;  // the lead byte becomes 0xFF
  lead_flipped[at] = '\xFF';
  EXPECT_EQ(expect_input_error([&] { decode(lead_flipped, {}, "ru"); }).offset(), at);

  std::string trail_flipped = original;  // the continuation byte becomes ASCII 'A'
  trail_flipped[at + 1] = 'A';
  const InputError e = expect_input_error([&] { decode(trail_flipped, {}, "ru"); });
  EXPECT_EQ(e.offset(), at);
  char lead_hex[8];
  std::snprintf(lead_hex, sizeof lead_hex, "0x%02X", static_cast<unsigned char>(original[at]));
  EXPECT_NE(e.problem().find(lead_hex), std::string::npos) << e.problem();

  // With a BOM in front the offset still counts bytes of the input (the BOM too).
  EXPECT_EQ(expect_input_error([&] { decode("\xEF\xBB\xBF" + lead_flipped, {}, "ru"); }).offset(), at + 3);

  // Lossy: each ill-formed maximal subpart becomes one U+FFFD; the rest is untouched.
  DecodeOptions lossy;
  lossy.lossy = true;
  const Decoded one = decode(trail_flipped, lossy, "ru");  // lead without its continuation
  EXPECT_EQ(one.replaced, 1u);
  EXPECT_EQ(one.text, original.substr(0, at) + "\xEF\xBF\xBD" + "A" + original.substr(at + 2));
  const Decoded two = decode(lead_flipped, lossy, "ru");  // 0xFF, then an orphaned continuation
  EXPECT_EQ(two.replaced, 2u);
  EXPECT_EQ(two.text, original.substr(0, at) + "\xEF\xBF\xBD\xEF\xBF\xBD" + original.substr(at + 2));
  EXPECT_TRUE(is_valid_utf8(two.text));
}

TEST(Decode, LossyCountsMaximalSubparts) {
  DecodeOptions lossy;
  lossy.lossy = true;
  // FF and FE are one subpart each; E2 82 cut off at the end is one.
  Decoded d = decode("Привет \xFF\xFE мир \xE2\x82", lossy, "x");
  EXPECT_EQ(d.replaced, 3u);
  EXPECT_EQ(d.text, "Привет \uFFFD\uFFFD мир \uFFFD");
  EXPECT_EQ(d.encoding, "UTF-8");
  // E0 80: E0 needs A0..BF next, so E0 alone is a subpart and 80 another (Unicode §3.9).
  d = decode("мир \xE0\x80!", lossy, "x");
  EXPECT_EQ(d.replaced, 2u);
  EXPECT_EQ(d.text, "мир \uFFFD\uFFFD!");
  // A truncated four-byte emoji followed by text: one replacement.
  d = decode("мир \xF0\x9F\x98 ok", lossy, "x");
  EXPECT_EQ(d.replaced, 1u);
  EXPECT_EQ(d.text, "мир \uFFFD ok");
}

TEST(Decode, ReplacementCharacterAlreadyInTheInputIsKeptAndNotCounted) {
  const std::string bytes = fixture("en_000_fffd.utf8.txt");
  ASSERT_NE(bytes.find("saw\xEF\xBF\xBD\xEF\xBF\xBD?"), std::string::npos);
  for (const bool lossy : {false, true}) {
    DecodeOptions options;
    options.lossy = lossy;
    const Decoded d = decode(bytes, options, "000");
    EXPECT_EQ(d.encoding, "UTF-8");
    EXPECT_EQ(d.text, bytes);
    EXPECT_EQ(d.replaced, 0u);
  }
  // The whole published file, when the shared corpora are present.
  const fs::path full = kShared / "interviews" / "000_5f32a5e8eb0474fb.txt";
  if (!fs::exists(full)) GTEST_SKIP() << full << " not found";
  const std::string all = read_file_bytes(full.string());
  const Document doc = make_document("000", all, {}, full.string());
  EXPECT_EQ(doc.text, all);
  EXPECT_EQ(doc.replaced, 0u);
  EXPECT_EQ(doc.lang, Lang::en);
}

TEST(Decode, ExplicitUtf8RefusesLegacyBytesAtTheFirstHighByte) {
  const std::string bytes = fixture("tr_latin5.iso-8859-9.txt");
  const auto first_high = static_cast<std::uint64_t>(
      std::find_if(bytes.begin(), bytes.end(), [](char c) { return (c & 0x80) != 0; }) - bytes.begin());
  DecodeOptions utf8;
  utf8.encoding = "utf8";
  EXPECT_EQ(expect_input_error([&] { decode(bytes, utf8, "tr"); }).offset(), first_high);
}

// ---- binary, empty, malformed UTF-16 -----------------------------------------------------------

TEST(Decode, NulByteIsBinaryWithItsOffset) {
  const InputError e = expect_input_error([] { decode(std::string("Host: hello\0world", 17), {}, "b.bin"); });
  EXPECT_EQ(e.offset(), 11u);
  EXPECT_EQ(e.problem(), "binary data (NUL byte); quotekit reads plain text");
  EXPECT_EQ(e.source(), "b.bin");
  // Also under an explicit 8-bit encoding, and in otherwise legacy text.
  DecodeOptions cp1251;
  cp1251.encoding = "cp1251";
  std::string legacy = fixture("ru.windows-1251.txt");
  legacy.insert(100, 1, '\0');
  EXPECT_EQ(expect_input_error([&] { decode(legacy, cp1251, "x"); }).offset(), 100u);
  EXPECT_EQ(expect_input_error([&] { decode(legacy, {}, "x"); }).offset(), 100u);
}

TEST(Decode, Utf16WithoutBomGetsAHintAndDecodesWhenNamed) {
  const std::string with_bom = fixture("tr.utf-16le-bom.txt");
  const std::string no_bom = with_bom.substr(2);
  const InputError e = expect_input_error([&] { decode(no_bom, {}, "x"); });
  EXPECT_EQ(e.offset(), 1u);  // "C\0u\0..." — the first NUL is byte 1
  EXPECT_NE(e.hint().find("--encoding UTF-16LE"), std::string::npos) << e.hint();
  DecodeOptions le;
  le.encoding = "UTF-16LE";
  EXPECT_EQ(decode(no_bom, le, "x").text, fixture("tr.utf8.txt"));
  // "utf-16" (no byte order given) needs the BOM.
  DecodeOptions generic;
  generic.encoding = "utf-16";
  EXPECT_EQ(decode(with_bom, generic, "x").encoding, "UTF-16LE");
  EXPECT_EQ(expect_input_error([&] { decode(no_bom, generic, "x"); }).offset(), 0u);
  // A BOM contradicting the named byte order is an error, not mojibake.
  DecodeOptions be;
  be.encoding = "utf16be";
  EXPECT_EQ(expect_input_error([&] { decode(with_bom, be, "x"); }).offset(), 0u);
}

TEST(Decode, MalformedUtf16) {
  // A lone high surrogate (D800) at byte 4, after the BOM and "a".
  const std::string lone(
      "\xFF\xFE"
      "a\0"
      "\x00\xD8"
      "b\0",
      8);
  const InputError e = expect_input_error([&] { decode(lone, {}, "u16"); });
  EXPECT_EQ(e.offset(), 4u);
  EXPECT_NE(e.problem().find("UTF-16LE"), std::string::npos) << e.problem();
  // Odd length: the last byte is half a code unit.
  const std::string odd(
      "\xFE\xFF"
      "\0a"
      "\0b"
      "c",
      7);
  EXPECT_EQ(expect_input_error([&] { decode(odd, {}, "u16"); }).offset(), 6u);
  // U+0000 as a UTF-16 character is binary data too, at its byte offset.
  const std::string nul(
      "\xFF\xFE"
      "a\0"
      "\0\0",
      6);
  const InputError b = expect_input_error([&] { decode(nul, {}, "u16"); });
  EXPECT_EQ(b.offset(), 4u);
  EXPECT_NE(b.problem().find("binary data"), std::string::npos);
  // Lossy replaces the lone surrogate.
  DecodeOptions lossy;
  lossy.lossy = true;
  const Decoded d = decode(lone, lossy, "u16");
  EXPECT_EQ(d.text, "a\uFFFDb");
  EXPECT_EQ(d.replaced, 1u);
  // A surrogate pair (U+1F600) decodes, also across the converter's chunk boundary.
  std::string big("\xFF\xFE", 2);
  for (int i = 0; i < 5000; ++i) big += std::string("\x3D\xD8\x00\xDE", 4);
  std::string expected;
  for (int i = 0; i < 5000; ++i) expected += "\U0001F600";
  EXPECT_EQ(decode(big, {}, "u16").text, expected);
}

TEST(Decode, EmptyInputAndUtf32) {
  for (const char* enc : {"", "utf8", "cp1251", "utf-16le"}) {
    DecodeOptions options;
    options.encoding = enc;
    const InputError e = expect_input_error([&] { decode("", options, "empty.txt"); });
    EXPECT_EQ(e.problem(), "file is empty");
    EXPECT_EQ(e.offset(), kNoOffset);
    EXPECT_STREQ(e.what(), "empty.txt: file is empty");
  }
  const InputError e = expect_input_error([] { decode(std::string("\xFF\xFE\0\0a\0\0\0", 8), {}, "u32"); });
  EXPECT_NE(e.problem().find("UTF-32"), std::string::npos);
}

TEST(Decode, InvalidBytesInAnExplicitLegacyEncoding) {
  // 0x98 is unassigned in windows-1251 (ICU maps it to the C1 control U+0098, never text).
  std::string bytes = fixture("ru.windows-1251.txt");
  bytes[50] = '\x98';
  DecodeOptions cp1251;
  cp1251.encoding = "Windows-1251";
  const InputError e = expect_input_error([&] { decode(bytes, cp1251, "x"); });
  EXPECT_EQ(e.offset(), 50u);
  EXPECT_NE(e.problem().find("0x98"), std::string::npos) << e.problem();
  EXPECT_NE(e.problem().find("windows-1251"), std::string::npos) << e.problem();
  cp1251.lossy = true;
  const Decoded d = decode(bytes, cp1251, "x");
  EXPECT_EQ(d.replaced, 1u);
  EXPECT_NE(d.text.find("\uFFFD"), std::string::npos);
  // ISO-8859-9 has only C1 controls at 0x80–0x9F: windows-1254 curly quotes named as Latin-5.
  DecodeOptions latin5;
  latin5.encoding = "latin5";
  const std::string cp1254 = fixture("tr.windows-1254.txt");
  const auto first_c1 = static_cast<std::uint64_t>(
      std::find_if(cp1254.begin(), cp1254.end(), [](char c) { return (c & 0xE0) == 0x80; }) - cp1254.begin());
  const InputError l5 = expect_input_error([&] { decode(cp1254, latin5, "x"); });
  EXPECT_EQ(l5.offset(), first_c1);
  EXPECT_NE(l5.problem().find("ISO-8859-9"), std::string::npos) << l5.problem();
}

// ---- options.encoding ------------------------------------------------------------------------

TEST(Decode, EncodingNamesAndAliases) {
  const std::map<std::string, std::string> aliases = {{"utf8", "UTF-8"},
                                                      {"UTF-8", "UTF-8"},
                                                      {"Utf_8", "UTF-8"},
                                                      {"utf-16le", "UTF-16LE"},
                                                      {"UTF16BE", "UTF-16BE"},
                                                      {"cp1251", "windows-1251"},
                                                      {"WIN-1251", "windows-1251"},
                                                      {"windows-1251", "windows-1251"},
                                                      {"koi8r", "KOI8-R"},
                                                      {"KOI8-R", "KOI8-R"},
                                                      {"cp1254", "windows-1254"},
                                                      {"Windows-1254", "windows-1254"},
                                                      {"latin5", "ISO-8859-9"},
                                                      {"iso-8859-9", "ISO-8859-9"},
                                                      {"ISO_8859-9", "ISO-8859-9"},
                                                      {"auto", ""},
                                                      {"", ""}};
  for (const auto& [alias, canonical] : aliases)
    EXPECT_EQ(detail::canonical_encoding(alias), canonical) << alias;
  try {
    detail::canonical_encoding("latin1");
    ADD_FAILURE() << "latin1 accepted";
  } catch (const UsageError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("'latin1'"), std::string::npos);
    for (const char* name :
         {"UTF-8", "UTF-16LE", "UTF-16BE", "windows-1251", "KOI8-R", "windows-1254", "ISO-8859-9"})
      EXPECT_NE(what.find(name), std::string::npos) << name;
    EXPECT_EQ(e.code(), ExitCode::usage);
  }
  DecodeOptions bad;
  bad.encoding = "ebcdic";
  EXPECT_THROW(decode("text", bad, "x"), UsageError);
}

TEST(Decode, ExplicitEncodingOverridesDetection) {
  // KOI8-R bytes read as windows-1251 on request: no error, but not the original text.
  const std::string koi8 = fixture("ru_koi8.koi8-r.txt");
  DecodeOptions cp1251;
  cp1251.encoding = "cp1251";
  const Decoded forced = decode(koi8, cp1251, "x");
  EXPECT_EQ(forced.encoding, "windows-1251");
  EXPECT_NE(forced.text, fixture("ru_koi8.utf8.txt"));
  EXPECT_TRUE(is_valid_utf8(forced.text));
  // ISO-8859-9 text named as windows-1254 (they agree outside 0x80–0x9F).
  DecodeOptions cp1254;
  cp1254.encoding = "cp1254";
  const Decoded tr = decode(fixture("tr_latin5.iso-8859-9.txt"), cp1254, "x");
  EXPECT_EQ(tr.encoding, "windows-1254");
  EXPECT_EQ(tr.text, fixture("tr_latin5.utf8.txt"));
  // A UTF-8 BOM is removed under an explicit UTF-8.
  DecodeOptions utf8;
  utf8.encoding = "UTF-8";
  EXPECT_EQ(decode(fixture("ru.utf-8-bom.txt"), utf8, "x").text, fixture("ru.utf8.txt"));
}

// ---- real sentences from the shared corpora, one document per sentence --------------------------

struct LineStats {
  int total = 0, exact_name = 0, exact_text = 0, skipped = 0;
};

// Encodes each line (upper-cased under `caps_locale` unless null), decodes it with detection.
LineStats round_trip_lines(const std::vector<std::string>& lines, const char* encoding,
                           const char* caps_locale,
                           const std::function<std::string(const std::string&)>& expected_name) {
  LineStats s;
  for (const std::string& line : lines) {
    const std::string text = caps_locale ? upper(line, caps_locale) : line;
    const auto bytes = encode(text, encoding);
    if (!bytes || is_valid_utf8(*bytes)) {  // unencodable, or all ASCII: nothing to detect
      ++s.skipped;
      continue;
    }
    ++s.total;
    const Decoded d = decode(*bytes, {}, "line");
    s.exact_name += d.encoding == expected_name(*bytes);
    s.exact_text += d.text == text;
  }
  return s;
}

TEST(DecodeShared, NtrexRussianSentencesInWindows1251AndKoi8R) {
  SHARED_LINES_OR_SKIP(lines, "ntrex-en-ru-tr/newstest2019-ref.rus.txt", 300);
  for (const char* enc : {"windows-1251", "KOI8-R"}) {
    const auto same = [&](const std::string&) { return std::string(enc); };
    const LineStats s = round_trip_lines(lines, enc, nullptr, same);
    // One sentence each: every one must come out right (measured 300/300 and 206/206).
    EXPECT_GT(s.total, 200) << enc;
    EXPECT_EQ(s.exact_name, s.total) << enc;
    EXPECT_EQ(s.exact_text, s.total) << enc;
    // ALL CAPS leaves only letter frequency to go on (measured 300/300 and 206/206; over all
    // 1997 lines, 1 miss).
    const LineStats caps = round_trip_lines(lines, enc, "ru", same);
    EXPECT_GE(caps.exact_text * 100, caps.total * 99)
        << enc << " all caps " << caps.exact_text << "/" << caps.total;
  }
  // The 300 sentences as one document.
  std::string joined;
  for (const std::string& l : lines) joined += l + "\n";
  const auto bytes = encode(joined, "windows-1251");
  ASSERT_TRUE(bytes);
  const Decoded d = decode(*bytes, {}, "doc");
  EXPECT_EQ(d.encoding, "windows-1251");
  EXPECT_EQ(d.text, joined);
}

TEST(DecodeShared, NtrexTurkishSentencesInWindows1254AndIso88599) {
  SHARED_LINES_OR_SKIP(lines, "ntrex-en-ru-tr/newstest2019-ref.tur.txt", 300);
  // windows-1254 is reported exactly when a byte in 0x80–0x9F occurs; otherwise the two
  // encodings decode identically and ISO-8859-9 is reported.
  const auto c1_decides = [](const std::string& bytes) {
    const bool c1 = std::any_of(bytes.begin(), bytes.end(), [](char c) { return (c & 0xE0) == 0x80; });
    return std::string(c1 ? "windows-1254" : "ISO-8859-9");
  };
  for (const char* enc : {"windows-1254", "ISO-8859-9"}) {
    for (const char* caps : {static_cast<const char*>(nullptr), "tr"}) {
      const LineStats s = round_trip_lines(lines, enc, caps, c1_decides);
      EXPECT_GT(s.total, 250) << enc;
      EXPECT_EQ(s.exact_name, s.total) << enc;
      EXPECT_EQ(s.exact_text, s.total) << enc;
    }
  }
}

// ---- language identification -----------------------------------------------------------------

double share(const std::vector<std::string>& lines, Lang want, std::vector<std::string>* misses = nullptr) {
  int hits = 0;
  for (const std::string& l : lines) {
    if (identify_language(l) == want)
      ++hits;
    else if (misses && misses->size() < 10)
      misses->push_back(l);
  }
  return static_cast<double>(hits) / static_cast<double>(lines.size());
}

TEST(IdentifyLanguage, NtrexSentences) {
  // 300 single sentences per language. Measured: en 298, ru 300, tr 297, Azerbaijani → other
  // 299 (the misses are headlines without function words and three-word sentences).
  struct Set {
    const char* file;
    Lang want;
    double min;
  };
  for (const Set& set :
       {Set{"newstest2019-src.eng.txt", Lang::en, 0.97}, Set{"newstest2019-ref.rus.txt", Lang::ru, 0.99},
        Set{"newstest2019-ref.tur.txt", Lang::tr, 0.97},
        Set{"newstest2019-ref.aze-Latn.txt", Lang::other, 0.97}}) {
    SHARED_LINES_OR_SKIP(lines, std::string("ntrex-en-ru-tr/") + set.file, 300);
    ASSERT_EQ(lines.size(), 300u);
    std::vector<std::string> misses;
    const double got = share(lines, set.want, &misses);
    EXPECT_GE(got, set.min) << set.file << ": " << got << ", e.g. " << (misses.empty() ? "" : misses.front());
  }
}

TEST(IdentifyLanguage, NtrexDocuments) {
  // Whole documents (all 1997 lines) are unambiguous.
  for (const auto& [file, want] :
       std::vector<std::pair<std::string, Lang>>{{"newstest2019-src.eng.txt", Lang::en},
                                                 {"newstest2019-ref.rus.txt", Lang::ru},
                                                 {"newstest2019-ref.tur.txt", Lang::tr},
                                                 {"newstest2019-ref.aze-Latn.txt", Lang::other}}) {
    const fs::path path = kShared / "ntrex-en-ru-tr" / file;
    if (!fs::exists(path)) GTEST_SKIP() << path << " not found";
    EXPECT_EQ(identify_language(read_file_bytes(path.string())), want) << file;
  }
}

TEST(IdentifyLanguage, EnglishInterviews) {
  const fs::path dir = kShared / "interviews";
  if (!fs::exists(dir)) GTEST_SKIP() << dir << " not found";
  std::vector<std::string> paragraphs;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string text = read_file_bytes(entry.path().string());
    EXPECT_EQ(identify_language(text), Lang::en) << entry.path();
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t nl = text.find('\n', start);
      if (nl == std::string::npos) nl = text.size();
      if (nl - start >= 200) paragraphs.push_back(text.substr(start, nl - start));
      start = nl + 1;
    }
  }
  ASSERT_GT(paragraphs.size(), 500u);
  std::vector<std::string> misses;
  EXPECT_GE(share(paragraphs, Lang::en, &misses), 0.99) << (misses.empty() ? "" : misses.front());
}

TEST(IdentifyLanguage, OtherLanguagesAndTooLittleText) {
  // One sentence each, written for this test ("The president said that the war was over and
  // that negotiations would begin soon in the capital.").
  const std::vector<std::pair<std::string, Lang>> cases = {
      {"The president said that the war was over and that negotiations would begin soon in the capital.",
       Lang::en},
      {"Президент заявил, что война окончена и переговоры скоро начнутся в столице.", Lang::ru},
      {"Cumhurbaşkanı savaşın bittiğini ve müzakerelerin yakında başkentte başlayacağını söyledi.", Lang::tr},
      {"TÜRKİYE BÜYÜK MİLLET MECLİSİ OLAĞANÜSTÜ TOPLANDI", Lang::tr},
      {"Prezident bildirib ki, müharibə bitib və danışıqlar tezliklə paytaxtda başlayacaq.", Lang::other},
      {"Президент заявив, що війна закінчилася і переговори незабаром почнуться у столиці.", Lang::other},
      {"El presidente dijo que la guerra había terminado y que las negociaciones comenzarían pronto.",
       Lang::other},
      {"Der Präsident sagte, dass der Krieg vorbei sei und die Verhandlungen bald beginnen würden.",
       Lang::other},
      {"Le président a déclaré que la guerre était terminée et que les négociations commenceraient bientôt.",
       Lang::other},
      {"O presidente disse que a guerra tinha acabado e que as negociações começariam em breve na capital.",
       Lang::other},
      {"De president zei dat de oorlog voorbij was en dat de onderhandelingen binnenkort in de hoofdstad "
       "zouden "
       "beginnen.",
       Lang::other},
      {"Ο πρόεδρος είπε ότι ο πόλεμος τελείωσε και οι διαπραγματεύσεις θα ξεκινήσουν σύντομα.", Lang::other},
      {"Նախագահը հայտարարեց, որ պատերազմն ավարտվել է։", Lang::other},
      {"", Lang::unknown},
      {"42 — 17 (2020)", Lang::unknown},
      {"Да.", Lang::unknown},
      {"Nagorno Karabakh", Lang::unknown},
  };
  for (const auto& [text, want] : cases) EXPECT_EQ(identify_language(text), want) << text;
}

TEST(IdentifyLanguage, ReadsOnlyABoundedPrefix) {
  // 64 KiB of Turkish, then English: the prefix decides. A cut inside a character is harmless.
  std::string tr;
  while (tr.size() < 70 * 1024)
    tr += "Hacıyev, işgal altındaki toprakların kurtarılması için çağrıda bulundu. ";
  const std::string en = "The president said that the war was over and that talks would begin. ";
  std::string mixed = tr;
  for (int i = 0; i < 5000; ++i) mixed += en;
  EXPECT_EQ(identify_language(mixed), Lang::tr);
}

// ---- make_document -----------------------------------------------------------------------------

TEST(MakeDocument, DecodesIdentifiesAndRecordsProvenance) {
  const std::string bytes = fixture("ru_koi8.koi8-r.txt");
  const Document doc = make_document("osce", bytes, {}, "testdata/ru_koi8.koi8-r.txt");
  EXPECT_EQ(doc.id, "osce");
  EXPECT_EQ(doc.text, fixture("ru_koi8.utf8.txt"));
  EXPECT_EQ(doc.encoding, "KOI8-R");
  EXPECT_EQ(doc.source, "testdata/ru_koi8.koi8-r.txt");
  EXPECT_EQ(doc.lang, Lang::ru);
  EXPECT_EQ(doc.replaced, 0u);

  DecodeOptions forced;
  forced.lang = Lang::tr;
  EXPECT_EQ(make_document("osce", bytes, forced, "x").lang, Lang::tr);
}

}  // namespace
}  // namespace quotekit
