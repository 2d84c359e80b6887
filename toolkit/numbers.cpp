// numbers.cpp — canonical numbers: see numbers.hpp.
#include "numbers.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <array>
#include <functional>
#include <initializer_list>
#include <string>
#include <unordered_map>

namespace quotekit::detail {

namespace {

constexpr std::uint64_t kMaxMant = 9'999'999'999'999'999'999ULL;  // 19 digits

std::optional<std::uint64_t> pow10(int k) {
  if (k < 0 || k > 19) return std::nullopt;
  std::uint64_t p = 1;
  for (int i = 0; i < k; ++i) p *= 10;
  return p;
}

std::optional<std::uint64_t> mul(std::uint64_t a, std::uint64_t b) {
  std::uint64_t r;
  if (__builtin_mul_overflow(a, b, &r) || r > kMaxMant) return std::nullopt;
  return r;
}

// Drops trailing zeros from the fraction: 1.50 → 1.5, 2.000 × 10^0.
Decimal trim(Decimal d) {
  if (d.mant == 0) return {0, 0};
  while (d.exp < 0 && d.mant % 10 == 0) {
    d.mant /= 10;
    ++d.exp;
  }
  return d;
}

// The value as an integer, if it is one and fits.
std::optional<std::uint64_t> as_integer(Decimal d) {
  d = trim(d);
  if (d.exp < 0) return std::nullopt;
  auto p = pow10(d.exp);
  if (!p) return std::nullopt;
  return mul(d.mant, *p);
}

std::optional<Decimal> add(Decimal a, Decimal b) {
  a = trim(a);
  b = trim(b);
  if (a.mant == 0) return b;
  if (b.mant == 0) return a;
  const std::int32_t e = std::min(a.exp, b.exp);
  auto pa = pow10(a.exp - e);
  auto pb = pow10(b.exp - e);
  if (!pa || !pb) return std::nullopt;
  auto ma = mul(a.mant, *pa);
  auto mb = mul(b.mant, *pb);
  if (!ma || !mb || *ma > kMaxMant - *mb) return std::nullopt;
  return Decimal{*ma + *mb, e};
}

std::optional<Decimal> times(Decimal a, Decimal b) {
  auto m = mul(a.mant, b.mant);
  if (!m) return std::nullopt;
  return trim(Decimal{*m, a.exp + b.exp});
}

Decimal integer(std::uint64_t v) { return Decimal{v, 0}; }
Decimal power(int k) { return Decimal{1, k}; }

// ---- number words ----

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
using WordMap = std::unordered_map<std::string, NumberWord, StringHash, std::equal_to<>>;

void put(WordMap& m, NumClass cls, Decimal value, std::initializer_list<const char*> forms,
         bool implicit_one = false) {
  for (const char* f : forms) m.emplace(f, NumberWord{cls, value, implicit_one});
}

void put_scale(WordMap& m, int k, std::string_view stem, std::initializer_list<const char*> endings) {
  for (const char* e : endings)
    m.emplace(std::string(stem) + e, NumberWord{NumClass::scale, power(k), false});
}

WordMap english_words() {
  WordMap m;
  const char* units[] = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};
  for (std::uint64_t i = 0; i < 10; ++i) put(m, NumClass::unit, integer(i), {units[i]});
  const char* teens[] = {"ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                         "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
  for (std::uint64_t i = 0; i < 10; ++i) put(m, NumClass::teen, integer(10 + i), {teens[i]});
  const char* tens[] = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
  for (std::uint64_t i = 0; i < 8; ++i) put(m, NumClass::tens, integer(20 + 10 * i), {tens[i]});
  put(m, NumClass::hundred, integer(100), {"hundred"});
  put(m, NumClass::scale, power(3), {"thousand", "thousands"});
  put(m, NumClass::scale, power(6), {"million", "millions", "mln"});
  put(m, NumClass::scale, power(9), {"billion", "billions", "bn"});
  put(m, NumClass::scale, power(12), {"trillion", "trillions"});
  return m;
}

// Russian forms are written case-folded with е for ё, as the Normalizer produces them. Forms that
// collide with common words are left out (семью is also "family").
WordMap russian_words() {
  WordMap m;
  put(m, NumClass::unit, integer(0), {"ноль", "нуль", "ноля", "нуля"});
  put(m, NumClass::unit, integer(1),
      {"один", "одна", "одно", "одного", "одной", "одному", "одним", "одну", "одном"});
  put(m, NumClass::unit, integer(2), {"два", "две", "двух", "двум", "двумя"});
  put(m, NumClass::unit, integer(3), {"три", "трех", "трем", "тремя"});
  put(m, NumClass::unit, integer(4), {"четыре", "четырех", "четырем", "четырьмя"});
  put(m, NumClass::unit, integer(5), {"пять", "пяти", "пятью"});
  put(m, NumClass::unit, integer(6), {"шесть", "шести", "шестью"});
  put(m, NumClass::unit, integer(7), {"семь", "семи"});
  put(m, NumClass::unit, integer(8), {"восемь", "восьми", "восемью", "восьмью"});
  put(m, NumClass::unit, integer(9), {"девять", "девяти", "девятью"});
  const char* teens[] = {"десят",     "одиннадцат", "двенадцат", "тринадцат",   "четырнадцат",
                         "пятнадцат", "шестнадцат", "семнадцат", "восемнадцат", "девятнадцат"};
  for (std::uint64_t i = 0; i < 10; ++i) {
    for (const char* e : {"ь", "и", "ью"}) {
      m.emplace(std::string(teens[i]) + e, NumberWord{NumClass::teen, integer(10 + i), false});
    }
  }
  put(m, NumClass::tens, integer(20), {"двадцать", "двадцати", "двадцатью"});
  put(m, NumClass::tens, integer(30), {"тридцать", "тридцати", "тридцатью"});
  put(m, NumClass::tens, integer(40), {"сорок", "сорока"});
  put(m, NumClass::tens, integer(50), {"пятьдесят", "пятидесяти", "пятьюдесятью"});
  put(m, NumClass::tens, integer(60), {"шестьдесят", "шестидесяти", "шестьюдесятью"});
  put(m, NumClass::tens, integer(70), {"семьдесят", "семидесяти", "семьюдесятью"});
  put(m, NumClass::tens, integer(80), {"восемьдесят", "восьмидесяти", "восемьюдесятью"});
  put(m, NumClass::tens, integer(90), {"девяносто", "девяноста"});
  put(m, NumClass::hundreds, integer(100), {"сто", "ста"});
  put(m, NumClass::hundreds, integer(200), {"двести", "двухсот", "двумстам"});
  put(m, NumClass::hundreds, integer(300), {"триста", "трехсот", "тремстам"});
  put(m, NumClass::hundreds, integer(400), {"четыреста", "четырехсот", "четыремстам"});
  put(m, NumClass::hundreds, integer(500), {"пятьсот", "пятисот", "пятистам"});
  put(m, NumClass::hundreds, integer(600), {"шестьсот", "шестисот", "шестистам"});
  put(m, NumClass::hundreds, integer(700), {"семьсот", "семисот", "семистам"});
  put(m, NumClass::hundreds, integer(800), {"восемьсот", "восьмисот", "восьмистам"});
  put(m, NumClass::hundreds, integer(900), {"девятьсот", "девятисот", "девятистам"});
  put(m, NumClass::half, Decimal{15, -1}, {"полтора", "полторы", "полутора"});
  put(m, NumClass::scale, power(3), {"тысяча", "тысячу"}, /*implicit_one=*/true);
  put(m, NumClass::scale, power(3),
      {"тысячи", "тысяч", "тысячей", "тысячам", "тысячами", "тысячах", "тысяче", "тыс"});
  const std::initializer_list<const char*> endings = {"", "а", "ов", "ы", "ам", "ами", "ах", "у", "ом", "е"};
  put_scale(m, 6, "миллион", endings);
  put_scale(m, 9, "миллиард", endings);
  put_scale(m, 12, "триллион", endings);
  put(m, NumClass::scale, power(6), {"млн"});
  put(m, NumClass::scale, power(9), {"млрд"});
  put(m, NumClass::scale, power(12), {"трлн"});
  return m;
}

// Turkish, folded with Turkish rules (ı). "bir" is the indefinite article as much as "one", so it
// only counts inside a longer number ("bir milyon", "yirmi bir").
WordMap turkish_words() {
  WordMap m;
  put(m, NumClass::unit, integer(0), {"sıfır"});
  put(m, NumClass::article, integer(1), {"bir"});
  const char* units[] = {"iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz"};
  for (std::uint64_t i = 0; i < 8; ++i) put(m, NumClass::unit, integer(2 + i), {units[i]});
  const char* tens[] = {"on", "yirmi", "otuz", "kırk", "elli", "altmış", "yetmiş", "seksen", "doksan"};
  for (std::uint64_t i = 0; i < 9; ++i) put(m, NumClass::tens, integer(10 + 10 * i), {tens[i]});
  put(m, NumClass::hundred, integer(100), {"yüz"});
  put(m, NumClass::scale, power(3), {"bin"}, /*implicit_one=*/true);
  put(m, NumClass::scale, power(6), {"milyon"});
  put(m, NumClass::scale, power(9), {"milyar"});
  put(m, NumClass::scale, power(12), {"trilyon"});
  return m;
}

const WordMap& words_for(Lang lang) {
  static const WordMap en = english_words();
  static const WordMap ru = russian_words();
  static const WordMap tr = turkish_words();
  switch (lang) {
    case Lang::ru:
      return ru;
    case Lang::tr:
      return tr;
    default:
      return en;
  }
}

// ---- digit strings ----

struct Style {
  char group;
  char decimal;
};

std::optional<Decimal> read_digits(const std::vector<std::string>& runs, const std::string& seps,
                                   Style style) {
  // Which separator, if any, is the decimal point: only the last one may be.
  std::size_t int_runs = runs.size();
  if (!seps.empty() && seps.back() == style.decimal) int_runs = runs.size() - 1;
  for (std::size_t k = 0; k + 1 < int_runs; ++k) {
    const char s = seps[k];
    if ((s != style.group && s != ' ') || s != seps[0]) return std::nullopt;  // one group char
  }
  if (int_runs > 1) {
    if (runs[0].size() > 3 || runs[0][0] == '0') return std::nullopt;
    for (std::size_t k = 1; k < int_runs; ++k) {
      if (runs[k].size() != 3) return std::nullopt;
    }
  }
  std::string digits;
  for (std::size_t k = 0; k < int_runs; ++k) digits += runs[k];
  std::int32_t exp = 0;
  if (int_runs < runs.size()) {
    digits += runs.back();
    exp = -static_cast<std::int32_t>(runs.back().size());
  }
  const std::size_t nz = digits.find_first_not_of('0');
  if (nz == std::string::npos) return Decimal{0, 0};
  digits.erase(0, nz);
  // Trailing fractional zeros do not count toward the 19 digits.
  while (exp < 0 && digits.size() > 1 && digits.back() == '0') {
    digits.pop_back();
    ++exp;
  }
  if (digits.size() > 19) return std::nullopt;
  std::uint64_t mant = 0;
  for (const char ch : digits) mant = mant * 10 + static_cast<std::uint64_t>(ch - '0');
  return trim(Decimal{mant, exp});
}

bool is_space_gap(std::string_view gap) {
  // One space-like character between digit groups: space, NBSP, thin, narrow NBSP, figure.
  return gap == " " || gap == "\u00A0" || gap == "\u2009" || gap == "\u202F" || gap == "\u2007";
}

// White space without a line break between the words of a number.
bool is_word_gap(std::string_view gap) {
  if (gap.empty() || gap.size() > 16) return false;
  const auto* p = reinterpret_cast<const std::uint8_t*>(gap.data());
  const auto n = static_cast<int32_t>(gap.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c == '\n' || c == '\r' || c < 0) return false;
    if (!u_isUWhiteSpace(c) && !u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) return false;
  }
  return true;
}

bool all_digits(std::string_view s, std::size_t min, std::size_t max) {
  if (s.size() < min || s.size() > max) return false;
  for (const char ch : s) {
    if (ch < '0' || ch > '9') return false;
  }
  return true;
}

// "000", "000,5", "000.000": a following digit group of exactly three digits.
bool starts_with_group(std::string_view s) {
  return s.size() >= 3 && all_digits(s.substr(0, 3), 3, 3) && (s.size() == 3 || s[3] < '0' || s[3] > '9');
}

// ---- phrases ----

struct Item {
  NumClass cls = NumClass::none;  // none here means a digit string
  Decimal value;
  bool implicit_one = false;
  std::size_t end = 0;  // one past its last token
  bool is_digits = false;
};

struct Phrase {
  Decimal total;
  Decimal cur;
  int last_scale = 100;
  NumClass last = NumClass::none;
  bool last_digits = false;
  int items = 0;
  bool explicit_value = false;
  bool closed = false;

  // Adds `it` if the grammar allows it here.
  bool accept(const Item& it, Lang lang) {
    if (closed) return false;
    const auto cur_int = as_integer(cur);
    const bool cur_round100 = cur_int && *cur_int % 100 == 0;
    const bool after_big = last == NumClass::hundreds || last == NumClass::hundred || last == NumClass::scale;
    std::optional<Decimal> next;
    if (it.is_digits) {
      if (items == 0 || (last == NumClass::scale && cur.mant == 0)) next = it.value;
    } else {
      switch (it.cls) {
        case NumClass::unit: {
          const auto u = as_integer(it.value).value_or(0);
          if (items == 0) {
            next = it.value;
            if (u == 0) closed = true;
          } else if (u == 0) {
            return false;
          } else if (!last_digits && last == NumClass::tens && cur_int && *cur_int % 10 == 0) {
            next = add(cur, it.value);
          } else if (!last_digits && after_big && cur_round100) {
            next = add(cur, it.value);
          }
          break;
        }
        case NumClass::article:
          if (items == 0) {
            next = it.value;
          } else if (!last_digits && (last == NumClass::tens || after_big) && cur_int && *cur_int % 10 == 0) {
            next = add(cur, it.value);
          }
          break;
        case NumClass::teen:
        case NumClass::tens:
          if (items == 0) {
            next = it.value;
          } else if (!last_digits && after_big && cur_round100) {
            next = add(cur, it.value);
          }
          break;
        case NumClass::hundreds:
          if (items == 0 || (last == NumClass::scale && cur.mant == 0)) next = it.value;
          break;
        case NumClass::half:
          if (items == 0) next = it.value;
          break;
        case NumClass::hundred:
          if (cur_int && *cur_int >= 1 && *cur_int <= 99 && last != NumClass::hundreds) {
            next = times(cur, integer(100));
          } else if (lang == Lang::tr && cur.mant == 0 && (items == 0 || last == NumClass::scale)) {
            next = integer(100);  // "yüz bin" = 100 000
          }
          break;
        case NumClass::scale: {
          const int k = it.value.exp;
          if (k >= last_scale) return false;
          std::optional<Decimal> add_to_total;
          if (cur.mant != 0) {
            add_to_total = times(cur, it.value);
          } else if (it.implicit_one && (items == 0 || last == NumClass::scale)) {
            add_to_total = it.value;
          }
          if (!add_to_total) return false;
          auto t = add(total, *add_to_total);
          if (!t) return false;
          total = *t;
          cur = Decimal{};
          last_scale = k;
          last = NumClass::scale;
          last_digits = false;
          ++items;
          return true;
        }
        case NumClass::none:
          break;
      }
    }
    if (!next) return false;
    cur = *next;
    last = it.cls;
    last_digits = it.is_digits;
    explicit_value =
        explicit_value || it.is_digits ||
        (it.cls != NumClass::article && it.cls != NumClass::hundred && it.cls != NumClass::scale);
    ++items;
    return true;
  }

  bool valid() const { return items >= 2 || explicit_value; }
  std::optional<Decimal> value() const { return add(total, cur); }
};

class Merger {
 public:
  Merger(std::string_view text, Lang lang, std::vector<Token>& tokens, std::size_t first,
         const NumberWord* words)
      : text_(text), lang_(lang), tokens_(tokens), first_(first), words_(words) {}

  std::string_view gap(std::size_t a, std::size_t b) const {  // text between tokens a and b
    const Span x = tokens_[a].span, y = tokens_[b].span;
    return text_.substr(x.end, y.start - x.end);
  }

  // The number item starting at token i, if any.
  std::optional<Item> item_at(std::size_t i) const {
    const Token& t = tokens_[i];
    Item it;
    if (t.kind == TokenKind::number) {
      // "100 000": a 1–3 digit group, then exactly-3-digit groups, each after one space-like char.
      std::size_t end = i + 1;
      std::string joined = t.norm;
      if (all_digits(t.norm, 1, 3)) {
        while (end < tokens_.size() && tokens_[end].kind == TokenKind::number &&
               starts_with_group(tokens_[end].norm) && is_space_gap(gap(end - 1, end))) {
          joined += ' ';
          joined += tokens_[end].norm;
          ++end;
        }
      }
      auto v = parse_numeral(joined, lang_);
      if (!v && end > i + 1) {  // the joined form does not read: fall back to the first group
        end = i + 1;
        v = parse_numeral(t.norm, lang_);
      }
      if (!v) return std::nullopt;
      it.is_digits = true;
      it.value = *v;
      it.end = end;
      return it;
    }
    if (t.kind != TokenKind::word || t.norm.size() > 32) return std::nullopt;
    const NumberWord w = words_ ? words_[i - first_] : number_word(t.norm, lang_);
    if (w.cls == NumClass::none) return std::nullopt;
    it.cls = w.cls;
    it.value = w.value;
    it.implicit_one = w.implicit_one;
    it.end = i + 1;
    return it;
  }

  // Tries to read a number phrase at token i; returns one past its last token, or i.
  std::size_t phrase_at(std::size_t i, Decimal& value) const {
    auto first = item_at(i);
    if (!first) return i;
    Phrase p;
    if (!p.accept(*first, lang_)) return i;
    std::size_t end = first->end;
    while (end < tokens_.size()) {
      std::size_t next = end;
      // Connectors: "twenty-five" (hyphen right after tens, en) and "hundred and five" (en).
      const Token& t = tokens_[next];
      if (lang_ != Lang::ru && lang_ != Lang::tr && t.kind == TokenKind::punct && t.norm == "-" &&
          p.last == NumClass::tens && !p.last_digits && gap(next - 1, next).empty() &&
          next + 1 < tokens_.size() && gap(next, next + 1).empty()) {
        ++next;
      } else if (lang_ != Lang::ru && lang_ != Lang::tr && t.kind == TokenKind::word && t.norm == "and" &&
                 (p.last == NumClass::hundred || p.last == NumClass::scale) &&
                 is_word_gap(gap(next - 1, next)) && next + 1 < tokens_.size()) {
        ++next;
        if (!is_word_gap(gap(next - 1, next))) break;
      } else if (!is_word_gap(gap(next - 1, next))) {
        break;
      }
      auto it = item_at(next);
      if (!it) break;
      if (next > end && it->cls != NumClass::unit && it->cls != NumClass::teen && it->cls != NumClass::tens) {
        break;  // connectors only lead to a small number
      }
      if (!p.accept(*it, lang_)) break;
      end = it->end;
    }
    if (!p.valid()) return i;
    auto v = p.value();
    if (!v) return i;
    value = *v;
    return end;
  }

  void run(std::size_t first) {
    std::size_t w = first;
    for (std::size_t i = first; i < tokens_.size();) {
      Decimal value;
      const std::size_t end = phrase_at(i, value);
      if (end == i) {
        if (w != i) tokens_[w] = std::move(tokens_[i]);
        ++w;
        ++i;
        continue;
      }
      Token merged;
      merged.span = Span{tokens_[i].span.start, tokens_[end - 1].span.end};
      merged.kind = TokenKind::number;
      merged.norm = to_string(value);
      merged.stem = merged.norm;
      merged.stop = false;
      tokens_[w++] = std::move(merged);
      i = end;
    }
    tokens_.resize(w);
  }

 private:
  std::string_view text_;
  Lang lang_;
  std::vector<Token>& tokens_;
  std::size_t first_;
  const NumberWord* words_;
};

}  // namespace

std::string to_string(Decimal d) {
  d = trim(d);
  if (d.mant == 0) return "0";
  std::string digits = std::to_string(d.mant);
  if (d.exp >= 0) return digits + std::string(static_cast<std::size_t>(d.exp), '0');
  const auto frac = static_cast<std::size_t>(-d.exp);
  if (digits.size() <= frac) digits.insert(0, frac - digits.size() + 1, '0');
  digits.insert(digits.size() - frac, 1, '.');
  return digits;
}

std::optional<Decimal> parse_numeral(std::string_view folded, Lang lang) {
  if (!folded.empty() && folded.size() <= 19 && all_digits(folded, 1, 19)) {  // the common case
    std::uint64_t mant = 0;
    for (const char ch : folded) mant = mant * 10 + static_cast<std::uint64_t>(ch - '0');
    return Decimal{mant, 0};
  }
  std::vector<std::string> runs(1);
  std::string seps;
  const auto* p = reinterpret_cast<const std::uint8_t*>(folded.data());
  const auto n = static_cast<int32_t>(folded.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c >= '0' && c <= '9') {
      runs.back() += static_cast<char>(c);
    } else if (c >= 0x80 && u_charType(c) == U_DECIMAL_DIGIT_NUMBER) {  // other scripts' digits
      runs.back() += static_cast<char>('0' + u_charDigitValue(c));
    } else if ((c == ',' || c == '.' || c == ' ') && !runs.back().empty()) {
      seps += static_cast<char>(c);
      runs.emplace_back();
    } else {
      return std::nullopt;
    }
  }
  if (runs.back().empty()) return std::nullopt;
  const Style en{',', '.'};
  const Style eu{'.', ','};
  const bool en_first = lang != Lang::ru && lang != Lang::tr;
  if (auto v = read_digits(runs, seps, en_first ? en : eu)) return v;
  return read_digits(runs, seps, en_first ? eu : en);
}

NumberWord number_word(std::string_view folded, Lang lang) noexcept {
  auto lookup = [&](const WordMap& m) -> NumberWord {
    const auto it = m.find(folded);
    return it == m.end() ? NumberWord{} : it->second;
  };
  if (lang == Lang::en || lang == Lang::ru || lang == Lang::tr) return lookup(words_for(lang));
  // Unknown or other language: English and Russian words cannot collide; Turkish ones can
  // ("on", "bin"), so they are left out.
  const NumberWord w = lookup(words_for(Lang::en));
  return w.cls != NumClass::none ? w : lookup(words_for(Lang::ru));
}

void merge_numbers(std::string_view text, Lang lang, std::vector<Token>& tokens, std::size_t first,
                   const NumberWord* words) {
  Merger(text, lang, tokens, first, words).run(first);
}

}  // namespace quotekit::detail
