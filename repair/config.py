"""Configuration: ``[tool.repair]`` in ``pyproject.toml`` or a ``repair.toml``.

The file is found by walking up from the checked path, as ruff finds its own: in each folder
``repair.toml``, then ``.repair.toml``, then a ``pyproject.toml`` that has a ``[tool.repair]``
table. Options given on the command line override the file. Unknown keys, unknown rule codes
and bad values are errors that name the file and the key.
"""

from __future__ import annotations

import fnmatch
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path, PurePath
from typing import Any, Final, Literal

from repair import inputs
from repair.config_files import DEFAULT_CACHE_DIR, nearest_config_file
from repair.errors import ConfigError

QuoteStyle = Literal["auto", "curly", "straight"]
OutputEncoding = Literal["utf-8", "keep"]

DEFAULT_INCLUDE: Final = ("*.txt", "*.text", "*.md", "*.markdown")
DEFAULT_EXCLUDE: Final = (
    ".git",
    ".hg",
    ".svn",
    ".tox",
    ".nox",
    ".venv",
    "venv",
    "node_modules",
    "__pycache__",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".repair_cache",
)


@dataclass(frozen=True, slots=True)
class Config:
    """Settings in force for one file. Every field has the default a new user gets."""

    select: tuple[str, ...] | None = None
    """Rules to check, by code, prefix, name or ``ALL``; ``None`` means the default set."""
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fixable: tuple[str, ...] | None = None
    """Rules whose fixes may be applied at all; ``None`` means every rule (ruff's ``ALL``)."""
    unfixable: tuple[str, ...] = ()
    """Rules whose fixes are never applied (their findings are shown with no fix)."""
    extend_safe_fixes: tuple[str, ...] = ()
    """Rules whose unsafe fixes count as safe (``repair fix`` applies them)."""
    extend_unsafe_fixes: tuple[str, ...] = ()
    """Rules whose safe fixes count as unsafe (only ``--unsafe-fixes`` applies them). A rule
    named in both takes the more specific selector (a code over its prefix; a tie: unsafe)."""
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(glob, selectors) pairs; the glob matches the path relative to :attr:`root`."""
    include: tuple[str, ...] = DEFAULT_INCLUDE
    """Globs of the file names checked when a folder is walked."""
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    quote_style: QuoteStyle = "auto"
    """Quote style that mixed quotes are fixed to; ``auto`` takes the document's majority, and
    its fixes are unsafe (a majority is no instruction)."""
    entities: tuple[str, ...] = ()
    """Paths of entity lists, relative to :attr:`root`."""
    language: str = "auto"
    """Language of the texts (``en``, ``de``...); ``auto`` detects it per document. Rules
    that know English only run on English text (see :mod:`repair.language`)."""
    per_file_language: tuple[tuple[str, str], ...] = ()
    """(glob, language) pairs overriding ``language``; the first glob that matches wins."""
    output_encoding: OutputEncoding = "utf-8"
    """``utf-8`` writes fixed files as UTF-8; ``keep`` writes them in the encoding read."""
    languagetool: str = "auto"
    """``auto`` (a local server if one is installed), ``off``, or a server URL."""
    cache_dir: str = DEFAULT_CACHE_DIR
    """Where results are cached, relative to :attr:`root`; safe to delete."""
    trust_file_status: bool = True
    """Whether a file whose size, times, inode and mode are unchanged is taken as unchanged
    (the folder index answers without reading it; an unchanged check is replayed). Off for
    file systems whose change times or inodes cannot be trusted, as git's ``trustctime``."""
    max_file_size: int = 256
    """Megabytes (millions of bytes): a larger file is reported as too large and left as it
    is, neither checked nor fixed. A file over 8 MB is read window by window
    (:mod:`repair.windows`), so its text is never held whole; what grows with its size is
    its findings, some 400 bytes each, and its time."""
    root: str = "."
    """The folder relative paths are resolved against: the config file's, else the cwd."""
    source: str | None = None
    """The config file these settings came from, if any."""

    def with_options(self, options: Mapping[str, Any], source: str = "command line") -> Config:
        """These settings with ``options`` (config-file keys) validated and laid over them."""
        return replace(self, **_validated(options, source, root=Path(self.root)))

    def ignored_for(self, path: str | None) -> tuple[str, ...]:
        """Selectors ignored for ``path``: ``ignore`` plus any matching per-file ignores."""
        if path is None or not self.per_file_ignores:
            return self.ignore
        relative = _relative_posix(path, self.root)
        extra = [
            code
            for pattern, codes in self.per_file_ignores
            if _glob_matches(relative, pattern)
            for code in codes
        ]
        return (*self.ignore, *extra)

    def language_for(self, path: str | None) -> str:
        """The ``language`` setting for ``path``: a matching per-file language, or ``language``."""
        if path is not None and self.per_file_language:
            relative = _relative_posix(path, self.root)
            for pattern, language in self.per_file_language:
                if _glob_matches(relative, pattern):
                    return language
        return self.language

    @property
    def max_file_bytes(self) -> int:
        return self.max_file_size * 1_000_000

    @property
    def excludes(self) -> tuple[str, ...]:
        return (*self.exclude, *self.extend_exclude)


def _relative_posix(path: str, root: str) -> str:
    try:
        return inputs.resolved(Path(path)).relative_to(inputs.resolved(Path(root))).as_posix()
    except ValueError:
        return PurePath(path).as_posix()


def _glob_matches(relative: str, pattern: str) -> bool:
    """A glob matches the whole relative path or, when it has no slash, the file name."""
    if fnmatch.fnmatch(relative, pattern):
        return True
    return "/" not in pattern and fnmatch.fnmatch(PurePath(relative).name, pattern)


# Loading ----------------------------------------------------------------------------------


def find_config_file(start: Path) -> Path | None:
    """The nearest config file in ``start`` (a file's folder) or a folder above it."""
    folder = start if start.is_dir() else start.parent
    found = nearest_config_file(str(folder))
    return Path(found) if found is not None else None


def load_config(path: Path) -> Config:
    """Read and validate one config file."""
    import tomllib

    inputs.note_file(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}: not UTF-8: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from error
    except RecursionError as error:
        raise ConfigError(f"{path}: invalid TOML: nested too deep to read") from error
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("repair", {})
        where = f"{path} [tool.repair]"
    else:
        table = data
        where = str(path)
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: must be a table")
    root = inputs.resolved(path.parent)
    return Config(root=str(root), source=str(path), **_validated(table, where, root=root))


@functools.lru_cache(maxsize=256)
def discover_config(folder: Path) -> Config:
    """Settings for files in ``folder``: the nearest config file's, or the defaults."""
    found = find_config_file(folder)
    if found is None:
        return Config(root=str(Path.cwd()))
    return load_config(found)


# Validation -------------------------------------------------------------------------------

_KEYS: Final = {f.name.replace("_", "-") for f in fields(Config)} - {"root", "source"}
_SELECTOR_KEYS: Final = ("select", "extend-select", "ignore")
# Settings on whole rules' fixes: a check inside a rule (LT:EN_A_VS_AN) cannot be named.
_FIX_KEYS: Final = ("fixable", "unfixable", "extend-safe-fixes", "extend-unsafe-fixes")
_PATH_LIST_KEYS: Final = ("include", "exclude", "extend-exclude", "entities")
_CHOICES: Final[Mapping[str, tuple[str, ...]]] = {
    "quote-style": ("auto", "curly", "straight"),
    "output-encoding": ("utf-8", "keep"),
}


def _validated(table: Mapping[str, Any], where: str, root: Path) -> dict[str, Any]:
    """Config-file keys and values turned into :class:`Config` field values, checked."""
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _KEYS:
            raise ConfigError(f"{where}: unknown key {key!r}{_did_you_mean(key, _KEYS)}")
        field_name = key.replace("-", "_")
        if key in _SELECTOR_KEYS:
            values[field_name] = _selectors(value, where, key)
        elif key in _FIX_KEYS:
            values[field_name] = _rule_selectors(value, where, key)
        elif key in _PATH_LIST_KEYS:
            values[field_name] = _string_list(value, where, key)
        elif key == "per-file-ignores":
            values[field_name] = _per_file_ignores(value, where)
        elif key in _CHOICES:
            if value not in _CHOICES[key]:
                allowed = ", ".join(_CHOICES[key])
                raise ConfigError(f"{where}: {key} must be one of {allowed}, not {value!r}")
            values[field_name] = value
        elif key in ("respect-gitignore", "trust-file-status"):
            if not isinstance(value, bool):
                raise ConfigError(f"{where}: {key} must be true or false, not {value!r}")
            values[field_name] = value
            if key == "trust-file-status" and not value:
                inputs.note_untracked("trust-file-status = false")
        elif key in ("languagetool", "cache-dir"):
            if not isinstance(value, str) or not value:
                raise ConfigError(f"{where}: {key} must be a non-empty string")
            values[field_name] = value
        elif key == "language":
            values[field_name] = _language(value, where, key)
        elif key == "max-file-size":
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"{where}: {key} must be a whole number of megabytes >= 1")
            values[field_name] = value
        elif key == "per-file-language":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: per-file-language must be a table of glob = language")
            values[field_name] = tuple(
                (pattern, _language(code, where, f"per-file-language.{pattern!r}"))
                for pattern, code in value.items()
            )
    if "entities" in values:
        values["entities"] = tuple(str(inputs.resolved(root / p)) for p in values["entities"])
        for entity_list in values["entities"]:
            # Noted where settings are made, in the main process: workers read the lists.
            inputs.note_file(entity_list)
    return values


_LANGUAGE_CODE: Final = re.compile(r"[a-z]{2,3}(?:-[a-z]{2})?")


def _language(value: Any, where: str, key: str) -> str:
    """A language code (``en``, ``de``, ``en-gb``) or ``auto``, lowercased."""
    code = value.lower() if isinstance(value, str) else None
    if code is None or (code != "auto" and not _LANGUAGE_CODE.fullmatch(code)):
        raise ConfigError(
            f"{where}: {key} must be 'auto' or a language code such as 'en', not {value!r}"
        )
    return code


def _string_list(value: Any, where: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where}: {key} must be a list of strings")
    return tuple(value)


def _selectors(value: Any, where: str, key: str) -> tuple[str, ...]:
    from repair.registry import RULES_BY_CODE, is_known_selector

    selectors = tuple(item.strip() for item in _string_list(value, where, key))
    for selector in selectors:
        if not is_known_selector(selector):
            hint = _did_you_mean(selector, RULES_BY_CODE)
            raise ConfigError(f"{where}: unknown rule code {selector!r} in {key}{hint}")
    return selectors


def _rule_selectors(value: Any, where: str, key: str) -> tuple[str, ...]:
    """Selectors of whole rules: ``ALL``, codes, prefixes and names, no ``FAMILY:ID``."""
    selectors = _selectors(value, where, key)
    for selector in selectors:
        if ":" in selector:
            raise ConfigError(
                f"{where}: {key} names whole rules, not {selector!r}: "
                f"use {selector.partition(':')[0]!r}"
            )
    return selectors


def _per_file_ignores(value: Any, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: per-file-ignores must be a table of glob = [codes]")
    return tuple(
        (pattern, _selectors(codes, where, f"per-file-ignores.{pattern!r}"))
        for pattern, codes in value.items()
    )


def _did_you_mean(word: str, choices: Any) -> str:
    import difflib  # only for a mistake

    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


__all__ = ["Config", "discover_config", "find_config_file", "load_config"]
