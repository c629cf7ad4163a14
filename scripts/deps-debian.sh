#!/usr/bin/env bash
# Installs what OptiBench needs on Debian 12 and skips what is already there.
# Safe to run twice. The package lists below are the only place they are kept.
#
#   scripts/deps-debian.sh [build] [gui] [test] [bench]   (no argument: build gui test)
set -euo pipefail

declare -A GROUPS_PKGS=(
  [build]="build-essential cmake ninja-build pkg-config git ccache
           libtorch-dev libdnnl-dev libsqlite3-dev sqlite3 nlohmann-json3-dev libcli11-dev libgtest-dev"
  [gui]="qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
         libqcustomplot-dev libqcustomplot2.1-qt6 libgl-dev"
  [test]="xvfb xauth"
  [bench]="python3-torch libopenblas0-pthread"
)

groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=(build gui test)

wanted=()
for g in "${groups[@]}"; do
  [ -n "${GROUPS_PKGS[$g]:-}" ] || { echo "deps-debian.sh: unknown group '$g' (build, gui, test, bench)" >&2; exit 2; }
  for p in ${GROUPS_PKGS[$g]}; do wanted+=("$p"); done
done

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && { echo "deps-debian.sh: all ${#wanted[@]} packages present"; exit 0; }

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "deps-debian.sh: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
