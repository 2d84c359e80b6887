// quotekit/corpus.hpp — reading inputs: plain-text files (one document each), JSON Lines
// corpora (one document a line) and "-" for standard input.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "quotekit/document.hpp"

namespace quotekit {

// A JSONL record: {"id": ..., "text": ..., "outlet"?, "date"?, "lang"?, "title"?}.
// `id` and `text` are required; a record without them is an InputError naming source:line.
// A "lang" field overrides identification unless options.lang is set.
std::vector<Document> parse_jsonl(std::string_view bytes, const DecodeOptions& options,
                                  std::string_view source);

// True when `path` names a JSON Lines corpus (.jsonl / .ndjson, or content starting with '{').
bool looks_like_jsonl(std::string_view path, std::string_view head);

// Reads every input in order. "-" reads standard input once. Throws InputError for a missing,
// unreadable, empty or binary file, naming it.
std::vector<Document> load_documents(const std::vector<std::string>& inputs,
                                     const DecodeOptions& options);

// Reads a whole file as bytes; throws InputError naming the path when it cannot.
std::string read_file_bytes(const std::string& path);

}  // namespace quotekit
