"""Results cached by content, settings and tool version, as ruff caches its own.

An entry holds the findings of one text under one set of settings. Its key hashes the file's
bytes, every setting that can change the findings (rule selection and the per-file ignores
that apply, quote style, language, the entity lists' sizes and times) and repair's version,
so an entry is never stale: a change to any of them makes a new key. The folder is safe to
delete, and tells git to ignore it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from repair.config import Config
from repair.findings import Finding, finding_state, restore_finding

_FORMAT_VERSION: Final = 2
# Settings that cannot change a file's findings, left out of the key. Rule selection enters
# it as select, extend-select and ignore plus the per-file ignores that apply to the file:
# with the code stamp, they fix the rules in force, without importing the rules to list them.
_NOT_IN_KEY: Final = frozenset(
    {
        "root",
        "source",
        "include",
        "exclude",
        "extend_exclude",
        "respect_gitignore",
        "cache_dir",
        "per_file_ignores",
    }
)


def _version() -> str:
    from repair import __version__

    return __version__


@functools.cache
def _code_stamp() -> str:
    """A hash of the sizes and times of repair's own modules and data tables.

    A released version never changes them, but a working copy does: a rule edited there
    must not be answered from the cache.
    """
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".txt", ".toml", ".j2") and "__pycache__" not in path.parts:
            status = path.stat()
            digest.update(
                f"{path.relative_to(package)}:{status.st_size}:{status.st_mtime_ns};".encode()
            )
    return digest.hexdigest()


def settings_fingerprint(config: Config, path: str | None) -> str:
    """A hash of everything in ``config`` that can change the findings of ``path``."""
    return _fingerprint(config, config.ignored_for(path))


@functools.lru_cache(maxsize=1024)
def _fingerprint(config: Config, ignored: tuple[str, ...]) -> str:
    fields = {
        name: value for name, value in dataclasses.asdict(config).items() if name not in _NOT_IN_KEY
    }
    fields["ignored_here"] = list(ignored)
    fields["entity_files"] = [_file_stamp(Path(p)) for p in config.entities]
    fields["version"] = _version()
    fields["code"] = _code_stamp()
    # Grammar findings depend on whether a LanguageTool server is reachable, and which.
    fields["languagetool_url"] = os.environ.get("REPAIR_LANGUAGETOOL_URL", "")
    fields["format"] = _FORMAT_VERSION
    blob = json.dumps(fields, sort_keys=True, default=str).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def _file_stamp(path: Path) -> tuple[str, int, int]:
    try:
        status = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), status.st_size, status.st_mtime_ns)


class ResultCache:
    """Findings on disk under ``folder``, one small JSON file per entry."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @classmethod
    def for_config(cls, config: Config) -> ResultCache:
        """The cache of files under ``config``: ``$REPAIR_CACHE_DIR`` or its ``cache-dir``."""
        top = os.environ.get("REPAIR_CACHE_DIR") or Path(config.root) / config.cache_dir
        return cls(Path(top) / _version())

    @staticmethod
    def key(raw: bytes, fingerprint: str, path: str | None) -> str:
        digest = hashlib.sha256(raw)
        digest.update(fingerprint.encode("ascii"))
        # Markdown or plain text depends on the name, so the name is part of the key.
        digest.update(Path(path or "-").suffix.lower().encode("utf-8"))
        return digest.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def load(self, key: str) -> list[Finding] | None:
        try:
            with self._entry(key).open("rb") as stream:
                rows = json.loads(stream.read())
            return [restore_finding(*row) for row in rows]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def store(self, key: str, findings: Sequence[Finding]) -> None:
        """Write an entry atomically; a cache that cannot be written is simply not used."""
        entry = self._entry(key)
        try:
            self._prepare()
            entry.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                # Each finding as the flat row it pickles to: a second run loads thousands.
                rows = [finding_state(f) for f in findings]
                json.dump(rows, stream, ensure_ascii=False, separators=(",", ":"))
            Path(temporary).replace(entry)
        except OSError:
            with contextlib.suppress(OSError, UnboundLocalError):
                Path(temporary).unlink()

    def _prepare(self) -> None:
        """Mark the cache's top folder as one: ignored by git, tagged for backup tools."""
        top = self.folder.parent
        marker = top / ".gitignore"
        if marker.exists():
            return
        top.mkdir(parents=True, exist_ok=True)
        marker.write_text("# Made by repair: the cache is safe to delete.\n*\n", encoding="utf-8")
        (top / "CACHEDIR.TAG").write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n# repair's cache; safe to delete.\n",
            encoding="utf-8",
        )
