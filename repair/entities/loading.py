"""Loading the entity index of a configuration's lists: once per process, again when a
list's bytes change, and through the index cache when a cache folder is given."""

from __future__ import annotations

import functools
import hashlib
import threading
from pathlib import Path
from time import time_ns
from typing import Final

from repair.entities import index_cache
from repair.entities.index import EntityIndex, collector_paused
from repair.entities.lists import merge, read_entity_list
from repair.stamps import RACY_NS, file_signature


def load_index(paths: tuple[str, ...], cache: Path | None = None) -> EntityIndex:
    """The merged index of the entity lists at ``paths``, built once per process and again
    when a list's content changes (a notebook's user edits one between runs).

    Lists are told apart by the digest of their bytes, as the result cache tells them: an
    edit that keeps the size and the modification time (``cp -p``, ``tar``, a coarse
    clock) still counts. A process forked after the index was built (a worker of the
    pool) inherits it. With a ``cache`` folder (the result cache's), an index built there
    by an earlier process for the same bytes is restored instead of built, and one built
    here is kept there (see :mod:`repair.entities.index_cache`); a later call for the same
    lists, with or without the folder, gets the index of the first.
    """
    digests = tuple(_list_digest(path) for path in paths)
    key = (paths, digests)
    with _RECENT_LOCK:  # threads of one process (a threaded Dask worker) load it once
        index = _RECENT.get(key)
        if index is None:
            if len(_RECENT) >= _MAX_RECENT:  # the oldest goes
                del _RECENT[next(iter(_RECENT))]
            index, matches = _loaded(paths, digests, cache)
            if matches:
                _RECENT[key] = index
    return index


_RECENT: Final[dict[tuple[tuple[str, ...], tuple[str, ...]], EntityIndex]] = {}
"""The last indexes loaded, by paths and digests, oldest first. (Not an lru_cache of
:func:`load_index`: whether the disk cache may be used is no part of what was loaded.)"""
_MAX_RECENT: Final = 8
_RECENT_LOCK: Final = threading.Lock()


def _loaded(
    paths: tuple[str, ...], digests: tuple[str, ...], cache: Path | None
) -> tuple[EntityIndex, bool]:
    """The index of the lists, and whether it is the index of the bytes ``digests`` name.

    The lists read may differ from the bytes digested before (an edit in between): such an
    index is used, but kept nowhere (on disk or in this process) under digests it does not
    match.
    """
    entry = None if cache is None else index_cache.entry_path(cache, paths, digests)
    if entry is not None:
        with collector_paused():  # restoring makes millions of objects, and no cycle
            restored = index_cache.restore(entry, EntityIndex)
        if restored is not None:
            object.__setattr__(restored, "kept_at", entry)  # the loader's own field
            return restored, True
    index = _built_index(paths)
    if tuple(_digest(path) for path in paths) != digests:
        return index, False
    if entry is not None:
        index_cache.store(
            entry,
            index.entities,
            [
                index.spellings,
                index.key_spellings,
                index.given_names,
                index.by_casefold,
                index.by_first_variant_word,
                index._buckets,
                index._by_sound,
                index._by_fold,
            ],
            index.canonical_spellings,
            index.spelling_groups(),
        )
        object.__setattr__(index, "kept_at", entry)  # the loader's own field
    return index, True


def _list_digest(path: str) -> str:
    """The digest of the list's bytes, read again when its status (size, times, inode)
    changes, and on every call while the list is younger than a file system's clock can
    tell apart from a later edit."""
    try:
        status = Path(path).stat()
    except OSError:
        return "unreadable"  # reading it will say what is wrong
    if max(status.st_mtime_ns, status.st_ctime_ns) > time_ns() - RACY_NS:
        return _digest(path)
    return _digest_while(path, file_signature(status))


@functools.lru_cache(maxsize=64)
def _digest_while(path: str, signature: tuple[int, ...]) -> str:
    """:func:`_digest` of the list at ``path`` while its status is ``signature``."""
    return _digest(path)


def _digest(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


def _built_index(paths: tuple[str, ...]) -> EntityIndex:
    with collector_paused():  # reading makes as many objects as indexing, and no cycle
        return EntityIndex.build(merge(read_entity_list(path) for path in paths))
