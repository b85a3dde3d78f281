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
own start-up as the floor.

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

ROOT = Path(__file__).resolve().parent.parent
# A change this soon before a run could be invisible in a file's times (repair's racy window).
RACY_SECONDS = 2.0
_CACHE_ALONE = (
    "import sys; from repair.cli import main; main(args=sys.argv[1:], prog_name='repair')"
)


def paragraphs() -> list[str]:
    """The non-empty lines of the sample corpus's text files."""
    found: list[str] = []
    for path in sorted((ROOT / "corpus").glob("*.*")):
        if path.suffix in (".txt", ".md"):
            found += [line for line in path.read_text(encoding="utf-8").splitlines() if line]
    return found


def build_corpus(folder: Path, count: int, file_bytes: int) -> int:
    """Write ``count`` files of about ``file_bytes`` bytes; their total size."""
    source = paragraphs()
    folder.mkdir(parents=True)
    total = index = 0
    for number in range(count):
        chunk: list[str] = [f"Document {number + 1}."]  # no two files share their bytes
        size = 0
        while size < file_bytes:
            paragraph = source[index % len(source)]
            if index % 8 == 3:
                paragraph = paragraph.encode("utf-8").decode("cp1252", errors="replace")
            chunk.append(paragraph)
            size += len(paragraph.encode("utf-8")) + 1
            index += 1
        data = ("\n".join(chunk) + "\n").encode("utf-8")
        (folder / f"doc{number:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def seconds(command: list[str], cache_dir: Path, cwd: Path) -> float:
    """Wall time of ``command`` run with its cache under ``cache_dir``."""
    environment = {
        **os.environ,
        "REPAIR_CACHE_DIR": str(cache_dir),
        "NO_COLOR": "1",
        "REPAIR_LANGUAGETOOL_URL": "",
    }
    started = time.perf_counter()
    finished = subprocess.run(
        command, cwd=cwd, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    elapsed = time.perf_counter() - started
    if finished.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed: {finished.stderr.decode()[:500]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--file-kb", type=float, default=4)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="repair-replay-"))
    try:
        corpus = work / "corpus"
        size = build_corpus(corpus, args.files, int(args.file_kb * 1000))
        time.sleep(RACY_SECONDS + 0.2)  # the files age past the racy window
        check = ["check", "--isolated", "--exit-zero", "corpus"]
        launcher = [sys.executable, "-m", "repair", *check]
        cache_alone = [sys.executable, "-c", _CACHE_ALONE, *check]
        python = [sys.executable, "-c", "pass"]
        floor = min(seconds(python, work / "none", work) for _ in range(5))
        print(f"{args.files} files of {args.file_kb:g} KB ({size / 1e6:.1f} MB), 1 job")
        print(f"python -c pass (floor, best of 5): {floor:.3f} s")
        rows: list[tuple[str, float]] = []
        firsts = [seconds(cache_alone, work / f"alone-{n}", work) for n in range(args.repeat)]
        first = min(firsts)
        rows.append((f"first check, nothing cached (best of {args.repeat})", first))
        # The run right after the first one tells whether the first left all it needs.
        seconds_list = [seconds(cache_alone, work / "alone-0", work) for _ in range(args.repeat)]
        rows.append(("second check, per-file cache alone", seconds_list[0]))
        rows.append((f"  best of {args.repeat}", min(seconds_list)))
        if (ROOT / "repair" / "cli_replay.py").exists():
            seconds(launcher, work / "launcher", work)  # the first run stores the memo
            seconds_list = [seconds(launcher, work / "launcher", work) for _ in range(args.repeat)]
            rows.append(("second check, launcher (replay)", seconds_list[0]))
            rows.append((f"  best of {args.repeat}", min(seconds_list)))
        print(f"{'run':<38} {'seconds':>8} {'speed-up':>9}")
        for name, value in rows:
            print(f"{name:<38} {value:>8.3f} {first / value:>8.1f}x")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
