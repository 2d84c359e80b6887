// Evaluation of talking-point search and near-duplicate detection, shared by
// bench/talking_points_eval.cpp (prints every figure) and tests/talking_points_test.cpp (guards
// the key targets). Reads the gold set (bench/gold, see its README.md) against the interviews
// corpus, and the WMT21 ru-en test set (two human references and ten systems) — both from the
// shared corpora, never copied into the project.
#pragma once

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "quotekit/analyze.hpp"
#include "quotekit/corpus.hpp"
#include "quotekit/neardup.hpp"
#include "quotekit/search.hpp"
#include "quotekit/tokenize.hpp"

namespace quotekit::eval {

// ---- the interviews corpus, one document per interview ---------------------------------------

inline const char* const kInterviewFiles[] = {"000_5f32a5e8eb0474fb.txt", "001_7e6423926252e8bc.txt",
                                              "002_0dbd30f75ab8431c.txt", "003_c73a71f05d878473.txt",
                                              "004_afdebe055954b1b4.txt"};

// Where a document's text sits in its corpus file: file name and byte offset.
struct Origin {
  std::string file;
  std::uint32_t offset = 0;
};

struct InterviewCorpus {
  std::vector<Document> docs;
  std::vector<Origin> origin;  // per document
};

// A header line of an interview inside 001 (the gold set's validate.py uses the same rule):
// "Ilham Aliyev was interviewed / gave / took questions ..." or "... broadcast interview with
// President Ilham Aliyev".
inline bool is_interview_header(std::string_view line) {
  constexpr std::string_view kTail = "broadcast interview with President Ilham Aliyev";
  return line.starts_with("Ilham Aliyev was interviewed") || line.starts_with("Ilham Aliyev gave") ||
         line.starts_with("Ilham Aliyev took questions") || line.ends_with(kTail);
}

// The five files of shared/corpora/interviews; 001 (26 interviews) is cut at its header lines
// into one document per interview (the first also holds the two lines before its header), so
// that "another document" means "another interview". Ids: "000", "001-01" .. "001-26", ...
// Returns an empty corpus when the directory is missing.
inline InterviewCorpus load_interviews(const std::string& dir) {
  InterviewCorpus c;
  DecodeOptions opt;
  opt.lang = Lang::en;
  for (const char* name : kInterviewFiles) {
    std::ifstream in(dir + "/" + name, std::ios::binary);
    if (!in) return {};
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string prefix(name, 3);
    std::vector<std::uint32_t> cuts{0};
    if (prefix == "001") {
      bool first = true;  // the first header opens the file: it starts the first document
      for (std::size_t pos = 0; pos < bytes.size();) {
        std::size_t eol = bytes.find('\n', pos);
        if (eol == std::string::npos) eol = bytes.size();
        if (is_interview_header(std::string_view(bytes).substr(pos, eol - pos))) {
          if (!first) cuts.push_back(static_cast<std::uint32_t>(pos));
          first = false;
        }
        pos = eol + 1;
      }
    }
    cuts.push_back(static_cast<std::uint32_t>(bytes.size()));
    for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
      std::string id =
          cuts.size() > 2 ? prefix + "-" + (k + 1 < 10 ? "0" : "") + std::to_string(k + 1) : prefix;
      const std::string_view part = std::string_view(bytes).substr(cuts[k], cuts[k + 1] - cuts[k]);
      c.docs.push_back(make_document(id, part, opt, std::string(name)));
      if (c.docs.back().text.size() != part.size()) throw std::runtime_error("decoding changed offsets");
      c.origin.push_back({name, cuts[k]});
    }
  }
  return c;
}

// ---- the gold set ----------------------------------------------------------------------------

struct GoldSpan {
  std::uint32_t doc = 0;  // document of the InterviewCorpus
  Span span;              // into that document's text
  std::string text;
  int point = -1;          // talking point index; -1 for a near-miss side that belongs to none
  bool rendering = false;  // a rendering (query and answer) or an `also` entry (answer only)
};

struct Gold {
  std::vector<std::string> points;  // ids
  std::vector<GoldSpan> items;      // renderings and also entries
  std::vector<std::pair<GoldSpan, GoldSpan>> near_misses;
  // Pooled judgements (pooled_judgements.jsonl): sentences from the top of the search results
  // judged by hand to state a point's claim. Answers for search only, like `also` entries.
  std::vector<GoldSpan> pooled;
};

inline GoldSpan locate(const InterviewCorpus& c, const nlohmann::json& j) {
  const std::string file = j.at("file").get<std::string>();
  const auto start = j.at("start").get<std::uint32_t>();
  const auto end = j.at("end").get<std::uint32_t>();
  for (std::size_t d = c.docs.size(); d-- > 0;) {
    if (c.origin[d].file == file && c.origin[d].offset <= start) {
      GoldSpan g;
      g.doc = static_cast<std::uint32_t>(d);
      g.span = {start - c.origin[d].offset, end - c.origin[d].offset};
      g.text = j.at("text").get<std::string>();
      if (slice(c.docs[d].text, g.span) != g.text)
        throw std::runtime_error("gold span does not match: " + g.text);
      return g;
    }
  }
  throw std::runtime_error("gold span in an unknown file: " + file);
}

inline Gold load_gold(const InterviewCorpus& c, const std::string& gold_dir) {
  Gold g;
  auto lines = [](const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<nlohmann::json> out;
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) out.push_back(nlohmann::json::parse(line));
    }
    return out;
  };
  for (const auto& tp : lines(gold_dir + "/talking_points.jsonl")) {
    const int point = static_cast<int>(g.points.size());
    g.points.push_back(tp.at("id").get<std::string>());
    for (const auto& r : tp.at("renderings")) {
      GoldSpan s = locate(c, r);
      s.point = point;
      s.rendering = true;
      g.items.push_back(std::move(s));
    }
    if (tp.contains("also")) {
      for (const auto& r : tp.at("also")) {
        GoldSpan s = locate(c, r);
        s.point = point;
        g.items.push_back(std::move(s));
      }
    }
  }
  for (const auto& nm : lines(gold_dir + "/near_misses.jsonl")) {
    g.near_misses.emplace_back(locate(c, nm.at("a")), locate(c, nm.at("b")));
  }
  for (const auto& j : lines(gold_dir + "/pooled_judgements.jsonl")) {
    if (!j.at("same_claim").get<bool>()) continue;
    const auto id = j.at("point").get<std::string>();
    const auto it = std::find(g.points.begin(), g.points.end(), id);
    if (it == g.points.end()) throw std::runtime_error("pooled judgement for an unknown point: " + id);
    GoldSpan s = locate(c, j);
    s.point = static_cast<int>(it - g.points.begin());
    g.pooled.push_back(std::move(s));
  }
  return g;
}

// Bytes two spans share.
inline std::uint32_t shared_bytes(Span a, Span b) {
  const std::uint32_t lo = std::max(a.start, b.start), hi = std::min(a.end, b.end);
  return hi > lo ? hi - lo : 0;
}

// A statement stands for a gold span when it is in the same document and covers at least half
// of the span's bytes (the segmenter may cut a little differently).
inline bool covers(const AnalyzedCorpus& corpus, std::uint32_t statement, const GoldSpan& g) {
  const StatementInfo& s = corpus.info(statement);
  return s.doc == g.doc && 2 * shared_bytes(s.span, g.span) >= g.span.size();
}

inline std::vector<std::uint32_t> statements_covering(const AnalyzedCorpus& corpus, const GoldSpan& g) {
  std::vector<std::uint32_t> out;
  const std::uint32_t end = g.doc + 1 < corpus.documents().size() ? corpus.first_statement(g.doc + 1)
                                                                  : static_cast<std::uint32_t>(corpus.size());
  for (std::uint32_t i = corpus.first_statement(g.doc); i < end; ++i) {
    if (covers(corpus, i, g)) out.push_back(i);
  }
  return out;
}

// Jaccard similarity of the distinct content stems of two texts (the gold README's measure).
inline double content_jaccard(const Tokenizer& tok, std::string_view a, std::string_view b) {
  auto terms = [&](std::string_view t) {
    std::set<std::string> s;
    for (const Token& k : tok.tokenize(t)) {
      if (is_content(k)) s.insert(std::string(term_of(k)));
    }
    return s;
  };
  const auto x = terms(a), y = terms(b);
  std::size_t shared = 0;
  for (const auto& t : x) shared += y.count(t);
  const std::size_t uni = x.size() + y.size() - shared;
  return uni == 0 ? 0.0 : static_cast<double>(shared) / static_cast<double>(uni);
}

// ---- search: recall@10 and MRR -----------------------------------------------------------------

struct SearchFigures {
  std::size_t queries = 0, siblings = 0;
  double recall_at_10 = 0, mrr = 0;
  // (query, sibling) pairs by the content-word Jaccard of the two sentences (below 0.1, 0.2,
  // 0.3, and the rest), and how many of each the top 10 holds: where a lexical score runs out.
  static constexpr std::array<double, 3> kJaccardBounds{0.1, 0.2, 0.3};
  std::array<std::size_t, 4> pairs_by_j{}, found_by_j{};
  // Per source file of the query: {queries, Σ recall@10, Σ reciprocal rank}.
  std::map<std::string, std::tuple<std::size_t, double, double>> per_file;
  std::vector<std::string> misses;  // queries whose first sibling is not in the top 10
};

// Every rendering as the query (its text, tokenized afresh) against the whole corpus; hits in
// the query's own document (interview) and hits standing for `also` entries of its point (and,
// with `pooled`, for its pooled judgements) are dropped, and a hit standing for a sibling already found is
// not counted again (a sentence and the quote inside it); ranks are over what remains. MRR counts the first
// sibling in the top 10.
inline SearchFigures evaluate_search(const AnalyzedCorpus& corpus, const InterviewCorpus& ic,
                                     const Gold& gold, SearchOptions options = {}, bool pooled = false,
                                     std::size_t kTop = 10) {
  options.top = std::max<std::size_t>(options.top, kTop + 90);  // room for the hits dropped below
  const Tokenizer tok(Lang::en);
  SearchFigures f;
  double recall_sum = 0, rr_sum = 0;
  for (std::size_t q = 0; q < gold.items.size(); ++q) {
    const GoldSpan& query = gold.items[q];
    if (!query.rendering) continue;
    std::vector<std::size_t> sibs;
    for (std::size_t s = 0; s < gold.items.size(); ++s) {
      if (s != q && gold.items[s].rendering && gold.items[s].point == query.point) sibs.push_back(s);
    }
    const std::vector<SearchHit> hits = search(corpus, query.text, options);
    std::vector<std::size_t> found_rank(sibs.size(), 0);
    std::size_t rank = 0, first = 0;
    for (const SearchHit& h : hits) {
      if (corpus.info(h.statement).doc == query.doc) continue;
      bool also = false, counted = false, sibling = false;
      for (std::size_t k = 0; k < sibs.size(); ++k) {
        if (!covers(corpus, h.statement, gold.items[sibs[k]])) continue;
        sibling = true;
        if (found_rank[k] != 0) {
          counted = true;
        }
      }
      for (const GoldSpan& g : gold.items) {
        if (!g.rendering && g.point == query.point && covers(corpus, h.statement, g)) also = true;
      }
      if (pooled) {
        for (const GoldSpan& g : gold.pooled) {
          if (g.point == query.point && covers(corpus, h.statement, g)) also = true;
        }
      }
      if ((also && !sibling) || (sibling && counted)) continue;
      ++rank;
      if (rank > kTop) break;
      for (std::size_t k = 0; k < sibs.size(); ++k) {
        if (found_rank[k] == 0 && covers(corpus, h.statement, gold.items[sibs[k]])) found_rank[k] = rank;
      }
      if (sibling && first == 0) first = rank;
    }
    std::size_t found = 0;
    for (std::size_t k = 0; k < sibs.size(); ++k) {
      if (found_rank[k] != 0) ++found;
      const double j = content_jaccard(tok, query.text, gold.items[sibs[k]].text);
      std::size_t band = 0;
      while (band < SearchFigures::kJaccardBounds.size() && j >= SearchFigures::kJaccardBounds[band]) ++band;
      ++f.pairs_by_j[band];
      f.found_by_j[band] += found_rank[k] != 0;
    }
    const double recall = sibs.empty() ? 0.0 : static_cast<double>(found) / static_cast<double>(sibs.size());
    const double rr = first == 0 ? 0.0 : 1.0 / static_cast<double>(first);
    recall_sum += recall;
    rr_sum += rr;
    ++f.queries;
    f.siblings += sibs.size();
    auto& [n, r, m] = f.per_file[ic.origin[query.doc].file.substr(0, 3)];
    ++n;
    r += recall;
    m += rr;
    if (first == 0)
      f.misses.push_back(gold.points[static_cast<std::size_t>(query.point)] + ": " + query.text);
  }
  f.recall_at_10 = f.queries ? recall_sum / static_cast<double>(f.queries) : 0;
  f.mrr = f.queries ? rr_sum / static_cast<double>(f.queries) : 0;
  return f;
}

// ---- neardup: pairwise precision and recall over the labelled sentences ----------------------

struct NeardupFigures {
  std::size_t talking_points = 0;
  std::size_t linked_positive = 0, linked_negative = 0;  // labelled pairs put in one cluster
  std::size_t rendering_pairs = 0, linked_rendering_pairs = 0;
  std::size_t near_misses = 0, linked_near_misses = 0;
  double precision() const {
    const std::size_t all = linked_positive + linked_negative;
    return all ? static_cast<double>(linked_positive) / static_cast<double>(all) : 0.0;
  }
  double recall() const {
    return rendering_pairs
               ? static_cast<double>(linked_rendering_pairs) / static_cast<double>(rendering_pairs)
               : 0.0;
  }
  std::vector<std::string> false_links;
};

// Two labelled sentences are linked when statements standing for them (covers()) share a
// cluster. Positive pairs: two members (renderings or also entries) of one point; negative:
// members of different points, and every near-miss pair. Recall is over rendering pairs only.
inline NeardupFigures evaluate_neardup(const AnalyzedCorpus& corpus, const Gold& gold,
                                       const NeardupResult& r) {
  NeardupFigures f;
  f.talking_points = r.talking_points.clusters.size();
  std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> cluster_of;  // statement → clusters
  for (std::uint32_t k = 0; k < r.talking_points.clusters.size(); ++k) {
    for (const ClusterMember& m : r.talking_points.clusters[k].members) cluster_of[m.statement].push_back(k);
  }
  auto clusters = [&](const GoldSpan& g) {
    std::set<std::uint32_t> out;
    for (const std::uint32_t s : statements_covering(corpus, g)) {
      const auto it = cluster_of.find(s);
      if (it != cluster_of.end()) out.insert(it->second.begin(), it->second.end());
    }
    return out;
  };
  auto linked = [](const std::set<std::uint32_t>& a, const std::set<std::uint32_t>& b) {
    return std::any_of(a.begin(), a.end(), [&](std::uint32_t x) { return b.count(x) > 0; });
  };
  std::vector<std::set<std::uint32_t>> item_clusters;
  for (const GoldSpan& g : gold.items) item_clusters.push_back(clusters(g));
  for (std::size_t a = 0; a < gold.items.size(); ++a) {
    for (std::size_t b = a + 1; b < gold.items.size(); ++b) {
      const bool same = gold.items[a].point == gold.items[b].point;
      const bool link = linked(item_clusters[a], item_clusters[b]);
      if (same && gold.items[a].rendering && gold.items[b].rendering) {
        ++f.rendering_pairs;
        f.linked_rendering_pairs += link;
      }
      if (!link) continue;
      if (same) {
        ++f.linked_positive;
      } else {
        ++f.linked_negative;
        f.false_links.push_back(gold.points[static_cast<std::size_t>(gold.items[a].point)] + " ~ " +
                                gold.points[static_cast<std::size_t>(gold.items[b].point)] + ": " +
                                gold.items[a].text + " ~ " + gold.items[b].text);
      }
    }
  }
  for (const auto& [a, b] : gold.near_misses) {
    ++f.near_misses;
    if (linked(clusters(a), clusters(b))) {
      ++f.linked_near_misses;
      ++f.linked_negative;
      f.false_links.push_back("near miss: " + a.text + " ~ " + b.text);
    }
  }
  return f;
}

// ---- WMT21 ru-en: two human references and machine translations -------------------------------

// Translations of the same news segments, aligned: refs["A"][i], refs["B"][i] and hyps[system][i]
// all render source segment i. Only documents with both references (the 107 news documents,
// 1000 segments) are kept.
struct Wmt {
  std::vector<std::string> ids;  // "docid:seg"
  std::map<std::string, std::vector<std::string>> refs, hyps;
};

namespace detail {

// Text between tags with XML entities resolved (&lt; &gt; &amp; &quot; &apos; &#N; &#xN;).
inline std::string unescape_xml(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const std::size_t semi = s.find(';', i);
    if (semi == std::string_view::npos) {
      out += s[i];
      continue;
    }
    const std::string_view ent = s.substr(i + 1, semi - i - 1);
    std::uint32_t cp = 0;
    if (ent == "lt")
      cp = '<';
    else if (ent == "gt")
      cp = '>';
    else if (ent == "amp")
      cp = '&';
    else if (ent == "quot")
      cp = '"';
    else if (ent == "apos")
      cp = '\'';
    else if (ent.size() > 1 && ent[0] == '#')
      cp = static_cast<std::uint32_t>(ent[1] == 'x' ? std::stoul(std::string(ent.substr(2)), nullptr, 16)
                                                    : std::stoul(std::string(ent.substr(1))));
    if (cp == 0) {
      out += s[i];
      continue;
    }
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    i = semi;
  }
  return out;
}

// The value of attribute `name` inside a start tag, or "".
inline std::string attribute(std::string_view tag, std::string_view name) {
  const std::string key = " " + std::string(name) + "=\"";
  const std::size_t p = tag.find(key);
  if (p == std::string_view::npos) return {};
  const std::size_t q = tag.find('"', p + key.size());
  return std::string(tag.substr(p + key.size(), q - p - key.size()));
}

}  // namespace detail

// A minimal scanner for the WMT XML layout: <doc id> holds <src>, <ref translator=X> and
// <hyp system=Y> blocks, each of <seg id=N>text</seg>. Returns an empty Wmt when the file is
// missing.
inline Wmt load_wmt(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  const std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Wmt w;
  std::string doc, block;                                          // block: "ref:A", "hyp:Online-B", "src"
  std::map<std::string, std::map<std::string, std::string>> segs;  // block → seg id → text
  auto flush_doc = [&] {
    if (segs.count("ref:A") && segs.count("ref:B")) {
      for (const auto& [id, a] : segs["ref:A"]) {
        const auto b = segs["ref:B"].find(id);
        if (b == segs["ref:B"].end()) continue;
        w.ids.push_back(doc + ":" + id);
        w.refs["A"].push_back(a);
        w.refs["B"].push_back(b->second);
        for (const auto& [name, m] : segs) {
          if (!name.starts_with("hyp:")) continue;
          const auto h = m.find(id);
          w.hyps[name.substr(4)].push_back(h == m.end() ? std::string() : h->second);
        }
      }
    }
    segs.clear();
  };
  for (std::size_t pos = xml.find('<'); pos != std::string::npos; pos = xml.find('<', pos + 1)) {
    const std::size_t close = xml.find('>', pos);
    if (close == std::string::npos) break;
    const std::string_view tag = std::string_view(xml).substr(pos, close - pos + 1);
    if (tag.starts_with("<doc ")) {
      flush_doc();
      doc = detail::attribute(tag, "id");
    } else if (tag.starts_with("<ref ")) {
      block = "ref:" + detail::attribute(tag, "translator");
    } else if (tag.starts_with("<hyp ")) {
      block = "hyp:" + detail::attribute(tag, "system");
    } else if (tag.starts_with("<src")) {
      block = "src";
    } else if (tag.starts_with("<seg ")) {
      const std::size_t end = xml.find("</seg>", close);
      if (end == std::string::npos) break;
      segs[block][detail::attribute(tag, "id")] =
          detail::unescape_xml(std::string_view(xml).substr(close + 1, end - close - 1));
      pos = end;
    }
  }
  flush_doc();
  return w;
}

struct TwinFigures {
  std::size_t queries = 0, top1 = 0, top5 = 0;
  double top1_rate() const { return queries ? static_cast<double>(top1) / static_cast<double>(queries) : 0; }
  double top5_rate() const { return queries ? static_cast<double>(top5) / static_cast<double>(queries) : 0; }
};

// A corpus of the A reference: one document per segment (id "docid:seg").
inline AnalyzedCorpus wmt_corpus(const Wmt& w, const std::string& ref = "A") {
  std::vector<Document> docs;
  const auto& texts = w.refs.at(ref);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    Document d;
    d.id = w.ids[i];
    d.text = texts[i];
    d.lang = Lang::en;
    d.encoding = "UTF-8";
    docs.push_back(std::move(d));
  }
  AnalyzeOptions opt;
  opt.lsh_similarity = 0;
  return AnalyzedCorpus(std::move(docs), opt);
}

// Each query i against the corpus: is document i the top hit (top-1), among the first five
// distinct documents hit (top-5)?
inline TwinFigures evaluate_twins(const AnalyzedCorpus& corpus, const std::vector<std::string>& queries) {
  TwinFigures f;
  SearchOptions opt;
  opt.top = 20;
  opt.min_score = 0;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    if (queries[i].empty()) continue;
    ++f.queries;
    std::vector<std::uint32_t> docs;
    for (const SearchHit& h : search(corpus, queries[i], opt)) {
      const std::uint32_t d = corpus.info(h.statement).doc;
      if (std::find(docs.begin(), docs.end(), d) == docs.end()) docs.push_back(d);
    }
    if (!docs.empty() && docs[0] == i) ++f.top1;
    for (std::size_t k = 0; k < std::min<std::size_t>(5, docs.size()); ++k) f.top5 += docs[k] == i;
  }
  return f;
}

}  // namespace quotekit::eval
