#!/usr/bin/python3
"""Executes convkit notebooks headless with nbclient (Jupyter's own executor) on the kernel the notebook names.

usage: run_notebooks.py [--out DIR | --update] [--timeout SECONDS] NOTEBOOK.ipynb...

Each notebook runs with notebooks' own folder as working directory (as in Jupyter; for notebooks/ja/ and
notebooks/zh/ that makes convkit speak Japanese or Chinese). The executed copy is written to DIR/<name>.ipynb
(DIR/ja/<name>.ipynb, DIR/zh/<name>.ipynb for the translations; default target/notebooks), or back over the
notebook itself with --update (how the committed outputs are produced). Stops at the first failing cell and prints the notebook, the cell index
(0-based position in the notebook, as nbformat counts) and the error; exit status 1.
A cell tagged "raises-exception" may fail (nbclient's convention). The environment (e.g. CONVKIT_SUBSET=1)
is passed on to the kernel.
"""
import argparse
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


def first_error(nb):
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                tags = cell.get("metadata", {}).get("tags", [])
                if "raises-exception" not in tags:
                    return index, cell, out
    return None


def run(path, out_path, timeout, startup_timeout):
    nb = nbformat.read(path, as_version=4)
    extra = {}
    if not nb.metadata.get("kernelspec", {}).get("name"):
        extra["kernel_name"] = "java"  # a notebook without kernel metadata would otherwise get Python
    client = NotebookClient(
        nb,
        **extra,
        timeout=timeout,
        startup_timeout=startup_timeout,
        allow_errors=False,
        record_timing=False,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
    )
    started = time.time()
    error = None
    try:
        client.execute()
    except CellExecutionError as e:
        error = e
    except (CellTimeoutError, DeadKernelError, TimeoutError, RuntimeError) as e:
        error = e
    finally:
        os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
        nbformat.write(nb, out_path)
    name = os.path.basename(path)
    if error is None:
        print(f"ok    {name}  ({time.time() - started:.1f} s) -> {out_path}", flush=True)
        return True
    found = first_error(nb)
    print(f"FAIL  {name}", file=sys.stderr)
    if found is not None:
        index, cell, out = found
        first_line = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
        print(f"  notebook: {path}", file=sys.stderr)
        print(f"  cell:     {index} (0-based index in the notebook; starts with: {first_line})", file=sys.stderr)
        print(f"  error:    {out.get('ename')}: {out.get('evalue')}", file=sys.stderr)
        for line in out.get("traceback", [])[:12]:
            print(f"            {line}", file=sys.stderr)
    else:
        print(f"  notebook: {path}", file=sys.stderr)
        print(f"  error:    {type(error).__name__}: {str(error).strip()[:2000]}", file=sys.stderr)
    print(f"  executed copy (outputs up to the failure): {out_path}", file=sys.stderr)
    return False


def edition(path):
    """[] for an English notebook, ["ja"] or ["zh"] for one of notebooks/ja/ or notebooks/zh/ (the executed copy
    keeps that folder, so the editions' copies of one notebook do not overwrite each other)."""
    folder = os.path.basename(os.path.dirname(os.path.abspath(path)))
    return [folder] if folder in ("ja", "zh") else []


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="+")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--out", default="target/notebooks", help="folder for the executed copies")
    group.add_argument("--update", action="store_true", help="write the outputs back into the notebooks")
    parser.add_argument("--timeout", type=int, default=int(os.environ.get("CONVKIT_CELL_TIMEOUT", "3600")),
                        help="seconds one cell may take (default 3600, env CONVKIT_CELL_TIMEOUT)")
    parser.add_argument("--startup-timeout", type=int, default=120, help="seconds the kernel may take to start")
    args = parser.parse_args(argv)
    for path in args.notebooks:
        out_path = path if args.update else os.path.join(args.out, *edition(path), os.path.basename(path))
        if not run(path, out_path, args.timeout, args.startup_timeout):
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
