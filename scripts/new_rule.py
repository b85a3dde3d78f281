"""Print the first version of a new rule: its pattern, its function with the five docstring
headings, and its ``Rule(...)`` line, ready to paste into ``repair/rules/<family>.py``.

The rule it prints reports each match of ``--pattern`` and has no fix yet: the fix and its
safety come after measuring (CONTRIBUTING.md, step 4). The script refuses a code or a name
already in use, a pattern that misses the Bad example or matches the Good one.

Usage:
    python scripts/new_rule.py PUN006 spaced-slash --pattern '\\b\\w+ / \\w+\\b' \\
        --bad 'The north / south line reopened.' --good 'The north/south line reopened.' \\
        --summary 'Slash set off by spaces between two words' [--module]

``--module`` prints a whole module (imports and ``RULES``) instead of the pieces.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap

from repair.registry import RULES_BY_CODE, RULES_BY_NAME

_CODE = re.compile(r"[A-Z]{2,3}\d{3}")
_NAME = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")

_IMPORTS = """\
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from repair.document import Document
from repair.findings import Hit, Span
from repair.rules.base import CheckContext, FixAvailability, Rule
"""

_FUNCTION = '''\
{constant}: Final = re.compile({pattern})


def {function}(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """{summary}.

    What it catches:
        Text that matches the pattern above. Say what the defect looks like, what makes it
        and what the pattern leaves alone on purpose.
    Why:
        Say how it harms a reader, a search index or a metric.
    Bad:
        {bad}
    Good:
        {good}
    Fix safety:
        No fix yet: measure it first with benchmarks/damage.py and benchmarks/precision.py.
    """
    for match in {constant}.finditer(doc.text):
        yield Hit(
            f'{summary} in "{{match[0]}}"',
            Span(match.start(), match.end()),
        )
'''

_RULE = 'Rule("{code}", "{name}", {function}, FixAvailability.NONE)'


def _python_string(pattern: str) -> str:
    r"""The pattern as a raw string literal where one can hold it.

    >>> print(_python_string(r"\b\w+ / \w+\b"), _python_string('say "x"'))
    r"\b\w+ / \w+\b" 'say "x"'
    """
    if '"' in pattern or pattern.endswith("\\"):
        return repr(pattern)
    return f'r"{pattern}"'


def render(code: str, name: str, pattern: str, bad: str, good: str, summary: str) -> str:
    """The function and its ``Rule`` line (see the module's docstring)."""
    function = name.replace("-", "_")
    fields = {
        "code": code,
        "name": name,
        "function": function,
        "constant": "_" + function.upper(),
        "pattern": _python_string(pattern),
        "bad": bad,
        "good": good,
        "summary": summary.rstrip("."),
    }
    rule = _RULE.format(**fields)
    return (
        _FUNCTION.format(**fields)
        + f"\n\n# In the module's RULES tuple (repair/registry.py lists the tuple):\n#   {rule},\n"
    )


def render_module(code: str, name: str, pattern: str, bad: str, good: str, summary: str) -> str:
    """A whole module holding the rule: imports, the rule, ``RULES``."""
    function = name.replace("-", "_")
    rule = _RULE.format(code=code, name=name, function=function)
    body = render(code, name, pattern, bad, good, summary).split("\n\n# In the module's")[0]
    docstring = f'"""{code} {name}: {summary.rstrip(".")}."""\n\n'
    return f"{docstring}{_IMPORTS}\n\n{body}\n\nRULES: Final[tuple[Rule, ...]] = ({rule},)\n"


def problems(code: str, name: str, pattern: str, bad: str, good: str) -> list[str]:
    """Why these arguments cannot make a rule; empty when they can."""
    found = []
    if not _CODE.fullmatch(code):
        found.append(f"{code}: a code is a family prefix and three digits (PUN006)")
    elif code in RULES_BY_CODE:
        found.append(f"{code} is in use ({RULES_BY_CODE[code].name}); a code is never reused")
    if not _NAME.fullmatch(name):
        found.append(f"{name}: a name is kebab-case (spaced-slash)")
    elif name in RULES_BY_NAME:
        found.append(f"{name} is in use ({RULES_BY_NAME[name].code})")
    try:
        compiled = re.compile(pattern)
    except re.error as error:
        return [*found, f"the pattern does not compile: {error}"]
    if not compiled.search(bad):
        found.append("the pattern does not match the Bad example")
    if compiled.search(good):
        found.append("the pattern matches the Good example")
    for label, example in (("Bad", bad), ("Good", good)):
        if "\n" in example or '"""' in example:
            found.append(f"the {label} example must be one line without triple quotes")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("code", help="family prefix and number, e.g. PUN006")
    parser.add_argument("name", help="kebab-case name of the defect, e.g. spaced-slash")
    parser.add_argument("--pattern", required=True, help="a Python regular expression")
    parser.add_argument("--bad", required=True, help="an invented line the rule must flag")
    parser.add_argument("--good", required=True, help="an invented line it must leave alone")
    parser.add_argument("--summary", default=None, help="one line: the defect (default: name)")
    parser.add_argument("--module", action="store_true", help="print a whole module")
    args = parser.parse_args(argv)
    summary = args.summary or args.name.replace("-", " ").capitalize()
    found = problems(args.code, args.name, args.pattern, args.bad, args.good)
    if found:
        for problem in found:
            print(f"error: {problem}", file=sys.stderr)
        return 2
    make = render_module if args.module else render
    print(make(args.code, args.name, args.pattern, args.bad, args.good, summary), end="")
    if not args.module:
        print(
            textwrap.dedent(f"""
                # Next (CONTRIBUTING.md): tests/fixtures/<family>/{args.code}.txt from real lines,
                # REPAIR_UPDATE_GOLDEN=1 pytest tests/test_golden.py -k {args.code}, negatives in
                # tests/fixtures/<family>/clean/, then measure before giving it a fix.""")
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
