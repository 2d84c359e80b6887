#include "quotekit/report_html.hpp"

#include <fmt/format.h>

#include "decode_internal.hpp"

namespace quotekit {

namespace {

void append_code_point(std::string& out, unsigned cp) {
  out += static_cast<char>(0xE0 | (cp >> 12));
  out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out += static_cast<char>(0x80 | (cp & 0x3F));
}

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Escaped text with line breaks (and tabs) shown as spaces: context stays one paragraph.
void append_flat(std::string& out, std::string_view text) {
  std::string flat(text);
  for (char& c : flat) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  append_html_escaped(out, flat);
}

constexpr std::string_view kStyle = R"css(
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2430;
       background: #f6f7f9; margin: 0 auto; max-width: 72rem; padding: 1.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.1rem; margin: 0 0 .35rem; }
.summary { color: #556070; margin: 0 0 1.25rem; }
.card { background: #fff; border: 1px solid #d9dee5; border-radius: 8px; padding: 1rem 1.25rem;
        margin: 0 0 1rem; }
.meta { color: #556070; font-size: .85rem; }
.score { display: inline-block; min-width: 3.2em; text-align: right; font-variant-numeric: tabular-nums;
         font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
code, .id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em; }
mark { background: #ffe58a; color: inherit; padding: 0 .1em; border-radius: 2px; }
blockquote.canonical { margin: .5rem 0 .75rem; padding: .4rem .8rem; border-left: 4px solid #3d6fb6;
                       background: #f0f4fa; }
table.members { border-collapse: collapse; width: 100%; font-size: .9rem; }
table.members th, table.members td { text-align: left; vertical-align: top; padding: .35rem .5rem;
                                     border-top: 1px solid #e6e9ee; }
table.members th { color: #556070; font-weight: 600; font-size: .8rem; }
.context { color: #3b4350; }
nav.toc { columns: 2; font-size: .9rem; }
nav.toc a { color: #2a5ea8; text-decoration: none; }
)css";

}  // namespace

void append_html_escaped(std::string& out, std::string_view text) {
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    std::string_view replacement;
    bool picture = false;
    switch (c) {
      case '&':
        replacement = "&amp;";
        break;
      case '<':
        replacement = "&lt;";
        break;
      case '>':
        replacement = "&gt;";
        break;
      case '"':
        replacement = "&quot;";
        break;
      case '\'':
        replacement = "&#39;";
        break;
      default:
        if (u >= 0x80) {
          const std::size_t n = detail::utf8_sequence_length(text, i);
          if (n != 0) {
            i += n;
            continue;
          }
          replacement = "\xEF\xBF\xBD";  // U+FFFD
        } else if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7F) {
          picture = true;
        } else {
          ++i;
          continue;
        }
    }
    out.append(text.data() + run, i - run);
    if (picture) {
      append_code_point(out, u == 0x7F ? 0x2421u : 0x2400u + u);
    } else {
      out += replacement;
    }
    run = ++i;
  }
  out.append(text.data() + run, text.size() - run);
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  append_html_escaped(out, text);
  return out;
}

void append_html_page_start(std::string& out, std::string_view title, std::string_view extra_css) {
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"generator\" content=\"quotekit ";
  out += kVersion;
  out += "\">\n<title>";
  append_html_escaped(out, title);
  out += "</title>\n<style>";
  out += kStyle;
  out += extra_css;
  out += "</style>\n</head>\n<body>\n";
}

void append_html_page_end(std::string& out) { out += "</body>\n</html>\n"; }

void append_html_in_context(std::string& out, std::string_view text, Span span, std::size_t context) {
  if (span.end > text.size() || span.start > span.end) {
    throw Error(fmt::format("HTML context: span [{},{}) outside a text of {} bytes", span.start, span.end,
                            text.size()));
  }
  // Left edge: `context` bytes back, moved forward to a character start, then past the first
  // white space so that no word is cut (unless there is none).
  std::size_t lo = span.start > context ? span.start - context : 0;
  if (lo > 0) {
    while (lo < span.start && continuation(text[lo])) ++lo;
    std::size_t w = lo;
    while (w < span.start && !is_space(text[w])) ++w;
    if (w < span.start) lo = w + 1;
  }
  std::size_t hi = std::min<std::size_t>(text.size(), span.end + context);
  if (hi < text.size()) {
    while (hi > span.end && continuation(text[hi])) --hi;
    std::size_t w = hi;
    while (w > span.end && !is_space(text[w - 1])) --w;
    if (w > span.end) hi = w - 1;
  }
  out += "<span class=\"context\">";
  if (lo > 0) out += "… ";
  append_flat(out, text.substr(lo, span.start - lo));
  out += "<mark>";
  append_flat(out, text.substr(span.start, span.end - span.start));
  out += "</mark>";
  append_flat(out, text.substr(span.end, hi - span.end));
  if (hi < text.size()) out += " …";
  out += "</span>";
}

}  // namespace quotekit
