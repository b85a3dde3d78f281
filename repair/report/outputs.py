"""The whole-run output formats of ``repair check``: GitLab Code Quality, JUnit XML, SARIF.

Each is one document for the whole run, made at the end from the finding records of
:func:`repair.report.formats.result_records` (the ``json`` objects), so that every format
says the same thing. Renderers return strings and never print: the CLI decides where they go.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final
from xml.etree import ElementTree

from repair import __version__

_GITLAB_SEVERITY: Final = {"error": "major", "warning": "minor"}
_SARIF_LEVEL: Final = {"error": "error", "warning": "warning"}
SARIF_SCHEMA: Final = "https://json.schemastore.org/sarif-2.1.0.json"


def fingerprint(record: Mapping[str, Any]) -> str:
    """A stable id of a finding for GitLab: its file, code, message and place.

    >>> fingerprint({"path": "a.txt", "code": "ENC005", "message": "m", "line": 1, "column": 3})
    '592718487a168d524b22da8c1e74a730'
    """
    key = "\0".join(str(record[k]) for k in ("path", "code", "message", "line", "column"))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def gitlab_report(records: Iterable[Mapping[str, Any]]) -> str:
    """A GitLab Code Quality report: a JSON array of issues (``artifacts:reports:codequality``)."""
    issues = [
        {
            "description": f"{record['code']} {record['message']}",
            "check_name": record["code"],
            "fingerprint": fingerprint(record),
            "severity": _GITLAB_SEVERITY.get(record["severity"], "info"),
            "location": {
                "path": record["path"],
                "lines": {"begin": record["line"], "end": record["end_line"]},
            },
        }
        for record in records
    ]
    return json.dumps(issues, ensure_ascii=False, indent=2)


def junit_report(records: Sequence[Mapping[str, Any]]) -> str:
    """JUnit XML: a test suite per file, a failed test case per finding (as ruff writes it)."""
    by_path: dict[str, list[Mapping[str, Any]]] = {}
    for record in records:
        by_path.setdefault(record["path"], []).append(record)
    root = ElementTree.Element(
        "testsuites", name="repair", tests=str(len(records)), failures=str(len(records))
    )
    for path, findings in by_path.items():
        suite = ElementTree.SubElement(
            root, "testsuite", name=path, tests=str(len(findings)), failures=str(len(findings))
        )
        for record in findings:
            case = ElementTree.SubElement(
                suite,
                "testcase",
                name=f"org.repair.{record['code']}",
                classname=path,
                line=str(record["line"]),
                column=str(record["column"]),
            )
            failure = ElementTree.SubElement(case, "failure", message=record["message"])
            failure.text = f"line {record['line']}, col {record['column']}, {record['message']}"
    ElementTree.indent(root)
    body = ElementTree.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body


def _sarif_rules(codes: Iterable[str]) -> list[dict[str, Any]]:
    from repair.registry import lookup

    rules = []
    for code in sorted(codes):
        rule = lookup(code)
        entry: dict[str, Any] = {"id": code}
        if rule is not None:
            entry["name"] = rule.name
            entry["shortDescription"] = {"text": rule.summary}
            entry["fullDescription"] = {"text": rule.doc}
            entry["properties"] = {"fix": rule.fix.value}
        rules.append(entry)
    return rules


def _sarif_result(record: Mapping[str, Any], rule_index: int) -> dict[str, Any]:
    return {
        "ruleId": record["code"],
        "ruleIndex": rule_index,
        "level": _SARIF_LEVEL.get(record["severity"], "note"),
        "message": {"text": record["message"]},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": Path(record["path"]).as_posix()},
                    "region": {
                        "startLine": record["line"],
                        "startColumn": record["column"],
                        "endLine": record["end_line"],
                        "endColumn": record["end_column"],
                    },
                }
            }
        ],
    }


def sarif_report(records: Sequence[Mapping[str, Any]]) -> str:
    """A SARIF 2.1.0 log of one run, with the rules its findings name."""
    rules = _sarif_rules({record["code"] for record in records})
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "repair",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "results": [_sarif_result(r, index[r["code"]]) for r in records],
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)


__all__ = ["SARIF_SCHEMA", "fingerprint", "gitlab_report", "junit_report", "sarif_report"]
