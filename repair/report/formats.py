"""Findings as text lines, JSON objects or GitHub workflow annotations.

Renderers return strings and never print: the CLI decides where they go.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal

from repair.api import FileResult
from repair.document import Document
from repair.findings import Applicability, Finding

OutputFormat = Literal["text", "json", "github"]


def finding_record(path: str, doc: Document, finding: Finding) -> dict[str, Any]:
    """The JSON object of one finding; offsets index the text with ``\\n`` line endings."""
    line, column = doc.position(finding.span.start)
    end_line, end_column = doc.position(finding.span.end)
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


def _each_finding(results: Iterable[FileResult]) -> Iterator[tuple[FileResult, Document, Finding]]:
    """Every finding of the results that have a document, with its result and document."""
    for result in results:
        if result.document is not None:
            for finding in result.findings:
                yield result, result.document, finding


def text_lines(
    results: Iterable[FileResult], *, style: Any = None, unsafe: bool = False
) -> list[str]:
    """``path:line:col: CODE message`` lines; ``[*]`` marks a fix ``repair fix`` applies."""
    paint = style or (lambda text, **_: text)
    lines = []
    for result, doc, finding in _each_finding(results):
        line, column = doc.position(finding.span.start)
        where = paint(f"{result.path}:{line}:{column}:", bold=True)
        code = paint(finding.code, fg="red" if finding.severity.value == "error" else "yellow")
        lines.append(f"{where} {code} {finding.message}{_fix_marker(finding, unsafe)}")
    return lines


def json_report(results: Iterable[FileResult]) -> str:
    records = [
        finding_record(result.path, doc, finding) for result, doc, finding in _each_finding(results)
    ]
    return json.dumps(records, ensure_ascii=False, indent=2)


def _github_escape(value: str, *, property_value: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def github_lines(results: Iterable[FileResult]) -> list[str]:
    """GitHub Actions workflow commands, one annotation per finding."""
    lines = []
    for result, doc, finding in _each_finding(results):
        line, column = doc.position(finding.span.start)
        end_line, end_column = doc.position(finding.span.end)
        level = {"error": "error", "warning": "warning"}.get(finding.severity.value, "notice")
        props = ",".join(
            [
                f"file={_github_escape(result.path, property_value=True)}",
                f"line={line}",
                f"col={column}",
                f"endLine={end_line}",
                f"endColumn={end_column}",
                f"title={_github_escape(finding.code, property_value=True)}",
            ]
        )
        lines.append(f"::{level} {props}::{_github_escape(finding.code + ' ' + finding.message)}")
    return lines


def unified_diff(result: FileResult) -> str:
    """The diff ``repair fix`` would apply to one file (empty when nothing changes)."""
    if result.original is None or result.fixed_text is None:
        return ""
    before = result.original.text.splitlines(keepends=True)
    after = result.fixed_text.splitlines(keepends=True)
    diff = difflib.unified_diff(before, after, f"a/{result.path}", f"b/{result.path}")
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in diff
    )


def summary_counts(results: Sequence[FileResult]) -> tuple[int, int, int, int]:
    """(findings, files with findings, safely fixable, fixable with unsafe fixes)."""
    findings = [f for r in results for f in r.findings]
    files = sum(1 for r in results if r.findings)
    safe = sum(
        1 for f in findings if f.fix is not None and f.fix.applicability is Applicability.SAFE
    )
    unsafe = sum(
        1 for f in findings if f.fix is not None and f.fix.applicability is Applicability.UNSAFE
    )
    return len(findings), files, safe, unsafe
