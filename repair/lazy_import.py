"""A module imported where it is first used rather than where it is named.

rapidfuzz (0.015 s of CPU to import, a few percent of a check's start-up) is named by the
modules of the name rules, the entity index, non-word suggestions and mojibake alignment,
all imported with the rules; yet a check without an entity list never calls it. Such a
module holds a :class:`LazyModule` under the module's name instead: its first attribute read
imports the module and puts it in its place, so every later read is the plain global look-up
it was, with nothing added on the hot paths.
"""

from __future__ import annotations

import importlib
from typing import Any


class LazyModule:
    """Stands for the module ``name`` in ``namespace`` (a module's globals) under ``alias``
    until an attribute of it is read.

    >>> space = {}
    >>> space["textwrap"] = LazyModule("textwrap", space, "textwrap")
    >>> space["textwrap"].dedent("  a")
    'a'
    >>> type(space["textwrap"]).__name__
    'module'
    """

    __slots__ = ("_alias", "_name", "_namespace")

    def __init__(self, name: str, namespace: dict[str, Any], alias: str) -> None:
        self._name = name
        self._namespace = namespace
        self._alias = alias

    def __getattr__(self, attribute: str) -> Any:
        module = importlib.import_module(self._name)
        self._namespace[self._alias] = module
        return getattr(module, attribute)

    def __repr__(self) -> str:
        return f"<module {self._name!r}, imported on first use>"
