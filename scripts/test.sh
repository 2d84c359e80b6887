#!/usr/bin/env bash
# Everything CI runs: install the Debian packages, build, run the whole test suite, then the
# same suite again under AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh"

echo "== build (RelWithDebInfo) and test"
"$here/scripts/build.sh" "$here/build"
ctest --test-dir "$here/build" --output-on-failure -j"$(nproc)"

if [ "${QUOTEKIT_SKIP_SANITIZERS:-0}" != 1 ]; then
  echo "== build (ASan + UBSan, clang) and test"
  CC=clang CXX=clang++ "$here/scripts/build.sh" "$here/build-sanitize" \
    -DQUOTEKIT_SANITIZE=ON -DQUOTEKIT_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=Debug
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$here/build-sanitize" --output-on-failure -j"$(nproc)"
fi
