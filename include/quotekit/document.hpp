// quotekit/document.hpp — decode: bytes in any supported encoding become a Document whose
// text is valid UTF-8. Every span downstream is a byte offset into Document::text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "quotekit/base.hpp"

namespace quotekit {

struct Document {
  std::string id;        // file name, JSONL "id", or "-" for standard input
  std::string text;      // UTF-8, BOM removed; U+FFFD already in the input is kept as is
  Lang lang = Lang::unknown;
  std::string encoding;  // the source encoding: "UTF-8", "UTF-16LE", "windows-1251", ...
  std::string source;    // where it came from: a path, "-", or "path:line" for JSONL records
  std::string outlet;    // optional metadata (JSONL corpora)
  std::string date;      // ISO 8601 where known
  std::string title;
  std::size_t replaced = 0;  // invalid sequences replaced by U+FFFD under --lossy
};

struct DecodeOptions {
  std::string encoding;  // empty: detect; otherwise one of supported_encodings()
  bool lossy = false;    // replace invalid UTF-8 with U+FFFD (and count) instead of failing
  Lang lang = Lang::unknown;  // unknown: identify per document
};

// "UTF-8", "UTF-16LE", "UTF-16BE", "windows-1251", "KOI8-R", "windows-1254", "ISO-8859-9".
std::string_view supported_encodings() noexcept;

struct Decoded {
  std::string text;      // UTF-8
  std::string encoding;  // canonical name of the encoding used
  std::size_t replaced = 0;
};

// Detects (or applies options.encoding) and converts to UTF-8.
// Throws InputError naming `source` and the byte offset for: empty input, NUL bytes / binary
// data, invalid UTF-8 (unless options.lossy), bytes invalid in the requested encoding.
Decoded decode(std::string_view bytes, const DecodeOptions& options, std::string_view source);

// Script- and stop-word-based identification: en, ru, tr, or other; unknown for text with too
// few letters to tell.
Lang identify_language(std::string_view utf8_text);

// decode() + identify_language() (unless options.lang is set) into a Document.
Document make_document(std::string id, std::string_view bytes, const DecodeOptions& options,
                       std::string_view source);

}  // namespace quotekit
