// Evaluation data for cross-lingual alignment and search: readers for the shared parallel
// corpora (WMT XML, NTREX, line-aligned newstest), the perturbation of a document's translation
// (deleted and merged sentences) with the true beads it leaves, and bead/link precision and
// recall. Header-only, shared by bench/align_eval.cpp, bench/align_bench.cpp and the tests. The
// corpora are read in place (../shared/corpora), never copied into the project.
#pragma once

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "quotekit/align.hpp"
#include "quotekit/base.hpp"

namespace quotekit::eval {

// A document and its translation, sentence i of `src` translated by sentence i of `tgt`.
struct ParallelDoc {
  std::string id;
  std::vector<std::string> src;
  std::vector<std::string> tgt;
};

struct ParallelSet {
  std::string name;  // "wmt21 ru-en", ...
  Lang src_lang = Lang::unknown;
  Lang tgt_lang = Lang::unknown;
  std::vector<ParallelDoc> docs;

  std::size_t sentences() const {
    std::size_t n = 0;
    for (const auto& d : docs) n += d.src.size();
    return n;
  }
};

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

inline std::vector<std::string> read_lines(const std::filesystem::path& path) {
  const std::string text = read_file(path);
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    pos = end + 1;
  }
  return lines;
}

// &amp; &lt; &gt; &quot; &#39; (and &apos;, numeric &#NN;/&#xNN; for ASCII) → characters.
inline std::string xml_unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    const std::size_t semi = s.find(';', i);
    if (semi == std::string_view::npos || semi - i > 8) {
      out.push_back('&');
      continue;
    }
    const std::string_view ent = s.substr(i + 1, semi - i - 1);
    char c = 0;
    if (ent == "amp")
      c = '&';
    else if (ent == "lt")
      c = '<';
    else if (ent == "gt")
      c = '>';
    else if (ent == "quot")
      c = '"';
    else if (ent == "apos" || ent == "#39")
      c = '\'';
    else if (ent.size() > 1 && ent[0] == '#') {
      const bool hex = ent[1] == 'x' || ent[1] == 'X';
      unsigned long v = 0;
      try {
        v = std::stoul(std::string(ent.substr(hex ? 2 : 1)), nullptr, hex ? 16 : 10);
      } catch (...) {
        v = 0;
      }
      if (v > 0 && v < 0x80) c = static_cast<char>(v);
    }
    if (c == 0) {
      out.push_back('&');
      continue;
    }
    out.push_back(c);
    i = semi;
  }
  return out;
}

namespace detail {

// The value of attribute `name` in a start tag's text ("<doc origlang=\"ru\" id=\"kp.1\">").
inline std::string attribute(std::string_view tag, std::string_view name) {
  std::size_t pos = 0;
  while ((pos = tag.find(name, pos)) != std::string_view::npos) {
    const bool word_start = pos > 0 && (tag[pos - 1] == ' ' || tag[pos - 1] == '\t' || tag[pos - 1] == '\n');
    std::size_t eq = pos + name.size();
    if (word_start && eq < tag.size() && tag[eq] == '=' && eq + 1 < tag.size()) {
      const char quote = tag[eq + 1];
      const std::size_t end = tag.find(quote, eq + 2);
      if (end == std::string_view::npos) return {};
      return xml_unescape(tag.substr(eq + 2, end - eq - 2));
    }
    pos = eq;
  }
  return {};
}

// Segments (<seg id="n">text</seg>) inside `block`, by id.
inline std::vector<std::pair<int, std::string>> segments(std::string_view block) {
  std::vector<std::pair<int, std::string>> out;
  std::size_t pos = 0;
  while ((pos = block.find("<seg", pos)) != std::string_view::npos) {
    const std::size_t tag_end = block.find('>', pos);
    if (tag_end == std::string_view::npos) break;
    const std::string_view tag = block.substr(pos, tag_end - pos + 1);
    const std::size_t close = block.find("</seg>", tag_end);
    if (close == std::string_view::npos) break;
    int id = -1;
    try {
      id = std::stoi(attribute(tag, "id"));
    } catch (...) {
      id = -1;
    }
    const bool self_closing = tag.size() >= 2 && tag[tag.size() - 2] == '/';
    if (self_closing) {
      out.emplace_back(id, std::string());
      pos = tag_end + 1;
      continue;
    }
    out.emplace_back(id, xml_unescape(block.substr(tag_end + 1, close - tag_end - 1)));
    pos = close + 6;
  }
  return out;
}

inline std::string trim(std::string s) {
  const auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && ws(s.back())) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && ws(s[i])) ++i;
  return s.substr(i);
}

}  // namespace detail

// A WMT "all" XML file (<doc id=... origlang=...><src lang=..>, <ref ...>, <hyp ...>, each of
// <p><seg id=n>): the source against the FIRST reference, segments paired by id. Segments
// empty on either side are dropped (WMT22 has a few). Documents without a reference are skipped.
inline ParallelSet read_wmt_xml(const std::filesystem::path& path, std::string name, Lang src_lang,
                                Lang tgt_lang) {
  ParallelSet set{std::move(name), src_lang, tgt_lang, {}};
  const std::string text = read_file(path);
  std::size_t pos = 0;
  while ((pos = text.find("<doc ", pos)) != std::string::npos) {
    const std::size_t tag_end = text.find('>', pos);
    const std::size_t doc_end = text.find("</doc>", pos);
    if (tag_end == std::string::npos || doc_end == std::string::npos) break;
    const std::string_view doc(text.data() + pos, doc_end - pos);
    ParallelDoc d;
    d.id = detail::attribute(std::string_view(text).substr(pos, tag_end - pos + 1), "id");
    auto block = [&](std::string_view open, std::string_view close) -> std::string_view {
      const std::size_t b = doc.find(open);
      if (b == std::string_view::npos) return {};
      const std::size_t e = doc.find(close, b);
      if (e == std::string_view::npos) return {};
      return doc.substr(b, e - b);
    };
    const auto src = detail::segments(block("<src ", "</src>"));
    const auto ref = detail::segments(block("<ref ", "</ref>"));
    pos = doc_end + 6;
    if (ref.empty()) continue;
    for (const auto& [id, s] : src) {
      const auto it =
          std::find_if(ref.begin(), ref.end(), [id = id](const auto& r) { return r.first == id; });
      if (it == ref.end()) continue;
      std::string a = detail::trim(s), b = detail::trim(it->second);
      if (a.empty() || b.empty()) continue;
      d.src.push_back(std::move(a));
      d.tgt.push_back(std::move(b));
    }
    if (!d.src.empty()) set.docs.push_back(std::move(d));
  }
  return set;
}

// Line-aligned files cut into documents: by a file of one document id per line (NTREX's
// DOCUMENT_IDS.tsv; consecutive equal ids form a document), or into pseudo-documents of
// `chunk` consecutive lines when `ids` is empty. Pairs with an empty side are dropped.
inline ParallelSet read_line_aligned(const std::filesystem::path& src_path,
                                     const std::filesystem::path& tgt_path, std::string name, Lang src_lang,
                                     Lang tgt_lang, const std::filesystem::path& ids = {},
                                     std::size_t chunk = 30) {
  ParallelSet set{std::move(name), src_lang, tgt_lang, {}};
  const auto src = read_lines(src_path);
  const auto tgt = read_lines(tgt_path);
  if (src.size() != tgt.size())
    throw std::runtime_error(src_path.string() + " and " + tgt_path.string() + " differ in line count");
  std::vector<std::string> doc_ids;
  if (!ids.empty()) {
    doc_ids = read_lines(ids);
    if (doc_ids.size() != src.size()) throw std::runtime_error(ids.string() + ": line count differs");
  }
  for (std::size_t i = 0; i < src.size(); ++i) {
    const std::string id = doc_ids.empty() ? std::to_string(i / chunk) : detail::trim(doc_ids[i]);
    if (set.docs.empty() || set.docs.back().id != id) set.docs.push_back(ParallelDoc{id, {}, {}});
    std::string a = detail::trim(src[i]), b = detail::trim(tgt[i]);
    if (a.empty() || b.empty()) continue;
    set.docs.back().src.push_back(std::move(a));
    set.docs.back().tgt.push_back(std::move(b));
  }
  std::erase_if(set.docs, [](const ParallelDoc& d) { return d.src.empty(); });
  return set;
}

// The same set read the other way round (en→ru from ru→en).
inline ParallelSet reversed(ParallelSet set, std::string name) {
  set.name = std::move(name);
  std::swap(set.src_lang, set.tgt_lang);
  for (auto& d : set.docs) std::swap(d.src, d.tgt);
  return set;
}

// ---- perturbation ---------------------------------------------------------------------------

// A document whose translation lost some sentences and had some neighbours joined, with the
// beads that a perfect aligner would return.
struct PerturbedDoc {
  std::string id;
  std::vector<std::string> src;
  std::vector<std::string> tgt;
  std::vector<Bead> truth;  // a_begin/a_count over src, b_begin/b_count over tgt; score unused
};

struct Perturbation {
  double delete_share = 0.10;  // of the set's target sentences, deleted
  double merge_share = 0.05;   // of the set's adjacent target pairs, joined with a space
  // Of the set's source sentences, deleted (their translations become additions, 0-1 beads). Not
  // part of issue 5's protocol (0 there); a robustness check for added sentences.
  double delete_source_share = 0.0;
  std::uint64_t seed = 20240501;
};

// Chooses exactly round(delete_share · N) target sentences of the whole set to delete, then
// round(merge_share · P) pairs of adjacent surviving target sentences (adjacent in the original,
// non-overlapping; P = adjacent pairs in the set) to merge. A deleted target turns its source
// into a 1-0 bead; a merge into a 2-1 bead. Deterministic for a seed.
inline std::vector<PerturbedDoc> perturb(const ParallelSet& set, const Perturbation& p = {}) {
  std::mt19937_64 rng(p.seed);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> all;  // (doc, sentence)
  std::size_t pairs = 0;
  for (std::uint32_t d = 0; d < set.docs.size(); ++d) {
    const auto n = static_cast<std::uint32_t>(set.docs[d].tgt.size());
    for (std::uint32_t j = 0; j < n; ++j) all.emplace_back(d, j);
    pairs += n > 0 ? n - 1 : 0;
  }
  std::shuffle(all.begin(), all.end(), rng);
  const auto n_delete = static_cast<std::size_t>(std::llround(p.delete_share * double(all.size())));
  std::set<std::pair<std::uint32_t, std::uint32_t>> deleted(all.begin(),
                                                            all.begin() + std::ptrdiff_t(n_delete));
  std::set<std::pair<std::uint32_t, std::uint32_t>> deleted_src;
  if (p.delete_source_share > 0) {
    std::shuffle(all.begin(), all.end(), rng);
    const auto n_src = static_cast<std::size_t>(std::llround(p.delete_source_share * double(all.size())));
    deleted_src.insert(all.begin(), all.begin() + std::ptrdiff_t(n_src));
  }
  auto alive = [&](std::uint32_t d, std::uint32_t j) {
    return !deleted.count({d, j}) && !deleted_src.count({d, j});
  };

  std::vector<std::pair<std::uint32_t, std::uint32_t>> candidates;  // (doc, j): merge j and j+1
  for (std::uint32_t d = 0; d < set.docs.size(); ++d)
    for (std::uint32_t j = 0; j + 1 < set.docs[d].tgt.size(); ++j)
      if (alive(d, j) && alive(d, j + 1)) candidates.emplace_back(d, j);
  std::shuffle(candidates.begin(), candidates.end(), rng);
  const auto n_merge = static_cast<std::size_t>(std::llround(p.merge_share * double(pairs)));
  std::set<std::pair<std::uint32_t, std::uint32_t>> merged, used;
  for (const auto& [d, j] : candidates) {
    if (merged.size() >= n_merge) break;
    if (used.count({d, j}) || used.count({d, j + 1})) continue;
    merged.insert({d, j});
    used.insert({d, j});
    used.insert({d, j + 1});
  }

  std::vector<PerturbedDoc> out;
  out.reserve(set.docs.size());
  for (std::uint32_t d = 0; d < set.docs.size(); ++d) {
    const ParallelDoc& doc = set.docs[d];
    PerturbedDoc pd;
    pd.id = doc.id;
    for (std::uint32_t j = 0; j < doc.tgt.size(); ++j) {
      const auto a = static_cast<std::uint32_t>(pd.src.size());
      const auto b = static_cast<std::uint32_t>(pd.tgt.size());
      const bool src_gone = deleted_src.count({d, j}) > 0, tgt_gone = deleted.count({d, j}) > 0;
      if (src_gone && tgt_gone) continue;
      if (src_gone) {
        pd.tgt.push_back(doc.tgt[j]);
        pd.truth.push_back(Bead{a, 0, b, 1, 0.0});
      } else if (tgt_gone) {
        pd.src.push_back(doc.src[j]);
        pd.truth.push_back(Bead{a, 1, b, 0, 0.0});
      } else if (merged.count({d, j})) {
        pd.src.push_back(doc.src[j]);
        pd.src.push_back(doc.src[j + 1]);
        pd.tgt.push_back(doc.tgt[j] + " " + doc.tgt[j + 1]);
        pd.truth.push_back(Bead{a, 2, b, 1, 0.0});
        ++j;
      } else {
        pd.src.push_back(doc.src[j]);
        pd.tgt.push_back(doc.tgt[j]);
        pd.truth.push_back(Bead{a, 1, b, 1, 0.0});
      }
    }
    out.push_back(std::move(pd));
  }
  return out;
}

// ---- metrics --------------------------------------------------------------------------------

struct Counts {
  std::size_t predicted = 0;
  std::size_t truth = 0;
  std::size_t matched = 0;

  double precision() const { return predicted ? double(matched) / double(predicted) : 1.0; }
  double recall() const { return truth ? double(matched) / double(truth) : 1.0; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
  Counts& operator+=(const Counts& o) {
    predicted += o.predicted;
    truth += o.truth;
    matched += o.matched;
    return *this;
  }
};

struct AlignScore {
  Counts beads;  // exact (source set, target set) matches, 1-0 and 0-1 beads included
  Counts links;  // (i, j) sentence pairs inside pair beads
  AlignScore& operator+=(const AlignScore& o) {
    beads += o.beads;
    links += o.links;
    return *this;
  }
};

inline AlignScore compare(const std::vector<Bead>& predicted, const std::vector<Bead>& truth) {
  using Key = std::tuple<std::uint32_t, std::uint32_t, std::uint32_t, std::uint32_t>;
  auto key = [](const Bead& b) {
    // An empty side's begin is meaningless for matching: 1-0 (3) and 1-0 (3) match wherever
    // the aligner put the empty target range.
    return Key{b.a_count ? b.a_begin : 0, b.a_count, b.b_count ? b.b_begin : 0, b.b_count};
  };
  AlignScore s;
  std::set<Key> t;
  for (const auto& b : truth) t.insert(key(b));
  s.beads.truth = truth.size();
  s.beads.predicted = predicted.size();
  for (const auto& b : predicted) s.beads.matched += t.count(key(b));
  std::set<std::pair<std::uint32_t, std::uint32_t>> tl, pl;
  for (const auto& b : truth)
    for (std::uint32_t i = 0; i < b.a_count; ++i)
      for (std::uint32_t j = 0; j < b.b_count; ++j) tl.insert({b.a_begin + i, b.b_begin + j});
  for (const auto& b : predicted)
    for (std::uint32_t i = 0; i < b.a_count; ++i)
      for (std::uint32_t j = 0; j < b.b_count; ++j) pl.insert({b.a_begin + i, b.b_begin + j});
  s.links.truth = tl.size();
  s.links.predicted = pl.size();
  for (const auto& l : pl) s.links.matched += tl.count(l);
  return s;
}

// Sentences joined by '\n' with their spans, as an AlignSide needs them.
struct JoinedText {
  std::string text;
  std::vector<Span> spans;
};

inline JoinedText join(const std::vector<std::string>& sentences) {
  JoinedText j;
  for (const auto& s : sentences) {
    if (!j.text.empty()) j.text.push_back('\n');
    const auto start = static_cast<std::uint32_t>(j.text.size());
    j.text += s;
    j.spans.push_back(Span{start, static_cast<std::uint32_t>(j.text.size())});
  }
  return j;
}

// ---- the shared corpora ---------------------------------------------------------------------

// The evaluation sets of issue 5 under `root` (../shared/corpora); a set whose files are
// missing is left out.
inline std::vector<ParallelSet> evaluation_sets(const std::filesystem::path& root) {
  namespace fs = std::filesystem;
  std::vector<ParallelSet> sets;
  const fs::path wmt = root / "wmt-ru-en";
  if (fs::exists(wmt / "newstest2021.ru-en.all.xml"))
    sets.push_back(read_wmt_xml(wmt / "newstest2021.ru-en.all.xml", "wmt21 ru-en", Lang::ru, Lang::en));
  if (fs::exists(wmt / "wmttest2022.ru-en.all.xml"))
    sets.push_back(read_wmt_xml(wmt / "wmttest2022.ru-en.all.xml", "wmt22 ru-en", Lang::ru, Lang::en));
  const fs::path ntrex = root / "ntrex-en-ru-tr";
  if (fs::exists(ntrex / "DOCUMENT_IDS.tsv")) {
    sets.push_back(read_line_aligned(ntrex / "newstest2019-src.eng.txt", ntrex / "newstest2019-ref.rus.txt",
                                     "ntrex en-ru", Lang::en, Lang::ru, ntrex / "DOCUMENT_IDS.tsv"));
    sets.push_back(read_line_aligned(ntrex / "newstest2019-src.eng.txt", ntrex / "newstest2019-ref.tur.txt",
                                     "ntrex en-tr", Lang::en, Lang::tr, ntrex / "DOCUMENT_IDS.tsv"));
  }
  const fs::path tr = root / "newstest" / "tr-en";
  for (const char* year : {"2016", "2017"}) {
    const fs::path s = tr / (std::string("newstest") + year + ".tr");
    if (fs::exists(s))
      sets.push_back(read_line_aligned(s, tr / (std::string("newstest") + year + ".en"),
                                       std::string("newstest") + year + " tr-en", Lang::tr, Lang::en, {},
                                       30));
  }
  return sets;
}

}  // namespace quotekit::eval
