// Quote pairing inside one unit of text. Marks are matched with a small stack; the ambiguous
// ones (” used as an opening mark, ASCII ") are decided by what stands on either side.
#include <algorithm>

#include "segment_internal.hpp"
#include "segment_text.hpp"

namespace quotekit::detail {
namespace {

enum class Mark : std::uint8_t { curly, guillemet, low, ascii };

struct Open {
  Mark mark;
  std::size_t inner;  // first byte after the opening mark
};

bool opens_here(char32_t before, char32_t after) {
  // An opening mark stands after white space, a bracket, a dash or the start, and before text.
  const bool left = before == 0 || is_space(before) || is_opener(before) || is_dash(before) ||
                    before == ':' || before == '/';
  return left && after != 0 && !is_space(after);
}

bool glued_opening(char32_t before, char32_t after) {
  // ”Deliberate: a “closing” mark glued to the next word after punctuation or space.
  return is_letter(after) && !is_alnum(before);
}

}  // namespace

void find_quotes(std::string_view text, Span unit, std::vector<Span>& out) {
  out.clear();
  Open stack[8];
  std::size_t depth = 0;
  auto push = [&](Mark m, std::size_t inner) {
    if (depth < 8) stack[depth++] = Open{m, inner};
  };
  auto close = [&](Mark m, std::size_t close_at) -> bool {
    for (std::size_t k = depth; k > 0; --k) {
      if (stack[k - 1].mark != m) continue;
      std::size_t s = stack[k - 1].inner;
      std::size_t e = close_at;
      s = skip_space(text, s, e);
      e = skip_space_back(text, s, e);
      if (s < e) out.push_back(Span{static_cast<std::uint32_t>(s), static_cast<std::uint32_t>(e)});
      depth = k - 1;  // inner marks left open are dropped
      return true;
    }
    return false;
  };
  auto contains = [&](Mark m) {
    for (std::size_t k = 0; k < depth; ++k) {
      if (stack[k].mark == m) return true;
    }
    return false;
  };

  std::size_t i = unit.start;
  const std::size_t end = unit.end;
  static constexpr ByteSet kStart("\"\xE2\xC2");
  while ((i = find_byte(text, i, end, kStart)) < end) {
    const std::size_t at = i;
    const char32_t c = next_cp(text, i);
    const char32_t before = at > unit.start ? cp_before(text, at) : 0;
    const char32_t after = i < end ? cp_at(text, i) : 0;
    switch (c) {
      case 0x201C:  // “ opens, or closes „…“
        if (depth > 0 && stack[depth - 1].mark == Mark::low) {
          close(Mark::low, at);
        } else {
          push(Mark::curly, i);
        }
        break;
      case 0x201D:  // ” closes “…”, „…”, or opens when glued to a word
        if (contains(Mark::curly)) {
          close(Mark::curly, at);
        } else if (depth > 0 && stack[depth - 1].mark == Mark::low) {
          close(Mark::low, at);
        } else if (glued_opening(before, after)) {
          push(Mark::curly, i);
        }
        break;
      case 0x00AB:  // «
        push(Mark::guillemet, i);
        break;
      case 0x00BB:  // »
        close(Mark::guillemet, at);
        break;
      case 0x201E:  // „
        push(Mark::low, i);
        break;
      case '"': {
        const bool closing_like = before != 0 && !is_space(before);
        if (contains(Mark::ascii) && closing_like) {
          close(Mark::ascii, at);
        } else if (opens_here(before, after)) {
          push(Mark::ascii, i);
        }
        break;
      }
      default:
        break;
    }
  }
  std::sort(out.begin(), out.end(),
            [](Span a, Span b) { return a.start < b.start || (a.start == b.start && a.end > b.end); });
}

std::size_t count_words(std::string_view text, Span s) {
  std::size_t words = 0;
  bool counted = false;  // the current word already has a letter or digit
  std::size_t i = s.start;
  while (i < s.end) {
    const char32_t c = next_cp(text, i);
    if (is_space(c)) {
      counted = false;
    } else if (!counted && is_alnum(c)) {
      ++words;
      counted = true;
    }
  }
  return words;
}

}  // namespace quotekit::detail
