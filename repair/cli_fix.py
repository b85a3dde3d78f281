"""``repair fix``: apply the fixes to files, folders, record corpora and standard input.

A click command that :mod:`repair.cli`'s group imports when it is asked for.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from repair.api import FileResult, expand_paths, grammar_server, output_target
from repair.cli_dask import fix_on_dask
from repair.cli_options import engine_options, fix_output_options, settings_options
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
from repair.document import restore_newlines
from repair.records import is_record_file
from repair.report import formats, totals
from repair.report.printer import ResultPrinter, Shown, note_reencoding, print_fix_summary
from repair.results import Results
from repair.sources import Run, StandardInput, WalkedFiles, corpus_output, sources_of


@click.command(epilog=f"Marks: {formats.FIX_LEGEND}")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--diff",
    is_flag=True,
    help="Print a unified diff of the fixes and write nothing; exit 1 if anything would change.",
)
@click.option(
    "--unsafe-fixes",
    is_flag=True,
    help="Also apply unsafe fixes (they may delete "
    "or insert words: review them). Default: safe fixes only.",
)
@click.option(
    "--output",
    "output_dir",
    type=click.Path(path_type=Path),
    help="Write fixed copies of all files into this folder and leave the originals "
    "alone (for a JSONL or Parquet corpus: the output file, or a folder). Default: fix "
    "files in place.",
)
@engine_options
@click.option(
    "--exit-zero",
    is_flag=True,
    help="Exit 0 even when findings remain that no fix removes (the repair-fix pre-commit "
    "hook uses it: pre-commit fails a hook that changed files by itself).",
)
@fix_output_options
@click.option("--stdin-filename", metavar="NAME", help="Name of the text read from '-'.")
@settings_options
@handle_errors
def fix(
    paths: tuple[str, ...],
    diff: bool,
    unsafe_fixes: bool,
    output_dir: Path | None,
    exit_zero: bool,
    show_fixes: bool,
    exit_non_zero_on_fix: bool,
    quiet: bool,
    silent: bool,
    colour: str,
    stdin_filename: str | None,
    text_field: str,
    **options: Any,
) -> None:
    """Fix files and folders in place (or '-': read stdin, write the fixed text to stdout).

    Writes are atomic and keep each file's encoding (unless it was not UTF-8), BOM, line
    endings and mode. Findings that remain are listed. Exit code: 0 nothing left, 1 findings
    remain (or, with --diff, something would change), 2 an error.
    """
    output = Output(options.get("verbose", False), colour)
    given = CommandSettings.from_flags(options)
    if options["engine"] == "dask":
        fix_on_dask(output, paths, given, options, text_field, output_dir, unsafe_fixes)
        return
    if "-" in paths:
        if len(paths) > 1:
            others = ", ".join(p for p in paths if p != "-")
            raise click.UsageError(
                f"'-' fixes standard input and writes it to standard output; it cannot be "
                f"combined with other paths ({others})"
            )
        _fix_stdin(output, given, stdin_filename, unsafe_fixes, diff)
        return
    if output_dir is not None and not diff:
        _refuse_unsafe_outputs(paths, output_dir, given.config)
    shown = Shown(quiet=quiet, silent=silent)
    with grammar_server(given.of_run(paths)):
        _fix_paths_and_corpora(
            output,
            paths,
            given,
            diff,
            unsafe_fixes,
            output_dir,
            exit_zero,
            text_field,
            options,
            (shown, show_fixes, exit_non_zero_on_fix),
        )


def _fix_paths_and_corpora(
    output: Output,
    paths: tuple[str, ...],
    given: CommandSettings,
    diff: bool,
    unsafe_fixes: bool,
    output_dir: Path | None,
    exit_zero: bool,
    text_field: str,
    options: dict[str, Any],
    shown_as: tuple[Shown, bool, bool],
) -> None:
    """The files and record corpora of ``repair fix``, fixed and reported."""
    shown, show_fixes, exit_non_zero_on_fix = shown_as
    run = Run(given.config, given.options, options["jobs"], not options["no_cache"], text_field)
    printer = ResultPrinter(output, "text", unsafe=unsafe_fixes, shown=shown)
    # Without --diff only the printed lines of a file are needed: they are made where it
    # was fixed (a big file's window by window), and its texts never travel back.
    printing = None if diff else printer.printing()
    results = _fixes(paths, output_dir, diff, run, unsafe_fixes, printing)
    for result in results:
        printer.add(result, findings=not diff)
        if diff and result.changed and shown.findings:
            output.result(formats.unified_diff(result), nl=False)
            note_reencoding(output, result)
    if diff:
        printer.warn_of_missing_grammar()
        if shown.summary:
            output.notice_line(totals.diff_summary(printer.tally, unsafe=unsafe_fixes))
        if printer.failures:
            sys.exit(EXIT_ERROR)
        sys.exit(EXIT_FINDINGS if printer.tally.changed else EXIT_CLEAN)
    printer.warn_of_missing_grammar()
    print_fix_summary(printer, output_dir, show_fixes)
    if printer.failures:
        sys.exit(EXIT_ERROR)
    if printer.tally.findings and not exit_zero:
        sys.exit(EXIT_FINDINGS)
    if printer.tally.changed and exit_non_zero_on_fix:
        sys.exit(EXIT_FINDINGS)


def _fixes(
    paths: tuple[str, ...],
    output_dir: Path | None,
    diff: bool,
    run: Run,
    unsafe: bool,
    printing: Callable[[FileResult], formats.PrintedResult] | None,
) -> Iterator[Any]:
    """The fix of every source (a file's as ``printing`` makes it, when given), written
    back unless ``diff``."""
    if any(map(is_record_file, paths)) and output_dir is None and not diff:
        raise click.UsageError("fixing a JSONL or Parquet corpus needs --output FILE (or DIR)")
    for source in sources_of(paths, output=output_dir):
        results: Iterator[Any]
        if isinstance(source, WalkedFiles) and printing is not None:
            results = source.fixed_as(run, printing, unsafe=unsafe, write=not diff)
        else:
            results = source.fix(run, unsafe=unsafe, write=not diff)
        total = results.total if isinstance(results, Results) else 0
        yield from with_progress(results, total, "Fixing")


def _refuse_unsafe_outputs(paths: tuple[str, ...], output_dir: Path, config: Config | None) -> None:
    """A usage error, before anything is written, when ``--output`` would write two inputs
    to one path (the last would silently win), a file copy to a path that is a file, or
    through a symbolic link to a folder outside the output."""
    corpora = [p for p in paths if is_record_file(p)]
    files = [p for p in paths if p != "-" and not is_record_file(p)]
    if files and output_dir.exists() and not output_dir.is_dir():
        raise click.UsageError(
            f"--output {output_dir} is a file; the fixed copies of files need a folder"
        )
    sources: dict[str, list[str]] = {}
    for corpus in corpora:
        target = corpus_output(corpus, output_dir, len(corpora))
        sources.setdefault(os.path.normpath(target), []).append(corpus)
    for given in files:
        for file in expand_paths([given], config=config):
            copy = output_target(file, Path(given), output_dir)
            assert copy is not None
            sources.setdefault(os.path.normpath(copy), []).append(str(file))
    collisions = [
        f"{target} (from {', '.join(inputs)})"
        for target, inputs in sources.items()
        if len(inputs) > 1
    ]
    if collisions:
        raise click.UsageError(
            "--output would write several inputs to the same file, and keep only the last: "
            + "; ".join(collisions)
        )
    # A corpus's output file that is also the folder of other copies (fix news.jsonl a.txt
    # --output o).
    for copy_path in sources:
        for above in map(str, Path(copy_path).parents):
            if above in sources:
                raise click.UsageError(
                    f"--output would write {above} (from {', '.join(sources[above])}) as a "
                    f"file and as the folder of {copy_path}"
                )
    root = Path(os.path.normpath(output_dir))
    for written in sources:
        for folder in Path(written).relative_to(root).parents:
            if folder != Path() and (root / folder).is_symlink():
                raise click.UsageError(
                    f"--output: {root / folder} is a symbolic link; copies are not "
                    "written through it"
                )


def _fix_stdin(
    output: Output, given: CommandSettings, filename: str | None, unsafe: bool, diff: bool
) -> None:
    run = Run(given.config, given.options)
    (outcome,) = StandardInput(filename).fix(run, unsafe=unsafe, write=False)
    assert outcome.original is not None and outcome.fixed_text is not None
    if diff:
        output.result(formats.unified_diff(outcome), nl=False)
        output.notice_line(totals.diff_summary(formats.Tally.of(outcome), unsafe=unsafe))
        changed = outcome.fixed_text != outcome.original.text
        sys.exit(EXIT_FINDINGS if changed else EXIT_CLEAN)
    text = restore_newlines(outcome.fixed_text, outcome.original.newline)
    sys.stdout.buffer.write(text.encode("utf-8"))
    if outcome.findings:
        sys.exit(EXIT_FINDINGS)
