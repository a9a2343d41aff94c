#!/usr/bin/env bash
# Installs the peers `orderlens bench --only bert` measures itself against, into DIR (default
# build/peers): ONNX Runtime's Node.js binding at a pinned version (its CPU library ships inside
# the package; --ignore-scripts skips the install script, which only fetches GPU parts) and the
# BERT-base module of tests/perf/torch_bert_forward.py exported to ONNX with Debian's
# python3-torch (installed here when missing). PyTorch itself needs nothing more than python3-torch.
# Usage: tests/perf/setup-peers.sh [DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
dir="${1:-build/peers}"
mkdir -p "$dir"
if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends python3-torch
fi
if [ ! -f "$dir/node_modules/onnxruntime-node/package.json" ]; then
  npm install --prefix "$dir" --ignore-scripts --no-audit --no-fund onnxruntime-node@1.30.0
fi
if [ ! -f "$dir/bert.onnx" ]; then
  /usr/bin/python3 tests/perf/onnx_bert_export.py "$dir/bert.onnx.part"
  mv "$dir/bert.onnx.part" "$dir/bert.onnx"
fi
echo "peers ready in $dir: ONNX Runtime $(node -p "require('$PWD/$dir/node_modules/onnxruntime-node/package.json').version")"
