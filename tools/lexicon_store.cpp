#include "lexicon_store.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace quotekit::cli {

namespace fs = std::filesystem;

fs::path default_lexicon_path() {
  auto env = [](const char* name) -> std::string {
    const char* v = std::getenv(name);
    return v ? std::string(v) : std::string();
  };
  if (const std::string p = env("QUOTEKIT_LEXICON"); !p.empty()) return p;
  if (const std::string p = env("XDG_CACHE_HOME"); !p.empty())
    return fs::path(p) / "quotekit" / "lexicon.bin";
  if (const std::string p = env("HOME"); !p.empty())
    return fs::path(p) / ".cache" / "quotekit" / "lexicon.bin";
  throw UsageError(
      "no place for the bilingual lexicon: set QUOTEKIT_LEXICON (or HOME), or pass --lexicon PATH");
}

std::optional<Lexicon> open_lexicon(const std::string& explicit_path, bool quiet, bool required) {
  if (!explicit_path.empty()) {
    if (!fs::exists(explicit_path))
      throw InputError(explicit_path, kNoOffset, "no such lexicon file",
                       "build one with 'quotekit lexicon build --out " + explicit_path + "'");
    return Lexicon::load(explicit_path);
  }
  const fs::path path = default_lexicon_path();
  if (fs::exists(path)) return Lexicon::load(path);
  if (!quiet)
    fmt::print(stderr, "quotekit: building the bilingual lexicon at {} (once; a few seconds)\n",
               path.string());
  try {
    const auto t0 = std::chrono::steady_clock::now();
    const LexiconBuildStats stats = build_default_lexicon(path);
    if (!quiet)
      fmt::print(stderr, "quotekit: lexicon built: {:.1f} MB in {:.1f} s\n", double(stats.bytes) / 1e6,
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  } catch (const InputError& e) {
    if (required) throw;
    fmt::print(stderr, "quotekit: no bilingual lexicon: {}\n", e.what());
    return std::nullopt;
  }
  return Lexicon::load(path);
}

}  // namespace quotekit::cli
