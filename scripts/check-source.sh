#!/usr/bin/env bash
# The source checks CI runs before building: every C++ file formatted as .clang-format says
# (Debian 12's clang-format-14), and every include pointing down the layers (scripts/check-layers.py).
# --fix formats the files in place instead of failing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps-debian.sh lint >/dev/null
mapfile -t files < <(git ls-files '*.h' '*.cpp')
if [ "${1:-}" = "--fix" ]; then
  clang-format-14 -i "${files[@]}"
else
  clang-format-14 --dry-run --Werror "${files[@]}" || {
    echo "check-source.sh: files above are not formatted; run scripts/check-source.sh --fix" >&2
    exit 1
  }
  echo "format: ${#files[@]} files formatted as .clang-format says"
fi
scripts/check-layers.py
