"""``repair check``: list the findings of files, folders, record corpora and standard input.

A click command that :mod:`repair.cli`'s group imports when it is asked for.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from repair import cli_replay, inputs
from repair.api import (
    FileCheck,
    expand_paths,
    grammar_server,
    grammar_skipped_notice,
)
from repair.cli_dask import check_on_dask
from repair.cli_options import check_output_options, engine_options, settings_options
from repair.cli_output import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    Output,
    handle_errors,
    with_progress,
)
from repair.cli_settings import CommandSettings
from repair.config import Config
from repair.records import is_record_file
from repair.report import formats
from repair.report.printer import ResultPrinter, Shown
from repair.results import Results
from repair.sources import Run, WalkedFiles, sources_of

if TYPE_CHECKING:
    from repair.baseline import Baseline


@click.command(epilog=f"Marks: {formats.FIX_LEGEND}")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@check_output_options
@engine_options
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain.")
@click.option(
    "--output",
    "results_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="With --engine dask: write the per-record finding counts here (Parquet).",
)
@click.option(
    "--stdin-filename",
    metavar="NAME",
    help="Name of the text read from '-' (picks Markdown for .md, and per-file ignores).",
)
@settings_options
@handle_errors
def check(
    paths: tuple[str, ...],
    output_format: str,
    output_file: Path | None,
    statistics: bool,
    baseline_file: Path | None,
    add_baseline: bool,
    show_settings: bool,
    show_files: bool,
    quiet: bool,
    silent: bool,
    colour: str,
    exit_zero: bool,
    text_field: str,
    stdin_filename: str | None,
    results_dir: Path | None,
    **options: Any,
) -> None:
    """Check files and folders (or '-' for standard input) and list the findings.

    Folders are walked for *.txt, *.text, *.md and *.markdown files, skipping excluded
    paths and those .gitignore names. A check whose files, folders and settings have not
    changed since it last ran prints its last output again without checking (--no-cache
    to check all the same). Exit code: 0 no finding, 1 findings, 2 an error (bad option or
    config, or a file that could not be read).
    """
    output = Output(options.get("verbose", False), colour)
    if show_files or show_settings or options["engine"] == "dask":
        given = CommandSettings.from_flags(options)
        if show_files:
            _show_files(output, paths, given.config)
        elif show_settings:
            _show_settings(output, paths[0], given)
        else:
            check_on_dask(output, paths, given, options, text_field, results_dir, exit_zero)
        return
    cache = not options["no_cache"]
    # An unchanged check is answered by repair.cli_replay next time, from what this one noted
    # (the --config file among it); a replay prints, so a run writing a file is not noted.
    eligible = cache and "-" not in paths and output_file is None and not add_baseline
    with cli_replay.recording(eligible=eligible) as recording, _results_to(output, output_file):
        if recording:
            _forget_lookups()
        given = CommandSettings.from_flags(options)
        baseline = _BaselineUse.of(baseline_file, adding=add_baseline)
        shown = Shown(statistics=statistics, quiet=quiet, silent=silent or add_baseline)
        printer = ResultPrinter(output, output_format, shown=shown)
        printer.needs_texts = baseline is not None
        settings = given.of_run(paths)
        with grammar_server(settings):
            for result in _check_all(
                paths, given, stdin_filename, options["jobs"], cache, text_field, printer
            ):
                printer.add(baseline.apply(result) if baseline is not None else result)
        if baseline is not None and add_baseline:
            baseline.write(output)
            sys.exit(EXIT_ERROR if printer.failures else EXIT_CLEAN)
        _notice_skipped_grammar(output, settings)
        printer.finish()
        if printer.failures:
            code = EXIT_ERROR
        elif printer.tally.findings and not exit_zero:
            code = EXIT_FINDINGS
        else:
            code = EXIT_CLEAN
        cli_replay.finish(code)
    if code != EXIT_CLEAN:
        sys.exit(code)


class _BaselineUse:
    """The baseline of a check: the one that filters its findings, or the one it writes
    (``--add-baseline``). See :mod:`repair.baseline`."""

    def __init__(self, path: Path, accepted: Baseline | None, adding: bool) -> None:
        from repair.baseline import Key

        self.path = path
        self.accepted = accepted
        self.adding = adding
        self.keys: list[Key] = []

    @classmethod
    def of(cls, given: Path | None, *, adding: bool) -> _BaselineUse | None:
        """The baseline ``--baseline`` names, else ``repair-baseline.json`` here if there is
        one (or will be: ``--add-baseline``); ``None`` when there is none."""
        from repair.baseline import BASELINE_NAME, load_baseline

        path = given if given is not None else Path(BASELINE_NAME)
        if adding:
            return cls(path, None, adding=True)
        if given is None and not inputs.is_file(str(path)):
            return None
        inputs.note_file(path)
        return cls(path, load_baseline(path), adding=False)

    def apply(self, result: FileCheck | formats.PrintedResult) -> FileCheck | formats.PrintedResult:
        """A check's result without the accepted findings; noted when adding."""
        if not isinstance(result, FileCheck) or result.error is not None:
            return result
        from repair.baseline import keys_of

        if self.accepted is None:  # adding
            self.keys += keys_of(result, self.path.resolve().parent)
            return result
        return self.accepted.new_findings(result)

    def write(self, output: Output) -> None:
        from repair.atomic import write_output_text
        from repair.baseline import baseline_json

        write_output_text(self.path, baseline_json(self.keys))
        output.result(
            f"Wrote {self.path}: {len(self.keys)} finding(s) accepted; later checks "
            "report only new ones."
        )


def _show_settings(output: Output, path: str, given: CommandSettings) -> None:
    """``--show-settings``: the settings in force for ``path``, one ``key = value`` a line,
    with the config file they came from."""
    import dataclasses

    settings = given.for_path(path)
    output.result(f"# settings for {path} (from {settings.source or 'the defaults'})")
    for field in dataclasses.fields(settings):
        if field.name != "source":
            value = getattr(settings, field.name)
            output.result(f"{field.name.replace('_', '-')} = {json.dumps(value)}")


def _show_files(output: Output, paths: tuple[str, ...], config: Config | None) -> None:
    """``--show-files``: the files a check of ``paths`` would read, one a line."""
    for path in paths:
        if path == "-" or is_record_file(path):
            output.result(path)
    files = [p for p in paths if p != "-" and not is_record_file(p)]
    for file in expand_paths(files, config=config):
        output.result(str(file))


@contextlib.contextmanager
def _results_to(output: Output, path: Path | None) -> Iterator[None]:
    """Send ``output``'s results to the file at ``path`` (``--output-file``) while open."""
    if path is None:
        yield
        return
    with path.open("w", encoding="utf-8") as stream:
        output.results_file = stream
        output.colour = False
        try:
            yield
        finally:
            output.results_file = None


def _forget_lookups() -> None:
    """Empty the per-process memos of lookups that read or probe files, so that a recorded
    run notes them all (a process running checks in turn, such as a test, keeps them)."""
    from repair.config import discover_config
    from repair.fingerprint import forget_fingerprints
    from repair.languagetool import forget_backends

    discover_config.cache_clear()
    forget_backends()
    forget_fingerprints()


def _notice_skipped_grammar(output: Output, settings: Config) -> None:
    """Say once, on stderr, that LanguageTool checks were skipped, and why: only when the LT
    rules are in force."""
    notice = grammar_skipped_notice(settings)
    if notice:
        output.notice(notice)


def _check_all(
    paths: tuple[str, ...],
    given: CommandSettings,
    stdin_filename: str | None,
    jobs: int,
    cache: bool,
    text_field: str,
    printer: ResultPrinter,
) -> Iterator[FileCheck | formats.PrintedResult]:
    run = Run(given.config, given.options, jobs, cache, text_field)
    documents = printer.needs_documents
    for source in sources_of(paths, stdin_name=stdin_filename, documents=documents):
        printing = printer.printing()
        if isinstance(source, WalkedFiles) and printing is not None and not documents:
            # Each file's lines are made in the worker that checked it, and only they travel
            # back; without documents, a file the cache knows unchanged is not even read.
            printed = source.checked_as(run, printing)
            yield from with_progress(printed, printed.total, "Checking")
            continue
        results = source.check(run)
        total = results.total if isinstance(results, Results) else 0
        yield from with_progress(results, total, "Checking")
