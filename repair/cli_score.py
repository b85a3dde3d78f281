"""``repair score`` and ``repair report``: quality before and after repair, and the reports.

Click commands that ``repair.cli``'s group imports when they are asked for. The work is
done by :mod:`repair.score` and :mod:`repair.report`; these functions parse, call, render
and pick the exit code: 0 done, 2 a usage, configuration or file error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from repair.api import Results, grammar_server, grammar_skipped_notice
from repair.atomic import output_text, write_output_text
from repair.cli_options import apply_options, settings_options
from repair.cli_output import EXIT_ERROR, handle_errors, with_progress
from repair.cli_settings import CommandSettings
from repair.records import is_record_file
from repair.score.files import FileScore, score_paths
from repair.score.quality import default_weights

F = TypeVar("F", bound=Callable[..., Any])


def _scoring_options(function: F) -> F:
    """Options of ``score`` and ``report`` alone: references; the rest is settings_options."""
    decorators = [
        click.option(
            "--reference",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            help="Score every file against this reference (chrF, BLEU, TER); files only. "
            "Default: none.",
        ),
        click.option(
            "--reference-dir",
            type=click.Path(exists=True, file_okay=False, path_type=Path),
            help="Score each file against the file of the same name in this folder; files "
            "only. Default: none.",
        ),
        click.option(
            "--reference-field",
            metavar="FIELD",
            help="In JSONL and Parquet corpora, score each record's text against the "
            "reference in this field; a record without one gets none. Default: none.",
        ),
        click.option(
            "--exact-quotes",
            is_flag=True,
            help="Compare quotes as written; default: curly quotes folded to straight ones in "
            "both texts, so quote style does not count as a content difference.",
        ),
    ]
    return apply_options(decorators, settings_options(function))


def _run(paths: tuple[str, ...], options: dict[str, Any]) -> list[FileScore]:
    _check_references(paths, options)
    given = CommandSettings.from_flags(options)
    # The run's one LanguageTool server, when the LT rules are in force.
    with grammar_server(given.of_run(paths)):
        return _scores(paths, options, given)


def _scores(
    paths: tuple[str, ...], options: dict[str, Any], given: CommandSettings
) -> list[FileScore]:
    scores = score_paths(
        paths,
        config=given.config,
        options=given.options,
        reference=options.get("reference"),
        reference_dir=options.get("reference_dir"),
        fold_quotes=not options.get("exact_quotes"),
        jobs=options["jobs"],
        cache=not options["no_cache"],
        text_field=options["text_field"],
        reference_field=options.get("reference_field"),
    )
    return list(_with_scoring_progress(scores, paths))


def _with_scoring_progress(
    scores: Results[FileScore], paths: tuple[str, ...]
) -> Iterator[FileScore]:
    """The scores, under check's progress bar (on a terminal, for a long run). A JSONL or
    Parquet corpus gives a score per record, more than the files the bar counts: no bar."""
    if any(is_record_file(p) for p in paths):
        return iter(scores)
    # score_paths streams its scores, and counts the files it walked.
    return with_progress(scores, scores.total, "Scoring")


def _check_references(paths: tuple[str, ...], options: dict[str, Any]) -> None:
    """Usage errors: two kinds of reference at once, or a kind that fits none of the paths."""
    if options.get("reference") and options.get("reference_dir"):
        raise click.UsageError("give --reference or --reference-dir, not both")
    corpora = [p for p in paths if is_record_file(p)]
    if corpora and (options.get("reference") or options.get("reference_dir")):
        raise click.UsageError(
            f"--reference and --reference-dir apply to files, not to {corpora[0]}: "
            "give a JSONL or Parquet corpus its references with --reference-field"
        )
    if options.get("reference_field") and not corpora:
        raise click.UsageError("--reference-field applies to JSONL and Parquet corpora; none given")


def _notices(paths: tuple[str, ...], options: dict[str, Any], scores: list[FileScore]) -> None:
    """File errors, and the one line saying grammar checks were skipped (when selected)."""
    for score in scores:
        if score.error is not None:
            click.echo(f"error: {score.path}: {score.error}", err=True)
    notice = grammar_skipped_notice(CommandSettings.from_flags(options).of_run(paths))
    if notice:
        click.echo(f"notice: {notice}", err=True)


def _exit_code(scores: list[FileScore]) -> None:
    if any(s.error is not None for s in scores):
        sys.exit(EXIT_ERROR)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--output-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a table (rich on a terminal); json: one object per file or record.",
)
@_scoring_options
@handle_errors
def score(paths: tuple[str, ...], output_format: str, **options: Any) -> None:
    """Score files before and after the safe fixes (computed in memory; nothing is written).

    The score is 0-100: 100 for no finding, lower for more weighted findings per 1,000
    words (see the README). A JSONL or Parquet corpus is scored record by record, each
    named corpus.jsonl[N] after its line or row. With --reference or --reference-dir (files)
    or --reference-field (records), also sacrebleu's chrF, BLEU and TER against the
    reference, before and after, with their signatures. Exit code: 0 done, 2 an error (a
    file, corpus or record that could not be read, or a bad option).
    """
    from repair.report import summary

    scores = _run(paths, options)
    _notices(paths, options, scores)
    if output_format == "json":
        click.echo(summary.scores_json(scores))
    elif sys.stdout.isatty():
        _print_rich(scores)
    else:
        for line in summary.score_lines(scores):
            click.echo(line)
    _exit_code(scores)


def _print_rich(scores: list[FileScore]) -> None:
    from rich.console import Console
    from rich.table import Table

    from repair.report import summary

    table = Table(title="Quality before and after repair (0-100)")
    for name, justify in summary.SCORE_COLUMNS:
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for row in summary.score_rows(scores):
        table.add_row(*row)
    console = Console()
    console.print(table)
    for line in summary.reference_lines(scores):
        console.print(line, markup=False, highlight=False)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write summary.json, diffs.json, summary.md and index.html into "
    "(created if needed).",
)
@_scoring_options
@handle_errors
def report(paths: tuple[str, ...], out_dir: Path, **options: Any) -> None:
    """Write a corpus report: summary.json, diffs.json, summary.md and index.html.

    summary.json holds the scores and findings of every file, diffs.json the diff of the
    safe fixes of every file they change. The page is self-contained and needs no network:
    totals, a chart of the scores before and after repair (worst first), findings by
    family, and each file's findings and the diff of its repair with the changed words
    marked (the worst files open; a filter by rule family). Each record of a JSONL or
    Parquet corpus is a file of the report. Exit code: 0 written, 2 an error.
    """
    from repair.report import html, summary

    scores = _run(paths, options)
    _notices(paths, options, scores)
    data = summary.corpus_summary(scores, default_weights())
    diffs = summary.repair_diffs(scores)
    out_dir.mkdir(parents=True, exist_ok=True)
    with output_text(out_dir / "summary.json") as stream:
        summary.write_summary_json(data, stream)
    written = {
        "diffs.json": json.dumps(diffs, ensure_ascii=False, indent=0) + "\n",
        "summary.md": summary.summary_markdown(data),
        "index.html": html.render_html(data, diffs),
    }
    for name, text in written.items():
        write_output_text(out_dir / name, text)
    names = ["summary.json", *written]
    totals = data["totals"]
    click.echo(
        f"Wrote {', '.join(str(out_dir / n) for n in names)}: {totals['files']} file(s), "
        f"score {totals['score_before']:.1f} before repair, {totals['score_after']:.1f} after."
    )
    _exit_code(scores)


__all__ = ["report", "score"]
