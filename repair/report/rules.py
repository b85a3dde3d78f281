"""``repair rules``: the table of rules, one rule's page, and the rules as JSON data."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable

from repair.report.formats import FIX_LEGEND
from repair.rules.base import Rule


def rules_json(rules: Iterable[Rule]) -> str:
    """The rules as a JSON array: code, name, family, fix, severity, defaults, docs."""
    return json.dumps(
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
            for r in rules
        ],
        ensure_ascii=False,
        indent=2,
    )


def rule_page(rule: Rule, style: Callable[..., str]) -> list[str]:
    """One rule's documentation: its code and name, what it is, and its docstring."""
    default = "on by default" if rule.default else "off by default (select it to use it)"
    languages = "English text only" if rule.english_only else "text in any language"
    return [
        style(f"{rule.code} {rule.name}", bold=True),
        f"fix: {rule.fix.value}; severity: {rule.severity.value}; {default}; {languages}\n",
        rule.doc,
    ]


def rules_table(rules: Iterable[Rule]) -> list[str]:
    """One line per rule (code, fix mark, name, summary), then the legend of the marks."""
    lines = []
    for rule in rules:
        off = "" if rule.default else " (off by default)"
        lines.append(f"{rule.code} {rule_mark(rule):<3} {rule.name:<34} {rule.summary}{off}")
    lines.append(f"\n{FIX_LEGEND}")
    lines.append(
        "A rule's mark is its best fix: some of its findings may have a weaker one "
        "(`repair rules CODE` says when, under Fix safety)."
    )
    return lines


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
