// End-to-end tests of `quotekit drift`: the issue's example (002) through --quote and through
// the document path, the three output formats, omission runs, exit codes, and the HTML page
// loaded in a real headless browser (Debian's chromium; skipped when it is not installed).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "cli_helpers.hpp"

namespace {

namespace fs = std::filesystem;
using namespace quotekit::cli_testing;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kDrift = std::string(QUOTEKIT_TESTDATA) + "/drift/";
const std::string kRenderings = kDrift + "002_renderings.jsonl";
const std::string kRossiya = std::string(QUOTEKIT_TESTDATA) + "/corpus/001_rossiya1_60_minutes.txt";

std::string trim_newline(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

// The document texts of the 002 corpus, by id.
std::map<std::string, std::string> rendering_texts() {
  std::map<std::string, std::string> texts;
  for (const std::string& line : lines_of(read_all(kRenderings))) {
    const auto j = nlohmann::json::parse(line);
    texts[j.at("id").get<std::string>()] = j.at("text").get<std::string>();
  }
  return texts;
}

// The three word changes of the issue, as the plain word diff marks them.
void expect_three_word_changes(const std::string& out) {
  EXPECT_THAT(out, HasSubstr("the [-sensible-]{+sane+} part"));
  EXPECT_THAT(out, HasSubstr("society [-that-]{+, which+} lives"));
  EXPECT_THAT(out, HasSubstr("will [-still-]{+nevertheless+} understand"));
}

TEST(DriftCli, HelpDocumentsInputsAndFormats) {
  EXPECT_THAT(run({"--help"}).out, HasSubstr("drift"));
  const Result r = run({"drift", "--help"});
  EXPECT_EQ(r.status, 0);
  for (const char* s :
       {"--quote", "--doc-a", "--doc-b", "FILE#ID", "--format", "html", "--color", "summary"}) {
    EXPECT_THAT(r.out, HasSubstr(s));
  }
}

TEST(DriftCli, QuoteShowsTheThreeWordChanges) {
  const Result r = run({"drift", "--quote", trim_newline(read_all(kDrift + "002_lead.txt")),
                        trim_newline(read_all(kDrift + "002_body.txt"))});
  ASSERT_EQ(r.status, 0) << r.err;
  expect_three_word_changes(r.out);
  EXPECT_THAT(r.out, HasSubstr("1-1  A#0"));
  EXPECT_THAT(r.out, HasSubstr("~ synonym 3"));
  EXPECT_THAT(r.out, HasSubstr("summary: 1 pair (0 with meaning-bearing changes)"));
  EXPECT_THAT(r.out, Not(HasSubstr("\x1b[")));  // not a terminal: no colour
}

TEST(DriftCli, DocumentPathAlignsLeadWithBody) {
  const Result r = run({"drift", kRenderings + "#lead", kRenderings + "#body"});
  ASSERT_EQ(r.status, 0) << r.err;
  expect_three_word_changes(r.out);
  // The lead's introduction is omitted from the body, the body's own sentences added.
  EXPECT_THAT(r.out, HasSubstr("1-0  A#0"));
  EXPECT_THAT(r.out, HasSubstr("[-The President of Azerbaijan commented"));
  EXPECT_THAT(r.out, HasSubstr("0-1  B#0"));
  EXPECT_THAT(r.out, HasSubstr("{+Here is our approach.+}"));
  EXPECT_THAT(r.out, HasSubstr("summary: 2 pairs"));
  // The same documents named with --doc-a / --doc-b give the same output.
  const Result by_option = run({"drift", "--doc-a", "lead", "--doc-b", "body", kRenderings});
  ASSERT_EQ(by_option.status, 0) << by_option.err;
  EXPECT_EQ(by_option.out, r.out);
}

TEST(DriftCli, ColorOnRequest) {
  const std::vector<std::string> quotes{"--quote", "As a result, 11 civilians were killed.",
                                        "As a result, 12 civilians were killed."};
  std::vector<std::string> args{"drift", "--color", "always"};
  args.insert(args.end(), quotes.begin(), quotes.end());
  const Result colored = run(args);
  ASSERT_EQ(colored.status, 0) << colored.err;
  EXPECT_THAT(colored.out, HasSubstr("\x1b[31m\x1b[1m11\x1b[0m"));  // red, bold: meaning-bearing
  EXPECT_THAT(colored.out, HasSubstr("\x1b[32m\x1b[1m12\x1b[0m"));
  EXPECT_THAT(colored.out, Not(HasSubstr("[-")));
  args[2] = "never";
  const Result plain = run(args);
  EXPECT_THAT(plain.out, HasSubstr("[-11-]{+12+}"));
  EXPECT_THAT(plain.out, HasSubstr("! number: [-11-]{+12+}"));
  EXPECT_THAT(plain.out, Not(HasSubstr("\x1b[")));
}

TEST(DriftCli, JsonlPairRecordsAndSummary) {
  const Result r = run({"drift", "--format", "jsonl", kRenderings + "#lead", kRenderings + "#body"});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto texts = rendering_texts();
  const auto lines = lines_of(r.out);
  ASSERT_GE(lines.size(), 4u);
  std::size_t pairs = 0, omitted = 0, added = 0;
  bool found_sane = false;
  for (std::size_t k = 0; k + 1 < lines.size(); ++k) {
    const auto j = nlohmann::json::parse(lines[k]);
    for (const char* field : {"bead", "a", "b", "score", "drift", "edits"})
      ASSERT_TRUE(j.contains(field)) << field;
    for (const char* side : {"a", "b"}) {
      if (j[side].is_null()) continue;
      const auto& st = j[side];
      const std::string& text = texts.at(st["doc"].get<std::string>());
      const auto start = st["start"].get<std::size_t>(), end = st["end"].get<std::size_t>();
      EXPECT_EQ(text.substr(start, end - start), st["text"].get<std::string>());
    }
    if (j["a"].is_null()) {
      ++added;
      EXPECT_EQ(j["bead"], "0-1");
      EXPECT_TRUE(j["score"].is_null() && j["drift"].is_null() && j["edits"].empty());
      continue;
    }
    if (j["b"].is_null()) {
      ++omitted;
      EXPECT_EQ(j["bead"], "1-0");
      continue;
    }
    ++pairs;
    EXPECT_GE(j["score"].get<double>(), 0.2);
    const std::string& ta = texts.at("lead");
    const std::string& tb = texts.at("body");
    for (const auto& e : j["edits"]) {
      EXPECT_NE(e["op"], "equal");
      const auto a0 = e["a_start"].get<std::size_t>(), a1 = e["a_end"].get<std::size_t>();
      const auto b0 = e["b_start"].get<std::size_t>(), b1 = e["b_end"].get<std::size_t>();
      EXPECT_EQ(ta.substr(a0, a1 - a0), e["a_text"].get<std::string>());
      EXPECT_EQ(tb.substr(b0, b1 - b0), e["b_text"].get<std::string>());
      if (e["a_text"] == "sensible") {
        found_sane = true;
        EXPECT_EQ(e["b_text"], "sane");
        EXPECT_EQ(e["op"], "replace");
        EXPECT_EQ(e["class"], "synonym");
        EXPECT_EQ(e["meaning"], false);
      }
    }
  }
  EXPECT_TRUE(found_sane);
  EXPECT_EQ(pairs, 2u);
  EXPECT_EQ(omitted, 1u);
  const auto summary = nlohmann::json::parse(lines.back());
  ASSERT_TRUE(summary.contains("summary")) << lines.back();
  const auto& s = summary["summary"];
  EXPECT_EQ(s["a"], "lead");
  EXPECT_EQ(s["b"], "body");
  EXPECT_EQ(s["pairs"], pairs);
  EXPECT_EQ(s["omitted"], omitted);
  EXPECT_EQ(s["added"], added);
  EXPECT_EQ(s["classes"]["synonym"], 3);
}

// A document against itself with a paragraph deleted: one run of 1-0 beads, all else unchanged.
TEST(DriftCli, DeletedParagraphIsAnOmissionRun) {
  const std::string text = read_all(kRossiya);
  const std::size_t start = text.find("President Ilham Aliyev: I believe that Turkey");
  ASSERT_NE(start, std::string::npos);
  const std::size_t end = text.find("\n\n", start) + 2;
  const fs::path cut = write_temp("rossiya_cut.txt", text.substr(0, start) + text.substr(end));
  const Result r = run({"drift", "-f", "jsonl", "--lang", "en", kRossiya, cut.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto lines = lines_of(r.out);
  std::vector<std::string> beads;
  for (std::size_t k = 0; k + 1 < lines.size(); ++k) {
    const auto j = nlohmann::json::parse(lines[k]);
    beads.push_back(j["bead"].get<std::string>());
    if (j["bead"] == "1-0") {
      EXPECT_TRUE(j["b"].is_null());
      EXPECT_GE(j["a"]["start"].get<std::size_t>(), start);
      EXPECT_LE(j["a"]["end"].get<std::size_t>(), end);
    } else {
      EXPECT_EQ(j["bead"], "1-1");
      EXPECT_EQ(j["drift"], 0.0);
      EXPECT_EQ(j["a"]["text"], j["b"]["text"]);
    }
  }
  const auto first = std::find(beads.begin(), beads.end(), "1-0");
  const auto last = std::find(beads.rbegin(), beads.rend(), "1-0").base();
  ASSERT_NE(first, beads.end());
  EXPECT_GE(last - first, 10);  // the paragraph has more than ten sentences...
  EXPECT_TRUE(std::all_of(first, last, [](const std::string& b) { return b == "1-0"; }));  // ...in one run
  EXPECT_THAT(lines.back(), HasSubstr("\"added\":0"));
  fs::remove(cut);
}

TEST(DriftCli, ExitCodes) {
  const std::string missing = temp_path("no_such_rendering.txt").string();
  Result r = run({"drift", missing, kRossiya});
  EXPECT_EQ(r.status, 3);
  EXPECT_THAT(r.err, HasSubstr("no_such_rendering.txt"));
  r = run({"drift", kRenderings + "#nobody", kRenderings + "#body"});
  EXPECT_EQ(r.status, 3);
  EXPECT_THAT(r.err, HasSubstr("nobody"));
  EXPECT_THAT(r.err, HasSubstr("lead"));  // lists the ids it has
  // Bad arguments.
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"drift", "--format", "xml", kRossiya, kRossiya},
        {"drift", "--color", "sometimes", kRossiya, kRossiya},
        {"drift", kRossiya, kRossiya, kRossiya},
        {"drift"},
        {"drift", kRenderings},  // two documents in it, none named
        {"drift", kRenderings, "--doc-a", "lead"},
        {"drift", "--quote", "Only one statement."},
        {"drift", "--quote", "A statement.", "   "},
        {"drift", "--lang", "klingon", kRossiya, kRossiya}}) {
    r = run(args);
    EXPECT_EQ(r.status, 2) << ::testing::PrintToString(args) << "\n" << r.err;
    EXPECT_THAT(r.err, HasSubstr("quotekit"));
  }
  // Nothing in common: exit 1, the beads still listed.
  const fs::path other =
      write_temp("other.txt", "The recipe needs two cups of flour. Bake the bread for an hour.\n");
  r = run({"drift", "--lang", "en", kRossiya, other.string()});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_THAT(r.out, HasSubstr("1-0"));
  fs::remove(other);
}

// ---- the HTML page in a real browser ----

std::string find_chromium() {
  for (const char* p : {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}) {
    if (fs::exists(p)) return p;
  }
  return {};
}

// The DOM chromium builds from the page (after parsing and any script), serialized.
std::string browser_dom(const std::string& chromium, const fs::path& page) {
  const fs::path profile = temp_path("chromium_profile");
  fs::remove_all(profile);
  fs::create_directories(profile);
  const Result r =
      run_program(chromium,
                  {"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   "--user-data-dir=" + profile.string(), "--dump-dom", "file://" + page.string()},
                  "/dev/null", 120);
  fs::remove_all(profile);
  EXPECT_EQ(r.status, 0) << r.err;
  return r.out;
}

struct Element {
  std::string tag, cls, title, text;
};

// The <del>/<ins> elements of the serialized DOM (they hold no nested elements).
std::vector<Element> edit_elements(const std::string& dom) {
  static const std::regex kEdit(R"re(<(del|ins) class="([^"]*)"(?: title="([^"]*)")?>([^<]*)</\1>)re");
  std::vector<Element> out;
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), kEdit); it != std::sregex_iterator(); ++it) {
    out.push_back({(*it)[1], (*it)[2], (*it)[3], (*it)[4]});
  }
  return out;
}

bool has_class(const Element& e, const std::string& cls) {
  const std::string padded = " " + e.cls + " ";
  return padded.find(" " + cls + " ") != std::string::npos;
}

TEST(DriftCli, HtmlPageInAHeadlessBrowser) {
  const std::string chromium = find_chromium();
  if (chromium.empty()) {
    GTEST_SKIP()
        << "chromium is not installed (scripts/setup.sh installs it): the HTML report is not checked "
           "in a browser";
  }
  // 002: lead against body.
  const fs::path page = temp_path("drift_002.html");
  Result r = run({"drift", "-f", "html", "-o", page.string(), kRenderings + "#lead", kRenderings + "#body"});
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string html = read_all(page);
  // Self-contained: no external resource, no script.
  for (const char* s : {"http://", "https://", "<script", "<link", "src="})
    EXPECT_THAT(html, Not(HasSubstr(s)));

  const std::string dom = browser_dom(chromium, page);
  ASSERT_THAT(dom, HasSubstr("<table class=\"pairs\">")) << dom.substr(0, 500);
  const auto edits = edit_elements(dom);
  const auto find = [&](const std::string& tag, const std::string& text) -> const Element* {
    for (const Element& e : edits) {
      if (e.tag == tag && e.text == text && has_class(e, "edit")) return &e;
    }
    return nullptr;
  };
  const Element* sane = find("ins", "sane");
  const Element* nevertheless = find("ins", "nevertheless");
  const Element* sensible = find("del", "sensible");
  ASSERT_NE(sane, nullptr) << dom;
  ASSERT_NE(nevertheless, nullptr);
  ASSERT_NE(sensible, nullptr);
  EXPECT_TRUE(has_class(*sane, "synonym"));
  EXPECT_EQ(sane->title, "synonym");
  EXPECT_FALSE(has_class(*sane, "meaning"));
  EXPECT_THAT(dom, HasSubstr("class=\"omitted\""));  // the lead's first sentence
  EXPECT_THAT(dom, HasSubstr("<table class=\"summary\">"));
  fs::remove(page);

  // A number change is flagged as meaning-bearing; text that looks like markup stays text.
  const fs::path a = write_temp("num_a.txt",
                                "As a result of this aggression, 11 Azerbaijani civilians were killed. "
                                "The <b>report</b> & \"notes\" follow.\n");
  const fs::path b = write_temp("num_b.txt",
                                "As a result of this aggression, 12 Azerbaijani civilians were killed. "
                                "The <b>report</b> & \"notes\" follow.\n");
  const fs::path page2 = temp_path("drift_number.html");
  r = run({"drift", "-f", "html", "--lang", "en", "-o", page2.string(), a.string(), b.string()});
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string dom2 = browser_dom(chromium, page2);
  const auto edits2 = edit_elements(dom2);
  const auto number = std::find_if(edits2.begin(), edits2.end(), [](const Element& e) {
    return e.tag == "ins" && e.text == "12" && has_class(e, "number");
  });
  ASSERT_NE(number, edits2.end()) << dom2;
  EXPECT_TRUE(has_class(*number, "meaning"));
  EXPECT_EQ(number->title, "number change (meaning-bearing)");
  EXPECT_THAT(dom2, HasSubstr("The &lt;b&gt;report&lt;/b&gt; &amp; \"notes\" follow."));
  EXPECT_THAT(dom2, Not(HasSubstr("<b>report</b>")));
  fs::remove(page2);
  fs::remove(a);
  fs::remove(b);
}

}  // namespace
