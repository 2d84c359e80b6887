// Aligning a text with its translation (see crosslingual.hpp): the cross-lingual score in the
// shared banded DP of align.hpp, or Gale–Church on lengths.
#include <fmt/format.h>

#include <cmath>

#include "quotekit/crosslingual.hpp"

namespace quotekit {

std::string_view to_string(AlignMethod method) noexcept {
  switch (method) {
    case AlignMethod::lexicon:
      return "lexicon";
    case AlignMethod::length:
      return "length";
  }
  return "?";
}

AlignOptions TranslationAlignOptions::default_dp() noexcept {
  AlignOptions o;
  o.kinds = kAllBeads;
  // A 1-1 pair beats an omission plus an addition above floor − 2·skip = 0.02 (unrelated
  // sentences of one document score 0.03 at the median, translations 0.14–0.22 at the 5th
  // percentile: in context a weak pair is far more often a translation than not); a merge beats
  // a pair plus an omission when it raises the score by merge − skip = 0.04. Grid-searched on
  // the calibration sets of bench/align_eval.cpp --dev; the optimum is flat (±0.003 bead F1).
  o.floor = 0.12;
  o.skip_penalty = 0.05;
  o.merge_penalty = 0.09;
  o.merge22_penalty = 0.3;
  return o;
}

namespace {

void check_side(const AlignSide& side, std::string_view which) {
  if (side.lang == Lang::unknown)
    throw UsageError(fmt::format("align: the {} language is unknown; pass it explicitly", which));
  for (const Span s : side.spans)
    if (s.end > side.text.size() || s.start > s.end)
      throw UsageError(fmt::format("align: a {} span lies outside the text", which));
}

TranslationAlignment align_lengths(const AlignSide& source, const AlignSide& target,
                                   const TranslationAlignOptions& options) {
  // align_by_length() is Gale & Church's model with c = 1 and s2 = 6.8. Lengths scaled by k
  // give delta·sqrt(k), as if s2 were 6.8 / k: so scaling the source by c·k and the target by k
  // with k = 6.8 / variance runs the language pair's model (k = 1 for the shipped ones).
  const LengthModel model = length_model(source.lang, target.lang);
  const double k = 6.8 / model.variance;
  std::vector<std::uint32_t> a = char_lengths(source.text, source.spans);
  std::vector<std::uint32_t> b = char_lengths(target.text, target.spans);
  for (auto& len : a) len = static_cast<std::uint32_t>(std::lround(double(len) * model.ratio * k));
  for (auto& len : b) len = static_cast<std::uint32_t>(std::lround(double(len) * k));
  TranslationAlignment out;
  out.method = AlignMethod::length;
  out.beads = align_by_length(a, b, options.dp, &out.stats);
  return out;
}

}  // namespace

TranslationAlignment align_translation(const AlignSide& source, const AlignSide& target,
                                       const Lexicon* lexicon, const TranslationAlignOptions& options) {
  check_side(source, "source");
  check_side(target, "target");
  const bool has_direction =
      lexicon != nullptr && lexicon->entries(source.lang, target.lang) > 0 && source.lang != target.lang;
  if (options.method == AlignMethod::length || !has_direction) return align_lengths(source, target, options);

  const CrossLingualFeaturizer fs(*lexicon, source.lang, target.lang, options.score);
  const CrossLingualFeaturizer ft(*lexicon, target.lang, source.lang, options.score);
  // The source side is only read through its translations (expanded), the target side through
  // its own ids: each drops what it never uses, which halves the memory.
  auto prepare_side = [](const CrossLingualFeaturizer& f, const AlignSide& side, bool idf, bool target) {
    std::vector<CrossLingualFeatures> one(side.spans.size());
    for (std::size_t i = 0; i < side.spans.size(); ++i) {
      f.prepare(side.text, side.spans[i], one[i]);
      if (target) {
        one[i].expanded = {};
        one[i].expanded_bits.fill(0);
      } else {
        one[i].own = {};
      }
    }
    if (idf) apply_idf(one);
    std::vector<CrossLingualFeatures> two(one.empty() ? 0 : one.size() - 1);
    for (std::size_t i = 0; i + 1 < one.size(); ++i) two[i] = concat(one[i], one[i + 1]);
    return std::pair{std::move(one), std::move(two)};
  };
  const auto src = prepare_side(fs, source, options.idf, false);
  const auto tgt = prepare_side(ft, target, options.idf, true);
  const std::vector<CrossLingualFeatures>& s1 = src.first;
  const std::vector<CrossLingualFeatures>& s2 = src.second;
  const std::vector<CrossLingualFeatures>& t1 = tgt.first;
  const std::vector<CrossLingualFeatures>& t2 = tgt.second;
  const CrossLingualScorer scorer(options.score);
  auto score = [&](std::uint32_t a0, std::uint32_t a1, std::uint32_t b0, std::uint32_t b1) -> double {
    const CrossLingualFeatures& a = a1 - a0 == 1 ? s1[a0] : s2[a0];
    const CrossLingualFeatures& b = b1 - b0 == 1 ? t1[b0] : t2[b0];
    return scorer.score(a, b).total;
  };
  TranslationAlignment out;
  out.method = AlignMethod::lexicon;
  out.beads = align_statements(static_cast<std::uint32_t>(s1.size()), static_cast<std::uint32_t>(t1.size()),
                               score, options.dp, &out.stats);
  out.parts.resize(out.beads.size());
  for (std::size_t k = 0; k < out.beads.size(); ++k) {
    const Bead& b = out.beads[k];
    if (!b.is_pair()) {
      out.parts[k] = CrossLingualParts{0, 0, 0, 0, 0, 0};
      continue;
    }
    const CrossLingualFeatures& a = b.a_count == 1 ? s1[b.a_begin] : s2[b.a_begin];
    const CrossLingualFeatures& t = b.b_count == 1 ? t1[b.b_begin] : t2[b.b_begin];
    out.parts[k] = scorer.score(a, t);
  }
  return out;
}

}  // namespace quotekit
