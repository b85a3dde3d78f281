"""Where the CPU of ``--jobs 2`` goes: the parent against the workers, and against
``--jobs 1``.

Method. A corpus of ``--files`` files of 25 KB (throughput.py's ``build_corpus``), and its
even and odd files copied into two folders. Per round, as subprocesses
(``--no-cache --isolated``; ``check --silent`` or ``fix --output``): ``--jobs 1`` on all
files; ``--jobs 2`` on all files, with the parent's own CPU (rusage of the process, printed
at its exit) told from its workers'; two ``--jobs 1`` processes on the two halves at once
(both cores busy, as two workers are) and one after the other. CPU is the rusage of the
process tree; minor page faults show what forked workers copy of the parent's pages.
Wall times are left out: on a shared machine they measure the other processes.

Usage: python -m benchmarks.jobs_split [--files 300] [--command check|fix] [--repeat 2]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__:
    from benchmarks.throughput import build_corpus
else:  # run as a script: this file's folder is sys.path[0], its sibling is found there
    from throughput import build_corpus  # type: ignore[import-not-found,no-redef]

# The CLI, run in a process that prints its own CPU at exit (not its workers').
PARENT = (
    "import atexit, resource, sys\n"
    "def said():\n"
    "    r = resource.getrusage(resource.RUSAGE_SELF)\n"
    "    sys.stderr.write(f'PARENT {r.ru_utime + r.ru_stime:.3f}\\n')\n"
    "atexit.register(said)\n"
    "from repair.cli import main\n"
    "main()\n"
)


def command(name: str, folder: Path, jobs: int, out: Path) -> list[str]:
    args = [sys.executable, "-c", PARENT, name, str(folder), "--no-cache", "--isolated"]
    args += ["--jobs", str(jobs), "--exit-zero"]
    return args + (["--output", str(out)] if name == "fix" else ["--silent"])


def run(commands: list[list[str]]) -> tuple[float, float, int]:
    """(CPU of the trees, CPU of the parents alone, minor faults) of commands run at once."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = [
        subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for c in commands
    ]
    parents = 0.0
    for process in started:
        for line in process.communicate()[1].splitlines():
            if line.startswith("PARENT "):
                parents += float(line.split()[1])
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, parents, after.ru_minflt - before.ru_minflt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--command", choices=("check", "fix"), default="check")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    print(__doc__.split("Method. ")[1].split("\n\nUsage")[0] + "\n")
    with tempfile.TemporaryDirectory(prefix="jobs-split-") as scratch:
        work = Path(scratch)
        every = work / "all"
        build_corpus(every, 0, file_size=25_000, count=args.files)
        halves = work / "even", work / "odd"
        for half in halves:
            half.mkdir()
        for index, file in enumerate(sorted(every.iterdir())):
            shutil.copy(file, halves[index % 2] / file.name)
        name = args.command
        for round_ in range(args.repeat):
            out = work / f"out-{time.monotonic_ns()}"
            j1 = run([command(name, every, 1, out / "j1")])
            j2 = run([command(name, every, 2, out / "j2")])
            together = run([command(name, h, 1, out / f"a{h.name}") for h in halves])
            in_turn = [run([command(name, h, 1, out / f"t{h.name}")]) for h in halves]
            print(
                f"round {round_}: j1 {j1[0]:.2f} s CPU ({j1[2]} faults) | j2 {j2[0]:.2f} "
                f"(parent {j2[1]:.2f}, workers {j2[0] - j2[1]:.2f}; {j2[2]} faults) | halves "
                f"at once {together[0]:.2f}, in turn {sum(r[0] for r in in_turn):.2f}"
            )


if __name__ == "__main__":
    main()
