"""Peak memory of ``repair check`` with JSON output and with the result cache, one run each.

Method (printed at the start of every run):

- The corpus: ``--files`` files of 64 KB (default 1,100, some 70 MB and 145,000 findings),
  built as throughput.py builds its corpus (news paragraphs, one in eight mojibake).
- The runs, each a subprocess ``repair check --isolated --jobs 1`` over the corpus, with
  the peak memory of its whole process tree (benchmarks/measure.py: the sum of every
  process's PSS, sampled every 50 ms) and of its largest process:
  1. ``--output-format json --no-cache``: the findings as one JSON array (its elements
     are counted afterwards); issue 20 wants it under 150 MB at 144,000 findings.
  2. ``--no-cache``, concise lines: the uncached run.
  3. the same with the cache on, in a cache folder of its own: it checks every file and
     writes the cache.
  4. again, with ``--exit-zero`` added: the cache answers every file. The argument only
     changes the exit code, but a run with other arguments is not replayed from the
     first one's memo (repair/cli_replay.py), so this run reads the cache entries.
  5. ``--output-format json``, cache on: the cache answers every file, as JSON.
  Issue 20 wants a cached run (4, 5) no higher than an uncached one (2, 1).

Usage: python -m benchmarks.output_memory [--files 1100] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import tempfile
from pathlib import Path

if __package__:
    from benchmarks.measure import REPAIR_ENV, run_measured
    from benchmarks.throughput import build_corpus
else:  # run as a script: this file's folder is sys.path[0]
    from measure import REPAIR_ENV, run_measured  # type: ignore[import-not-found,no-redef]
    from throughput import build_corpus  # type: ignore[import-not-found,no-redef]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--files", type=int, default=1100, help="files of 64 KB")
    parser.add_argument("--keep", type=Path, help="build the corpus here and keep it")
    args = parser.parse_args()
    print((__doc__ or "").split("\n\n", 1)[1].split("\n\nUsage:")[0] + "\n")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")
    with tempfile.TemporaryDirectory(prefix="output-memory-") as scratch:
        work = args.keep or Path(scratch)
        corpus = work / "corpus"
        if not corpus.exists():
            build_corpus(corpus, 0, count=args.files)
        size = sum(path.stat().st_size for path in corpus.iterdir())
        print(f"corpus: {args.files} files, {size / 1e6:.1f} MB\n")
        env = {**REPAIR_ENV, "REPAIR_CACHE_DIR": str(work / "cache")}
        check = [sys.executable, "-m", "repair", "check", "--isolated", "--jobs", "1"]
        runs = [
            ("1 json, no cache", [*check, "--output-format", "json", "--no-cache"]),
            ("2 concise, no cache", [*check, "--no-cache"]),
            ("3 concise, cache written", check),
            ("4 concise, cache read", [*check, "--exit-zero"]),
            ("5 json, cache read", [*check, "--output-format", "json"]),
        ]
        print(f"{'run':<26} {'wall s':>7} {'CPU s':>7} {'tree MiB':>9} {'one MiB':>8} output")
        for name, command in runs:
            output = work / "output.txt"
            # The shell gives the command its output file and is replaced by it (exec).
            line = f"exec {shlex.join([*command, str(corpus)])} > {shlex.quote(str(output))}"
            run = run_measured(["sh", "-c", line], env=env)
            print(
                f"{name:<26} {run.wall:>7.1f} {run.cpu:>7.1f} {run.tree_peak_mib or 0:>9.0f} "
                f"{run.largest_mib:>8.0f} {_described(output)}"
            )
            output.unlink()
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


def _described(output: Path) -> str:
    """How many findings a JSON output holds, or how many lines a concise one has.

    Read line by line: a JSON array loaded whole would grow this process, and the next
    run, forked from it, would inherit that peak in its largest-process figure. Each
    element of the array (``json.dumps(..., indent=2)``) opens with a line "  {"."""
    with output.open(encoding="utf-8") as stream:
        if stream.read(1) == "[":
            stream.seek(0)
            elements = sum(1 for line in stream if line == "  {\n")
            return f"{elements:,} findings, {output.stat().st_size / 1e6:.0f} MB"
        stream.seek(0)
        return f"{sum(1 for _ in stream):,} lines"


if __name__ == "__main__":
    main()
