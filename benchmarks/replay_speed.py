"""A second ``repair check`` of 1,000 unchanged files: the per-file cache alone vs a replay.

Builds 1,000 files from the sample corpus (one paragraph in eight turned into mojibake),
lets them age past the racy window (2 s), then times, each in a fresh process and its own
cache folder:

- the first ``repair check`` (cache on, nothing cached yet);
- a second one answered by the per-file cache alone (the click command line run directly,
  as ``python -c "from repair.cli import main; main()"``: no run memo is looked for or kept);
- a second one through the ``repair`` launcher, which replays the first run's output when
  it stored a memo (only when the replay still exists).

The first run is repeated ``--repeat`` times, each with a fresh cache folder, and the best
kept. The second runs are printed twice: the one right after a first run (it shows whether
the first run left all the second needs) and the best of ``--repeat``. Prints seconds and
the speed-up of each over the first run (the target in issue 18 is >= 20x), and Python's
own start-up as the floor. Wall time and CPU time (user and system, workers included) are
both printed: on a machine whose cores are shared, CPU time is the steadier figure.

Usage: python benchmarks/replay_speed.py [--files 1000] [--file-kb 4] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
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

ROOT = Path(__file__).resolve().parent.parent
# A change this soon before a run could be invisible in a file's times (repair's racy window).
RACY_SECONDS = 2.0
_CACHE_ALONE = (
    "import sys; from repair.cli import main; main(args=sys.argv[1:], prog_name='repair')"
)


def seconds(command: list[str], cache_dir: Path, cwd: Path) -> tuple[float, float]:
    """Wall and CPU time (user and system, of the process and its workers) of ``command``
    run with its cache under ``cache_dir``."""
    environment = {
        **os.environ,
        "REPAIR_CACHE_DIR": str(cache_dir),
        "NO_COLOR": "1",
        "REPAIR_LANGUAGETOOL_URL": "",
    }
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert process.stderr is not None
    errors = process.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed: {errors[:500]}")
    return elapsed, usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--file-kb", type=float, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="repair-replay-"))
    try:
        corpus = work / "corpus"
        _, size = build_corpus(corpus, 0, file_size=int(args.file_kb * 1000), count=args.files)
        time.sleep(RACY_SECONDS + 0.2)  # the files age past the racy window
        check = ["check", "--isolated", "--exit-zero", "corpus"]
        launcher = [sys.executable, "-m", "repair", *check]
        cache_alone = [sys.executable, "-c", _CACHE_ALONE, *check]
        python = [sys.executable, "-c", "pass"]
        floor = min(seconds(python, work / "none", work)[0] for _ in range(5))
        print(f"{args.files} files of {args.file_kb:g} KB ({size / 1e6:.1f} MB), 1 job")
        print(f"python -c pass (floor, best of 5): {floor:.3f} s")
        rows: list[tuple[str, tuple[float, float]]] = []
        firsts = [seconds(cache_alone, work / f"alone-{n}", work) for n in range(args.repeat)]
        first = min(firsts)
        rows.append((f"first check, nothing cached (best of {args.repeat})", first))
        # The run right after the first one tells whether the first left all it needs.
        again = [seconds(cache_alone, work / "alone-0", work) for _ in range(args.repeat)]
        rows.append(("second check, per-file cache alone", again[0]))
        rows.append((f"  best of {args.repeat}", min(again)))
        if (ROOT / "repair" / "cli_replay.py").exists():
            seconds(launcher, work / "launcher", work)  # the first run stores the memo
            again = [seconds(launcher, work / "launcher", work) for _ in range(args.repeat)]
            rows.append(("second check, launcher (replay)", again[0]))
            rows.append((f"  best of {args.repeat}", min(again)))
        print(f"{'run':<42} {'wall s':>7} {'speed-up':>8} {'CPU s':>7} {'speed-up':>8}")
        for name, (wall, cpu) in rows:
            print(
                f"{name:<42} {wall:>7.3f} {first[0] / wall:>7.1f}x "
                f"{cpu:>7.3f} {first[1] / cpu:>7.1f}x"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
