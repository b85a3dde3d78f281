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


def die_with_parent(main: int) -> None:
    """Make this worker process end when the run's process ``main`` does, killed or not.

    A worker left behind by a killed run goes on fixing its tasks and writing files no
    one asked for any more. Linux kills it with its parent (``PR_SET_PDEATHSIG``; under a
    fork server, the server ends with the run and takes its children along); on every
    system a thread also watches ``main`` and ends the process when it is gone.
    """
    import signal
    import threading

    with contextlib.suppress(Exception):  # not Linux: the watching thread alone
        import ctypes

        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if not _running(main):  # it died before this worker could ask
        os._exit(1)
    threading.Thread(target=_watch, args=(main,), daemon=True).start()


def _running(main: int) -> bool:
    if os.name == "nt":  # os.kill would end the process there; spawned workers are its own
        return os.getppid() == main
    try:
        os.kill(main, 0)  # signal 0: only whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _watch(main: int) -> None:
    import time

    while _running(main):
        time.sleep(_PARENT_WATCH_SECONDS)
    os._exit(1)
