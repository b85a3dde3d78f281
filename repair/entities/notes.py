"""Notes kept beside an entity index's cache entry: what the rules worked out with that
index, for the next process that restores it (see :mod:`repair.entities.index_cache`).

A note is anything :mod:`marshal` writes, filed under a topic (a rule's table, a language):
the NAM scan keeps how it sorted each token, since sorting a token that is near no listed
spelling costs a search of a large list, and the same names recur from run to run. The
file sits beside the entry and shares its key (the lists' bytes and the code), so a note
is never stale: an edited list, rule or library makes another entry, and storing it
removes the old entry's notes with it.

The file is a log: each record is appended with one ``write`` (whole, whatever else
appends at the same time: the workers of a run do), behind its length and CRC-32; a write
cut short (a full disk) is taken back. A record cut short or damaged ends the reading: the
records before it are used, and the notes after are made again. Past :data:`MAX_BYTES`
nothing more is kept, so that a run over a new corpus every day does not grow the file
forever.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

SUFFIX: Final = ".notes"
"""Added to the entry's file name."""
MAX_BYTES: Final = 1 << 20
"""About 15,000 tokens' rankings, read in 15 ms; past them a run keeps nothing more (a
run of one small file would otherwise read more notes than it has tokens to rank)."""
_HEADER: Final = 8
"""A record's header: the length of its body (4 bytes) and its CRC-32 (4), little-endian."""


def notes_path(entry: Path) -> Path:
    """Where the notes of the index kept at ``entry`` are."""
    return entry.with_name(entry.name + SUFFIX)


def read_notes(entry: Path) -> dict[str, dict[Any, Any]]:
    """Topic -> the notes kept under it for the index kept at ``entry`` (a later record's
    note replaces an earlier one's); empty when there are none."""
    return read_notes_after(entry, 0)[0]


def read_notes_after(entry: Path, start: int) -> tuple[dict[str, dict[Any, Any]], int]:
    """:func:`read_notes` of the records from byte ``start`` on, and where the last whole
    one ends: where to read on from, when another process has added to the notes since
    (a record being written is read on its next turn)."""
    try:
        with open(notes_path(entry), "rb") as stream:  # noqa: PTH123 (a seek and a read)
            stream.seek(start)
            data = stream.read()
    except OSError:
        return {}, start
    found: dict[str, dict[Any, Any]] = {}
    view = memoryview(data)
    at = 0
    while at + _HEADER <= len(data):
        size = int.from_bytes(view[at : at + 4], "little")
        check = int.from_bytes(view[at + 4 : at + _HEADER], "little")
        body = view[at + _HEADER : at + _HEADER + size]
        if len(body) != size or zlib.crc32(body) != check:
            break
        try:
            topic, notes = marshal.loads(body)
        except (ValueError, TypeError, EOFError):
            break
        if not (isinstance(topic, str) and isinstance(notes, dict)):
            break
        found.setdefault(topic, {}).update(notes)
        at += _HEADER + size
    return found, start + at


def notes_size(entry: Path) -> int:
    """The size of the notes of the index kept at ``entry`` (0 when there are none)."""
    try:
        return os.stat(notes_path(entry)).st_size  # noqa: PTH116 (no Path made per call)
    except OSError:
        return 0


def add_notes(entry: Path, topic: str, notes: Mapping[Any, Any]) -> None:
    """Keep ``notes`` under ``topic`` for the index kept at ``entry``. A folder that
    cannot be written, or notes past :data:`MAX_BYTES`, only cost the next process the
    work again."""
    body = marshal.dumps((topic, dict(notes)))
    record = len(body).to_bytes(4, "little") + zlib.crc32(body).to_bytes(4, "little") + body
    with contextlib.suppress(OSError, ValueError):
        handle = os.open(notes_path(entry), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            if os.fstat(handle).st_size + len(record) <= MAX_BYTES:
                _append_whole(handle, record)
        finally:
            os.close(handle)


def _append_whole(handle: int, record: bytes) -> None:
    """Append ``record`` whole, or take back what of it was written: a record cut short (a
    full disk) would end every later reading before the records appended after it."""
    try:
        written = os.write(handle, record)
    except OSError:
        written = 0  # nothing appended: an O_APPEND write fails before it writes
    if written != len(record):
        if written:  # what was written ends where the file's offset now stands
            os.ftruncate(handle, os.lseek(handle, 0, os.SEEK_CUR) - written)
        raise OSError(f"notes record cut short ({written} of {len(record)} bytes)")
