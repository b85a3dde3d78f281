"""Peak memory and time of ``repair check`` and ``repair fix`` on one big file.

Method. One file of ``--size-mb`` MB (default 100) of news paragraphs: the sample corpus
and, when ``../shared`` is there, the evaluation documents, repeated, one paragraph in
eight turned into mojibake (throughput.py's ``Paragraphs``). ``repair check`` and
``repair fix --output`` run on it as
subprocesses (``--no-cache --isolated --jobs 1``, plus ``--extra`` arguments); every 50 ms
the resident memory of the whole process tree (the command and all its children) is
summed, and the highest sum is printed with the wall time, the CPU time of the tree and
the exit code. A file over ``max-file-size`` is reported as too large (exit code 2):
``--extra="--max-file-size 200"`` lets it through.

Usage: python benchmarks/big_file.py [--size-mb 100] [--extra "ARGS"] [--keep DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil  # installed with the dask extra

if __package__:
    from benchmarks.throughput import Paragraphs
else:  # run as a script: this file's folder is sys.path[0], its sibling is found there
    from throughput import Paragraphs  # type: ignore[import-not-found,no-redef]

POLL_SECONDS = 0.05


def write_big_file(path: Path, size_mb: float) -> int:
    """News paragraphs up to ``size_mb`` MB, some as mojibake (as in throughput.py);
    bytes written."""
    source = Paragraphs()
    total = 0
    with path.open("w", encoding="utf-8", newline="\n") as stream:
        while total < size_mb * 1_000_000:
            line = source.next() + "\n"
            stream.write(line)
            total += len(line.encode("utf-8"))
    return total


def tree_rss(process: psutil.Process) -> int:
    """Resident bytes of ``process`` and all its descendants."""
    total = 0
    for member in (process, *process.children(recursive=True)):
        with contextlib.suppress(psutil.Error):  # ended between the listing and the look-up
            total += member.memory_info().rss
    return total


def measure(args: list[str]) -> tuple[float, float, float, int]:
    """(peak tree RSS in MB, wall seconds, CPU seconds of the tree, exit code) of a run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    watched = psutil.Process(child.pid)
    peak = 0
    while child.poll() is None:
        try:
            peak = max(peak, tree_rss(watched))
        except psutil.Error:
            break
        time.sleep(POLL_SECONDS)
    code = child.wait()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert child.stderr is not None
    for line in child.stderr.read().splitlines()[:3]:
        print(f"    stderr: {line[:160]}")
    return peak / 1e6, wall, cpu, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=100)
    parser.add_argument("--extra", default="", help="more arguments for both commands")
    parser.add_argument("--keep", type=Path, help="build the file in this folder and keep it")
    args = parser.parse_args()
    print(__doc__.split("Method. ")[1].split("\n\nUsage")[0] + "\n")
    with tempfile.TemporaryDirectory(prefix="big-file-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        big = folder / "big.txt"
        if not big.exists():
            write_big_file(big, args.size_mb)
        size = big.stat().st_size
        print(f"file: {size / 1e6:.1f} MB; extra arguments: {args.extra or 'none'}")
        base = [sys.executable, "-m", "repair"]
        common = ["--no-cache", "--isolated", "--jobs", "1", *shlex.split(args.extra)]
        runs = {
            "check": [*base, "check", str(big), *common, "--silent"],
            "fix": [*base, "fix", str(big), *common, "--output", str(Path(scratch) / "out")],
        }
        print(f"{'command':>8} {'peak MB':>8} {'per byte':>8} {'wall s':>7} {'CPU s':>7} exit")
        for name, command in runs.items():
            peak, wall, cpu, code = measure(command)
            per_byte = peak * 1e6 / size
            print(f"{name:>8} {peak:>8.0f} {per_byte:>8.1f} {wall:>7.1f} {cpu:>7.1f} {code:>4}")


if __name__ == "__main__":
    main()
