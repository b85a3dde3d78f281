"""``repair clean``: remove the result cache (and the run memos kept in it), as ``ruff clean``.

A click command that ``repair.cli``'s group imports when it is asked for.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import click

from repair.cli_output import EXIT_ERROR, Output, handle_errors
from repair.config import discover_config

# The first line of a CACHEDIR.TAG (https://bford.info/cachedir/), which repair writes in
# the cache folders it makes: only a folder that has it is removed.
_CACHEDIR_SIGNATURE = "Signature: 8a477f597d28d172789f06886806bc55"


def cache_folder(start: Path) -> Path:
    """The cache folder a run from ``start`` uses: ``$REPAIR_CACHE_DIR``, or the configured
    ``cache-dir`` beside the nearest config file (the current folder's when there is none)."""
    from_environment = os.environ.get("REPAIR_CACHE_DIR")
    if from_environment:
        return Path(from_environment)
    config = discover_config(start)
    return Path(config.root) / config.cache_dir


def is_repair_cache(folder: Path) -> bool:
    """Whether ``folder`` is a cache folder repair made (it holds repair's CACHEDIR.TAG)."""
    tag = folder / "CACHEDIR.TAG"
    try:
        return tag.read_text(encoding="utf-8").startswith(_CACHEDIR_SIGNATURE)
    except OSError:
        return False


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(file_okay=False, path_type=Path))
@handle_errors
def clean(paths: tuple[Path, ...]) -> None:
    """Remove the result cache of these folders (default: the current folder's).

    The cache is the folder named by $REPAIR_CACHE_DIR, or by cache-dir beside the nearest
    repair.toml or pyproject.toml (default .repair_cache). Only a folder with repair's
    CACHEDIR.TAG is removed. Exit code: 0 done, 2 a folder that is not a repair cache.
    """
    output = Output()
    failed = False
    for start in paths or (Path.cwd(),):
        folder = cache_folder(start.resolve())
        if not folder.exists():
            output.result(f"No cache at {folder}")
        elif not is_repair_cache(folder):
            output.error(f"{folder}: no CACHEDIR.TAG of repair in it; not removed")
            failed = True
        else:
            shutil.rmtree(folder)
            output.result(f"Removed {folder}")
    if failed:
        sys.exit(EXIT_ERROR)


__all__ = ["cache_folder", "clean", "is_repair_cache"]
