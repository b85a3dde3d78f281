"""A batch of file tasks, answered from the per-file cache where it can be.

What the cache knows is answered in this process; only the rest goes to worker processes
(:mod:`repair.worker`), whose reads of files the cache did not know are noted in the folder
indexes, so that the next run finds them unchanged by their status alone.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from repair import lexicon
from repair.batch import freeze_for_run, run_ordered, thaw_after_run
from repair.cache import ResultCache, content_digest
from repair.config import Config
from repair.errors import DocumentError, RepairError
from repair.files import decode, read_bytes
from repair.fingerprint import settings_fingerprint
from repair.fixer import choose_fixes
from repair.results import FileCheck, FileFix, FileResult
from repair.worker import (
    Read,
    Task,
    config_for,
    finished,
    needs_transcoding,
    run_task,
    within,
)


def run_with_cache(tasks: list[Task], jobs: int) -> Iterator[Any]:
    """Answer what the cache knows in this process; send only the rest to the workers.

    Yields each task's result, or its ``then`` of the result when it has one.

    A cached file costs a stat and a small JSON load (a read and a hash when the folder
    index does not know it): far less than handing it to a worker process, so an unchanged
    corpus is answered without starting any. The look-up first only finds which files the
    cache knows; each known result is loaded as its turn comes, so that a cached run holds
    no more results at once than an uncached one. An entry that turns out damaged then is
    checked here.
    """
    # Every task of a run has the same config and options: settings differ only by folder.
    settings_of: dict[Path, Config] = {}
    try:
        known = [_cache_knows(task, settings_of) if task.cache else None for task in tasks]
    finally:
        _save_folder_indexes(settings_of.values())
    pending = [task for task, key in zip(tasks, known, strict=True) if key is None]
    cached_settings = _settings(task for task in pending if task.cache)
    _keep_word_table(cached_settings)
    freezes: list[bool] = []
    _load_entity_indexes(cached_settings, freezes)
    try:
        computed = run_ordered(
            run_task, pending, jobs, size_of=_input_bytes, prepare=lambda: _prepare(pending)
        )
        for task, key in zip(tasks, known, strict=True):
            done = None
            if key is None:
                done = next(computed)
            else:
                result = _from_cache(task, settings_of, key)
                if result is None:
                    done = run_task(task)
                else:
                    yield finished(task, result)
            if done is not None:
                _remember_read(task, done.read, settings_of)
                yield done.value
        _save_folder_indexes(settings_of.values())
    finally:
        # What the run froze goes back to the collector: a library caller lives on, and
        # cycles that become garbage later must still be collected.
        for _ in filter(None, freezes):
            thaw_after_run()


def _remember_read(task: Task, read: Read | None, settings_of: dict[Path, Config]) -> None:
    """Note in the folder index the digest of a file a worker read (the one read of a file
    the cache did not know), so that the next run takes it from there."""
    if read is None or not task.cache:
        return
    folder = task.file.parent
    try:
        settings = settings_of.get(folder)
        if settings is None:
            settings = settings_of[folder] = config_for(task.file, task.config, task.options)
        if settings.trust_file_status:
            index = ResultCache.for_config(settings).folder_index(folder)
            index.remember(task.file.name, read.status, read.digest, read_at_ns=read.read_at_ns)
    except (OSError, RuntimeError, ValueError):
        return  # an index that cannot be kept only costs the next run a read


def _input_bytes(task: Task) -> int:
    try:
        return task.file.stat().st_size
    except OSError:
        return 0  # its worker says what is wrong


def _prepare(tasks: Iterable[Task]) -> None:
    """Load the rules and their tables for the settings of ``tasks`` before the workers
    start, so that they inherit them.

    Loading ahead only saves time: whatever fails here (a settings error, a malformed
    entity list) fails again in the worker, which reports it against its file.
    """
    from repair import checker

    settings = set()
    for task in tasks:
        with contextlib.suppress(RepairError, OSError):
            settings.add(config_for(task.file, task.config, task.options))
    for config in settings:
        with contextlib.suppress(Exception):
            checker.prepare(config)


def _settings(tasks: Iterable[Task]) -> set[Config]:
    """The settings of ``tasks``; those that fail here fail again in the worker, which
    reports it against its file."""
    settings = set()
    for task in tasks:
        with contextlib.suppress(RepairError, OSError):
            settings.add(config_for(task.file, task.config, task.options))
    return settings


def _keep_word_table(settings: Iterable[Config]) -> None:
    """Have wordfreq's English table read through the cache beside the results of cached
    tasks (``<cache>/lexicon``): decoding it costs each process a tenth of a second or more,
    reading it back a fifth of that. A run with ``--no-cache`` decodes it."""
    config = next(iter(settings), None)  # any one: the table is the same in each
    if config is not None:
        folder = ResultCache.for_config(config).folder
        with contextlib.suppress(OSError):
            ResultCache.mark_cache_folder(folder.parent)  # ignored by git, as results are
        lexicon.keep_tables_in(folder / "lexicon")


def _load_entity_indexes(settings: Iterable[Config], freezes: list[bool]) -> None:
    """Load the entity lists of cached tasks (their ``settings``) through the index cache
    beside the results, before any is checked: the check then finds the index loaded (this
    process's, or its parent's in a forked worker). A run with ``--no-cache`` builds it from
    the lists.

    Whatever fails here fails again in the worker, which reports it against its file.
    Each index is frozen for the run (:func:`_kept_for_the_run`): ``freezes`` gets whether
    it was, to be thawed when the run ends.
    """
    for config in settings:
        if config.entities:
            from repair.entities import load_index  # rapidfuzz only when a list is configured

            folder = ResultCache.for_config(config).folder
            with contextlib.suppress(Exception), _kept_for_the_run(freezes):
                ResultCache.mark_cache_folder(folder.parent)  # ignored by git, as results are
                load_index(config.entities, folder)


@contextlib.contextmanager
def _kept_for_the_run(freezes: list[bool]) -> Iterator[None]:
    """What the block loads is kept for the run: frozen out of the cyclic collector's
    sight as it is made, until :func:`run_with_cache` ends (as
    :func:`repair.batch.run_ordered` freezes what workers inherit). An index of 100,000
    entities is millions of objects and no cycle: the first collection after it walked
    them all, and each full collection its containers again."""
    from repair.entities.index import collector_paused  # only when a list is configured

    collecting = gc.isenabled()
    with collector_paused():
        yield
        if collecting:
            freezes.append(freeze_for_run())


def _save_folder_indexes(settings: Iterable[Config]) -> None:
    for store in {id(s): ResultCache.for_config(s) for s in settings}.values():
        store.save_indexes()


def _cache_knows(task: Task, settings_of: dict[Path, Config]) -> str | None:
    """The key of the entry that answers ``task`` (see :func:`_from_cache`), found without
    keeping its result or reading the file: the folder index knows the file unchanged, an
    entry exists, and for a fix, no fix of its findings applies. ``None`` when the task
    goes to a worker, which reads the file once (and finds its entry if the index did not
    know the file)."""
    if task.fix and task.target is not None:
        return None  # a copy must be written all the same
    try:
        found = _indexed_key(task, settings_of)
        if found is None:
            return None
        store, key = found
        if not task.fix:
            return key if store.has(key) else None
        cached = store.load(key)
    except (DocumentError, OSError, RuntimeError, ValueError):
        return None  # the worker reports what is wrong with the file
    if cached is None:
        return None
    if choose_fixes(cached.findings, task.unsafe) or needs_transcoding(cached.findings):
        return None
    return key


def _indexed_key(task: Task, settings_of: dict[Path, Config]) -> tuple[ResultCache, str] | None:
    """The cache and the key of the task's file, when the folder index knows the file
    unchanged (``None`` otherwise, or when the settings do not trust file status).
    Raises :class:`OSError` and the like as a stat does."""
    folder = task.file.parent
    settings = settings_of.get(folder)
    if settings is None:
        settings = settings_of[folder] = config_for(task.file, task.config, task.options)
    if not settings.trust_file_status:
        return None
    store = ResultCache.for_config(settings)
    digest = store.folder_index(folder).digest(task.file.name, task.file.stat())
    if digest is None:
        return None
    display = str(task.file)
    return store, ResultCache.key(digest, settings_fingerprint(settings, display), display)


def _from_cache(task: Task, settings_of: dict[Path, Config], known: str) -> FileResult | None:
    """The task's result from the cache, whose entry :func:`_cache_knows` found at the key
    ``known``; ``None`` when it turns out damaged, or the file changed since.

    Without ``task.documents`` the entry is loaded by that key and the file is not read;
    otherwise the file is read, hashed and decoded again (its text is not held between the
    look-up and its turn).
    """
    display = str(task.file)
    try:
        settings = settings_of[task.file.parent]
        store = ResultCache.for_config(settings)
        raw = None
        if task.documents:
            raw = read_bytes(task.file)
            digest = content_digest(raw)
            if ResultCache.key(digest, settings_fingerprint(settings, display), display) != known:
                return None  # the file changed since the look-up
        cached = store.load(known)
        if cached is None:
            return None
        if not task.documents:
            findings = tuple(cached.findings)
            return FileCheck(
                display, findings, notice=cached.notice, locations=tuple(cached.locations)
            )
        assert raw is not None
        doc = decode(raw, display)
        if not within(cached.findings, len(doc.text)):
            return None
    except (DocumentError, OSError, RuntimeError, ValueError):
        # The worker reports what is wrong with the file; a damaged cache is a miss.
        # (RuntimeError: a symbolic link loop, as Path.resolve raises it before 3.13.)
        return None
    findings = tuple(cached.findings)
    if task.fix and (choose_fixes(findings, task.unsafe) or needs_transcoding(findings)):
        return None
    if task.fix:
        return FileFix(
            display, doc, doc, doc.text, findings, remaining=findings, notice=cached.notice
        )
    return FileCheck(display, findings, doc, notice=cached.notice)
