"""Data tables of the rules: word lists (``.txt``) and structured tables (``.toml``).

Each file opens with comments saying what it holds, where it came from and how to extend it.
Code reads them through these loaders, once per process.
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from typing import Any


def _read(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


@functools.cache
def lines(name: str) -> tuple[str, ...]:
    """Non-blank, non-comment lines of ``repair/data/<name>.txt``, stripped, in order."""
    entries = []
    for line in _read(f"{name}.txt").splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            entries.append(stripped)
    return tuple(entries)


@functools.cache
def word_set(name: str) -> frozenset[str]:
    """Entries of ``repair/data/<name>.txt`` as a set, read once per process."""
    return frozenset(lines(name))


@functools.cache
def table(name: str) -> dict[str, Any]:
    """The parsed ``repair/data/<name>.toml``, read once per process."""
    return tomllib.loads(_read(f"{name}.toml"))
