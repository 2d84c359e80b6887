// End-to-end tests of the `quotekit` binary: exit codes, messages, and the JSONL statement
// contract (spans round-trip into the documents' bytes) on the bundled sample corpus.
#include "cli_helpers.hpp"

namespace {

namespace fs = std::filesystem;
using namespace cli_test;
using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(Cli, HelpListsCommandsAndExitCodes) {
  const Result r = run({"--help"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("segment"));
  EXPECT_THAT(r.out, HasSubstr("Exit codes"));
  for (const char* code : {"  0  ", "  1  ", "  2  ", "  3  ", "  4  "}) EXPECT_THAT(r.out, HasSubstr(code));
}

TEST(Cli, VersionPrintsVersion) {
  const Result r = run({"--version"});
  EXPECT_EQ(r.status, 0);
  EXPECT_THAT(r.out, StartsWith("quotekit 0."));
}

TEST(Cli, SegmentHelpDocumentsEveryOption) {
  const Result r = run({"segment", "--help"});
  EXPECT_EQ(r.status, 0) << r.err;
  for (const char* opt : {"INPUT", "--lang", "--encoding", "--lossy", "--format", "--quiet", "--no-quotes",
                          "--no-furniture", "Default: text", "UTF-8", "Exit codes"})
    EXPECT_THAT(r.out, HasSubstr(opt));
}

TEST(Cli, NoCommandOrUnknownCommandIsUsageError) {
  Result r = run({});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("quotekit --help"));
  r = run({"segmnt", "x.txt"});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("unknown command 'segmnt'"));
}

TEST(Cli, SegmentJsonlSpansRoundTripOnSampleCorpus) {
  const std::vector<std::string> files = corpus_files();
  ASSERT_GE(files.size(), 6u) << "sample corpus missing in " << kCorpus;
  std::vector<std::string> args{"segment", "--format", "jsonl"};
  args.insert(args.end(), files.begin(), files.end());
  const Result r = run(args);
  ASSERT_EQ(r.status, 0) << r.err;

  const auto texts = corpus_texts();
  std::map<std::string, std::uint64_t> next_index;  // per document: indexes are 0, 1, 2, ...
  std::vector<std::string> doc_order;
  std::size_t records = 0;
  for (const std::string& line : lines_of(r.out)) {
    nlohmann::json rec;
    ASSERT_NO_THROW(rec = nlohmann::json::parse(line)) << line;
    const std::string doc = check_record(rec, texts);
    if (doc_order.empty() || doc_order.back() != doc) doc_order.push_back(doc);
    EXPECT_EQ(rec["index"].get<std::uint64_t>(), next_index[doc]++) << line;
    ++records;
  }
  EXPECT_GT(records, 1000u);
  // Every document produced statements, each document's records are contiguous, and the 26
  // interviews of the JSONL corpus come out under their ids.
  EXPECT_EQ(doc_order.size(), 5u + 26u);
  EXPECT_EQ(std::set<std::string>(doc_order.begin(), doc_order.end()).size(), doc_order.size());
  for (const char* id : {"2020-09-29-rossiya-1", "2020-10-02-al-jazeera", "2020-11-06-bbc-news", "2020-tass"})
    EXPECT_TRUE(next_index.count(id)) << id;
}

TEST(Cli, TextFormatShowsReferenceSpanAndWholeText) {
  const std::string file = (kCorpus / "004_euractiv_hajiyev.txt").string();
  const Result text = run({"segment", file});
  const Result jsonl = run({"segment", "-f", "jsonl", file});
  ASSERT_EQ(text.status, 0) << text.err;
  ASSERT_EQ(jsonl.status, 0) << jsonl.err;
  const auto text_lines = lines_of(text.out), json_lines = lines_of(jsonl.out);
  ASSERT_EQ(text_lines.size(), json_lines.size());
  ASSERT_FALSE(text_lines.empty());
  std::size_t longest = 0;
  for (std::size_t i = 0; i < text_lines.size(); ++i) {
    const auto rec = nlohmann::json::parse(json_lines[i]);
    const std::string& line = text_lines[i];
    EXPECT_THAT(line, StartsWith(rec["doc"].get<std::string>() + "#" + std::to_string(i)));
    EXPECT_THAT(line, HasSubstr("[" + std::to_string(rec["start"].get<int>()) + "," +
                                std::to_string(rec["end"].get<int>()) + ")"));
    // The text is printed whole (this excerpt has no control characters to picture).
    const std::string body = rec["text"].get<std::string>();
    EXPECT_THAT(line, ::testing::EndsWith("\u2502 " + body));
    longest = std::max(longest, body.size());
  }
  EXPECT_GT(longest, 200u);  // the check above covered a long statement
}

TEST(Cli, MissingFileIsInputErrorNamingIt) {
  const std::string missing = temp_path("no_such_interview.txt").string();
  const Result r = run({"segment", missing});
  EXPECT_EQ(r.status, 3);
  EXPECT_THAT(r.err, StartsWith("quotekit: "));
  EXPECT_THAT(r.err, HasSubstr("no_such_interview.txt"));
  EXPECT_TRUE(r.out.empty());
}

TEST(Cli, BadOptionValuesAreUsageErrors) {
  const std::string file = (kCorpus / "004_euractiv_hajiyev.txt").string();
  Result r = run({"segment", "--lang", "klingon", file});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("klingon"));
  EXPECT_THAT(r.err, HasSubstr("Run 'quotekit segment --help'"));
  r = run({"segment", "--format", "xml", file});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("--format"));
  r = run({"segment", "--no-such-option", file});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("Run 'quotekit segment --help'"));
  // Usage errors found by the library, not the parser, map to 2 as well.
  r = run({"segment", "--encoding", "EBCDIC-42", file});
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("EBCDIC-42"));
  EXPECT_THAT(r.err, HasSubstr("Run 'quotekit segment --help'"));
  r = run({"segment", "-", "-"}, file);  // standard input can be read only once
  EXPECT_EQ(r.status, 2) << r.err;
  r = run({"segment"});  // INPUT is required
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("INPUT"));
}

// UTF-8 text (with Cyrillic) and one stray Latin-1 byte 0xE9 at a known offset.
std::string bad_utf8(std::size_t& offset) {
  const std::string head =
      "Host: Mr. President, what did you say? President Ilham Aliyev: I said «Мы готовы». It was ";
  offset = head.size();
  return head + "\xE9" + "t\xC3\xA9 in Baku.\n";
}

TEST(Cli, InvalidUtf8IsInputErrorWithByteOffset) {
  std::size_t offset = 0;
  const fs::path file = write_temp("bad_utf8.txt", bad_utf8(offset));
  for (const auto& extra : {std::vector<std::string>{}, std::vector<std::string>{"--encoding", "UTF-8"}}) {
    std::vector<std::string> args{"segment"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(file.string());
    const Result r = run(args);
    EXPECT_EQ(r.status, 3) << r.err;
    EXPECT_THAT(r.err, HasSubstr("bad_utf8.txt"));
    EXPECT_THAT(r.err, HasSubstr("byte " + std::to_string(offset)));
    EXPECT_TRUE(r.out.empty());
  }
  fs::remove(file);
}

TEST(Cli, LossyReplacesAndCountsOnStderr) {
  std::size_t offset = 0;
  const fs::path file = write_temp("lossy.txt", bad_utf8(offset));
  const Result r = run({"segment", "--lossy", "--format", "jsonl", "--quiet", file.string()});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("lossy.txt"));
  EXPECT_THAT(r.err, HasSubstr("replaced 1 invalid"));
  EXPECT_THAT(r.out, HasSubstr("\xEF\xBF\xBD"));  // U+FFFD where the byte was
  fs::remove(file);
}

TEST(Cli, StdinDashIsADocument) {
  const fs::path file = kCorpus / "001_rossiya1_60_minutes.txt";
  const std::string bytes = read_all(file);
  const Result r = run({"segment", "--format", "jsonl", "-"}, file.string());
  ASSERT_EQ(r.status, 0) << r.err;
  const std::map<std::string, std::string> texts{{"-", bytes}};
  const auto lines = lines_of(r.out);
  EXPECT_GT(lines.size(), 10u);
  for (const std::string& line : lines) EXPECT_EQ(check_record(nlohmann::json::parse(line), texts), "-");
}

TEST(Cli, NoStatementExitsOne) {
  const fs::path file = write_temp("blank.txt", "\n   \n\t\n");
  const Result r = run({"segment", file.string()});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_TRUE(r.out.empty());
  EXPECT_THAT(r.err, HasSubstr("no statement"));
  EXPECT_EQ(run({"segment", "--quiet", file.string()}).err, "");
  fs::remove(file);
}

TEST(Cli, QuietSilencesTheSummary) {
  const std::string file = (kCorpus / "004_euractiv_hajiyev.txt").string();
  EXPECT_THAT(run({"segment", file}).err, HasSubstr("statements in 1 document"));
  const Result quiet = run({"segment", "-q", file});
  EXPECT_EQ(quiet.status, 0);
  EXPECT_EQ(quiet.err, "");
}

TEST(Cli, NoQuotesDropsQuoteStatements) {
  // The Shusha forum report quotes the President at length in “…”.
  const std::string file = (kCorpus / "002_shusha_media_forum.txt").string();
  const auto count_quotes = [](const std::string& out) {
    std::size_t n = 0;
    for (const std::string& line : lines_of(out)) n += nlohmann::json::parse(line)["kind"] == "quote";
    return n;
  };
  const Result with = run({"segment", "-f", "jsonl", file});
  const Result without = run({"segment", "-f", "jsonl", "--no-quotes", file});
  ASSERT_EQ(with.status, 0) << with.err;
  ASSERT_EQ(without.status, 0) << without.err;
  EXPECT_GT(count_quotes(with.out), 0u);
  EXPECT_EQ(count_quotes(without.out), 0u);
}

}  // namespace
