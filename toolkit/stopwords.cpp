// stopwords.cpp — is_stopword() over the lists in data/stopwords/<lang>.txt, embedded into the
// library at build time (cmake/embed_stopwords.cmake). The sets are built once, on first use
// (thread-safe static initialization), and hold views into the embedded text.
#include <array>
#include <functional>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "quotekit/tokenize.hpp"

namespace quotekit::detail {
extern const std::pair<std::string_view, std::string_view> kStopwordLists[];
extern const int kStopwordListCount;
}  // namespace quotekit::detail

namespace quotekit {

namespace {

using WordSet = std::unordered_set<std::string_view>;

// One word a line; '#' starts a comment line; surrounding blanks and CR are ignored.
void add_words(std::string_view content, WordSet& set) {
  while (!content.empty()) {
    const std::size_t nl = content.find('\n');
    std::string_view line = content.substr(0, nl);
    content = nl == std::string_view::npos ? std::string_view() : content.substr(nl + 1);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.empty() || line.front() == '#') continue;
    set.insert(line);
  }
}

const std::array<WordSet, 5>& stopword_sets() {
  static const std::array<WordSet, 5> sets = [] {
    std::array<WordSet, 5> s;
    for (int i = 0; i < detail::kStopwordListCount; ++i) {
      const auto& [code, content] = detail::kStopwordLists[i];
      Lang lang = Lang::unknown;
      if (code == "en") lang = Lang::en;
      if (code == "ru") lang = Lang::ru;
      if (code == "tr") lang = Lang::tr;
      if (lang == Lang::unknown) continue;  // a list for a language quotekit does not model yet
      add_words(content, s[static_cast<std::size_t>(lang)]);
    }
    return s;
  }();
  return sets;
}

}  // namespace

bool is_stopword(Lang lang, std::string_view folded_word) noexcept {
  const auto& set = stopword_sets()[static_cast<std::size_t>(lang)];
  return !set.empty() && set.find(folded_word) != set.end();
}

}  // namespace quotekit
