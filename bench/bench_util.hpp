// Shared helpers for the benchmarks: peak memory of the process, the interviews corpus.
#pragma once

#include <sys/resource.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "quotekit/corpus.hpp"
#include "quotekit/document.hpp"

namespace quotekit::bench {

// Peak resident set size of this process so far, in MiB (Linux reports ru_maxrss in KiB).
inline double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// The .txt files of ../shared/corpora/interviews as documents, in file-name order; loaded once.
inline const std::vector<Document>& interview_documents() {
  static const std::vector<Document> docs = [] {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(fs::path(QUOTEKIT_SHARED_CORPORA) / "interviews"))
      if (e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<Document> out;
    for (const auto& f : files) {
      out.push_back(
          make_document(f.filename().string(), read_file_bytes(f.string()), DecodeOptions{}, f.string()));
    }
    return out;
  }();
  return docs;
}

}  // namespace quotekit::bench
