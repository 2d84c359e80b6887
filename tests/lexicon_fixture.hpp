// The real bilingual lexicon for tests, built from the installed dictd dictionaries once per
// test binary and shared by its test processes (ctest runs every test in a process of its own;
// a build takes ~4 s, under the sanitizers ~45 s). The file sits in the test temporary directory,
// named after the test binary's modification time, so a relinked binary builds afresh; older
// copies are removed.
#pragma once

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "quotekit/lexicon.hpp"

namespace quotekit::testing_lexicon {

inline bool dictionaries_installed() {
  for (const auto& s : default_dictionaries())
    if (!std::filesystem::exists(s.index)) return false;
  return true;
}

// Path of the shared lexicon file, built when missing; empty when the dictionaries are not
// installed. build_default_lexicon() writes atomically, so processes racing to build it are safe.
inline std::filesystem::path shared_lexicon_path() {
  namespace fs = std::filesystem;
  static const fs::path path = []() -> fs::path {
    if (!dictionaries_installed()) return {};
    struct stat st {};
    const long long stamp =
        ::stat("/proc/self/exe", &st) == 0
            ? static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec
            : 0;
    const std::string prefix = "quotekit-test-lexicon-";
    const fs::path dir = ::testing::TempDir();
    const fs::path p = dir / (prefix + std::to_string(stamp) + ".bin");
    if (!fs::exists(p)) {
      std::error_code ec;
      for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().filename().string().starts_with(prefix)) fs::remove(e.path(), ec);
      build_default_lexicon(p);
    }
    return p;
  }();
  return path;
}

// The shared lexicon, loaded once per process; nullptr when the dictionaries are not installed.
inline const Lexicon* shared_lexicon() {
  static const std::unique_ptr<Lexicon> lex = []() -> std::unique_ptr<Lexicon> {
    const auto p = shared_lexicon_path();
    if (p.empty()) return nullptr;
    return std::make_unique<Lexicon>(Lexicon::load(p));
  }();
  return lex.get();
}

}  // namespace quotekit::testing_lexicon
