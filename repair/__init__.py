"""repair: find and fix the damage machine translation and web scraping leave in text.

The public API::

    >>> import repair
    >>> repair.fix_text("They agreed on a two -day truce.").text  # doctest: +SKIP
    'They agreed on a two-day truce.'

:func:`check_text`/:func:`fix_text` work on strings, :func:`check_paths`/:func:`fix_paths` on
files and folders. Importing repair does not import click.
"""

from __future__ import annotations

from repair.api import FileResult, check_paths, check_text, expand_paths, fix_paths, fix_text
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

__version__ = "0.1.0"

__all__ = [
    "Applicability",
    "Config",
    "ConfigError",
    "Document",
    "DocumentError",
    "Edit",
    "EntityListError",
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
