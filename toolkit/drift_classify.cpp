// drift: what each edit changed (number, negation, name, modality, ...) and how much the pair
// drifted (see drift.hpp). The word lists are here, one small table per language.
//
// Known gaps, on purpose: Turkish verb negation (-ma/-me: "gelmedi") and necessity (-meli/-malı)
// live inside the verb and need morphology, so they are not detected; a word-form change of
// such a verb comes out as word_form or synonym. Russian negation is the particle list only
// (negation.hpp holds the negation words).
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>
#include <vector>

#include "drift_classify.hpp"
#include "negation.hpp"

namespace quotekit {

std::string_view to_string(EditClass cls) noexcept {
  switch (cls) {
    case EditClass::none:
      return "none";
    case EditClass::number:
      return "number";
    case EditClass::negation:
      return "negation";
    case EditClass::name:
      return "name";
    case EditClass::modality:
      return "modality";
    case EditClass::omission:
      return "omission";
    case EditClass::addition:
      return "addition";
    case EditClass::intensifier:
      return "intensifier";
    case EditClass::move:
      return "move";
    case EditClass::word_form:
      return "word_form";
    case EditClass::synonym:
      return "synonym";
    case EditClass::wording:
      return "wording";
    case EditClass::punctuation:
      return "punctuation";
  }
  return "?";
}

namespace detail {
namespace {

using std::string_view_literals::operator""sv;

// ---- word lists (case-folded, as Token::norm) ----
struct Modal {
  std::string_view word;
  std::string_view canonical;  // forms of one modal compare equal ("мог" == "может")
};

constexpr std::array kModalEn = {
    Modal{"must", "must"},
    Modal{"should", "should"},
    Modal{"may", "may"},
    Modal{"might", "might"},
    Modal{"could", "could"},
    Modal{"can", "can"},
    Modal{"cannot", "can"},
    Modal{"would", "would"},
    Modal{"will", "will"},
    Modal{"shall", "shall"},
    Modal{"ought", "ought"},
    Modal{"allegedly", "allegedly"},
    Modal{"reportedly", "reportedly"},
    Modal{"possibly", "possibly"},
    Modal{"probably", "probably"},
    Modal{"perhaps", "perhaps"},
    Modal{"apparently", "apparently"},
    Modal{"likely", "likely"},
};
constexpr std::array kModalRu = {
    Modal{"должен", "должен"}, Modal{"должна", "должен"},     Modal{"должно", "должен"},
    Modal{"должны", "должен"}, Modal{"может", "мочь"},        Modal{"могут", "мочь"},
    Modal{"мог", "мочь"},      Modal{"могла", "мочь"},        Modal{"могло", "мочь"},
    Modal{"могли", "мочь"},    Modal{"можем", "мочь"},        Modal{"могу", "мочь"},
    Modal{"якобы", "якобы"},   Modal{"возможно", "возможно"}, Modal{"вероятно", "вероятно"},
};
constexpr std::array kModalTr = {
    Modal{"belki", "belki"}, Modal{"muhtemelen", "muhtemelen"},
    Modal{"iddiaya göre", "iddiaya göre"},  // two tokens: matched as a pair
};

constexpr std::array kIntensifierEn = {"absolutely"sv, "completely"sv, "totally"sv, "entirely"sv,
                                       "very"sv,       "extremely"sv,  "fully"sv,   "utterly"sv,
                                       "really"sv,     "strongly"sv,   "clearly"sv};
constexpr std::array kIntensifierRu = {"абсолютно"sv, "полностью"sv, "совершенно"sv, "очень"sv};
constexpr std::array kIntensifierTr = {"kesinlikle"sv, "tamamen"sv, "çok"sv};

bool uses(Lang lang, Lang list) noexcept {
  return lang == list || lang == Lang::unknown || lang == Lang::other;
}

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& list, std::string_view w) noexcept {
  return std::find(list.begin(), list.end(), w) != list.end();
}

template <std::size_t N>
std::string_view find_modal(const std::array<Modal, N>& list, std::string_view w) noexcept {
  for (const Modal& m : list) {
    if (m.word == w) return m.canonical;
  }
  return {};
}

// The tokenizer's norms use ' for every apostrophe; tolerate a typographic one anyway.
std::string apostrophes(std::string_view w) {
  constexpr std::string_view kRight = "\u2019";
  std::string out;
  out.reserve(w.size());
  for (std::size_t i = 0; i < w.size();) {
    if (w.substr(i, kRight.size()) == kRight) {
      out += '\'';
      i += kRight.size();
    } else {
      out += w[i++];
    }
  }
  return out;
}

bool ends_with_nt(std::string_view w) noexcept { return w.size() > 3 && w.ends_with("n't"); }

}  // namespace

std::string_view modal_of(Lang lang, std::string_view norm) noexcept {
  if (uses(lang, Lang::en)) {
    if (ends_with_nt(norm)) {  // can't, won't, shouldn't, ...
      const std::string_view w = norm.substr(0, norm.size() - 3);
      if (w == "ca") return "can";
      if (w == "wo") return "will";
      if (w == "sha") return "shall";
      if (auto c = find_modal(kModalEn, w); !c.empty()) return c;
    } else if (auto c = find_modal(kModalEn, norm); !c.empty()) {
      return c;
    }
  }
  if (uses(lang, Lang::ru)) {
    if (auto c = find_modal(kModalRu, norm); !c.empty()) return c;
  }
  if (uses(lang, Lang::tr)) {
    if (auto c = find_modal(kModalTr, norm); !c.empty()) return c;
  }
  return {};
}

bool is_intensifier(Lang lang, std::string_view norm) noexcept {
  return (uses(lang, Lang::en) && contains(kIntensifierEn, norm)) ||
         (uses(lang, Lang::ru) && contains(kIntensifierRu, norm)) ||
         (uses(lang, Lang::tr) && contains(kIntensifierTr, norm));
}

namespace {

bool is_punct(const Token& t, std::initializer_list<std::string_view> set) {
  return t.kind == TokenKind::punct && std::find(set.begin(), set.end(), t.norm) != set.end();
}

const std::initializer_list<std::string_view> kSentenceEnd = {".", "!", "?", "…", "...", ":"};
// Punctuation that may stand between a sentence end and the next word: quotes, brackets, dashes.
const std::initializer_list<std::string_view> kOpeners = {"\"", "'", "«", "»", "“", "”",
                                                          "„",  "(", "[", "-", "—", "–"};
const std::initializer_list<std::string_view> kClauseLeft = {",", ";", ":", "(", "-",
                                                             "—", "–", ".", "!", "?"};
const std::initializer_list<std::string_view> kClauseRight = {",", ";", ":", ")", "-",
                                                              "—", "–", ".", "!", "?"};

// First code point upper- or title-case.
bool capitalized(std::string_view text, Span span) {
  if (span.empty()) return false;
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  std::int32_t i = static_cast<std::int32_t>(span.start);
  UChar32 c = 0;
  U8_NEXT(s, i, static_cast<std::int32_t>(span.end), c);
  return c >= 0 && (u_isupper(c) || u_istitle(c));
}

}  // namespace

namespace {

// Edit distance of two short strings (bytes), for spelling variants of one name.
std::size_t edit_distance(std::string_view x, std::string_view y) {
  std::vector<std::size_t> row(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[y.size()];
}

// "Buar" / "Bouar", "Senegalese" / "Senegal": one name spelled or inflected differently.
bool name_variant(std::string_view x, std::string_view y) {
  return edit_distance(x, y) <= std::max<std::size_t>(1, std::max(x.size(), y.size()) / 3);
}

// Norms whose count differs between the two sides.
std::unordered_set<std::string> count_changed(const std::unordered_map<std::string, int>& a,
                                              const std::unordered_map<std::string, int>& b) {
  std::unordered_set<std::string> out;
  for (const auto& [w, n] : a) {
    auto it = b.find(w);
    if (it == b.end() || it->second != n) out.insert(w);
  }
  for (const auto& [w, n] : b) {
    if (!a.count(w)) out.insert(w);
  }
  return out;
}

}  // namespace

EditClassifier::EditClassifier(std::string_view text_a, std::span<const Token> tokens_a,
                               std::string_view text_b, std::span<const Token> tokens_b, Lang lang)
    : a_{text_a, tokens_a}, b_{text_b, tokens_b}, lang_(lang) {
  // 1. Which words are names: capitalized where no sentence starts, in a side that is not set
  //    in title case (a headline capitalizes everything, so it teaches nothing).
  for (const Side* side : {&a_, &b_}) {
    std::size_t words = 0, caps = 0;
    for (const Token& tok : side->tokens) {
      if (tok.kind != TokenKind::word) continue;
      ++words;
      caps += capitalized(side->text, tok.span);
    }
    if (words >= 3 && 2 * caps > words) continue;
    for (std::uint32_t t = 0; t < side->tokens.size(); ++t) {
      const Token& tok = side->tokens[t];
      if (tok.kind != TokenKind::word || tok.stop || tok.norm == "i" || !capitalized(side->text, tok.span)) {
        continue;
      }
      bool initial = true;
      for (std::uint32_t p = t; p-- > 0;) {
        const Token& q = side->tokens[p];
        if (q.kind != TokenKind::punct) {
          initial = false;
          break;
        }
        if (is_punct(q, kSentenceEnd)) break;
        if (!is_punct(q, kOpeners)) {
          initial = false;
          break;
        }
      }
      if (!initial) names_.insert(tok.norm);
    }
  }
  // 2. Which names and numbers changed: their counts differ between the whole statements. A
  //    number or name that only moved ("26 September" / "September 26") did not change, and
  //    neither did a name spelled another way.
  std::unordered_map<std::string, int> names_a, names_b, numbers_a, numbers_b;
  for (std::uint32_t t = 0; t < a_.tokens.size(); ++t) {
    if (a_.tokens[t].kind == TokenKind::number) ++numbers_a[a_.tokens[t].norm];
    if (is_name(a_, t)) ++names_a[a_.tokens[t].norm];
  }
  for (std::uint32_t t = 0; t < b_.tokens.size(); ++t) {
    if (b_.tokens[t].kind == TokenKind::number) ++numbers_b[b_.tokens[t].norm];
    if (is_name(b_, t)) ++names_b[b_.tokens[t].norm];
  }
  changed_numbers_ = count_changed(numbers_a, numbers_b);
  const std::unordered_set<std::string> names_changed = count_changed(names_a, names_b);
  for (const std::string& w : names_changed) {
    const bool only_a = names_a[w] > names_b[w];
    bool variant = false;
    for (const std::string& v : names_changed) {
      if (v != w && (names_a[v] > names_b[v]) != only_a && name_variant(w, v)) variant = true;
    }
    if (!variant) changed_names_.insert(w);
  }
}

bool EditClassifier::is_name(const Side& side, std::uint32_t t) const {
  const Token& tok = side.tokens[t];
  return tok.kind == TokenKind::word && names_.count(tok.norm) && capitalized(side.text, tok.span);
}

namespace {

// What a run of tokens holds. Numbers and names only count when they changed in the pair
// (changed_number / changed_name).
RunFacts facts(Lang lang, std::span<const Token> tokens, std::uint32_t begin, std::uint32_t end,
               auto&& changed_number, auto&& changed_name) {
  RunFacts f;
  for (std::uint32_t t = begin; t < end; ++t) {
    const Token& tok = tokens[t];
    if (tok.kind == TokenKind::punct) continue;
    f.all_punct = false;
    ++f.words;
    const std::string norm = apostrophes(tok.norm);
    if (tok.kind == TokenKind::number) {
      if (changed_number(t)) f.numbers.push_back(tok.norm);
      continue;
    }
    if (is_negation_word(lang, norm)) ++f.negations;
    std::string_view modal;
    if (t + 1 < end && tokens[t + 1].kind == TokenKind::word) {
      modal = modal_of(lang, norm + " " + tokens[t + 1].norm);
    }
    if (!modal.empty()) {
      f.modals.emplace_back(modal);
      ++t;  // the pair's second word is part of the marker
      ++f.words;
      continue;
    }
    modal = modal_of(lang, norm);
    if (!modal.empty()) f.modals.emplace_back(modal);
    if (is_intensifier(lang, norm)) f.intensifiers.push_back(norm);
    if (changed_name(t)) f.names.push_back(tok.norm);
  }
  for (auto* v : {&f.numbers, &f.modals, &f.intensifiers, &f.names}) std::sort(v->begin(), v->end());
  return f;
}

}  // namespace

RunFacts EditClassifier::side_facts(const Side& side, std::uint32_t begin, std::uint32_t end) const {
  return facts(
      lang_, side.tokens, begin, end,
      [&](std::uint32_t t) { return changed_numbers_.count(side.tokens[t].norm) > 0; },
      [&](std::uint32_t t) { return is_name(side, t) && changed_names_.count(side.tokens[t].norm) > 0; });
}

EditClass EditClassifier::classify_run(const Side& side, std::uint32_t begin, std::uint32_t end,
                                       bool deleted) const {
  const RunFacts f = side_facts(side, begin, end);
  if (f.all_punct) return EditClass::punctuation;
  // A clause: long enough, or bounded by clause punctuation (or the statement's ends) on both
  // sides. Checked first: a dropped clause is reported as such even when it held a number.
  const std::span<const Token> tk = side.tokens;
  const bool left = begin == 0 || is_punct(tk[begin], kClauseLeft) || is_punct(tk[begin - 1], kClauseLeft);
  const bool right =
      end == tk.size() || is_punct(tk[end - 1], kClauseRight) || is_punct(tk[end], kClauseRight);
  if (f.words >= 4 || (f.words >= 2 && left && right))
    return deleted ? EditClass::omission : EditClass::addition;
  if (f.negations > 0) return EditClass::negation;
  if (!f.numbers.empty()) return EditClass::number;
  if (!f.modals.empty()) return EditClass::modality;
  if (!f.intensifiers.empty()) return EditClass::intensifier;
  if (!f.names.empty()) return EditClass::name;
  return EditClass::wording;
}

EditClass EditClassifier::classify_replace(const Edit& e) const {
  const RunFacts fa = side_facts(a_, e.a_begin, e.a_end);
  const RunFacts fb = side_facts(b_, e.b_begin, e.b_end);
  if (fa.all_punct && fb.all_punct) return EditClass::punctuation;
  if (fa.negations != fb.negations) return EditClass::negation;
  if (!fa.numbers.empty() || !fb.numbers.empty()) return EditClass::number;
  if (fa.modals != fb.modals) return EditClass::modality;
  if (!fa.names.empty() || !fb.names.empty()) return EditClass::name;
  if (fa.intensifiers != fb.intensifiers) return EditClass::intensifier;
  if (fa.words == 1 && fb.words == 1) {
    const Token* wa = nullptr;
    const Token* wb = nullptr;
    for (std::uint32_t t = e.a_begin; t < e.a_end; ++t) {
      if (a_.tokens[t].kind != TokenKind::punct) wa = &a_.tokens[t];
    }
    for (std::uint32_t t = e.b_begin; t < e.b_end; ++t) {
      if (b_.tokens[t].kind != TokenKind::punct) wb = &b_.tokens[t];
    }
    return wa->stem == wb->stem ? EditClass::word_form : EditClass::synonym;
  }
  return EditClass::wording;
}

EditClass EditClassifier::classify(const Edit& e) const {
  switch (e.op) {
    case EditOp::equal:
      return EditClass::none;
    case EditOp::move:
      return EditClass::move;
    case EditOp::replace:
      return classify_replace(e);
    case EditOp::remove:
      return classify_run(a_, e.a_begin, e.a_end, true);
    case EditOp::insert:
      return classify_run(b_, e.b_begin, e.b_end, false);
  }
  return EditClass::wording;
}

}  // namespace detail

// ---- drift score ----

double drift_weight(EditClass cls) noexcept {
  switch (cls) {
    case EditClass::none:
      return 0.0;
    case EditClass::negation:
      return 4.0;
    case EditClass::number:
    case EditClass::name:
    case EditClass::modality:
      return 3.0;
    case EditClass::omission:
    case EditClass::addition:
      return 1.0;  // per word
    case EditClass::intensifier:
      return 1.5;
    case EditClass::move:
      return 0.3;  // per word
    case EditClass::wording:
      return 0.5;  // per word
    case EditClass::synonym:
      return 0.3;
    case EditClass::word_form:
      return 0.1;
    case EditClass::punctuation:
      return 0.05;
  }
  return 1.0;
}

namespace {

bool per_word(EditClass c) noexcept {
  return c == EditClass::omission || c == EditClass::addition || c == EditClass::move ||
         c == EditClass::wording;
}

std::uint32_t words_in(std::span<const Token> tokens, std::uint32_t begin, std::uint32_t end) {
  std::uint32_t n = 0;
  for (std::uint32_t t = begin; t < end && t < tokens.size(); ++t) n += tokens[t].kind != TokenKind::punct;
  return n;
}

}  // namespace

double drift_score(std::span<const Edit> edits, std::span<const Token> tokens_a,
                   std::span<const Token> tokens_b) {
  const std::uint32_t length =
      std::max({words_in(tokens_a, 0, static_cast<std::uint32_t>(tokens_a.size())),
                words_in(tokens_b, 0, static_cast<std::uint32_t>(tokens_b.size())), 1u});
  double sum = 0.0;
  for (const Edit& e : edits) {
    if (e.op == EditOp::equal) continue;
    const double units =
        std::max({words_in(tokens_a, e.a_begin, e.a_end), words_in(tokens_b, e.b_begin, e.b_end), 1u});
    // Extent classes count every word; a point class counts once, and the other words of a
    // longer edit count as re-wording.
    sum += per_word(e.cls) ? drift_weight(e.cls) * units
                           : drift_weight(e.cls) + drift_weight(EditClass::wording) * (units - 1);
  }
  return std::min(1.0, sum / length);
}

PairDrift drift(std::string_view text_a, std::span<const Token> tokens_a, std::string_view text_b,
                std::span<const Token> tokens_b, const DiffOptions& options) {
  PairDrift d;
  d.edits = diff_tokens(text_a, tokens_a, text_b, tokens_b, options);
  d.score = drift_score(d.edits, tokens_a, tokens_b);
  return d;
}

DriftSummary summarize_drift(std::span<const Bead> beads, std::span<const PairDrift> pairs) {
  DriftSummary s;
  std::size_t next = 0;
  double sum = 0.0;
  for (const Bead& b : beads) {
    if (!b.is_pair()) {
      s.omitted += b.a_count;
      s.added += b.b_count;
      continue;
    }
    if (next >= pairs.size()) break;
    const PairDrift& p = pairs[next++];
    ++s.pairs;
    sum += p.score;
    s.max_drift = std::max(s.max_drift, p.score);
    bool meaning = false;
    for (const Edit& e : p.edits) {
      if (e.op == EditOp::equal) continue;
      ++s.counts[static_cast<int>(e.cls)];
      meaning = meaning || is_meaning_bearing(e.cls);
    }
    s.drifted += meaning;
  }
  const auto pair_beads = static_cast<std::size_t>(
      std::count_if(beads.begin(), beads.end(), [](const Bead& b) { return b.is_pair(); }));
  if (pair_beads != pairs.size()) {
    throw UsageError(
        fmt::format("summarize_drift: {} pair beads but {} pair drifts", pair_beads, pairs.size()));
  }
  if (s.pairs > 0) s.mean_drift = sum / s.pairs;
  return s;
}

}  // namespace quotekit
