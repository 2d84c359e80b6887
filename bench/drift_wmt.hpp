// The drift evaluation on WMT "all" XML files (newstest2021.ru-en.all.xml): two English
// renderings of every news document — human reference A against human reference B, or
// against a machine translation — aligned with one side's segments partly deleted, and the
// recovered segment pairs scored against the truth (segment ids line up within a document).
// Header-only, shared by bench/drift_eval.cpp and the GoogleTest check of the key target
// (tests/drift_wmt_test.cpp). No XML library: a minimal tag scanner is enough for these files.
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "quotekit/compare.hpp"

namespace quotekit::drift_eval {

// One document: its segments per rendering, keyed "src", "ref:A", "ref:B", "hyp:<system>".
struct WmtDoc {
  std::string id;
  bool testsuite = false;  // a test-suite document (<doc testsuite=...>), not news
  std::map<std::string, std::vector<std::string>> renderings;

  const std::vector<std::string>* find(const std::string& key) const {
    const auto it = renderings.find(key);
    return it == renderings.end() ? nullptr : &it->second;
  }
};

// &amp; &lt; &gt; &quot; &#39; (and &apos;) back to characters.
inline std::string xml_unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    static constexpr std::array<std::pair<std::string_view, char>, 6> kEntities{
        {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&apos;", '\''}}};
    bool done = false;
    for (const auto& [name, c] : kEntities) {
      if (s.substr(i, name.size()) == name) {
        out += c;
        i += name.size() - 1;
        done = true;
        break;
      }
    }
    if (!done) out += '&';
  }
  return out;
}

// The value of attribute `name` in a start tag ("<hyp system=\"AFRL\" lang=\"en\">").
inline std::string attribute(std::string_view tag, std::string_view name) {
  const std::string key = " " + std::string(name) + "=";
  const std::size_t at = tag.find(key);
  if (at == std::string_view::npos) return {};
  const std::size_t open = at + key.size();
  if (open >= tag.size()) return {};
  const char quote = tag[open];
  const std::size_t close = tag.find(quote, open + 1);
  if (close == std::string_view::npos) return {};
  return xml_unescape(tag.substr(open + 1, close - open - 1));
}

// Every document of a WMT "all" XML file, in file order. Empty if the file cannot be read.
inline std::vector<WmtDoc> read_wmt(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string xml = ss.str();
  std::vector<WmtDoc> docs;
  std::vector<std::string>* current = nullptr;
  std::size_t pos = 0;
  while ((pos = xml.find('<', pos)) != std::string::npos) {
    const std::size_t end = xml.find('>', pos);
    if (end == std::string::npos) break;
    const std::string_view tag(xml.data() + pos, end - pos + 1);
    if (tag.starts_with("<doc ")) {
      docs.emplace_back();
      docs.back().id = attribute(tag, "id");
      docs.back().testsuite = !attribute(tag, "testsuite").empty();
    } else if (!docs.empty() && tag.starts_with("<src")) {
      current = &docs.back().renderings["src"];
    } else if (!docs.empty() && tag.starts_with("<ref")) {
      current = &docs.back().renderings["ref:" + attribute(tag, "translator")];
    } else if (!docs.empty() && tag.starts_with("<hyp")) {
      current = &docs.back().renderings["hyp:" + attribute(tag, "system")];
    } else if (current != nullptr && tag.starts_with("<seg")) {
      const std::size_t close = xml.find("</seg>", end);
      if (close == std::string::npos) break;
      current->push_back(xml_unescape(std::string_view(xml).substr(end + 1, close - end - 1)));
      pos = close + 6;
      continue;
    }
    pos = end + 1;
  }
  return docs;
}

// Segments joined by line breaks into one English document, each segment one statement.
inline std::pair<Document, std::vector<Statement>> as_document(std::string id,
                                                               const std::vector<std::string>& segs,
                                                               const std::vector<std::uint32_t>& keep) {
  Document doc;
  doc.id = std::move(id);
  doc.lang = Lang::en;
  doc.encoding = "UTF-8";
  std::vector<Statement> statements;
  for (const std::uint32_t k : keep) {
    if (!doc.text.empty()) doc.text += '\n';
    Statement st;
    st.index = static_cast<std::uint32_t>(statements.size());
    st.span = Span{static_cast<std::uint32_t>(doc.text.size()),
                   static_cast<std::uint32_t>(doc.text.size() + segs[k].size())};
    doc.text += segs[k];
    statements.push_back(st);
  }
  return {std::move(doc), std::move(statements)};
}

struct EvalOptions {
  std::string a = "ref:A";
  std::string b = "ref:B";
  double delete_fraction = 0.10;  // of B's segments, per document (rounded to nearest)
  std::uint32_t seed = 2021;
  std::size_t max_docs = 0;  // 0: every news document
};

struct EvalResult {
  std::size_t docs = 0;
  std::size_t segments_a = 0, segments_b = 0;
  std::size_t deleted = 0;          // B segments deleted
  std::size_t true_links = 0;       // A segment k ~ kept B segment k
  std::size_t predicted_links = 0;  // (a, b) statement pairs inside pair beads
  std::size_t correct_links = 0;
  std::size_t omissions_found = 0;  // deleted segments reported in 1-0 beads
  std::size_t omissions_reported = 0;
  std::array<std::uint64_t, kEditClassCount> classes{};  // changes over the correct pairs
  std::size_t correct_pairs_with_meaning = 0;
  std::size_t one_one_correct = 0;
  double drift_sum = 0;  // over correct 1-1 pairs
  double seconds = 0;    // drift_statements() time, all documents

  double precision() const { return predicted_links ? double(correct_links) / double(predicted_links) : 0; }
  double recall() const { return true_links ? double(correct_links) / double(true_links) : 0; }
};

// Aligns rendering `a` against `b` with a fraction of b's segments deleted, per news document
// that has both (test-suite documents skipped), and scores the recovered links.
inline EvalResult evaluate(const std::vector<WmtDoc>& docs, const EvalOptions& o) {
  EvalResult r;
  std::mt19937 rng(o.seed);
  for (const WmtDoc& doc : docs) {
    if (doc.testsuite) continue;
    const auto* sa = doc.find(o.a);
    const auto* sb = doc.find(o.b);
    if (sa == nullptr || sb == nullptr || sa->size() != sb->size() || sa->empty()) continue;
    if (o.max_docs != 0 && r.docs == o.max_docs) break;
    ++r.docs;
    const auto n = static_cast<std::uint32_t>(sa->size());
    std::vector<std::uint32_t> all(n);
    for (std::uint32_t k = 0; k < n; ++k) all[k] = k;
    std::vector<std::uint32_t> order = all;
    std::shuffle(order.begin(), order.end(), rng);
    const auto drop = static_cast<std::size_t>(o.delete_fraction * n + 0.5);
    std::vector<bool> deleted(n, false);
    for (std::size_t k = 0; k < drop; ++k) deleted[order[k]] = true;
    std::vector<std::uint32_t> keep;  // B statement j is segment keep[j]
    for (std::uint32_t k = 0; k < n; ++k) {
      if (!deleted[k]) keep.push_back(k);
    }
    r.segments_a += n;
    r.segments_b += keep.size();
    r.deleted += drop;
    r.true_links += keep.size();

    auto [da, st_a] = as_document(doc.id + "/" + o.a, *sa, all);
    auto [db, st_b] = as_document(doc.id + "/" + o.b, *sb, keep);
    const auto t0 = std::chrono::steady_clock::now();
    const DocumentDrift d = drift_statements(da, std::move(st_a), db, std::move(st_b));
    r.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    for (const AlignedPair& p : d.pairs) {
      const Bead& bead = p.bead;
      if (!bead.is_pair()) {
        for (std::uint32_t i = bead.a_begin; i < bead.a_begin + bead.a_count; ++i) {
          ++r.omissions_reported;
          r.omissions_found += deleted[i];
        }
        continue;
      }
      bool all_correct = true;
      for (std::uint32_t i = bead.a_begin; i < bead.a_begin + bead.a_count; ++i) {
        for (std::uint32_t j = bead.b_begin; j < bead.b_begin + bead.b_count; ++j) {
          ++r.predicted_links;
          const bool ok = keep[j] == i;
          r.correct_links += ok;
          all_correct = all_correct && ok;
        }
      }
      if (bead.kind() == BeadKind::one_one && all_correct) {
        ++r.one_one_correct;
        r.drift_sum += p.drift.score;
        bool meaning = false;
        for (const Edit& e : p.drift.edits) {
          if (e.op == EditOp::equal) continue;
          ++r.classes[static_cast<int>(e.cls)];
          meaning = meaning || is_meaning_bearing(e.cls);
        }
        r.correct_pairs_with_meaning += meaning;
      }
    }
  }
  return r;
}

}  // namespace quotekit::drift_eval
