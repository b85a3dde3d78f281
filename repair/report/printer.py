"""The result printer of ``check`` and ``fix``: each file's problems and findings as its
result comes, the notices of the run, and the totals, statistics or whole-run document at
the end.

It writes through a :class:`Sink` (the command line's ``Output``): where the lines go, and
in which colour, is the command line's business.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from repair import inputs, languagetool
from repair.api import FileFix, FileResult
from repair.report import formats, outputs, totals
from repair.report.json_stream import JsonArrayStream

_LINES_AT_ONCE = 4096
"""How many of a result's lines are written in one go."""


class Sink(Protocol):
    """Where a printer writes: results on stdout (or ``--output-file``), the rest on stderr."""

    def style(self, text: str, **styles: Any) -> str: ...
    def styler(self) -> Callable[..., str] | None: ...
    def result(self, text: str = "", nl: bool = True) -> None: ...
    def error(self, text: str) -> None: ...
    def notice(self, text: str) -> None: ...
    def warning(self, text: str) -> None: ...


@dataclass(frozen=True, slots=True)
class Shown:
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


class ResultPrinter:
    """Print each file's problems and findings as its result comes, and the totals at the end.

    Results are not held (a corpus may be larger than memory), except as finding records
    for the formats that are one document for the run (gitlab, junit, sarif); json is
    written as the results come (:class:`~repair.report.json_stream.JsonArrayStream`).
    """

    def __init__(
        self, output: Sink, output_format: str, unsafe: bool = False, shown: Shown = Shown()
    ) -> None:
        self.output = output
        self.output_format = output_format
        self.unsafe = unsafe
        self.shown = shown
        self.tally = formats.Tally()
        self.failures = 0
        self.records: list[dict[str, Any]] = []
        self._json_array = (
            JsonArrayStream(functools.partial(output.result, nl=False))
            if output_format == "json" and shown.findings
            else None
        )
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
            style=self.output.styler(),
            unsafe=self.unsafe,
        )

    def add(self, result: FileResult | formats.PrintedResult, findings: bool = True) -> None:
        """Print a result, or what :meth:`printing` made of one; ``findings=False`` counts
        its findings without listing them."""
        if isinstance(result, FileResult):
            if self._printing is None and findings and result.error is None:
                if self._json_array is not None:
                    self._json_array.add(formats.result_records(result))
                elif self.shown.findings:
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
            # In slices: a big file's hundreds of thousands of lines joined at once would
            # hold their text twice more (the string, then its bytes).
            for start in range(0, len(result.lines), _LINES_AT_ONCE):
                self.output.result("\n".join(result.lines[start : start + _LINES_AT_ONCE]))

    def warn_of_missing_grammar(self) -> None:
        """One line for the files left without grammar findings by a failing server."""
        if self.without_grammar:
            inputs.note_untracked("grammar findings were missing")
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
        if self._json_array is not None:
            self._json_array.close()
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


_WHOLE_RUN_FORMATS: dict[str, Callable[[list[dict[str, Any]]], str]] = {
    "gitlab": outputs.gitlab_report,
    "junit": outputs.junit_report,
    "sarif": outputs.sarif_report,
}


def print_fix_summary(printer: ResultPrinter, output_dir: Path | None, show_fixes: bool) -> None:
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


def note_reencoding(output: Sink, result: FileFix) -> None:
    if result.original is not None and any(f.code == "ENC001" for f in result.applied):
        output.result(
            f"# {result.path}: would be written as UTF-8 (was {result.original.encoding})"
        )
