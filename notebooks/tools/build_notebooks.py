#!/usr/bin/env python3
"""Builds notebooks/NN-name.ipynb from notebooks/tools/src/NN-name.cells (the authoring source).

A .cells file is a sequence of cells, each starting with a line that is exactly `%% markdown` or `%% code`;
blank lines around a cell's text are dropped. `%% code nondeterministic` marks a code cell whose output may differ
between runs (timings, the LeNet run that CONVKIT_SUBSET shortens): its metadata gets
{"convkit": {"nondeterministic": true}}, and the notebook test does not compare its output. When the code cells are exactly those of the existing notebook
(only markdown changed), its outputs are kept; otherwise the notebook is written WITHOUT outputs: fill them
with the headless runner,  ./convkit run-notebooks --update NN   (that is how the committed outputs are made).

Usage: /usr/bin/python3 notebooks/tools/build_notebooks.py [NAME ...]     (NAME: e.g. 01 or 01-cross-correlation)
Needs only the standard library.
"""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SRC = ROOT / "notebooks" / "tools" / "src"
OUT = ROOT / "notebooks"

METADATA = {
    "kernelspec": {"name": "java", "display_name": "Java (convkit)", "language": "java"},
    "language_info": {"name": "java", "file_extension": ".jshell", "mimetype": "text/x-java-source",
                      "codemirror_mode": "java", "pygments_lexer": "java"},
}


def parse(path):
    cells, kind, lines, nondeterministic = [], None, [], False

    def flush():
        if kind is not None:
            text = "\n".join(lines).strip("\n")
            if not text.strip():
                raise SystemExit(f"{path}: empty {kind} cell")
            cells.append((kind, text, nondeterministic))

    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("%% "):
            flush()
            kind, *flags = line[3:].split()
            if kind not in ("markdown", "code"):
                raise SystemExit(f"{path}:{n}: unknown cell kind {kind!r}")
            if any(f != "nondeterministic" for f in flags) or (flags and kind != "code"):
                raise SystemExit(f"{path}:{n}: unknown cell flag in {line!r} (only `%% code nondeterministic`)")
            nondeterministic = bool(flags)
            lines = []
        elif kind is None:
            if line.strip():
                raise SystemExit(f"{path}:{n}: text before the first '%% markdown' or '%% code' line")
        else:
            lines.append(line)
    flush()
    return cells


def source_lines(text):
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + [parts[-1]]


def build(path):
    cells = []
    for i, (kind, text, nondeterministic) in enumerate(parse(path)):
        metadata = {"convkit": {"nondeterministic": True}} if nondeterministic else {}
        cell = {"cell_type": kind, "id": f"{path.stem[:2]}-{i:02d}", "metadata": metadata, "source": source_lines(text)}
        if kind == "code":
            cell["execution_count"] = None
            cell["outputs"] = []
        cells.append(cell)
    nb = {"cells": cells, "metadata": METADATA, "nbformat": 4, "nbformat_minor": 5}
    target = OUT / (path.stem + ".ipynb")
    kept = ""
    if target.exists():
        old = json.loads(target.read_text(encoding="utf-8"))
        old_code = [c for c in old["cells"] if c["cell_type"] == "code"]
        new_code = [c for c in cells if c["cell_type"] == "code"]
        if ["".join(c["source"]) for c in old_code] == ["".join(c["source"]) for c in new_code]:
            for o, n in zip(old_code, new_code):
                n["outputs"] = o.get("outputs", [])
                n["execution_count"] = o.get("execution_count")
                if o.get("metadata"):
                    n["metadata"] = {**o["metadata"], **n["metadata"]}
            nb["metadata"] = old.get("metadata", METADATA)
            kept = ", code unchanged: outputs kept"
    target.write_text(json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {target.relative_to(ROOT)} ({len(cells)} cells{kept})")


def main(names):
    sources = sorted(SRC.glob("*.cells"))
    if names:
        sources = [s for s in sources if any(s.stem == n or s.stem.startswith(n + "-") for n in names)]
        if not sources:
            raise SystemExit(f"no source matches {names}")
    for s in sources:
        build(s)


if __name__ == "__main__":
    main(sys.argv[1:])
