// Speaker turns: labels ("Host:", "President Ilham Aliyev:"), who a heading names as the
// interviewee, and question/answer roles for runs of dash-led turns.
#include <array>
#include <cmath>

#include "segment_internal.hpp"
#include "segment_text.hpp"

namespace quotekit::detail {
namespace {

constexpr std::array<std::string_view, 22> kQuestionWords = {
    "host",          "co-host",   "correspondent", "journalist", "question", "interviewer",
    "reporter",      "anchor",    "presenter",     "moderator",  "ведущий",  "ведущая",
    "корреспондент", "журналист", "журналистка",   "вопрос",     "soru",     "muhabir",
    "sunucu",        "gazeteci",  "spiker",        "moderatör"};
constexpr std::array<std::string_view, 4> kAnswerWords = {"answer", "ответ", "cevap", "yanit"};
// Single-letter labels: Q/A, Russian В/О (вопрос/ответ), Turkish S/C (soru/cevap).
constexpr std::array<std::string_view, 3> kQuestionLetters = {"q", "в", "s"};
constexpr std::array<std::string_view, 3> kAnswerLetters = {"a", "о", "c"};
// Lowercase words allowed inside a name label: "President of Azerbaijan", "Ahmed al Sabah".
constexpr std::array<std::string_view, 16> kConnectors = {
    "of", "the", "de", "da", "del", "al", "el", "bin", "ibn", "van", "von", "der", "den", "la", "le", "du"};
// First words of "Label:" prefixes that are not speakers.
constexpr std::array<std::string_view, 44> kNotSpeakers = {
    "note",    "notes",      "source",      "sources",  "photo",     "photos",  "video",     "read",
    "see",     "update",     "updated",     "tags",     "tag",       "date",    "related",   "published",
    "posted",  "author",     "by",          "editor's", "attention", "warning", "important", "example",
    "summary", "background", "translation", "ps",       "p.s",       "nb",      "also",      "then",
    "now",     "first",      "finally",     "today",    "subject",   "title",   "from",      "to",
    "cc",      "location",   "link",        "share"};

template <std::size_t N>
bool in(const std::array<std::string_view, N>& list, std::string_view w) {
  for (std::string_view x : list) {
    if (x == w) return true;
  }
  return false;
}

bool ascii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// Levenshtein distance <= 1 ("Correpondent" is a correspondent).
bool near(std::string_view a, std::string_view b) {
  if (a == b) return true;
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (a.size() == b.size()) return a.substr(i + 1) == b.substr(i + 1);
  return a.substr(i) == b.substr(i + 1);
}

bool question_word(std::string_view folded) {
  if (in(kQuestionWords, folded)) return true;
  if (folded.size() < 6 || !ascii(folded)) return false;
  for (std::string_view w : kQuestionWords) {
    if (w.size() >= 6 && ascii(w) && near(folded, w)) return true;
  }
  return false;
}

bool word_char(char32_t c) {
  return is_letter(c) || c == '.' || c == '-' || c == '\'' || c == 0x2019 || c == '`';
}

// Strips "`s", "’s", "'s" from the end of a word; returns whether it was there.
bool strip_possessive(std::string_view& w) {
  for (std::string_view suffix :
       {std::string_view("`s"), std::string_view("'s"), std::string_view("\xE2\x80\x99s")}) {
    if (w.size() > suffix.size() && w.substr(w.size() - suffix.size()) == suffix) {
      w.remove_suffix(suffix.size());
      return true;
    }
  }
  return false;
}

bool capitalized(std::string_view w) { return !w.empty() && is_upper(cp_at(w, 0)); }

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    const std::size_t b = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > b) words.push_back(s.substr(b, i - b));
  }
  return words;
}

std::string join(const std::vector<std::string_view>& words, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t k = from; k < to; ++k) {
    if (!out.empty()) out += ' ';
    out += words[k];
  }
  return out;
}

}  // namespace

std::optional<Label> parse_label(std::string_view text, std::size_t begin, std::size_t end) {
  std::size_t pos = begin;
  std::size_t words = 0;
  std::string folded;
  std::string first_word;
  bool last_connector = false;
  bool role_q = false;
  bool role_a = false;
  std::size_t letters_only_word = 0;  // length in code points of a single-word label
  while (pos < end) {
    const std::size_t ws = pos;
    const char32_t c = cp_at(text, pos);
    if (!is_letter(c)) return std::nullopt;
    std::size_t cps = 0;
    while (pos < end) {
      std::size_t j = pos;
      const char32_t d = next_cp(text, j);
      if (!word_char(d)) break;
      pos = j;
      ++cps;
    }
    const std::string_view word = text.substr(ws, pos - ws);
    fold_word(word, folded);
    if (words == 0) first_word = folded;
    if (!is_upper(c)) {
      if (words == 0 || !in(kConnectors, folded)) return std::nullopt;
      last_connector = true;
    } else {
      last_connector = false;
      if (question_word(folded)) role_q = true;
      if (in(kAnswerWords, folded)) role_a = true;
    }
    ++words;
    letters_only_word = cps;
    if (words > 5 || pos >= end) return std::nullopt;
    const char next = text[pos];
    if (next == ':') break;
    if (next != ' ') return std::nullopt;
    ++pos;
  }
  if (pos >= end || text[pos] != ':' || last_connector || words == 0) return std::nullopt;
  const std::size_t colon = pos;
  if (colon + 1 < end && !is_space(cp_at(text, colon + 1))) return std::nullopt;  // "12:00", "http:"
  if (words == 1 && letters_only_word == 1) {
    if (in(kQuestionLetters, first_word)) role_q = true;
    if (in(kAnswerLetters, first_word)) role_a = true;
  }
  Label label;
  label.name = Span{static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(colon)};
  label.rest = skip_space(text, colon + 1, end);
  label.role_word = role_q || role_a;
  label.role = role_q ? Role::question : Role::answer;
  if (label.role_word) return label;
  if (in(kNotSpeakers, first_word)) return std::nullopt;
  if (words == 1 && letters_only_word == 1) return std::nullopt;  // "B: ..." that is no Q/A
  // A name label: only when what follows reads as speech (ends like a sentence) or nothing
  // follows on this line (the speech is in the next paragraph).
  if (label.rest >= end) return label;
  std::size_t e = end;
  while (e > label.rest) {
    std::size_t j = e;
    if (!is_closer(prev_cp(text, j))) break;
    e = j;
  }
  if (e > label.rest && is_final_punct(cp_before(text, e))) return label;
  return std::nullopt;
}

std::string interviewee_from_heading(std::string_view heading) {
  const std::vector<std::string_view> w = split_words(heading);
  auto all_capitalized = [&](std::size_t from, std::size_t to) {
    for (std::size_t k = from; k < to; ++k) {
      if (!capitalized(w[k])) return false;
    }
    return to > from;
  };
  for (std::size_t i = 0; i < w.size(); ++i) {
    // "X was interviewed", "X has been interviewed", "X gave an interview", "X took questions"
    static constexpr std::array<std::array<std::string_view, 3>, 9> kVerbs = {{
        {"was", "interviewed", ""},
        {"has", "been", "interviewed"},
        {"had", "been", "interviewed"},
        {"gave", "an", "interview"},
        {"gave", "interview", ""},
        {"has", "given", "an"},
        {"gives", "an", "interview"},
        {"took", "questions", ""},
        {"answered", "questions", ""},
    }};
    if (i >= 1 && i <= 4 && all_capitalized(0, i)) {
      for (const auto& v : kVerbs) {
        bool match = true;
        for (std::size_t k = 0; k < 3 && match; ++k) {
          if (v[k].empty()) break;
          match = i + k < w.size() && w[i + k] == v[k];
        }
        if (match) return join(w, 0, i);
      }
    }
    // "X`s interview with ..."
    if (i + 1 < w.size() && i <= 3 && w[i + 1] == "interview") {
      std::vector<std::string_view> name(w.begin(), w.begin() + static_cast<std::ptrdiff_t>(i + 1));
      if (strip_possessive(name.back()) && all_capitalized(0, i + 1)) return join(name, 0, name.size());
    }
    // "... interview with President Ilham Aliyev"
    if (i + 2 < w.size() && w[i] == "interview" && w[i + 1] == "with") {
      std::size_t k = i + 2;
      while (k < w.size() && k < i + 6 && capitalized(w[k]) &&
             w[k].find_first_of("`'\xE2,") == std::string_view::npos) {
        ++k;
      }
      if (k - (i + 2) >= 2 && (k == w.size() || !capitalized(w[k]))) return join(w, i + 2, k);
    }
  }
  return {};
}

std::vector<Role> infer_roles(const std::vector<TurnEvidence>& turns, Role before) {
  const std::size_t n = turns.size();
  std::vector<Role> roles(n, Role::none);
  if (n == 0) return roles;
  // State 0 = question, 1 = answer. Log probabilities.
  auto emit = [](int state, const TurnEvidence& e) {
    static constexpr double kQ[3] = {0.28, 0.10, 0.62};  // none, inside, final_q
    static constexpr double kA[3] = {0.64, 0.30, 0.06};
    static constexpr double kQLen[3] = {0.75, 0.20, 0.05};  // < 250, < 700, longer
    static constexpr double kALen[3] = {0.15, 0.25, 0.60};
    const auto i = static_cast<std::size_t>(e.q);
    const std::size_t l = e.bytes < 250 ? 0 : e.bytes < 700 ? 1 : 2;
    return std::log(state == 0 ? kQ[i] * kQLen[l] : kA[i] * kALen[l]);
  };
  const double hard_stay = std::log(0.15);
  const double hard_flip = std::log(0.85);
  const double soft_stay = std::log(0.92);
  const double soft_flip = std::log(0.08);
  double start_q = 0.7;
  if (before == Role::question) start_q = 0.2;
  if (before == Role::answer) start_q = 0.8;
  std::vector<std::array<double, 2>> score(n);
  std::vector<std::array<int, 2>> back(n);
  score[0] = {std::log(start_q) + emit(0, turns[0]), std::log(1 - start_q) + emit(1, turns[0])};
  for (std::size_t t = 1; t < n; ++t) {
    const double stay = turns[t].hard ? hard_stay : soft_stay;
    const double flip = turns[t].hard ? hard_flip : soft_flip;
    for (int s = 0; s < 2; ++s) {
      const double from_same = score[t - 1][static_cast<std::size_t>(s)] + stay;
      const double from_other = score[t - 1][static_cast<std::size_t>(1 - s)] + flip;
      back[t][static_cast<std::size_t>(s)] = from_same >= from_other ? s : 1 - s;
      score[t][static_cast<std::size_t>(s)] = std::max(from_same, from_other) + emit(s, turns[t]);
    }
  }
  int s = score[n - 1][0] >= score[n - 1][1] ? 0 : 1;
  for (std::size_t t = n; t-- > 0;) {
    roles[t] = s == 0 ? Role::question : Role::answer;
    if (t > 0) s = back[t][static_cast<std::size_t>(s)];
  }
  return roles;
}

}  // namespace quotekit::detail
