"""``--engine dask``: ``check`` and ``fix`` of one dataset (Parquet or JSONL) on a Dask
client, for corpora larger than one machine handles (:mod:`repair.dask`)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from repair.cli_output import EXIT_FINDINGS, Output
from repair.cli_settings import CommandSettings


def check_on_dask(
    output: Output,
    paths: tuple[str, ...],
    given: CommandSettings,
    options: dict[str, Any],
    text_field: str,
    results_dir: Path | None,
    exit_zero: bool,
) -> None:
    """``check --engine dask``: the counts of findings, written per record to
    ``results_dir`` when given; exit 1 when there are findings."""
    summary = _on_dask(
        options,
        lambda dataset: dask_engine().check_dataset(
            dataset,
            results_dir,
            text_column=text_field,
            config=given.config,
            options=given.options,
        ),
        paths,
    )
    _print_dask_summary(output, summary, "Checked")
    found = sum(v for k, v in summary.items() if k not in ("records", "malformed"))
    if found and not exit_zero:
        sys.exit(EXIT_FINDINGS)


def fix_on_dask(
    output: Output,
    paths: tuple[str, ...],
    given: CommandSettings,
    options: dict[str, Any],
    text_field: str,
    output_dir: Path | None,
    unsafe: bool,
) -> None:
    """``fix --engine dask``: the dataset repaired into ``output_dir``."""
    if output_dir is None:
        raise click.UsageError("--engine dask needs --output DIR")
    summary = _on_dask(
        options,
        lambda dataset: dask_engine().fix_dataset(
            dataset,
            output_dir,
            text_column=text_field,
            config=given.config,
            options=given.options,
            unsafe=unsafe,
        ),
        paths,
    )
    _print_dask_summary(output, summary, f"Repaired into {output_dir}:")


def dask_engine() -> Any:
    """The repair.dask module, or a usage error naming the extra to install."""
    try:
        import dask.dataframe  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as error:
        raise click.UsageError(
            "--engine dask needs the dask extra: pip install 'repair[dask]'"
        ) from error
    from repair import dask as engine

    return engine


def _on_dask(
    options: dict[str, Any], run: Callable[[str], dict[str, int]], paths: tuple[str, ...]
) -> dict[str, int]:
    """Run one dataset through ``run`` on a Dask client; totals of the run."""
    if len(paths) != 1:
        raise click.UsageError(
            "--engine dask takes one dataset (a Parquet folder or file, or JSONL)"
        )
    engine = dask_engine()
    with engine.start_client(options.get("scheduler"), options["jobs"]):
        return run(paths[0])


def _print_dask_summary(output: Output, summary: dict[str, int], what: str) -> None:
    counts = ", ".join(f"{key} {value}" for key, value in summary.items())
    output.result(f"{what} {counts}")
