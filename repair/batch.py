"""Run per-file work serially or on a pool of worker processes, in a stable order.

Each worker is a separate process with its own copies of the word lists and entity indexes,
loaded once by the worker's first file (they are cached per process), never per file.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Final, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many tasks per worker, starting processes costs more than it saves.
_MIN_TASKS_PER_WORKER = 4


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_ordered(function: Callable[[T], R], tasks: Sequence[T], jobs: int) -> Iterator[R]:
    """``map(function, tasks)``, on ``jobs`` processes when that pays; results in task order.

    ``function`` must be a module-level function and the tasks picklable.
    """
    workers = min(jobs, len(tasks) // _MIN_TASKS_PER_WORKER)
    if workers <= 1:
        yield from map(function, tasks)
        return
    # Small chunks keep the workers evenly loaded to the end of the run (a chunk costs about
    # a millisecond to send; the last one to finish leaves the other workers idle).
    chunksize = max(1, min(8, len(tasks) // (workers * 32)))
    from concurrent.futures import ProcessPoolExecutor  # not imported by a serial run

    with ProcessPoolExecutor(
        max_workers=workers, initializer=die_with_parent, initargs=(os.getpid(),)
    ) as pool:
        yield from pool.map(function, tasks, chunksize=chunksize)


# Linux's prctl option that sends the process a signal when its parent dies.
_PR_SET_PDEATHSIG: Final = 1
_PARENT_WATCH_SECONDS: Final = 0.5


def die_with_parent(parent: int) -> None:
    """Make this worker process end when ``parent`` does, killed or not.

    A worker left behind by a killed run goes on fixing its tasks and writing files no
    one asked for any more. Linux kills it with its parent (``PR_SET_PDEATHSIG``); on
    every system a thread also watches for the parent to change, and ends the process.
    """
    import signal
    import threading

    with contextlib.suppress(Exception):  # not Linux: the watching thread alone
        import ctypes

        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before this worker could ask
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(_PARENT_WATCH_SECONDS)
    os._exit(1)
