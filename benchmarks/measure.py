"""Wall time, CPU time and peak memory of a command and every process it starts.

A run is started in a session of its own; a sampler thread sums, every 50 ms, the
proportional set size (PSS: shared pages split between the processes that share them, so
forked workers are not counted twice) of each process of that session, and keeps the
largest sum. CPU time is user plus system time of the process and of the workers it waited
for, as ``wait4`` reports them; the largest single process comes from the same call.

Linux only for the tree's memory (``/proc``); elsewhere that column is left empty.
"""

from __future__ import annotations

import compileall
import os
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

_PROC = Path("/proc")
SAMPLE_SECONDS = 0.05


@dataclass(frozen=True, slots=True)
class Measured:
    """What one run cost."""

    wall: float
    """Seconds from start to exit."""
    cpu: float
    """User plus system seconds of the process and the children it waited for."""
    tree_peak_mib: float | None
    """The largest sum of the PSS of every process of the run at one moment (MiB)."""
    largest_mib: float
    """The peak resident size of the largest single process (MiB)."""
    timed_out: bool = False


class _TreeSampler(threading.Thread):
    """Sums the PSS of the processes of session ``session`` until stopped."""

    def __init__(self, session: int) -> None:
        super().__init__(daemon=True)
        self.session = session
        self.peak_kib = 0
        self.works = _PROC.is_dir()
        self._stopping = threading.Event()

    def run(self) -> None:
        while self.works and not self._stopping.wait(SAMPLE_SECONDS):
            self.peak_kib = max(self.peak_kib, self.sample())

    def stop(self) -> None:
        self._stopping.set()
        self.join()

    def sample(self) -> int:
        total = 0
        for name in os.listdir(_PROC):  # noqa: PTH208 (names only, many times a second)
            # PIDs grow: a process the run started has a PID no lower than its first one.
            if not name.isdigit() or int(name) < self.session:
                continue
            try:
                stat = (_PROC / name / "stat").read_bytes()
                if int(stat.rsplit(b")", 1)[1].split()[3]) != self.session:
                    continue
                total += _pss_kib(_PROC / name)
            except (OSError, ValueError, IndexError):
                continue  # the process ended between the listing and the read
        return total


def _pss_kib(process: Path) -> int:
    try:
        rollup = (process / "smaps_rollup").read_text()
    except OSError:
        # No smaps_rollup: the resident size, which counts shared pages in every process.
        return int((process / "statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    for line in rollup.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def run_measured(
    command: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    timeout: float | None = None,
    accept: Sequence[int] = (0, 1),
) -> Measured:
    """Run ``command`` (output discarded) and measure it; a run past ``timeout`` seconds is
    killed with its workers and marked ``timed_out``."""
    started = time.perf_counter()
    process = subprocess.Popen(
        list(command),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=dict(env) if env is not None else None,
        start_new_session=True,
    )
    sampler = _TreeSampler(process.pid)
    sampler.start()
    timer = None
    timed_out = threading.Event()
    if timeout is not None:

        def kill() -> None:
            timed_out.set()
            os.killpg(process.pid, 9)

        timer = threading.Timer(timeout, kill)
        timer.start()
    assert process.stderr is not None
    errors = process.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if timer is not None:
        timer.cancel()
    sampler.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    if not timed_out.is_set() and process.returncode not in accept:
        raise SystemExit(f"{' '.join(command)} failed: {errors.strip()[:500]}")
    return Measured(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        tree_peak_mib=sampler.peak_kib / 1024 if sampler.works else None,
        largest_mib=usage.ru_maxrss / 1024,
        timed_out=timed_out.is_set(),
    )


_FTFY_SCRIPT = """
import sys
from pathlib import Path
import ftfy
for path in sorted(Path(sys.argv[1]).iterdir()):
    ftfy.fix_text(path.read_text(encoding="utf-8"))
"""


def ftfy_command(folder: Path) -> list[str]:
    """A process that runs ``ftfy.fix_text`` over each file of ``folder``, as repair runs."""
    return [sys.executable, "-c", _FTFY_SCRIPT, str(folder)]


def compile_package(code: Path) -> None:
    """Compile the ``repair`` package in the folder ``code`` to bytecode, as pip does on
    install. A checkout without its bytecode, run where nothing may write it
    (``PYTHONDONTWRITEBYTECODE``, a read-only folder), compiles every module in each
    process: about 0.45 s of CPU a ``repair check``, which would make a checkout measured
    beside an installed package look that much slower."""
    compileall.compile_dir(code / "repair", quiet=1)


def repair_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "repair", *args]


REPAIR_ENV = {**os.environ, "NO_COLOR": "1", "REPAIR_LANGUAGETOOL_URL": ""}
