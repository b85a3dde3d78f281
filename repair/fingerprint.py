"""The fingerprint of the settings a file is checked under: the cache key's second half.

It hashes everything in the settings that can change a file's findings (rule selection and
the per-file ignores that apply, quote style, language, the entity lists' contents, the
LanguageTool server in use), repair's version and code stamp, and the cache entries' format.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import time
from pathlib import Path
from typing import Final

from repair import __version__, languagetool, stamps
from repair.cache import ENTRY_FORMAT, content_digest
from repair.config import Config
from repair.inputs import note_file
from repair.stamps import code_stamp, file_signature

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
        "trust_file_status",
        "cache_dir",
        "per_file_ignores",
    }
)


@functools.cache
def _code_stamp() -> str:
    """A hash of :func:`repair.stamps.code_stamp`: repair's code, its libraries, Python."""
    return hashlib.sha256(repr(code_stamp()).encode("utf-8", "surrogateescape")).hexdigest()


def settings_fingerprint(config: Config, path: str | None) -> str:
    """A hash of everything in ``config`` that can change the findings of ``path``.

    The entity lists enter it by the digest of their content, checked on every call (by
    their status, see :func:`_file_stamp`), not once per process: a list edited between
    two runs of a process that lives on changes the key.
    """
    entity_files = tuple(_file_stamp(Path(p)) for p in config.entities)
    return _fingerprint(config, config.ignored_for(path), entity_files)


def forget_fingerprints() -> None:
    """Compute fingerprints again on next use, looking up the LanguageTool backend again."""
    _fingerprint.cache_clear()


@functools.lru_cache(maxsize=1024)
def _fingerprint(
    config: Config, ignored: tuple[str, ...], entity_files: tuple[tuple[str, str], ...]
) -> str:
    fields = {
        name: value for name, value in dataclasses.asdict(config).items() if name not in _NOT_IN_KEY
    }
    fields["ignored_here"] = list(ignored)
    fields["entity_files"] = list(entity_files)
    fields["version"] = __version__
    fields["code"] = _code_stamp()
    # Grammar findings depend on which LanguageTool server is used, if any: the one the
    # setting and the environment name, or a local installation that may come and go.
    # Looked up only when the LT rules are in force: the lookup probes folders, and a run
    # that finds a release stores no replay memo.
    fields["languagetool"] = _languagetool_backend(config, ignored)
    fields["format"] = ENTRY_FORMAT
    blob = json.dumps(fields, sort_keys=True, default=str).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def _languagetool_backend(config: Config, ignored: tuple[str, ...]) -> str:
    # The LT rule module alone, on first use: a run answered from the cache imports no rule.
    from repair.rules.languagetool import grammar_in_force

    if not grammar_in_force(config, ignored):
        return "not in force"
    backend = languagetool.backend_for(config.languagetool)
    return f"{backend.mode} {backend.url} {backend.installation}"


def _file_stamp(path: Path) -> tuple[str, str]:
    """An entity list's path and the digest of its content.

    Its size and modification time are not enough: an edit that keeps both (``cp -p``,
    ``tar``, a coarse file-system clock) would leave the key as it was, and a stale entry
    would ask for a correction the list no longer makes. The digest is read again when
    the file's full status (times, inode, size) changes, and always while the file is
    younger than the file system's clock can tell apart (as the folder index does).
    """
    note_file(path)
    try:
        status = path.stat()
        signature = (str(path), *file_signature(status))
        known = _ENTITY_DIGESTS.get(signature)
        if known is not None:
            return (str(path), known)
        read_at = time.time_ns()
        digest = content_digest(path.read_bytes())
    except OSError:
        return (str(path), "unreadable")
    if not stamps.is_racy(status, read_at):
        _ENTITY_DIGESTS[signature] = digest
    return (str(path), digest)


_ENTITY_DIGESTS: dict[tuple[object, ...], str] = {}
