"""Saying what a run reads, for whoever watches: the inputs of settings, walks and servers.

The config loader, the config-file finder, the walk and the LanguageTool client call these
functions for each file they read, each path they probe or resolve and each folder they
list. Each does what it says (:func:`is_file` is :func:`os.path.isfile`) and tells the
:class:`Observer` set by :func:`observing`, if any; with none set it only does it. The
command line sets one while ``repair check`` runs (:mod:`repair.cli_replay` records the
run's inputs, to answer the same check again while they stay unchanged).

A leaf: it imports nothing from repair, and nothing beyond the standard library's core, so
that every module can report its inputs and none of them learns who listens.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from contextlib import AbstractContextManager
    from pathlib import Path
    from typing import Protocol

    Excluded = Callable[[str, bool], bool]
    """Whether a walk leaves out an entry, from its name and whether it is a folder."""

    class Observer(Protocol):
        """What is told of a run's inputs."""

        def file_read(self, path: str) -> None: ...
        def probed(self, path: str, kind: str, found: bool) -> None: ...
        def resolved(self, path: str, target: str) -> None: ...
        def folder_listed(self, path: str, taken: dict[str, str], excluded: Excluded) -> None: ...
        def untracked(self, reason: str) -> None: ...


# Kinds of a folder's entries: a folder, a symbolic link to one (the walk lists it and does
# not enter it), anything else.
FOLDER, LINKED_FOLDER, OTHER = "d", "l", "f"

# The observer of the run in progress: set by the command line around one check, so that
# the modules reporting their inputs need no argument threaded through every call.
_observer: Observer | None = None


def observing(observer: Observer | None) -> AbstractContextManager[None]:
    """A context in which ``observer`` (``None``: nobody) is told of every input."""
    import contextlib  # only the command line observes: a replay never gets here

    @contextlib.contextmanager
    def scope() -> Iterator[None]:
        global _observer
        previous, _observer = _observer, observer
        try:
            yield
        finally:
            _observer = previous

    return scope()


def is_observed() -> bool:
    """Whether anyone listens (a walk notes the files it takes only then)."""
    return _observer is not None


def note_file(path: str | os.PathLike[str]) -> None:
    """Say that the run read the file at ``path`` (relative to the working folder)."""
    if _observer is not None:
        _observer.file_read(os.fspath(path))


def is_file(path: str) -> bool:
    """:func:`os.path.isfile`, reported."""
    return _probe(path, "file")


def is_dir(path: str) -> bool:
    """:func:`os.path.isdir`, reported."""
    return _probe(path, "dir")


def exists(path: str) -> bool:
    """:func:`os.path.exists`, reported."""
    return _probe(path, "exists")


PROBES = {"file": os.path.isfile, "dir": os.path.isdir, "exists": os.path.exists}
"""The probe of each kind :class:`Observer` ``probed`` is told of."""


def _probe(path: str, kind: str) -> bool:
    found = PROBES[kind](path)
    if _observer is not None:
        _observer.probed(path, kind, found)
    return found


def resolved(path: Path) -> Path:
    """``path.resolve()``, reported: a symbolic link retargeted between two runs changes
    which settings, ignore files and relative paths apply, though every file stat the
    same."""
    found = path.resolve()
    if _observer is not None:
        _observer.resolved(os.fspath(path), os.fspath(found))
    return found


def realpath(path: str) -> str:
    """:func:`os.path.realpath`, reported as :func:`resolved` is."""
    found = os.path.realpath(path)
    if _observer is not None:
        _observer.resolved(path, found)
    return found


def note_folder(path: str, taken: dict[str, str], excluded: Excluded) -> None:
    """Say that a walk listed ``path`` and took the entries ``taken`` (name to kind);
    ``excluded`` tells whether it would leave out an entry it did not see."""
    if _observer is not None:
        _observer.folder_listed(path, taken, excluded)


def entry_kind(path: str) -> str:
    """:data:`FOLDER`, :data:`LINKED_FOLDER` or :data:`OTHER`, as a walk would see ``path``."""
    if not os.path.isdir(path):
        return OTHER
    return LINKED_FOLDER if os.path.islink(path) else FOLDER


def note_untracked(reason: str) -> None:
    """Say that the run depends on something these functions cannot describe (a file
    another user may read otherwise, a server that may come and go)."""
    if _observer is not None:
        _observer.untracked(reason)
