"""Built entity indexes kept in the cache folder, for the next process that reads the same lists.

Reading and indexing 100,000 entities costs a process about 0.8-0.9 s of CPU; restoring
the built index from here 0.02-0.03 s (``benchmarks/names_speed.py``). An entry is keyed
by the paths of the lists, the digests of their bytes, and
:func:`repair.stamps.code_stamp` (repair's own files, its libraries and Python's
version): an edited list, an edited rule or another Python makes another key, so an
entry is never stale. One entry is kept per set of paths: storing a
new one removes the others of those paths (a list edited a hundred times leaves one).

The entry is Python's :mod:`marshal` format behind a header holding the length and the
CRC-32 of what follows: marshal loads about twice as fast as JSON and, unlike pickle, runs
no code while loading. A damaged entry (cut short, overwritten, a bit flipped) fails the
length or the checksum and is built again and replaced; so is one that does not have the
layout of :data:`FORMAT`. (A CRC-32 catches such damage as surely as the SHA-256 it
replaces: every burst of up to 32 bits, and all but one in four billion others. Neither
guards against an entry written on purpose, since whoever can write the cache can write
the digest too; the CRC-32 of 24 MB costs a fifth of the SHA-256's CPU.)

The entities are kept as rows marshalled one by one, each made when a rule asks for it
(:class:`RestoredEntities`): a check reads the entities of the names it reports only, and
making all of them was a third of the restore. The tables are kept in shards read as their
keys are looked up (:mod:`repair.entities.shards`): a check looks up a few hundred words,
and loading every table whole was the rest of it.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import json
import marshal
import os
import zlib
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any, Final, TypeVar, overload

from repair import stamps
from repair.atomic import atomic_output
from repair.entities.lists import Entity, EntityType
from repair.entities.notes import notes_path
from repair.entities.shards import DamagedIndexError, ShardedSet, ShardedTable, cut

FORMAT: Final = 4
"""The layout of an entry; part of its key and of its header."""
_MAGIC: Final = b"repair-entity-index-4\n"
_CHECK_SIZE: Final = 12
"""The header's check of the body: its length (8 bytes) and its CRC-32 (4), little-endian."""
_SIZE: Final = 4
"""The bytes of the directory's length, at the start of the body."""
_TABLES: Final = 10
"""The tables kept: the eight of the index, its canonical spellings, its spelling groups."""
_CANONICAL: Final = 8
"""Where the canonical spellings are among them."""
_TYPE_OF: Final = {kind.value: kind for kind in EntityType}
_FOLDER: Final = "entities"
_SUFFIX: Final = ".index"
T = TypeVar("T")


def entry_path(folder: Path, paths: tuple[str, ...], digests: tuple[str, ...]) -> Path:
    """Where the index of the lists at ``paths``, whose bytes have ``digests``, is kept:
    ``<folder>/entities/<paths' key>-<content key>.index``."""
    of_paths = hashlib.sha256(json.dumps(paths).encode("utf-8")).hexdigest()[:20]
    content = json.dumps([FORMAT, paths, digests, stamps.code_stamp()], default=str)
    key = hashlib.sha256(content.encode("utf-8")).hexdigest()[:40]
    return folder / _FOLDER / f"{of_paths}-{key}{_SUFFIX}"


def restore(entry: Path, make: Callable[..., T]) -> T | None:
    """The index kept at ``entry``, made by ``make`` from its fields (those of
    :class:`~repair.entities.index.EntityIndex`, in order, the spelling groups last); None
    when there is none, or it is damaged or of another layout.

    The whole entry is read and checked now, and only its directory decoded: each table's
    shards are decoded when a key of theirs is first looked up, from the bytes read and
    checked here (not from the file, which another process may have replaced or removed
    since)."""
    try:
        with open(entry, "rb") as stream:  # noqa: PTH123 (one read, no Path method needed)
            data = stream.read()
    except OSError:
        return None
    header = len(_MAGIC) + _CHECK_SIZE
    body = memoryview(data)[header:]  # not a copy of 24 MB
    if data[: len(_MAGIC)] != _MAGIC or _check(body) != data[len(_MAGIC) : header]:
        return None
    try:
        return make(*_fields(body, entry))
    except (ValueError, TypeError, EOFError, KeyError, IndexError):
        return None


def _check(body: bytes | memoryview) -> bytes:
    """The header's check of an entry's ``body``: its length and its CRC-32."""
    return len(body).to_bytes(8, "little") + zlib.crc32(body).to_bytes(4, "little")


def _fields(body: memoryview, entry: Path) -> tuple[Any, ...]:
    """The fields of an :class:`~repair.entities.index.EntityIndex` from an entry's body:
    its directory, then the blobs it places (:func:`_body`); raises ValueError for another
    layout, and for blobs not placed one after the other as :func:`_body` writes them (so
    none overlaps another). A shard or row that does not load when first read
    (:func:`_damaged`) removes the entry."""
    size = int.from_bytes(body[:_SIZE], "little")
    state = marshal.loads(body[_SIZE : _SIZE + size])
    blobs = body[_SIZE + size :]
    if not (isinstance(state, tuple) and len(state) == 4 and state[0] == FORMAT):
        raise ValueError("not an index entry")
    _, rows, ends, tables = state
    if not (isinstance(tables, tuple) and len(tables) == _TABLES):
        raise ValueError("not an index entry")
    damaged = functools.partial(_damaged, entry)
    row_bytes = _span(blobs, rows)
    row_ends = array("Q")
    row_ends.frombytes(_span(blobs, ends))
    if (row_ends[-1] if row_ends else 0) != len(row_bytes):
        raise ValueError("not an index entry")
    made = RestoredEntities(row_bytes, row_ends, damaged)
    placed = [rows, ends]
    sharded = [_table(blobs, table, damaged, placed) for table in tables]
    # Each blob starts where the one before ends, and the last ends the entry: O(tables)
    if [start for start, _ in placed] != [0, *(end for _, end in placed[:-1])]:
        raise ValueError("not an index entry")
    if placed[-1][1] != len(blobs):
        raise ValueError("not an index entry")
    canonical = ShardedSet(sharded.pop(_CANONICAL))  # kept after the tables, a field after five
    return (made, *sharded[:5], canonical, *sharded[5:])


def _span(blobs: memoryview, span: Any) -> memoryview:
    """The blob at ``span`` (start, end); raises ValueError past the entry's end."""
    start, end = span
    if not (type(start) is int and type(end) is int and 0 <= start <= end <= len(blobs)):
        raise ValueError("not an index entry")
    return blobs[start:end]


def _table(
    blobs: memoryview,
    described: Any,
    damaged: Callable[[], Exception],
    placed: list[tuple[int, int]],
) -> ShardedTable[Any, Any]:
    """The sharded table a directory's entry describes: (length, where its shards begin,
    the span of their ends, the span of its order); its spans are added to ``placed``."""
    length, base, ends_at, order_at = described
    ends = array("Q")
    ends.frombytes(_span(blobs, ends_at))
    # (A negative base would read the blobs' end; a length not an int fails len() later)
    if not (type(length) is int and type(base) is int and length >= 0 and base >= 0):
        raise ValueError("not an index entry")
    if not ends or ends[-1] > len(blobs) - base:
        raise ValueError("not an index entry")
    placed += [(base, base + ends[-1]), ends_at, order_at]

    def shard(number: int) -> memoryview:
        return blobs[base + (ends[number - 1] if number else 0) : base + ends[number]]

    return ShardedTable(len(ends), length, shard, _span(blobs, order_at), damaged)


def _damaged(entry: Path) -> Exception:
    """What a shard of ``entry`` that does not load raises, once the entry is removed: its
    check passed, so only a faulty or hostile writer made it, and it would fail every run
    that restores it; removed, the next run builds the index again."""
    with contextlib.suppress(OSError):
        entry.unlink()
    return DamagedIndexError(
        f"{entry}: a damaged entity index entry, removed (the next run builds it again)"
    )


class RestoredEntities(Sequence[Entity]):
    """The entities of a restored index, in order, each made from its row when first
    asked for. Equal to the tuple of the same entities."""

    __slots__ = ("_damaged", "_ends", "_made", "_rows")

    def __init__(
        self,
        rows: bytes | memoryview,
        ends: array[int],
        damaged: Callable[[], Exception] | None = None,
    ) -> None:
        self._rows = rows
        """Every entity's row, marshalled, one after the other."""
        self._ends = ends
        """Where each row ends in ``_rows``."""
        self._made: dict[int, Entity] = {}
        self._damaged = damaged
        """What a row that does not load raises (:func:`_damaged`)."""

    def __len__(self) -> int:
        return len(self._ends)

    @overload
    def __getitem__(self, number: int) -> Entity: ...

    @overload
    def __getitem__(self, number: slice) -> tuple[Entity, ...]: ...

    def __getitem__(self, number: int | slice) -> Entity | tuple[Entity, ...]:
        if isinstance(number, slice):
            return tuple(self[n] for n in range(*number.indices(len(self))))
        made = self._made.get(number)
        if made is None:
            ends = self._ends
            if number < 0 and number + len(ends) >= 0:
                return self[number + len(ends)]
            end = ends[number]  # IndexError outside, as a tuple raises
            start = ends[number - 1] if number else 0
            try:
                name, aliases, variants, kind, where = marshal.loads(self._rows[start:end])
                made = Entity(name, aliases, variants, _TYPE_OF[kind], where)
            except (EOFError, TypeError, ValueError, KeyError) as error:
                if self._damaged is None:
                    raise
                raise self._damaged() from error
            self._made[number] = made
        return made

    def __iter__(self) -> Iterator[Entity]:
        return map(self.__getitem__, range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, RestoredEntities | tuple):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal to tuples, and mutable inside

    def __repr__(self) -> str:
        return f"RestoredEntities({len(self)} entities)"


def _rows(entities: Sequence[Entity]) -> tuple[bytes, bytes]:
    """The entities' rows, marshalled one after the other, and where each ends (as the
    bytes of an ``array("Q")``)."""
    rows = [marshal.dumps((e.name, e.aliases, e.variants, e.type.value, e.where)) for e in entities]
    return b"".join(rows), array("Q", itertools.accumulate(map(len, rows))).tobytes()


def _body(entities: Sequence[Entity], tables: list[Mapping[Any, Any]]) -> bytes:
    """An entry's body: the length of its directory (4 bytes, little-endian), the directory
    (marshalled: the format, the spans of the rows and of their ends, and of each table
    its length, where its shards begin, the span of their ends and of its order), then the
    blobs it places: the rows, their ends, and each table's shards, their ends and its
    order (:func:`~repair.entities.shards.cut`)."""
    blobs: list[bytes] = []
    at = 0

    def placed(blob: bytes) -> tuple[int, int]:
        nonlocal at
        blobs.append(blob)
        at += len(blob)
        return at - len(blob), at

    rows, ends = _rows(entities)
    spans = [placed(rows), placed(ends)]
    described = []
    for table in tables:
        shards, order = cut(table)
        base = at
        for shard in shards:
            placed(shard)
        ends_at = placed(array("Q", itertools.accumulate(map(len, shards))).tobytes())
        described.append((len(table), base, ends_at, placed(order)))
    directory = marshal.dumps((FORMAT, *spans, tuple(described)))
    return b"".join((len(directory).to_bytes(_SIZE, "little"), directory, *blobs))


def store(
    entry: Path,
    entities: Sequence[Entity],
    tables: list[Mapping[Any, Any]],
    canonical: AbstractSet[str],
    groups: Mapping[str, tuple[str, ...]],
) -> None:
    """Keep an index at ``entry`` (its entities, its eight tables in the order of
    :class:`~repair.entities.index.EntityIndex`, its canonical spellings, its spelling
    groups) and remove the other entries of the same lists. A cache that cannot be written
    only costs the next process the build."""
    body = _body(entities, [*tables, dict.fromkeys(canonical), groups])
    with contextlib.suppress(OSError):
        entry.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(entry) as stream:
            stream.write(b"".join((_MAGIC, _check(body), body)))
        _remove_others(entry)


def _remove_others(entry: Path) -> None:
    """Remove the other entries of the lists, and their notes; the entry's own notes share
    its key, and stay (:mod:`repair.entities.notes`)."""
    prefix = entry.name.split("-", 1)[0] + "-"
    own = (entry.name, notes_path(entry).name)
    for other in os.scandir(entry.parent):
        if other.name.startswith(prefix) and other.name not in own:
            with contextlib.suppress(OSError):
                os.remove(other.path)  # noqa: PTH107 (a DirEntry's path)
