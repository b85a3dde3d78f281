"""What tells a file or repair's own code unchanged, without reading it.

Shared by the cache's folder indexes, its entity-list digests and the run memo of
:mod:`repair.cli_replay`: a file is unchanged while its :func:`file_signature` is, unless it
changed within the racy window (:data:`RACY_NS`) before it was read; repair's code and the
libraries its findings depend on are unchanged while their :func:`code_stamp` is.

This module imports nothing beyond the standard library's core (no pathlib, no regular
expressions): a replayed check calls it before importing anything else.
"""

from __future__ import annotations

import os
import sys

RACY_NS = 2_000_000_000
"""A change this soon before a file was read could be invisible in its times: a second
change within the file system's clock granularity could leave its size and times as they
were. Read at call time, so that tests may set it."""

# Libraries whose upgrade can change what a check prints: decoding, mojibake repair, word
# frequencies, Markdown parsing, fuzzy name matching, .gitignore matching, Parquet reading,
# language detection (which rules run on a document), and the command line's own output.
_LIBRARIES_OF_OUTPUT = (
    "charset_normalizer",
    "ftfy",
    "wordfreq",
    "markdown_it",
    "rapidfuzz",
    "pathspec",
    "pyarrow",
    "lingua",
    "click",
)


def file_signature(status: os.stat_result) -> tuple[int, ...]:
    """What tells a file unchanged: its size, modification and change times, inode, device
    and mode (as git's index keeps them)."""
    return (
        status.st_size,
        status.st_mtime_ns,
        status.st_ctime_ns,
        status.st_ino,
        status.st_dev,
        status.st_mode,
    )


def is_racy(status: os.stat_result, read_at_ns: int) -> bool:
    """Whether a file with ``status`` (taken before it was read) changed so soon before it
    was read, at ``read_at_ns``, that a later change could keep its signature."""
    return max(status.st_mtime_ns, status.st_ctime_ns) > read_at_ns - RACY_NS


_code: tuple[object, ...] | None = None


def _origin(module: str) -> str | None:
    """Where a top-level module would be imported from, as importlib.util.find_spec says
    (that module's own imports cost more than a replay)."""
    loaded = sys.modules.get(module)
    spec = getattr(loaded, "__spec__", None)
    if spec is None:
        for finder in sys.meta_path:
            find_spec = getattr(finder, "find_spec", None)
            spec = find_spec(module, None) if find_spec is not None else None
            if spec is not None:
                break
    return getattr(spec, "origin", None)


def code_stamp() -> tuple[object, ...]:
    """The sizes and times of repair's own modules and data tables, the places and stamps
    of the libraries its findings depend on, and Python's version.

    A released version never changes its own files, but a working copy does: a rule edited
    there must not be answered from a cache. Nor may an upgraded library's findings: a new
    charset-normalizer may decode the same bytes otherwise. A library is found, not imported
    (its import would cost more than a replay).
    """
    global _code
    if _code is not None:
        return _code
    package = os.path.dirname(os.path.realpath(__file__))
    stamp: list[object] = [sys.version]
    for folder, subfolders, files in os.walk(package):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(files):
            if name.endswith((".py", ".txt", ".toml", ".j2")):
                status = os.stat(os.path.join(folder, name))
                relative = os.path.relpath(os.path.join(folder, name), package)
                stamp.append((relative, status.st_size, status.st_mtime_ns))
    for library in _LIBRARIES_OF_OUTPUT:
        origin = _origin(library)
        try:
            found = os.stat(origin) if origin else None
        except OSError:
            found = None
        stamp.append((library, origin, *((found.st_size, found.st_mtime_ns) if found else ())))
    _code = tuple(stamp)
    return _code
