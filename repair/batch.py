"""Run per-file work serially or on a pool of worker processes, in a stable order.

The pool is sized by the bytes of input (about a megabyte of text per worker) and, where
the system can fork, started from a process that has already loaded what the work needs
(rules, word lists, entity indexes): each worker inherits them instead of paying a third
of a second or more to load its own.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Final, TypeVar

if TYPE_CHECKING:  # multiprocessing is imported only when a pool starts: a serial run never does
    import multiprocessing.context

T = TypeVar("T")
R = TypeVar("R")

# Below this many tasks per worker, starting processes costs more than it saves.
_MIN_TASKS_PER_WORKER = 4
# Below this much input per worker, likewise: a worker checks about 1-2 MB a second, and
# starting one, sending it tasks and reading back results costs a sizeable part of that.
BYTES_PER_WORKER: Final = 1_000_000


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def pool_size(tasks: Sequence[T], jobs: int, size_of: Callable[[T], int] | None = None) -> int:
    """How many worker processes ``tasks`` are worth, at most ``jobs``; 1: none.

    With ``size_of`` (a task's input in bytes), one worker per :data:`BYTES_PER_WORKER`;
    without, one per four tasks.

    >>> pool_size(range(100), 2), pool_size(range(100), 2, lambda task: 5_000)
    (2, 1)
    """
    if size_of is None:
        return max(1, min(jobs, len(tasks) // _MIN_TASKS_PER_WORKER))
    total = sum(size_of(task) for task in tasks)
    return max(1, min(jobs, len(tasks), total // BYTES_PER_WORKER))


def run_ordered(
    function: Callable[[T], R],
    tasks: Sequence[T],
    jobs: int,
    *,
    size_of: Callable[[T], int] | None = None,
    prepare: Callable[[], object] | None = None,
) -> Iterator[R]:
    """``map(function, tasks)``, on ``jobs`` processes when that pays; results in task order.

    ``function`` must be a module-level function and the tasks picklable. ``size_of``
    sizes the pool by input bytes (see :func:`pool_size`) and sends the biggest tasks first
    (see :func:`big_first`). ``prepare`` runs here once, before a pool starts, to load what
    every worker needs: forked workers inherit it.
    """
    sizes = None if size_of is None else [size_of(task) for task in tasks]
    workers = pool_size(tasks, jobs) if sizes is None else pool_size(sizes, jobs, int)
    if workers <= 1:
        yield from _serial(function, tasks)
        return
    big = [] if sizes is None else big_first(sizes, workers)
    if prepare is not None:
        prepare()
    # What is loaded now is kept by every worker: moved out of the collector's sight, a
    # worker's collections do not touch (and so copy) the pages it shares with this process.
    frozen = freeze_for_run()
    try:
        yield from _pooled(function, tasks, workers, big)
    finally:
        if frozen:
            thaw_after_run()


def _serial(function: Callable[[T], R], tasks: Sequence[T]) -> Iterator[R]:
    """``map(function, tasks)`` in this process, what the first task loaded kept out of the
    cyclic collector's sight for the rest of the run.

    The first task loads the rules' word tables, patterns and models: hundreds of thousands
    of long-lived objects that every full collection would otherwise walk again. Frozen, a
    fix of 2 MB costs about 5% less CPU (`benchmarks/finding_cost.py` has the count of
    collections; measured in one process, 2026-12-03). They go back to the collector when
    the run ends: a library caller lives on.
    """
    frozen = False
    try:
        for index, task in enumerate(tasks):
            yield function(task)
            if index == 0 and gc.isenabled():
                frozen = freeze_for_run()
    finally:
        if frozen:
            thaw_after_run()


_REPAIR_FREEZES: Final[list[int]] = [0]
"""How many of :func:`freeze_for_run`'s freezes are in force in this process."""


def freeze_for_run() -> bool:
    """Move every object this process holds out of the cyclic collector's sight until
    :func:`thaw_after_run` (``gc.freeze``), and say whether it did.

    ``gc.unfreeze`` gives back every frozen object, whoever froze it: a process that froze
    objects of its own before the run (a library caller) would find them thawed after it.
    Such a process keeps its freeze as it is, and the run freezes nothing (its collections
    then walk the tables it loaded: a few percent of CPU). A freeze within one of repair's
    own (the workers' tables frozen inside a run that froze an entity index) stacks on it.
    """
    if gc.get_freeze_count() and not _REPAIR_FREEZES[0]:
        return False
    gc.freeze()
    _REPAIR_FREEZES[0] += 1
    return True


def thaw_after_run() -> None:
    """End a freeze of :func:`freeze_for_run`: the last of repair's freezes in force gives
    the frozen objects back to the collector (the process lives on; cycles that become
    garbage later must be collected)."""
    _REPAIR_FREEZES[0] -= 1
    if not _REPAIR_FREEZES[0]:
        gc.unfreeze()


def _pooled(
    function: Callable[[T], R], tasks: Sequence[T], workers: int, big: list[int]
) -> Iterator[R]:
    """The results of ``tasks`` in order, from a pool of ``workers`` that takes ``big``
    (indexes) first."""
    # Small chunks keep the workers evenly loaded to the end of the run (a chunk costs about
    # a millisecond to send; the last one to finish leaves the other workers idle).
    chunksize = max(1, min(8, len(tasks) // (workers * 32)))
    from concurrent.futures import ProcessPoolExecutor  # not imported by a serial run

    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_inheriting_context(),
        initializer=start_worker,
        initargs=(os.getpid(),),
    ) as pool:
        in_worker = functools.partial(frozen_after_first, function)
        # Sent before the rest, each alone; each result (or error) is taken at its own turn.
        early = {index: pool.submit(in_worker, tasks[index]) for index in big}
        try:
            rest = pool.map(
                in_worker, [t for i, t in enumerate(tasks) if i not in early], chunksize=chunksize
            )
            try:
                for index in range(len(tasks)):
                    future = early.pop(index, None)
                    yield next(rest) if future is None else future.result()
            finally:
                rest.close()  # type: ignore[attr-defined]
        finally:
            for future in early.values():
                future.cancel()


def big_first(sizes: Sequence[int], workers: int) -> list[int]:
    """The indexes of the tasks to send before the others, biggest first: those over an
    eighth of a worker's share of the input.

    Sent in their turn, a big task near the end of a run would keep one worker busy long
    after the others ran out of work; sent first, the small ones fill in around it. Only
    these few are taken out of order, since each result sent early is held until its turn.

    >>> big_first([10, 300, 10, 10, 500, 10], 2)
    [4, 1]
    """
    share = sum(sizes) / (workers * 8)
    big = [index for index, size in enumerate(sizes) if size > share]
    return sorted(big, key=lambda index: -sizes[index])


def _inheriting_context() -> multiprocessing.context.BaseContext | None:
    """Forked workers on Linux, which inherit what this process loaded (Python 3.14 starts
    them from a fork server by default, which would load everything again); elsewhere the
    platform's default (forking is unsafe on macOS)."""
    if sys.platform.startswith("linux"):
        import multiprocessing

        return multiprocessing.get_context("fork")
    return None


# Whether this worker process has done a task (set by start_worker, in the worker).
_FIRST_DONE: list[bool] = []


def start_worker(main: int) -> None:
    """Set up a worker process of the run whose process is ``main``."""
    _FIRST_DONE.clear()
    die_with_parent(main)


def frozen_after_first(function: Callable[[T], R], task: T) -> R:
    """``function(task)``, in a worker: after its first task, what that task loaded (what
    the parent did not load for it: lingua's models, tables first read by its text) is
    moved out of the cyclic collector's sight, as :func:`_serial` does in one process.

    The worker's full collections then walk only what its later tasks make: 0.015-0.027 s
    less CPU a worker for 78 files of 64 KB (its one full collection, timed with
    ``gc.callbacks``, 2026-12-03). The worker ends with the run: nothing is unfrozen.
    """
    try:
        return function(task)
    finally:
        if not _FIRST_DONE:
            _FIRST_DONE.append(True)
            if gc.isenabled():
                gc.freeze()


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
