// quotekit/corpus.hpp — reading inputs: plain-text files (one document each), JSON Lines
// corpora (one document a line) and "-" for standard input.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "quotekit/document.hpp"

namespace quotekit {

// A JSON Lines corpus: one record a non-blank line,
//   {"id": "a1" or 17, "text": "...", "outlet"?: "...", "date"?: "...", "lang"?: "ru", "title"?: "..."}.
// "text" (a string) is required; without "id" a record is named "FILE:LINE". A "lang" field
// overrides identification unless options.lang is set. Each Document's source is
// "SOURCE:LINE". The file is UTF-8 (a BOM is skipped); UTF-16 with a BOM or an explicit
// options.encoding is decoded first. A malformed record is an InputError naming `source`, the
// byte offset of the line's start, and the line number in the problem text. Ids are returned as
// written (load_documents() makes them unique).
std::vector<Document> parse_jsonl(std::string_view bytes, const DecodeOptions& options,
                                  std::string_view source);

// True when the input is a JSON Lines corpus: `path` ends in .jsonl or .ndjson (any case), or
// `head` (the first bytes) starts like a JSON object -- '{' then '"' or '}', after an optional
// UTF-8 BOM and whitespace -- and, if its first line is complete, that line ends with '}'.
// ("{Editor's note} ..." stays plain text.)
bool looks_like_jsonl(std::string_view path, std::string_view head);

// Reads every input in order: JSONL corpora give one document per record, other files one
// document whose id is the file name without directories. "-" reads standard input (id "-",
// source "<stdin>"); naming it twice is a UsageError. Throws InputError for a missing,
// unreadable, empty or binary file, naming it. Duplicate ids are kept but renamed: the second
// "x" becomes "x#2", the third "x#3", in input order.
std::vector<Document> load_documents(const std::vector<std::string>& inputs, const DecodeOptions& options);

// Reads a whole file as bytes; throws InputError naming the path when it is missing, a
// directory, or cannot be opened or read.
std::string read_file_bytes(const std::string& path);

}  // namespace quotekit
