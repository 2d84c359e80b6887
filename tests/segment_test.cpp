#include "quotekit/segment.hpp"

#include <gtest/gtest.h>
#include <unicode/uchar.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "segment_internal.hpp"
#include "segment_text.hpp"

namespace quotekit {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Document doc_of(std::string text, Lang lang = Lang::en, std::string id = "test") {
  Document d;
  d.id = std::move(id);
  d.text = std::move(text);
  d.lang = lang;
  return d;
}

Document testdata(const std::string& name, Lang lang = Lang::en) {
  const fs::path path = fs::path(QUOTEKIT_TESTDATA) / "segment" / name;
  std::string text = read_file(path);
  EXPECT_FALSE(text.empty()) << "missing test data " << path;
  return doc_of(std::move(text), lang, name);
}

std::string_view text_of(const Document& d, const Statement& s) { return slice(d.text, s.span); }

// The statement of `kind` whose text is exactly `text`.
const Statement* find(const Document& d, const std::vector<Statement>& st, std::string_view text,
                      StatementKind kind = StatementKind::sentence) {
  for (const Statement& s : st) {
    if (s.kind == kind && text_of(d, s) == text) return &s;
  }
  return nullptr;
}

// The sentence whose text starts with `prefix`.
const Statement* find_prefix(const Document& d, const std::vector<Statement>& st, std::string_view prefix) {
  for (const Statement& s : st) {
    if (s.kind == StatementKind::sentence && text_of(d, s).substr(0, prefix.size()) == prefix) return &s;
  }
  return nullptr;
}

char32_t decode(std::string_view s, std::size_t& i) { return detail::next_cp(s, i); }

bool is_continuation(std::string_view s, std::size_t i) {
  return i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
}

// Every invariant the segmenter promises, checked on one document.
void check_invariants(const Document& d, const std::vector<Statement>& st) {
  const std::string_view text = d.text;
  std::uint32_t last_end = 0;
  std::uint32_t last_turn = 0;
  std::vector<bool> covered(text.size() + 1, false);
  for (std::size_t i = 0; i < st.size(); ++i) {
    const Statement& s = st[i];
    // Built only when an assertion fails (a SCOPED_TRACE per statement is slow on big inputs).
    auto at = [&] {
      return ::testing::Message() << d.id << " statement " << i << " [" << s.span.start << "," << s.span.end
                                  << ") \"" << text_of(d, s).substr(0, 80) << "\"";
    };
    ASSERT_EQ(s.index, i) << at();
    ASSERT_LT(s.span.start, s.span.end) << at();
    ASSERT_LE(s.span.end, text.size()) << at();
    EXPECT_FALSE(is_continuation(text, s.span.start)) << "span starts inside a code point" << at();
    EXPECT_FALSE(is_continuation(text, s.span.end)) << "span ends inside a code point" << at();
    std::size_t j = s.span.start;
    EXPECT_FALSE(u_isUWhiteSpace(static_cast<UChar32>(decode(text, j)))) << "leading white space" << at();
    j = s.span.end;
    const char32_t last = detail::prev_cp(text, j);
    EXPECT_FALSE(u_isUWhiteSpace(static_cast<UChar32>(last))) << "trailing white space" << at();
    EXPECT_GE(s.turn, last_turn) << "turn numbers go back" << at();
    last_turn = s.turn;
    if (s.kind == StatementKind::quote) {
      ASSERT_GE(s.parent, 0) << at();
      ASSERT_LT(static_cast<std::size_t>(s.parent), i) << at();
      const Statement& p = st[static_cast<std::size_t>(s.parent)];
      EXPECT_EQ(p.kind, StatementKind::sentence) << at();
      // Quotes follow their parent: only quotes of the same parent in between.
      for (std::size_t k = static_cast<std::size_t>(s.parent) + 1; k < i; ++k) {
        EXPECT_EQ(st[k].kind, StatementKind::quote) << at();
        EXPECT_EQ(st[k].parent, s.parent) << at();
      }
      // Inside the parent, or running on into the next sentences of the same paragraph.
      EXPECT_GE(s.span.start, p.span.start) << at();
      EXPECT_LT(s.span.start, p.span.end) << at();
      const std::string_view run = text.substr(p.span.start, s.span.end - p.span.start);
      EXPECT_EQ(run.find('\n'), std::string_view::npos) << "quote crosses a paragraph" << at();
      if (s.span.end > p.span.end) {
        bool ends_in_sentence = false;
        for (std::size_t k = i + 1; k < st.size(); ++k) {
          if (st[k].kind != StatementKind::sentence) continue;
          if (st[k].span.start >= s.span.end) break;
          ends_in_sentence = ends_in_sentence || s.span.end <= st[k].span.end;
        }
        EXPECT_TRUE(ends_in_sentence) << "a multi-sentence quote must end inside a later sentence" << at();
      }
      EXPECT_TRUE(s.speaker.empty()) << at();
      EXPECT_EQ(s.turn, p.turn) << at();
      continue;
    }
    EXPECT_EQ(s.parent, -1) << at();
    EXPECT_GE(s.span.start, last_end) << "sentences overlap or go back" << at();
    last_end = s.span.end;
    if (s.kind == StatementKind::furniture) {
      EXPECT_EQ(s.role, Role::none) << at();
      EXPECT_TRUE(s.speaker.empty()) << at();
    }
    for (std::uint32_t k = s.span.start; k < s.span.end; ++k) covered[k] = true;
  }
  // Outside sentences and furniture there is only white space, turn dashes and speaker labels
  // (a line's prefix up to a colon, before the line's first statement). In particular every
  // letter is covered.
  std::size_t i = 0;
  std::size_t line_start = 0;
  while (i < text.size()) {
    const std::size_t at = i;
    const char32_t c = decode(text, i);
    if (c == '\n') {
      line_start = i;
      continue;
    }
    if (covered[at] || u_isUWhiteSpace(static_cast<UChar32>(c)) || c == 0xFEFF || c == 0x200B) continue;
    if (c == '-' || c == 0x2013 || c == 0x2014 || c == 0x2015) continue;
    // A label: nothing covered between the line start and here, and a colon ahead before any
    // covered byte on this line.
    bool label = true;
    for (std::size_t k = line_start; k < at && label; ++k) label = !covered[k];
    std::size_t k = at;
    while (label && k < text.size() && text[k] != ':' && text[k] != '\n' && !covered[k]) ++k;
    label = label && k < text.size() && text[k] == ':';
    ASSERT_TRUE(label) << d.id << ": byte " << at << " (U+" << std::hex << static_cast<std::uint32_t>(c)
                       << std::dec << ") is outside every statement: \""
                       << text.substr(line_start, std::min<std::size_t>(120, text.size() - line_start))
                       << "\"";
  }
}

// ---- helpers ---------------------------------------------------------------------------------

TEST(SegmentHelpers, StampsAndTeasers) {
  using detail::match_stamp;
  auto stamp = [](std::string_view s) {
    const auto st = match_stamp(s, 0, s.size());
    return std::string(s.substr(0, st.end));
  };
  EXPECT_EQ(stamp("12:00"), "12:00");
  EXPECT_EQ(stamp("18 November 2024, 11:00"), "18 November 2024, 11:00");
  EXPECT_EQ(stamp("15 November 2024, 14:0911:00"), "15 November 2024, 14:0911:00");
  EXPECT_EQ(stamp("24 September 2021, 12:10Ilham Aliyev`s interview"), "24 September 2021, 12:10");
  EXPECT_EQ(stamp("18 ноября 2024, 11:00"), "18 ноября 2024, 11:00");
  EXPECT_EQ(stamp("18 Kasım 2024"), "18 Kasım 2024");
  EXPECT_EQ(stamp("November 18, 2024"), "November 18, 2024");
  EXPECT_EQ(stamp("2023-07-23"), "2023-07-23");
  EXPECT_EQ(stamp("Thank you."), "");
  EXPECT_EQ(stamp("27 civilians have been killed"), "");
  EXPECT_EQ(stamp("44 days"), "");
  const auto st = match_stamp("18 November 2024", 0, 16);
  EXPECT_TRUE(st.date);
  EXPECT_FALSE(st.time);
  const std::string teaser = "On this festive day, I wish you robust health and happiness, and the...";
  EXPECT_TRUE(detail::ends_with_ellipsis(teaser, Span{0, static_cast<std::uint32_t>(teaser.size())}));
  const std::string cut = "-About Azerbaijan\xE2\x80\xA6";
  EXPECT_TRUE(detail::ends_with_ellipsis(cut, Span{0, static_cast<std::uint32_t>(cut.size())}));
  const std::string plain = "Thank you.";
  EXPECT_FALSE(detail::ends_with_ellipsis(plain, Span{0, static_cast<std::uint32_t>(plain.size())}));
}

TEST(SegmentHelpers, AbbreviationBeforePeriod) {
  auto abbr = [](std::string_view s, Lang lang = Lang::en) {
    return detail::abbreviation_before(s, s.rfind('.'), lang);
  };
  EXPECT_TRUE(abbr("Mr."));
  EXPECT_TRUE(abbr("the U.S."));     // dotted acronym
  EXPECT_TRUE(abbr("Ilham H."));     // initial
  EXPECT_TRUE(abbr("Ph.D."));        // CLDR entry
  EXPECT_TRUE(abbr("apples etc."));  // final-prone, still an abbreviation
  EXPECT_FALSE(abbr("the end."));
  EXPECT_FALSE(abbr("the CSTO."));
  EXPECT_FALSE(abbr("those who don’t."));
  EXPECT_FALSE(abbr("the Final Act."));  // CLDR lists "Act.", we do not
  EXPECT_TRUE(abbr("это т.е.", Lang::ru));
  EXPECT_TRUE(abbr("в 2017 г.", Lang::ru));
  EXPECT_TRUE(abbr("проф.", Lang::ru));
  EXPECT_TRUE(abbr("Doç.", Lang::tr));
  EXPECT_TRUE(abbr("armut vb.", Lang::tr));
  EXPECT_FALSE(abbr("gitti.", Lang::tr));
}

TEST(SegmentHelpers, Labels) {
  auto label = [](std::string_view s) { return detail::parse_label(s, 0, s.size()); };
  auto name = [](std::string_view s, const std::optional<detail::Label>& l) {
    return std::string(slice(s, l->name));
  };
  std::string_view host = "Host: Mr. President, thank you for agreeing to this interview.";
  auto l = label(host);
  ASSERT_TRUE(l);
  EXPECT_EQ(name(host, l), "Host");
  EXPECT_EQ(l->role, Role::question);
  EXPECT_TRUE(l->role_word);
  EXPECT_EQ(host.substr(l->rest, 3), "Mr.");

  std::string_view pres = "President Ilham Aliyev: The situation at the front line is tense.";
  l = label(pres);
  ASSERT_TRUE(l);
  EXPECT_EQ(name(pres, l), "President Ilham Aliyev");
  EXPECT_EQ(l->role, Role::answer);
  EXPECT_FALSE(l->role_word);

  // A misspelt role word from the corpus still reads as the interviewer.
  l = label("Correpondent: You have accused Armenia of starting the war, this conflict actually.");
  ASSERT_TRUE(l);
  EXPECT_EQ(l->role, Role::question);
  l = label("Q: What happened?");
  ASSERT_TRUE(l);
  EXPECT_EQ(l->role, Role::question);
  l = label("A: Nothing.");
  ASSERT_TRUE(l);
  EXPECT_EQ(l->role, Role::answer);
  l = label("Ведущий: Что происходит на фронте?");
  ASSERT_TRUE(l);
  EXPECT_EQ(l->role, Role::question);
  l = label("Cevap: Her şey plana göre gidiyor.");
  ASSERT_TRUE(l);
  EXPECT_EQ(l->role, Role::answer);
  l = label("Host:");
  ASSERT_TRUE(l);
  EXPECT_EQ(l->rest, 5u);

  EXPECT_FALSE(label("12:00"));
  EXPECT_FALSE(label("Let me say again: we will not stop."));
  EXPECT_FALSE(label("Our military hardware is the most modern: drones."));
  EXPECT_FALSE(label("– Mr. President, the very last question: what next?"));
  EXPECT_FALSE(label("Note: the interview was edited."));
  EXPECT_FALSE(label("http://example.com"));
  // A name followed by a title is no speech.
  EXPECT_FALSE(label("Bernard Vann: 1. Dünya Savaşı'nda Victoria Haçı'nı alan rahip anıldı"));
  EXPECT_FALSE(label("One Two Three Four Five Six: too long."));
}

TEST(SegmentHelpers, IntervieweeFromHeading) {
  using detail::interviewee_from_heading;
  EXPECT_EQ(interviewee_from_heading("Ilham Aliyev was interviewed by Al Jazeera TV channel"),
            "Ilham Aliyev");
  EXPECT_EQ(interviewee_from_heading("Ilham Aliyev was interviewed by the U.S. Fox News TV channel"),
            "Ilham Aliyev");
  EXPECT_EQ(interviewee_from_heading("Ilham Aliyev gave interview to French Le Figaro newspaper"),
            "Ilham Aliyev");
  EXPECT_EQ(
      interviewee_from_heading("Ilham Aliyev`s interview with Russian influential “Natsionalnaya oborona” "
                               "magazine"),
      "Ilham Aliyev");
  EXPECT_EQ(interviewee_from_heading("Sky News TV channel broadcast interview with President Ilham Aliyev"),
            "President Ilham Aliyev");
  EXPECT_EQ(interviewee_from_heading("On this historical day"), "");
  // An intro sentence whose subject is a long title names nobody we can trust.
  EXPECT_EQ(interviewee_from_heading("President of the Republic of Azerbaijan Ilham Aliyev has been "
                                     "interviewed by Euronews television."),
            "");
}

TEST(SegmentHelpers, QuotePairing) {
  std::vector<Span> q;
  auto quotes = [&](std::string_view s) {
    detail::find_quotes(s, Span{0, static_cast<std::uint32_t>(s.size())}, q);
    std::vector<std::string> out;
    for (Span x : q) out.emplace_back(slice(s, x));
    return out;
  };
  EXPECT_EQ(quotes("He said “we will win” and left."), std::vector<std::string>{"we will win"});
  EXPECT_EQ(quotes("Он сказал: «это „наша“ земля»."), (std::vector<std::string>{"это „наша“ земля", "наша"}));
  EXPECT_EQ(quotes("\"Dr. Ford, I do not know,\" he said, \"but I know this.\""),
            (std::vector<std::string>{"Dr. Ford, I do not know,", "but I know this."}));
  // ” glued to the next word opens: ‘happened.”Deliberate provocation …”— What’.
  EXPECT_EQ(quotes("what happened.”Deliberate provocation and military-political gamble”— What"),
            std::vector<std::string>{"Deliberate provocation and military-political gamble"});
  // Unclosed marks and apostrophes give nothing.
  EXPECT_TRUE(quotes("He said “we will win and left. Aliyev’s words.").empty());
  EXPECT_EQ(detail::count_words("Deliberate provocation and military-political gamble", Span{0, 52}), 5u);
  const std::string dash = "— “B”";
  EXPECT_EQ(detail::count_words(dash, Span{0, static_cast<std::uint32_t>(dash.size())}), 1u);
}

TEST(SegmentHelpers, RoleInferenceAlternatesAndTrustsQuestionMarks) {
  using detail::QSignal;
  using detail::TurnEvidence;
  auto q = [](std::size_t bytes) { return TurnEvidence{QSignal::final_q, bytes, true}; };
  auto a = [](std::size_t bytes) { return TurnEvidence{QSignal::none, bytes, true}; };
  auto roles = detail::infer_roles({q(80), a(1200), q(120), a(900)}, Role::none);
  EXPECT_EQ(roles, (std::vector<Role>{Role::question, Role::answer, Role::question, Role::answer}));
  // A first turn that reads as an answer (long, no '?') after an unmarked question.
  roles = detail::infer_roles({a(1500), q(100), a(800)}, Role::question);
  EXPECT_EQ(roles, (std::vector<Role>{Role::answer, Role::question, Role::answer}));
  // A question without '?' between answers still alternates.
  roles = detail::infer_roles({q(90), a(1000), a(150), a(1100), q(60), a(700)}, Role::none);
  EXPECT_EQ(roles[2], Role::question);
  // An unmarked paragraph continues the turn unless the evidence is strong.
  roles = detail::infer_roles(
      {q(90), TurnEvidence{QSignal::none, 800, true}, TurnEvidence{QSignal::none, 600, false}}, Role::none);
  EXPECT_EQ(roles, (std::vector<Role>{Role::question, Role::answer, Role::answer}));
}

// ---- sentences -------------------------------------------------------------------------------

std::vector<std::string> sentences(const Document& d) {
  std::vector<std::string> out;
  for (const Statement& s : segment(d)) {
    if (s.kind == StatementKind::sentence) out.emplace_back(text_of(d, s));
  }
  return out;
}

TEST(SegmentSentences, AbbreviationsInitialsAndAcronyms) {
  const auto s = sentences(doc_of(
      "Mr. President, we met Dr. Jones and Prof. Green. Ilham H. Aliyev spoke to the U.S. Fox News TV "
      "channel. He lived in the U.S. Then he left for the U.K. Government offices, i.e. the ministries, "
      "e.g. finance, etc. are closed. We bought apples, pears etc. The shop closed at 5 p.m. Nobody came."));
  EXPECT_EQ(
      s,
      (std::vector<std::string>{
          "Mr. President, we met Dr. Jones and Prof. Green.",
          "Ilham H. Aliyev spoke to the U.S. Fox News TV channel.",
          "He lived in the U.S.",
          "Then he left for the U.K. Government offices, i.e. the ministries, e.g. finance, etc. are closed.",
          "We bought apples, pears etc.",
          "The shop closed at 5 p.m.",
          "Nobody came.",
      }));
}

TEST(SegmentSentences, AbbreviationLookalikesStillEndSentences) {
  // From the corpus: "say no. That’s why", "those who don’t. Political", "the Helsinki Final Act.
  // Principle" (CLDR lists "Act." as an abbreviation), and "No. 5" that is one.
  const auto s = sentences(doc_of(
      "There was no way for them to say no. That’s why we invited them. I want to tell those who don’t. "
      "Political strife takes place everywhere. It is in the Helsinki Final Act. Principle of territorial "
      "integrity is prevailing. Resolution No. 822 was adopted. No. Armenians live in Azerbaijan. In "
      "Russian, this organization is called the CSTO. Its Charter says so."));
  EXPECT_EQ(s, (std::vector<std::string>{
                   "There was no way for them to say no.",
                   "That’s why we invited them.",
                   "I want to tell those who don’t.",
                   "Political strife takes place everywhere.",
                   "It is in the Helsinki Final Act.",
                   "Principle of territorial integrity is prevailing.",
                   "Resolution No. 822 was adopted.",
                   "No.",
                   "Armenians live in Azerbaijan.",
                   // ICU's own "@ss=standard" filter keeps these together ("O." is a CLDR entry).
                   "In Russian, this organization is called the CSTO.",
                   "Its Charter says so.",
               }));
}

TEST(SegmentSentences, GluedSentencesSplit) {
  const auto s = sentences(doc_of(
      "Azerbaijan established friendly relations with all countries.But Armenia did not. It is the end.The "
      "rest is history. He visited the U.S.Fox News reported it. It happened in 2020.Then it stopped."));
  EXPECT_EQ(s, (std::vector<std::string>{
                   "Azerbaijan established friendly relations with all countries.",
                   "But Armenia did not.",
                   "It is the end.",
                   "The rest is history.",
                   "He visited the U.S.Fox News reported it.",
                   "It happened in 2020.",
                   "Then it stopped.",
               }));
}

TEST(SegmentSentences, EllipsesAndLowercaseContinuations) {
  const auto s = sentences(
      doc_of("I was at the cemetery in Tartar yesterday\xE2\x80\xA6 This is a place where people rest. He "
             "paused\xE2\x80\xA6 "
             "and went on. As for you personally ... You know the answer. “Why?” he asked. Wait...then go."));
  EXPECT_EQ(s, (std::vector<std::string>{
                   "I was at the cemetery in Tartar yesterday\xE2\x80\xA6",
                   "This is a place where people rest.",
                   "He paused\xE2\x80\xA6 and went on.",
                   "As for you personally ...",
                   "You know the answer.",
                   "“Why?” he asked.",
                   "Wait...then go.",
               }));
}

TEST(SegmentSentences, LinesArePararaphsAndCrlfIsWhiteSpace) {
  const auto s =
      sentences(doc_of("A heading without a period\r\nFirst sentence. Second one\r\n\r\n  Third.  \n"));
  EXPECT_EQ(
      s, (std::vector<std::string>{"A heading without a period", "First sentence.", "Second one", "Third."}));
}

// ---- real excerpts ---------------------------------------------------------------------------

TEST(SegmentCorpus, GluedQuestionsAndAnswers000) {
  const Document d = testdata("000_glued_qa.txt");
  const auto st = segment(d);
  check_invariants(d, st);

  const Statement* intro =
      find(d, st, "Still side daily register the cases of violation of ceasefire regime.");
  ASSERT_NE(intro, nullptr);
  EXPECT_EQ(intro->role, Role::none);
  EXPECT_EQ(intro->turn, 0u);
  // ‘happened.”Deliberate’: the sentence ends at the period, the quote opens the next one.
  const Statement* happened =
      find(d, st,
           "A similar request sent to the foreign Ministry of Armenia, who gave their "
           "assessment of what happened.");
  ASSERT_NE(happened, nullptr);
  const Statement* headline = find(d, st, "”Deliberate provocation and military-political gamble”");
  ASSERT_NE(headline, nullptr);
  const Statement* quote =
      find(d, st, "Deliberate provocation and military-political gamble", StatementKind::quote);
  ASSERT_NE(quote, nullptr);
  EXPECT_EQ(quote->parent, static_cast<std::int32_t>(headline->index));
  EXPECT_EQ(quote->index, headline->index + 1);
  // “Kommersant” is a name, not a quote.
  EXPECT_EQ(find(d, st, "Kommersant", StatementKind::quote), nullptr);

  const Statement* q1 =
      find(d, st, "What conclusions do the authorities of Azerbaijan of the recent escalation?");
  ASSERT_NE(q1, nullptr);
  EXPECT_EQ(q1->role, Role::question);
  EXPECT_GT(q1->turn, 0u);
  EXPECT_EQ(d.text.substr(q1->span.start - 4, 4), "\xE2\x80\x94 ");  // the turn dash stays outside
  const Statement* a1 =
      find(d, st,
           "The aggravation was deliberate provocation and military-political gamble by the "
           "armed forces of Armenia.");
  ASSERT_NE(a1, nullptr);
  EXPECT_EQ(a1->role, Role::answer);
  EXPECT_EQ(a1->turn, q1->turn + 1);
  const Statement* a1_end = find(d, st, "Despite all this, the Armenian side failed to achieve their goals.");
  ASSERT_NE(a1_end, nullptr);
  EXPECT_EQ(a1_end->turn, a1->turn);
  const Statement* q2 = find(d, st, "What you can do to prevent a similar occurrence in the future?");
  ASSERT_NE(q2, nullptr);
  EXPECT_EQ(q2->role, Role::question);
  EXPECT_EQ(q2->turn, a1->turn + 1);
  // The editor's note "(Russia, USA and France.— “B”)" is no turn: the answer goes on.
  const Statement* note = find_prefix(d, st, "This again emphasizes the need to strengthen actions");
  ASSERT_NE(note, nullptr);
  EXPECT_NE(text_of(d, *note).find("(Russia, USA and France.\xE2\x80\x94 “B”), the entire international"),
            std::string_view::npos);
  EXPECT_EQ(note->role, Role::answer);
  const Statement* q3 = find_prefix(d, st, "People in Tovuz district told me");
  ASSERT_NE(q3, nullptr);
  EXPECT_EQ(q3->role, Role::question);
  const Statement* q3_end =
      find(d, st, "This may indicate that the zone of the conflict extends beyond the borders of Karabakh?");
  ASSERT_NE(q3_end, nullptr);
  EXPECT_EQ(q3_end->turn, q3->turn);
  EXPECT_EQ(q3_end->role, Role::question);
  const Statement* a3 = find_prefix(d, st, "This was one of the intentions of the Armenian side");
  ASSERT_NE(a3, nullptr);
  EXPECT_EQ(a3->role, Role::answer);
  // "East—West" and "countries—members" are no turns.
  EXPECT_NE(find(d, st,
                 "They also have the strategic intent to threaten transport, including energy, "
                 "communications line East\xE2\x80\x94West."),
            nullptr);
}

TEST(SegmentCorpus, LabelledTurns001) {
  const Document d = testdata("001_rossiya1_labels.txt");
  const auto st = segment(d);
  check_invariants(d, st);

  const Statement* heading =
      find(d, st, "Ilham Aliyev took questions on “Rossiya-1” TV channel’s “60 minutes” program");
  ASSERT_NE(heading, nullptr);
  EXPECT_EQ(heading->role, Role::none);
  EXPECT_EQ(heading->turn, 0u);
  const Statement* intro =
      find(d, st, "The hosts first asked questions of President of Azerbaijan Ilham Aliyev.");
  ASSERT_NE(intro, nullptr);
  EXPECT_EQ(intro->role, Role::none);
  EXPECT_TRUE(intro->speaker.empty());
  // “60 minutes” and “Rossiya-1” are titles, not quotes.
  for (const Statement& s : st) EXPECT_NE(s.kind, StatementKind::quote) << text_of(d, s);

  const Statement* q = find(d, st, "Mr. President, thank you for agreeing to this interview.");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->role, Role::question);
  EXPECT_EQ(q->speaker, "Host");
  EXPECT_EQ(q->turn, 1u);
  EXPECT_EQ(d.text.substr(q->span.start - 6, 6), "Host: ");  // the label is outside the span
  const Statement* a = find(d, st, "The situation at the front line is tense.");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->role, Role::answer);
  EXPECT_EQ(a->speaker, "President Ilham Aliyev");
  EXPECT_EQ(a->turn, 2u);

  // A two-paragraph answer keeps its speaker, role and turn.
  const Statement* first =
      find(d, st, "You know, Azerbaijan has always shown constructiveness on the negotiation track.");
  const Statement* second = find(d, st, "There are only two sides to the conflict.");
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(second->speaker, "President Ilham Aliyev");
  EXPECT_EQ(second->role, Role::answer);
  EXPECT_EQ(second->turn, first->turn);
  EXPECT_EQ(first->turn, 8u);  // four Host/President pairs
  // "Ilham Heydarovich, please clarify Turkey’s role." opens the second question.
  const Statement* q2 = find(d, st, "Ilham Heydarovich, please clarify Turkey’s role.");
  ASSERT_NE(q2, nullptr);
  EXPECT_EQ(q2->speaker, "Host");
  EXPECT_EQ(q2->turn, 3u);
}

TEST(SegmentCorpus, FoxNewsHeaderKeepsUS001) {
  const Document d = testdata("001_foxnews_header.txt");
  const auto st = segment(d);
  check_invariants(d, st);
  EXPECT_NE(find(d, st, "Ilham Aliyev was interviewed by the U.S. Fox News TV channel"), nullptr);
  const Statement* intro =
      find(d, st,
           "President of the Republic of Azerbaijan Ilham Aliyev has been interviewed by the "
           "U.S. Fox News TV channel.");
  ASSERT_NE(intro, nullptr);
  EXPECT_EQ(intro->role, Role::none);
  // "-Good morning." is a turn without a space after the dash.
  const Statement* hello = find(d, st, "Good morning.");
  ASSERT_NE(hello, nullptr);
  EXPECT_GT(hello->turn, intro->turn);
  const Statement* hello2 = find(d, st, "Good morning to you");
  ASSERT_NE(hello2, nullptr);
  EXPECT_EQ(hello2->turn, hello->turn + 1);
}

TEST(SegmentCorpus, DashTurnsAfterInterviewHeader001) {
  const Document d = testdata("001_trt_dashes.txt");
  const auto st = segment(d);
  check_invariants(d, st);
  const Statement* header = find(d, st, "Ilham Aliyev was interviewed by TRT Haber TV channel");
  ASSERT_NE(header, nullptr);
  EXPECT_EQ(header->role, Role::none);
  const Statement* q =
      find(d, st, "Mr. President and Commander-in-Chief Ilham Aliyev, welcome to TRT Haber.");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->role, Role::question);
  EXPECT_TRUE(q->speaker.empty());
  EXPECT_EQ(d.text.substr(q->span.start - 4, 4), "\xE2\x80\x93 ");  // "– " stays outside
  const Statement* a = find(d, st, "Yes, everything is going according to plan.");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->role, Role::answer);
  EXPECT_EQ(a->speaker, "Ilham Aliyev");  // learned from the header
  EXPECT_EQ(a->turn, q->turn + 1);
  // The answer's second paragraph has no dash: same turn, same speaker.
  const Statement* more = find_prefix(d, st, "As you already know, the city of Jabrayil");
  ASSERT_NE(more, nullptr);
  EXPECT_EQ(more->turn, a->turn);
  EXPECT_EQ(more->speaker, "Ilham Aliyev");
  const Statement* q2 = find_prefix(d, st, "In response to the ceasefire calls");
  ASSERT_NE(q2, nullptr);
  EXPECT_EQ(q2->role, Role::question);
  const Statement* a2 = find_prefix(d, st, "The ceasefire must be provided under certain conditions.");
  ASSERT_NE(a2, nullptr);
  EXPECT_EQ(a2->role, Role::answer);
}

TEST(SegmentCorpus, FurnitureAndFirstQuestion003Head) {
  const Document d = testdata("003_head.txt");
  const auto st = segment(d);
  check_invariants(d, st);
  ASSERT_FALSE(st.empty());
  EXPECT_EQ(st[0].kind, StatementKind::furniture);
  EXPECT_EQ(text_of(d, st[0]), "12:00");
  const Statement* stamp = find(d, st, "24 September 2021, 12:10", StatementKind::furniture);
  ASSERT_NE(stamp, nullptr);
  const Statement* title =
      find(d, st, "Ilham Aliyev`s interview with Russia’s prestigious “Natsionalnaya oborona” magazine");
  ASSERT_NE(title, nullptr);
  EXPECT_EQ(title->span.start, stamp->span.end);  // split right where they were glued
  EXPECT_EQ(title->role, Role::none);
  // The first question has no dash; the dash-led answer after it makes it one.
  const Statement* q = find(d, st, "In fact, how were the events unfolding on that day?");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->role, Role::question);
  EXPECT_EQ(q->turn, 1u);
  const Statement* a = find(d, st, "Yes, the day started with that message.");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->role, Role::answer);
  EXPECT_EQ(a->speaker, "Ilham Aliyev");
  EXPECT_EQ(a->turn, 2u);
  const Statement* q2 =
      find(d, st, "How was the plan for the counter-offensive operation, named “Iron Fist”, developed?");
  ASSERT_NE(q2, nullptr);
  EXPECT_EQ(q2->role, Role::question);
  EXPECT_EQ(q2->turn, 3u);
  EXPECT_EQ(find(d, st, "Iron Fist", StatementKind::quote), nullptr);
}

TEST(SegmentCorpus, WebsiteFurniture003Tail) {
  const Document d = testdata("003_tail.txt");
  const auto st = segment(d);
  check_invariants(d, st);
  const Statement* thanks = find(d, st, "Thank you.");
  ASSERT_NE(thanks, nullptr);
  EXPECT_EQ(thanks->kind, StatementKind::sentence);
  for (std::string_view f :
       {"12:00", "11:15", "Your Majesty,", "Your eminence,", "Dear Mr. President,",
        "18 November 2024, 11:0010:50", "16 November 2024, 16:1914:09", "15 November 2024, 14:0911:00",
        "15 November 2024, 11:0015:33", "Azerbaijan has always...",
        "On this festive day, I wish you robust health and happiness, and the..."}) {
    EXPECT_NE(find(d, st, f, StatementKind::furniture), nullptr) << f;
  }
  const Statement* teaser = find_prefix(d, st, "On November 15, Vladimir Putin");
  EXPECT_EQ(teaser, nullptr) << "a teaser paragraph must be furniture";
  // Nothing after the last real turn is a sentence.
  const std::size_t tail = d.text.find("\n12:00");
  ASSERT_NE(tail, std::string::npos);
  for (const Statement& s : st) {
    if (s.span.start > tail) {
      EXPECT_EQ(s.kind, StatementKind::furniture) << text_of(d, s);
    }
  }
}

TEST(SegmentCorpus, QuotesSpanningSentences) {
  const Document d = doc_of(
      "The minister added: “We will not give up. Our position is clear and will not change.” Then he left. "
      "He called it a «провокация» and quoted the “Iron Fist” plan.");
  const auto st = segment(d);
  check_invariants(d, st);
  const Statement* q =
      find(d, st, "We will not give up. Our position is clear and will not change.", StatementKind::quote);
  ASSERT_NE(q, nullptr);
  const Statement* parent = find(d, st, "The minister added: “We will not give up.");
  ASSERT_NE(parent, nullptr);
  EXPECT_EQ(q->parent, static_cast<std::int32_t>(parent->index));
  EXPECT_NE(find(d, st, "Our position is clear and will not change.”"), nullptr);
  std::size_t quotes = 0;
  for (const Statement& s : st) quotes += s.kind == StatementKind::quote;
  EXPECT_EQ(quotes, 1u);

  SegmentOptions opt;
  opt.quotes = false;
  for (const Statement& s : segment(d, opt)) EXPECT_NE(s.kind, StatementKind::quote);
  opt.quotes = true;
  opt.min_quote_words = 1;
  EXPECT_NE(find(d, segment(d, opt), "Iron Fist", StatementKind::quote), nullptr);
}

TEST(SegmentCorpus, FurnitureOptionOff) {
  const Document d = testdata("003_tail.txt");
  SegmentOptions opt;
  opt.furniture = false;
  const auto st = segment(d, opt);
  check_invariants(d, st);
  for (const Statement& s : st) EXPECT_NE(s.kind, StatementKind::furniture);
  EXPECT_NE(find(d, st, "12:00"), nullptr);
}

// ---- Russian and Turkish (NTREX, read from the shared corpora) ---------------------------------

std::optional<std::vector<std::string>> ntrex_lines(const std::string& file) {
  const fs::path path = fs::path(QUOTEKIT_SHARED_CORPORA) / "ntrex-en-ru-tr" / file;
  if (!fs::exists(path)) return std::nullopt;
  std::istringstream in(read_file(path));
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(SegmentLanguages, RussianAbbreviations) {
  const auto lines = ntrex_lines("newstest2019-ref.rus.txt");
  if (!lines) GTEST_SKIP() << "NTREX not found under " << QUOTEKIT_SHARED_CORPORA << " (../shared/corpora)";
  ASSERT_GE(lines->size(), 1901u);
  // Lines 1402, 1513, 1901 (1-based): "т.е. Инстаграмма", "2017 г. г-н Трамп", "в г. Остин".
  const Document d =
      doc_of((*lines)[1401] + "\n" + (*lines)[1512] + "\n" + (*lines)[1900] + "\n", Lang::ru, "ru");
  const auto st = segment(d);
  check_invariants(d, st);
  const auto s = sentences(d);
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0], (*lines)[1401]);  // one sentence despite "— т.е. Инстаграмма"
  EXPECT_EQ(s[1],
            "В июне 2017 г. г-н Трамп провел теплую встречу с президентом Панамы Хуаном Карлосом Варелой.");
  EXPECT_EQ(s[2],
            "В его собственности также находился в Панаме, пока партнеры не выселили управленческую "
            "команду организации Трампа.");
  EXPECT_EQ(s[3], (*lines)[1900]);  // one sentence despite "в г. Остин"
  // A direct-speech paragraph: the reply after "?» —" continues the sentence.
  const Document dlg =
      doc_of("«Что случилось?» — спросил он. Это т. е. пример. В 1990-х гг. Россия изменилась.", Lang::ru);
  EXPECT_EQ(sentences(dlg), (std::vector<std::string>{"«Что случилось?» — спросил он.", "Это т. е. пример.",
                                                      "В 1990-х гг. Россия изменилась."}));
}

TEST(SegmentLanguages, TurkishAbbreviationsOrdinalsAndQuotes) {
  const auto lines = ntrex_lines("newstest2019-ref.tur.txt");
  if (!lines) GTEST_SKIP() << "NTREX not found under " << QUOTEKIT_SHARED_CORPORA << " (../shared/corpora)";
  ASSERT_GE(lines->size(), 1107u);
  // Lines 202 ("1. Kategori"), 967 ("Dr. Ford", a quote of two sentences), 1107 (a title with a colon).
  const Document d =
      doc_of((*lines)[201] + "\n" + (*lines)[966] + "\n" + (*lines)[1106] + "\n", Lang::tr, "tr");
  const auto st = segment(d);
  check_invariants(d, st);
  const auto s = sentences(d);
  ASSERT_EQ(s.size(), 5u);
  EXPECT_EQ(s[0],
            "Saat 05:00 itibarıyla Rosa, 1. Kategori kasırga olup rüzgar hızı saatte 85 mil şiddetindeydi.");
  EXPECT_EQ(
      s[2],
      "Graham, iddiayı ortaya atan Christine Blasey Ford'a hitap ederek \"Dr. Ford, ne olduğunu bilmiyorum.");
  EXPECT_EQ(s[3], "Ama şunu biliyorum: Brett, bu iddiayı kesinlikle reddetti,\" dedi.");
  EXPECT_EQ(s[4], (*lines)[1106]);  // "Bernard Vann: 1. Dünya ..." is a title: no label, no split
  const Statement* q = find(
      d, st, "Dr. Ford, ne olduğunu bilmiyorum. Ama şunu biliyorum: Brett, bu iddiayı kesinlikle reddetti,",
      StatementKind::quote);
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(text_of(d, st[static_cast<std::size_t>(q->parent)]), s[2]);
  for (const Statement& x : st) EXPECT_TRUE(x.speaker.empty());
  const auto more =
      sentences(doc_of("Elma, armut vb. Sonra gitti. Sn. Başkan ve Doç. Dr. Ayşe Yılmaz konuştu. "
                       "T.C. Cumhurbaşkanı geldi.",
                       Lang::tr));
  EXPECT_EQ(more, (std::vector<std::string>{"Elma, armut vb.", "Sonra gitti.",
                                            "Sn. Başkan ve Doç. Dr. Ayşe Yılmaz konuştu.",
                                            "T.C. Cumhurbaşkanı geldi."}));
}

// ---- robustness and invariants over whole files ---------------------------------------------

TEST(SegmentRobustness, EmptyOddAndBrokenInput) {
  EXPECT_TRUE(segment(doc_of("")).empty());
  EXPECT_TRUE(segment(doc_of(" \n\t\r\n ")).empty());
  // Lines without a letter or digit are furniture, so nothing is left outside a statement.
  const Document deco = doc_of("- \n—\n* * *\n");
  const auto deco_st = segment(deco);
  check_invariants(deco, deco_st);
  ASSERT_EQ(deco_st.size(), 3u);
  for (const Statement& s : deco_st) EXPECT_EQ(s.kind, StatementKind::furniture);
  for (const std::string& text :
       {std::string("Host:"), std::string("Host:\n- Yes."), std::string("\xE2\x80\xA6"), std::string("...."),
        std::string("a\xFF\xFE b. \xC3 c\xE2\x80"), std::string("“unclosed. ”x” \"a\" \""),
        std::string("Mr.\nDr.\n"), std::string("12:00\n"),
        std::string("\xC2\xA0Non-breaking\xC2\xA0space.\xC2\xA0"),
        std::string("Line\xE2\x80\xA8separated.\xE2\x80\xA9Next."), std::string("((((((((( deep — Stop."),
        std::string("Q: Why?\nA: Because.\nQ:\nWhat now?")}) {
    const Document d = doc_of(text);
    SCOPED_TRACE(text);
    std::vector<Statement> st;
    ASSERT_NO_THROW(st = segment(d));
    for (const Statement& s : st) {
      EXPECT_LT(s.span.start, s.span.end);
      EXPECT_LE(s.span.end, d.text.size());
    }
  }
  const Document qa = doc_of("Q: Why?\nA: Because.\nQ:\nWhat now?");
  const auto st = segment(qa);
  check_invariants(qa, st);
  ASSERT_EQ(st.size(), 3u);
  EXPECT_EQ(st[0].role, Role::question);
  EXPECT_EQ(st[1].role, Role::answer);
  EXPECT_EQ(st[2].role, Role::question);  // "Q:" alone: the question is the next paragraph
  EXPECT_EQ(st[2].speaker, "Q");
  EXPECT_EQ(st[2].turn, 3u);
}

TEST(SegmentRobustness, PathologicalInputStaysLinear) {
  // Each of these would take minutes if a rule rescanned its whole run at every position.
  std::string dotted;
  for (int i = 0; i < 30000; ++i) dotted += "A.";
  std::string dashes = "— ";
  for (int i = 0; i < 10000; ++i) dashes += "Why?— No.— ";
  std::string labels;  // many distinct speakers
  for (int i = 0; i < 5000; ++i) {
    std::string name = "Z";
    for (int k = i; k > 0; k /= 26) name += static_cast<char>('a' + k % 26);
    labels += "Speaker " + name + ": Yes.\n";
  }
  std::string quotes(60000, '"');
  std::string parens(60000, '(');
  for (const std::string* text : {&dotted, &dashes, &labels, &quotes, &parens}) {
    const Document d = doc_of(*text);
    const auto st = segment(d);
    check_invariants(d, st);
  }
  const Document many = doc_of(labels);
  const auto speakers = segment(many);
  ASSERT_EQ(speakers.size(), 5000u);
  EXPECT_EQ(speakers[4999].speaker.substr(0, 9), "Speaker Z");
  EXPECT_EQ(speakers[4999].turn, 5000u);
  const Document qa = doc_of(dashes);
  const auto st = segment(qa);
  ASSERT_GE(st.size(), 20000u);
  EXPECT_EQ(st[0].role, Role::question);
  EXPECT_EQ(st[1].role, Role::answer);
  EXPECT_EQ(st[2].role, Role::question);
}

TEST(SegmentRobustness, NonBreakingSpacesAreTrimmed) {
  const Document d = doc_of(
      "\xC2\xA0"
      "First sentence.\xC2\xA0 Second sentence.\xE2\x80\x83");
  const auto st = segment(d);
  check_invariants(d, st);
  ASSERT_EQ(st.size(), 2u);
  EXPECT_EQ(text_of(d, st[1]), "Second sentence.");
}

TEST(SegmentInvariants, WholeInterviewCorpus) {
  const fs::path dir = fs::path(QUOTEKIT_SHARED_CORPORA) / "interviews";
  if (!fs::exists(dir)) GTEST_SKIP() << "interviews corpus not found under " << QUOTEKIT_SHARED_CORPORA;
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".txt") continue;
    ++files;
    const Document d = doc_of(read_file(entry.path()), Lang::en, entry.path().filename().string());
    const auto st = segment(d);
    EXPECT_FALSE(st.empty()) << d.id;
    check_invariants(d, st);
    // Same input, same output.
    const auto again = segment(d);
    ASSERT_EQ(again.size(), st.size());
    for (std::size_t i = 0; i < st.size(); ++i) EXPECT_EQ(again[i].span, st[i].span);
  }
  EXPECT_EQ(files, 5u);
}

TEST(SegmentInvariants, RussianAndTurkishNews) {
  for (const auto& [file, lang] :
       {std::pair{"newstest2019-ref.rus.txt", Lang::ru}, std::pair{"newstest2019-ref.tur.txt", Lang::tr}}) {
    const fs::path path = fs::path(QUOTEKIT_SHARED_CORPORA) / "ntrex-en-ru-tr" / file;
    if (!fs::exists(path)) GTEST_SKIP() << "NTREX not found under " << QUOTEKIT_SHARED_CORPORA;
    const Document d = doc_of(read_file(path), lang, file);
    const auto st = segment(d);
    check_invariants(d, st);
    std::size_t sentences_count = 0;
    for (const Statement& s : st) sentences_count += s.kind == StatementKind::sentence;
    // One segment a line; some lines hold two or three sentences, none is split into many.
    EXPECT_GE(sentences_count, 1997u);
    EXPECT_LE(sentences_count, 1997u * 2);
  }
}

TEST(Segment, KindAndRoleNames) {
  EXPECT_EQ(to_string(StatementKind::sentence), "sentence");
  EXPECT_EQ(to_string(StatementKind::quote), "quote");
  EXPECT_EQ(to_string(StatementKind::furniture), "furniture");
  EXPECT_EQ(to_string(Role::none), "none");
  EXPECT_EQ(to_string(Role::question), "question");
  EXPECT_EQ(to_string(Role::answer), "answer");
}

}  // namespace
}  // namespace quotekit
