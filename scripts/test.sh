#!/usr/bin/env bash
# Set up (missing Debian packages), build (release preset) and run every ctest suite headless;
# then the core suites under AddressSanitizer + UBSan (preset asan-ubsan, gcc, no GUI); then build
# the libFuzzer targets (preset fuzz, clang) and run each for a bounded time.
# Usage: scripts/test.sh [extra ctest arguments for the release suites]
# Time (2 cores, no ccache): see README "Reliability"; ORDERLENS_FUZZ_SECONDS (default 30) sets
# how long each fuzzer runs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
orderlens_install_deps

export QT_QPA_PLATFORM=offscreen
cmake --preset release
cmake --build --preset release --parallel "$(nproc)"
ctest --preset release --parallel "$(nproc)" "$@"

# Memory errors and undefined behaviour in core: every core suite under ASan + UBSan (leaks
# included); the test preset bounds each suite's time and sets the sanitizer options.
cmake --preset asan-ubsan
cmake --build --preset asan-ubsan --parallel "$(nproc)"
ctest --preset asan-ubsan --parallel "$(nproc)"

# The safetensors, BERT config, lexicon tokenizer, built-in model config, session and lesson
# parsers under libFuzzer (clang, ASan + UBSan), ORDERLENS_FUZZ_SECONDS each.
cmake --preset fuzz -DORDERLENS_FUZZ_SECONDS="${ORDERLENS_FUZZ_SECONDS:-30}"
cmake --build --preset fuzz --parallel "$(nproc)"
ctest --preset fuzz --parallel "$(nproc)"
