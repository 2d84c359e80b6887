// identify_language: en / ru / tr / other / unknown from script and a few function words.
//
// quotekit only needs to know which of its three languages (English, Russian, Turkish) a text is
// in, to pick stemmer and stop words; everything else is "other". A full n-gram identifier would
// be overkill for that, and script plus function words are hard to fool at document size:
//  1. Read at most the first 64 KiB, counting letters by script (ICU uscript_getScript):
//     Cyrillic, Latin, anything else. Fewer than 3 letters → unknown.
//  2. Cyrillic the largest → ru, unless letters of other Cyrillic alphabets (Ukrainian і ї є ґ,
//     Belarusian ў, Serbian/Macedonian ђ ј љ њ ћ џ ѓ ќ ѕ, Kazakh ә ғ қ ң ө ұ ү һ) make up ≥ 3 %
//     of them and outnumber the Russian-only letters ы э ъ ё two to one → other.
//     (Bulgarian has none of those markers and comes out ru: a known limit.)
//  3. Another script the largest (Greek, Armenian, Arabic, Han, ...) → other.
//  4. Latin. Words are runs of letters; an apostrophe inside a word joins it ("CNN'i" is one
//     word, not "CNN" + the English-looking "i"). Three kinds of evidence, one count per word:
//       English  — an English function word;
//       Turkic   — a Turkish function word, or a word with ğ ş ı İ or ə, or an Azerbaijani
//                  function word (Turkish and Azerbaijani share ğ ş ı İ and much grammar);
//       Azerbaijani vs Turkish — words with ə and Azerbaijani-only function words (üçün, deyil,
//                  çox, ...) against Turkish-only function words (için, değil, çok, ...).
//     Turkic wins and covers ≥ 5 % of the words → tr, except → other when the Azerbaijani-only
//     evidence beats the Turkish-only evidence, or when Latin letters of neither alphabet
//     (ă ţ é ñ ł ä ß ...) are ≥ 1.5 % of the letters and outnumber ğ ş ı İ (Romanian has ş too).
//     English wins and covers ≥ 10 % of the words (English function words are dense) → en.
//     Otherwise other, or unknown with fewer than 20 Latin letters.
//     Azerbaijani is "other", not tr: it is a distinct language, and Turkish stems and stop
//     words would misfire on it.
// The lists avoid words common in other Latin-script languages ("de", "da", "en", "a", "o",
// "die", "her"), so Spanish, French or German text finds little evidence and comes out other.
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "quotekit/document.hpp"

namespace quotekit {

namespace {

constexpr std::size_t kSampleBytes = 64 * 1024;

// Function words, lower case.
constexpr std::string_view kEnglishWords[] = {
    "a",    "about", "after", "all",   "also",  "an",    "and",   "are",  "as",    "at",   "be",
    "been", "but",   "by",    "can",   "could", "for",   "from",  "had",  "has",   "have", "he",
    "him",  "his",   "i",     "in",    "into",  "is",    "it",    "its",  "just",  "more", "my",
    "not",  "of",    "on",    "one",   "or",    "our",   "out",   "over", "said",  "she",  "so",
    "than", "that",  "the",   "their", "them",  "there", "these", "they", "this",  "to",   "up",
    "was",  "we",    "were",  "what",  "which", "who",   "will",  "with", "would", "you",  "your"};
// Turkish function words shared with Azerbaijani...
constexpr std::string_view kTurkicWords[] = {"bir", "bu",   "bunu",  "daha", "hem", "ise",
                                             "ki",  "olan", "sonra", "şu",   "yok"};
// ... and the ones Azerbaijani spells differently (ve/və, için/üçün, değil/deyil, çok/çox, ...).
constexpr std::string_view kTurkishOnlyWords[] = {
    "ama",      "ancak", "ayrıca", "bile",       "çok",   "çünkü", "değil", "diye",   "eden",
    "ediyor",   "etti",  "gibi",   "göre",       "için",  "ile",   "kadar", "olarak", "olduğu",
    "olduğunu", "şey",   "şimdi",  "tarafından", "üzere", "ve",    "veya",  "yani"};
// Azerbaijani function words without ə (words with ə count anyway).
constexpr std::string_view kAzerbaijaniWords[] = {"amma",  "artıq",  "bildirib", "çox",  "çünki",
                                                  "deyil", "edib",   "kimi",     "olub", "qarşı",
                                                  "üçün",  "yoxdur", "xeyli"};
// Frequent function words of other Latin-script languages (Spanish, French, Italian, Portuguese,
// German, Dutch, Scandinavian, Polish, Romanian) that English text rarely has: they keep a
// Portuguese "a ... as" or a Dutch "was ... in" from passing as English.
constexpr std::string_view kOtherLatinWords[] = {
    "att", "auf", "că",  "con",   "dans", "das", "de",  "del",  "dem", "den", "der",  "des",  "di",
    "du",  "een", "ein", "eine",  "el",   "est", "et",  "het",  "il",  "ist", "jest", "la",   "las",
    "le",  "les", "mit", "nicht", "nie",  "não", "och", "para", "pas", "por", "pour", "que",  "se",
    "się", "som", "sur", "şi",    "și",   "în",  "und", "una",  "une", "uma", "van",  "zijn", "zu"};

enum WordClass : unsigned {
  kEnglish = 1,
  kTurkic = 2,       // Turkish or Azerbaijani
  kTurkishOnly = 4,  // (implies kTurkic)
  kAzerbaijaniOnly = 8,
  kOtherLatin = 16,
};

// All lists in one small open-addressing hash table, built once: one probe or two per word.
class Lexicon {
 public:
  Lexicon() {
    add(kEnglishWords, kEnglish);
    add(kTurkicWords, kTurkic);
    add(kTurkishOnlyWords, kTurkic | kTurkishOnly);
    add(kAzerbaijaniWords, kAzerbaijaniOnly);
    add(kOtherLatinWords, kOtherLatin);
  }
  unsigned classify(std::string_view word) const {
    if (word.size() > max_length_) return 0;
    for (std::size_t i = hash(word);; i = (i + 1) & kMask) {
      const Slot& s = slots_[i];
      if (s.word.empty()) return 0;
      if (s.word == word) return s.classes;
    }
  }
  static const Lexicon& get() {
    static const Lexicon lexicon;
    return lexicon;
  }

 private:
  static constexpr std::size_t kSlots = 512, kMask = kSlots - 1;  // > 2× the words: short probes
  struct Slot {
    std::string_view word;
    unsigned classes = 0;
  };
  static std::size_t hash(std::string_view w) noexcept {  // FNV-1a
    std::uint32_t h = 2166136261u;
    for (const char c : w) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return h & kMask;
  }
  template <std::size_t N>
  void add(const std::string_view (&words)[N], unsigned classes) {
    for (const std::string_view w : words) {
      max_length_ = std::max(max_length_, w.size());
      for (std::size_t i = hash(w);; i = (i + 1) & kMask) {
        Slot& s = slots_[i];
        if (s.word.empty() || s.word == w) {  // a word in two lists gets both classes
          s.word = w;
          s.classes |= classes;
          break;
        }
      }
    }
  }
  std::array<Slot, kSlots> slots_{};
  std::size_t max_length_ = 0;
};

bool one_of(UChar32 c, std::u16string_view set) noexcept {
  return c > 0 && c < 0x10000 && set.find(static_cast<char16_t>(c)) != std::u16string_view::npos;
}

// Turkish letters beyond ASCII; â î û appear in loanwords.
bool is_turkish_letter(UChar32 c) noexcept { return one_of(c, u"çÇğĞıİöÖşŞüÜâÂîÎûÛ"); }
// The letters that single Turkish (and Azerbaijani) out among the Latin alphabets.
bool is_turkish_marker(UChar32 c) noexcept { return one_of(c, u"ğĞşŞıİ"); }
bool is_russian_only(UChar32 c) noexcept { return one_of(c, u"ыЫэЭъЪёЁ"); }
// Letters of Ukrainian, Belarusian, Serbian, Macedonian and Kazakh Cyrillic that Russian lacks.
bool is_other_cyrillic(UChar32 c) noexcept {
  return one_of(c, u"іІїЇєЄґҐўЎђЂјЈљЉњЊћЋџЏѓЃќЌѕЅәӘғҒқҚңҢөӨұҰүҮһҺ");
}

struct Counts {
  std::size_t cyrillic = 0, latin = 0, other_script = 0;
  std::size_t russian_only = 0, other_cyrillic = 0;
  std::size_t foreign_latin = 0, turkish_markers = 0;
  std::size_t non_ascii_latin = 0;
  std::size_t latin_words = 0, english = 0, other_latin = 0, turkic = 0, turkish_only = 0,
              azerbaijani_only = 0;
};

// The Latin word being read.
struct Word {
  std::string text;  // lower case, while short enough to be a function word
  bool marker = false, schwa = false, too_long = false;
  bool suffix = false;  // follows an apostrophe after a digit: "70'i" (a suffix, not a word)
  bool active = false;
};

// Ends a Latin word: looks it up and scores it. Keeps the word's buffer for the next one.
void finish_word(Word& w, Counts& n) {
  if (!w.active) return;
  ++n.latin_words;
  std::string_view t = w.too_long || w.suffix ? std::string_view() : std::string_view(w.text);
  // Before an apostrophe: English contractions ("they're") keep their function word; in Turkish
  // the part before it is a proper name ("Türkiye'nin"), which no list holds anyway.
  t = t.substr(0, t.find('\''));
  const unsigned cls = t.empty() ? 0u : Lexicon::get().classify(t);
  if (cls & kEnglish) ++n.english;
  if (cls & kOtherLatin) ++n.other_latin;
  if (w.schwa || (cls & kAzerbaijaniOnly)) {
    ++n.azerbaijani_only;
    ++n.turkic;
  } else if (w.marker || (cls & kTurkic)) {
    ++n.turkic;
  }
  if (cls & kTurkishOnly) ++n.turkish_only;
  w.text.clear();
  w.marker = w.schwa = w.too_long = w.suffix = w.active = false;
}

constexpr bool is_ascii_letter(UChar32 c) noexcept { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

}  // namespace

Lang identify_language(std::string_view utf8_text) {
  const auto* s = reinterpret_cast<const uint8_t*>(utf8_text.data());
  const auto length = static_cast<int32_t>(std::min(utf8_text.size(), kSampleBytes));
  Counts n;
  Word word;
  bool prev_digit = false, after_digit_apostrophe = false;
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0) {  // only at a sample boundary cutting a character (the text is valid UTF-8)
      finish_word(word, n);
      continue;
    }
    // An apostrophe inside a Latin word keeps it going (Turkish suffixes: "Türkiye'nin"); after
    // a number it starts a suffix ("70'i").
    const bool apostrophe = c == '\'' || c == 0x2019;
    if (word.active && apostrophe) {
      word.text.push_back('\'');
      continue;
    }
    const bool suffix_next = apostrophe && prev_digit;
    prev_digit = c >= '0' && c <= '9';
    const bool ascii_letter = is_ascii_letter(c);
    if (c < 0x80 && !ascii_letter) {
      finish_word(word, n);
      after_digit_apostrophe = suffix_next;
      continue;
    }
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = ascii_letter ? USCRIPT_LATIN : uscript_getScript(c, &status);
    const bool letter = ascii_letter || u_isalpha(c);
    if (letter && script == USCRIPT_LATIN) {
      ++n.latin;
      if (!ascii_letter) {
        ++n.non_ascii_latin;
        if (is_turkish_marker(c)) {
          ++n.turkish_markers;
          word.marker = true;
        }
        if (c == 0x0259 || c == 0x018F)
          word.schwa = true;  // ə Ə
        else if (!is_turkish_letter(c))
          ++n.foreign_latin;
      }
      if (!word.active) word.suffix = after_digit_apostrophe;
      word.active = true;
      if (word.text.size() < 24) {
        if (ascii_letter) {
          word.text.push_back(static_cast<char>(c | 0x20));
        } else {
          char buf[4];
          int32_t len = 0;
          U8_APPEND_UNSAFE(buf, len, u_tolower(c));
          word.text.append(buf, static_cast<std::size_t>(len));
        }
      } else {
        word.too_long = true;
      }
      continue;
    }
    // Combining marks (e.g. the dot of a decomposed İ) continue the word.
    if (word.active && u_getCombiningClass(c) != 0) continue;
    finish_word(word, n);
    after_digit_apostrophe = suffix_next;
    if (!letter) continue;
    if (script == USCRIPT_CYRILLIC) {
      ++n.cyrillic;
      if (is_russian_only(c)) ++n.russian_only;
      if (is_other_cyrillic(c)) ++n.other_cyrillic;
    } else if (script != USCRIPT_COMMON && script != USCRIPT_INHERITED) {
      ++n.other_script;
    }
  }
  finish_word(word, n);

  const std::size_t letters = n.cyrillic + n.latin + n.other_script;
  if (letters < 3) return Lang::unknown;
  if (n.cyrillic >= n.latin && n.cyrillic >= n.other_script) {
    const bool other_alphabet =
        n.other_cyrillic * 100 >= n.cyrillic * 3 && n.other_cyrillic > 2 * n.russian_only;
    return other_alphabet ? Lang::other : Lang::ru;
  }
  if (n.other_script > n.latin) return Lang::other;

  if (n.turkic > n.english && n.turkic * 20 >= n.latin_words) {
    if (n.azerbaijani_only > n.turkish_only) return Lang::other;
    if (n.foreign_latin * 1000 >= n.latin * 15 && n.foreign_latin > n.turkish_markers) return Lang::other;
    return Lang::tr;
  }
  // English: enough function words, more than any other language's, and little beyond ASCII
  // (unless the function words are so dense that accented names cannot change the verdict).
  const bool ascii_like = n.non_ascii_latin * 1000 < n.latin * 15 || n.english * 4 >= n.latin_words;
  if (n.english > n.turkic && n.english > n.other_latin && n.english * 10 >= n.latin_words && ascii_like)
    return Lang::en;
  return n.latin < 20 ? Lang::unknown : Lang::other;
}

}  // namespace quotekit
