// Website furniture: date and time stamps ("12:00", "18 November 2024, 11:00", glued
// "15 November 2024, 14:0911:00") and teasers cut short with "...".
#include <array>

#include "segment_internal.hpp"
#include "segment_text.hpp"

namespace quotekit::detail {
namespace {

// Month names as they appear in dates: English (full and abbreviated), Russian genitive,
// Turkish. Compared after folding, so capitalization does not matter.
constexpr std::array<std::string_view, 60> kMonths = {
    "january", "february", "march",    "april",   "may",     "june",     "july",    "august",  "september",
    "october", "november", "december", "jan",     "feb",     "mar",      "apr",     "jun",     "jul",
    "aug",     "sep",      "sept",     "oct",     "nov",     "dec",      "января",  "февраля", "марта",
    "апреля",  "мая",      "июня",     "июля",    "августа", "сентября", "октября", "ноября",  "декабря",
    "ocak",    "şubat",    "mart",     "nisan",   "mayis",   "haziran",  "temmuz",  "ağustos", "eylül",
    "ekim",    "kasim",    "aralik",   "январь",  "февраль", "март",     "апрель",  "май",     "июнь",
    "июль",    "август",   "сентябрь", "октябрь", "ноябрь",  "декабрь"};

std::size_t digits(std::string_view s, std::size_t i, std::size_t end) {
  std::size_t j = i;
  while (j < end && s[j] >= '0' && s[j] <= '9') ++j;
  return j - i;
}

// "11:00" or "11:00:15" at i; returns the end or i.
std::size_t match_time(std::string_view s, std::size_t i, std::size_t end) {
  const std::size_t h = digits(s, i, end);
  if (h < 1 || h > 2 || i + h >= end || s[i + h] != ':') return i;
  std::size_t j = i + h + 1;
  if (digits(s, j, end) < 2) return i;
  j += 2;
  if (j + 2 < end && s[j] == ':' && digits(s, j + 1, end) >= 2) j += 3;
  return j;
}

// One or more glued times: "11:00", "11:0010:50".
std::size_t match_times(std::string_view s, std::size_t i, std::size_t end) {
  std::size_t j = match_time(s, i, end);
  while (j > i) {
    const std::size_t k = match_time(s, j, end);
    if (k == j) break;
    j = k;
  }
  return j;
}

// A month name at i; returns its end or i.
std::size_t match_month(std::string_view s, std::size_t i, std::size_t end) {
  std::size_t j = i;
  while (j < end) {
    std::size_t k = j;
    if (!is_letter(next_cp(s, k))) break;
    j = k;
  }
  if (j == i || j - i > 24) return i;
  std::string folded;
  fold_word(s.substr(i, j - i), folded);
  for (std::string_view m : kMonths) {
    if (folded == m) return (j < end && s[j] == '.') ? j + 1 : j;
  }
  return i;
}

std::size_t spaces(std::string_view s, std::size_t i, std::size_t end) {
  std::size_t j = i;
  while (j < end) {
    std::size_t k = j;
    const char32_t c = next_cp(s, k);
    if (!is_space(c) || is_para_break(c)) break;
    j = k;
  }
  return j;
}

// A date at i: "18 November 2024", "November 18, 2024", "2024-11-18", "18.11.2024",
// "18 ноября 2024 г.", "18 Kasım 2024". Returns the end or i.
std::size_t match_date(std::string_view s, std::size_t i, std::size_t end) {
  const std::size_t d = digits(s, i, end);
  if (d == 4 && i + 10 <= end && s[i + 4] == '-' && digits(s, i + 5, end) == 2 && s[i + 7] == '-' &&
      digits(s, i + 8, end) == 2) {
    return i + 10;
  }
  if (d >= 1 && d <= 2) {
    std::size_t j = i + d;
    if (j < end && (s[j] == '.' || s[j] == '/')) {  // 18.11.2024
      const char sep = s[j];
      const std::size_t m = digits(s, j + 1, end);
      if (m >= 1 && m <= 2 && j + 1 + m < end && s[j + 1 + m] == sep) {
        const std::size_t y = digits(s, j + 2 + m, end);
        if (y == 4 || y == 2) return j + 2 + m + y;
      }
      return i;
    }
    j = spaces(s, j, end);
    const std::size_t me = match_month(s, j, end);
    if (me == j) return i;
    j = spaces(s, me, end);
    const std::size_t y = digits(s, j, end);
    if (y != 4) return i;
    j += 4;
    // Russian "2024 г." / "2024 года"
    const std::size_t k = spaces(s, j, end);
    if (k + 3 <= end && s.substr(k, 3) == "\xD0\xB3.") return k + 3;  // "г."
    return j;
  }
  if (d == 0) {  // November 18, 2024
    const std::size_t me = match_month(s, i, end);
    if (me == i) return i;
    std::size_t j = spaces(s, me, end);
    const std::size_t dd = digits(s, j, end);
    if (dd < 1 || dd > 2) return i;
    j += dd;
    if (j < end && s[j] == ',') ++j;
    j = spaces(s, j, end);
    if (digits(s, j, end) != 4) return i;
    return j + 4;
  }
  return i;
}

}  // namespace

Stamp match_stamp(std::string_view text, std::size_t begin, std::size_t end) {
  Stamp st;
  st.end = begin;
  const std::size_t t = match_times(text, begin, end);
  if (t > begin) {
    st.end = t;
    st.time = true;
    return st;
  }
  const std::size_t d = match_date(text, begin, end);
  if (d == begin) return st;
  st.end = d;
  st.date = true;
  std::size_t j = d;
  if (j < end && text[j] == ',') ++j;
  j = spaces(text, j, end);
  const std::size_t tt = match_times(text, j, end);
  if (tt > j) {
    st.end = tt;
    st.time = true;
  }
  return st;
}

bool ends_with_ellipsis(std::string_view text, Span s) {
  std::size_t e = s.end;
  while (e > s.start) {  // closing quotes after the dots: “...and the...”
    std::size_t j = e;
    if (!is_closer(prev_cp(text, j))) break;
    e = j;
  }
  if (e >= s.start + 3 && text.substr(e - 3, 3) == "...") return true;
  return e >= s.start + 3 && text.substr(e - 3, 3) == "\xE2\x80\xA6";
}

}  // namespace quotekit::detail
