#include "quotekit/lexicon.hpp"

#include <fmt/format.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>
#include <xxhash.h>

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <random>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "dictd.hpp"
#include "quotekit/normalize.hpp"
#include "quotekit/tokenize.hpp"

namespace quotekit {

namespace {

// ---------------------------------------------------------------------------------------------
// Words → keys. The lexicon's keys must equal the tokenizer's stems, so they are made by the
// tokenizer's own Normalizer::fold and Tokenizer::stem.
// ---------------------------------------------------------------------------------------------

bool has_stemmer(Lang lang) { return lang == Lang::en || lang == Lang::ru || lang == Lang::tr; }

UScriptCode script_of(Lang lang) { return lang == Lang::ru ? USCRIPT_CYRILLIC : USCRIPT_LATIN; }

// Words a multi-word gloss may contain that translate nothing, besides the shipped stop words:
// negations (kept out of the stop lists because they flip a claim, but "не обращать внимания"
// does not mean "не"), light verbs ("X etmek", "делать X", "make X" mean X), dictionary
// metalanguage ("кому-л.", "т.п.", "smb."), and the English particles FreeDict leaves in Turkish
// glosses ("with ile karşılaştırmak"). A one-word gloss is kept even if listed.
constexpr std::string_view kGlossFillerEn[] = {"nor",    "not", "no",      "one",    "smb", "smth", "smb's",
                                               "smth's", "etc", "oneself", "become", "get", "make", "s"};
constexpr std::string_view kGlossFillerRu[] = {
    "не",   "ни",    "ко",       "изо",         "каком",       "чья",    "чье",     "чьи",
    "чьим", "чьей",  "являться", "стать",       "становиться", "делать", "сделать", "давать",
    "дать", "иметь", "имеющий",  "относящийся", "л",           "нибудь", "т",       "п",
    "д",    "др",    "пр",       "тж",          "см",          "особ",   "обыкн",   "напр",
    "букв", "употр", "перен",    "разг",        "ср"};
constexpr std::string_view kGlossFillerTr[] = {
    "hiç",   "biri",    "birini", "birine",   "birinin", "kimse",    "kimseyi", "etme", "olma", "yapmak",
    "yapma", "eylemek", "kılmak", "bulunmak", "vermek",  "getirmek", "koymak",  "vb",   "v",    "b",
    "s",     "with",    "to",     "for",      "upon",    "at",       "into",    "from", "by",   "of",
    "about", "off",     "out",    "up",       "over",    "against",  "the",     "an"};

bool is_gloss_filler(Lang lang, std::string_view folded) noexcept {
  if (is_stopword(lang, folded)) return true;
  std::span<const std::string_view> list;
  switch (lang) {
    case Lang::en:
      list = kGlossFillerEn;
      break;
    case Lang::ru:
      list = kGlossFillerRu;
      break;
    case Lang::tr:
      list = kGlossFillerTr;
      break;
    default:
      return false;
  }
  return std::find(list.begin(), list.end(), folded) != list.end();
}

constexpr std::size_t kMaxGlossWords = 3;  // more content words than this: a description, not a gloss

// ---------------------------------------------------------------------------------------------
// Inflected forms. A dictionary lists lemmas (видеть, söylemek); text has forms (видел, вижу,
// söyledi). Snowball stems many forms back to the lemma's stem but not all: Russian verbs in
// -еть/-овать/-нуть and fleeting vowels (рынок/рынка), Turkish verb conjugation (the stemmer
// only strips nominal suffixes). So a lemma is also filed under the stems of its regular forms.
// Wrong guesses only add a key nobody's text produces; irregular forms stay unknown.
// ---------------------------------------------------------------------------------------------

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int32_t>(s.size());
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c >= 0) out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

std::string to_u8(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) {
    char buf[4];
    std::int32_t len = 0;
    UBool error = false;
    U8_APPEND(reinterpret_cast<std::uint8_t*>(buf), len, 4, static_cast<UChar32>(c), error);
    if (!error) out.append(buf, std::size_t(len));
  }
  return out;
}

bool ends_with(std::u32string_view s, std::u32string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool russian_vowel(char32_t c) {
  return std::u32string_view(U"аеёиоуыэюя").find(c) != std::u32string_view::npos;
}
bool russian_consonant(char32_t c) {
  return c >= U'а' && c <= U'я' && !russian_vowel(c) && c != U'ь' && c != U'ъ' && c != U'й';
}

// Regular forms of one Russian lemma.
void russian_paradigm(const std::u32string& w, std::vector<std::u32string>& out) {
  auto add = [&](std::u32string_view base, std::initializer_list<std::u32string_view> endings) {
    for (auto e : endings) out.push_back(std::u32string(base) + std::u32string(e));
  };
  const std::size_t n = w.size();
  if (n >= 6 && (ends_with(w, U"овать") || ends_with(w, U"евать"))) {  // организовать → организует
    std::u32string x = w.substr(0, n - 5);
    if (!x.empty() && russian_vowel(x.back()))
      add(x, {U"ю", U"юет", U"юют", U"юя", U"ющий"});  // воевать → воюет
    else
      add(x, {U"ую", U"ует", U"уют", U"уя", U"ующий"});
    return;
  }
  if (n >= 6 && ends_with(w, U"авать")) {  // признавать → признаёт
    add(w.substr(0, n - 4), {U"ю", U"ет", U"ют"});
    return;
  }
  if (n >= 4 && (ends_with(w, U"ать") || ends_with(w, U"ять"))) {  // знать → знаю, знал
    add(w.substr(0, n - 2), {U"ю", U"ет", U"ешь", U"ем", U"ют", U"л", U"ла", U"ли", U"я", U"ющий"});
    return;
  }
  // First person of the second conjugation: люблю, вижу, плачу, прошу, вожу, чищу.
  auto first_person = [&](std::u32string x) {
    if (x.empty()) return;
    char32_t c = x.back();
    if (ends_with(x, U"ст")) {
      x.resize(x.size() - 2);
      x += U"щ";
    } else if (c == U'б' || c == U'в' || c == U'м' || c == U'п' || c == U'ф') {
      x += U"л";
    } else if (c == U'т') {
      x.back() = U'ч';
    } else if (c == U'д' || c == U'з') {
      x.back() = U'ж';
    } else if (c == U'с') {
      x.back() = U'ш';
    } else {
      return;
    }
    out.push_back(x + (x.back() == U'л' ? U"ю" : U"у"));
  };
  if (n >= 4 && ends_with(w, U"еть")) {  // видеть → видел, видит, вижу; уметь → умеет
    add(w.substr(0, n - 3), {U"ел", U"ела", U"ели", U"ит", U"ят", U"ишь", U"им", U"еет", U"еют", U"ею"});
    first_person(w.substr(0, n - 3));
    return;
  }
  if (n >= 4 && ends_with(w, U"ить")) {  // говорить → говорит, говорил, говорю; любить → люблю
    add(w.substr(0, n - 3), {U"ит", U"ят", U"ил", U"ила", U"или", U"ю", U"ишь", U"им", U"енный"});
    first_person(w.substr(0, n - 3));
    return;
  }
  if (n >= 5 && ends_with(w, U"нуть")) {  // вернуть → вернул, вернёт
    add(w.substr(0, n - 4), {U"нул", U"нула", U"нули", U"нет", U"нут", U"ну"});
    return;
  }
  if (n >= 4 && ends_with(w, U"ти")) {  // нести → несёт, несут, нёс
    add(w.substr(0, n - 2), {U"", U"у", U"ет", U"ут", U"ла", U"ли"});
    return;
  }
  // Fleeting vowels: рынок → рынка, отец → отца, день → дня.
  if (n >= 4 && russian_consonant(w[n - 3]) &&
      (ends_with(w, U"ок") || ends_with(w, U"ек") || ends_with(w, U"ец"))) {
    std::u32string x = w.substr(0, n - 2) + w.substr(n - 1);
    add(x, {U"а", U"и", U"ов"});
    return;
  }
  if (n >= 4 && ends_with(w, U"ень") && russian_consonant(w[n - 4])) {
    add(w.substr(0, n - 3), {U"ня", U"ни", U"ней"});
    return;
  }
  // Short adjectives: должен → должна, должны.
  if (n >= 5 && ends_with(w, U"ен") && russian_consonant(w[n - 3]))
    add(w.substr(0, n - 2), {U"на", U"ны", U"но"});
}

// Verbs whose present or past changes the stem: the infinitive's ending and the forms that replace
// it, prefixes kept (сказать → скажет, найти → найдёт, нашёл). Longer endings first.
struct IrregularVerb {
  std::u32string_view ending;
  std::initializer_list<std::u32string_view> forms;
};
const IrregularVerb kIrregularVerbs[] = {
    {U"хотеть", {U"хочет", U"хочу", U"хочешь", U"хотят", U"хотим"}},
    {U"принять", {U"примет", U"примут", U"принял", U"приняла"}},
    {U"понять", {U"поймет", U"поймут", U"понял", U"поняла"}},
    {U"начать", {U"начнет", U"начнут", U"начал", U"начала"}},
    {U"казать", {U"кажет", U"кажут", U"кажу"}},
    {U"писать", {U"пишет", U"пишут", U"пишу"}},
    {U"искать", {U"ищет", U"ищут", U"ищу"}},
    {U"ждать", {U"ждет", U"ждут", U"жду"}},
    {U"звать", {U"зовет", U"зовут", U"зову"}},
    {U"брать", {U"берет", U"берут", U"беру"}},
    {U"взять", {U"возьмет", U"возьмут", U"взял"}},
    {U"стать", {U"станет", U"станут", U"стал", U"стала"}},
    {U"ехать", {U"едет", U"едут", U"еду"}},
    {U"дать", {U"даст", U"дадут", U"дам", U"дал", U"дала"}},
    {U"мочь", {U"может", U"могут", U"могу", U"можешь", U"можем", U"мог", U"могла", U"могли"}},
    {U"быть", {U"будет", U"будут", U"буду", U"будешь", U"будем", U"был", U"была", U"были"}},
    {U"жить", {U"живет", U"живут", U"живу"}},
    {U"пить", {U"пьет", U"пьют"}},
    {U"сесть", {U"сядет", U"сел"}},
    {U"лечь", {U"ляжет", U"лег"}},
    {U"вести", {U"ведет", U"ведут", U"вел", U"вела", U"вели"}},
    {U"идти", {U"идет", U"идут", U"шел", U"шла", U"шло", U"шли"}},
};

void russian_forms(std::u32string w, std::vector<std::u32string>& out) {
  if (ends_with(w, U"ся") || ends_with(w, U"сь")) w.resize(w.size() - 2);  // Snowball drops it too
  const std::size_t n = w.size();
  for (const auto& v : kIrregularVerbs) {
    if (!ends_with(w, v.ending)) continue;
    std::u32string base = w.substr(0, n - v.ending.size());
    for (auto f : v.forms) out.push_back(base + std::u32string(f));
    break;
  }
  if (n >= 5 && ends_with(w, U"йти")) {  // найти → найдёт, нашёл; прийти → придёт, пришёл
    std::u32string base = w.substr(0, n - 3);
    std::u32string present = !base.empty() && base.back() == U'и' ? base + U"д" : base + U"йд";
    for (auto e : {U"ет", U"ут", U"у"}) out.push_back(present + e);
    for (auto e : {U"шел", U"шла", U"шло", U"шли"}) out.push_back(base + e);
  }
  // Dictionaries list the imperfective; news is full of perfectives (заявлять → заявил). Guess the
  // perfective of the regular pairs and give it its forms too.
  std::vector<std::u32string> lemmas{w};
  auto stem_before = [&](std::size_t drop) { return w.substr(0, n - drop); };
  if (n >= 7 && ends_with(w, U"лагать")) {  // предлагать → предложить
    lemmas.push_back(stem_before(6) + U"ложить");
  } else if (n >= 6 && (ends_with(w, U"влять") || ends_with(w, U"блять") || ends_with(w, U"плять") ||
                        ends_with(w, U"млять") || ends_with(w, U"флять"))) {  // добавлять → добавить
    lemmas.push_back(stem_before(4) + U"ить");
  } else if (n >= 5 && ends_with(w, U"ять") && russian_consonant(w[n - 4])) {  // проверять → проверить
    lemmas.push_back(stem_before(3) + U"ить");
  } else if (n >= 6 && (ends_with(w, U"ывать") || ends_with(w, U"ивать")) && !ends_with(w, U"авать")) {
    lemmas.push_back(stem_before(5) + U"ать");  // показывать → показать
    lemmas.push_back(stem_before(5) + U"ить");
  } else if (n >= 6 && ends_with(w, U"инать")) {  // напоминать → напомнить
    lemmas.push_back(stem_before(5) + U"нить");
  } else if (n >= 5 && ends_with(w, U"ать")) {
    std::u32string x = stem_before(3);
    char32_t last = x.back();
    if (last == U'ч' || last == U'ш' || last == U'щ' || last == U'ж') {  // решать → решить
      lemmas.push_back(x + U"ить");
      std::u32string alt = x;
      if (ends_with(x, U"жд")) {
        alt = x.substr(0, x.size() - 2) + U"д";  // освобождать → освободить
      } else {
        alt.back() = last == U'ж' ? U'з' : U'т';  // отмечать → отметить, выражать → выразить
      }
      lemmas.push_back(alt + U"ить");
    }
  }
  // The commonest perfective prefix: звонить → позвонить, ждать → подождать.
  if (n >= 4 && (ends_with(w, U"ть") || ends_with(w, U"ти")) && !w.starts_with(U"по")) {
    lemmas.push_back(U"по" + w);
    if (ends_with(w, U"ждать")) lemmas.push_back(U"подо" + w);
  }
  for (std::size_t k = 0; k < lemmas.size(); ++k) {
    if (k > 0) out.push_back(lemmas[k]);
    russian_paradigm(lemmas[k], out);
  }
}

bool turkish_vowel(char32_t c) {
  return std::u32string_view(U"aeıioöuüâîû").find(c) != std::u32string_view::npos;
}

// The last vowel decides the suffix vowels: A ∈ {a, e}, H ∈ {ı, i, u, ü}.
char32_t last_vowel(std::u32string_view s) {
  for (auto it = s.rbegin(); it != s.rend(); ++it)
    if (turkish_vowel(*it)) return *it;
  return U'e';
}
char32_t harmony_a(char32_t v) {
  return std::u32string_view(U"aıouâû").find(v) != std::u32string_view::npos ? U'a' : U'e';
}
char32_t harmony_h(char32_t v) {
  switch (v) {
    case U'a':
    case U'ı':
    case U'â':
      return U'ı';
    case U'o':
    case U'u':
    case U'û':
      return U'u';
    case U'ö':
    case U'ü':
      return U'ü';
    default:
      return U'i';
  }
}

// Conjugated forms of a Turkish infinitive (-mak/-mek): söylemek → söyledi, söylüyor, söyleyecek,
// söyler, söylemiş, söyleyen, söyledik, söylemedi, ...; "A"/"H"/"D" in the templates are the
// harmonising vowels and the d/t of the past.
void turkish_forms(const std::u32string& w, std::vector<std::u32string>& out) {
  if (w.size() < 5 || !(ends_with(w, U"mak") || ends_with(w, U"mek"))) return;
  const std::u32string root = w.substr(0, w.size() - 3);
  if (root.size() < 2) return;
  auto expand = [&](const std::u32string& base, std::u32string_view tmpl) {
    std::u32string s = base;
    for (char32_t c : tmpl) {
      char32_t v = last_vowel(s);
      switch (c) {
        case U'A':
          s.push_back(harmony_a(v));
          break;
        case U'H':
          s.push_back(harmony_h(v));
          break;
        case U'D':
          s.push_back(std::u32string_view(U"çfhkpsşt").find(s.back()) != std::u32string_view::npos ? U't'
                                                                                                   : U'd');
          break;
        default:
          s.push_back(c);
      }
    }
    out.push_back(std::move(s));
  };
  if (root == U"de" || root == U"ye") {  // demek → diyor, diyecek, dedi
    std::u32string i = root.substr(0, 1) + U"i";
    for (auto t : {U"yor", U"yorlar", U"yecek", U"yen"}) out.push_back(i + t);
    for (auto t : {U"DH", U"DHk", U"DHm", U"DHlAr", U"DHğH", U"r", U"mHş", U"mAz", U"mAdH"}) expand(root, t);
    return;
  }
  const bool vowel_end = turkish_vowel(root.back());
  // Before a vowel, a final t of a short root softens: et → ed-iyor, git → gid-er.
  std::vector<std::u32string> pre_vowel{root};
  if (root.back() == U't') pre_vowel.push_back(root.substr(0, root.size() - 1) + U"d");
  for (auto t : {U"DH", U"DHm", U"DHn", U"DHk", U"DHlAr", U"DHğH", U"mHş", U"mA", U"mAk", U"mAsH", U"mAdH",
                 U"mAz", U"mAlH", U"mAyAn", U"mHyor"})
    expand(root, t);
  if (vowel_end) {
    std::u32string stem = root.substr(0, root.size() - 1);  // söyle → söyl-üyor
    for (auto t : {U"Hyor", U"Hyorum", U"Hyoruz", U"Hyorlar", U"Hyordu"}) expand(stem, t);
    for (auto t : {U"yAcAk", U"yAcAğHm", U"yAcAğHz", U"yAcAklAr", U"yAn", U"r", U"rlAr", U"yHp", U"yArAk"})
      expand(root, t);
  } else {
    for (const auto& base : pre_vowel)
      for (auto t : {U"Hyor", U"Hyorum", U"Hyoruz", U"Hyorlar", U"Hyordu", U"AcAk", U"AcAğHm", U"AcAğHz",
                     U"AcAklAr", U"An", U"Hr", U"Ar", U"HrlAr", U"ArlAr", U"Hp", U"ArAk"})
        expand(base, t);
  }
}

// One language's folding and stemming, plus the splitting of glosses into words.
class Keyer {
 public:
  explicit Keyer(Lang lang) : lang_(lang), normalizer_(lang), tokenizer_(lang) {
    if (!has_stemmer(lang))
      throw UsageError(fmt::format("the lexicon has no stemmer for language '{}'", to_string(lang)));
  }

  Lang lang() const noexcept { return lang_; }

  // Exactly what the tokenizer does to a token: Normalizer::fold, then Tokenizer::stem.
  std::string fold(std::string_view text) const { return normalizer_.fold(text); }
  std::string stem(std::string_view folded) const { return tokenizer_.stem(folded); }

  // The keys a dictionary word is filed under: its stem, and for Russian and Turkish the stems of
  // its regular inflected forms.
  void keys(const std::string& folded, std::vector<std::string>& out) const {
    const std::size_t first = out.size();
    out.push_back(stem(folded));
    if (lang_ == Lang::ru || lang_ == Lang::tr) {
      std::vector<std::u32string> forms;
      if (lang_ == Lang::ru)
        russian_forms(to_u32(folded), forms);
      else
        turkish_forms(to_u32(folded), forms);
      for (const auto& f : forms) {
        std::string s = stem(to_u8(f));
        if (!s.empty() && std::find(out.begin() + std::ptrdiff_t(first), out.end(), s) == out.end())
          out.push_back(std::move(s));
      }
    }
  }

  struct Word {
    std::string folded;
    bool affix = false;    // "-de", "entero-": glued to a hyphen on one side, nothing on the other
    bool foreign = false;  // letters of another script than the language's
    bool abbrev = false;   // followed by '.' inside the phrase ("особ. орлиное гнездо")
  };

  // Letter runs of a folded phrase; an apostrophe between letters stays inside the word (don't),
  // hyphens and everything else split, as the ICU word break does.
  std::vector<Word> words(std::string_view folded) const {
    std::vector<Word> out;
    const auto* p = reinterpret_cast<const std::uint8_t*>(folded.data());
    const auto n = static_cast<std::int32_t>(folded.size());
    std::int32_t i = 0;
    auto letter_at = [&](std::int32_t k, UChar32* cp) {
      if (k >= n) return false;
      UChar32 c;
      U8_NEXT(p, k, n, c);
      if (cp) *cp = c;
      return c >= 0 && (u_isalpha(c) || U_GET_GC_MASK(c) & (U_GC_MN_MASK | U_GC_MC_MASK));
    };
    while (i < n) {
      UChar32 c;
      if (!letter_at(i, &c)) {
        U8_FWD_1(p, i, n);
        continue;
      }
      std::int32_t start = i;
      bool foreign = false;
      while (i < n) {
        if (letter_at(i, &c)) {
          UErrorCode ec = U_ZERO_ERROR;
          UScriptCode sc = uscript_getScript(c, &ec);
          if (sc != script_of(lang_) && sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED) foreign = true;
          U8_FWD_1(p, i, n);
        } else if (folded[std::size_t(i)] == '\'' && i > start && letter_at(i + 1, nullptr)) {
          ++i;
        } else {
          break;
        }
      }
      Word w;
      w.folded.assign(folded.substr(std::size_t(start), std::size_t(i - start)));
      w.foreign = foreign;
      // "-de", "entero-": a hyphen on one side with no letter beyond it.
      if (start > 0 && folded[std::size_t(start - 1)] == '-') {
        std::int32_t prev = start - 1;
        if (prev == 0) {
          w.affix = true;
        } else {
          U8_BACK_1(p, 0, prev);
          w.affix = !letter_at(prev, nullptr);
        }
      }
      if (i < n && folded[std::size_t(i)] == '-' && !letter_at(i + 1, nullptr)) w.affix = true;
      w.abbrev = i < n && folded[std::size_t(i)] == '.';
      out.push_back(std::move(w));
    }
    return out;
  }

  // Stems a gloss's words contribute: a one-word gloss gives its stem; a longer one its content
  // words' stems, or nothing when it has more than kMaxGlossWords of them (an explanation).
  struct GlossKeys {
    std::vector<std::string> keys;
    PairKind kind = PairKind::word;
  };
  GlossKeys gloss_keys(std::string_view phrase) const {
    GlossKeys result;
    auto& stems = result.keys;
    auto ws = words(fold(phrase));
    if (ws.empty()) return result;
    std::size_t last = ws.size() - 1;
    std::vector<const Word*> content;
    for (std::size_t k = 0; k < ws.size(); ++k) {
      const Word& w = ws[k];
      if (w.foreign || w.affix) continue;
      // An abbreviation: a word with a dot in the middle of the gloss, or a short one at its end.
      if (w.abbrev && (k != last || length_in_letters(w.folded) < 4)) continue;
      content.push_back(&w);
    }
    if (content.empty()) return result;
    if (content.size() > 1 || ws.size() > 1) {
      std::erase_if(content, [&](const Word* w) {
        return is_gloss_filler(lang_, w->folded) || length_in_letters(w->folded) < 2;
      });
      if (content.size() > kMaxGlossWords) return result;
      if (content.size() > 1) result.kind = PairKind::phrase;
    } else if (is_gloss_filler(lang_, content[0]->folded) && length_in_letters(content[0]->folded) < 2) {
      return result;
    }
    for (const Word* w : content) keys(w->folded, stems);
    return result;
  }

  enum class HeadKind { word, phrase, affix, empty };
  // The keys a headword is filed under: a single word, or a phrase with a single content word
  // ("abluka etmek"). Affixes and clipped forms ("-armed", "'cause", "entero-") are not words.
  HeadKind headword_keys(std::string_view headword, std::vector<std::string>& out) const {
    std::string_view h = headword;
    while (!h.empty() && (h.front() == ' ')) h.remove_prefix(1);
    while (!h.empty() && (h.back() == ' ')) h.remove_suffix(1);
    if (h.empty()) return HeadKind::empty;
    if (h.front() == '-' || h.back() == '-' || h.front() == '\'' || h.front() == '.') return HeadKind::affix;
    if (std::any_of(h.begin(), h.end(), [](char c) { return c >= '0' && c <= '9'; })) return HeadKind::phrase;
    auto ws = words(fold(h));
    std::erase_if(ws, [](const Word& w) { return w.foreign; });
    if (ws.empty()) return HeadKind::empty;
    if (ws.size() > 1) {
      std::erase_if(ws, [&](const Word& w) { return is_gloss_filler(lang_, w.folded); });
      if (ws.size() != 1) return HeadKind::phrase;
    }
    keys(ws[0].folded, out);
    return out.front().empty() ? HeadKind::empty : HeadKind::word;
  }

  static std::size_t length_in_letters(std::string_view s) {
    std::size_t count = 0;
    for (char c : s)
      if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
    return count;
  }

 private:
  Lang lang_;
  Normalizer normalizer_;
  Tokenizer tokenizer_;  // caches stems; not thread-safe, like the builder
};

std::string package_for(const std::filesystem::path& index) {
  std::string stem = index.stem().string();
  if (stem == "mueller7") return "mueller7-dict";
  if (stem.starts_with("freedict-")) return "dict-" + stem;
  return {};
}

std::string missing_hint(const std::string& package) {
  if (package.empty()) return "install the dictd package that provides it";
  return fmt::format("install {} (scripts/setup.sh)", package);
}

// ---------------------------------------------------------------------------------------------
// File format (little-endian):
//   "QKLEXICN" u32 version u32 pool_count u32 table_count
//   per pool:  u8 lang, 3 zero bytes, u32 count, u32 char_bytes, u32 offsets[count+1], chars,
//              zero padding to 4
//   per table: u8 from, u8 to, 2 zero bytes, u32 rows, u32 edges, u32 row[rows+1], u32 col[edges],
//              u8 kind[edges] (PairKind), zero padding to 4
//   u64 XXH3-64 of everything before it
// ---------------------------------------------------------------------------------------------
constexpr char kMagic[8] = {'Q', 'K', 'L', 'E', 'X', 'I', 'C', 'N'};
constexpr std::uint32_t kFormatVersion = 1;

void put_u32(std::string& out, std::uint32_t v) {
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap32(v);
  out.append(reinterpret_cast<const char*>(&v), 4);
}
void put_u32s(std::string& out, const std::vector<std::uint32_t>& v) {
  if constexpr (std::endian::native == std::endian::little) {
    out.append(reinterpret_cast<const char*>(v.data()), v.size() * 4);
  } else {
    for (auto x : v) put_u32(out, x);
  }
}

class Reader {
 public:
  Reader(std::string_view data, std::string source) : data_(data), source_(std::move(source)) {}
  std::size_t pos() const noexcept { return pos_; }
  [[noreturn]] void fail(const std::string& problem, std::size_t at) const {
    throw InputError(source_, at, problem,
                     "the lexicon file is damaged or from another version; rebuild it with "
                     "`quotekit lexicon build`");
  }
  void need(std::size_t n) const {
    if (data_.size() - pos_ < n) fail(fmt::format("truncated: {} more bytes expected", n), pos_);
  }
  std::string_view bytes(std::size_t n) {
    need(n);
    auto s = data_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  std::uint8_t u8() { return static_cast<std::uint8_t>(bytes(1)[0]); }
  std::uint32_t u32() {
    std::uint32_t v;
    std::memcpy(&v, bytes(4).data(), 4);
    if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap32(v);
    return v;
  }
  std::vector<std::uint32_t> u32s(std::size_t n) {
    if (n > (data_.size() - pos_) / 4) fail(fmt::format("truncated: {} numbers expected", n), pos_);
    std::vector<std::uint32_t> v(n);
    std::memcpy(v.data(), data_.data() + pos_, n * 4);
    if constexpr (std::endian::native == std::endian::big)
      for (auto& x : v) x = __builtin_bswap32(x);
    pos_ += n * 4;
    return v;
  }

 private:
  std::string_view data_;
  std::string source_;
  std::size_t pos_ = 0;
};

// One read() of the whole file; far faster than stream iterators for megabytes.
std::string read_whole_file(const std::filesystem::path& path, const char* problem) {
  std::ifstream f(path, std::ios::binary | std::ios::ate);
  if (!f) throw InputError(path.string(), kNoOffset, problem, "check that it exists and is readable");
  const auto size = static_cast<std::size_t>(f.tellg());
  std::string data(size, '\0');
  f.seekg(0);
  f.read(data.data(), static_cast<std::streamsize>(size));
  if (!f) throw InputError(path.string(), kNoOffset, "read error", "check the file");
  return data;
}

bool valid_lang(std::uint8_t v) {
  return v == static_cast<std::uint8_t>(Lang::en) || v == static_cast<std::uint8_t>(Lang::ru) ||
         v == static_cast<std::uint8_t>(Lang::tr) || v == static_cast<std::uint8_t>(Lang::other);
}

void check_lang(Lang lang) {
  if (!has_stemmer(lang))
    throw UsageError(fmt::format("the lexicon supports en, ru and tr, not '{}'", to_string(lang)));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Lexicon
// ---------------------------------------------------------------------------------------------

const Lexicon::Pool* Lexicon::pool(Lang lang) const noexcept {
  for (const auto& p : pools_)
    if (p.lang == lang) return &p;
  return nullptr;
}

const Lexicon::Table* Lexicon::table(Lang from, Lang to) const noexcept {
  for (const auto& t : tables_)
    if (t.from == from && t.to == to) return &t;
  return nullptr;
}

std::optional<std::uint32_t> Lexicon::find(Lang lang, std::string_view stem) const {
  const Pool* p = pool(lang);
  if (!p) return std::nullopt;
  std::size_t lo = 0, hi = p->offsets.size() - 1;
  std::string_view chars = p->chars;
  while (lo < hi) {
    std::size_t mid = lo + (hi - lo) / 2;
    std::string_view s = chars.substr(p->offsets[mid], p->offsets[mid + 1] - p->offsets[mid]);
    if (s < stem) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (lo + 1 < p->offsets.size() && chars.substr(p->offsets[lo], p->offsets[lo + 1] - p->offsets[lo]) == stem)
    return static_cast<std::uint32_t>(lo);
  return std::nullopt;
}

std::string_view Lexicon::stem(Lang lang, std::uint32_t id) const {
  const Pool* p = pool(lang);
  if (!p || std::size_t(id) + 1 >= p->offsets.size()) return {};
  return std::string_view(p->chars).substr(p->offsets[id], p->offsets[id + 1] - p->offsets[id]);
}

std::size_t Lexicon::stems(Lang lang) const {
  const Pool* p = pool(lang);
  return p ? p->offsets.size() - 1 : 0;
}

std::span<const std::uint32_t> Lexicon::translations(Lang from, Lang to, std::uint32_t id) const {
  const Table* t = table(from, to);
  if (!t || std::size_t(id) + 1 >= t->rows.size()) return {};
  return std::span<const std::uint32_t>(t->cols).subspan(t->rows[id], t->rows[id + 1] - t->rows[id]);
}

std::span<const std::uint32_t> Lexicon::translations(Lang from, Lang to, std::string_view stem) const {
  auto id = find(from, stem);
  return id ? translations(from, to, *id) : std::span<const std::uint32_t>{};
}

bool Lexicon::knows(Lang from, Lang to, std::string_view stem) const {
  return !translations(from, to, stem).empty();
}

std::span<const PairKind> Lexicon::kinds(Lang from, Lang to, std::uint32_t id) const {
  const Table* t = table(from, to);
  if (!t || std::size_t(id) + 1 >= t->rows.size()) return {};
  return std::span<const PairKind>(t->kinds).subspan(t->rows[id], t->rows[id + 1] - t->rows[id]);
}

std::optional<PairKind> Lexicon::translates(Lang from, std::string_view from_stem, Lang to,
                                            std::string_view to_stem) const {
  auto source = find(from, from_stem);
  auto target = find(to, to_stem);
  if (!source || !target) return std::nullopt;
  auto row = translations(from, to, *source);
  auto it = std::lower_bound(row.begin(), row.end(), *target);
  if (it == row.end() || *it != *target) return std::nullopt;
  return kinds(from, to, *source)[std::size_t(it - row.begin())];
}

std::size_t Lexicon::entries(Lang from, Lang to) const {
  const Table* t = table(from, to);
  return t ? t->cols.size() : 0;
}

std::size_t Lexicon::entries(Lang from, Lang to, PairKind kind) const {
  const Table* t = table(from, to);
  return t ? std::size_t(std::count(t->kinds.begin(), t->kinds.end(), kind)) : 0;
}

std::size_t Lexicon::headwords(Lang from, Lang to) const {
  const Table* t = table(from, to);
  if (!t) return 0;
  std::size_t n = 0;
  for (std::size_t i = 0; i + 1 < t->rows.size(); ++i) n += t->rows[i + 1] > t->rows[i];
  return n;
}

std::vector<std::pair<Lang, Lang>> Lexicon::directions() const {
  std::vector<std::pair<Lang, Lang>> out;
  for (const auto& t : tables_) out.emplace_back(t.from, t.to);
  return out;
}

void Lexicon::save(const std::filesystem::path& path) const {
  std::string out;
  out.append(kMagic, sizeof kMagic);
  put_u32(out, kFormatVersion);
  put_u32(out, static_cast<std::uint32_t>(pools_.size()));
  put_u32(out, static_cast<std::uint32_t>(tables_.size()));
  for (const auto& p : pools_) {
    out.push_back(static_cast<char>(p.lang));
    out.append(3, '\0');
    put_u32(out, static_cast<std::uint32_t>(p.offsets.size() - 1));
    put_u32(out, static_cast<std::uint32_t>(p.chars.size()));
    put_u32s(out, p.offsets);
    out.append(p.chars);
    out.append((4 - p.chars.size() % 4) % 4, '\0');
  }
  for (const auto& t : tables_) {
    out.push_back(static_cast<char>(t.from));
    out.push_back(static_cast<char>(t.to));
    out.append(2, '\0');
    put_u32(out, static_cast<std::uint32_t>(t.rows.size() - 1));
    put_u32(out, static_cast<std::uint32_t>(t.cols.size()));
    put_u32s(out, t.rows);
    put_u32s(out, t.cols);
    out.append(reinterpret_cast<const char*>(t.kinds.data()), t.kinds.size());
    out.append((4 - t.kinds.size() % 4) % 4, '\0');
  }
  std::uint64_t sum = XXH3_64bits(out.data(), out.size());
  put_u32(out, static_cast<std::uint32_t>(sum));
  put_u32(out, static_cast<std::uint32_t>(sum >> 32));

  const std::string target = path.string();
  std::random_device rd;
  std::filesystem::path tmp = path;
  tmp += fmt::format(".tmp-{:08x}", rd());
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f)
      throw InputError(tmp.string(), kNoOffset, "cannot create the lexicon file",
                       "check that the directory exists and is writable");
    f.write(out.data(), static_cast<std::streamsize>(out.size()));
    f.flush();
    if (!f) {
      f.close();
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      throw InputError(tmp.string(), kNoOffset, "write failed", "check free disk space");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::error_code ignore;
    std::filesystem::remove(tmp, ignore);
    throw InputError(target, kNoOffset, "cannot replace the lexicon file: " + ec.message(),
                     "check that the directory is writable");
  }
}

Lexicon Lexicon::load(const std::filesystem::path& path) {
  const std::string source = path.string();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw InputError(source, kNoOffset, "lexicon file not found", "build it with `quotekit lexicon build`");
  std::string data = read_whole_file(path, "cannot open the lexicon file");

  Reader r(data, source);
  if (data.size() < sizeof kMagic + 12 + 8 || std::memcmp(data.data(), kMagic, sizeof kMagic) != 0)
    r.fail("not a quotekit lexicon (bad magic)", 0);
  const std::size_t body = data.size() - 8;
  std::uint64_t stored = 0;
  for (int k = 7; k >= 0; --k)
    stored = (stored << 8) | static_cast<unsigned char>(data[body + std::size_t(k)]);
  if (XXH3_64bits(data.data(), body) != stored) r.fail("checksum mismatch", body);

  std::string_view payload(data.data(), body);
  Reader in(payload, source);
  in.bytes(sizeof kMagic);
  std::uint32_t version = in.u32();
  if (version != kFormatVersion)
    in.fail(fmt::format("version {} (this build reads {})", version, kFormatVersion), 8);
  std::uint32_t pool_count = in.u32();
  std::uint32_t table_count = in.u32();
  if (pool_count > 16 || table_count > 64) in.fail("implausible section counts", 12);

  Lexicon lex;
  for (std::uint32_t k = 0; k < pool_count; ++k) {
    std::size_t at = in.pos();
    Pool p;
    std::uint8_t lang = in.u8();
    if (!valid_lang(lang)) in.fail(fmt::format("unknown language code {}", lang), at);
    p.lang = static_cast<Lang>(lang);
    if (lex.pool(p.lang)) in.fail("language pool repeated", at);
    in.bytes(3);
    std::uint32_t count = in.u32();
    std::uint32_t chars = in.u32();
    p.offsets = in.u32s(std::size_t(count) + 1);
    p.chars.assign(in.bytes(chars));
    in.bytes((4 - chars % 4) % 4);
    if (p.offsets.front() != 0 || p.offsets.back() != chars) in.fail("stem pool offsets out of range", at);
    for (std::size_t i = 0; i + 1 < p.offsets.size(); ++i) {
      if (p.offsets[i] > p.offsets[i + 1]) in.fail("stem pool offsets not ascending", at);
      if (i > 0) {
        std::string_view a =
            std::string_view(p.chars).substr(p.offsets[i - 1], p.offsets[i] - p.offsets[i - 1]);
        std::string_view b = std::string_view(p.chars).substr(p.offsets[i], p.offsets[i + 1] - p.offsets[i]);
        if (!(a < b)) in.fail("stem pool not sorted", at);
      }
    }
    lex.pools_.push_back(std::move(p));
  }
  for (std::uint32_t k = 0; k < table_count; ++k) {
    std::size_t at = in.pos();
    Table t;
    std::uint8_t from = in.u8(), to = in.u8();
    in.bytes(2);
    t.from = static_cast<Lang>(from);
    t.to = static_cast<Lang>(to);
    const Pool* pf = valid_lang(from) ? lex.pool(t.from) : nullptr;
    const Pool* pt = valid_lang(to) ? lex.pool(t.to) : nullptr;
    if (!pf || !pt) in.fail("table refers to a missing language pool", at);
    if (lex.table(t.from, t.to)) in.fail("table repeated", at);
    std::uint32_t rows = in.u32();
    std::uint32_t edges = in.u32();
    if (rows != pf->offsets.size() - 1) in.fail("table rows do not match the stem pool", at);
    t.rows = in.u32s(std::size_t(rows) + 1);
    t.cols = in.u32s(edges);
    {
      std::size_t kinds_at = in.pos();
      auto raw = in.bytes(edges);
      in.bytes((4 - edges % 4) % 4);
      t.kinds.resize(edges);
      for (std::size_t e = 0; e < edges; ++e) {
        auto v = static_cast<std::uint8_t>(raw[e]);
        if (v > static_cast<std::uint8_t>(PairKind::phrase)) in.fail("unknown pair kind", kinds_at + e);
        t.kinds[e] = static_cast<PairKind>(v);
      }
    }
    if (t.rows.front() != 0 || t.rows.back() != edges) in.fail("table rows out of range", at);
    const auto limit = static_cast<std::uint32_t>(pt->offsets.size() - 1);
    for (std::size_t i = 0; i + 1 < t.rows.size(); ++i) {
      if (t.rows[i] > t.rows[i + 1]) in.fail("table rows not ascending", at);
      for (std::uint32_t e = t.rows[i]; e < t.rows[i + 1]; ++e) {
        if (t.cols[e] >= limit) in.fail("translation id out of range", at);
        if (e > t.rows[i] && t.cols[e - 1] >= t.cols[e]) in.fail("translations not ascending", at);
      }
    }
    lex.tables_.push_back(std::move(t));
  }
  if (in.pos() != payload.size()) in.fail("trailing bytes", in.pos());
  return lex;
}

// ---------------------------------------------------------------------------------------------
// LexiconBuilder
// ---------------------------------------------------------------------------------------------

struct LexiconBuilder::Impl {
  struct PoolBuilder {
    std::unordered_map<std::string, std::uint32_t> ids;
    std::vector<std::string> stems;
    std::uint32_t intern(const std::string& s) {
      auto [it, fresh] = ids.try_emplace(s, static_cast<std::uint32_t>(stems.size()));
      if (fresh) stems.push_back(s);
      return it->second;
    }
  };
  // A headword that only points at another one ("went" → go, "aline" → align): besides the
  // translations its own dictionary gives the lemma, it inherits those of every other dictionary
  // (FreeDict has no "went", Mueller says it is go).
  struct Alias {
    Lang lang = Lang::unknown;
    std::vector<std::uint32_t> heads;  // interned
    std::string lemma;                 // stem of the referenced headword
  };
  struct Data {
    std::map<Lang, PoolBuilder> pools;
    // Undirected pairs per language pair (first < second): (id of first << 32) | id of second →
    // the strongest kind seen.
    std::map<std::pair<Lang, Lang>, std::unordered_map<std::uint64_t, PairKind>> pairs;
    std::vector<Alias> aliases;

    std::uint32_t intern(Lang lang, const std::string& stem) { return pools[lang].intern(stem); }

    // Pairs interned ids; true when the pair is new.
    bool link(Lang a, std::uint32_t ia, Lang b, std::uint32_t ib, PairKind kind) {
      if (b < a) return link(b, ib, a, ia, kind);
      auto [it, fresh] = pairs[{a, b}].try_emplace((std::uint64_t{ia} << 32) | ib, kind);
      if (!fresh && kind < it->second) it->second = kind;
      return fresh;
    }
    bool add_pair(Lang a, const std::string& sa, Lang b, const std::string& sb, PairKind kind) {
      if (sa.empty() || sb.empty()) return false;
      return link(a, intern(a, sa), b, intern(b, sb), kind);
    }

    void expand_aliases() {
      for (auto& [langs, set] : pairs) {
        for (int side = 0; side < 2; ++side) {
          const Lang lang = side == 0 ? langs.first : langs.second;
          const Lang other = side == 0 ? langs.second : langs.first;
          // lemma id → (partner id, kind)
          std::unordered_map<std::uint32_t, std::vector<std::pair<std::uint32_t, PairKind>>> partners;
          for (const auto& alias : aliases) {
            if (alias.lang != lang) continue;
            auto it = pools[lang].ids.find(alias.lemma);
            if (it != pools[lang].ids.end()) partners.try_emplace(it->second);
          }
          if (partners.empty()) continue;
          for (const auto& [key, kind] : set) {
            auto a = static_cast<std::uint32_t>(key >> 32), b = static_cast<std::uint32_t>(key & 0xffffffffu);
            auto mine = side == 0 ? a : b, theirs = side == 0 ? b : a;
            if (auto p = partners.find(mine); p != partners.end()) p->second.emplace_back(theirs, kind);
          }
          for (const auto& alias : aliases) {
            if (alias.lang != lang) continue;
            auto it = pools[lang].ids.find(alias.lemma);
            if (it == pools[lang].ids.end()) continue;
            for (auto h : alias.heads)
              for (auto [t, kind] : partners[it->second]) link(lang, h, other, t, kind);
          }
        }
      }
    }
  };
  Data data;
  std::map<Lang, Keyer> keyers;

  Keyer& keyer(Lang lang) {
    auto it = keyers.find(lang);
    if (it == keyers.end()) it = keyers.emplace(lang, Keyer(lang)).first;
    return it->second;
  }
  bool add_pair(Lang a, const std::string& sa, Lang b, const std::string& sb, PairKind kind) {
    return data.add_pair(a, sa, b, sb, kind);
  }
  // Interns target stems once; per stem the strongest kind.
  std::vector<std::pair<std::uint32_t, PairKind>> intern_targets(
      Lang lang, std::vector<std::pair<std::string, PairKind>>& stems) {
    std::vector<std::pair<std::uint32_t, PairKind>> ids;
    ids.reserve(stems.size());
    for (const auto& [s, kind] : stems)
      if (!s.empty()) ids.emplace_back(data.intern(lang, s), kind);
    std::sort(ids.begin(), ids.end());
    ids.erase(
        std::unique(ids.begin(), ids.end(), [](const auto& x, const auto& y) { return x.first == y.first; }),
        ids.end());
    return ids;
  }
};

LexiconBuilder::LexiconBuilder() : impl_(std::make_unique<Impl>()) {}
LexiconBuilder::~LexiconBuilder() = default;
LexiconBuilder::LexiconBuilder(LexiconBuilder&&) noexcept = default;
LexiconBuilder& LexiconBuilder::operator=(LexiconBuilder&&) noexcept = default;

DictdStats LexiconBuilder::add_dictd(const DictdSource& source) {
  check_lang(source.from);
  check_lang(source.to);
  std::string package = source.package.empty() ? package_for(source.index) : source.package;
  const std::string hint = missing_hint(package);
  auto db = detail::DictdDatabase::open(source.index, source.dict, hint);
  DictdFormat format = source.format == DictdFormat::detect ? detail::detect_dictd_format(db) : source.format;

  DictdStats stats;
  stats.name = source.index.stem().string();
  stats.from = source.from;
  stats.to = source.to;
  Keyer& from = impl_->keyer(source.from);
  Keyer& to = impl_->keyer(source.to);

  struct Pending {
    std::vector<std::string> heads;  // headword stems
    std::vector<std::string> references;
  };
  std::vector<Pending> pending;
  // Folded spelling of each headword → its target stems, for "= other" and "от go" references.
  std::unordered_map<std::string, std::vector<std::pair<std::uint32_t, PairKind>>> by_spelling;
  std::unordered_set<std::uint64_t> seen_entries;  // (offset, length): one entry, several index lines
  std::size_t new_pairs = 0;
  auto intern_heads = [&](const std::vector<std::string>& heads) {
    std::vector<std::uint32_t> ids;
    for (const auto& h : heads)
      if (!h.empty()) ids.push_back(impl_->data.intern(source.from, h));
    return ids;
  };

  std::vector<std::pair<std::string, PairKind>> glosses;
  for (const auto& ie : db.entries()) {
    if (detail::is_dictd_metadata(ie.headword)) continue;
    ++stats.headwords;
    if (!seen_entries.insert((ie.offset << 24) ^ ie.length).second) {
      ++stats.parsed;  // the same entry again under another spelling: already counted
      continue;
    }
    std::string_view text = db.text(ie);
    detail::DictdEntry entry = format == DictdFormat::mueller ? detail::parse_mueller_entry(text)
                                                              : detail::parse_freedict_entry(text, source.to);
    if (entry.headwords.empty()) entry.headwords.push_back(ie.headword);

    std::vector<std::string> heads;
    bool any_phrase = false, any_affix = false;
    for (const auto& h : entry.headwords) {
      std::vector<std::string> keys;
      switch (from.headword_keys(h, keys)) {
        case Keyer::HeadKind::word:
          heads.insert(heads.end(), keys.begin(), keys.end());
          break;
        case Keyer::HeadKind::phrase:
          any_phrase = true;
          break;
        case Keyer::HeadKind::affix:
          any_affix = true;
          break;
        case Keyer::HeadKind::empty:
          break;
      }
    }
    if (heads.empty()) {
      if (any_phrase)
        ++stats.skipped_phrase;
      else if (any_affix)
        ++stats.skipped_affix;
      else
        ++stats.skipped_empty;
      continue;
    }
    glosses.clear();
    for (const auto& t : entry.translations) {
      auto g = to.gloss_keys(t);
      for (auto& s : g.keys) glosses.emplace_back(std::move(s), g.kind);
    }
    if (glosses.empty()) {
      if (entry.references.empty()) {
        ++stats.skipped_empty;
      } else {
        pending.push_back({std::move(heads), std::move(entry.references)});
      }
      continue;
    }
    auto targets = impl_->intern_targets(source.to, glosses);
    ++stats.parsed;
    for (const auto& h : entry.headwords) {
      auto& list = by_spelling[from.fold(h)];
      list.insert(list.end(), targets.begin(), targets.end());
    }
    for (auto h : intern_heads(heads))
      for (auto [t, kind] : targets) new_pairs += impl_->data.link(source.from, h, source.to, t, kind);
  }

  for (const auto& p : pending) {
    bool any = false;
    for (const auto& ref : p.references) {
      auto it = by_spelling.find(from.fold(ref));
      if (it == by_spelling.end()) continue;
      any = true;
      auto heads = intern_heads(p.heads);
      std::vector<std::string> lemma;
      if (from.headword_keys(ref, lemma) == Keyer::HeadKind::word)
        impl_->data.aliases.push_back({source.from, heads, lemma.front()});
      for (auto h : heads)
        for (auto [t, kind] : it->second) new_pairs += impl_->data.link(source.from, h, source.to, t, kind);
    }
    if (any) {
      ++stats.parsed;
      ++stats.aliases;
    } else {
      ++stats.skipped_empty;
    }
  }
  stats.pairs = new_pairs;
  return stats;
}

DictdStats LexiconBuilder::add_dictd(const std::filesystem::path& index, const std::filesystem::path& dict,
                                     Lang from, Lang to, DictdFormat format) {
  return add_dictd(DictdSource{index, dict, from, to, package_for(index), format});
}

std::size_t LexiconBuilder::add(Lang from, std::string_view source, Lang to, std::string_view target) {
  check_lang(from);
  check_lang(to);
  if (from == to) throw UsageError("a lexicon pair needs two different languages");
  auto a = impl_->keyer(from).gloss_keys(source);
  auto b = impl_->keyer(to).gloss_keys(target);
  const PairKind kind = std::max(a.kind, b.kind);
  std::size_t added = 0;
  for (const auto& x : a.keys)
    for (const auto& y : b.keys) added += impl_->add_pair(from, x, to, y, kind);
  return added;
}

UserLexiconStats LexiconBuilder::add_user_lexicon(const std::filesystem::path& path, Lang from, Lang to) {
  check_lang(from);
  check_lang(to);
  if (from == to) throw UsageError("a user lexicon needs two different languages");
  const std::string source = path.string();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw InputError(source, kNoOffset, "user lexicon not found", "check the path");
  std::string data = read_whole_file(path, "cannot read the user lexicon");

  UserLexiconStats stats;
  stats.path = path;
  stats.from = from;
  stats.to = to;
  const std::string format_hint =
      "each line is source<TAB>target (one word or a short phrase each); '#' starts a comment";
  std::size_t pos = 0, line_no = 0;
  if (data.starts_with("\xEF\xBB\xBF")) pos = 3;  // a UTF-8 byte-order mark
  Keyer& kf = impl_->keyer(from);
  Keyer& kt = impl_->keyer(to);
  while (pos < data.size()) {
    std::size_t end = data.find('\n', pos);
    if (end == std::string::npos) end = data.size();
    std::string_view line(data.data() + pos, end - pos);
    ++line_no;
    const std::size_t line_start = pos;
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    auto fail = [&](std::size_t offset, const std::string& problem) {
      throw InputError(source, offset, fmt::format("line {}: {}", line_no, problem), format_hint);
    };
    {
      std::int32_t i = 0;
      const auto n = static_cast<std::int32_t>(line.size());
      const auto* p = reinterpret_cast<const std::uint8_t*>(line.data());
      while (i < n) {
        std::int32_t at = i;
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) fail(line_start + std::size_t(at), fmt::format("invalid UTF-8 (byte 0x{:02X})", p[at]));
      }
    }
    std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') continue;
    ++stats.lines;
    std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos) fail(line_start, "no tab between source and target");
    if (line.find('\t', tab + 1) != std::string_view::npos)
      fail(line_start + line.find('\t', tab + 1), "more than one tab");
    std::string_view lhs = line.substr(0, tab), rhs = line.substr(tab + 1);
    auto blank = [](std::string_view s) { return s.find_first_not_of(' ') == std::string_view::npos; };
    if (blank(lhs)) fail(line_start, "empty source");
    if (blank(rhs)) fail(line_start + tab + 1, "empty target");
    auto a = kf.gloss_keys(lhs);
    if (a.keys.empty())
      fail(line_start, fmt::format("source '{}' has no {} word (or more than {} content words)", lhs,
                                   to_string(from), kMaxGlossWords));
    auto b = kt.gloss_keys(rhs);
    if (b.keys.empty())
      fail(line_start + tab + 1, fmt::format("target '{}' has no {} word (or more than {} content words)",
                                             rhs, to_string(to), kMaxGlossWords));
    const PairKind kind = std::max(a.kind, b.kind);
    for (const auto& x : a.keys)
      for (const auto& y : b.keys) stats.pairs += impl_->add_pair(from, x, to, y, kind);
  }
  return stats;
}

Lexicon LexiconBuilder::build() {
  Impl::Data& data = impl_->data;
  // English negated auxiliaries are single tokens ("didn't") and not stop words (a negation flips
  // a claim); no dictionary lists them. They mean "not" and the auxiliary.
  if (data.pools.count(Lang::en)) {
    Keyer& en = impl_->keyer(Lang::en);
    static constexpr std::pair<std::string_view, std::string_view> kNegations[] = {
        {"don't", "do"},        {"doesn't", "do"},   {"didn't", "do"},   {"isn't", "be"},
        {"aren't", "be"},       {"wasn't", "be"},    {"weren't", "be"},  {"won't", "will"},
        {"wouldn't", "will"},   {"can't", "can"},    {"cannot", "can"},  {"couldn't", "can"},
        {"shouldn't", "shall"}, {"haven't", "have"}, {"hasn't", "have"}, {"hadn't", "have"},
        {"mustn't", "must"},    {"needn't", "need"}, {"ain't", "be"}};
    for (auto [word, verb] : kNegations) {
      std::vector<std::uint32_t> head{data.intern(Lang::en, en.stem(en.fold(word)))};
      data.aliases.push_back({Lang::en, head, en.stem("not")});
      data.aliases.push_back({Lang::en, head, en.stem(verb)});
    }
  }
  data.expand_aliases();  // idempotent: build() may run again after more input
  Lexicon lex;
  std::map<Lang, std::vector<std::uint32_t>> remap;  // builder id → sorted id
  for (const auto& pool_entry : data.pools) {
    const Lang lang = pool_entry.first;
    const auto& pb = pool_entry.second;
    std::vector<std::uint32_t> order(pb.stems.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](auto x, auto y) { return pb.stems[x] < pb.stems[y]; });
    Lexicon::Pool pool;
    pool.lang = lang;
    pool.offsets.reserve(order.size() + 1);
    pool.offsets.push_back(0);
    auto& map = remap[lang];
    map.resize(order.size());
    for (std::uint32_t rank = 0; rank < order.size(); ++rank) {
      map[order[rank]] = rank;
      pool.chars += pb.stems[order[rank]];
      pool.offsets.push_back(static_cast<std::uint32_t>(pool.chars.size()));
    }
    lex.pools_.push_back(std::move(pool));
  }
  using Edge = std::tuple<std::uint32_t, std::uint32_t, PairKind>;
  auto make_table = [&](Lang from, Lang to, const std::vector<Edge>& edges) {
    Lexicon::Table t;
    t.from = from;
    t.to = to;
    t.rows.assign(lex.stems(from) + 1, 0);
    for (const auto& e : edges) ++t.rows[std::get<0>(e) + 1];
    for (std::size_t i = 1; i < t.rows.size(); ++i) t.rows[i] += t.rows[i - 1];
    t.cols.resize(edges.size());
    t.kinds.resize(edges.size());
    std::vector<std::uint32_t> fill(t.rows.begin(), t.rows.end() - 1);
    for (const auto& [a, b, kind] : edges) {  // edges sorted: rows come out sorted
      t.kinds[fill[a]] = kind;
      t.cols[fill[a]++] = b;
    }
    lex.tables_.push_back(std::move(t));
  };
  for (const auto& [langs, set] : data.pairs) {
    if (set.empty()) continue;
    const auto& ma = remap[langs.first];
    const auto& mb = remap[langs.second];
    std::vector<Edge> ab, ba;
    ab.reserve(set.size());
    ba.reserve(set.size());
    for (const auto& [key, kind] : set) {
      auto a = ma[static_cast<std::uint32_t>(key >> 32)];
      auto b = mb[static_cast<std::uint32_t>(key & 0xffffffffu)];
      ab.emplace_back(a, b, kind);
      ba.emplace_back(b, a, kind);
    }
    std::sort(ab.begin(), ab.end());
    std::sort(ba.begin(), ba.end());
    make_table(langs.first, langs.second, ab);
    make_table(langs.second, langs.first, ba);
  }
  return lex;
}

// ---------------------------------------------------------------------------------------------
// Defaults
// ---------------------------------------------------------------------------------------------

std::vector<DictdSource> default_dictionaries(const std::filesystem::path& dir) {
  std::filesystem::path base = dir;
  if (base.empty()) {
    const char* env = std::getenv("QUOTEKIT_DICTD_DIR");
    base = (env && *env) ? std::filesystem::path(env) : std::filesystem::path("/usr/share/dictd");
  }
  auto dict_file = [&](const std::string& name) {
    std::error_code ec;
    auto dz = base / (name + ".dict.dz");
    auto plain = base / (name + ".dict");
    if (!std::filesystem::exists(dz, ec) && std::filesystem::exists(plain, ec)) return plain;
    return dz;
  };
  auto make = [&](const std::string& name, Lang from, Lang to, std::string package, DictdFormat format) {
    return DictdSource{base / (name + ".index"), dict_file(name), from, to, std::move(package), format};
  };
  return {
      make("mueller7", Lang::en, Lang::ru, "mueller7-dict", DictdFormat::mueller),
      make("freedict-eng-tur", Lang::en, Lang::tr, "dict-freedict-eng-tur", DictdFormat::freedict),
      make("freedict-tur-eng", Lang::tr, Lang::en, "dict-freedict-tur-eng", DictdFormat::freedict),
  };
}

LexiconBuildStats build_default_lexicon(const std::filesystem::path& out_path,
                                        std::span<const UserLexicon> user_lexicons,
                                        const std::filesystem::path& dictd_dir) {
  LexiconBuildStats stats;
  LexiconBuilder builder;
  for (const auto& source : default_dictionaries(dictd_dir))
    stats.dictionaries.push_back(builder.add_dictd(source));
  for (const auto& user : user_lexicons)
    stats.user_lexicons.push_back(builder.add_user_lexicon(user.path, user.from, user.to));
  Lexicon lex = builder.build();
  for (auto [from, to] : lex.directions())
    stats.directions.push_back(
        {from, to, lex.headwords(from, to), lex.entries(from, to), lex.entries(from, to, PairKind::phrase)});
  if (out_path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(out_path.parent_path(), ec);
  }
  lex.save(out_path);
  std::error_code ec;
  auto size = std::filesystem::file_size(out_path, ec);
  stats.bytes = ec ? 0 : size;
  return stats;
}

// ---------------------------------------------------------------------------------------------
// Coverage
// ---------------------------------------------------------------------------------------------

LexiconCoverage measure_coverage(const Lexicon& lexicon, Lang from, Lang to, std::string_view text,
                                 std::size_t top_unknown) {
  check_lang(from);
  LexiconCoverage cov;
  cov.from = from;
  cov.to = to;
  Tokenizer tokenizer(from);
  std::vector<Token> tokens;
  std::unordered_map<std::string, std::pair<std::size_t, bool>> seen;  // stem → (count, known)
  // Line by line: the tokenizer wants spans under 4 GiB, and corpora are one segment a line.
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t end = std::min(text.find('\n', pos), text.size());
    tokens.clear();
    tokenizer.tokenize(text.substr(pos, end - pos), Span{0, static_cast<std::uint32_t>(end - pos)}, tokens);
    pos = end + 1;
    for (const Token& t : tokens) {
      if (t.kind != TokenKind::word || t.stop) continue;
      auto [it, fresh] = seen.try_emplace(t.stem, 0, false);
      if (fresh) it->second.second = lexicon.knows(from, to, t.stem);
      ++it->second.first;
      ++cov.tokens;
      cov.known += it->second.second;
    }
  }
  cov.types = seen.size();
  std::vector<std::pair<std::string, std::size_t>> unknown;
  for (auto& [stem, v] : seen) {
    if (v.second) {
      ++cov.known_types;
    } else {
      unknown.emplace_back(stem, v.first);
    }
  }
  std::size_t k = std::min(top_unknown, unknown.size());
  std::partial_sort(unknown.begin(), unknown.begin() + std::ptrdiff_t(k), unknown.end(),
                    [](const auto& a, const auto& b) {
                      return a.second != b.second ? a.second > b.second : a.first < b.first;
                    });
  unknown.resize(k);
  cov.top_unknown = std::move(unknown);
  return cov;
}

}  // namespace quotekit
