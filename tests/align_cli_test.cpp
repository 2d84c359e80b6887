// End-to-end tests of `quotekit align` and `quotekit lexicon`: the lexicon built on first use at
// $QUOTEKIT_LEXICON, the three output formats (text, hunalign-style TSV, JSONL with spans that
// round-trip into the inputs), the length fallback, and exit codes. The lexicon needs Debian's
// dictd dictionaries (skipped without them); the WMT test reads the shared corpora.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "../bench/xling_eval.hpp"
#include "cli_helpers.hpp"
#include "lexicon_fixture.hpp"
#include "quotekit/lexicon.hpp"

namespace {

namespace fs = std::filesystem;
using namespace quotekit::cli_testing;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kDir = std::string(QUOTEKIT_TESTDATA) + "/crosslingual/";
const std::string kRu = kDir + "visit.ru.txt";
const std::string kTr = kDir + "visit.tr.txt";
const std::string kEn = kDir + "visit.en.txt";

using quotekit::testing_lexicon::dictionaries_installed;

// Every test but the first-use one runs with QUOTEKIT_LEXICON naming the lexicon the test
// binary shares between its processes (lexicon_fixture.hpp).
fs::path lexicon_path() {
  static const fs::path p = [] {
    const fs::path shared = quotekit::testing_lexicon::shared_lexicon_path();
    if (!shared.empty()) ::setenv("QUOTEKIT_LEXICON", shared.c_str(), 1);
    return shared;
  }();
  return p;
}

#define REQUIRE_LEXICON()                                                                             \
  if (!dictionaries_installed())                                                                      \
    GTEST_SKIP() << "dictd dictionaries not installed: install mueller7-dict, dict-freedict-eng-tur " \
                    "and dict-freedict-tur-eng (scripts/setup.sh)";                                   \
  ASSERT_TRUE(fs::exists(lexicon_path()))

std::vector<nlohmann::json> records(const std::string& out) {
  std::vector<nlohmann::json> r;
  for (const auto& line : lines_of(out)) r.push_back(nlohmann::json::parse(line));
  return r;
}

// The (src, tgt) index lists of JSONL beads, as "0/0 1,2/1 3/- 4/2".
std::string shape(const std::vector<nlohmann::json>& beads) {
  std::string s;
  auto list = [](const nlohmann::json& a) {
    std::string l;
    for (const auto& x : a) l += (l.empty() ? "" : ",") + std::to_string(x.get<int>());
    return l.empty() ? std::string("-") : l;
  };
  for (const auto& b : beads) s += (s.empty() ? "" : " ") + list(b["src"]) + "/" + list(b["tgt"]);
  return s;
}

// The lexicon tests' miniature dictd fixtures (testdata/lexicon) linked under the names of the
// real dictionaries, in a fresh directory: builds from it are instant.
fs::path mini_dictd_dir() {
  const fs::path fixtures = fs::path(QUOTEKIT_TESTDATA) / "lexicon";
  const fs::path dir = temp_path("dictd");
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& [link, target] : std::vector<std::pair<std::string, std::string>>{
           {"mueller7.index", "mueller-mini.index"},
           {"mueller7.dict.dz", "mueller-mini.dict.dz"},
           {"freedict-eng-tur.index", "freedict-mini-eng-tur.index"},
           {"freedict-eng-tur.dict.dz", "freedict-mini-eng-tur.dict.dz"},
           {"freedict-tur-eng.index", "freedict-mini-tur-eng.index"},
           {"freedict-tur-eng.dict", "freedict-mini-tur-eng.dict"}})
    fs::create_symlink(fixtures / target, dir / link);
  return dir;
}

// With QUOTEKIT_LEXICON naming a file that does not exist yet, the first `quotekit align` builds
// the lexicon there (a note on stderr); the second finds it. The dictionaries are the miniature
// ones ($QUOTEKIT_DICTD_DIR), so the test is quick and needs no installed package.
TEST(AlignCli, BuildsTheLexiconOnFirstUse) {
  const fs::path dictd = mini_dictd_dir();
  const fs::path fresh = temp_path("first-use") / "quotekit" / "lexicon.bin";
  fs::remove_all(temp_path("first-use"));
  const char* saved = std::getenv("QUOTEKIT_LEXICON");
  const std::string saved_value = saved ? saved : "";
  ::setenv("QUOTEKIT_LEXICON", fresh.c_str(), 1);
  ::setenv("QUOTEKIT_DICTD_DIR", dictd.c_str(), 1);
  const Result r = run({"align", kRu, kEn});
  const Result again = run({"align", kRu, kEn});
  ::unsetenv("QUOTEKIT_DICTD_DIR");
  if (saved) {
    ::setenv("QUOTEKIT_LEXICON", saved_value.c_str(), 1);
  } else {
    ::unsetenv("QUOTEKIT_LEXICON");
  }
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("building the bilingual lexicon at " + fresh.string()));
  ASSERT_TRUE(fs::exists(fresh));  // directories created as needed
  EXPECT_GT(fs::file_size(fresh), 0u);
  EXPECT_EQ(again.status, 0);
  EXPECT_THAT(again.err, Not(HasSubstr("building")));
  EXPECT_EQ(again.out, r.out);
  fs::remove_all(temp_path("first-use"));
  fs::remove_all(dictd);
}

TEST(AlignCli, JsonlBeadsSpansAndParts) {
  REQUIRE_LEXICON();
  for (const std::string& src : {kRu, kTr}) {
    SCOPED_TRACE(src);
    const Result r = run({"align", "--format", "jsonl", src, kEn});
    ASSERT_EQ(r.status, 0) << r.err;
    const auto beads = records(r.out);
    // See testdata/crosslingual/README.md: sentences 2 and 3 joined, 4 left out.
    EXPECT_EQ(shape(beads), "0/0 1,2/1 3/- 4/2");
    const std::string src_text = read_all(src), tgt_text = read_all(kEn);
    for (const auto& b : beads) {
      for (const char* f : {"src_doc", "tgt_doc", "kind", "src", "src_spans", "src_text", "tgt", "tgt_spans",
                            "tgt_text", "score"})
        EXPECT_TRUE(b.contains(f)) << f << " missing in " << b.dump();
      EXPECT_EQ(b["method"], "lexicon");
      // Spans round-trip: the texts are the inputs' bytes there (joined by a space).
      for (const auto& [side, text] : {std::pair{"src", &src_text}, std::pair{"tgt", &tgt_text}}) {
        std::string joined;
        for (const auto& sp : b[std::string(side) + "_spans"]) {
          const auto s = sp[0].get<std::size_t>(), e = sp[1].get<std::size_t>();
          ASSERT_LE(e, text->size());
          joined += (joined.empty() ? "" : " ") + text->substr(s, e - s);
        }
        EXPECT_EQ(joined, b[std::string(side) + "_text"].get<std::string>());
      }
      const double score = b["score"].get<double>();
      if (b["src"].empty() || b["tgt"].empty()) {
        EXPECT_EQ(score, 0.0);
        EXPECT_FALSE(b.contains("parts"));
      } else {
        EXPECT_GT(score, 0.2);
        EXPECT_LE(score, 1.0);
        ASSERT_TRUE(b.contains("parts"));
        EXPECT_NEAR(b["parts"]["total"].get<double>(), score, 1e-4);
      }
    }
    EXPECT_EQ(beads[1]["kind"], "2-1");
    EXPECT_EQ(beads[2]["kind"], "1-0");
    // Алиев / Aliyev, Ильхам / Ilham, Москву / Moscow; the Turkish title "Cumhurbaşkanı" is a
    // capitalized word no dictionary knows.
    EXPECT_GE(beads[0]["parts"]["names"].get<double>(), src == kRu ? 1.0 : 0.75);
    EXPECT_EQ(beads[0]["parts"]["numbers"].get<double>(), 1.0);  // 5 мая / May 5
  }
}

TEST(AlignCli, TsvIsHunalignsTextFormat) {
  REQUIRE_LEXICON();
  const Result r = run({"align", "-f", "tsv", "--src-lang", "ru", "--tgt-lang", "en", kRu, kEn});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 4u);
  std::vector<std::vector<std::string>> cols;
  for (const auto& line : lines) {
    std::vector<std::string> c;
    std::size_t pos = 0;
    for (std::size_t tab; (tab = line.find('\t', pos)) != std::string::npos; pos = tab + 1)
      c.push_back(line.substr(pos, tab - pos));
    c.push_back(line.substr(pos));
    ASSERT_EQ(c.size(), 3u) << line;
    cols.push_back(c);
  }
  const auto ru = lines_of(read_all(kRu));
  const auto en = lines_of(read_all(kEn));
  EXPECT_EQ(cols[0][0], ru[0]);
  EXPECT_EQ(cols[0][1], en[0]);
  EXPECT_EQ(cols[1][0], ru[1] + " ~~~ " + ru[2]);  // two sentences of a segment
  EXPECT_EQ(cols[1][1], en[1]);
  EXPECT_EQ(cols[2][0], ru[3]);
  EXPECT_EQ(cols[2][1], "");  // left out of the translation
  EXPECT_EQ(std::stod(cols[2][2]), 0.0);
  for (const auto& c : cols) {
    const double score = std::stod(c[2]);
    EXPECT_GE(score, 0.0);
    EXPECT_LE(score, 1.0);
  }
}

TEST(AlignCli, TextFormatAndSummary) {
  REQUIRE_LEXICON();
  const Result r = run({"align", kRu, kEn});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("2-1"));
  EXPECT_THAT(r.out, HasSubstr("S1-2 [107,208) [209,280)"));
  EXPECT_THAT(r.out, HasSubstr("ru │ Погода в столице была холодной."));
  EXPECT_THAT(r.out, HasSubstr("en │ The visit will last two days."));
  EXPECT_THAT(r.err, HasSubstr("4 beads (2 one-to-one, 1 merged, 1 omitted, 0 added), method lexicon"));
  EXPECT_EQ(run({"align", "-q", kRu, kEn}).err, "");
}

TEST(AlignCli, LengthMethodAndPairsWithoutADictionary) {
  REQUIRE_LEXICON();
  // ru-tr: no dictionary; the note says so even under --quiet, and the beads come from lengths.
  const Result rt = run({"align", "-q", "-f", "jsonl", kRu, kTr});
  ASSERT_EQ(rt.status, 0) << rt.err;
  EXPECT_THAT(rt.err, HasSubstr("no ru-tr dictionary"));
  const auto beads = records(rt.out);
  EXPECT_EQ(shape(beads), "0/0 1/1 2/2 3/3 4/4");
  for (const auto& b : beads) EXPECT_EQ(b["method"], "length");
  // --method length asks for no lexicon at all: it works with a lexicon path that does not exist.
  const std::string saved = std::getenv("QUOTEKIT_LEXICON");
  ::setenv("QUOTEKIT_LEXICON", temp_path("absent.bin").c_str(), 1);
  const Result len = run({"align", "--method", "length", "-f", "jsonl", kRu, kEn});
  ::setenv("QUOTEKIT_LEXICON", saved.c_str(), 1);
  ASSERT_EQ(len.status, 0) << len.err;
  EXPECT_THAT(len.err, Not(HasSubstr("building")));
  EXPECT_FALSE(fs::exists(temp_path("absent.bin")));
  for (const auto& b : records(len.out)) EXPECT_EQ(b["method"], "length");
}

TEST(AlignCli, ExitCodes) {
  REQUIRE_LEXICON();
  EXPECT_EQ(run({"align", kRu}).status, 2);                             // TGT missing
  EXPECT_EQ(run({"align", "--src-lang", "xx", kRu, kEn}).status, 2);    // bad language
  EXPECT_EQ(run({"align", "--method", "neural", kRu, kEn}).status, 2);  // bad method
  EXPECT_EQ(run({"align", "-f", "html", kRu, kEn}).status, 2);          // bad format
  const Result missing = run({"align", kRu, kDir + "no-such-file.txt"});
  EXPECT_EQ(missing.status, 3);
  EXPECT_THAT(missing.err, HasSubstr("no-such-file.txt"));
  const Result no_lexicon = run({"align", "--lexicon", temp_path("nope.bin").string(), kRu, kEn});
  EXPECT_EQ(no_lexicon.status, 3);
  EXPECT_THAT(no_lexicon.err, HasSubstr("quotekit lexicon build --out"));
  const fs::path jsonl =
      write_temp("two.jsonl", "{\"id\":\"a\",\"text\":\"One.\"}\n{\"id\":\"b\",\"text\":\"Two.\"}\n");
  const Result two = run({"align", jsonl.string(), kEn});
  fs::remove(jsonl);
  EXPECT_EQ(two.status, 2);
  EXPECT_THAT(two.err, HasSubstr("must hold one document"));
}

// A real WMT21 news document (rus.err.ee.56473) with its English reference, one segment a line,
// the fifth reference segment deleted: that source segment comes back as an omission, and
// everything else in order.
TEST(AlignCli, RealDocumentWithAnOmission) {
  REQUIRE_LEXICON();
  const fs::path xml = fs::path(QUOTEKIT_SHARED_CORPORA) / "wmt-ru-en" / "newstest2021.ru-en.all.xml";
  if (!fs::exists(xml)) GTEST_SKIP() << xml << " not found (shared corpora absent)";
  const auto set = quotekit::eval::read_wmt_xml(xml, "wmt21", quotekit::Lang::ru, quotekit::Lang::en);
  const auto doc = std::find_if(set.docs.begin(), set.docs.end(),
                                [](const auto& d) { return d.id == "rus.err.ee.56473"; });
  ASSERT_NE(doc, set.docs.end());
  std::string ru, en;
  for (std::size_t i = 0; i < doc->src.size(); ++i) {
    ru += doc->src[i] + "\n";
    if (i != 4) en += doc->tgt[i] + "\n";
  }
  const fs::path ru_path = write_temp("wmt.ru.txt", ru), en_path = write_temp("wmt.en.txt", en);
  const Result r = run({"align", "-f", "jsonl", ru_path.string(), en_path.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  bool omitted = false;
  std::size_t next_src = 0, next_tgt = 0;
  for (const auto& b : records(r.out)) {
    for (const auto& i : b["src"]) EXPECT_EQ(i.get<std::size_t>(), next_src++);
    for (const auto& j : b["tgt"]) EXPECT_EQ(j.get<std::size_t>(), next_tgt++);
    if (b["tgt"].empty() &&
        b["src_text"].get<std::string>().find(doc->src[4].substr(0, 40)) != std::string::npos)
      omitted = true;
  }
  EXPECT_TRUE(omitted) << r.out;
}

TEST(LexiconCli, InfoCoverageAndBuildErrors) {
  REQUIRE_LEXICON();
  const Result info = run({"lexicon", "info", "-f", "jsonl"});
  ASSERT_EQ(info.status, 0) << info.err;
  const auto j = nlohmann::json::parse(info.out);
  EXPECT_EQ(j["path"], lexicon_path().string());
  EXPECT_GT(j["stems"]["ru"].get<int>(), 50000);
  EXPECT_EQ(j["directions"].size(), 4u);  // en→ru, ru→en, en→tr, tr→en

  const Result cov = run({"lexicon", "coverage", "-f", "jsonl", kRu, kTr, kEn});
  ASSERT_EQ(cov.status, 0) << cov.err;
  const auto lines = records(cov.out);
  ASSERT_EQ(lines.size(), 4u);  // ru→en, tr→en, en→ru, en→tr
  EXPECT_EQ(lines[0]["from"], "ru");
  EXPECT_EQ(lines[3]["to"], "tr");
  for (const auto& l : lines) {
    EXPECT_GT(l["tokens"].get<int>(), 10);
    EXPECT_GT(l["ratio"].get<double>(), 0.5);
  }
  EXPECT_THAT(run({"lexicon", "coverage", kRu}).out, HasSubstr("ru→en"));

  EXPECT_EQ(run({"lexicon"}).status, 2);
  EXPECT_EQ(run({"lexicon", "build", "--user-lexicon", "names.tsv"}).status, 2);
  EXPECT_EQ(run({"lexicon", "build", "--user-lexicon", "names.tsv:ru-ru"}).status, 2);
  const Result no_dicts = run(
      {"lexicon", "build", "--dictd-dir", temp_path("empty").string(), "--out", temp_path("x.bin").string()});
  EXPECT_EQ(no_dicts.status, 3);
  EXPECT_THAT(no_dicts.err, HasSubstr("mueller7-dict"));
}

// `lexicon build` over the miniature dictionaries: quick, and independent of the installed ones.
TEST(LexiconCli, BuildWithAUserLexicon) {
  const fs::path dir = mini_dictd_dir();
  const fs::path user = write_temp("names.tsv", "# places\nMoscow\tМосква\nGermany\tГермания\n");
  const fs::path out = temp_path("built.bin");
  const Result r = run({"lexicon", "build", "-f", "jsonl", "--dictd-dir", dir.string(), "--out", out.string(),
                        "--user-lexicon", user.string() + ":en-ru"});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["dictionaries"].size(), 3u);
  EXPECT_EQ(j["dictionaries"][0]["name"], "mueller7");
  EXPECT_GT(j["dictionaries"][0]["kept"].get<int>(), 0);
  EXPECT_EQ(j["user_lexicons"][0]["lines"], 2);
  EXPECT_GE(j["user_lexicons"][0]["pairs"].get<int>(), 2);
  EXPECT_EQ(j["bytes"].get<std::uint64_t>(), fs::file_size(out));
  const auto lex = quotekit::Lexicon::load(out);
  EXPECT_TRUE(lex.translates(quotekit::Lang::en, "moscow", quotekit::Lang::ru, "москв").has_value());
  // The text summary names every dictionary and the user list.
  const Result text = run({"lexicon", "build", "--dictd-dir", dir.string(), "--out", out.string(),
                           "--user-lexicon", user.string() + ":en-ru"});
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_THAT(text.out, HasSubstr("mueller7 (en→ru)"));
  EXPECT_THAT(text.out, HasSubstr("names.tsv (en→ru): 2 lines"));
  fs::remove(out);
  fs::remove_all(dir);
}

}  // namespace

// `quotekit search --cross-lingual`: a Russian and a Turkish sentence find their English
// rendering first; the record carries the cross-lingual score's parts and a span into the file.
namespace {
TEST(SearchCrossLingualCli, RussianAndTurkishQueriesFindTheirEnglishRendering) {
  REQUIRE_LEXICON();
  const std::string en = read_all(kEn);
  for (const std::string& src : {kRu, kTr}) {
    const std::string query = lines_of(read_all(src)).at(0);
    const Result r = run({"search", "--cross-lingual", "--lexicon", lexicon_path().string(), "-f", "jsonl",
                          "--query", query, kEn});
    ASSERT_EQ(r.status, 0) << r.err;
    const auto hits = records(r.out);
    ASSERT_FALSE(hits.empty());
    const auto& top = hits.front();
    EXPECT_EQ(top.at("rank"), 1);
    EXPECT_THAT(top.at("text").get<std::string>(), HasSubstr("Aliyev arrived in Moscow")) << src;
    EXPECT_GT(top.at("score_parts").at("coverage_src").get<double>(), 0.3) << src;
    const auto start = top.at("start").get<std::size_t>(), end = top.at("end").get<std::size_t>();
    EXPECT_EQ(en.substr(start, end - start), top.at("text").get<std::string>());
    for (std::size_t k = 1; k < hits.size(); ++k)
      EXPECT_LE(hits[k].at("score").get<double>(), top.at("score").get<double>());
  }
  // Query language that cannot be told: a usage error.
  EXPECT_EQ(run({"search", "--cross-lingual", "--query-lang", "xx", "--query", "x", kEn}).status, 2);
}
}  // namespace
