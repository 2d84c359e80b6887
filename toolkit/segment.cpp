// segment: paragraphs → units (furniture, headings, labelled / dash-led turns, glued turns) →
// turns with roles and speakers → sentences (ICU + rules) and the quotes inside them.
#include "quotekit/segment.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <unordered_map>

#include "segment_internal.hpp"
#include "segment_text.hpp"

namespace quotekit {

std::string_view to_string(StatementKind kind) noexcept {
  switch (kind) {
    case StatementKind::sentence:
      return "sentence";
    case StatementKind::quote:
      return "quote";
    case StatementKind::furniture:
      return "furniture";
  }
  return "sentence";
}

std::string_view to_string(Role role) noexcept {
  switch (role) {
    case Role::none:
      return "none";
    case Role::question:
      return "question";
    case Role::answer:
      return "answer";
  }
  return "none";
}

namespace detail {
namespace {

enum class UnitKind : std::uint8_t { text, furniture, heading };
enum class Marker : std::uint8_t {
  none,   // continues the current turn
  label,  // "Host: ..." at the start of a paragraph
  dash,   // "- ...", "– ...", "— ..." at the start of a paragraph
  glued,  // "...goals.— What ..." inside a paragraph
};

// A stretch of one paragraph that belongs to one turn (or is furniture / a heading).
struct Unit {
  Span span;  // trimmed content, without label, dash and surrounding white space
  UnitKind kind = UnitKind::text;
  Marker marker = Marker::none;
  Span label;                    // Marker::label: the speaker label
  Role label_role = Role::none;  // Marker::label: its role
  std::uint32_t para = 0;        // paragraph number
  bool whole_para = false;       // the only text unit of its paragraph
  Span intro_speaker;            // a name from a preceding "Name, title:" line
  // filled by the turn pass
  bool turn_start = false;
  Role role = Role::none;
  std::int32_t speaker = -1;  // index into the speaker names; -1 = unknown
};

char32_t last_visible(std::string_view text, Span s) {
  std::size_t e = s.end;
  while (e > s.start) {
    std::size_t j = e;
    const char32_t c = prev_cp(text, j);
    if (!is_closer(c)) return c;
    e = j;
  }
  return 0;
}

std::size_t word_count(std::string_view text, Span s) {
  std::size_t words = 0;
  bool in_word = false;
  for (std::size_t i = s.start; i < s.end; ++i) {
    const bool sp = text[i] == ' ';
    if (!sp && !in_word) ++words;
    in_word = !sp;
  }
  return words;
}

// Mid-paragraph turn dashes: "escalation?— The", "goals.— What", "line”— That", " - " after a
// sentence end; never inside parentheses ("(Russia, USA and France.— “B”)"). Each found
// dash gives [end of the previous piece, start of the next piece).
void find_glued_turns(std::string_view text, std::size_t s, std::size_t e,
                      std::vector<std::pair<std::size_t, std::size_t>>& cuts) {
  cuts.clear();
  static constexpr ByteSet kStart("()-\xE2");
  std::size_t depth = 0;
  std::size_t paren_at = 0;
  std::size_t i = s;
  while ((i = find_byte(text, i, e, kStart)) < e) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b == '(') {
      if (depth++ == 0) paren_at = i;
      ++i;
      continue;
    }
    if (b == ')') {
      if (depth > 0) --depth;
      ++i;
      continue;
    }
    if (depth > 0 && i - paren_at > 400) depth = 0;  // a stray "(" does not hide the rest
    const bool hyphen = b == '-';
    const bool long_dash = e2_80(text, i, e, 0x93, 0x95);
    if (!hyphen && !long_dash) {
      ++i;
      continue;
    }
    const std::size_t d = i;
    const std::size_t dash_end = i + (hyphen ? 1 : 3);
    i = dash_end;
    if (depth > 0 || d == s) continue;
    const std::size_t left = skip_space_back(text, s, d);
    if (left == s) continue;
    if (hyphen && (left == d || dash_end >= e || text[dash_end] != ' ')) continue;  // " - " only
    // Left: sentence-final punctuation (maybe with closing marks), or a closing quote.
    std::size_t k = left;
    char32_t c = prev_cp(text, k);
    bool ok = is_final_punct(c);
    if (!ok && (c == 0x201D || c == 0x00BB || c == '"') && k > s && !is_space(cp_before(text, k))) {
      ok = true;
      if (hyphen) {  // " - " after a closing quote alone is too weak
        std::size_t m = k;
        ok = m > s && is_final_punct(prev_cp(text, m));
      }
    }
    if (!ok && is_closer(c)) {
      while (k > s && is_closer(c)) c = prev_cp(text, k);
      ok = is_final_punct(c);
    }
    if (!ok) continue;
    // Right: a capital, maybe after an opening quote.
    const std::size_t r = skip_space(text, dash_end, e);
    if (r >= e) continue;
    std::size_t m = r;
    char32_t rc = next_cp(text, m);
    if (is_opener(rc) && rc != '(' && m < e) rc = cp_at(text, m);
    if (!is_upper(rc)) continue;
    cuts.emplace_back(left, r);
  }
}

bool heading_like(std::string_view text, Span s) {
  const char32_t last = last_visible(text, s);
  if (last == 0 || is_final_punct(last) || last == ':' || last == ';' || last == ',') return false;
  const char32_t first = cp_at(text, s.start);
  if (!(is_upper(first) || is_digit(first) || is_opener(first))) return false;
  return word_count(text, s) <= 25;
}

class Segmenter {
 public:
  Segmenter(const Document& doc, const SegmentOptions& options)
      : text_(doc.text), lang_(doc.lang), options_(options) {}

  std::vector<Statement> run() {
    std::vector<Statement> out;
    if (text_.empty()) return out;
    build_units();
    mark_teasers();
    mark_intro_labels();
    assign_turns();
    sentence_boundaries(text_, lang_, boundaries_);
    emit(out);
    return out;
  }

 private:
  void add_unit(Span span, UnitKind kind, Marker marker, std::uint32_t para) {
    Unit u;
    u.span = span;
    u.kind = kind;
    u.marker = marker;
    u.para = para;
    units_.push_back(u);
  }

  static Span span(std::size_t s, std::size_t e) {
    return Span{static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(e)};
  }

  // Whether a separator other than '\n' occurs: CR, VT, FF, NEL, LS, PS. Mostly not, and then
  // lines are found with memchr.
  bool rare_separators() const {
    for (const char c : {'\r', '\v', '\f'}) {
      if (std::memchr(text_.data(), c, text_.size()) != nullptr) return true;
    }
    for (std::string_view sep : {"\xC2\x85", "\xE2\x80\xA8", "\xE2\x80\xA9"}) {
      if (text_.find(sep) != std::string_view::npos) return true;
    }
    return false;
  }

  void build_units() {
    const std::size_t n = text_.size();
    std::size_t i = 0;
    std::uint32_t para = 0;
    std::vector<std::pair<std::size_t, std::size_t>> cuts;
    const bool rare = rare_separators();
    while (i < n) {
      // One paragraph: up to the next line or paragraph separator.
      static constexpr ByteSet kBreak("\n\r\v\f\xC2\xE2");
      std::size_t e = i;
      std::size_t next = n;
      if (!rare) {
        const void* nl = std::memchr(text_.data() + i, '\n', n - i);
        e = nl != nullptr ? static_cast<std::size_t>(static_cast<const char*>(nl) - text_.data()) : n;
        next = nl != nullptr ? e + 1 : n;
      }
      while (rare && (e = find_byte(text_, e, n, kBreak)) < n) {
        const auto b = static_cast<unsigned char>(text_[e]);
        if (b < 0x80) {
          next = e + 1;
          break;
        }
        std::size_t j = e;
        if (is_para_break(next_cp(text_, j))) {  // NEL, LS, PS
          next = j;
          break;
        }
        e = j;
      }
      const std::size_t before = units_.size();
      paragraph(i, e, para, cuts);
      if (units_.size() > before) ++para;  // blank lines do not count
      i = next;
    }
  }

  void paragraph(std::size_t ps, std::size_t pe, std::uint32_t para,
                 std::vector<std::pair<std::size_t, std::size_t>>& cuts) {
    std::size_t s = skip_space(text_, ps, pe);
    const std::size_t e = skip_space_back(text_, s, pe);
    if (s >= e) return;

    // Furniture: a stamp line, or a stamp glued to a title ("24 September 2021, 12:10Ilham ...").
    const Stamp st = match_stamp(text_, s, e);
    if (st.end > s) {
      const std::size_t rest = skip_space(text_, st.end, e);
      if (rest >= e) {
        add_unit(span(s, e), UnitKind::furniture, Marker::none, para);
        return;
      }
      const bool glued = rest == st.end && is_letter(cp_at(text_, rest));
      if ((st.date && st.time) || (st.time && glued)) {
        add_unit(span(s, skip_space_back(text_, s, st.end)), UnitKind::furniture, Marker::none, para);
        s = rest;
      }
    }

    Marker marker = Marker::none;
    Span label;
    Role label_role = Role::none;
    if (auto lab = parse_label(text_, s, e)) {
      marker = Marker::label;
      label = lab->name;
      label_role = lab->role;
      s = lab->rest;
    } else if (is_dash(cp_at(text_, s))) {
      std::size_t j = s;
      next_cp(text_, j);
      if (j < e && !is_digit(cp_at(text_, j))) {
        marker = Marker::dash;
        s = skip_space(text_, j, e);
        if (s >= e) return;  // a lone dash line
      }
    }

    const std::size_t text_units_from = units_.size();
    if (marker == Marker::label && s >= e) {  // "Host:" alone; the speech follows
      add_unit(span(e, e), UnitKind::text, marker, para);
    } else {
      find_glued_turns(text_, s, e, cuts);
      std::size_t from = s;
      Marker m = marker;
      for (const auto& [left, right] : cuts) {
        add_unit(span(from, left), UnitKind::text, m, para);
        from = right;
        m = Marker::glued;
      }
      add_unit(span(from, e), UnitKind::text, m, para);
    }
    if (marker == Marker::label) {
      units_[text_units_from].label = label;
      units_[text_units_from].label_role = label_role;
    }
    if (units_.size() == text_units_from + 1) {
      Unit& u = units_.back();
      u.whole_para = true;
      if (u.marker == Marker::none && heading_like(text_, u.span)) u.kind = UnitKind::heading;
    }
  }

  // Teasers: a paragraph ending in "..." right before a stamp is furniture, and so are the
  // paragraphs of its block (at most 3 more, back to the previous furniture line).
  void mark_teasers() {
    for (std::size_t u = 0; u + 1 < units_.size(); ++u) {
      Unit& t = units_[u];
      if (t.kind == UnitKind::furniture || t.marker != Marker::none || !t.whole_para) continue;
      if (units_[u + 1].kind != UnitKind::furniture || !ends_with_ellipsis(text_, t.span)) continue;
      t.kind = UnitKind::furniture;
      std::size_t k = u;
      std::size_t walked = 0;
      while (k > 0 && walked < 3) {
        const Unit& p = units_[k - 1];
        if (p.kind == UnitKind::furniture) {
          for (std::size_t m = k; m < u; ++m) units_[m].kind = UnitKind::furniture;
          break;
        }
        if (p.marker != Marker::none || !p.whole_para) break;
        --k;
        ++walked;
      }
    }
  }

  // "Igor Korotchenko, Editor-in-Chief of the magazine:" before a dash-led paragraph introduces
  // its speaker; the line itself acts as a heading.
  void mark_intro_labels() {
    for (std::size_t u = 0; u + 1 < units_.size(); ++u) {
      Unit& t = units_[u];
      const Unit& next = units_[u + 1];
      if (t.kind != UnitKind::text || t.marker != Marker::none || !t.whole_para) continue;
      if (next.marker != Marker::dash || next.para != t.para + 1) continue;
      if (last_visible(text_, t.span) != ':' || word_count(text_, t.span) > 15) continue;
      t.kind = UnitKind::heading;
      // The name: up to the first comma (or the colon), 1-4 capitalized words.
      std::size_t e = t.span.start;
      while (e < t.span.end && text_[e] != ',' && text_[e] != ':') ++e;
      const Span name = span(t.span.start, e);
      const std::size_t words = word_count(text_, name);
      bool caps = words >= 1 && words <= 4;
      for (std::size_t i = name.start; caps && i < name.end; ++i) {
        if (i == name.start || text_[i - 1] == ' ') caps = is_upper(cp_at(text_, i));
      }
      if (caps) units_[u + 1].intro_speaker = name;
    }
  }

  std::int32_t speaker_id(std::string name) {
    if (name.empty()) return -1;
    const auto [it, added] = speaker_ids_.try_emplace(name, static_cast<std::int32_t>(speakers_.size()));
    if (added) speakers_.push_back(std::move(name));
    return it->second;
  }

  struct Turn {
    std::size_t first = 0;  // units
    std::size_t last = 0;
    Marker marker = Marker::none;  // none: a heading/intro stretch without a speaker
    Role role = Role::none;
    std::int32_t speaker = -1;
    std::int32_t interviewee = -1;  // named by the section's heading
  };

  void assign_turns() {
    std::vector<Turn> turns;
    std::int32_t interviewee = -1;
    bool section_has_turn = false;
    bool reset = false;          // furniture seen: unmarked text after it starts a fresh stretch
    bool label_waiting = false;  // a "Host:" line whose speech is in the next paragraph
    for (std::size_t u = 0; u < units_.size(); ++u) {
      Unit& x = units_[u];
      if (x.kind == UnitKind::furniture) {
        if (!turns.empty()) {
          turns.back().last = u;
          reset = true;
        }
        continue;
      }
      auto open = [&](Marker m) {
        Turn t;
        t.first = t.last = u;
        t.marker = m;
        t.interviewee = interviewee;
        turns.push_back(t);
        x.turn_start = true;
      };
      if (x.kind == UnitKind::heading) {
        std::string name =
            interviewee_from_heading(std::string_view(text_).substr(x.span.start, x.span.size()));
        if (!name.empty() || section_has_turn) interviewee = speaker_id(std::move(name));
        section_has_turn = false;
        if (!turns.empty()) {
          if (turns.back().marker == Marker::none && !reset) {
            turns.back().last = u;  // consecutive headings / intro: one stretch
          } else {
            open(Marker::none);
          }
        }
        reset = false;
        label_waiting = false;
        continue;
      }
      if (x.marker == Marker::label) {
        open(Marker::label);
        turns.back().role = x.label_role;
        turns.back().speaker =
            speaker_id(std::string(std::string_view(text_).substr(x.label.start, x.label.size())));
        section_has_turn = true;
        label_waiting = x.span.empty();
        reset = false;
        continue;
      }
      if (x.marker == Marker::dash || x.marker == Marker::glued) {
        if (label_waiting && x.marker == Marker::dash) {
          x.marker = Marker::none;  // the dash only formats the labelled speech
          turns.back().last = u;
        } else {
          open(x.marker);
          if (!x.intro_speaker.empty()) {
            turns.back().speaker = speaker_id(
                std::string(std::string_view(text_).substr(x.intro_speaker.start, x.intro_speaker.size())));
          }
          section_has_turn = true;
        }
        label_waiting = false;
        reset = false;
        continue;
      }
      // Unmarked text continues the current turn, unless furniture broke it off.
      if (reset && !turns.empty() && turns.back().marker != Marker::none) open(Marker::none);
      if (!turns.empty()) turns.back().last = u;
      label_waiting = false;
      reset = false;
    }

    for (const Turn& turn : turns) {
      for (std::size_t u = turn.first; u <= turn.last; ++u) {
        if (units_[u].kind == UnitKind::furniture) continue;
        units_[u].role = turn.role;
        units_[u].speaker = turn.speaker;
      }
    }

    // Roles inside each run of dash-led turns.
    std::size_t t = 0;
    while (t < turns.size()) {
      if (turns[t].marker != Marker::dash && turns[t].marker != Marker::glued) {
        ++t;
        continue;
      }
      std::size_t r = t;
      while (r < turns.size() && (turns[r].marker == Marker::dash || turns[r].marker == Marker::glued)) ++r;
      const Role before = t > 0 && turns[t - 1].marker == Marker::label ? turns[t - 1].role : Role::none;
      infer_run(turns, t, r, before);
      t = r;
    }
  }

  // The units of a run of dash turns are observed one by one: a dash starts a new turn (the
  // role most likely flips), an unmarked paragraph usually continues it but may be a turn whose
  // dash is missing (the role flips only on strong evidence: a short paragraph ending in '?'
  // after an answer, a long one after a question). The interviewer's first question often has
  // no dash at all; an unattributed paragraph ending in '?' just before the run joins it.
  void infer_run(const std::vector<Turn>& turns, std::size_t t, std::size_t r, Role before) {
    std::vector<std::size_t> obs;
    std::vector<TurnEvidence> ev;
    const bool lead = leading_question(turns[t].first);
    if (lead) obs.push_back(turns[t].first - 1);
    for (std::size_t k = t; k < r; ++k) {
      for (std::size_t u = turns[k].first; u <= turns[k].last; ++u) {
        if (units_[u].kind == UnitKind::furniture || units_[u].span.empty()) continue;
        obs.push_back(u);
      }
    }
    bool any_q = false;
    for (std::size_t i = 0; i < obs.size(); ++i) {
      const Unit& x = units_[obs[i]];
      TurnEvidence e;
      e.bytes = x.span.size();
      const std::string_view body = std::string_view(text_).substr(x.span.start, x.span.size());
      if (last_visible(text_, x.span) == '?') {
        e.q = QSignal::final_q;
      } else if (body.find('?') != std::string_view::npos) {
        e.q = QSignal::inside;
      }
      e.hard = i == 0 || x.marker == Marker::dash || x.marker == Marker::glued;
      any_q = any_q || e.q == QSignal::final_q;
      ev.push_back(e);
    }
    if (!any_q) return;  // without any question mark a run of dashes is no Q/A (lists, dialogue)
    const std::vector<Role> roles = infer_roles(ev, before);
    std::int32_t turn_speaker = -1;
    std::int32_t interviewee = -1;
    std::size_t k = t;  // the marked turn the observed unit belongs to
    for (std::size_t i = 0; i < obs.size(); ++i) {
      Unit& x = units_[obs[i]];
      if (i == 0 && lead) {
        if (roles[0] == Role::question) {
          x.turn_start = true;
          x.role = Role::question;
          x.speaker = -1;
        }
        continue;
      }
      if (x.turn_start) {  // a marked turn: its own speaker, if a line introduced one
        turn_speaker = x.speaker;
        while (k + 1 < r && turns[k + 1].first <= obs[i]) ++k;
        interviewee = turns[k].interviewee;
      } else if (i > 0 && roles[i] != roles[i - 1]) {
        x.turn_start = true;  // a turn whose dash is missing
        turn_speaker = -1;
      }
      x.role = roles[i];
      x.speaker = turn_speaker >= 0 ? turn_speaker : roles[i] == Role::answer ? interviewee : -1;
    }
  }

  // The unit before `first` is an unattributed paragraph ending in '?' (an intro after a
  // heading, or text before any turn).
  bool leading_question(std::size_t first) const {
    if (first == 0) return false;
    const std::size_t p = first - 1;
    const Unit& x = units_[p];
    if (x.kind != UnitKind::text || x.marker != Marker::none || !x.whole_para) return false;
    if (last_visible(text_, x.span) != '?') return false;
    for (std::size_t u = p + 1; u-- > 0;) {
      if (units_[u].turn_start) return units_[u].marker == Marker::none;
    }
    return true;
  }

  void emit(std::vector<Statement>& out) {
    std::uint32_t turn = 0;
    std::vector<Span> sentences;
    std::vector<Span> quotes;
    std::vector<Span> quote_spans;
    for (const Unit& u : units_) {
      if (u.turn_start) ++turn;
      if (u.span.empty()) continue;
      const bool furniture = u.kind == UnitKind::furniture;
      if (furniture && options_.furniture) {
        Statement st;
        st.index = static_cast<std::uint32_t>(out.size());
        st.kind = StatementKind::furniture;
        st.span = u.span;
        st.turn = turn;
        out.push_back(std::move(st));
        continue;
      }
      sentences.clear();
      unit_sentences(text_, u.span, boundaries_, sentences);
      if (sentences.empty()) {  // no letter or digit at all: "* * *", "…", stray quote marks
        Statement st;
        st.index = static_cast<std::uint32_t>(out.size());
        st.kind = options_.furniture ? StatementKind::furniture : StatementKind::sentence;
        st.span = u.span;
        st.turn = turn;
        out.push_back(std::move(st));
        continue;
      }
      quotes.clear();
      if (options_.quotes && !furniture) {
        find_quotes(text_, u.span, quote_spans);
        for (Span q : quote_spans) {
          if (count_words(text_, q) >= options_.min_quote_words) quotes.push_back(q);
        }
      }
      std::size_t qi = 0;
      const std::string& speaker =
          u.speaker >= 0 ? speakers_[static_cast<std::size_t>(u.speaker)] : kNoSpeaker;
      for (Span s : sentences) {
        Statement st;
        st.index = static_cast<std::uint32_t>(out.size());
        st.kind = StatementKind::sentence;
        st.role = furniture ? Role::none : u.role;
        st.speaker = furniture ? std::string() : speaker;
        st.span = s;
        st.turn = turn;
        const auto parent = static_cast<std::int32_t>(st.index);
        out.push_back(std::move(st));
        while (qi < quotes.size() && quotes[qi].start < s.end) {
          if (quotes[qi].start >= s.start) {
            Statement q;
            q.index = static_cast<std::uint32_t>(out.size());
            q.kind = StatementKind::quote;
            q.role = u.role;
            q.span = quotes[qi];
            q.parent = parent;
            q.turn = turn;
            out.push_back(std::move(q));
          }
          ++qi;
        }
      }
    }
  }

  static inline const std::string kNoSpeaker;

  std::string_view text_;
  Lang lang_;
  const SegmentOptions& options_;
  std::vector<Unit> units_;
  std::vector<std::string> speakers_;
  std::unordered_map<std::string, std::int32_t> speaker_ids_;
  std::vector<std::uint32_t> boundaries_;
};

}  // namespace
}  // namespace detail

std::vector<Statement> segment(const Document& doc, const SegmentOptions& options) {
  if (doc.text.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
    throw InputError(
        doc.source.empty() ? doc.id : doc.source, kNoOffset,
        fmt::format("document too large to segment ({} bytes; the limit is 2 GiB)", doc.text.size()),
        "Split the input into smaller documents");
  }
  return detail::Segmenter(doc, options).run();
}

}  // namespace quotekit
