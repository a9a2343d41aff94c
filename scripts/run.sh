#!/usr/bin/env bash
# Set up (missing Debian packages), build (release preset) and launch OrderLens on the built-in model.
# Arguments are passed to the app (e.g. a session file).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
orderlens_install_deps

cmake --preset release
cmake --build --preset release --parallel "$(nproc)"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "No display found: starting OrderLens under xvfb-run (set DISPLAY to see the window)." >&2
  exec xvfb-run -a build/release/app/orderlens "$@"
fi
exec build/release/app/orderlens "$@"
