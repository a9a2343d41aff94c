#!/usr/bin/env bash
# Set up (missing Debian packages), build (release preset) and run every ctest suite headless,
# then build the libFuzzer targets (preset fuzz) and run each for a bounded time.
# Usage: scripts/test.sh [extra ctest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
orderlens_install_deps

export QT_QPA_PLATFORM=offscreen
cmake --preset release
cmake --build --preset release --parallel "$(nproc)"
ctest --preset release --parallel "$(nproc)" "$@"

# The safetensors and BERT config parsers under libFuzzer (clang, ASan + UBSan), 30 s each.
cmake --preset fuzz
cmake --build --preset fuzz --parallel "$(nproc)"
ctest --preset fuzz --parallel "$(nproc)"
