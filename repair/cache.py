"""Results cached by content, settings and tool version, as ruff caches its own.

An entry holds the findings of one text under one set of settings, with their line and
column numbers. Its key hashes the digest of the file's bytes and the fingerprint of the
settings (:func:`repair.fingerprint.settings_fingerprint`: every setting that can change the
findings, the entity lists' contents, repair's code and version), so an entry is never
stale: a change to any of them makes a new key. The store itself knows nothing of settings.

Beside the entries, a :class:`FolderIndex` per folder remembers the digest of each file it
read with the file's size, times, inode and mode, as git's index does: a later run takes the
digest of an unchanged file from there instead of reading and hashing it again.

The folder is safe to delete, and tells git to ignore it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final, NamedTuple

from repair import stamps
from repair.atomic import atomic_output
from repair.config import Config
from repair.findings import Applicability, Finding, Severity, finding_state, restore_finding
from repair.stamps import file_signature

if TYPE_CHECKING:
    from repair.document import Document

ENTRY_FORMAT: Final = 3
"""The layout of an entry; part of every settings fingerprint."""


def _version() -> str:
    from repair import __version__

    return __version__


def content_digest(raw: bytes) -> str:
    """The digest of a file's bytes that cache keys and folder indexes hold."""
    return hashlib.sha256(raw).hexdigest()


Location = tuple[int, int, int, int]
"""1-based line and column of a finding's start, then of its end."""


def locations_in(doc: Document, findings: Sequence[Finding]) -> tuple[Location, ...]:
    """Where each of ``doc``'s findings starts and ends."""
    position = doc.position
    return tuple((*position(f.start), *position(f.end)) for f in findings)


# Findings kept in memory per cache folder (about 400 bytes each): enough for the corpus of
# a notebook or a service, and a bound that keeps a cached run of a large corpus from
# holding what an uncached run streams.
_FINDINGS_IN_MEMORY: Final = 20_000


class CachedCheck(NamedTuple):
    """One entry: a text's findings, where they stand, and the notice its result carries."""

    findings: list[Finding]
    locations: list[Location]
    notice: str | None


class ResultCache:
    """Findings on disk under ``folder``, one small JSON file per entry."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._indexes: dict[Path, FolderIndex] = {}
        self._indexes_by_file: dict[Path, FolderIndex] = {}
        self._loaded: dict[str, CachedCheck] = {}
        self._findings_loaded = 0

    @classmethod
    def for_config(cls, config: Config) -> ResultCache:
        """The cache of files under ``config``: ``$REPAIR_CACHE_DIR`` or its ``cache-dir``.

        One object per folder and process, so that its folder indexes are shared.
        """
        return _cache_in(os.environ.get("REPAIR_CACHE_DIR"), config.root, config.cache_dir)

    @staticmethod
    def key(digest: str, fingerprint: str, path: str | None) -> str:
        """The entry of a text whose bytes have :func:`content_digest` ``digest``."""
        key = hashlib.sha256(digest.encode("ascii"))
        key.update(fingerprint.encode("ascii"))
        # Markdown or plain text depends on the name, so the name is part of the key.
        key.update(Path(path or "-").suffix.lower().encode("utf-8"))
        return key.hexdigest()

    def _entry(self, key: str) -> str:
        # A path joined as a string, not a Path: a second run opens thousands of entries.
        return os.path.join(self.folder, key[:2], key + ".json")  # noqa: PTH118

    def has(self, key: str) -> bool:
        """Whether there is an entry for ``key`` (it may still turn out damaged on load)."""
        return key in self._loaded or os.path.isfile(self._entry(key))  # noqa: PTH113

    def load(self, key: str) -> CachedCheck | None:
        # Kept in memory too: a process that lives on (a notebook, a service) answers a run
        # over an unchanged corpus without opening an entry. Keys address content, so an
        # entry in memory is never stale; the bound is per cache folder.
        known = self._loaded.get(key)
        if known is not None:
            return known
        loaded = self._load(key)
        if loaded is not None:
            if self._findings_loaded + len(loaded.findings) > _FINDINGS_IN_MEMORY:
                self._loaded.clear()
                self._findings_loaded = 0
            self._loaded[key] = loaded
            self._findings_loaded += len(loaded.findings)
        return loaded

    def _load(self, key: str) -> CachedCheck | None:
        try:
            with open(self._entry(key), "rb") as stream:  # noqa: PTH123 (a string path)
                entry = json.loads(stream.read())
            rows, notice = entry["findings"], entry["notice"]
            locations: list[Location] = [(a, b, c, d) for a, b, c, d in entry["locations"]]
            # A damaged entry, or one that is JSON but wrong inside, is a miss: its
            # findings would be trusted, and their fixes written.
            if not isinstance(rows, list) or not all(map(_valid_row, rows)):
                return None
            if not all(_positive_ints(location) for location in locations):
                return None
            if len(locations) != len(rows) or not isinstance(notice, str | None):
                return None
            return CachedCheck([restore_finding(*row) for row in rows], locations, notice)
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            return None

    def store(
        self, key: str, findings: Sequence[Finding], doc: Document, notice: str | None
    ) -> None:
        """Write an entry for ``doc``'s findings and its result's notice atomically; a cache
        that cannot be written is simply not used."""
        entry = {
            # Each finding as the flat row it pickles to: a second run loads thousands.
            "findings": [finding_state(f) for f in findings],
            "locations": locations_in(doc, findings),
            "notice": notice,
        }
        self._write_json(Path(self._entry(key)), entry)
        forgotten = self._loaded.pop(key, None)
        if forgotten is not None:
            self._findings_loaded -= len(forgotten.findings)

    def folder_index(self, folder: Path) -> FolderIndex:
        """The index of the files in ``folder``, loaded once per process.

        Raises :class:`OSError` or :class:`RuntimeError` (a symbolic link loop) when the
        folder cannot be resolved.
        """
        index = self._indexes.get(folder)
        if index is None:
            # One object per resolved folder, however it was spelled: two objects would
            # overwrite each other's file.
            file = self._index_file(folder)
            index = self._indexes_by_file.get(file)
            if index is None:
                index = self._indexes_by_file[file] = FolderIndex(file)
            self._indexes[folder] = index
        return index

    def save_indexes(self) -> None:
        """Write the folder indexes that learnt something in this run."""
        for index in self._indexes_by_file.values():
            if index.changed:
                self._write_json(index.file, index.entries)
                index.changed = False

    def _index_file(self, folder: Path) -> Path:
        name = hashlib.sha256(os.fsencode(folder.resolve())).hexdigest()[:40]
        return self.folder / "folders" / f"{name}.json"

    def _write_json(self, path: Path, value: object) -> None:
        try:
            self.mark_cache_folder(self.folder.parent)
            path.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
            with atomic_output(path) as stream:
                stream.write(text.encode("utf-8"))
        except OSError:
            return  # a cache that cannot be written only costs the next run the work

    @staticmethod
    def mark_cache_folder(top: str | Path) -> None:
        """Mark a cache's top folder as one: ignored by git, tagged for backup tools.

        Only a folder of repair's own: ``cache-dir = "."`` or a corpus folder holds other
        files, and a ``*`` there would hide them from git and from every later walk. Then
        the folder of this version of repair in it is marked instead.
        """
        top = Path(top)
        if not _cache_folder_alone(top):
            top = top / _version()
        marker = top / ".gitignore"
        if marker.exists():
            return
        top.mkdir(parents=True, exist_ok=True)
        marker.write_text("# Made by repair: the cache is safe to delete.\n*\n", encoding="utf-8")
        (top / "CACHEDIR.TAG").write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n# repair's cache; safe to delete.\n",
            encoding="utf-8",
        )


# A cache's top folder holds these, and one folder per version of repair.
_CACHE_MARKERS: Final = frozenset({".gitignore", "CACHEDIR.TAG"})
_VERSION_FOLDER: Final = re.compile(r"\d+\.\d+[\w.+-]*")


def _cache_folder_alone(top: Path) -> bool:
    """Whether ``top`` is new, or holds nothing but what repair's caches put there."""
    try:
        entries = list(os.scandir(top))
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return all(
        entry.name in _CACHE_MARKERS
        or (entry.is_dir(follow_symlinks=False) and _VERSION_FOLDER.fullmatch(entry.name))
        for entry in entries
    )


_SEVERITIES: Final = frozenset(member.value for member in Severity)
_APPLICABILITIES: Final = frozenset(member.value for member in Applicability)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _positive_ints(values: object) -> bool:
    return isinstance(values, tuple | list) and all(_is_int(v) and v >= 1 for v in values)


def _valid_row(row: object) -> bool:
    """Whether ``row`` is a finding as :func:`~repair.findings.finding_state` writes it:
    the right types, a range with ``0 <= start <= end``, and a fix of sorted, disjoint
    edits of such ranges."""
    if not isinstance(row, list) or len(row) != 6:
        return False
    code, message, start, end, severity, fix = row
    if not (isinstance(code, str) and isinstance(message, str) and severity in _SEVERITIES):
        return False
    if not (_is_int(start) and _is_int(end) and 0 <= start <= end):
        return False
    if fix is None:
        return True
    if not isinstance(fix, list) or len(fix) != 3:
        return False
    applicability, title, edits = fix
    if applicability not in _APPLICABILITIES or not isinstance(title, str):
        return False
    if not isinstance(edits, list):
        return False
    position = 0
    for edit in edits:
        if not isinstance(edit, list) or len(edit) != 3:
            return False
        edit_start, edit_end, replacement = edit
        if not (_is_int(edit_start) and _is_int(edit_end) and isinstance(replacement, str)):
            return False
        if not position <= edit_start <= edit_end:
            return False
        position = edit_end
    return True


@functools.lru_cache(maxsize=64)
def _cache_in(from_environment: str | None, root: str, cache_dir: str) -> ResultCache:
    top = from_environment or Path(root) / cache_dir
    return ResultCache(Path(top) / _version())


class FolderIndex:
    """The content digests of one folder's files, by name, valid while the file's size,
    modification and change times, inode, device and mode stay the same.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> index = FolderIndex(folder / "index.json")
    >>> status = os.stat(folder)
    >>> digest = content_digest(b"text")
    >>> index.remember("a.txt", status, digest, read_at_ns=status.st_mtime_ns + 3 * 10**9)
    >>> index.digest("a.txt", status) == digest
    True
    >>> index.remember("b.txt", status, digest, read_at_ns=status.st_mtime_ns)  # just changed
    >>> index.digest("b.txt", status) is None
    True
    """

    def __init__(self, file: Path) -> None:
        self.file = file
        self.changed = False
        self.entries: dict[str, list[int | str]] = {}
        try:
            with file.open("rb") as stream:
                loaded = json.loads(stream.read())
        except (OSError, ValueError):
            return
        if isinstance(loaded, dict):
            self.entries = loaded

    @staticmethod
    def _signature(status: os.stat_result) -> list[int]:
        return list(file_signature(status))  # a list: the index is JSON

    def digest(self, name: str, status: os.stat_result) -> str | None:
        """The digest of ``name`` if the file still has the ``status`` it had when read."""
        entry = self.entries.get(name)
        if not isinstance(entry, list) or len(entry) != 7:
            return None
        if entry[:6] != self._signature(status):
            return None
        digest = entry[6]
        if not isinstance(digest, str) or len(digest) != 64 or not digest.isascii():
            return None  # a damaged index is a miss
        return digest

    def remember(
        self, name: str, status: os.stat_result, digest: str, *, read_at_ns: int | None = None
    ) -> None:
        """Note that ``name``, with ``status`` taken before it was read, held ``digest``."""
        read_at_ns = time.time_ns() if read_at_ns is None else read_at_ns
        # A file changed this soon before it was read is not indexed (see stamps.RACY_NS).
        if stamps.is_racy(status, read_at_ns):
            if self.entries.pop(name, None) is not None:
                self.changed = True
            return
        entry: list[int | str] = [*self._signature(status), digest]
        if self.entries.get(name) != entry:
            self.entries[name] = entry
            self.changed = True
