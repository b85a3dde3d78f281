"""Expand the paths given on the command line into the files to check.

Files named explicitly are always checked. Folders are walked: a file is taken when its name
matches ``include``, and neither it nor a folder above it matches ``exclude`` or, unless
``respect-gitignore`` is off, a ``.gitignore`` pattern.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

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
        if path.is_dir():
            settings = config or discover_config(path)
            yield from _walk(path, settings)
        else:
            yield path


def _walk(top: Path, config: Config) -> Iterator[Path]:
    use_gitignore = config.respect_gitignore
    root = Path(config.root).resolve()
    inherited: dict[Path, list[_IgnoreFile]] = {
        top: _ignore_files_above(top) if use_gitignore else []
    }
    for folder, subfolders, files in os.walk(top, followlinks=False):
        here = Path(folder)
        # Resolved once per folder: an entry is matched where it stands (a symlink too, as
        # git matches it), by its resolved folder and its own name.
        resolved_here = here.resolve()
        ignore_files = inherited.pop(here, [])
        own = _read_gitignore(here) if use_gitignore else None
        if own is not None:
            ignore_files = [*ignore_files, own]
        kept = []
        for name in sorted(subfolders):
            if not _excluded(resolved_here / name, True, config, root, ignore_files):
                kept.append(name)
                inherited[here / name] = ignore_files
        subfolders[:] = kept
        for name in sorted(files):
            if any(fnmatch.fnmatch(name, pattern) for pattern in config.include) and not (
                _excluded(resolved_here / name, False, config, root, ignore_files)
            ):
                yield here / name


def _excluded(
    resolved: Path, is_dir: bool, config: Config, root: Path, ignore_files: list[_IgnoreFile]
) -> bool:
    name = resolved.name
    if any(fnmatch.fnmatch(name, pattern) for pattern in config.excludes):
        return True
    try:
        relative = resolved.relative_to(root).as_posix()
    except ValueError:
        relative = None
    if relative and any(fnmatch.fnmatch(relative, pattern) for pattern in config.excludes):
        return True
    return any(ignore.ignores(resolved, is_dir) for ignore in ignore_files)


def _read_gitignore(folder: Path) -> _IgnoreFile | None:
    gitignore = folder / ".gitignore"
    if not gitignore.is_file():
        return None
    try:
        lines = gitignore.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    import pathspec  # only where a .gitignore is found: it costs a tenth of a second to import

    return _IgnoreFile(folder.resolve(), pathspec.GitIgnoreSpec.from_lines(lines))


def _ignore_files_above(top: Path) -> list[_IgnoreFile]:
    """The .gitignore files of the folders above ``top``, up to the repository's root."""
    found = []
    for folder in top.resolve().parents:
        ignore = _read_gitignore(folder)
        if ignore is not None:
            found.append(ignore)
        if (folder / ".git").exists():
            break
    else:
        return []
    return found
