#!/usr/bin/env bash
# Installs exactly the Debian packages quotekit needs to build, test and benchmark.
# Idempotent: packages already present are left alone. Must run as root (or via sudo).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libicu-dev            # normalization, case folding, segmentation, transliteration, charsets
  libboost-locale-dev   # legacy encodings
  libboost-dev          # Boost.Sort (header-only): the LSH index sorts its bands by radix
  libxxhash-dev         # XXH3 fingerprints
  libfmt-dev            # formatting
  libstemmer-dev        # Snowball stemmers (english, russian, turkish)
  nlohmann-json3-dev    # JSON Lines in and out
  libsqlite3-dev        # persistent archive
  libgtest-dev libgmock-dev googletest  # tests
  libbenchmark-dev      # benchmarks
  libcli11-dev          # command-line parsing
  mueller7-dict dict-freedict-eng-tur dict-freedict-tur-eng  # bilingual lexicon sources (dictd)
  zlib1g-dev            # reading .dict.dz dictionaries
  clang libclang-rt-dev # sanitizer build (ASan + UBSan)
  chromium              # headless browser: the drift HTML report test loads the page in it
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "setup: these packages are missing: ${missing[*]}" >&2
    echo "setup: run this script as root (or install sudo) so it can call apt-get" >&2
    exit 1
  fi
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
