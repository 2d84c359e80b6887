#!/usr/bin/env bash
# The main job on the bundled sample corpus: install, build, then find the talking points of
# testdata/corpus/ (plain-text excerpts and the 26-interview JSONL corpus).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh" >&2
"$here/scripts/build.sh" "$here/build" >&2
"$here/build/quotekit" neardup "$@" "$here"/testdata/corpus/*
