"""repair: find and fix the damage machine translation and web scraping leave in text.

The public API::

    >>> import repair
    >>> repair.fix_text("They agreed on a two -day truce.").text  # doctest: +SKIP
    'They agreed on a two-day truce.'

:func:`check_text`/:func:`fix_text` work on strings, :func:`check_paths`/:func:`fix_paths` on
files and folders. Importing repair does not import click.
"""

from __future__ import annotations

import importlib

# Not typing's: importing typing would cost a replayed check (repair.cli_replay) a tenth of its
# time. Type checkers take any name TYPE_CHECKING as theirs.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from repair.api import (
        FileCheck,
        FileFix,
        FileResult,
        check_paths,
        check_text,
        expand_paths,
        fix_paths,
        fix_text,
    )
    from repair.config import Config, load_config
    from repair.document import Document, TextFormat
    from repair.errors import (
        ConfigError,
        DocumentError,
        EntityListError,
        FixDidNotConverge,
        RepairError,
    )
    from repair.findings import Applicability, Edit, Finding, Fix, Severity, Span
    from repair.fixer import FixResult

# The public names are imported on first use (PEP 562): the rules and their libraries cost a
# third of a second to import, and a command answered from the cache needs none of them.
_HOMES = {
    "repair.api": (
        "FileCheck",
        "FileFix",
        "FileResult",
        "check_paths",
        "check_text",
        "expand_paths",
        "fix_paths",
        "fix_text",
    ),
    "repair.config": ("Config", "load_config"),
    "repair.document": ("Document", "TextFormat"),
    "repair.errors": (
        "ConfigError",
        "DocumentError",
        "EntityListError",
        "FixDidNotConverge",
        "RepairError",
    ),
    "repair.findings": ("Applicability", "Edit", "Finding", "Fix", "Severity", "Span"),
    "repair.fixer": ("FixResult",),
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'repair' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__version__ = "0.1.0"

__all__ = [
    "Applicability",
    "Config",
    "ConfigError",
    "Document",
    "DocumentError",
    "Edit",
    "EntityListError",
    "FileCheck",
    "FileFix",
    "FileResult",
    "Finding",
    "Fix",
    "FixDidNotConverge",
    "FixResult",
    "RepairError",
    "Severity",
    "Span",
    "TextFormat",
    "__version__",
    "check_paths",
    "check_text",
    "expand_paths",
    "fix_paths",
    "fix_text",
    "load_config",
]
