// tools/lexicon_store.hpp — where the CLI keeps the bilingual lexicon, and loading it (building
// it on first use). Shared by `quotekit align`, `quotekit lexicon` and `search --cross-lingual`.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "quotekit/lexicon.hpp"

namespace quotekit::cli {

// $QUOTEKIT_LEXICON when set; else $XDG_CACHE_HOME/quotekit/lexicon.bin; else
// $HOME/.cache/quotekit/lexicon.bin. UsageError when none of these variables is set.
std::filesystem::path default_lexicon_path();

// The lexicon at `explicit_path` (must exist: InputError otherwise), or at
// default_lexicon_path(), built there from the installed dictionaries when missing (a note on
// stderr unless quiet; a few seconds). When the default lexicon cannot be built (dictionaries
// not installed), returns nullopt after a note naming the packages, so callers can fall back to
// length-only alignment; `required` turns that into the InputError instead.
std::optional<Lexicon> open_lexicon(const std::string& explicit_path, bool quiet, bool required = false);

}  // namespace quotekit::cli
