"""Time per MB of ``repair check`` by file size, for one long line and for paragraph lines.

Method (printed at the start of every run):

- The text: the paragraphs of throughput.py (the sample corpus and the mqm-zhen documents,
  one paragraph in eight turned into mojibake) in turn. "one line": joined by spaces into a
  single line per file; "paragraph lines": one paragraph a line. Each size is measured over
  at least 1 MB of text: a smaller size is as many files of that size, cut from the text in
  turn, as 1 MB takes (100 files of 10 KB). So every size is measured on the same mix of
  text (seven passes over the source paragraphs; the first 10 KB alone hold more damage
  than the average and cost more per byte), and on enough of it that the start-up's
  variation between runs (some 0.1 s of CPU) does not swamp it.
- One-time costs belong to the start-up, not to the megabytes: the imports, the tables the
  rules load on first use, patterns compiled on first use, lingua's language models (loaded
  on the first paragraph the word lists cannot place) and the first sight of each word of
  the text (the lexicon's caches; the text repeats, so larger files see most of it again).
  The start-up files pay all of them: every source paragraph once, plain and as mojibake,
  in the shape measured, and one paragraph in German.
- CLI (the default; ``throughput.py --long-line``): ``repair check --jobs 1 --no-cache``
  as a subprocess over a folder holding the start-up files and the measured files; its CPU
  time (user plus system) less that of the same command over the start-up files alone,
  divided by the measured megabytes. ftfy's ``fix_text`` likewise, in a process of its
  own. ``--repeat`` interleaved rounds; each run keeps its best CPU time.
- In one process (``--in-process``; ``big_file.py --sizes``): the start-up files are
  checked first, then each size's files, as a worker of ``repair check`` checks them
  (``repair.worker.run_task``, no cache, no LanguageTool), making the output lines as it
  does (concise; a big file's window by window, so that its findings are not all held),
  ``--repeat`` interleaved rounds, the best CPU time (``time.process_time``) of each kept.
- A file over 8 MB is read and checked window by window (repair/windows.py), as the CLI
  does. The figure to watch: the largest CPU per MB of a shape over its smallest (issue 20:
  within 1.5x from 10 KB to 30 MB for paragraph lines, and for one line of 10 KB to 10 MB).

Usage: python -m benchmarks.long_line [--sizes 10,100,1000,10000] [--repeat 2] [--in-process]
"""

from __future__ import annotations

import argparse
import functools
import math
import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

if __package__:
    from benchmarks.measure import REPAIR_ENV, Measured, ftfy_command, run_measured
    from benchmarks.throughput import Paragraphs, check_args, mojibake
else:  # run as a script: this file's folder is sys.path[0]
    from measure import (  # type: ignore[import-not-found,no-redef]
        REPAIR_ENV,
        Measured,
        ftfy_command,
        run_measured,
    )
    from throughput import Paragraphs, check_args, mojibake  # type: ignore[import-not-found,no-redef]

MEASURED_BYTES = 1_000_000
"""The least text measured at each size (see the docstring)."""
SHAPES = {"one line": " ", "paragraph lines": "\n"}
# A paragraph the English word lists cannot place: its check loads lingua's models.
GERMAN = (
    "Die Regierung will die Ausgaben f\u00fcr die Verteidigung im kommenden Jahr deutlich "
    "erh\u00f6hen, sagte der Minister am Dienstag in Berlin vor Journalisten.\n"
)


def start_up_texts(separator: str) -> list[str]:
    """The start-up files' texts: every source paragraph once, plain and as mojibake, joined
    by ``separator``, and a paragraph in German."""
    source = Paragraphs()
    every = source.plain + [mojibake(p) for p in source.damageable]
    return [separator.join(every) + "\n", GERMAN]


def sized_texts(size_kb: int, separator: str) -> list[str]:
    """Texts of ``size_kb`` KB, paragraphs joined by ``separator``, consecutive in the
    paragraphs' order: as many as :data:`MEASURED_BYTES` take (at least one)."""
    source = Paragraphs()
    count = max(1, math.ceil(MEASURED_BYTES / (size_kb * 1000)))
    return [source.text(size_kb * 1000, separator) + "\n" for _ in range(count)]


def write_texts(folder: Path, prefix: str, texts: Sequence[str]) -> float:
    """Write ``texts`` as ``{prefix}{n}.txt`` files in ``folder``; their megabytes."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for index, text in enumerate(texts):
        data = text.encode("utf-8")
        (folder / f"{prefix}{index:03d}.txt").write_bytes(data)
        total += len(data)
    return total / 1e6


def method() -> str:
    """The method paragraphs of this module's docstring."""
    return (
        (__doc__ or "")
        .split("Method (printed at the start of every run):\n\n")[1]
        .split("\n\nUsage:")[0]
    )


def cli_benchmark(work: Path, sizes_kb: Sequence[int], repeat: int, timeout: float) -> None:
    """CPU per MB of ``repair check`` and ftfy as subprocesses (see the docstring)."""
    folders: dict[tuple[str, int], tuple[Path, float, int]] = {}
    starts: dict[str, Path] = {}
    for shape, separator in SHAPES.items():
        starts[shape] = work / f"start-{shape.replace(' ', '-')}"
        write_texts(starts[shape], "0-start-", start_up_texts(separator))
        for size_kb in sizes_kb:
            folder = work / f"{size_kb}-{shape.replace(' ', '-')}"
            shutil.copytree(starts[shape], folder)
            texts = sized_texts(size_kb, separator)
            folders[shape, size_kb] = folder, write_texts(folder, "1-text-", texts), len(texts)
    best: dict[tuple[str, str, int], Measured] = {}
    for _ in range(repeat):
        for shape in SHAPES:
            runs = [(0, starts[shape])] + [(kb, folders[shape, kb][0]) for kb in sizes_kb]
            for size_kb, folder in runs:
                for tool, command in (
                    ("ftfy", ftfy_command(folder)),
                    ("check", check_args(str(folder))),
                ):
                    run = run_measured(command, env=REPAIR_ENV, timeout=timeout)
                    key = (tool, shape, size_kb)
                    if key not in best or (not run.timed_out and run.cpu < best[key].cpu):
                        best[key] = run
    print(
        f"start-up CPU (start-up files alone, best of {repeat}): "
        + ", ".join(
            f"{shape}: ftfy {best['ftfy', shape, 0].cpu:.2f} s, "
            f"check {best['check', shape, 0].cpu:.2f} s"
            for shape in SHAPES
        )
    )
    print(
        f"{'size':>8} {'shape':<16} {'files':>5} {'MB':>6} {'ftfy CPU/MB':>11} "
        f"{'check s':>8} {'CPU s':>7} {'CPU/MB':>7} {'tree MiB':>9}"
    )
    for shape in SHAPES:
        per_mb = []
        for size_kb in sizes_kb:
            _, megabytes, files = folders[shape, size_kb]
            ftfy_run, check = best["ftfy", shape, size_kb], best["check", shape, size_kb]
            ftfy_per_mb = (ftfy_run.cpu - best["ftfy", shape, 0].cpu) / megabytes
            check_per_mb = (check.cpu - best["check", shape, 0].cpu) / megabytes
            if not check.timed_out:
                per_mb.append(check_per_mb)
            print(
                f"{size_kb:>6}KB {shape:<16} {files:>5} {megabytes:>6.2f} {ftfy_per_mb:>11.2f} "
                f"{_seconds(check, timeout):>8} {check.cpu:>7.2f} "
                f"{'-' if check.timed_out else f'{check_per_mb:.2f}':>7} "
                f"{check.tree_peak_mib or 0:>9.0f}"
            )
        _spread(shape, per_mb)


def in_process(sizes_kb: Sequence[int], repeat: int, shapes: Sequence[str]) -> None:
    """CPU per MB of a worker's check in one warm process (see the docstring)."""
    from repair.config import Config
    from repair.report.formats import printed_result
    from repair.worker import Task, run_task

    settings = Config(languagetool="off")
    lines = functools.partial(printed_result, output_format="concise")
    with tempfile.TemporaryDirectory(prefix="long-line-") as scratch:
        files: dict[tuple[str, int], tuple[list[Path], float]] = {}
        for shape in shapes:
            start = Path(scratch) / f"start-{shape.replace(' ', '-')}"
            write_texts(start, "start-", start_up_texts(SHAPES[shape]))
            for path in sorted(start.iterdir()):
                run_task(Task(path, settings, None, False, documents=False, then=lines))
            for size_kb in sizes_kb:
                folder = Path(scratch) / f"{size_kb}-{shape.replace(' ', '-')}"
                megabytes = write_texts(folder, "text-", sized_texts(size_kb, SHAPES[shape]))
                files[shape, size_kb] = sorted(folder.iterdir()), megabytes
        best: dict[tuple[str, int], float] = {}
        for _ in range(repeat):
            for key, (paths, _) in files.items():
                started = time.process_time()
                for path in paths:
                    run_task(Task(path, settings, None, False, documents=False, then=lines))
                cpu = time.process_time() - started
                best[key] = min(best.get(key, cpu), cpu)
    print(f"{'size':>8} {'shape':<16} {'files':>5} {'MB':>7} {'CPU s':>7} {'CPU s/MB':>8}")
    for shape in shapes:
        per_mb = []
        for size_kb in sizes_kb:
            paths, megabytes = files[shape, size_kb]
            per_mb.append(best[shape, size_kb] / megabytes)
            print(
                f"{size_kb:>6}KB {shape:<16} {len(paths):>5} {megabytes:>7.2f} "
                f"{best[shape, size_kb]:>7.2f} {per_mb[-1]:>8.2f}"
            )
        _spread(shape, per_mb)


def _spread(shape: str, per_mb: Sequence[float]) -> None:
    if len(per_mb) > 1 and min(per_mb) > 0:
        print(f"{'':>8} {shape}: largest CPU/MB over smallest {max(per_mb) / min(per_mb):.2f}x")


def _seconds(run: Measured, timeout: float) -> str:
    return f">{timeout:.0f}" if run.timed_out else f"{run.wall:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000,10000", help="KB,KB,... per file")
    parser.add_argument("--repeat", type=int, default=2, help="interleaved rounds (default 2)")
    parser.add_argument("--in-process", action="store_true", help="in one warm process")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per run")
    args = parser.parse_args()
    sizes_kb = [int(part) for part in args.sizes.split(",")]
    print(method() + "\n")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start\n")
    if args.in_process:
        in_process(sizes_kb, args.repeat, list(SHAPES))
    else:
        with tempfile.TemporaryDirectory(prefix="long-line-") as work:
            cli_benchmark(Path(work), sizes_kb, args.repeat, args.timeout)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
