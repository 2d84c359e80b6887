// Sentence boundaries: ICU's sentence break rules (sentence_break.cpp), corrected by rules that
// real interview text needs (see segment_internal.hpp).
#include <unicode/udata.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <array>
#include <initializer_list>
#include <unordered_map>
#include <unordered_set>

#include "segment_internal.hpp"
#include "segment_text.hpp"

namespace quotekit::detail {
namespace {

// A hashed set of folded words; built once. The views point at string literals.
class WordSet {
 public:
  WordSet(std::initializer_list<std::string_view> words) : words_(words) {}
  bool contains(std::string_view w) const noexcept { return words_.count(w) != 0; }
  const std::unordered_set<std::string_view>& words() const noexcept { return words_; }

 private:
  std::unordered_set<std::string_view> words_;
};

// Abbreviations whose period rarely ends a sentence (folded, no final period). Dotted acronyms
// (U.S., т.е., A.Ş.) and single-letter initials are recognized without a list.
const WordSet& abbreviations(Lang lang) {
  static const WordSet en{
      "mr",   "mrs",  "ms",   "messrs", "mmes", "dr",     "prof",  "gen",  "lt",   "col",  "capt", "cpt",
      "sgt",  "maj",  "adm",  "cmdr",   "sen",  "rep",    "gov",   "pres", "rev",  "hon",  "st",   "mt",
      "ft",   "jr",   "sr",   "vs",     "cf",   "approx", "dept",  "univ", "inc",  "ltd",  "co",   "corp",
      "jan",  "feb",  "mar",  "apr",    "jun",  "jul",    "aug",   "sep",  "sept", "oct",  "nov",  "dec",
      "mon",  "tue",  "tues", "wed",    "thu",  "thur",   "thurs", "fri",  "sat",  "sun",  "al",   "ave",
      "blvd", "rd",   "assn", "bros",   "est",  "min",    "max",   "ca",   "viz",  "excl", "incl", "govt",
      "amb",  "supt", "cmdt", "brig",   "pvt",  "cpl",    "atty",  "mme",  "mlle"};
  static const WordSet ru{
      "г",    "гг",   "т",    "д",    "п",   "ул",    "им",   "ст",  "см",  "тыс",   "млн",  "млрд", "трлн",
      "руб",  "коп",  "проф", "акад", "доц", "ген",   "полк", "кв",  "обл", "р",     "с",    "гос",  "св",
      "напр", "англ", "рус",  "лат",  "нем", "франц", "пос",  "дер", "пер", "просп", "пл",   "наб",  "корп",
      "ср",   "мин",  "сек",  "ч",    "кг",  "км",    "м",    "л",   "вв",  "н",     "э",    "чел",  "ед",
      "шт",   "нач",  "зам",  "пред", "ред", "сост",  "изд",  "гл",  "янв", "фев",   "февр", "мар",  "апр",
      "авг",  "сент", "окт",  "нояб", "дек", "г-н",   "г-жа", "ок",  "отд"};
  static const WordSet tr{
      "dr",  "prof", "doç",  "av",   "yrd", "sn",  "bkz", "örn", "yy",  "cad", "sok", "mah", "alb", "org",
      "gen", "korg", "tümg", "tuğg", "yzb", "bşk", "müd", "şti", "ltd", "bl",  "apt", "mr",  "mrs", "st",
      "vs",  "vb",   "vd",   "ord",  "öğr", "gör", "uzm", "op",  "ecz", "müh", "mim", "hz",  "oca", "şub",
      "nis", "haz",  "tem",  "ağu",  "eyl", "eki", "kas", "ara", "sf",  "c",   "md",  "inş", "san", "tic"};
  switch (lang) {
    case Lang::ru:
      return ru;
    case Lang::tr:
      return tr;
    default:
      return en;
  }
}

// Abbreviations only before a number ("No. 5", "рис. 3"); "say no. That" ends a sentence.
const WordSet& number_abbreviations(Lang lang) {
  static const WordSet en{"no", "nos", "fig", "figs", "vol", "vols", "pp", "p", "art", "ch", "sec"};
  static const WordSet ru{"рис", "стр", "тел"};
  static const WordSet tr{"no", "s", "md", "sf"};
  switch (lang) {
    case Lang::ru:
      return ru;
    case Lang::tr:
      return tr;
    default:
      return en;
  }
}

// CLDR entries that are ordinary words closing many English sentences ("the Helsinki Final
// Act. Principle ...", "Go."): not treated as abbreviations.
bool cldr_noise(std::string_view entry) {
  static const WordSet noise{"Act", "All", "As",  "By",  "Cap",  "Do",   "Go",   "Hat",
                             "In",  "Is",  "Job", "Joe", "Link", "Long", "Mart", "Ok",
                             "OK",  "On",  "Or",  "To",  "Up",   "Id",   "Ed",   "Pro"};
  return noise.contains(entry);
}

// Abbreviations that usually do end a sentence when a capital follows ("... pears etc. The").
const WordSet& final_prone() {
  static const WordSet s{"etc", "т.д", "т.п", "др", "пр", "vb", "vd"};
  return s;
}

// Common sentence-initial words (folded). After an abbreviation, a following word in this list
// means the period did end the sentence ("in the U.S. Then ..."); any other word means it did
// not ("the U.S. Fox News", "Mr. President", "т.е. Инстаграмма", "г. Остин").
const WordSet& sentence_starters(Lang lang) {
  static const WordSet en{
      "the",         "a",         "an",        "this",      "that",      "these",       "those",
      "it",          "its",       "it's",      "he",        "she",       "we",          "they",
      "i",           "you",       "there",     "here",      "but",       "and",         "or",
      "so",          "yet",       "however",   "in",        "on",        "at",          "as",
      "if",          "when",      "after",     "before",    "since",     "for",         "with",
      "by",          "from",      "to",        "of",        "our",       "my",          "his",
      "her",         "their",     "your",      "what",      "why",       "how",         "who",
      "whose",       "where",     "which",     "then",      "now",       "also",        "all",
      "some",        "many",      "most",      "not",       "one",       "each",        "every",
      "both",        "such",      "while",     "although",  "though",    "because",     "thus",
      "therefore",   "moreover",  "meanwhile", "still",     "yes",       "thank",       "thanks",
      "let",         "please",    "today",     "yesterday", "tomorrow",  "last",        "next",
      "during",      "according", "despite",   "instead",   "indeed",    "furthermore", "nevertheless",
      "nonetheless", "otherwise", "besides",   "later",     "earlier",   "finally",     "first",
      "second",      "other",     "another",   "any",       "more",      "only",        "even",
      "just",        "well",      "again",     "once",      "never",     "always",      "do",
      "does",        "did",       "is",        "are",       "was",       "were",        "has",
      "have",        "had",       "will",      "would",     "can",       "could",       "should",
      "may",         "might",     "must",      "over",      "about",     "against",     "between",
      "without",     "among",     "until",     "unless",    "whether",   "nor",         "neither",
      "either",      "nobody",    "none",      "someone",   "something", "nothing",     "everything",
      "everyone",    "us",        "them",      "him",       "me",        "i'm",         "we're",
      "don't",       "that's",    "there's",   "in",        "no"};
  static const WordSet ru{
      "и",       "в",      "во",       "на",       "но",       "а",         "это",    "этот",   "эта",
      "эти",     "то",     "тот",      "та",       "те",       "он",        "она",    "оно",    "они",
      "мы",      "я",      "вы",       "ты",       "по",       "с",         "со",     "к",      "ко",
      "за",      "из",     "от",       "до",       "для",      "при",       "как",    "что",    "так",
      "же",      "не",     "ни",       "нет",      "да",       "если",      "когда",  "после",  "перед",
      "однако",  "также",  "тоже",     "там",      "тут",      "здесь",     "сейчас", "потом",  "затем",
      "кроме",   "все",    "всё",      "весь",     "вся",      "его",       "ее",     "её",     "их",
      "наш",     "наша",   "наши",     "мой",      "у",        "о",         "об",     "уже",    "еще",
      "ещё",     "именно", "поэтому",  "причем",   "причём",   "хотя",      "чтобы",  "где",    "кто",
      "почему",  "зачем",  "какой",    "какая",    "какие",    "сегодня",   "вчера",  "завтра", "между",
      "впрочем", "кстати", "итак",     "более",    "менее",    "лишь",      "только", "даже",   "вот",
      "ведь",    "или",    "либо",     "будет",    "был",      "была",      "были",   "есть",   "можно",
      "нужно",   "надо",   "согласно", "по-моему", "в-первых", "во-вторых", "спасибо"};
  static const WordSet tr{
      "bu",      "bir",   "ve",      "ama",   "ancak",  "fakat",    "o",           "ben",     "biz",
      "siz",     "sen",   "onlar",   "şu",    "bunun",  "bunu",     "buna",        "için",    "ile",
      "de",      "da",    "her",     "daha",  "en",     "çok",      "sonra",       "önce",    "ayrica",
      "şimdi",   "bugün", "dün",     "yarin", "ise",    "gibi",     "hem",         "ne",      "nasil",
      "neden",   "niçin", "evet",    "hayir", "yani",   "çünkü",    "eğer",        "böylece", "bunlar",
      "şunu",    "öte",   "diğer",   "tüm",   "bütün",  "hiç",      "hiçbir",      "bazi",    "birçok",
      "ayni",    "kendi", "bence",   "belki", "artik",  "hâlâ",     "hala",        "henüz",   "zaten",
      "üstelik", "oysa",  "halbuki", "yine",  "tekrar", "teşekkür", "teşekkürler", "olarak",  "ilk"};
  switch (lang) {
    case Lang::ru:
      return ru;
    case Lang::tr:
      return tr;
    default:
      return en;
  }
}

// CLDR's sentence-break suppressions ("Mr.", "U.S.", "Ph.D.", "проф.", "тыс."), read from
// ICU's own data (brkitr/<lang>.res, exceptions/SentenceBreak) — the list behind the
// "@ss=standard" locale keyword. ICU 72 has one for en (151 entries) and ru (18), none for tr.
// We apply it ourselves instead of through ICU's FilteredBreakIterator: that wrapper re-clones
// the UText at every boundary (measured 190 → 108 MB/s on the interviews) and, in ICU 72, misses
// entries such as "U.S." whose suffix "S." is an entry too. Entries are kept case-sensitive and
// without the final period; a match counts as an abbreviation like our own lists.
std::vector<std::string> load_cldr_suppressions(const char* locale) {
  std::vector<std::string> out;
  UErrorCode status = U_ZERO_ERROR;
  UResourceBundle* bundle = ures_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", locale, &status);
  if (U_FAILURE(status) || status == U_USING_DEFAULT_WARNING) {
    ures_close(bundle);
    return out;
  }
  UResourceBundle* exceptions = ures_getByKey(bundle, "exceptions", nullptr, &status);
  UResourceBundle* list = ures_getByKey(exceptions, "SentenceBreak", nullptr, &status);
  if (U_SUCCESS(status)) {
    const int32_t n = ures_getSize(list);
    for (int32_t i = 0; i < n; ++i) {
      int32_t len = 0;
      UErrorCode st = U_ZERO_ERROR;
      const UChar* u = ures_getStringByIndex(list, i, &len, &st);
      char buf[64];
      int32_t out_len = 0;
      u_strToUTF8(buf, sizeof buf, &out_len, u, len, &st);
      if (U_FAILURE(st) || out_len <= 1 || out_len >= static_cast<int32_t>(sizeof buf)) continue;
      std::string entry(buf, static_cast<std::size_t>(out_len));
      if (entry.back() != '.' || entry.find(' ') != std::string::npos)
        continue;  // "до н. э." never matches a word
      entry.pop_back();
      if (!cldr_noise(entry)) out.push_back(std::move(entry));
    }
  }
  ures_close(list);
  ures_close(exceptions);
  ures_close(bundle);
  std::sort(out.begin(), out.end());
  return out;
}

enum class Abbrev : std::uint8_t { none, listed, number, final_prone, initial, acronym };

// Longest abbreviation or sentence-starter word looked at, in bytes.
constexpr std::size_t kMaxAbbreviation = 48;
// Longest entry of any abbreviation list, in bytes: longer words skip the look-ups.
constexpr std::size_t kMaxListed = 16;

// Every list for one language in one hash table: folded word → kind, and CLDR's entries as
// written (case-sensitive).
struct AbbreviationTable {
  std::vector<std::string> cldr_storage;
  std::unordered_set<std::string_view> cldr;
  std::unordered_map<std::string_view, Abbrev> folded;
  // Pre-filter: bit L of lengths[b] is set when some entry of L bytes may start with byte b.
  // Almost every word before a period fails it, and skips folding and hashing.
  std::array<std::uint32_t, 256> lengths{};

  void note(std::string_view entry) {
    const auto first = static_cast<unsigned char>(entry[0]);
    const std::uint32_t bit = 1u << std::min<std::size_t>(entry.size(), 31);
    if (first < 0x80) {
      lengths[first] |= bit;
      lengths[first ^ 0x20] |= bit;  // the other case of an ASCII letter
    } else {
      for (unsigned b = 0xC3; b <= 0xD1; ++b) lengths[b] |= bit;  // Latin-1..Cyrillic lead bytes
    }
  }
  bool may_contain(std::string_view word) const {
    return ((lengths[static_cast<unsigned char>(word[0])] >> std::min<std::size_t>(word.size(), 31)) & 1u) !=
           0;
  }
};

const AbbreviationTable& abbreviation_table(Lang lang) {
  auto build = [](Lang l, const char* cldr_locale) {
    AbbreviationTable t;
    if (cldr_locale != nullptr) t.cldr_storage = load_cldr_suppressions(cldr_locale);
    for (const std::string& e : t.cldr_storage) t.cldr.insert(e);
    for (std::string_view w : final_prone().words()) t.folded.emplace(w, Abbrev::final_prone);
    for (std::string_view w : abbreviations(l).words()) t.folded.emplace(w, Abbrev::listed);
    for (std::string_view w : number_abbreviations(l).words()) t.folded.emplace(w, Abbrev::number);
    for (std::string_view e : t.cldr) t.note(e);
    for (const auto& [w, kind] : t.folded) t.note(w);
    return t;
  };
  static const AbbreviationTable en = build(Lang::en, "en");
  static const AbbreviationTable ru = build(Lang::ru, "ru");
  static const AbbreviationTable tr = build(Lang::tr, nullptr);
  return lang == Lang::ru ? ru : lang == Lang::tr ? tr : en;
}

Abbrev classify_before(std::string_view text, std::size_t dot, Lang lang, std::string& folded) {
  // The word before the period: letters and inner periods ("U.S", "т.е", "Dr").
  std::size_t ws = dot;
  std::size_t letters = 0;
  bool inner_dot = false;
  while (ws > 0) {
    if (dot - ws > kMaxAbbreviation) return Abbrev::none;  // too long to be one (and no O(n²))
    std::size_t j = ws;
    const char32_t c = prev_cp(text, j);
    if (is_letter(c)) {
      ++letters;
    } else if (c == '.' && j > 0 && is_letter(cp_before(text, j))) {
      inner_dot = true;
    } else if (c == '-' && j > 0 && is_letter(cp_before(text, j)) && letters > 0) {
      // "г-н", "г-жа": a hyphenated abbreviation
    } else {
      break;
    }
    ws = j;
  }
  if (letters == 0) return Abbrev::none;
  if (ws >= 2) {  // the end of a contraction ("don’t.", "can't.") is no initial
    std::size_t j = ws;
    const char32_t c = prev_cp(text, j);
    if ((c == '\'' || c == 0x2019 || c == '`') && j > 0 && is_letter(cp_before(text, j))) return Abbrev::none;
  }
  const std::string_view word = text.substr(ws, dot - ws);
  const AbbreviationTable& table = abbreviation_table(lang);
  if (word.size() <= kMaxListed && table.may_contain(word)) {
    fold_word(word, folded);
    const auto it = table.folded.find(folded);
    if (it != table.folded.end()) return it->second;
    if (table.cldr.count(word) != 0) return Abbrev::listed;
  }
  if (inner_dot) return Abbrev::acronym;
  if (letters == 1) return Abbrev::initial;
  return Abbrev::none;
}

bool has_para_break(std::string_view text, std::size_t from, std::size_t to) {
  std::size_t i = from;
  while (i < to) {
    if (is_para_break(next_cp(text, i))) return true;
  }
  return false;
}

// The folded word at i after opening quotes/brackets; sets `digit` if it starts with a digit.
void next_word(std::string_view text, std::size_t i, std::string& folded, bool& digit) {
  folded.clear();
  digit = false;
  const std::size_t n = text.size();
  while (i < n) {
    std::size_t j = i;
    if (!is_opener(next_cp(text, j))) break;
    i = j;
  }
  if (i >= n) return;
  std::size_t j = i;
  const char32_t c = next_cp(text, j);
  if (is_digit(c)) {
    digit = true;
    return;
  }
  if (!is_letter(c)) return;
  std::size_t e = j;
  while (e < n && e - i <= kMaxAbbreviation) {
    std::size_t k = e;
    const char32_t d = next_cp(text, k);
    if (!is_letter(d) && !(d == '\'' || d == 0x2019 || d == '-')) break;
    e = k;
  }
  fold_word(text.substr(i, e - i), folded);
}

// Whether an ICU boundary at b survives the rules.
bool keep_boundary(std::string_view text, std::size_t b, Lang lang, std::string& scratch) {
  const std::size_t pre = skip_space_back(text, 0, b);
  if (pre == 0 || has_para_break(text, pre, b)) return true;
  const char32_t next = cp_at(text, b);
  // A lowercase continuation: "Why?” he asked.", "«Что случилось?» — спросил он."
  if (is_lower(next)) return false;
  if (is_dash(next)) {
    std::size_t j = b;
    next_cp(text, j);
    j = skip_space(text, j, text.size());
    if (j < text.size() && is_lower(cp_at(text, j))) return false;
  }
  if (cp_before(text, pre) != '.') return true;
  const std::size_t dot = pre - 1;
  if (dot > 0 && text[dot - 1] == '.') return true;  // an ellipsis "..."
  const Abbrev kind = classify_before(text, dot, lang, scratch);
  bool digit = false;
  if (kind == Abbrev::none) {
    // Turkish ordinals: "1. Dünya Savaşı", "Rosa, 1. Kategori kasırga".
    if (lang != Lang::tr) return true;
    std::size_t ds = dot;
    while (ds > 0 && text[ds - 1] >= '0' && text[ds - 1] <= '9') --ds;
    if (ds == dot || dot - ds > 3) return true;
    if (ds > 0 && !(text[ds - 1] == ' ' || text[ds - 1] == '(')) return true;
    next_word(text, b, scratch, digit);
    return scratch.empty() || sentence_starters(lang).contains(scratch);
  }
  if (kind == Abbrev::final_prone) return true;
  next_word(text, b, scratch, digit);
  if (digit) return kind != Abbrev::listed && kind != Abbrev::number;  // "No. 5", "рис. 5"
  if (kind == Abbrev::number) return true;
  if (scratch.empty()) return true;  // a dash, a symbol: leave ICU's decision
  return sentence_starters(lang).contains(scratch);
}

// ICU puts the boundary after the closing marks of ".”"; when the "closing" quote is glued to
// the next word it really opens the next sentence, so the boundary moves before it.
std::size_t move_before_opening_quote(std::string_view text, std::size_t b) {
  if (b == 0 || b >= text.size() || !is_letter(cp_at(text, b))) return b;
  std::size_t q = b;
  const char32_t quote = prev_cp(text, q);
  if (!is_quote_char(quote) || q == 0) return b;
  const char32_t before = cp_before(text, q);
  return is_final_punct(before) || is_closer(before) ? q : b;
}

// Boundaries ICU does not give: glued sentences ("countries.But", "happened.”Deliberate",
// "yesterday…This") and an ellipsis "…" followed by a capital.
void add_glued(std::string_view text, Lang lang, std::vector<std::uint32_t>& out, std::string& scratch) {
  static constexpr ByteSet kStart(".?!\xE2");
  const std::size_t n = text.size();
  std::size_t i = 0;
  while ((i = find_byte(text, i, n, kStart)) < n) {
    if (static_cast<unsigned char>(text[i]) == 0xE2 && !e2_80(text, i, n, 0xA6, 0xA6)) {
      ++i;
      continue;
    }
    const std::size_t p = i;
    // The run of final punctuation: "?!", "...", "?…".
    std::size_t q = p;
    std::size_t dots = 0;
    bool ellipsis = false;
    while (q < n) {
      std::size_t j = q;
      const char32_t d = next_cp(text, j);
      if (!is_final_punct(d)) break;
      if (d == '.') ++dots;
      if (d == 0x2026) ellipsis = true;
      q = j;
    }
    i = q;
    if (dots >= 3) ellipsis = true;
    if (p == 0) continue;
    const char32_t before = cp_before(text, p);
    // Closing marks after the punctuation; remember where the last quote mark starts.
    std::size_t e = q;
    std::size_t last_quote = n;
    while (e < n) {
      std::size_t j = e;
      const char32_t d = next_cp(text, j);
      if (!is_closer(d)) break;
      last_quote = is_quote_char(d) ? e : n;
      e = j;
    }
    if (e >= n) break;
    const char32_t after = cp_at(text, e);
    if (is_upper(after)) {
      if (!(is_alnum(before) || is_closer(before) || before == kReplacement)) continue;
      if (dots == 1 && q == p + 1) {
        const Abbrev kind = classify_before(text, p, lang, scratch);
        if (kind == Abbrev::listed || kind == Abbrev::initial || kind == Abbrev::acronym) {
          continue;  // "U.S.Fox", "Dr.PawPaw"
        }
      }
      const std::size_t split = last_quote < n ? last_quote : e;
      out.push_back(static_cast<std::uint32_t>(split));
      continue;
    }
    if (ellipsis && is_space(after)) {
      const std::size_t j = skip_space(text, e, n);
      if (j >= n || has_para_break(text, e, j)) continue;
      std::size_t k = j;
      while (k < n) {
        std::size_t m = k;
        if (!is_opener(next_cp(text, m))) break;
        k = m;
      }
      if (k < n && is_upper(cp_at(text, k))) out.push_back(static_cast<std::uint32_t>(j));
    }
  }
}

}  // namespace

bool abbreviation_before(std::string_view text, std::size_t dot, Lang lang) {
  std::string scratch;
  return classify_before(text, dot, lang, scratch) != Abbrev::none;
}

void sentence_boundaries(std::string_view text, Lang lang, std::vector<std::uint32_t>& out) {
  out.clear();
  const std::size_t n = text.size();
  if (n == 0) return;
  std::string scratch;
  scratch.reserve(32);
  sentence_breaks(text, lang, out);
  std::size_t kept = 0;
  for (const std::uint32_t b : out) {
    if (keep_boundary(text, b, lang, scratch)) {
      out[kept++] = static_cast<std::uint32_t>(move_before_opening_quote(text, b));
    }
  }
  out.resize(kept);

  // Both parts are ascending (ICU's in text order, the glued ones found scanning forward).
  const auto icu_count = static_cast<std::ptrdiff_t>(out.size());
  add_glued(text, lang, out, scratch);
  std::inplace_merge(out.begin(), out.begin() + icu_count, out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  while (!out.empty() && out.front() == 0) out.erase(out.begin());
}

void unit_sentences(std::string_view text, Span unit, const std::vector<std::uint32_t>& boundaries,
                    std::vector<Span>& out) {
  const std::size_t first = out.size();
  bool pending = false;  // a stretch without letters or digits waiting for the next sentence
  std::size_t pending_start = 0;
  auto emit = [&](std::size_t s, std::size_t e) {
    s = skip_space(text, s, e);
    e = skip_space_back(text, s, e);
    if (s >= e) return;
    bool content = false;
    for (std::size_t i = s; i < e && !content;) content = is_alnum(next_cp(text, i));
    if (!content) {
      if (out.size() > first) {
        out.back().end = static_cast<std::uint32_t>(e);
      } else if (!pending) {
        pending = true;
        pending_start = s;
      }
      return;
    }
    if (pending) {
      s = pending_start;
      pending = false;
    }
    out.push_back(Span{static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(e)});
  };
  std::size_t start = unit.start;
  auto it = std::upper_bound(boundaries.begin(), boundaries.end(), unit.start);
  for (; it != boundaries.end() && *it < unit.end; ++it) {
    emit(start, *it);
    start = *it;
  }
  emit(start, unit.end);
}

}  // namespace quotekit::detail
