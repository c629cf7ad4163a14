#!/usr/bin/env python3
"""Checks that every project include points down the layer table below, never up.

A source file's layer is its folder (engine/models, ui/pages, app/core, ...). It may include
headers of its own folder and of the folders its layer builds on, directly or through the
layers below those. docs/architecture.md explains the layers; this table is where they are
defined. Run from anywhere: exits 1 and names each include that points up.
"""
import pathlib
import re
import sys

# layer: the layers it builds on (each brings everything below it).
LAYERS = {
    # The run options' values, ranges and rules: below everything that reads a spec.
    "options": [],
    # Intervals, verdicts, the noise rule and the metric table: below whatever measures or judges.
    "stats": [],
    # The engine. formats/ and text/ are the LibTorch-free library (optibench_formats).
    "engine/formats": ["options"],
    "engine/text": ["engine/formats"],
    "engine/kernels": ["engine/formats"],
    "engine/measure": ["engine/kernels", "stats"],
    "engine/models": ["engine/measure", "engine/text"],
    "engine/data": ["engine/kernels"],
    "engine/optimize": ["engine/models", "engine/data"],
    "engine/train": ["engine/optimize"],
    "engine/run": ["engine/train"],
    "engine": [],  # the precompiled header only
    # The profiler: the LibTorch-free trace model, then the tracers.
    "profiler/trace": [],
    "profiler/tracers": ["profiler/trace"],
    # The application: core (spec, store, protocol) knows nothing of the engine.
    "app/core": ["profiler/trace", "options", "stats"],
    "app/session": ["app/core", "engine/run", "profiler/tracers"],
    "app/cli": ["app/session"],
    "tools": ["app/session"],
    # The desktop application: never LibTorch, so of the engine only its LibTorch-free library.
    "ui/models": ["app/core", "engine/formats"],
    "ui/widgets": ["ui/models"],
    "ui/charts": ["ui/widgets"],
    "ui/timeline": ["ui/charts"],
    "ui/pages": ["ui/timeline"],
    "ui/panels": ["ui/pages"],
    "ui/window": ["ui/panels"],
    "app/gui": ["ui/window"],
}
ROOTS = ("options", "stats", "engine", "profiler", "app", "ui", "tools")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def below(layer, seen=None):
    seen = set() if seen is None else seen
    for lower in LAYERS[layer]:
        if lower not in seen:
            seen.add(lower)
            below(lower, seen)
    return seen


def layer_of(path):
    folder = str(path.parent)
    return folder if folder in LAYERS else None


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    errors = []
    for top in ROOTS:
        for path in sorted((root / top).rglob("*")):
            if path.suffix not in (".h", ".cpp") or not path.is_file():
                continue
            rel = path.relative_to(root)
            layer = layer_of(rel)
            if layer is None:
                errors.append(f"{rel}: folder {rel.parent} is not in the layer table (scripts/check-layers.py)")
                continue
            allowed = below(layer) | {layer}
            text = path.read_text(encoding="utf-8")
            for match in INCLUDE.finditer(text):
                target = pathlib.PurePosixPath(match.group(1))
                if target.parts[0] not in ROOTS:
                    continue
                to = str(target.parent)
                if to not in allowed:
                    line = text.count("\n", 0, match.start()) + 1
                    errors.append(f"{rel}:{line}: includes {target}, but {layer} may use only "
                                  f"{', '.join(sorted(allowed))}")
    for e in errors:
        print(e)
    if errors:
        print(f"{len(errors)} include(s) point up the layers (docs/architecture.md, \"Layers\")")
        return 1
    print(f"layers: every include of {', '.join(ROOTS)} points down")
    return 0


if __name__ == "__main__":
    sys.exit(main())
