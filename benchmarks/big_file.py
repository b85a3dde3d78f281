"""Peak memory and time of ``repair check`` and ``repair fix`` on one big file.

Method. One file of ``--size-mb`` MB (default 100) of news paragraphs: the sample corpus
and, when ``../shared`` is there, the evaluation documents, repeated, one paragraph in
eight turned into mojibake (throughput.py's ``Paragraphs``). ``repair check`` and
``repair fix --output`` run on it as
subprocesses (``--no-cache --isolated --jobs 1``, plus ``--extra`` arguments); every 50 ms
the resident memory of the whole process tree (the command and all its children) is
summed, and the highest sum is printed with the wall time, the CPU time of the tree and
the exit code. A file over 8 MB is read window by window (repair/windows.py); one over
``max-file-size`` (256 by default) is reported as too large (exit code 2).

Compare mode (``--compare``): what windows change. A file of about ``--size-mb`` MB
(default 1) of whole documents (those of scripts/output_digests.py: the sample corpus,
the eval texts and damaged references, each as it is, separated by a blank line) is
checked and fixed in this process twice: whole, and window by window (repair/windows.py,
windows of ``--window-kb`` KB, default 64, so that a 1 MB file has some sixteen
boundaries). Printed per rule: the findings of each run and those found by one run only
(same code, start and end); then whether the fixed texts are equal, and how many lines
differ.

Sizes mode (``--sizes KB,KB,...``): CPU time per MB of files of each size, in paragraph
lines and (``--one-line`` too) as one line, checked in this process as a worker checks them
after start-up files have paid every one-time cost: benchmarks/long_line.py's
``--in-process`` figures, whose method that module prints.

Usage: python benchmarks/big_file.py [--size-mb 100] [--extra "ARGS"] [--keep DIR]
       python benchmarks/big_file.py --compare [--size-mb 1] [--window-kb 64]
       python benchmarks/big_file.py --sizes 10,100,1000,10000,30000 [--repeat 2] [--one-line]
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

from repair.config import Config

if __package__:
    from benchmarks.long_line import in_process, method
    from benchmarks.throughput import Paragraphs
else:  # run as a script: this file's folder is sys.path[0], its sibling is found there
    from long_line import in_process, method  # type: ignore[import-not-found,no-redef]
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


def documents_file(path: Path, size_mb: float) -> tuple[int, Config]:
    """The documents of scripts/output_digests.py (sample corpus, eval texts, damaged
    references) in turn, separated by a blank line, up to ``size_mb`` MB; the bytes
    written and the settings those documents are checked under."""
    from scripts.output_digests import documents

    config, texts = documents(path.parent)
    parts: list[str] = []
    total = 0
    for _, text in texts:
        if total >= size_mb * 1_000_000:
            break
        parts.append(text.strip("\n") + "\n")
        total += len(parts[-1].encode("utf-8")) + 1
    path.write_text("\n".join(parts), encoding="utf-8", newline="\n")
    return path.stat().st_size, config


def compare(size_mb: float, window_kb: int) -> None:
    """Findings and fixed text of one file, whole and window by window (see the docstring)."""
    import collections

    from repair import windows
    from repair.worker import Task, run_task

    with tempfile.TemporaryDirectory(prefix="windows-") as scratch:
        source = Path(scratch) / "documents.txt"
        size, config = documents_file(source, size_mb)
        print(f"file: {size / 1e6:.2f} MB of whole documents; windows of {window_kb} KB")
        runs = {}
        for name, above in (("whole", size * 2), ("windowed", 0)):
            windows.WINDOWED_ABOVE, windows.WINDOW_CHARS = above, window_kb * 1000
            fixed = Path(scratch) / f"{name}.txt"
            check = run_task(Task(source, config, None, False, documents=False)).value
            run_task(Task(source, config, None, False, fix=True, write=True, target=fixed))
            runs[name] = (check.findings, fixed.read_text(encoding="utf-8"))
    keys = {name: {(f.code, f.start, f.end) for f in found} for name, (found, _) in runs.items()}
    codes = sorted({code for found in keys.values() for code, _, _ in found})
    print(f"{'code':>7} {'whole':>7} {'windows':>7} {'whole only':>10} {'windows only':>12}")
    for code in codes:
        whole = {k for k in keys["whole"] if k[0] == code}
        windowed = {k for k in keys["windowed"] if k[0] == code}
        print(
            f"{code:>7} {len(whole):>7} {len(windowed):>7} {len(whole - windowed):>10} "
            f"{len(windowed - whole):>12}"
        )
    same = len(keys["whole"] & keys["windowed"])
    print(f"{'all':>7} {len(keys['whole']):>7} {len(keys['windowed']):>7} same: {same}")
    before, after = (runs[name][1].splitlines() for name in ("whole", "windowed"))
    kept = collections.Counter(after)
    differing = sum(1 for line, count in collections.Counter(before).items() if kept[line] != count)
    print(
        f"fixed texts equal: {runs['whole'][1] == runs['windowed'][1]}; lines: {len(before)} "
        f"whole, {len(after)} windowed; {differing} distinct lines of the whole fix differ"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float)
    parser.add_argument("--extra", default="", help="more arguments for both commands")
    parser.add_argument("--keep", type=Path, help="build the file in this folder and keep it")
    parser.add_argument("--compare", action="store_true", help="whole against windows")
    parser.add_argument("--window-kb", type=int, default=64)
    parser.add_argument("--sizes", help="KB,KB,...: time per MB of check at each size")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--one-line", action="store_true", help="with --sizes: one line too")
    args = parser.parse_args()
    if args.sizes:
        print(method() + "\n")
        shapes = ["paragraph lines", "one line"] if args.one_line else ["paragraph lines"]
        in_process([int(kb) for kb in args.sizes.split(",")], args.repeat, shapes)
        return
    if args.compare:
        compare(args.size_mb or 1.0, args.window_kb)
        return
    args.size_mb = args.size_mb or 100.0
    print(__doc__.split("Method. ")[1].split("\n\nCompare mode")[0] + "\n")
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
