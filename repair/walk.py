"""Expand the paths given on the command line into the files to check.

Files named explicitly are always checked. Folders are walked: a file is taken when its name
matches ``include``, and neither it nor a folder above it matches ``exclude`` or, unless
``respect-gitignore`` is off, a ``.gitignore`` pattern.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from repair import inputs
from repair.config import Config, discover_config

if TYPE_CHECKING:
    import pathspec


@dataclass(frozen=True, slots=True)
class _IgnoreFile:
    base: Path
    spec: pathspec.GitIgnoreSpec

    def ignores(self, resolved: Path, is_dir: bool) -> bool:
        """Whether the pattern list ignores ``resolved`` (a path with its folders resolved)."""
        try:
            relative = resolved.relative_to(self.base).as_posix()
        except ValueError:
            return False
        return bool(self.spec.match_file(relative + "/" if is_dir else relative))


def iter_files(paths: list[Path], config: Config | None = None) -> Iterator[Path]:
    """Files to check, in a stable order: given files as they are, folders walked sorted."""
    for path in paths:
        if inputs.is_dir(str(path)):
            settings = config or discover_config(path)
            yield from _walk(path, settings)
        else:
            inputs.note_file(path)
            yield path


def _walk(top: Path, config: Config) -> Iterator[Path]:
    use_gitignore = config.respect_gitignore
    root = inputs.resolved(Path(config.root))
    included = _matcher(tuple(config.include))
    inherited: dict[Path, list[_IgnoreFile]] = {
        top: _ignore_files_above(top) if use_gitignore else []
    }
    # A folder that cannot be listed is yielded as it is, for its reading to report why
    # (permission denied, say), instead of leaving its files out without a word.
    unlisted: list[OSError] = []
    for folder, subfolders, files in os.walk(top, followlinks=False, onerror=unlisted.append):
        yield from _unlisted(unlisted)
        here = Path(folder)
        # Resolved once per folder: an entry is matched where it stands (a symlink too, as
        # git matches it), by its resolved folder and its own name.
        place = _Place(inputs.resolved(here), root, config, inherited.pop(here, []))
        own = _read_gitignore(here) if use_gitignore else None
        if own is not None:
            place.ignore_files = [*place.ignore_files, own]
        kept = []
        for name in sorted(subfolders):
            if not place.excludes(name, is_dir=True):
                kept.append(name)
                inherited[here / name] = place.ignore_files
        subfolders[:] = kept
        taken = [
            name
            for name in sorted(files)
            if included(os.path.normcase(name))
            and not place.excludes(name, is_dir=False)
            and not _special(here / name)
        ]
        if inputs.is_observed():
            _note_folder(folder, kept, taken, place, included)
        for name in taken:
            inputs.note_file(here / name)
            yield here / name
    yield from _unlisted(unlisted)


def _unlisted(errors: list[OSError]) -> Iterator[Path]:
    while errors:
        error = errors.pop(0)
        if error.filename is not None:
            inputs.note_untracked(f"{error.filename} cannot be listed")
            yield Path(os.fsdecode(error.filename))


def _special(path: Path) -> bool:
    """Whether ``path`` is a pipe, socket or device: not text to read, and a named pipe
    would block its reader. (A broken link is taken, to be reported as one.)"""
    try:
        return not stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def _note_folder(
    folder: str,
    subfolders: list[str],
    files: list[str],
    place: _Place,
    included: Callable[[str], bool],
) -> None:
    """Tell :mod:`repair.inputs` which entries of ``folder`` the walk took, and how it
    leaves out the others."""

    def excluded(name: str, is_dir: bool) -> bool:
        if is_dir:
            return place.excludes(name, is_dir=True)
        if not included(os.path.normcase(name)) or place.excludes(name, is_dir=False):
            return True
        return _special(Path(folder, name))

    taken = {name: inputs.entry_kind(str(Path(folder, name))) for name in subfolders}
    taken.update((name, inputs.OTHER) for name in files)
    inputs.note_folder(folder, taken, excluded)


class _Place:
    """One folder of the walk, and what excludes its entries."""

    def __init__(
        self, resolved: Path, root: Path, config: Config, ignore_files: list[_IgnoreFile]
    ) -> None:
        self.resolved = resolved
        self.ignore_files = ignore_files
        self._excluded = _matcher(tuple(config.excludes))
        try:
            relative = resolved.relative_to(root).as_posix()
        except ValueError:
            relative = None
        # The path of an entry relative to the root is this prefix and its name.
        self._prefix = None if relative is None else ("" if relative == "." else relative + "/")

    def excludes(self, name: str, *, is_dir: bool) -> bool:
        if self._excluded(os.path.normcase(name)):
            return True
        if self._prefix is not None and self._excluded(os.path.normcase(self._prefix + name)):
            return True
        return any(ignore.ignores(self.resolved / name, is_dir) for ignore in self.ignore_files)


@functools.lru_cache(maxsize=64)
def _matcher(patterns: tuple[str, ...]) -> Callable[[str], bool]:
    """Whether a name (already through ``os.path.normcase``) matches any of the shell-style
    ``patterns``, as :func:`fnmatch.fnmatch` matches them: one regular expression for all,
    tried once per file instead of once per pattern."""
    if not patterns:
        return lambda name: False
    translated = "|".join(fnmatch.translate(os.path.normcase(p)) for p in patterns)
    match = re.compile(f"(?:{translated})").match
    return lambda name: match(name) is not None


def _read_gitignore(folder: Path) -> _IgnoreFile | None:
    gitignore = folder / ".gitignore"
    if not inputs.is_file(str(gitignore)):
        return None
    inputs.note_file(gitignore)
    try:
        lines = gitignore.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        # Another user may be able to read it, and walk otherwise: not a replayable run.
        inputs.note_untracked(f"{gitignore} cannot be read")
        return None
    import pathspec  # only where a .gitignore is found: it costs a tenth of a second to import

    return _IgnoreFile(inputs.resolved(folder), pathspec.GitIgnoreSpec.from_lines(lines))


def _ignore_files_above(top: Path) -> list[_IgnoreFile]:
    """The .gitignore files of the folders above ``top``, up to the repository's root."""
    found = []
    for folder in inputs.resolved(top).parents:
        ignore = _read_gitignore(folder)
        if ignore is not None:
            found.append(ignore)
        if inputs.exists(str(folder / ".git")):
            break
    else:
        return []
    return found


def leaves_tree(file: Path, tree: Path) -> bool:
    """Whether ``file``, found by walking ``tree``, is a symbolic link to a file outside it.

    A fix in place does not write through such a link (as black skips them): the link is in
    the corpus, the file it names is not.
    """
    if not file.is_symlink():
        return False
    try:
        return not file.resolve().is_relative_to(tree.resolve())
    except (OSError, RuntimeError):  # a loop: nothing to write through
        return True
