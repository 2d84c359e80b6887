#include "quotekit/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string_view>

namespace quotekit {

namespace {

constexpr std::size_t kKindWidth = 9;  // "furniture"
constexpr std::size_t kRoleWidth = 8;  // "question"
constexpr std::size_t kMaxSpeakerWidth = 24;

// The statement's text; a span outside the document is a segmenter bug, reported as such
// rather than read out of bounds.
std::string_view statement_slice(const Document& doc, const Statement& st) {
  if (st.span.start > st.span.end || st.span.end > doc.text.size()) {
    throw Error(fmt::format("{}: statement {} has span [{},{}) outside the document's {} bytes", doc.id,
                            st.index, st.span.start, st.span.end, doc.text.size()));
  }
  return slice(doc.text, st.span);
}

std::size_t code_points(std::string_view s) noexcept {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

void append_padded(std::string& out, std::string_view s, std::size_t width) {
  out += s;
  const std::size_t used = code_points(s);
  if (used < width) out.append(width - used, ' ');
}

// Copies UTF-8 text, showing C0 controls and DEL as Unicode control pictures (U+2400..U+2421)
// so that one record stays one line. Runs of ordinary bytes are copied in one go.
void append_visible(std::string& out, std::string_view text) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != 0x7F) continue;
    out.append(text.data() + run, i - run);
    const unsigned picture = c == 0x7F ? 0x2421u : 0x2400u + c;
    out += static_cast<char>(0xE0 | (picture >> 12));
    out += static_cast<char>(0x80 | ((picture >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (picture & 0x3F));
    run = i + 1;
  }
  out.append(text.data() + run, text.size() - run);
}

std::string_view speaker_or_dash(const Statement& st) noexcept {
  return st.speaker.empty() ? std::string_view("-") : std::string_view(st.speaker);
}

std::string_view role_or_dash(Role role) noexcept { return role == Role::none ? "-" : to_string(role); }

}  // namespace

void append_statement_json(std::string& out, const Document& doc, const Statement& st) {
  const std::string_view text = statement_slice(doc, st);
  // ordered_json keeps the contract's field order, so records read the same in every command.
  nlohmann::ordered_json j;
  j["doc"] = doc.id;
  j["index"] = st.index;
  j["kind"] = to_string(st.kind);
  j["role"] = st.role == Role::none ? nlohmann::ordered_json() : nlohmann::ordered_json(to_string(st.role));
  j["speaker"] = st.speaker.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(st.speaker);
  j["turn"] = st.turn;
  j["parent"] = st.kind == StatementKind::quote && st.parent >= 0 ? nlohmann::ordered_json(st.parent)
                                                                  : nlohmann::ordered_json();
  j["lang"] =
      doc.lang == Lang::unknown ? nlohmann::ordered_json() : nlohmann::ordered_json(to_string(doc.lang));
  j["start"] = st.span.start;
  j["end"] = st.span.end;
  j["text"] = text;
  // strict: Document::text is valid UTF-8 by contract, so a failure here is a bug worth seeing.
  out += j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::strict);
}

std::string statement_json(const Document& doc, const Statement& st) {
  std::string out;
  append_statement_json(out, doc, st);
  return out;
}

TextColumns text_columns(const Document& doc, const std::vector<Statement>& statements) {
  TextColumns c;
  const std::size_t id = code_points(doc.id);
  for (const Statement& st : statements) {
    c.ref = std::max(c.ref, id + 1 + fmt::formatted_size("{}", st.index));
    c.span = std::max(c.span, fmt::formatted_size("[{},{})", st.span.start, st.span.end));
    c.speaker = std::max(c.speaker, std::min(kMaxSpeakerWidth, code_points(speaker_or_dash(st))));
  }
  return c;
}

void append_statement_text(std::string& out, const Document& doc, const Statement& st,
                           const TextColumns& columns) {
  const std::string_view text = statement_slice(doc, st);
  append_padded(out, fmt::format("{}#{}", doc.id, st.index), columns.ref);
  out += "  ";
  append_padded(out, fmt::format("[{},{})", st.span.start, st.span.end), columns.span);
  out += "  ";
  append_padded(out, to_string(st.kind), kKindWidth);
  out += "  ";
  append_padded(out, role_or_dash(st.role), kRoleWidth);
  out += "  ";
  append_padded(out, speaker_or_dash(st), columns.speaker);
  out += "  \u2502 ";
  append_visible(out, text);
}

std::string statement_text(const Document& doc, const Statement& st, const TextColumns& columns) {
  std::string out;
  append_statement_text(out, doc, st, columns);
  return out;
}

}  // namespace quotekit
