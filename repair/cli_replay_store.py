"""The run memos' store: what identifies a run, where its memo is kept and under which name,
and how a walked folder's entries are listed. Part of :mod:`repair.cli_replay`, and as
frugal: the standard library's core only, so that a replay costs less than Python's start-up.
"""

from __future__ import annotations

import os
import sys

from repair.inputs import FOLDER, LINKED_FOLDER, OTHER

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

_FORMAT = 2  # 2: the output compressed after the memo
_MEMO_SUFFIX = ".memo"
_MEMOS_KEPT = 64
# Variables that can change what a check prints, besides every REPAIR_* one: colour, and
# where LanguageTool releases are looked for (under HOME by default, or LTP_*).
_ENVIRONMENT = ("NO_COLOR", "HOME", "LTP_PATH", "LTP_JAR_DIR_PATH")


def run_key(argv: Sequence[str]) -> tuple[object, ...]:
    """Everything outside the files that can change what ``repair ARGV`` prints."""
    from repair import __version__

    environment = tuple(
        sorted(
            (name, value)
            for name, value in os.environ.items()
            if name.startswith("REPAIR_") or name in _ENVIRONMENT
        )
    )
    streams = tuple(
        (_is_terminal(stream), getattr(stream, "encoding", None), getattr(stream, "errors", None))
        for stream in (sys.stdout, sys.stderr)
    )
    return (
        _FORMAT,
        tuple(argv),
        os.getcwd(),
        # Who runs it: another user may read files, .gitignore or settings this one cannot.
        os.geteuid() if hasattr(os, "geteuid") else None,
        environment,
        streams,
        sys.prefix,  # the environment repair and its libraries are installed in
        sys.version,
        __version__,
    )


def _is_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def runs_folder() -> str | None:
    """Where memos are kept: ``runs/`` in the cache folder of the working folder's settings
    (as for standard input), or ``None`` when its config file sets no usable one."""
    from repair import __version__
    from repair.config_files import DEFAULT_CACHE_DIR, cache_dir_setting, nearest_config_file

    top = os.environ.get("REPAIR_CACHE_DIR")
    if not top:
        here = os.getcwd()
        found = nearest_config_file(here)
        if found is None:
            top = os.path.join(here, DEFAULT_CACHE_DIR)
        else:
            setting = cache_dir_setting(found)
            if setting is None:
                return None
            top = os.path.join(os.path.dirname(found), setting)
    return os.path.join(top, __version__, "runs")


def memo_name(key: tuple[object, ...]) -> str:
    # FNV-1a over the key's text: the full key is stored and compared, so the name only has
    # to spread keys, and hashlib would cost a tenth of a replay to import.
    value = 0xCBF29CE484222325
    for byte in repr(key).encode("utf-8", "surrogateescape"):
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{value:016x}{_MEMO_SUFFIX}"


def store(runs: str, name: str, data: Iterable[bytes]) -> None:
    """Write a memo (its parts one after the other) atomically and keep the newest few; a
    folder that cannot be written is not used."""
    from pathlib import Path  # only when a memo is stored: a replay needs none of these

    from repair.atomic import atomic_output
    from repair.cache import ResultCache

    try:
        ResultCache.mark_cache_folder(os.path.dirname(os.path.dirname(runs)))
        os.makedirs(runs, exist_ok=True)
        with atomic_output(Path(runs, name)) as stream:
            for part in data:
                stream.write(part)
        _prune(runs)
    except OSError:
        return


def _prune(runs: str) -> None:
    """Delete all but the newest memos: each set of arguments has its own, and the files a
    pre-commit hook is given change with every commit."""
    with os.scandir(runs) as entries:
        memos = [
            (entry.stat().st_mtime_ns, entry.path)
            for entry in entries
            if entry.name.endswith(_MEMO_SUFFIX)
        ]
    for _, path in sorted(memos)[:-_MEMOS_KEPT]:
        _unlink(path)


def _unlink(path: str) -> None:
    import contextlib  # only when a memo is written

    with contextlib.suppress(OSError):  # gone already, or not ours: nothing is lost
        os.unlink(path)


def listing(path: str) -> dict[str, str]:
    with os.scandir(path) as entries:
        return {entry.name: kind(entry) for entry in entries}


def kind(entry: os.DirEntry[str]) -> str:
    try:
        if entry.is_dir():
            return LINKED_FOLDER if entry.is_symlink() else FOLDER
    except OSError:
        pass  # as os.walk takes it: not a folder
    return OTHER
