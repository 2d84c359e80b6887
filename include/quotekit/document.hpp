// quotekit/document.hpp — decode: bytes in any supported encoding become a Document whose
// text is valid UTF-8. Every span downstream is a byte offset into Document::text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "quotekit/base.hpp"

namespace quotekit {

struct Document {
  std::string id;    // file name, JSONL "id", or "-" for standard input
  std::string text;  // UTF-8, BOM removed; U+FFFD already in the input is kept as is
  Lang lang = Lang::unknown;
  std::string encoding;  // the source encoding: "UTF-8", "UTF-16LE", "windows-1251", ...
  std::string source;    // where it came from: a path, "<stdin>", or "path:LINE" for JSONL records
  std::string outlet;    // optional metadata (JSONL corpora)
  std::string date;      // ISO 8601 where known
  std::string title;
  std::size_t replaced = 0;  // invalid sequences replaced by U+FFFD under --lossy
};

struct DecodeOptions {
  std::string encoding;       // empty or "auto": detect; otherwise a name or alias (see decode())
  bool lossy = false;         // replace invalid sequences with U+FFFD (and count) instead of failing
  Lang lang = Lang::unknown;  // unknown: identify per document
};

// "UTF-8, UTF-16LE, UTF-16BE, windows-1251, KOI8-R, windows-1254, ISO-8859-9" — for messages.
std::string_view supported_encodings() noexcept;

struct Decoded {
  std::string text;      // UTF-8
  std::string encoding;  // canonical name of the encoding used
  std::size_t replaced = 0;
};

// Converts to UTF-8, detecting the encoding unless options.encoding names one:
//  - a BOM decides (UTF-8, UTF-16LE, UTF-16BE; the BOM is removed);
//  - well-formed UTF-8 (or ASCII) is UTF-8;
//  - UTF-8 with a few ill-formed sequences among valid multi-byte ones is damaged UTF-8: an
//    error, or under options.lossy each ill-formed sequence becomes U+FFFD (counted in replaced);
//  - otherwise a legacy 8-bit encoding: windows-1251 or KOI8-R for Cyrillic text, windows-1254
//    or ISO-8859-9 for Turkish (the heuristics are described in toolkit/decode.cpp).
// options.encoding accepts the names above case-insensitively and aliases (utf8, utf-16 (needs
// a BOM), cp1251, win1251, koi8r, cp1254, latin5, iso8859-9, ...); anything else is a
// UsageError listing them. An explicit encoding is applied as given, except that a BOM of that
// same encoding is removed.
// Throws InputError naming `source` and the byte offset (into `bytes`, BOM included) for: empty
// input ("file is empty"), a NUL byte ("binary data"), invalid UTF-8 (unless options.lossy),
// bytes invalid in the requested encoding, and text too large for 32-bit spans (4 GiB).
Decoded decode(std::string_view bytes, const DecodeOptions& options, std::string_view source);

// Script- and function-word-based identification of the first 64 KiB: en, ru, tr, or other
// (other scripts, other Latin-script languages including Azerbaijani, other Cyrillic alphabets
// such as Ukrainian); unknown for text with too few letters to tell.
Lang identify_language(std::string_view utf8_text);

// decode() + identify_language() (unless options.lang is set) into a Document; `source` is
// recorded as Document::source.
Document make_document(std::string id, std::string_view bytes, const DecodeOptions& options,
                       std::string_view source);

}  // namespace quotekit
