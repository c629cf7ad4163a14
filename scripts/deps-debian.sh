#!/usr/bin/env bash
# Installs what OptiBench needs on Debian 12 and skips what is already there.
# Safe to run twice. The package lists below are the only place they are kept.
# The bench group also installs onnxruntime-node into tests/bench/ort/node_modules with npm
# (versions pinned by tests/bench/ort/package-lock.json) when it is not there yet.
#
#   scripts/deps-debian.sh [build] [gui] [test] [lint] [bench] [cluster]   (no argument: build gui test)
set -euo pipefail

declare -A GROUPS_PKGS=(
  [build]="build-essential cmake ninja-build pkg-config git ccache
           libtorch-dev libdnnl-dev libsqlite3-dev sqlite3 nlohmann-json3-dev libcli11-dev libgtest-dev"
  [gui]="qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
         libqcustomplot-dev libqcustomplot2.1-qt6 libgl-dev"
  [test]="xvfb xauth"
  [lint]="clang-format-14 python3"
  [bench]="python3-torch libopenblas0-pthread python3-onnx nodejs npm"
  [cluster]="slurmctld slurmd slurm-client munge openssh-server openssh-client"
)
# Packages that count as present when their command is: NodeSource's nodejs carries npm and
# conflicts with Debian's npm package.
declare -A PROVIDED_BY_COMMAND=([npm]=npm [nodejs]=node)

groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=(build gui test)

wanted=()
for g in "${groups[@]}"; do
  [ -n "${GROUPS_PKGS[$g]:-}" ] || { echo "deps-debian.sh: unknown group '$g' (build, gui, test, lint, bench, cluster)" >&2; exit 2; }
  for p in ${GROUPS_PKGS[$g]}; do wanted+=("$p"); done
done

missing=()
for p in "${wanted[@]}"; do
  cmd="${PROVIDED_BY_COMMAND[$p]:-}"
  [ -n "$cmd" ] && command -v "$cmd" >/dev/null 2>&1 && continue
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "deps-debian.sh: all ${#wanted[@]} packages present"
else
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "deps-debian.sh: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# bench: ONNX Runtime for the timing reference (tests/bench/ort), from the npm registry.
if [[ " ${groups[*]} " == *" bench "* ]]; then
  ort_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/bench/ort"
  if [ -d "$ort_dir/node_modules/onnxruntime-node" ]; then
    echo "deps-debian.sh: onnxruntime-node present"
  else
    echo "deps-debian.sh: installing onnxruntime-node into $ort_dir/node_modules"
    # --ignore-scripts: the package's install script only fetches GPU libraries; the CPU ones ship in it.
    if [ -f "$ort_dir/package-lock.json" ]; then
      (cd "$ort_dir" && npm ci --ignore-scripts --no-audit --no-fund)
    else
      (cd "$ort_dir" && npm install --ignore-scripts --no-audit --no-fund)
    fi
  fi
fi
