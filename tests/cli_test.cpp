// End-to-end tests of the `quotekit` binary: exit codes, messages, and the JSONL statement
// contract (spans round-trip into the documents' bytes) on the bundled sample corpus.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::StartsWith;

struct Result {
  int status = -1;  // exit status; 128 + signal when killed by a signal
  std::string out;
  std::string err;
};

std::string read_all(const fs::path& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

fs::path temp_path(const std::string& name) {
  return fs::path(::testing::TempDir()) / ("quotekit_cli_" + std::to_string(::getpid()) + "_" + name);
}

fs::path write_temp(const std::string& name, const std::string& bytes) {
  const fs::path p = temp_path(name);
  std::ofstream(p, std::ios::binary) << bytes;
  return p;
}

// Runs the built CLI with `args`, standard input from `stdin_path`, and captures standard
// output and error through files (no pipe can fill up and block).
Result run(const std::vector<std::string>& args, const std::string& stdin_path = "/dev/null") {
  const fs::path out_path = temp_path("stdout"), err_path = temp_path("stderr");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, stdin_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);

  std::vector<std::string> argv_storage{QUOTEKIT_CLI};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);

  Result r;
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, QUOTEKIT_CLI, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    ADD_FAILURE() << "cannot start " << QUOTEKIT_CLI << ": " << std::strerror(rc);
    return r;
  }
  int wstatus = 0;
  while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  r.status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
  r.out = read_all(out_path);
  r.err = read_all(err_path);
  fs::remove(out_path);
  fs::remove(err_path);
  return r;
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> lines;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

const fs::path kCorpus = fs::path(QUOTEKIT_TESTDATA) / "corpus";

std::vector<std::string> corpus_files() {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(kCorpus)) files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

// The text of every document of the sample corpus, keyed by the ids a record's "doc" may carry:
// a plain file's path as given and its file name; a JSONL record's "id". Read straight from the
// bytes (the sample corpus is UTF-8 without BOM), not through the library.
std::map<std::string, std::string> corpus_texts() {
  std::map<std::string, std::string> texts;
  for (const std::string& file : corpus_files()) {
    const std::string bytes = read_all(file);
    if (fs::path(file).extension() == ".jsonl") {
      for (const std::string& line : lines_of(bytes)) {
        const auto j = nlohmann::json::parse(line);
        texts[j.at("id").get<std::string>()] = j.at("text").get<std::string>();
      }
    } else {
      texts[file] = bytes;
      texts[fs::path(file).filename().string()] = bytes;
    }
  }
  return texts;
}

// Checks one JSONL record against the contract and the document it names; returns its doc.
std::string check_record(const nlohmann::json& r, const std::map<std::string, std::string>& texts) {
  for (const char* field :
       {"doc", "index", "kind", "role", "speaker", "turn", "parent", "lang", "start", "end", "text"})
    EXPECT_TRUE(r.contains(field)) << "missing " << field << " in " << r.dump();
  EXPECT_TRUE(r["doc"].is_string());
  EXPECT_TRUE(r["index"].is_number_unsigned());
  EXPECT_THAT((std::set<std::string>{"sentence", "quote", "furniture"}),
              ::testing::Contains(r["kind"].get<std::string>()));
  EXPECT_TRUE(r["role"].is_null() || r["role"] == "question" || r["role"] == "answer") << r.dump();
  EXPECT_TRUE(r["speaker"].is_null() ||
              (r["speaker"].is_string() && !r["speaker"].get<std::string>().empty()));
  EXPECT_TRUE(r["lang"].is_null() || r["lang"].is_string());
  if (r["kind"] == "quote") {
    EXPECT_TRUE(r["parent"].is_number_unsigned()) << r.dump();
    if (r["parent"].is_number()) {
      EXPECT_LT(r["parent"].get<long>(), r["index"].get<long>());
    }
  } else {
    EXPECT_TRUE(r["parent"].is_null()) << r.dump();
  }
  const std::string doc = r["doc"].get<std::string>();
  const auto it = texts.find(doc);
  if (it == texts.end()) {
    ADD_FAILURE() << "record names an unknown document: " << doc;
    return doc;
  }
  const auto start = r["start"].get<std::uint64_t>(), end = r["end"].get<std::uint64_t>();
  EXPECT_LE(start, end) << r.dump();
  EXPECT_LE(end, it->second.size()) << r.dump();
  if (start <= end && end <= it->second.size()) {
    EXPECT_EQ(it->second.substr(start, end - start), r["text"].get<std::string>())
        << doc << " [" << start << "," << end << ")";
  }
  return doc;
}

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
