#!/usr/bin/env bash
# Installs the Debian 12 packages OrderLens needs, only those missing. Sourced by run.sh and test.sh.
set -euo pipefail

ORDERLENS_PACKAGES=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6svg6
  libqcustomplot-dev libeigen3-dev libopenblas-dev libdnnl-dev ocl-icd-opencl-dev nlohmann-json3-dev libgtest-dev
  libicu-dev
  clang libclang-rt-14-dev libomp-14-dev
  libgl-dev fonts-wqy-microhei xvfb xauth qt6-translations-l10n
)

orderlens_missing_packages() {
  local missing=()
  for p in "${ORDERLENS_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  echo "${missing[@]:-}"
}

orderlens_install_deps() {
  local missing
  missing=$(orderlens_missing_packages)
  [ -z "$missing" ] && return 0
  echo "Installing missing Debian packages: $missing"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -q
  # shellcheck disable=SC2086
  $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends $missing
}
