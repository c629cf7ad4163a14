#!/usr/bin/env bash
# Installs what is missing, builds OptiBench with its tests and runs the whole suite (GUI
# tests under Xvfb; the cluster tests against a Slurm they start on loopback). Extra arguments
# go to ctest (e.g. -L core).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps-debian.sh build gui test cluster
cmake -G Ninja -S . -B build -DBUILD_TESTING=ON
cmake --build build
xvfb-run -a -s "-screen 0 1600x1000x24" ctest --test-dir build --output-on-failure -j2 "$@"
