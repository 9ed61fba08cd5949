#!/usr/bin/env python3
"""Builds notebooks/NN-name.ipynb from notebooks/tools/src/NN-name.cells (the authoring source).

A .cells file is a sequence of cells, each starting with a line that is exactly `%% markdown` or `%% code`;
blank lines around a cell's text are dropped. `%% code nondeterministic` marks a code cell whose output may differ
between runs (timings, the LeNet run that CONVKIT_SUBSET shortens): its metadata gets
{"convkit": {"nondeterministic": true}}, and the notebook test does not compare its output. When the code cells are exactly those of the existing notebook
(only markdown changed), its outputs are kept; otherwise the notebook is written WITHOUT outputs: fill them
with the headless runner,  ./convkit run-notebooks --update NN   (that is how the committed outputs are made).

Editions: notebooks/ja/NN-name.ipynb and notebooks/zh/NN-name.ipynb are built from the SAME .cells source: their
code cells are the English ones, character for character, and their markdown cells come from the translation
notebooks/tools/i18n/LANG/NN-name.md. A translation holds one block per English markdown cell, in order:

    %% markdown 3f2a9c1e0b7d
    (the translated text)

where 3f2a9c1e0b7d is the first 12 hex digits of the SHA-256 of the English cell's text it translates. When the
English text changes, the hash no longer matches: the translation is STALE (it is still used, under a translator's
note, and NotebookTranslationsTest fails until it is brought in step). `--sync LANG` rewrites the translation files
aligned with the English cells: a changed cell gets the new hash and the flag `stale`, its English diff as `%%| `
lines (notes for the translator, never built), a new cell `new` and the English text to translate; deleted cells are
dropped. The translator revises the text and deletes the flag. `--status` lists what is stale or missing.

Usage: /usr/bin/python3 notebooks/tools/build_notebooks.py [--lang en|ja|zh] [NAME ...]   (NAME: e.g. 01 or 01-cross-correlation)
       /usr/bin/python3 notebooks/tools/build_notebooks.py --status [NAME ...]
       /usr/bin/python3 notebooks/tools/build_notebooks.py --sync LANG [NAME ...]
Needs only the standard library (and git for the English diffs of --sync).
"""
import difflib
import hashlib
import subprocess
import tempfile
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
SRC = ROOT / "notebooks" / "tools" / "src"
I18N = ROOT / "notebooks" / "tools" / "i18n"
OUT = ROOT / "notebooks"
EDITIONS = ("ja", "zh")
NOTE_STALE = {
    "ja": "> **翻訳注**: この節の英語の原文は翻訳の後に改められました。最新の内容は英語版を参照してください。",
    "zh": "> **译注**：本段英文原文在翻译之后有所修改，最新内容请参阅英文版。",
}
NOTE_MISSING = {
    "ja": "> **翻訳注**: この節はまだ翻訳されていません（英語の原文）。",
    "zh": "> **译注**：本段尚未翻译（英文原文）。",
}

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


def digest(text):
    """The hash a translation names its English cell by: 12 hex digits of the SHA-256 of the cell's text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def translation_path(lang, stem):
    return I18N / lang / (stem + ".md")


def parse_translation(path):
    """The blocks of a translation file: [(hash, flag or None, text)], one per `%% markdown HASH [stale|new]` line."""
    entries, head, lines = [], None, []

    def flush():
        if head is not None:
            text = "\n".join(lines).strip("\n")
            if not text.strip():
                raise SystemExit(f"{path}: empty translation for English cell {head[0]}")
            entries.append((head[0], head[1], text))

    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("%%| ") or line == "%%|":
            continue  # a note for the translator (e.g. the English diff), never built
        if line.startswith("%% "):
            flush()
            parts = line[3:].split()
            if len(parts) not in (2, 3) or parts[0] != "markdown" or len(parts[1]) != 12 \
                    or any(c not in "0123456789abcdef" for c in parts[1]) or (len(parts) == 3 and parts[2] not in ("stale", "new")):
                raise SystemExit(f"{path}:{n}: expected '%% markdown HASH' (12 hex digits), optionally followed by "
                                 f"'stale' or 'new', but got {line!r}")
            head, lines = (parts[1], parts[2] if len(parts) == 3 else None), []
        elif head is None:
            if line.strip():
                raise SystemExit(f"{path}:{n}: text before the first '%% markdown HASH' line")
        else:
            lines.append(line)
    flush()
    return entries


def align(english, entries):
    """Pairs each English markdown text with its translation: [(state, entry or None)] in English order, and the
    entries no English cell has any more. state: fresh (hash matches, no flag), stale (the English changed: old
    hash, or flagged stale), new (flagged new: the English text awaiting translation), missing (no entry)."""
    hashes = [digest(t) for t in english]
    result, removed = [None] * len(english), []
    ops = difflib.SequenceMatcher(None, [e[0] for e in entries], hashes, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2)):
                flag = entries[i][1]
                result[j] = ("fresh" if flag is None else flag, entries[i])
        else:
            pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
            for k in range(pairs):
                result[j1 + k] = ("stale", entries[i1 + k])
            for j in range(j1 + pairs, j2):
                result[j] = ("missing", None)
            removed.extend(entries[i1 + pairs:i2])
    return result, removed


def edition_markdown(lang, english_text, state, entry):
    if state == "fresh":
        return entry[2]
    if state == "stale" or (state == "new" and entry[2] != english_text):
        return NOTE_STALE[lang] + "\n\n" + entry[2]
    return NOTE_MISSING[lang] + "\n\n" + english_text


def build(path, lang="en"):
    source = parse(path)
    pairs = None
    if lang != "en":
        tpath = translation_path(lang, path.stem)
        if not tpath.exists():
            print(f"no {lang} translation {tpath.relative_to(ROOT)}: notebooks/{lang}/{path.stem}.ipynb not built "
                  f"(start one with --sync {lang} {path.stem[:2]})")
            return
        pairs, removed = align([t for k, t, _ in source if k == "markdown"], parse_translation(tpath))
    cells, md = [], 0
    for i, (kind, text, nondeterministic) in enumerate(source):
        metadata = {"convkit": {"nondeterministic": True}} if nondeterministic else {}
        if kind == "markdown" and pairs is not None:
            state, entry = pairs[md]
            md += 1
            text = edition_markdown(lang, text, state, entry)
        cell = {"cell_type": kind, "id": f"{path.stem[:2]}-{i:02d}", "metadata": metadata, "source": source_lines(text)}
        if kind == "code":
            cell["execution_count"] = None
            cell["outputs"] = []
        cells.append(cell)
    metadata = METADATA if lang == "en" else {**METADATA, "convkit": {
        "lang": lang, "english": f"../{path.stem}.ipynb", "translation": f"../tools/i18n/{lang}/{path.stem}.md"}}
    nb = {"cells": cells, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}
    target = (OUT if lang == "en" else OUT / lang) / (path.stem + ".ipynb")
    target.parent.mkdir(parents=True, exist_ok=True)
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
            nb["metadata"] = {**old.get("metadata", METADATA), **({"convkit": metadata["convkit"]} if lang != "en" else {})}
            kept = ", code unchanged: outputs kept"
    target.write_text(json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    behind = ""
    if pairs is not None:
        counts = {s: sum(1 for p in pairs if p[0] == s) for s in ("stale", "new", "missing")}
        behind = "".join(f", {n} {s}" for s, n in counts.items() if n)
        if behind:
            behind += f" markdown cell(s): see --status, bring in step with --sync {lang}"
    print(f"wrote {target.relative_to(ROOT)} ({len(cells)} cells{kept}{behind})")


def english_history(path):
    """hash -> English markdown text of every version of `path` in git's history (for the diffs of --sync)."""
    texts = {}
    try:
        rel = path.relative_to(ROOT).as_posix()
        revs = subprocess.run(["git", "-C", str(ROOT), "log", "--format=%H", "--", rel], capture_output=True,
                              text=True, check=True).stdout.split()
        for rev in revs[:200]:
            blob = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:{rel}"], capture_output=True, text=True)
            if blob.returncode != 0:
                continue
            with tempfile.NamedTemporaryFile("w", suffix=".cells", encoding="utf-8", delete=False) as f:
                f.write(blob.stdout)
                tmp = pathlib.Path(f.name)
            try:
                for kind, text, _ in parse(tmp):
                    if kind == "markdown":
                        texts.setdefault(digest(text), text)
            except SystemExit:
                pass
            finally:
                tmp.unlink()
    except (subprocess.CalledProcessError, FileNotFoundError, ValueError):
        pass
    return texts


def sync(path, lang):
    """Rewrites the translation of `path` in `lang` aligned with the English markdown cells (see the docstring)."""
    tpath = translation_path(lang, path.stem)
    english = [t for k, t, _ in parse(path) if k == "markdown"]
    entries = parse_translation(tpath) if tpath.exists() else []
    pairs, removed = align(english, entries)
    history = None
    out = []
    for text, (state, entry) in zip(english, pairs):
        h = digest(text)
        if state == "fresh":
            out.append(f"%% markdown {h}\n{entry[2]}\n")
        elif state == "missing" or (state == "new" and entry[2] == text):
            out.append(f"%% markdown {h} new\n%%| translate this English text, then delete the word 'new' above\n{text}\n")
        else:
            note = ""
            if entry[0] != h:
                history = english_history(path) if history is None else history
                old = history.get(entry[0])
                if old is None:
                    note = f"%%| the English text changed (the version translated, {entry[0]}, is not in git's history)\n"
                else:
                    diff = difflib.unified_diff(old.splitlines(), text.splitlines(), "translated", "now", lineterm="", n=1)
                    note = "%%| the English text changed since it was translated:\n" + "".join(
                        f"%%| {d}\n" for d in list(diff)[2:])
            out.append(f"%% markdown {h} stale\n{note}%%| revise the translation, then delete the word 'stale' above\n{entry[2]}\n")
    tpath.parent.mkdir(parents=True, exist_ok=True)
    tpath.write_text("\n".join(out), encoding="utf-8")
    states = [p[0] for p in pairs]
    print(f"synced {tpath.relative_to(ROOT)}: {states.count('fresh')} fresh, {states.count('stale')} stale, "
          f"{states.count('new') + states.count('missing')} to translate, {len(removed)} dropped")


def status(path):
    """Lines describing which translated markdown cells of `path` are not in step with the English."""
    lines = []
    english = [t for k, t, _ in parse(path) if k == "markdown"]
    for lang in EDITIONS:
        tpath = translation_path(lang, path.stem)
        if not tpath.exists():
            lines.append(f"{lang}/{path.stem}: no translation ({tpath.relative_to(ROOT)})")
            continue
        pairs, removed = align(english, parse_translation(tpath))
        bad = [(n, s) for n, (s, _) in enumerate(pairs) if s != "fresh"]
        for n, s in bad:
            first = english[n].splitlines()[0][:70]
            lines.append(f"{lang}/{path.stem}: markdown cell {n} {s}: {first}")
        if removed:
            lines.append(f"{lang}/{path.stem}: {len(removed)} translated block(s) without an English cell")
        if not bad and not removed:
            lines.append(f"{lang}/{path.stem}: in step ({len(pairs)} markdown cells)")
    return lines


def main(argv):
    langs = ("en",) + EDITIONS
    mode = "build"
    if argv[:1] == ["--status"]:
        mode, argv = "status", argv[1:]
    elif argv[:1] == ["--sync"]:
        if len(argv) < 2 or argv[1] not in EDITIONS:
            raise SystemExit(f"--sync needs a language: one of {', '.join(EDITIONS)}")
        mode, langs, argv = "sync", (argv[1],), argv[2:]
    elif argv[:1] == ["--lang"]:
        if len(argv) < 2 or argv[1] not in ("en",) + EDITIONS:
            raise SystemExit("--lang needs one of en, ja, zh")
        langs, argv = (argv[1],), argv[2:]
    names = argv
    sources = sorted(SRC.glob("*.cells"))
    if names:
        sources = [s for s in sources if any(s.stem == n or s.stem.startswith(n + "-") for n in names)]
        if not sources:
            raise SystemExit(f"no source matches {names}")
    behind = False
    for s in sources:
        if mode == "status":
            for line in status(s):
                behind |= "in step" not in line
                print(line)
        elif mode == "sync":
            sync(s, langs[0])
        else:
            for lang in langs:
                build(s, lang)
    if mode == "status" and behind:
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
