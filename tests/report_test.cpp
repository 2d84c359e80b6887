#include "quotekit/report.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace quotekit {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

Document make_doc(std::string id, std::string text, Lang lang = Lang::en) {
  Document d;
  d.id = std::move(id);
  d.text = std::move(text);
  d.lang = lang;
  d.encoding = "UTF-8";
  return d;
}

Statement make_statement(std::uint32_t index, Span span) {
  Statement st;
  st.index = index;
  st.span = span;
  return st;
}

TEST(StatementJson, EscapesQuotesBackslashesAndLineBreaksButKeepsCyrillic) {
  // A statement with every character JSON must escape, plus Russian and typographic quotes.
  const std::string body = "He said \"no\" \\ then\n\t«Мы готовы», “ready”.";
  const Document doc = make_doc("ru-1", "Host: " + body + " Next.", Lang::ru);
  const Statement st = make_statement(0, Span{6, static_cast<std::uint32_t>(6 + body.size())});
  const std::string line = statement_json(doc, st);

  EXPECT_EQ(line.find('\n'), std::string::npos) << "one record must be one line";
  EXPECT_THAT(line, HasSubstr(R"(He said \"no\" \\ then\n\t)"));
  EXPECT_THAT(line, HasSubstr("«Мы готовы», “ready”"));  // UTF-8 as is, no \u escapes
  EXPECT_THAT(line, Not(HasSubstr("\\u")));

  const auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["text"], body);
  EXPECT_EQ(j["doc"], "ru-1");
  EXPECT_EQ(j["lang"], "ru");
  EXPECT_EQ(j["start"], 6);
  EXPECT_EQ(j["end"], 6 + body.size());
}

TEST(StatementJson, FieldsInContractOrder) {
  const Document doc = make_doc("d", "One sentence.");
  const std::string line = statement_json(doc, make_statement(0, Span{0, 13}));
  EXPECT_THAT(line, StartsWith(R"({"doc":"d","index":0,"kind":"sentence","role":null,"speaker":null,)"));
  EXPECT_THAT(line, ::testing::EndsWith(R"("start":0,"end":13,"text":"One sentence."})"));
}

TEST(StatementJson, NullsForNoRoleNoSpeakerNoParentUnknownLang) {
  const Document doc = make_doc("d", "Plain text here.", Lang::unknown);
  Statement st = make_statement(3, Span{0, 5});
  st.parent = 1;  // ignored: only quotes have a parent
  const auto j = nlohmann::json::parse(statement_json(doc, st));
  EXPECT_TRUE(j["role"].is_null());
  EXPECT_TRUE(j["speaker"].is_null());
  EXPECT_TRUE(j["parent"].is_null());
  EXPECT_TRUE(j["lang"].is_null());
  EXPECT_EQ(j["index"], 3);
  EXPECT_EQ(j["turn"], 0);
  EXPECT_EQ(j["text"], "Plain");
}

TEST(StatementJson, QuoteCarriesRoleSpeakerTurnAndParent) {
  const std::string text = "President Ilham Aliyev: I said “we are ready”.";
  const Document doc = make_doc("001", text);
  Statement st = make_statement(5, Span{34, 46});  // “we are ready” without the marks
  st.kind = StatementKind::quote;
  st.role = Role::answer;
  st.speaker = "President Ilham Aliyev";
  st.turn = 2;
  st.parent = 4;
  const auto j = nlohmann::json::parse(statement_json(doc, st));
  EXPECT_EQ(j["kind"], "quote");
  EXPECT_EQ(j["role"], "answer");
  EXPECT_EQ(j["speaker"], "President Ilham Aliyev");
  EXPECT_EQ(j["turn"], 2);
  EXPECT_EQ(j["parent"], 4);
  EXPECT_EQ(j["text"], "we are ready");
}

TEST(StatementJson, SpanOutsideTheDocumentIsAnErrorNotAnOverread) {
  const Document doc = make_doc("d", "short");
  EXPECT_THROW(statement_json(doc, make_statement(0, Span{2, 9})), Error);
  EXPECT_THROW(statement_json(doc, make_statement(0, Span{4, 2})), Error);
}

TEST(StatementJson, PlainAndEscapedStringsRoundTrip) {
  // Both writing paths: prose copied as is, and text that needs escaping.
  for (const std::string text : {"Мы готовы к миру — “peace”.", "Türkiye'nin desteği", "a\"b", "tab\there",
                                 "bell\x07 and DEL\x7F", "end\\"}) {
    const Document doc = make_doc("d", text);
    const auto j = nlohmann::json::parse(
        statement_json(doc, make_statement(0, Span{0, static_cast<std::uint32_t>(text.size())})));
    EXPECT_EQ(j["text"], text);
  }
}

TEST(StatementJson, SpanCuttingACharacterIsAnErrorNotBrokenJson) {
  const Document doc = make_doc("d", "Алиев");  // two bytes per letter
  EXPECT_THROW(statement_json(doc, make_statement(0, Span{0, 3})), Error);
  EXPECT_THROW(statement_json(doc, make_statement(0, Span{1, 4})), Error);
  EXPECT_NO_THROW(statement_json(doc, make_statement(0, Span{0, 4})));
}

TEST(StatementText, ShowsReferenceSpanKindRoleSpeakerAndWholeText) {
  std::string long_text;
  while (long_text.size() < 600)
    long_text += "The Azerbaijani army is restoring the territorial integrity of the country. ";
  const Document doc = make_doc("001.txt", "Host: " + long_text);
  Statement st = make_statement(12, Span{6, static_cast<std::uint32_t>(6 + long_text.size())});
  st.role = Role::question;
  st.speaker = "Host";
  const std::string line = statement_text(doc, st);
  EXPECT_THAT(line, StartsWith("001.txt#12  [6," + std::to_string(6 + long_text.size()) + ")  sentence"));
  EXPECT_THAT(line, HasSubstr("question"));
  EXPECT_THAT(line, HasSubstr("Host"));
  EXPECT_THAT(line, ::testing::EndsWith("\u2502 " + long_text));  // never truncated
}

TEST(StatementText, LineBreaksAndTabsBecomeControlPictures) {
  const Document doc = make_doc("d", "First line\nsecond\tcell");
  const std::string line = statement_text(doc, make_statement(0, Span{0, 22}));
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_EQ(line.find('\t'), std::string::npos);
  EXPECT_THAT(line, ::testing::EndsWith("First line\u240Asecond\u2409cell"));
  EXPECT_THAT(line, HasSubstr(" -  "));  // no role, no speaker
}

// Display column (in code points) of the "│" separator.
std::size_t bar_column(const std::string& line) {
  const std::size_t byte = line.find("\u2502");
  std::size_t col = 0;
  for (std::size_t i = 0; i < byte; ++i) col += (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80;
  return col;
}

TEST(StatementText, ColumnsAlignAcrossADocument) {
  const std::string text = "Ведущий: Вопрос? President Ilham Aliyev: Answer one. Answer two is longer.";
  const Document doc = make_doc("interview", text);
  std::vector<Statement> sts{make_statement(0, Span{16, 29}), make_statement(1, Span{54, 65}),
                             make_statement(10, Span{66, 87})};
  sts[0].speaker = "Ведущий";
  sts[0].role = Role::question;
  sts[1].speaker = sts[2].speaker = "President Ilham Aliyev";
  sts[1].role = sts[2].role = Role::answer;
  const TextColumns cols = text_columns(doc, sts);
  EXPECT_EQ(cols.ref, std::string("interview#10").size());
  EXPECT_EQ(cols.span, std::string("[66,87)").size());
  EXPECT_EQ(cols.speaker, std::string("President Ilham Aliyev").size());
  const std::size_t col = bar_column(statement_text(doc, sts[0], cols));
  EXPECT_EQ(bar_column(statement_text(doc, sts[1], cols)), col);
  EXPECT_EQ(bar_column(statement_text(doc, sts[2], cols)), col);
  EXPECT_THAT(statement_text(doc, sts[0], cols), ::testing::EndsWith("\u2502 Вопрос?"));
}

}  // namespace
}  // namespace quotekit
