// End-to-end tests of `quotekit neardup` and `quotekit search` on the bundled sample corpus
// (testdata/corpus/interviews-2020.jsonl: the 26 interviews of the interviews corpus's 001, one
// JSONL record each, with outlets and, where the text states them, dates).
#include <cctype>

#include "cli_helpers.hpp"

namespace {

namespace fs = std::filesystem;
using namespace cli_test;
using ::testing::HasSubstr;
using ::testing::Not;
using json = nlohmann::json;

const std::string kInterviews = (kCorpus / "interviews-2020.jsonl").string();

std::vector<json> jsonl(const std::string& out) {
  std::vector<json> records;
  for (const std::string& line : lines_of(out)) records.push_back(json::parse(line));
  return records;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The JSON Lines corpus's texts and metadata, by id.
struct DocMeta {
  std::string outlet, date;
};
std::map<std::string, DocMeta> corpus_meta() {
  std::map<std::string, DocMeta> meta;
  for (const std::string& line : lines_of(read_all(kInterviews))) {
    const json j = json::parse(line);
    auto field = [&](const char* name) {
      return j.contains(name) && j[name].is_string() ? j[name].get<std::string>() : std::string();
    };
    meta[j.at("id").get<std::string>()] = {field("outlet"), field("date")};
  }
  return meta;
}

// Runs neardup once on the sample corpus (JSONL), shared by the tests that only read it.
const Result& neardup_jsonl() {
  static const Result r = run({"neardup", "--format", "jsonl", kInterviews});
  return r;
}

TEST(CliNeardup, JsonlRecordsCarryTheContractAndSpansRoundTrip) {
  const Result& r = neardup_jsonl();
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("talking point"));
  EXPECT_EQ(r.err.find('\r'), std::string::npos) << "no progress line when stderr is not a terminal";
  const auto texts = corpus_texts();
  const auto meta = corpus_meta();
  const std::vector<json> tps = jsonl(r.out);
  ASSERT_GE(tps.size(), 20u);
  std::set<std::string> ids;
  std::uint64_t previous_documents = ~std::uint64_t{0};
  for (const json& tp : tps) {
    for (const char* field : {"id", "canonical", "size", "documents", "outlets", "outlet_names", "first_date",
                              "last_date", "boilerplate", "members"}) {
      ASSERT_TRUE(tp.contains(field)) << "missing " << field << " in " << tp.dump().substr(0, 200);
    }
    const std::string id = tp["id"].get<std::string>();
    EXPECT_EQ(id.size(), 16u);
    EXPECT_TRUE(ids.insert(id).second) << "duplicate id " << id;
    EXPECT_TRUE(tp["boilerplate"].is_null());
    check_record(tp["canonical"], texts);
    // Largest first: documents never increase down the list.
    const auto documents = tp["documents"].get<std::uint64_t>();
    EXPECT_LE(documents, previous_documents);
    previous_documents = documents;
    EXPECT_GE(documents, 2u);

    const json& members = tp["members"];
    ASSERT_TRUE(members.is_array());
    EXPECT_EQ(members.size(), tp["size"].get<std::size_t>());
    std::set<std::string> docs, outlets;
    std::string first, last;
    bool canonical_is_member = false;
    for (const json& m : members) {
      const std::string doc = check_record(m, texts);
      docs.insert(doc);
      ASSERT_TRUE(m.contains("outlet") && m.contains("date") && m.contains("score")) << m.dump();
      const DocMeta& dm = meta.at(doc);
      EXPECT_EQ(m["outlet"].is_null() ? "" : m["outlet"].get<std::string>(), dm.outlet);
      EXPECT_EQ(m["date"].is_null() ? "" : m["date"].get<std::string>(), dm.date);
      if (!dm.outlet.empty()) outlets.insert(dm.outlet);
      if (!dm.date.empty()) {
        if (first.empty() || dm.date < first) first = dm.date;
        if (last.empty() || dm.date > last) last = dm.date;
      }
      const double score = m["score"].get<double>();
      EXPECT_GT(score, 0.0);
      EXPECT_LE(score, 1.0);
      if (m["doc"] == tp["canonical"]["doc"] && m["index"] == tp["canonical"]["index"])
        canonical_is_member = true;
    }
    EXPECT_TRUE(canonical_is_member) << id;
    EXPECT_EQ(docs.size(), documents);
    EXPECT_EQ(outlets.size(), tp["outlets"].get<std::size_t>());
    EXPECT_EQ(tp["outlet_names"].size(), outlets.size());
    EXPECT_EQ(tp["first_date"].is_null() ? "" : tp["first_date"].get<std::string>(), first);
    EXPECT_EQ(tp["last_date"].is_null() ? "" : tp["last_date"].get<std::string>(), last);
  }
}

TEST(CliNeardup, SameInputSameOutput) {
  const Result& a = neardup_jsonl();
  const Result b = run({"neardup", "--format", "jsonl", "--threads", "1", kInterviews});
  ASSERT_EQ(a.status, 0) << a.err;
  ASSERT_EQ(b.status, 0) << b.err;
  EXPECT_EQ(a.out, b.out);  // byte for byte, on one thread or several
}

// Adding a document (sorted after the others: no date, a late id) keeps the ids of the talking
// points found before, except where the new statements restructure a group.
TEST(CliNeardup, AddingADocumentKeepsTheIds) {
  const Result& before = neardup_jsonl();
  ASSERT_EQ(before.status, 0) << before.err;
  json extra;
  extra["id"] = "zzz-added";
  extra["outlet"] = "Kommersant";
  extra["text"] = read_all(kCorpus / "000_kommersant_hajiyev.txt");
  const fs::path added = write_temp("added.jsonl", extra.dump() + "\n");
  const Result after = run({"neardup", "--format", "jsonl", kInterviews, added.string()});
  fs::remove(added);
  ASSERT_EQ(after.status, 0) << after.err;
  std::set<std::string> old_ids, new_ids;
  for (const json& tp : jsonl(before.out)) old_ids.insert(tp["id"].get<std::string>());
  bool joined = false;
  for (const json& tp : jsonl(after.out)) {
    new_ids.insert(tp["id"].get<std::string>());
    for (const json& m : tp["members"]) joined = joined || m["doc"] == "zzz-added";
  }
  EXPECT_TRUE(joined) << "the added interview repeats talking points; some should join";
  std::size_t kept = 0;
  for (const std::string& id : old_ids) kept += new_ids.count(id);
  EXPECT_GE(static_cast<double>(kept), 0.9 * static_cast<double>(old_ids.size()))
      << kept << " of " << old_ids.size() << " ids kept";
}

TEST(CliNeardup, NothingFoundExitsOne) {
  const fs::path a = write_temp("a.txt", "The river froze early this winter.\nOur cat sleeps all day.\n");
  const fs::path b = write_temp("b.txt", "Stock prices rose on Monday.\nThe museum opens a new hall.\n");
  const Result r = run({"neardup", a.string(), b.string()});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("0 talking points"));
  const Result quiet = run({"neardup", "--quiet", a.string(), b.string()});
  EXPECT_EQ(quiet.status, 1);
  EXPECT_EQ(quiet.err, "");
  fs::remove(a);
  fs::remove(b);
  const Result too_many = run({"neardup", "--min-docs", "1000", kInterviews});
  EXPECT_EQ(too_many.status, 1) << too_many.err;
}

TEST(CliNeardup, SpeakerFilterKeepsOnlyThatSpeaker) {
  const Result r = run({"neardup", "--format", "jsonl", "--speaker", "aliyev", kInterviews});
  ASSERT_EQ(r.status, 0) << r.err;
  std::size_t members = 0;
  for (const json& tp : jsonl(r.out)) {
    for (const json& m : tp["members"]) {
      ++members;
      ASSERT_TRUE(m["speaker"].is_string()) << m.dump();
      EXPECT_THAT(lower(m["speaker"].get<std::string>()), HasSubstr("aliyev"));
    }
  }
  EXPECT_GT(members, 50u);
  // Without the filter, other speakers (hosts, correspondents) take part too.
  bool other = false;
  for (const json& tp : jsonl(neardup_jsonl().out)) {
    for (const json& m : tp["members"]) {
      other = other || m["speaker"].is_null() ||
              lower(m["speaker"].get<std::string>()).find("aliyev") == std::string::npos;
    }
  }
  EXPECT_TRUE(other);
}

TEST(CliNeardup, AnswersOnlyLeavesOutQuestions) {
  auto questions = [](const std::string& out) {
    std::size_t n = 0;
    for (const json& tp : jsonl(out)) {
      for (const json& m : tp["members"]) n += m["role"] == "question";
    }
    return n;
  };
  ASSERT_EQ(neardup_jsonl().status, 0);
  EXPECT_GT(questions(neardup_jsonl().out), 0u);
  const Result r = run({"neardup", "--format", "jsonl", "--answers-only", kInterviews});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(questions(r.out), 0u);
}

TEST(CliNeardup, KeepBoilerplateLabelsIt) {
  const Result r = run({"neardup", "--format", "jsonl", "--keep-boilerplate", kInterviews});
  ASSERT_EQ(r.status, 0) << r.err;
  std::size_t labelled = 0;
  for (const json& tp : jsonl(r.out)) labelled += !tp["boilerplate"].is_null();
  EXPECT_GT(labelled, 0u);
}

TEST(CliNeardup, TextReportIsReadable) {
  const Result r = run({"neardup", kInterviews});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto lines = lines_of(r.out);
  ASSERT_GT(lines.size(), 10u);
  EXPECT_THAT(lines[0], ::testing::StartsWith("#1  "));
  EXPECT_THAT(lines[0], HasSubstr("documents"));
  EXPECT_THAT(lines[1], HasSubstr("canonical"));
  EXPECT_THAT(r.out, HasSubstr("│"));
}

TEST(CliNeardup, HtmlIsOneSelfContainedEscapedPage) {
  // Two documents repeating a sentence with markup-like characters.
  const std::string sentence =
      "The <b>ceasefire</b> & the \"humanitarian truce\" were violated by Armenia within minutes of their "
      "start.";
  const fs::path a = write_temp("h1.txt", sentence + "\nThe weather was fine that day in the capital.\n");
  const fs::path b = write_temp("h2.txt", "Stock prices rose on Monday.\n" + sentence + "\n");
  const Result r = run({"neardup", "--format", "html", a.string(), b.string(), kInterviews});
  fs::remove(a);
  fs::remove(b);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, ::testing::StartsWith("<!DOCTYPE html>"));
  EXPECT_THAT(r.out, ::testing::EndsWith("</html>\n"));
  EXPECT_THAT(r.out, HasSubstr("<meta charset=\"utf-8\">"));
  for (const char* external :
       {"http://", "https://", "src=", "<link", "@import", "url(", "<script", "<iframe"}) {
    EXPECT_THAT(r.out, Not(HasSubstr(external))) << external;
  }
  EXPECT_THAT(r.out, HasSubstr("The &lt;b&gt;ceasefire&lt;/b&gt; &amp; the &quot;humanitarian truce&quot;"));
  EXPECT_THAT(r.out, Not(HasSubstr("<b>ceasefire")));
  EXPECT_THAT(r.out, HasSubstr("<mark>"));
  // Every talking point of the JSONL report has its section.
  const Result j = run({"neardup", "--format", "jsonl", kInterviews});
  ASSERT_EQ(j.status, 0);
  for (const json& tp : jsonl(j.out)) {
    EXPECT_THAT(r.out, HasSubstr("id=\"tp-" + tp["id"].get<std::string>() + "\""));
  }
}

TEST(CliNeardup, HelpDocumentsEveryOption) {
  const Result r = run({"neardup", "--help"});
  EXPECT_EQ(r.status, 0) << r.err;
  for (const char* opt : {"--threshold", "--min-docs", "--speaker", "--answers-only", "--keep-boilerplate",
                          "--format", "html", "--quiet", "--lang", "--encoding", "--lossy", "Exit codes"}) {
    EXPECT_THAT(r.out, HasSubstr(opt));
  }
}

TEST(CliNeardup, BadValuesAreUsageErrors) {
  EXPECT_EQ(run({"neardup", "--threshold", "1.5", kInterviews}).status, 2);
  EXPECT_EQ(run({"neardup", "--threshold", "abc", kInterviews}).status, 2);
  EXPECT_EQ(run({"neardup", "--format", "pdf", kInterviews}).status, 2);
  EXPECT_EQ(run({"neardup", "--min-docs", "0", kInterviews}).status, 2);
  EXPECT_EQ(run({"neardup", "no-such-file.txt"}).status, 3);
}

// ---- search -----------------------------------------------------------------------------------

const std::string kQuery = "No country in the world recognizes Nagorno-Karabakh, not even Armenia itself.";

TEST(CliSearch, JsonlHitsAreRankedStatementRecords) {
  const Result r = run({"search", "--query", kQuery, "--format", "jsonl", "--top", "7", kInterviews});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err.find('\r'), std::string::npos);
  const auto texts = corpus_texts();
  const std::vector<json> hits = jsonl(r.out);
  ASSERT_EQ(hits.size(), 7u);
  double previous = 2;
  for (std::size_t k = 0; k < hits.size(); ++k) {
    const json& h = hits[k];
    EXPECT_EQ(h["rank"].get<std::size_t>(), k + 1);
    const double score = h["score"].get<double>();
    EXPECT_LE(score, previous);
    EXPECT_GE(score, 0.2);
    previous = score;
    ASSERT_TRUE(h.contains("score_parts"));
    for (const char* part : {"overlap", "alignment", "numbers", "names", "negation"}) {
      ASSERT_TRUE(h["score_parts"].contains(part)) << part;
      EXPECT_GE(h["score_parts"][part].get<double>(), 0.0);
      EXPECT_LE(h["score_parts"][part].get<double>(), 1.0);
    }
    EXPECT_TRUE(h.contains("outlet") && h.contains("date"));
    check_record(h, texts);
  }
  // The best hits say it: "... no country in the world recognizes ..."
  EXPECT_THAT(lower(hits[0]["text"].get<std::string>()), HasSubstr("recogni"));
}

TEST(CliSearch, QueryFileAndTextFormat) {
  const fs::path q = write_temp("query.txt", "\n  " + kQuery + "  \n");
  const Result r = run({"search", "--query-file", q.string(), kInterviews});
  fs::remove(q);
  ASSERT_EQ(r.status, 0) << r.err;
  const auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 10u);  // --top defaults to 10
  EXPECT_THAT(lines[0], ::testing::StartsWith("  1  0."));
  EXPECT_THAT(lines[0], HasSubstr("overlap"));
  EXPECT_THAT(lines[0], HasSubstr("│"));
  const Result same = run({"search", "--query", kQuery, kInterviews});
  EXPECT_EQ(same.out, r.out);  // the file's surrounding white space does not matter
}

// "Where else did HE say this?": the interviewer's questions repeat the claim ("Are there
// fighters from Syria ...?") and crowd the answers out unless left out.
TEST(CliSearch, AnswersOnlyAndSpeakerSelectWhoSaysIt) {
  const std::string query = "There are no fighters from Syria.";
  const Result all = run({"search", "--query", query, "--format", "jsonl", "--top", "20", kInterviews});
  ASSERT_EQ(all.status, 0) << all.err;
  std::size_t questions = 0;
  for (const json& h : jsonl(all.out)) questions += h["role"] == "question";
  EXPECT_GT(questions, 0u);

  const Result answers =
      run({"search", "--query", query, "--format", "jsonl", "--top", "20", "--answers-only", kInterviews});
  ASSERT_EQ(answers.status, 0) << answers.err;
  const std::vector<json> a = jsonl(answers.out);
  ASSERT_EQ(a.size(), 20u);
  for (const json& h : a) EXPECT_NE(h["role"], "question") << h.dump();

  const Result aliyev = run(
      {"search", "--query", query, "--format", "jsonl", "--top", "20", "--speaker", "ALIYEV", kInterviews});
  ASSERT_EQ(aliyev.status, 0) << aliyev.err;
  const std::vector<json> s = jsonl(aliyev.out);
  ASSERT_FALSE(s.empty());
  for (const json& h : s) {
    ASSERT_TRUE(h["speaker"].is_string()) << h.dump();
    EXPECT_THAT(lower(h["speaker"].get<std::string>()), HasSubstr("aliyev"));
  }
  EXPECT_EQ(run({"search", "--query", query, "--speaker", "nobody-by-this-name", kInterviews}).status, 1);
}

TEST(CliSearch, NothingFoundExitsOne) {
  const Result r = run({"search", "--query", "Quantum chromodynamics lattice gluons.", kInterviews});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("0 hits"));
}

TEST(CliSearch, QueryOptionsAreChecked) {
  EXPECT_EQ(run({"search", kInterviews}).status, 2);  // no query
  const fs::path q = write_temp("q2.txt", kQuery);
  EXPECT_EQ(run({"search", "--query", kQuery, "--query-file", q.string(), kInterviews}).status, 2);
  fs::remove(q);
  EXPECT_EQ(run({"search", "--query", "   ", kInterviews}).status, 2);
  EXPECT_EQ(run({"search", "--query-file", "no-such-query.txt", kInterviews}).status, 3);
  EXPECT_EQ(run({"search", "--query", kQuery, "--top", "0", kInterviews}).status, 2);
  EXPECT_EQ(run({"search", "--query", kQuery, "--format", "html", kInterviews}).status, 2);
  const Result help = run({"search", "--help"});
  EXPECT_EQ(help.status, 0);
  for (const char* opt : {"--query", "--query-file", "--top", "--min-score", "--format", "--lang", "--lossy",
                          "--speaker", "--answers-only"}) {
    EXPECT_THAT(help.out, HasSubstr(opt));
  }
}

}  // namespace
