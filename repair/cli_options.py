"""The options that ``check``, ``fix``, ``score`` and ``report`` share, defined once.

Each command takes :func:`settings_options` (rule selection, config files, entity lists,
records, workers, cache) and declares only the options that are its own. This module imports
nothing from :mod:`repair.cli`, so :mod:`repair.cli_score` can use it at import time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final, TypeVar

import click

from repair.batch import default_jobs

F = TypeVar("F", bound=Callable[..., Any])

_SETTINGS: Final = (
    click.option(
        "--config",
        "config_file",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Use this repair.toml or pyproject.toml for every file, instead of "
        "the nearest one above each file.",
    ),
    click.option(
        "--isolated",
        is_flag=True,
        help="Ignore all configuration files; use the defaults and the flags.",
    ),
    click.option(
        "--select",
        metavar="CODES",
        help="Check only these rules: comma-separated codes, prefixes (QUO), "
        "names or ALL. Default: the configured selection, else the default set.",
    ),
    click.option(
        "--extend-select",
        metavar="CODES",
        help="Add these rules to the selection (e.g. rules off by default). Default: none.",
    ),
    click.option("--ignore", metavar="CODES", help="Skip these rules. Default: none."),
    click.option(
        "--entities",
        "entities",
        multiple=True,
        metavar="FILE",
        type=click.Path(dir_okay=False, path_type=str),
        help="Check names against this entity list (TOML or CSV); repeatable, merged. "
        "Default: the configured entities, else none.",
    ),
    click.option(
        "--quote-style",
        type=click.Choice(["auto", "curly", "straight"]),
        help=(
            "Style mixed quotes are fixed to. Default: auto (the document's majority, "
            "fixed only with --unsafe-fixes)."
        ),
    ),
    click.option(
        "--output-encoding",
        type=click.Choice(["utf-8", "keep"]),
        help="How fixed files are encoded. Default: utf-8 (non-UTF-8 files are "
        "converted; score counts that as fixed); keep writes the encoding read.",
    ),
    click.option(
        "--text-field",
        default="text",
        show_default=True,
        help="The field that holds the text in JSONL and Parquet corpora.",
    ),
    click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        default=default_jobs(),
        show_default="the number of cores",
        help="Worker processes that share the files.",
    ),
    click.option(
        "--no-cache",
        is_flag=True,
        help="Do not read or write the result cache (.repair_cache beside the "
        "config file, or in the current folder), and do not replay an unchanged check. "
        "Default: use it.",
    ),
    click.option("-v", "--verbose", is_flag=True, help="Show tracebacks of internal errors."),
)

_ENGINE: Final = (
    click.option(
        "--engine",
        type=click.Choice(["local", "dask"]),
        default="local",
        show_default=True,
        help="local: this machine's processes (--jobs); dask: a Dask cluster, for a "
        "Parquet or JSONL dataset (needs the dask extra).",
    ),
    click.option(
        "--scheduler",
        metavar="ADDRESS",
        help="With --engine dask: the scheduler to use (tcp://host:8786). Default: a "
        "local cluster with one worker per --jobs.",
    ),
)


def apply_options(decorators: Sequence[Callable[[F], F]], function: F) -> F:
    """``function`` under ``decorators``, which list the options in their --help order."""
    for decorator in reversed(decorators):
        function = decorator(function)
    return function


def settings_options(function: F) -> F:
    """The options of every command that checks text: rules, config, records, workers, cache."""
    return apply_options(_SETTINGS, function)


def engine_options(function: F) -> F:
    """``--engine`` and ``--scheduler``: where ``check`` and ``fix`` run (here or on Dask)."""
    return apply_options(_ENGINE, function)


__all__ = ["apply_options", "engine_options", "settings_options"]
