"""Findings as text lines, JSON objects or GitHub workflow annotations.

Renderers return strings and never print: the CLI decides where they go.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Any, Final, Literal

from repair.api import FileResult
from repair.document import Document
from repair.findings import Applicability, Finding

OutputFormat = Literal["text", "json", "github"]


def finding_record(path: str, doc: Document, finding: Finding) -> dict[str, Any]:
    """The JSON object of one finding; offsets index the text with ``\\n`` line endings."""
    return _record(path, finding, (*doc.position(finding.start), *doc.position(finding.end)))


def _record(path: str, finding: Finding, location: tuple[int, int, int, int]) -> dict[str, Any]:
    line, column, end_line, end_column = location
    fix = None
    if finding.fix is not None:
        fix = {
            "applicability": finding.fix.applicability.value,
            "title": finding.fix.title,
            "edits": [
                {"start": e.start, "end": e.end, "replacement": e.replacement}
                for e in finding.fix.edits
            ],
        }
    return {
        "path": path,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "code": finding.code,
        "message": finding.message,
        "severity": finding.severity.value,
        "fix": fix,
    }


def _fix_marker(finding: Finding, unsafe: bool) -> str:
    if finding.fix is None or (not finding.fix.edits and finding.code != "ENC001"):
        return ""
    if finding.fix.applicability is Applicability.SAFE:
        return " [*]"
    if finding.fix.applicability is Applicability.UNSAFE:
        return " [*]" if unsafe else " [-]"
    return ""


_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f]")


def shown_path(path: str) -> str:
    r"""``path`` with its control characters escaped, so that a file name with a newline
    stays on its one output line.

    >>> shown_path("a\nb.txt")
    'a\\nb.txt'
    """
    return _CONTROL.sub(lambda hit: hit.group().encode("unicode_escape").decode(), path)


def result_text_lines(result: FileResult, *, style: Any = None, unsafe: bool = False) -> list[str]:
    """``path:line:col: CODE message`` lines of one file's findings; ``[*]`` marks a fix
    ``repair fix`` applies, ``[-]`` one only ``--unsafe-fixes`` applies."""
    if result.error is not None or not result.findings:
        return []
    lines = []
    for index, finding in enumerate(result.findings):
        line, column, _, _ = result.location(index)
        where = f"{shown_path(result.path)}:{line}:{column}:"
        code = finding.code
        if style is not None:
            where = style(where, bold=True)
            code = style(code, fg="red" if finding.severity.value == "error" else "yellow")
        lines.append(f"{where} {code} {finding.message}{_fix_marker(finding, unsafe)}")
    return lines


def result_records(result: FileResult) -> list[dict[str, Any]]:
    """The JSON objects (:func:`finding_record`) of one file's findings."""
    return [
        _record(result.path, finding, result.location(index))
        for index, finding in enumerate(result.findings)
    ]


def _github_escape(value: str, *, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def result_github_lines(result: FileResult) -> list[str]:
    """GitHub Actions workflow commands, one annotation per finding of one file."""
    return [
        _github_line(result.path, finding, result.location(index))
        for index, finding in enumerate(result.findings)
    ]


def _github_line(path: str, finding: Finding, location: tuple[int, int, int, int]) -> str:
    line, column, end_line, end_column = location
    level = {"error": "error", "warning": "warning"}.get(finding.severity.value, "notice")
    props = ",".join(
        [
            f"file={_github_escape(path, property_value=True)}",
            f"line={line}",
            f"col={column}",
            f"endLine={end_line}",
            f"endColumn={end_column}",
            f"title={_github_escape(finding.code, property_value=True)}",
        ]
    )
    return f"::{level} {props}::{_github_escape(finding.code + ' ' + finding.message)}"


def unified_diff(result: FileResult) -> str:
    """The diff ``repair fix`` would apply to one file (empty when nothing changes)."""
    if result.original is None or result.fixed_text is None:
        return ""
    before = result.original.text.splitlines(keepends=True)
    after = result.fixed_text.splitlines(keepends=True)
    import difflib  # only for --diff

    shown = shown_path(result.path)
    diff = difflib.unified_diff(before, after, f"a/{shown}", f"b/{shown}")
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in diff
    )


@dataclass
class Tally:
    """Counts of a batch's results, kept as they stream by so that none must be held."""

    checked: int = 0
    """Files read and checked (not those with an error)."""
    findings: int = 0
    files_with_findings: int = 0
    safe: int = 0
    unsafe: int = 0
    changed: int = 0
    applied: int = 0

    @classmethod
    def of(cls, result: FileResult) -> Tally:
        """The counts of one result."""
        tally = cls()
        tally.add(result)
        return tally

    def merge(self, other: Tally) -> None:
        """Add the counts of ``other`` to these."""
        for field in fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))

    def add(self, result: FileResult) -> None:
        if result.error is not None:
            return
        self.checked += 1
        if result.findings:
            self.files_with_findings += 1
            self.findings += len(result.findings)
            for finding in result.findings:
                if finding.fix is not None:
                    if finding.fix.applicability is Applicability.SAFE:
                        self.safe += 1
                    elif finding.fix.applicability is Applicability.UNSAFE:
                        self.unsafe += 1
        if result.changed:
            self.changed += 1
        self.applied += len(result.applied)


@dataclass(frozen=True, slots=True)
class PrintedResult:
    """One file's result as a batch run prints it: the lines, and the counts for the totals.

    Made where the file was checked (see :func:`repair.api.map_checked`), so that only
    these strings and numbers travel to the process that prints them.
    """

    path: str
    error: str | None
    notice: str | None
    lines: tuple[str, ...]
    tally: Tally


def printed_result(
    result: FileResult, *, output_format: str, style: Any = None, unsafe: bool = False
) -> PrintedResult:
    """The ``text`` or ``github`` lines of one result and its counts."""
    if output_format == "github":
        lines = result_github_lines(result)
    elif output_format == "text":
        lines = result_text_lines(result, style=style, unsafe=unsafe)
    else:
        raise ValueError(f"printed results are text or github, not {output_format}")
    return PrintedResult(result.path, result.error, result.notice, tuple(lines), Tally.of(result))
