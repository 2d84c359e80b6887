// Reading inputs: files, standard input, JSON Lines corpora.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "quotekit/corpus.hpp"
#include "testing_text.hpp"

namespace quotekit {
namespace {

namespace fs = std::filesystem;

const fs::path kTestdata = fs::path(QUOTEKIT_TESTDATA);
const fs::path kJsonl = kTestdata / "jsonl";
const fs::path kEncodings = kTestdata / "encodings";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

using testing::expect_input_error;

// Byte offset where line `n` (1-based) starts.
std::uint64_t line_start(const std::string& bytes, int n) {
  std::size_t at = 0;
  for (int i = 1; i < n; ++i) at = bytes.find('\n', at) + 1;
  return at;
}

// A scratch directory, removed at the end of the test.
class TempDir {
 public:
  TempDir()
      : path_(fs::temp_directory_path() /
              ("quotekit-corpus-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++))) {
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
  }
  fs::path write(const std::string& name, const std::string& bytes) const {
    std::ofstream(path_ / name, std::ios::binary) << bytes;
    return path_ / name;
  }
  const fs::path& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

// Replaces std::cin's buffer for the lifetime of the object.
class FakeStdin {
 public:
  explicit FakeStdin(const std::string& bytes) : in_(bytes), saved_(std::cin.rdbuf(in_.rdbuf())) {}
  ~FakeStdin() {
    std::cin.rdbuf(saved_);
    std::cin.clear();
  }

 private:
  std::istringstream in_;
  std::streambuf* saved_;
};

// ---- parse_jsonl ---------------------------------------------------------------------------------

TEST(ParseJsonl, GoodCorpus) {
  const std::string path = (kJsonl / "good.jsonl").string();
  const std::vector<Document> docs = parse_jsonl(slurp(path), {}, path);
  ASSERT_EQ(docs.size(), 5u);  // six lines, one blank

  EXPECT_EQ(docs[0].id, "euractiv-2020-05-14");
  EXPECT_EQ(docs[0].outlet, "EURACTIV");
  EXPECT_EQ(docs[0].date, "2020-05-14");
  EXPECT_EQ(docs[0].title, "Hajiyev interview");
  EXPECT_EQ(docs[0].lang, Lang::en);
  EXPECT_EQ(docs[0].source, path + ":1");
  EXPECT_EQ(docs[0].encoding, "UTF-8");
  // \u201c escapes became the real quotation marks.
  EXPECT_NE(docs[0].text.find("its \xE2\x80\x9Cwar-mongering rhetoric\xE2\x80\x9D"), std::string::npos)
      << docs[0].text;

  EXPECT_EQ(docs[1].id, "17");  // a numeric id
  EXPECT_EQ(docs[1].source, path + ":2");
  EXPECT_EQ(docs[1].lang, Lang::en);  // from "lang"

  EXPECT_EQ(docs[2].id, "ru-1");
  EXPECT_EQ(docs[2].source, path + ":4");  // line 3 is blank and still counted
  EXPECT_EQ(docs[2].lang, Lang::ru);       // identified
  EXPECT_EQ(docs[2].text.substr(0, 14), "Армения");

  EXPECT_EQ(docs[3].id, "tr-1");
  EXPECT_EQ(docs[3].lang, Lang::tr);
  EXPECT_EQ(docs[3].outlet, "own translation");
  EXPECT_EQ(docs[3].date, "");  // null

  EXPECT_EQ(docs[4].id, "good.jsonl:6");  // no id: FILE:LINE
  EXPECT_EQ(docs[4].text.substr(0, 24), "Hikmat Hajiyev regretted");
}

TEST(ParseJsonl, MissingTextNamesTheLineAndItsOffset) {
  const std::string path = (kJsonl / "missing_text.jsonl").string();
  const std::string bytes = slurp(path);
  const InputError e = expect_input_error([&] { parse_jsonl(bytes, {}, path); });
  EXPECT_EQ(e.source(), path);
  EXPECT_EQ(e.offset(), line_start(bytes, 2));
  EXPECT_NE(e.problem().find("line 2"), std::string::npos) << e.problem();
  EXPECT_NE(e.problem().find("\"text\""), std::string::npos) << e.problem();
  EXPECT_NE(e.hint().find("JSON object"), std::string::npos) << e.hint();
}

TEST(ParseJsonl, MalformedLineNamesTheLineAndItsOffset) {
  const std::string path = (kJsonl / "malformed.jsonl").string();
  const std::string bytes = slurp(path);
  const InputError e = expect_input_error([&] { parse_jsonl(bytes, {}, path); });
  EXPECT_EQ(e.offset(), line_start(bytes, 3));
  EXPECT_GT(e.offset(), 0u);
  EXPECT_NE(e.problem().find("line 3: malformed JSON"), std::string::npos) << e.problem();
  EXPECT_NE(e.hint().find("JSON object"), std::string::npos) << e.hint();
  EXPECT_NE(std::string(e.what()).find(path + ": byte " + std::to_string(line_start(bytes, 3)) + ": line 3"),
            std::string::npos)
      << e.what();
}

TEST(ParseJsonl, BomIsSkippedAndOffsetsStayFileOffsets) {
  const std::string path = (kJsonl / "bom.jsonl").string();
  const std::string bytes = slurp(path);
  ASSERT_EQ(bytes.substr(0, 3), "\xEF\xBB\xBF");
  const std::vector<Document> docs = parse_jsonl(bytes, {}, path);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].id, "tr-1");
  EXPECT_EQ(docs[0].lang, Lang::tr);
  EXPECT_EQ(docs[1].lang, Lang::ru);
  // A broken first record after a BOM: its line starts at byte 3.
  const InputError e = expect_input_error([] { parse_jsonl("\xEF\xBB\xBF{\"text\": 1}\n", {}, "b.jsonl"); });
  EXPECT_EQ(e.offset(), 3u);
  EXPECT_NE(e.problem().find("line 1"), std::string::npos);
}

TEST(ParseJsonl, IdsMustBeStringsOrNumbers) {
  const auto docs =
      parse_jsonl("{\"id\": 7, \"text\": \"a\"}\r\n{\"id\": 2.5, \"text\": \"b\"}\r\n", {}, "n.jsonl");
  ASSERT_EQ(docs.size(), 2u);  // CRLF line ends are fine
  EXPECT_EQ(docs[0].id, "7");
  EXPECT_EQ(docs[1].id, "2.5");
  const std::string bad = "{\"id\": \"a\", \"text\": \"x\"}\n{\"id\": [1], \"text\": \"y\"}\n";
  const InputError e = expect_input_error([&] { parse_jsonl(bad, {}, "n.jsonl"); });
  EXPECT_EQ(e.offset(), line_start(bad, 2));
  EXPECT_NE(e.problem().find("\"id\""), std::string::npos);
}

TEST(ParseJsonl, OtherBadRecords) {
  struct Case {
    std::string line;
    const char* problem;
  };
  const std::vector<Case> cases = {
      {"[1, 2]", "expected a JSON object"},
      {"{\"text\": 42}", "\"text\" must be a string"},
      {"{\"text\": \"a\", \"outlet\": {\"x\": 1}}", "\"outlet\" must be a string"},
      {"{\"text\": \"a\\u0000b\"}", "NUL character"},
      {"{\"text\": \"a\", \"lang\": \"klingon\"}", "unknown \"lang\""},
      {"{\"text\": \"a\"} trailing", "malformed JSON"},
      {std::string(100000, '['), "malformed JSON"},  // deep nesting: an error, not a crash
  };
  for (const Case& c : cases) {
    const std::string bytes = "{\"text\": \"fine\"}\n" + c.line + "\n";
    const InputError e = expect_input_error([&] { parse_jsonl(bytes, {}, "bad.jsonl"); });
    EXPECT_EQ(e.offset(), 17u) << c.problem;
    EXPECT_NE(e.problem().find("line 2"), std::string::npos) << e.problem();
    EXPECT_NE(e.problem().find(c.problem), std::string::npos) << e.problem();
  }
}

TEST(ParseJsonl, InvalidUtf8InARecord) {
  // The JSON text itself must be UTF-8: the offset is the exact bad byte in the file.
  const std::string bytes = "{\"text\": \"ok\"}\n{\"text\": \"caf\xE9 \xD0\xBC\xD0\xB8\xD1\x80\"}\n";
  const InputError e = expect_input_error([&] { parse_jsonl(bytes, {}, "u.jsonl"); });
  EXPECT_EQ(e.offset(), bytes.find('\xE9'));
  EXPECT_NE(e.problem().find("line 2: invalid UTF-8 (byte 0xE9"), std::string::npos) << e.problem();
  EXPECT_NE(e.hint().find("--lossy"), std::string::npos);
  DecodeOptions lossy;
  lossy.lossy = true;
  const auto docs = parse_jsonl(bytes, lossy, "u.jsonl");
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[1].text, "caf\uFFFD мир");
  EXPECT_EQ(docs[1].replaced, 1u);
}

TEST(ParseJsonl, LangFieldAndOverride) {
  const std::string bytes = "{\"id\": \"a\", \"lang\": \"tr\", \"text\": \"The war is over, he said.\"}\n";
  EXPECT_EQ(parse_jsonl(bytes, {}, "l.jsonl")[0].lang, Lang::tr);  // the field wins over identification
  DecodeOptions ru;
  ru.lang = Lang::ru;
  EXPECT_EQ(parse_jsonl(bytes, ru, "l.jsonl")[0].lang, Lang::ru);  // the option wins over the field
}

TEST(ParseJsonl, EmptyBlankAndBinary) {
  EXPECT_EQ(expect_input_error([] { parse_jsonl("", {}, "e.jsonl"); }).problem(), "file is empty");
  EXPECT_NE(expect_input_error([] { parse_jsonl("\n  \n\r\n", {}, "e.jsonl"); }).problem().find("no records"),
            std::string::npos);
  const InputError e =
      expect_input_error([] { parse_jsonl(std::string("{\"text\": \"a\"}\n\0\0", 16), {}, "e.jsonl"); });
  EXPECT_EQ(e.offset(), 14u);
  EXPECT_NE(e.problem().find("binary data"), std::string::npos);
}

TEST(ParseJsonl, Utf16CorpusIsDecodedFirst) {
  // {"text":"Dağ"} in UTF-16LE with a BOM.
  const std::u16string text = u"{\"id\":\"x\",\"text\":\"Da\u011F\"}\n";
  std::string bytes = "\xFF\xFE";
  for (const char16_t c : text) {
    bytes.push_back(static_cast<char>(c & 0xFF));
    bytes.push_back(static_cast<char>(c >> 8));
  }
  ASSERT_TRUE(looks_like_jsonl("corpus.jsonl", bytes));
  const auto docs = parse_jsonl(bytes, {}, "corpus.jsonl");
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].text, "Dağ");
  EXPECT_EQ(docs[0].encoding, "UTF-16LE");
}

// ---- looks_like_jsonl ------------------------------------------------------------------------------

TEST(LooksLikeJsonl, ExtensionOrContent) {
  EXPECT_TRUE(looks_like_jsonl("corpus.jsonl", "anything"));
  EXPECT_TRUE(looks_like_jsonl("dir/Corpus.NDJSON", ""));
  EXPECT_TRUE(looks_like_jsonl("corpus.txt", "{\"id\": 1, \"text\": \"a\"}\n{\"id\": 2"));
  EXPECT_TRUE(looks_like_jsonl("-", "\xEF\xBB\xBF  \n{\"text\": \"a\"}\r\n"));
  EXPECT_TRUE(
      looks_like_jsonl("big.txt", "{\"text\": \"a very long first line that does not end within the he"));
  EXPECT_FALSE(looks_like_jsonl("interview.txt", "Host: What happened?\n"));
  EXPECT_FALSE(looks_like_jsonl("note.txt", "{Editor's note: translated from Russian}\nHost: ...\n"));
  EXPECT_FALSE(looks_like_jsonl("note.txt", "{\"Quoted\" in braces, then more text\nHost: ...\n"));
  EXPECT_TRUE(looks_like_jsonl("empty-object.txt", "{}\n"));
  EXPECT_FALSE(looks_like_jsonl("corpus.json", "[{\"text\": \"a\"}]\n"));
  EXPECT_FALSE(looks_like_jsonl("empty.txt", ""));
}

// ---- read_file_bytes -------------------------------------------------------------------------------

TEST(ReadFileBytes, ReadsExactBytes) {
  const fs::path p = kEncodings / "ru.utf-16le-bom.txt";
  const std::string bytes = read_file_bytes(p.string());
  EXPECT_EQ(bytes.size(), fs::file_size(p));
  EXPECT_EQ(bytes, slurp(p));
}

TEST(ReadFileBytes, MissingOrDirectory) {
  TempDir dir;
  const std::string missing = (dir.path() / "nope.txt").string();
  InputError e = expect_input_error([&] { read_file_bytes(missing); });
  EXPECT_EQ(e.source(), missing);
  EXPECT_EQ(e.problem(), "no such file");
  e = expect_input_error([&] { read_file_bytes((dir.path() / "nope" / "deeper.txt").string()); });
  EXPECT_EQ(e.problem(), "no such file");

  e = expect_input_error([&] { read_file_bytes(dir.path().string()); });
  EXPECT_EQ(e.source(), dir.path().string());
  EXPECT_NE(e.problem().find("directory"), std::string::npos);
}

TEST(ReadFileBytes, Unreadable) {
  TempDir dir;
  const fs::path locked = dir.write("locked.txt", "secret");
  fs::permissions(locked, fs::perms::none);
  if (std::ifstream(locked).good()) GTEST_SKIP() << "running with privileges that ignore file permissions";
  const InputError e = expect_input_error([&] { read_file_bytes(locked.string()); });
  EXPECT_EQ(e.source(), locked.string());
  EXPECT_NE(e.problem().find("cannot open"), std::string::npos) << e.problem();
}

// ---- load_documents --------------------------------------------------------------------------------

TEST(LoadDocuments, FilesAndCorporaInOrderWithUniqueIds) {
  const std::string ru = (kEncodings / "ru.windows-1251.txt").string();
  const std::string corpus = (kJsonl / "good.jsonl").string();
  TempDir dir;
  // Same base name as `ru`, in another directory; and a corpus reusing ids.
  const fs::path other_ru = dir.write("ru.windows-1251.txt", slurp(kEncodings / "tr.utf8.txt"));
  const fs::path dup =
      dir.write("dup.jsonl", "{\"id\": \"ru-1\", \"text\": \"a\"}\n{\"id\": \"ru-1\", \"text\": \"b\"}\n");

  const std::vector<Document> docs = load_documents({ru, corpus, other_ru.string(), dup.string()}, {});
  ASSERT_EQ(docs.size(), 1u + 5u + 1u + 2u);
  EXPECT_EQ(docs[0].id, "ru.windows-1251.txt");
  EXPECT_EQ(docs[0].source, ru);
  EXPECT_EQ(docs[0].encoding, "windows-1251");
  EXPECT_EQ(docs[0].lang, Lang::ru);
  EXPECT_EQ(docs[0].text, slurp(kEncodings / "ru.utf8.txt"));
  EXPECT_EQ(docs[1].id, "euractiv-2020-05-14");
  EXPECT_EQ(docs[3].id, "ru-1");
  EXPECT_EQ(docs[6].id, "ru.windows-1251.txt#2");
  EXPECT_EQ(docs[6].lang, Lang::tr);
  EXPECT_EQ(docs[7].id, "ru-1#2");
  EXPECT_EQ(docs[8].id, "ru-1#3");
  EXPECT_EQ(docs[8].text, "b");
}

TEST(LoadDocuments, StandardInputOnce) {
  {
    FakeStdin in("Host: What happened on the border?\nPresident Ilham Aliyev: It was a provocation.\n");
    const std::vector<Document> docs = load_documents({"-"}, {});
    ASSERT_EQ(docs.size(), 1u);
    EXPECT_EQ(docs[0].id, "-");
    EXPECT_EQ(docs[0].source, "<stdin>");
    EXPECT_EQ(docs[0].lang, Lang::en);
  }
  {
    FakeStdin in("{\"id\": \"q\", \"text\": \"Bu bir provokasyondu.\"}\n");
    const std::vector<Document> docs = load_documents({"-"}, {});
    ASSERT_EQ(docs.size(), 1u);
    EXPECT_EQ(docs[0].id, "q");
    EXPECT_EQ(docs[0].source, "<stdin>:1");
  }
  {
    FakeStdin in("text");
    EXPECT_THROW(load_documents({"-", "-"}, {}), UsageError);
  }
  {
    FakeStdin in("");
    const InputError e = expect_input_error([] { load_documents({"-"}, {}); });
    EXPECT_EQ(e.source(), "<stdin>");
    EXPECT_EQ(e.problem(), "file is empty");
  }
}

TEST(LoadDocuments, BadFilesAreNamed) {
  TempDir dir;
  const fs::path empty = dir.write("empty.txt", "");
  InputError e = expect_input_error([&] { load_documents({empty.string()}, {}); });
  EXPECT_EQ(e.source(), empty.string());
  EXPECT_EQ(e.problem(), "file is empty");

  const fs::path binary = dir.write("photo.jpg", std::string("\xFF\xD8\xFF\xE0\0\x10JFIF", 10));
  e = expect_input_error([&] { load_documents({binary.string()}, {}); });
  EXPECT_EQ(e.source(), binary.string());
  EXPECT_EQ(e.offset(), 4u);

  const fs::path ok = dir.write("ok.txt", "fine");
  e = expect_input_error([&] { load_documents({ok.string(), (dir.path() / "missing.txt").string()}, {}); });
  EXPECT_EQ(e.source(), (dir.path() / "missing.txt").string());

  // An explicit encoding applies to every input.
  DecodeOptions koi8;
  koi8.encoding = "koi8-r";
  const auto docs = load_documents({(kEncodings / "ru_koi8.koi8-r.txt").string()}, koi8);
  EXPECT_EQ(docs[0].text, slurp(kEncodings / "ru_koi8.utf8.txt"));
}

}  // namespace
}  // namespace quotekit
