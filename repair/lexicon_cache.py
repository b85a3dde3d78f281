"""wordfreq's English word table, read without importing wordfreq and kept decoded in the cache.

wordfreq keeps its English list in one file (``large_en.msgpack.gz``): 321,000 words in
800 frequency bands of a centibel each. Its first look-up imports wordfreq (langcodes,
regex: 0.1 s) and builds a dict of every word (0.2 s), in every process that checks a
file. :func:`english_bands` reads the same file directly (0.08 s), and with a cache folder
keeps the words sorted, each with its band, in ``<cache>/lexicon/``: a later process reads
them back in 0.02 s and finds a word by bisection instead of building the dict.

An entry is named by the digest of wordfreq's file, so a new wordfreq is a new entry; one
that is damaged (its own digest does not match) or unreadable is ignored, and a cache
folder that cannot be written only costs each process the decoding.
"""

from __future__ import annotations

import array
import bisect
import contextlib
import hashlib
import importlib.util
import itertools
import marshal
import os
import sys
from pathlib import Path
from typing import Final, Protocol

FORMAT: Final = 1
"""The layout of an entry: a change makes the old entries unreadable as such."""
_MAGIC: Final = b"repair-lexicon\n"
_SOURCE: Final = ("data", "large_en.msgpack.gz")  # where wordfreq's "best" English list is


class Bands(Protocol):
    """Each word's band: its frequency is ``10 ** (-band / 100)`` (wordfreq's centibels)."""

    def get(self, word: str) -> int | None:
        """The band of ``word`` (as wordfreq spells it: case-folded), ``None`` if absent."""

    def down_to(self, band: int) -> list[str]:
        """The words of the bands up to ``band``, in wordfreq's order (the most frequent
        first; alphabetical within a band)."""


class _DictBands(dict[str, int]):
    """The table as wordfreq builds it: a dict in file order (quick to build, once)."""

    def down_to(self, band: int) -> list[str]:
        found = []
        for word, its_band in self.items():
            if its_band > band:  # wordfreq's loop stops at the first rarer word
                break
            found.append(word)
        return found


class _SortedBands:
    """The table as the cache keeps it: the words sorted, and their bands in that order
    (quick to load: no dict of 321,000 words to build)."""

    def __init__(self, words: list[str], bands: array.array[int]) -> None:
        self._words = words
        self._bands = bands

    def get(self, word: str) -> int | None:
        at = bisect.bisect_left(self._words, word)
        if at < len(self._words) and self._words[at] == word:
            return self._bands[at]
        return None

    def down_to(self, band: int) -> list[str]:
        kept = [(b, w) for w, b in zip(self._words, self._bands, strict=True) if b <= band]
        # Stable: alphabetical within a band, as each band of wordfreq's file is sorted.
        kept.sort(key=lambda pair: pair[0])
        return [word for _, word in kept]


def source_file() -> Path | None:
    """wordfreq's English list, found without importing wordfreq; ``None`` when absent."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(spec.submodule_search_locations[0], *_SOURCE)
    return path if path.is_file() else None


def english_bands(folder: Path | None) -> Bands | None:
    """wordfreq's English table; through the cache in ``folder`` when given. ``None`` when
    the file cannot be read as wordfreq reads it (wordfreq itself then answers)."""
    source = source_file()
    if source is None:
        return None
    try:
        raw = source.read_bytes()
    except OSError:
        return None
    entry = None
    if folder is not None:
        entry = folder / f"en-{hashlib.sha256(raw).hexdigest()[:40]}.table"
        cached = _load(entry)
        if cached is not None:
            return cached
    table = decode(raw)
    if table is not None and entry is not None:
        _store(entry, table)
    return table


def decode(raw: bytes) -> _DictBands | None:
    """The table of a cBpack file's bytes, as ``wordfreq.get_frequency_dict`` builds it:
    later bands overwrite earlier ones, in the place of the first. ``None`` for a file of
    another format (wordfreq refuses it too)."""
    import gzip

    try:
        import msgpack

        data = msgpack.unpackb(gzip.decompress(raw), raw=False)
    except Exception:  # zlib's, msgpack's errors...: wordfreq answers, or raises its own
        return None
    header = data[0] if isinstance(data, list) and data else None
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        return None
    table = _DictBands()
    for band, words in enumerate(data[1:]):
        table.update(dict.fromkeys(words, band))
    return table


def _store(entry: Path, table: _DictBands) -> None:
    """Keep ``table`` sorted at ``entry`` and remove the other entries. Not when sorting
    would change the order :meth:`Bands.down_to` gives (a word in two bands, a band out of
    alphabetical order): only the dict keeps wordfreq's order then."""
    items = list(table.items())
    if any((b1, w1) >= (b2, w2) for (w1, b1), (w2, b2) in itertools.pairwise(items)):
        return
    words = sorted(table)
    bands = array.array("H", map(table.__getitem__, words)).tobytes()
    body = marshal.dumps((FORMAT, sys.byteorder, words, bands))
    from repair.atomic import atomic_output  # only when an entry is written

    with contextlib.suppress(OSError):
        entry.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(entry) as stream:
            stream.write(_MAGIC + hashlib.sha256(body).digest() + body)
        _remove_others(entry)


def _load(entry: Path) -> _SortedBands | None:
    """The table kept at ``entry``; ``None`` when it is missing, damaged or of another
    layout."""
    try:
        with open(entry, "rb") as stream:  # noqa: PTH123 (no Path object per look-up)
            data = stream.read()
    except OSError:
        return None
    start = len(_MAGIC) + 32
    if (
        not data.startswith(_MAGIC)
        or hashlib.sha256(data[start:]).digest() != data[len(_MAGIC) : start]
    ):
        return None
    try:
        state = marshal.loads(data[start:])
    except (EOFError, ValueError, TypeError):
        return None
    if not (isinstance(state, tuple) and len(state) == 4 and state[:2] == (FORMAT, sys.byteorder)):
        return None
    words, packed = state[2:]
    if not isinstance(words, list) or not isinstance(packed, bytes):
        return None
    bands = array.array("H")
    bands.frombytes(packed)
    if len(bands) != len(words):
        return None
    return _SortedBands(words, bands)


def _remove_others(entry: Path) -> None:
    """Remove the entries of other versions of wordfreq's file beside ``entry``."""
    for other in os.scandir(entry.parent):
        name = other.name
        if name.startswith("en-") and name.endswith(".table") and name != entry.name:
            with contextlib.suppress(OSError):
                os.remove(other.path)  # noqa: PTH107 (a DirEntry's path)
