#!/usr/bin/env bash
# Installs what is missing, builds OptiBench and launches the desktop app on the built-in demo
# model. Extra arguments go to the app (e.g. --db FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps-debian.sh build gui
cmake -G Ninja -S . -B build -DBUILD_TESTING=OFF
cmake --build build --target optibench optibench-cli
exec build/bin/optibench "$@" demo:tiny-bert
