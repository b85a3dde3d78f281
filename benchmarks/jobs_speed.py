"""Worker pools on small and large batches: ``repair check --jobs 1`` against ``--jobs 2``.

Method. Two corpora of files of about ``--file-kb`` KB (default 25): ``--small`` files
(default 100) and ``--large`` files (default 2,000), made of the paragraphs of the sample
corpus and, when ``../shared`` is there, of the evaluation documents, one paragraph in
eight turned into mojibake (throughput.py's ``build_corpus``). Each corpus is checked by
``repair check --no-cache
--isolated`` as a subprocess with 1 and with 2 jobs, in ``--repeat`` interleaved rounds,
keeping the best wall time and the best CPU time of the whole process tree (the
children's rusage). The last column is the wall time of 1 job over that of 2: above 1.0,
the workers paid for themselves. ``--baseline DIR``: a folder holding another version's
``repair`` package (``git archive main repair | tar -x -C DIR``), run from there in the same
rounds, interleaved, for a row of its own. Each version's package is compiled to
bytecode first, as pip installs it. Each round prints the load average.

Usage: python benchmarks/jobs_speed.py [--small 100] [--large 2000] [--file-kb 25]
       [--repeat 3] [--command check|fix] [--baseline DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__:
    from benchmarks.measure import compile_package
    from benchmarks.throughput import build_corpus
else:  # run as a script: this file's folder is sys.path[0], its sibling is found there
    from measure import compile_package  # type: ignore[import-not-found,no-redef]
    from throughput import build_corpus  # type: ignore[import-not-found,no-redef]

ROOT = Path(__file__).resolve().parent.parent


def run(
    command: str, corpus: Path, jobs: int, scratch: Path, code: Path | None = None
) -> tuple[float, float]:
    """(wall, CPU) seconds of one run over ``corpus``; CPU of the whole process tree.
    ``code``: the folder whose ``repair`` package runs (this checkout's by default)."""
    args = [sys.executable, "-m", "repair", command, str(corpus), "--no-cache", "--isolated"]
    args += ["--jobs", str(jobs), "--exit-zero"]
    if command == "fix":
        args += ["--output", str(scratch / f"fixed-{time.monotonic_ns()}")]
    else:
        args += ["--silent"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, cwd=code or ROOT)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--large", type=int, default=2_000)
    parser.add_argument("--file-kb", type=int, default=25)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--command", choices=("check", "fix"), default="check")
    parser.add_argument("--baseline", type=Path, default=None, help="another repair's folder")
    args = parser.parse_args()
    codes: dict[str, Path | None] = {"this": None}
    if args.baseline is not None:
        codes = {"baseline": args.baseline.resolve(), **codes}
    for code in codes.values():  # each version with its bytecode, as installed
        compile_package(code or ROOT)
    print(__doc__.split("Method. ")[1].split("\n\nUsage")[0])
    print(f"\n{os.cpu_count()} cores; repair {args.command}\n")
    header = f"{'code':>8} {'files':>6} {'MB':>6}"
    for jobs in (1, 2):
        header += f" | {f'j{jobs} wall':>7} {'CPU s':>6}"
    rows = [header + " | j1/j2"]
    with tempfile.TemporaryDirectory(prefix="jobs-speed-") as scratch:
        work = Path(scratch)
        for files in (args.small, args.large):
            corpus = work / f"corpus-{files}"
            _, size = build_corpus(corpus, 0, file_size=args.file_kb * 1000, count=files)
            best: dict[tuple[str, int], tuple[float, float]] = {}
            for round_ in range(args.repeat):
                walls = []
                load = os.getloadavg()[0]
                for name, code in codes.items():
                    for jobs in (1, 2):
                        wall, cpu = run(args.command, corpus, jobs, work, code)
                        known = best.get((name, jobs), (float("inf"), float("inf")))
                        best[name, jobs] = (min(wall, known[0]), min(cpu, known[1]))
                        walls.append(f"{name} j{jobs} {wall:.2f}")
                print(f"{files} files, round {round_} (load {load:.1f}): {', '.join(walls)}")
            for name in codes:
                (wall1, cpu1), (wall2, cpu2) = best[name, 1], best[name, 2]
                rows.append(
                    f"{name:>8} {files:>6} {size / 1e6:>6.1f} | {wall1:>7.2f} {cpu1:>6.2f} | "
                    f"{wall2:>7.2f} {cpu2:>6.2f} | {wall1 / wall2:>5.2f}"
                )
    print("\n" + "\n".join(rows))


if __name__ == "__main__":
    main()
