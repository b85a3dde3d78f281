"""Findings as text lines, JSON objects or GitHub workflow annotations.

Renderers return strings and never print: the CLI decides where they go.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, fields
from dataclasses import field as default_of
from typing import Any, Final, Literal

from repair.api import FileFix, FileResult
from repair.document import Document
from repair.findings import Applicability, Finding
from repair.records import is_record_file
from repair.windows import merges_by_window

OutputFormat = Literal[
    "concise", "full", "json", "json-lines", "github", "gitlab", "junit", "sarif", "text"
]
"""``check --output-format``; ``text`` is the old name of ``concise``."""

STREAMED_FORMATS: Final = frozenset({"concise", "text", "full", "json-lines", "github"})
"""Formats printed file by file as results come; the others are one document at the end."""

FIX_LEGEND: Final = (
    "[*] a safe fix: `repair fix` applies it; [-] an unsafe fix: only "
    "`repair fix --unsafe-fixes` applies it; no mark: no fix, the text needs a reader."
)
"""What the marks after a finding (and a rule in ``repair rules``) mean: shown the same in
``check`` output, ``repair rules`` and ``--help``."""


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
    """``path:line:col: CODE message`` lines of one file's findings, each with its mark
    (:data:`FIX_LEGEND`); with ``unsafe`` (``fix --unsafe-fixes``) unsafe fixes count as
    applied and get ``[*]``."""
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


def result_full_lines(result: FileResult, *, style: Any = None, unsafe: bool = False) -> list[str]:
    """Each finding's ``concise`` line, then its line of text with a caret under the span
    (to the end of the line when the span runs on); invisible characters are spelled
    ``<U+XXXX>``, as in ``fix --diff``."""
    concise = result_text_lines(result, style=style, unsafe=unsafe)
    doc = result.document
    if doc is None:
        return concise
    lines = []
    for index, (finding, heading) in enumerate(zip(result.findings, concise, strict=True)):
        line = result.location(index)[0]
        start = doc.text.rfind("\n", 0, finding.start) + 1
        end = doc.text.find("\n", finding.start)
        end = len(doc.text) if end < 0 else end
        text = doc.text[start:end]
        before = visible(text[: finding.start - start])
        marked = visible(text[finding.start - start : max(finding.end, finding.start) - start])
        gutter = " " * len(str(line))
        carets = "^" * max(1, len(marked))
        if style is not None:
            carets = style(carets, fg="red", bold=True)
        lines += [heading, f"{gutter} |", f"{line} | {visible(text)}"]
        lines += [f"{gutter} | {' ' * len(before)}{carets}", ""]
    return lines


def result_json_lines(result: FileResult) -> list[str]:
    """One JSON object (:func:`finding_record`) a line, for ``--output-format json-lines``."""
    return [json.dumps(record, ensure_ascii=False) for record in result_records(result)]


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


def unified_diff(result: FileFix) -> str:
    """The diff ``repair fix`` would apply to one file (empty when nothing changes)."""
    if result.original is None or result.fixed_text is None:
        return ""
    before = result.original.text.splitlines(keepends=True)
    after = result.fixed_text.splitlines(keepends=True)
    import difflib  # only for --diff

    shown = shown_path(result.path)
    diff = difflib.unified_diff(before, after, f"a/{shown}", f"b/{shown}")
    return "".join(
        _visible_diff_line(line)
        if line.endswith("\n")
        else _visible_diff_line(line) + "\n\\ No newline at end of file\n"
        for line in diff
    )


# Characters a reader cannot see or tell from a space: shown as <U+XXXX>, as a pager shows
# them in `git diff`, so that a line whose only change is one of them does not look unchanged.
_INVISIBLE_CATEGORIES: Final = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Cn"})
_SHOWN_AS_IS: Final = frozenset(" \t\n")


def visible(text: str) -> str:
    """``text`` with control, format and space characters other than space, tab and newline
    spelled ``<U+XXXX>``.

    >>> visible("a\\N{NO-BREAK SPACE}b\\N{ZERO WIDTH SPACE}c\\x84 d\\tend\\n")
    'a<U+00A0>b<U+200B>c<U+0084> d\\tend\\n'
    """
    if text.isascii() and text.isprintable():
        return text
    return "".join(
        f"<U+{ord(char):04X}>"
        if char not in _SHOWN_AS_IS and unicodedata.category(char) in _INVISIBLE_CATEGORIES
        else char
        for char in text
    )


def _visible_diff_line(line: str) -> str:
    body = line[:-1] if line.endswith("\n") else line
    return visible(body) + line[len(body) :]


def is_record_name(path: str) -> bool:
    """Whether ``path`` names a record of a corpus (``news.jsonl[12]``), not a file.

    >>> is_record_name("news.jsonl[12]"), is_record_name("notes[1].txt")
    (True, False)
    """
    if not path.endswith("]") or "[" not in path:
        return False
    return is_record_file(path[: path.rindex("[")])


@dataclass
class Tally:
    """Counts of a batch's results, kept as they stream by so that none must be held."""

    checked: int = 0
    """Files and records read and checked (not those with an error)."""
    records: int = 0
    """How many of ``checked`` are records of a JSONL or Parquet corpus, not files."""
    findings: int = 0
    files_with_findings: int = 0
    """Files and records with a finding."""
    safe: int = 0
    unsafe: int = 0
    changed: int = 0
    applied: int = 0
    codes: Counter[str] = default_of(default_factory=Counter)
    """Findings by code, for ``--statistics``."""
    safe_codes: Counter[str] = default_of(default_factory=Counter)
    """Findings with a safe fix, by code."""
    unsafe_codes: Counter[str] = default_of(default_factory=Counter)
    """Findings with an unsafe fix, by code."""
    applied_codes: Counter[str] = default_of(default_factory=Counter)
    """Fixes applied, by code, for ``fix --show-fixes``."""

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
        if is_record_name(result.path):
            self.records += 1
        if result.findings:
            self.files_with_findings += 1
            self.findings += len(result.findings)
            for finding in result.findings:
                self.codes[finding.code] += 1
                if finding.fix is not None:
                    if finding.fix.applicability is Applicability.SAFE:
                        self.safe += 1
                        self.safe_codes[finding.code] += 1
                    elif finding.fix.applicability is Applicability.UNSAFE:
                        self.unsafe += 1
                        self.unsafe_codes[finding.code] += 1
        if result.changed:
            self.changed += 1
        self.applied += len(result.applied)
        self.applied_codes.update(finding.code for finding in result.applied)


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


@merges_by_window
def printed_result(
    result: FileResult, *, output_format: str, style: Any = None, unsafe: bool = False
) -> PrintedResult:
    """The lines of one result in a streamed format (:data:`STREAMED_FORMATS`), and its
    counts."""
    if output_format == "github":
        lines = result_github_lines(result)
    elif output_format in ("text", "concise"):
        lines = result_text_lines(result, style=style, unsafe=unsafe)
    elif output_format == "full":
        lines = result_full_lines(result, style=style, unsafe=unsafe)
    elif output_format == "json-lines":
        lines = result_json_lines(result)
    else:
        raise ValueError(f"{output_format} is not printed file by file")
    return PrintedResult(result.path, result.error, result.notice, tuple(lines), Tally.of(result))
