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
        "--fixable",
        metavar="CODES",
        help="Only these rules' fixes may be applied (codes, prefixes, names or ALL); the "
        "others' findings are shown with no fix. Default: the configured fixable, else ALL.",
    ),
    click.option(
        "--unfixable",
        metavar="CODES",
        help="Never apply these rules' fixes; their findings are shown with no fix. "
        "Default: the configured unfixable, else none. (Config keys extend-safe-fixes and "
        "extend-unsafe-fixes make a rule's unsafe fixes safe, or its safe fixes unsafe.)",
    ),
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
        "--max-file-size",
        type=click.IntRange(min=1),
        metavar="MB",
        help="Leave a file larger than this many megabytes as it is, reported as too "
        "large (an error: exit code 2); the other files are checked. Default: the "
        "configured max-file-size, else 256. A file over 8 MB is checked and fixed "
        "window by window (about 1 MB each, cut at blank lines or line ends): rules that "
        "read the whole document (lines repeated far apart, quote style, wrapped lines) "
        "see one window at a time.",
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


OUTPUT_FORMATS: Final = (
    "concise",
    "full",
    "json",
    "json-lines",
    "github",
    "gitlab",
    "junit",
    "sarif",
    "text",
)

_QUIET: Final = (
    click.option(
        "-q",
        "--quiet",
        is_flag=True,
        help="Print the findings (or the diff) only: no closing summary or legend. Default: off.",
    ),
    click.option(
        "-s",
        "--silent",
        is_flag=True,
        help="Print nothing on stdout (errors still go to stderr); the exit code tells. "
        "Default: off.",
    ),
)

_COLOUR: Final = click.option(
    "--color",
    "colour",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the output: auto on a terminal unless NO_COLOR is set, always, or never.",
)

_CHECK_OUTPUT: Final = (
    click.option(
        "--output-format",
        type=click.Choice(OUTPUT_FORMATS),
        default="concise",
        show_default=True,
        help="concise: path:line:col: CODE message; full: also the line, with a caret "
        "under the span; json: one array of finding objects; json-lines: one object a "
        "line; github: workflow annotations; gitlab: a Code Quality report; junit: JUnit "
        "XML; sarif: SARIF 2.1.0; text: concise, its old name.",
    ),
    click.option(
        "--output-file",
        "-o",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Write the findings and summary to this file instead of stdout. Default: stdout.",
    ),
    click.option(
        "--statistics",
        is_flag=True,
        help="Print how many findings each rule code has, and how many of them each fix "
        "kind fixes, instead of the findings (json with --output-format json). Default: off.",
    ),
    click.option(
        "--baseline",
        "baseline_file",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Report only the findings this baseline file does not accept. Default: "
        "repair-baseline.json in the current folder, when there is one.",
    ),
    click.option(
        "--add-baseline",
        is_flag=True,
        help="Write every finding of this check into the baseline file (--baseline, or "
        "repair-baseline.json here) as accepted, print nothing else and exit 0. Default: off.",
    ),
    click.option(
        "--show-settings",
        is_flag=True,
        help="Print the settings in force for the first path (after config files and "
        "flags), check nothing and exit 0. Default: off.",
    ),
    click.option(
        "--show-files",
        is_flag=True,
        help="List the files the check would read (after excludes and .gitignore), check "
        "nothing and exit 0. Default: off.",
    ),
    *_QUIET,
    _COLOUR,
)

_FIX_OUTPUT: Final = (
    click.option(
        "--show-fixes",
        is_flag=True,
        help="After fixing, list how many findings of each rule code were fixed. Default: off.",
    ),
    click.option(
        "--exit-non-zero-on-fix",
        is_flag=True,
        help="Exit 1 when a fix changed a file, even if no finding remains (as ruff does). "
        "Default: exit 0 when nothing remains.",
    ),
    *_QUIET,
    _COLOUR,
)


def check_output_options(function: F) -> F:
    """``check``'s output: ``--output-format``, ``--output-file``, ``--statistics``,
    ``--show-files``, ``-q/--quiet``, ``-s/--silent`` and ``--color``."""
    return apply_options(_CHECK_OUTPUT, function)


def fix_output_options(function: F) -> F:
    """``fix``'s output: ``--show-fixes``, ``--exit-non-zero-on-fix``, ``-q``, ``-s``,
    ``--color``."""
    return apply_options(_FIX_OUTPUT, function)


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


__all__ = [
    "OUTPUT_FORMATS",
    "apply_options",
    "check_output_options",
    "engine_options",
    "fix_output_options",
    "settings_options",
]
