"""Finding config files: which file holds the settings of a folder, and where its cache is.

Kept apart from :mod:`repair.config` and free of :mod:`pathlib`, :mod:`dataclasses` and
:mod:`tomllib` (a TOML file is parsed only when its bytes could hold a repair setting): a
check answered by :mod:`repair.cli_replay` looks for the nearest config file before it imports
anything else, and those imports would cost more than the answer.

Every probe and read is reported with :mod:`repair.inputs`, since where a config file is (or is
not) decides the settings of a run.
"""

from __future__ import annotations

import os

from repair import inputs

CONFIG_FILE_NAMES = ("repair.toml", ".repair.toml")
DEFAULT_CACHE_DIR = ".repair_cache"


def nearest_config_file(folder: str) -> str | None:
    """The nearest config file in ``folder`` or a folder above it, its folders resolved.

    A ``repair.toml`` (or ``.repair.toml``) counts as one; a ``pyproject.toml`` only when it
    has a ``[tool.repair]`` table.
    """
    here = inputs.realpath(folder)
    while True:
        for name in CONFIG_FILE_NAMES:
            candidate = os.path.join(here, name)
            if inputs.is_file(candidate):
                inputs.note_file(candidate)
                return candidate
        pyproject = os.path.join(here, "pyproject.toml")
        if inputs.is_file(pyproject):
            inputs.note_file(pyproject)
            if _has_repair_table(pyproject):
                return pyproject
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def cache_dir_setting(config_file: str) -> str | None:
    """The ``cache-dir`` a config file sets (the default if it sets none); ``None`` when the
    file cannot be read or parsed, or the setting is not a non-empty string (loading the
    config reports those)."""
    raw = _read(config_file)
    if raw is None:
        return None
    if not _could_mention(raw, b"cache-dir"):
        return DEFAULT_CACHE_DIR
    data = _parsed(raw)
    if data is None:
        return None
    table: object = data
    if os.path.basename(config_file) == "pyproject.toml":
        tool = data.get("tool")
        table = tool.get("repair") if isinstance(tool, dict) else None
    value = table.get("cache-dir", DEFAULT_CACHE_DIR) if isinstance(table, dict) else None
    return value if isinstance(value, str) and value else None


def _has_repair_table(pyproject: str) -> bool:
    raw = _read(pyproject)
    if raw is None or not _could_mention(raw, b"repair"):
        return False
    data = _parsed(raw)
    tool = data.get("tool") if data is not None else None
    return isinstance(tool, dict) and "repair" in tool


def _could_mention(raw: bytes, word: bytes) -> bool:
    # TOML spells a key as it is, or in quotes that may hold escapes ("rep\u0061ir"): bytes
    # with neither the word nor a backslash cannot hold it, and need no parser.
    return word in raw or b"\\" in raw


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as stream:
            return stream.read()
    except OSError:
        # Another user may be able to read it and find other settings: not a replayable run.
        inputs.note_untracked(f"{path} cannot be read")
        return None


def _parsed(raw: bytes) -> dict[str, object] | None:
    # tomllib and its regular expressions cost more than the rest of a replayed check:
    # imported only for a file that may hold a repair setting.
    import tomllib

    try:
        return tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return None
