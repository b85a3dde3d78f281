"""``repair entities``: build a starter entity list, and check one.

A click group that ``repair.cli`` registers with ``main.add_command(entities)``; the work
is done by :mod:`repair.harvest` and :mod:`repair.entities`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from repair.atomic import write_output_text
from repair.entities import Entity, merge, read_entity_list
from repair.errors import EntityListError, RepairError
from repair.harvest import counts_by_type, harvest, render_toml
from repair.lexicon import COMMON_WORD_ZIPF, zipf

EXIT_ERROR = 2  # repair.cli's code for a usage, configuration or file error


def _error(text: str) -> None:
    click.echo(f"error: {text}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def entities() -> None:
    """Build and check entity lists for the NAM rules (names against a list)."""


@entities.command("harvest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the list here, as TOML (required; an existing file is replaced).",
)
@click.option(
    "--min-count",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Leave out names seen fewer times.",
)
def harvest_command(paths: tuple[Path, ...], output: Path, min_count: int) -> None:
    """Build a starter list from trusted, clean files: names, counts and guessed types.

    Folders are walked as `repair check` walks them. Review every entry before use.
    Exit code: 0 written, 2 an error.
    """
    try:
        names = harvest(paths, min_count=min_count)
    except RepairError as error:
        _error(str(error))
        sys.exit(EXIT_ERROR)
    write_output_text(output, render_toml(names, [str(p) for p in paths]))
    kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(counts_by_type(names).items()))
    click.echo(f"Wrote {len(names)} name(s) to {output} ({kinds or 'none'}): review them.")


@entities.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def check_command(files: tuple[Path, ...]) -> None:
    """Validate entity lists (FILE...), merged as a run would merge them.

    Errors name the file and line. Warnings point at entries that will not work as the
    list's author may expect. Exit code: 0 valid (warnings or not), 2 an error.
    """
    try:
        merged = merge(read_entity_list(path) for path in files)
    except EntityListError as error:
        _error(str(error))
        sys.exit(EXIT_ERROR)
    warnings = list(list_warnings(merged))
    for warning in warnings:
        click.echo(f"warning: {warning}")
    kinds = ", ".join(
        f"{sum(1 for e in merged if e.type.value == kind)} {kind}"
        for kind in sorted({e.type.value for e in merged})
    )
    shown = ", ".join(str(path) for path in files)
    click.echo(f"{shown}: {len(merged)} entities ({kinds or 'none'}), {len(warnings)} warning(s).")


def list_warnings(merged: tuple[Entity, ...]) -> list[str]:
    """Entries that will not work as the author may expect: variants that are words."""
    found = []
    for entity in merged:
        for variant in entity.variants:
            if zipf(variant) >= COMMON_WORD_ZIPF:
                found.append(
                    f"{entity.where}: variant {variant!r} of {entity.name!r} is a common "
                    "English word: its fix will be unsafe"
                )
    return found


__all__ = ["entities"]
