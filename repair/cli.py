"""The ``repair`` command: a thin click layer over :mod:`repair.api`.

Each command turns its options into settings, calls the library, hands the results to
:mod:`repair.report` and picks the exit code: 0 clean (or everything fixed), 1 findings
remain or ``--diff`` would change something, 2 a usage, configuration or file error.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TextIO, TypeVar

import click

from repair import __version__, replay
from repair.api import (
    FileResult,
    add_corpus_consistency,
    check_paths,
    corpus_consistency_applies,
    expand_paths,
    fix_paths,
    map_checked,
    output_target,
)
from repair.cli_options import (
    check_output_options,
    engine_options,
    fix_output_options,
    settings_options,
)
from repair.config import Config, discover_config, load_config
from repair.document import Document, restore_newlines
from repair.errors import ConfigError, DocumentError, EntityListError, RepairError
from repair.files import decode
from repair.fixer import fix_document
from repair.records import check_records, fix_records, is_record_file, unless_unreadable
from repair.report import formats, outputs, totals
from repair.score import languagetool

if TYPE_CHECKING:
    from repair.baseline import Baseline
    from repair.rules.base import Rule

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


def _use_colour(stream: Any) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return _is_terminal(stream)


class Output:
    """Where results and errors go, with colour only on a terminal and never under NO_COLOR."""

    def __init__(self, verbose: bool = False, colour: str = "auto") -> None:
        self.colour = _use_colour(sys.stdout) if colour == "auto" else colour == "always"
        self.error_colour = _use_colour(sys.stderr) if colour == "auto" else colour == "always"
        self.verbose = verbose
        self.results_file: TextIO | None = None
        """Where results go instead of stdout (``--output-file``), while it is open."""

    def style(self, text: str, **styles: Any) -> str:
        return click.style(text, **styles) if self.colour else text

    def result(self, text: str = "", nl: bool = True) -> None:
        if self.results_file is not None:
            self.results_file.write(click.unstyle(text) + ("\n" if nl else ""))
            return
        self._echo(text + "\n" if nl else text, replay.STDOUT, self.colour)

    def error(self, text: str) -> None:
        prefix = click.style("error:", fg="red", bold=True) if self.error_colour else "error:"
        self._echo(f"{prefix} {text}\n", replay.STDERR, self.error_colour)

    def notice_line(self, text: str) -> None:
        """A line on stderr with no prefix: a closing count that must stay out of a patch."""
        self._echo(text + "\n", replay.STDERR, self.error_colour)

    def notice(self, text: str) -> None:
        self._echo(f"notice: {text}\n", replay.STDERR, self.error_colour)

    def warning(self, text: str) -> None:
        prefix = (
            click.style("warning:", fg="yellow", bold=True) if self.error_colour else "warning:"
        )
        self._echo(f"{prefix} {text}\n", replay.STDERR, self.error_colour)

    @staticmethod
    def _echo(text: str, stream: int, colour: bool) -> None:
        # Without colour, escape sequences come out, those of the text too, as click.echo
        # would take them out: here, once, so that the replay memo keeps the text as it is
        # written (color=True then only tells click there is nothing left to strip).
        text = text if colour else click.unstyle(text)
        click.echo(text, nl=False, err=stream == replay.STDERR, color=True)
        replay.note_output(stream, text)


def _split(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [item.strip() for item in value.split(",") if item.strip()]


def resolve_settings(options: dict[str, Any]) -> tuple[Config | None, dict[str, Any]]:
    """The fixed config (``--config``/``--isolated``) if any, and the flags as config keys."""
    overrides: dict[str, Any] = {}
    for flag, key in (
        ("select", "select"),
        ("extend_select", "extend-select"),
        ("ignore", "ignore"),
        ("fixable", "fixable"),
        ("unfixable", "unfixable"),
    ):
        listed = _split(options.get(flag))
        if listed is not None:
            overrides[key] = listed
    for flag, key in (
        ("quote_style", "quote-style"),
        ("output_encoding", "output-encoding"),
        ("max_file_size", "max-file-size"),
    ):
        if options.get(flag) is not None:
            overrides[key] = options[flag]
    if options.get("entities"):
        overrides["entities"] = [str(replay.resolved(Path(p))) for p in options["entities"]]
    config: Config | None = None
    if options.get("config_file") is not None:
        config = load_config(options["config_file"])
    elif options.get("isolated"):
        config = Config(root=str(Path.cwd()))
    # Validate the flags once, up front, so a typo is a usage error and not a per-file one.
    (config or Config()).with_options(overrides)
    return config, overrides


def handle_errors(function: F) -> F:
    """Turn library errors into one stderr line and exit code 2."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        output = Output(kwargs.get("verbose", False))
        try:
            return function(*args, **kwargs)
        except (ConfigError, EntityListError) as error:
            output.error(str(error))
        except RepairError as error:
            output.error(str(error))
        except KeyboardInterrupt:
            output.error("interrupted")
        except click.exceptions.Exit:
            raise
        except click.ClickException:
            raise
        except Exception as error:  # the one place that catches everything: report and exit 2
            output.error(f"internal error: {type(error).__name__}: {error}")
            if output.verbose:
                import traceback

                traceback.print_exc()
            else:
                click.echo("(run with --verbose for the traceback)", err=True)
        sys.exit(EXIT_ERROR)

    return wrapper  # type: ignore[return-value]


class _LazyGroup(click.Group):
    """A group that imports a subcommand's module when the subcommand is asked for.

    ``score``, ``report`` and ``entities`` bring sacrebleu, jinja2 and the rules with them:
    a ``check`` answered from the cache should not pay for their import.
    """

    lazy: ClassVar[dict[str, str]] = {
        "clean": "repair.cli_clean",
        "entities": "repair.cli_entities",
        "report": "repair.cli_score",
        "score": "repair.cli_score",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            import importlib

            command = getattr(importlib.import_module(self.lazy[cmd_name]), cmd_name)
            self.add_command(command)
        return super().get_command(ctx, cmd_name)


@click.group(
    cls=_LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="repair")
def main() -> None:
    """Find and fix the damage machine translation and web scraping leave in text.

    \b
    Start with:
      repair check corpus/        list what is wrong, file:line:col: CODE message
      repair fix --diff corpus/   show what the safe fixes would change
      repair fix corpus/          apply the safe fixes in place
      repair rules                list the rules; repair rules CODE explains one
    """


def _read_stdin(stdin_filename: str | None) -> Document:
    raw = sys.stdin.buffer.read()
    return decode(raw, stdin_filename or "-")


def _stdin_config(config: Config | None, overrides: dict[str, Any], filename: str | None) -> Config:
    from repair.config import discover_config

    base = config or discover_config(Path(filename).parent if filename else Path.cwd())
    return base.with_options(overrides)


@main.command(epilog=f"Marks: {formats.FIX_LEGEND}")
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
    if show_files:
        _show_files(output, paths, resolve_settings(options)[0])
        return
    if show_settings:
        _show_settings(output, paths[0], *resolve_settings(options))
        return
    if options["engine"] == "dask":
        config, overrides = resolve_settings(options)
        summary = _on_dask(
            options,
            lambda dataset: dask_engine().check_dataset(
                dataset, results_dir, text_column=text_field, config=config, options=overrides
            ),
            paths,
        )
        _print_dask_summary(output, summary, "Checked")
        found = sum(v for k, v in summary.items() if k not in ("records", "malformed"))
        if found and not exit_zero:
            sys.exit(EXIT_FINDINGS)
        return
    cache = not options["no_cache"]
    # An unchanged check is answered by repair.replay next time, from what this one noted
    # (the --config file among it); a replay prints, so a run writing a file is not noted.
    eligible = cache and "-" not in paths and output_file is None and not add_baseline
    with replay.recording(eligible=eligible) as recording, _results_to(output, output_file):
        if recording:
            _forget_lookups()
        config, overrides = resolve_settings(options)
        baseline = _BaselineUse.of(baseline_file, adding=add_baseline)
        shown = _Shown(statistics=statistics, quiet=quiet, silent=silent or add_baseline)
        printer = _ResultPrinter(output, output_format, shown=shown)
        printer.needs_texts = baseline is not None
        settings = run_settings(config, overrides, paths)
        with languagetool.serving(settings):
            for result in _check_all(
                paths,
                config,
                overrides,
                stdin_filename,
                options["jobs"],
                cache,
                text_field,
                printer,
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
        replay.finish(code)
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
        if given is None and not replay.is_file(str(path)):
            return None
        replay.note_file(path)
        return cls(path, load_baseline(path), adding=False)

    def apply(
        self, result: FileResult | formats.PrintedResult
    ) -> FileResult | formats.PrintedResult:
        """A check's result without the accepted findings; noted when adding."""
        if not isinstance(result, FileResult) or result.error is not None:
            return result
        from repair.baseline import keys_of

        if self.accepted is None:  # adding
            self.keys += keys_of(result, self.path.resolve().parent)
            return result
        return self.accepted.new_findings(result)

    def write(self, output: Output) -> None:
        from repair.baseline import baseline_json

        self.path.write_text(baseline_json(self.keys), encoding="utf-8")
        output.result(
            f"Wrote {self.path}: {len(self.keys)} finding(s) accepted; later checks "
            "report only new ones."
        )


def _show_settings(
    output: Output, path: str, config: Config | None, overrides: dict[str, Any]
) -> None:
    """``--show-settings``: the settings in force for ``path``, one ``key = value`` a line,
    with the config file they came from."""
    import dataclasses

    from repair.config import discover_config

    if config is None:
        start = Path.cwd() if path == "-" else Path(path)
        config = discover_config(start if start.is_dir() else start.parent)
    settings = config.with_options(overrides)
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
    from repair.cache import forget_fingerprints
    from repair.config import discover_config
    from repair.score.languagetool import forget_backends

    discover_config.cache_clear()
    forget_backends()
    forget_fingerprints()


def run_settings(
    config: Config | None, overrides: dict[str, Any], paths: tuple[str, ...]
) -> Config:
    """The settings of a run as a whole (``--config``, or those of the first path's folder,
    under the flags): they decide whether the run needs a LanguageTool server."""
    if config is None:
        first = Path(next((p for p in paths if p != "-"), "."))
        config = discover_config(first if first.is_dir() else first.parent)
    return config.with_options(overrides) if overrides else config


def _notice_skipped_grammar(output: Output, settings: Config) -> None:
    """Say once, on stderr, that LanguageTool checks were skipped, and why: only when the LT
    rules are in force."""
    notice = languagetool.skipped_notice(settings)
    if notice:
        output.notice(notice)


def _check_all(
    paths: tuple[str, ...],
    config: Config | None,
    overrides: dict[str, Any],
    stdin_filename: str | None,
    jobs: int,
    cache: bool,
    text_field: str,
    printer: _ResultPrinter,
) -> Iterator[FileResult | formats.PrintedResult]:
    files = [p for p in paths if p != "-" and not is_record_file(p)]
    if "-" in paths:
        yield _check_stdin(config, overrides, stdin_filename)
    for corpus in (p for p in paths if is_record_file(p)):
        replay.note_file(corpus)
        checked = check_records(
            corpus, text_field=text_field, config=config, options=overrides, jobs=jobs
        )
        yield from unless_unreadable(corpus, checked, _unreadable_corpus(corpus))
    if not files:
        return
    printing = printer.printing()
    documents = printer.needs_documents or corpus_consistency_applies(
        config=config, options=overrides, paths=files
    )
    if printing is not None and not documents:
        # Each file's lines are made in the worker that checked it, and only they travel
        # back; without documents, a file the cache knows unchanged is not even read.
        printed = map_checked(
            files, printing, config=config, options=overrides, jobs=jobs, cache=cache
        )
        yield from _with_progress(printed, files, config, "Checking")
        return
    results = check_paths(
        files, config=config, options=overrides, jobs=jobs, cache=cache, documents=documents
    )
    checked = _with_progress(results, files, config, "Checking")
    yield from add_corpus_consistency(checked, config=config, options=overrides)


def _unreadable_corpus(corpus: str) -> Callable[[str], FileResult]:
    return lambda reason: FileResult(corpus, error=reason)


# Below this many files a run is short enough to need no progress bar.
_PROGRESS_MIN_FILES = 50


def _with_progress(
    results: Iterator[T], paths: list[str], config: Config | None, label: str
) -> Iterator[T]:
    """The results, with a progress bar on stderr when it is a terminal and the run is long."""
    if not _is_terminal(sys.stderr):
        yield from results
        return
    total = len(expand_paths(paths, config=config))
    if total < _PROGRESS_MIN_FILES:
        yield from results
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=total)
        for result in results:
            progress.advance(task)
            yield result


def _is_terminal(stream: Any) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _check_stdin(
    config: Config | None, overrides: dict[str, Any], filename: str | None
) -> FileResult:
    try:
        doc = _read_stdin(filename)
    except DocumentError as error:
        return FileResult(error.path, error=error.problem)
    from repair.checker import check_document

    findings = check_document(doc, _stdin_config(config, overrides, filename))
    return FileResult(doc.display_path, tuple(findings), doc, doc)


@dataclass(frozen=True, slots=True)
class _Shown:
    """What a run prints besides errors: ``--statistics``, ``-q/--quiet``, ``-s/--silent``."""

    statistics: bool = False
    """The count of findings per code instead of the findings."""
    quiet: bool = False
    """The findings (or the diff) only: no summary."""
    silent: bool = False
    """Nothing on stdout."""

    @property
    def findings(self) -> bool:
        return not (self.silent or self.statistics)

    @property
    def summary(self) -> bool:
        return not (self.silent or self.quiet)


class _ResultPrinter:
    """Print each file's problems and findings as its result comes, and the totals at the end.

    Results are not held (a corpus may be larger than memory), except as finding records
    for the formats that are one document for the run (json, gitlab, junit, sarif).
    """

    def __init__(
        self, output: Output, output_format: str, unsafe: bool = False, shown: _Shown = _Shown()
    ) -> None:
        self.output = output
        self.output_format = output_format
        self.unsafe = unsafe
        self.shown = shown
        self.tally = formats.Tally()
        self.failures = 0
        self.records: list[dict[str, Any]] = []
        self.needs_texts = False
        self._printing = self.printing()
        self.without_grammar = 0
        self._grammar_problem = ""

    @property
    def needs_documents(self) -> bool:
        """Whether each result must carry its document: ``full`` quotes the text, and a
        baseline matches the text of each finding (:attr:`needs_texts`)."""
        return self.needs_texts or (self.output_format == "full" and self.shown.findings)

    def printing(self) -> Callable[[FileResult], formats.PrintedResult] | None:
        """What :meth:`add` makes of a result, as a function a worker process can run (see
        :func:`repair.api.map_checked`); ``None`` for the formats made of every record."""
        if self.output_format not in formats.STREAMED_FORMATS:
            return None
        return functools.partial(
            formats.printed_result,
            output_format=self.output_format,
            style=click.style if self.output.colour else None,
            unsafe=self.unsafe,
        )

    def add(self, result: FileResult | formats.PrintedResult, findings: bool = True) -> None:
        """Print a result, or what :meth:`printing` made of one; ``findings=False`` counts
        its findings without listing them."""
        if isinstance(result, FileResult):
            if self._printing is None and findings and result.error is None:
                self.records += formats.result_records(result)  # one document at the end
            if self._printing is None or not findings:  # counted, no lines to make
                result = formats.PrintedResult(
                    result.path, result.error, result.notice, (), formats.Tally.of(result)
                )
            else:
                result = self._printing(result)
        if result.error is not None:
            self.output.error(f"{formats.shown_path(result.path)}: {result.error}")
            self.failures += 1
            return
        if result.notice is not None and result.notice.startswith(languagetool.MISSING_PREFIX):
            # Said once for the run, at its end: a server down fails every file after it.
            self.without_grammar += 1
            self._grammar_problem = result.notice.removeprefix(languagetool.MISSING_PREFIX)
        elif result.notice is not None:
            self.output.notice(f"{formats.shown_path(result.path)}: {result.notice}")
        self.tally.merge(result.tally)
        if findings and result.lines and self.shown.findings:
            self.output.result("\n".join(result.lines))

    def warn_of_missing_grammar(self) -> None:
        """One line for the files left without grammar findings by a failing server."""
        if self.without_grammar:
            replay.cannot_replay("grammar findings were missing")
            self.output.warning(
                f"{languagetool.MISSING_PREFIX} in {self.without_grammar} file(s)"
                f"{self._grammar_problem}"
            )
            self.without_grammar = 0

    def finish(self) -> None:
        """The statistics, the document of every record, or the text summary line."""
        self.warn_of_missing_grammar()
        if self.shown.silent:
            return
        if self.shown.statistics:
            as_json = self.output_format == "json"
            for line in totals.statistics_lines(self.tally, as_json=as_json):
                self.output.result(line)
            return
        whole = _WHOLE_RUN_FORMATS.get(self.output_format)
        if whole is not None:
            self.output.result(whole(self.records))
            return
        if self.output_format in ("github", "json-lines") or not self.shown.summary:
            return
        line = totals.check_summary(self.tally, self.failures, unsafe=self.unsafe)
        clean = line.startswith("All clean")
        self.output.result(self.output.style(line, fg="green" if clean else None, bold=not clean))
        if self.tally.findings:
            self.output.result(formats.FIX_LEGEND)


def _json_array(records: list[dict[str, Any]]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2)


_WHOLE_RUN_FORMATS: dict[str, Callable[[list[dict[str, Any]]], str]] = {
    "json": _json_array,
    "gitlab": outputs.gitlab_report,
    "junit": outputs.junit_report,
    "sarif": outputs.sarif_report,
}


@main.command(epilog=f"Marks: {formats.FIX_LEGEND}")
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
    config, overrides = resolve_settings(options)
    if options["engine"] == "dask":
        if output_dir is None:
            raise click.UsageError("--engine dask needs --output DIR")
        summary = _on_dask(
            options,
            lambda dataset: dask_engine().fix_dataset(
                dataset,
                output_dir,
                text_column=text_field,
                config=config,
                options=overrides,
                unsafe=unsafe_fixes,
            ),
            paths,
        )
        _print_dask_summary(output, summary, f"Repaired into {output_dir}:")
        return
    if "-" in paths:
        if len(paths) > 1:
            others = ", ".join(p for p in paths if p != "-")
            raise click.UsageError(
                f"'-' fixes standard input and writes it to standard output; it cannot be "
                f"combined with other paths ({others})"
            )
        _fix_stdin(output, config, overrides, stdin_filename, unsafe_fixes, diff)
        return
    if output_dir is not None and not diff:
        _refuse_unsafe_outputs(paths, output_dir, config)
    shown = _Shown(quiet=quiet, silent=silent)
    with languagetool.serving(run_settings(config, overrides, paths)):
        _fix_paths_and_corpora(
            output,
            paths,
            (config, overrides),
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
    settings: tuple[Config | None, dict[str, Any]],
    diff: bool,
    unsafe_fixes: bool,
    output_dir: Path | None,
    exit_zero: bool,
    text_field: str,
    options: dict[str, Any],
    shown_as: tuple[_Shown, bool, bool],
) -> None:
    """The files and record corpora of ``repair fix``, fixed and reported."""
    config, overrides = settings
    shown, show_fixes, exit_non_zero_on_fix = shown_as
    results: Iterator[FileResult] = _fix_record_corpora(
        paths, output_dir, diff, config, overrides, unsafe_fixes, options["jobs"], text_field
    )
    files = [p for p in paths if not is_record_file(p)]
    if files:
        fixing = fix_paths(
            files,
            config=config,
            options=overrides,
            unsafe=unsafe_fixes,
            write=not diff,
            output_dir=output_dir,
            jobs=options["jobs"],
            cache=not options["no_cache"],
        )
        results = itertools.chain(results, _with_progress(fixing, files, config, "Fixing"))
    printer = _ResultPrinter(output, "text", unsafe=unsafe_fixes, shown=shown)
    for result in results:
        printer.add(result, findings=not diff)
        if diff and result.changed and shown.findings:
            output.result(formats.unified_diff(result), nl=False)
            _note_reencoding(output, result)
    if diff:
        printer.warn_of_missing_grammar()
        if shown.summary:
            output.notice_line(totals.diff_summary(printer.tally, unsafe=unsafe_fixes))
        if printer.failures:
            sys.exit(EXIT_ERROR)
        sys.exit(EXIT_FINDINGS if printer.tally.changed else EXIT_CLEAN)
    printer.warn_of_missing_grammar()
    _print_fix_summary(printer, output_dir, show_fixes)
    if printer.failures:
        sys.exit(EXIT_ERROR)
    if printer.tally.findings and not exit_zero:
        sys.exit(EXIT_FINDINGS)
    if printer.tally.changed and exit_non_zero_on_fix:
        sys.exit(EXIT_FINDINGS)


def _print_fix_summary(printer: _ResultPrinter, output_dir: Path | None, show_fixes: bool) -> None:
    """What ``fix`` fixed and left, then with ``--show-fixes`` the fixes by code."""
    lines: list[str] = []
    if printer.shown.summary:
        where = f" into {output_dir}" if output_dir else ""
        lines += totals.fix_summary(
            printer.tally, printer.failures, unsafe=printer.unsafe, where=where
        )
    if show_fixes and not printer.shown.silent:
        lines += totals.fixes_lines(printer.tally)
    for line in lines:
        printer.output.result(line)


def _fix_record_corpora(
    paths: tuple[str, ...],
    output_dir: Path | None,
    diff: bool,
    config: Config | None,
    overrides: dict[str, Any],
    unsafe: bool,
    jobs: int,
    text_field: str,
) -> Iterator[FileResult]:
    corpora = [p for p in paths if is_record_file(p)]
    if corpora and output_dir is None and not diff:
        raise click.UsageError("fixing a JSONL or Parquet corpus needs --output FILE (or DIR)")
    for corpus in corpora:
        target: Path | None = None
        if output_dir is not None and not diff:
            target = _corpus_target(corpus, output_dir, len(corpora))
        fixed = fix_records(
            corpus,
            output=target,
            text_field=text_field,
            config=config,
            options=overrides,
            unsafe=unsafe,
            jobs=jobs,
        )
        yield from unless_unreadable(corpus, fixed, _unreadable_corpus(corpus))


def _corpus_target(corpus: str, output_dir: Path, corpora: int) -> Path:
    """The file ``fix --output`` writes a record corpus to: the output itself, or a file of
    the corpus's name in it when it is a folder or several corpora are fixed."""
    into_folder = output_dir.is_dir() or corpora > 1
    return output_dir / Path(corpus).name if into_folder else output_dir


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
        target = _corpus_target(corpus, output_dir, len(corpora))
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


def _note_reencoding(output: Output, result: FileResult) -> None:
    if result.original is not None and any(f.code == "ENC001" for f in result.applied):
        output.result(
            f"# {result.path}: would be written as UTF-8 (was {result.original.encoding})"
        )


def _fix_stdin(
    output: Output,
    config: Config | None,
    overrides: dict[str, Any],
    filename: str | None,
    unsafe: bool,
    diff: bool,
) -> None:
    raw = sys.stdin.buffer.read()
    doc = decode(raw, filename or "-")
    settings = _stdin_config(config, overrides, filename)
    result = fix_document(doc, settings, unsafe=unsafe)
    if diff:
        outcome = FileResult(
            doc.display_path,
            tuple(result.remaining),
            doc.with_text(result.text),
            doc,
            result.applied,
            result.text,
        )
        output.result(formats.unified_diff(outcome), nl=False)
        output.notice_line(totals.diff_summary(formats.Tally.of(outcome), unsafe=unsafe))
        sys.exit(EXIT_FINDINGS if result.changed else EXIT_CLEAN)
    text = restore_newlines(result.text, doc.newline)
    sys.stdout.buffer.write(text.encode("utf-8"))
    if result.remaining:
        sys.exit(EXIT_FINDINGS)


@main.command(epilog=f"Marks: {formats.FIX_LEGEND}")
@click.argument("code", required=False)
@click.option(
    "--output-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a table or one rule's documentation; json: data.",
)
def rules(code: str | None, output_format: str) -> None:
    """List the rules, or explain one: repair rules QUO001 (or its name)."""
    from repair.registry import ALL_RULES, lookup

    output = Output()
    if code is not None:
        rule = lookup(code)
        if rule is None:
            output.error(f"unknown rule {code!r}; `repair rules` lists them")
            sys.exit(EXIT_ERROR)
        chosen = [rule]
    else:
        chosen = list(ALL_RULES)
    if output_format == "json":
        import json

        output.result(
            json.dumps(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "family": r.family,
                        "fix": r.fix.value,
                        "severity": r.severity.value,
                        "default": r.default,
                        "english_only": r.english_only,
                        "summary": r.summary,
                        "doc": r.doc,
                    }
                    for r in chosen
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    if code is not None:
        rule = chosen[0]
        default = "on by default" if rule.default else "off by default (select it to use it)"
        languages = "English text only" if rule.english_only else "text in any language"
        output.result(output.style(f"{rule.code} {rule.name}", bold=True))
        output.result(
            f"fix: {rule.fix.value}; severity: {rule.severity.value}; {default}; {languages}\n"
        )
        output.result(rule.doc)
        return
    for rule in chosen:
        off = "" if rule.default else " (off by default)"
        output.result(f"{rule.code} {rule_mark(rule):<3} {rule.name:<34} {rule.summary}{off}")
    output.result(f"\n{formats.FIX_LEGEND}")
    output.result(
        "A rule's mark is its best fix: some of its findings may have a weaker one "
        "(`repair rules CODE` says when, under Fix safety)."
    )


def rule_mark(rule: Rule) -> str:
    """The mark of a rule's best fix, as a finding shows it (see ``formats.FIX_LEGEND``),
    read from its documented Fix safety: "Safe ..." anywhere gives ``[*]``, else "Unsafe"
    gives ``[-]``, else no mark."""
    if rule.fix.value == "none":
        return ""
    safety = rule.section("Fix safety:")
    if re.search(r"\bSafe\b", safety):
        return "[*]"
    if re.search(r"\b[Uu]nsafe\b", safety):
        return "[-]"
    return ""


__all__ = ["main"]
