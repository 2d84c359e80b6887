// A deterministic generator of large interview corpora for the scale benchmarks: it grows the
// interviews corpus (30 interviews, ~8.6k statements) into as many statements as asked, as new
// documents (new ids, outlets and dates) laid out like its interviews: each generated document
// takes the line structure, speaker labels and turn dashes of a random source interview, and
// fills each of its sentence slots (fixed seed, our own PRNG: the same bytes everywhere):
//   recycled  35%  a talking point, drawn uniformly from a pool that grows with the corpus
//                  (one per 8 statements written so far, at least the 8.6k source sentences):
//                  verbatim (a third) or reworded (each word dropped or replaced by a random
//                  corpus word with p = 0.08, one pair of neighbours swapped). Talking point t
//                  is source sentence t mod 8.6k: as written for t < 8.6k, and for later t a
//                  variant with 85% of its words replaced (a new claim in the same style).
//   new       65%  the slot's source sentence with 85% of its words replaced and dropped with
//                  p = 0.05, its comma-separated parts shuffled: a statement of its own.
// Replacement words are drawn from all words of the corpus (so by frequency). So every talking
// point recurs ~3 times (Poisson) at any corpus size, near-duplicates grow linearly with the
// corpus as in real collections, and the rest shares only the corpus's common words.
#pragma once

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "eval_common.hpp"
#include "quotekit/segment.hpp"

namespace quotekit::grow {

// splitmix64: tiny, fast, and the same sequence everywhere.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // In [0, n): modulo bias below n / 2^64, negligible for the n used here.
  std::uint64_t below(std::uint64_t n) { return next() % n; }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t s_;
};

struct Source {
  std::string id, text;
  std::vector<Span> sentences;  // sentence spans (segment(), kind sentence), in order
};

struct Options {
  std::uint64_t statements = 100000;  // stop once the documents hold at least this many statements
  std::uint64_t seed = 20201027;
  double recycled = 0.35;                  // share of sentence slots filled with a talking point
  double verbatim = 1.0 / 3;               // of those, the share repeated word for word
  std::uint64_t statements_per_point = 8;  // the pool grows by one talking point per this many
};

struct Stats {
  std::uint64_t documents = 0, statements = 0, bytes = 0;
};

namespace detail {

inline bool is_word_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         (static_cast<unsigned char>(c) & 0x80);
}

// A word with what sticks to it: leading and trailing punctuation kept apart from the core.
struct Piece {
  std::string_view lead, core, tail;
};

inline std::vector<Piece> pieces(std::string_view s) {
  std::vector<Piece> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (start == i) break;
    const std::string_view w = s.substr(start, i - start);
    std::size_t a = 0, b = w.size();
    while (a < b && !is_word_byte(w[a])) ++a;
    while (b > a && !is_word_byte(w[b - 1])) --b;
    out.push_back({w.substr(0, a), w.substr(a, b - a), w.substr(b)});
  }
  return out;
}

}  // namespace detail

class Generator {
 public:
  // Sources: the documents of the interviews corpus (eval::load_interviews).
  explicit Generator(const std::vector<Document>& docs) {
    for (const Document& d : docs) {
      Source s{d.id, d.text, {}};
      const std::vector<Statement> statements = segment(d);
      for (const Statement& st : statements) {
        if (st.kind == StatementKind::sentence) s.sentences.push_back(st.span);
      }
      statements_ += statements.size();
      for (const Span sp : s.sentences) {
        slots_.emplace_back(sources_.size(), sp);
        for (const auto& p : detail::pieces(slice(s.text, sp))) {
          if (!p.core.empty()) vocabulary_.emplace_back(p.core);
        }
      }
      sources_.push_back(std::move(s));
    }
    if (sources_.empty() || vocabulary_.empty()) throw std::runtime_error("grow: no source text");
  }

  std::uint64_t source_statements() const { return statements_; }

  // Writes JSON Lines ({"id","outlet","date","text"}) to `path`.
  Stats write(const std::string& path, const Options& o) const {
    std::ofstream out(path, std::ios::binary);
    if (!out) throw std::runtime_error("grow: cannot write " + path);
    Rng rng(o.seed);
    Stats st;
    std::string text, line;
    while (st.statements < o.statements) {
      const std::size_t k = static_cast<std::size_t>(rng.below(sources_.size()));
      const std::uint64_t pool =
          std::max<std::uint64_t>(slots_.size(), st.statements / o.statements_per_point);
      text = fill(sources_[k], o, pool, rng);
      nlohmann::json j;
      j["id"] = fmt_id(st.documents, sources_[k].id);
      j["outlet"] = "Outlet " + std::to_string(1 + rng.below(60));
      j["date"] = date(rng);
      j["text"] = text;
      line = j.dump();
      line += '\n';
      out.write(line.data(), static_cast<std::streamsize>(line.size()));
      st.documents += 1;
      st.statements += count_statements(text);
      st.bytes += text.size();
    }
    if (!out) throw std::runtime_error("grow: write failed: " + path);
    return st;
  }

 private:
  // Talking point t: source sentence t mod |slots|, as written in the first round, a variant
  // with 85% of its words replaced in later rounds (the same variant every time: its own seed).
  std::string talking_point(std::uint64_t t, std::uint64_t seed) const {
    const auto [src, span] = slots_[static_cast<std::size_t>(t % slots_.size())];
    const std::string_view sentence = slice(sources_[src].text, span);
    if (t < slots_.size()) return std::string(sentence);
    Rng rng(seed ^ (0xA24BAED4963EE407ULL * (t + 1)));
    return rewrite(sentence, 0.0, 0.85, false, rng);
  }

  std::string fill(const Source& s, const Options& o, std::uint64_t pool, Rng& rng) const {
    std::string out;
    out.reserve(s.text.size() + 64);
    std::size_t pos = 0;
    for (const Span sp : s.sentences) {
      out.append(s.text, pos, sp.start - pos);  // labels, dashes, line breaks, furniture as they are
      if (rng.unit() < o.recycled) {
        const std::string point = talking_point(rng.below(pool), o.seed);
        out += rng.unit() < o.verbatim ? point : rewrite(point, 0.08, 0.08, true, rng);
      } else {
        out += rewrite(slice(s.text, sp), 0.05, 0.85, false, rng);
      }
      pos = sp.end;
    }
    out.append(s.text, pos, std::string::npos);
    return out;
  }

  // Statements the analysis will find in a generated text (the mutations may merge or split
  // a few sentences, so they are counted, not assumed).
  static std::uint64_t count_statements(const std::string& text) {
    Document d;
    d.text = text;
    d.lang = Lang::en;
    return segment(d).size();
  }

  static std::string fmt_id(std::uint64_t n, const std::string& source) {
    std::string id = std::to_string(n);
    return "g" + std::string(id.size() < 7 ? 7 - id.size() : 0, '0') + id + "-" + source;
  }

  static std::string date(Rng& rng) {
    const auto year = 2019 + rng.below(6), month = 1 + rng.below(12), day = 1 + rng.below(28);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04u-%02u-%02u", static_cast<unsigned>(year),
                  static_cast<unsigned>(month), static_cast<unsigned>(day));
    return buf;
  }

  // Words dropped with p_drop or replaced with p_sub; light: one pair of neighbours swapped,
  // otherwise the comma-separated parts shuffled.
  std::string rewrite(std::string_view sentence, double p_drop, double p_sub, bool light, Rng& rng) const {
    std::vector<std::string> words;
    const std::vector<detail::Piece> ps = detail::pieces(sentence);
    for (std::size_t k = 0; k < ps.size(); ++k) {
      const detail::Piece& p = ps[k];
      const double u = rng.unit();
      // The first and the last word stay (the last carries the sentence's end).
      if (!p.core.empty() && u < p_drop && k > 0 && k + 1 < ps.size()) continue;
      std::string w(p.lead);
      if (!p.core.empty() && u < p_drop + p_sub) {
        std::string sub = vocabulary_[static_cast<std::size_t>(rng.below(vocabulary_.size()))];
        if (!words.empty() && !sub.empty() && sub[0] >= 'A' && sub[0] <= 'Z')
          sub[0] = static_cast<char>(sub[0] - 'A' + 'a');
        w += sub;
      } else {
        w += p.core;
      }
      w += p.tail;
      words.push_back(std::move(w));
    }
    if (words.size() >= 3) {
      if (light) {
        const std::size_t i = static_cast<std::size_t>(rng.below(words.size() - 2));  // keep the last word
        std::swap(words[i], words[i + 1]);
      } else {
        // Shuffle the comma-separated parts (the last part stays last: it ends the sentence).
        std::vector<std::vector<std::string>> parts(1);
        for (auto& w : words) {
          parts.back().push_back(std::move(w));
          if (!parts.back().back().empty() && parts.back().back().back() == ',') parts.emplace_back();
        }
        if (parts.back().empty()) parts.pop_back();
        for (std::size_t i = parts.size() > 1 ? parts.size() - 2 : 0; i > 0; --i) {
          std::swap(parts[i], parts[static_cast<std::size_t>(rng.below(i + 1))]);
        }
        words.clear();
        for (auto& part : parts) {
          for (auto& w : part) words.push_back(std::move(w));
        }
      }
    }
    std::string out;
    for (const auto& w : words) {
      if (!out.empty()) out += ' ';
      out += w;
    }
    return out.empty() ? std::string(sentence) : out;
  }

  std::vector<Source> sources_;
  std::vector<std::pair<std::size_t, Span>> slots_;  // every sentence: (source, span)
  std::vector<std::string> vocabulary_;
  std::uint64_t statements_ = 0;
};

}  // namespace quotekit::grow
