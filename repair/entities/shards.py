"""The tables of an entity index as the index cache keeps them: each cut into shards by a
stable hash of the key, each shard marshalled on its own, read when a key of it is first
looked up (see :mod:`repair.entities.index_cache`).

A check looks up a few hundred words in tables of 100,000: loading every table whole was
most of what restoring a large index cost (0.10-0.13 s of ``marshal.loads``), and most of
it was never read. A shard holds a few keys (:data:`_KEYS_PER_SHARD` or fewer on average):
most look-ups are of words no table holds, and reading a shard of 16 keys to learn it cost
twice as much as one of 4. A key's shard is the CRC-32 of its UTF-8 (Python's own ``hash``
of a string differs from process to process). A table keeps the order of its keys (one
shard number per key), so that it iterates as the table it was made from.
"""

from __future__ import annotations

import marshal
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from typing import Any, Final, TypeVar

from repair.errors import RepairError

K = TypeVar("K")
V = TypeVar("V")

_KEYS_PER_SHARD: Final = 4
_MAX_SHARDS: Final = 1 << 16
"""A shard's number fits an ``array("H")``."""
_ABSENT: Final[Any] = object()


class DamagedIndexError(RepairError, ValueError):
    """A shard, or a table's order, that does not load though its entry's check passed:
    written so on purpose, or by a faulty writer. (A RepairError: a batch reports it
    against the file being checked, not as an internal error ending the run.)"""


def shard_hash(key: object) -> int | None:
    """The stable hash of a key the index's tables use (a word, or a bucket's (sound,
    length)); None for any other key, which only a table of one shard holds."""
    if type(key) is str:
        return zlib.crc32(key.encode("utf-8", "surrogatepass"))
    if type(key) is tuple and len(key) == 2 and type(key[0]) is str and type(key[1]) is int:
        return zlib.crc32(key[0].encode("utf-8", "surrogatepass"), key[1] & 0xFFFFFFFF)
    return None


def cut(table: Mapping[Any, Any]) -> tuple[list[bytes], bytes]:
    """``table`` as shards, each marshalled, and the shard of each key in order (the bytes
    of an ``array("H")``)."""
    count = 1
    while count * _KEYS_PER_SHARD < len(table) and count < _MAX_SHARDS:
        count *= 2
    hashes = [shard_hash(key) for key in table]
    if None in hashes:  # a key of another kind: one shard, read whole on first use
        count, hashes = 1, [0] * len(hashes)
    shards: list[dict[Any, Any]] = [{} for _ in range(count)]
    order = array("H", [number & (count - 1) for number in hashes])  # type: ignore[operator]
    for shard, (key, value) in zip(order, table.items(), strict=True):
        shards[shard][key] = value
    return [marshal.dumps(shard) for shard in shards], order.tobytes()


class ShardedTable(Mapping[K, V]):
    """A table kept by :func:`cut`, read shard by shard as keys are looked up; equal to the
    table it was made from, and iterated in its order.

    ``shard`` gives the bytes of a shard by its number; ``order`` is the second value of
    :func:`cut`. Those bytes were checked already (the entry's CRC-32): a shard (or an
    order) that still does not load raises what ``damaged`` gives (by default a
    :class:`DamagedIndexError`), as it can only have been written so on purpose."""

    __slots__ = ("_count", "_damaged", "_found", "_length", "_loaded", "_order", "_shard")

    def __init__(
        self,
        count: int,
        length: int,
        shard: Callable[[int], Any],
        order: Any,
        damaged: Callable[[], Exception] | None = None,
    ) -> None:
        if count < 1 or count & (count - 1) or len(order) != 2 * length:
            raise ValueError("not a sharded table")
        self._count = count
        self._length = length
        self._shard = shard
        self._order = order
        self._damaged = damaged or _damaged
        self._found: dict[Any, Any] = {}
        """The entries of the shards read so far."""
        self._loaded = bytearray(count)

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, key: K) -> V:
        value = self._found.get(key, _ABSENT)
        if value is _ABSENT:
            value = self._looked_up(key)
            if value is _ABSENT:
                raise KeyError(key)
        return value  # type: ignore[no-any-return]

    def get(self, key: K, default: Any = None) -> Any:
        value = self._found.get(key, _ABSENT)
        if value is _ABSENT:
            value = self._looked_up(key)
            if value is _ABSENT:
                return default
        return value

    def __contains__(self, key: object) -> bool:
        return key in self._found or self._looked_up(key) is not _ABSENT

    def _looked_up(self, key: object) -> Any:
        """The value of a key not among the entries read: its shard read first."""
        number = shard_hash(key)
        if number is None:  # a key of another kind, maybe equal to a stored one (1.0, 1)
            for shard in range(self._count):
                self._read(shard)
        else:
            shard = number & (self._count - 1)
            if not self._loaded[shard]:
                self._read(shard)
        return self._found.get(key, _ABSENT)

    def _read(self, shard: int) -> dict[Any, Any]:
        """The entries of a shard, added to those read (another thread may have read it too:
        the same entries)."""
        try:
            entries = marshal.loads(self._shard(shard))
        except (EOFError, TypeError, ValueError) as error:
            raise self._damaged() from error
        if type(entries) is not dict:
            raise self._damaged()
        if not self._loaded[shard]:
            self._found.update(entries)
            self._loaded[shard] = 1
        return entries

    def __iter__(self) -> Iterator[K]:
        if self._count == 1:
            yield from self._read(0)
            return
        shards = [iter(self._read(shard)) for shard in range(self._count)]
        order = array("H")
        order.frombytes(self._order)
        try:
            for shard in order:
                yield next(shards[shard])
        except (IndexError, StopIteration):  # a number past the shards, or too many of one
            raise self._damaged() from None

    def __repr__(self) -> str:
        return f"ShardedTable({self._length} entries, {sum(self._loaded)}/{self._count} read)"


def _damaged() -> Exception:
    return DamagedIndexError("a damaged shard of an entity index")


class ShardedSet(AbstractSet[K]):
    """A set kept as the keys of a :class:`ShardedTable` (their values None)."""

    __slots__ = ("_table",)

    def __init__(self, table: ShardedTable[K, None]) -> None:
        self._table = table

    def __contains__(self, item: object) -> bool:
        return item in self._table

    def __iter__(self) -> Iterator[K]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)

    @classmethod
    def _from_iterable(cls, it: Iterable[Any]) -> frozenset[Any]:  # the results of & | -
        return frozenset(it)

    def __repr__(self) -> str:
        return f"ShardedSet({self._table!r})"
