"""The closing lines of ``check`` and ``fix``: what was checked, found, fixed and failed.

A summary never says "All clean" when a file could not be read or a fix changed one: it
says what happened. Records of a JSONL or Parquet corpus are counted as records.
"""

from __future__ import annotations

import json

from repair.report.formats import Tally


def plural(count: int, noun: str) -> str:
    """``count`` and ``noun``, with an ``s`` unless there is one.

    >>> plural(1, "finding"), plural(3, "finding")
    ('1 finding', '3 findings')
    """
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def documents(tally: Tally, count: int | None = None) -> str:
    """``count`` (default: all checked) with the name of what was checked: file(s),
    record(s), or both.

    >>> documents(Tally(checked=3)), documents(Tally(checked=970, records=970), 7)
    ('3 file(s)', '7 record(s)')
    >>> documents(Tally(checked=5, records=2))
    '5 documents (3 file(s), 2 record(s))'
    """
    shown = tally.checked if count is None else count
    if tally.records == 0:
        return f"{shown} file(s)"
    if tally.records == tally.checked:
        return f"{shown} record(s)"
    return f"{shown} documents ({tally.checked - tally.records} file(s), {tally.records} record(s))"


def _could_not(failures: int, *, written: bool = False) -> str:
    done = "read, checked or written" if written else "read or checked"
    return f"{failures} could not be {done} (see the errors above)"


def check_summary(tally: Tally, failures: int, *, unsafe: bool = False) -> str:
    """The last line of ``repair check``; it starts "All clean" only when it is."""
    if not tally.findings:
        if not failures:
            return f"All clean: {documents(tally)} checked."
        if not tally.checked:
            return f"Nothing checked: {_could_not(failures)}."
        return f"No finding in {documents(tally)} checked; {_could_not(failures)}."
    line = f"Found {tally.findings} finding(s) in {tally.files_with_findings} of {documents(tally)}"
    extras = []
    if tally.safe:
        extras.append(f"{tally.safe} fixable with `repair fix`")
    if tally.unsafe and not unsafe:
        extras.append(f"{tally.unsafe} more with `repair fix --unsafe-fixes`")
    if extras:
        line += f" ({'; '.join(extras)})"
    if failures:
        line += f"; {_could_not(failures)}"
    return line + "."


def fix_summary(tally: Tally, failures: int, *, unsafe: bool = False, where: str = "") -> list[str]:
    """The closing lines of ``repair fix``: what it fixed, what remains, what failed."""
    if not tally.applied and not tally.findings and not failures:
        return [f"All clean: {documents(tally)} checked, nothing to fix."]
    lines = [f"Fixed {tally.applied} finding(s) in {documents(tally, tally.changed)}{where}."]
    if tally.findings:
        left = (
            f"{tally.findings} finding(s) remain in {tally.files_with_findings} of "
            f"{documents(tally)}"
        )
        if tally.unsafe and not unsafe:
            left += f" ({tally.unsafe} fixable with `repair fix --unsafe-fixes`)"
        lines.append(left + ".")
    if failures:
        lines.append(f"Not fixed: {_could_not(failures, written=True)}.")
    return lines


def diff_summary(tally: Tally, *, unsafe: bool = False) -> str:
    """The line ``repair fix --diff`` ends with: how many fixes the diff holds, and how many
    more ``--unsafe-fixes`` would add.

    >>> diff_summary(Tally(applied=2, unsafe=1))
    'Would fix 2 findings (1 more with --unsafe-fixes).'
    >>> diff_summary(Tally(applied=0))
    'Nothing to fix.'
    """
    more = tally.unsafe if not unsafe else 0
    if not tally.applied and not more:
        return "Nothing to fix."
    line = f"Would fix {plural(tally.applied, 'finding')}"
    if more:
        line += f" ({more} more with --unsafe-fixes)"
    return line + "."


def _rule_name(code: str) -> str:
    from repair.registry import lookup

    rule = lookup(code)
    return rule.name if rule is not None else ""


def _mark(tally: Tally, code: str) -> str:
    if tally.safe_codes[code]:
        return "[*]"
    return "[-]" if tally.unsafe_codes[code] else ""


def statistics_lines(tally: Tally, *, as_json: bool = False) -> list[str]:
    """``check --statistics``: each code's findings, most first, with the mark of its best
    fix and how many a safe and an unsafe fix would fix; or the same as one JSON array."""
    ranked = sorted(tally.codes.items(), key=lambda item: (-item[1], item[0]))
    if as_json:
        rows = [
            {
                "code": code,
                "name": _rule_name(code),
                "count": count,
                "safe_fixes": tally.safe_codes[code],
                "unsafe_fixes": tally.unsafe_codes[code],
            }
            for code, count in ranked
        ]
        return [json.dumps(rows, ensure_ascii=False, indent=2)]
    width = max((len(str(count)) for _, count in ranked), default=1)
    lines = []
    for code, count in ranked:
        fixable = []
        if tally.safe_codes[code]:
            fixable.append(f"{tally.safe_codes[code]} safe")
        if tally.unsafe_codes[code]:
            fixable.append(f"{tally.unsafe_codes[code]} unsafe")
        line = f"{count:>{width}}  {code:<7}{_mark(tally, code):<4}{_rule_name(code):<34}"
        lines.append((line + (" fixes: " + ", ".join(fixable) if fixable else "")).rstrip())
    return lines


def fixes_lines(tally: Tally) -> list[str]:
    """``fix --show-fixes``: how many findings of each code the fixes removed, most first."""
    if not tally.applied_codes:
        return ["No fix applied."]
    ranked = sorted(tally.applied_codes.items(), key=lambda item: (-item[1], item[0]))
    width = max(len(str(count)) for _, count in ranked)
    lines = ["Fixes applied, by code:"]
    lines += [
        f"  {count:>{width}} \N{MULTIPLICATION SIGN} {code} ({_rule_name(code)})"
        for code, count in ranked
    ]
    return lines


__all__ = [
    "check_summary",
    "diff_summary",
    "documents",
    "fix_summary",
    "fixes_lines",
    "plural",
    "statistics_lines",
]
