"""Every rule documents itself: the five headings, and examples that behave as they say."""

from __future__ import annotations

import re

import pytest

from repair import Config, check_text
from repair.registry import ALL_RULES
from repair.rules.base import DOC_HEADINGS, Rule
from tests.conftest import FIXTURES, LANGUAGETOOL_URL

# File-level rules whose Bad example cannot be a string (ENC001 is about bytes).
FILE_LEVEL = frozenset({"ENC001"})
_ESCAPE = re.compile(r"\\x([0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})")


def example(rule: Rule, heading: str) -> str:
    """A docstring example with ``\\xNN``/``\\uNNNN`` escapes turned into characters."""
    text = rule.section(heading)
    return _ESCAPE.sub(lambda m: chr(int(m[1] or m[2], 16)), text)


def codes_in(text: str, rule: Rule) -> set[str]:
    # The NAM examples speak of the names in the fixtures' small entity list.
    names = (str(FIXTURES / "names" / "docs.toml"),) if rule.family == "NAM" else ()
    config = Config(select=(rule.code,), entities=names)
    found = set()
    for path in ("example.txt", "example.md"):
        found |= {f.code for f in check_text(text, config=config, path=path)}
    return found


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_rule_docstring_has_every_heading(rule: Rule) -> None:
    for heading in DOC_HEADINGS:
        assert rule.section(heading), f"{rule.code} has no text under {heading!r}"


@pytest.mark.parametrize(
    "rule", [r for r in ALL_RULES if r.code not in FILE_LEVEL], ids=lambda r: r.code
)
def test_bad_example_raises_the_rule(rule: Rule, monkeypatch: pytest.MonkeyPatch) -> None:
    if rule.family == "LT":
        if not LANGUAGETOOL_URL:
            pytest.skip("needs a LanguageTool server (set REPAIR_LANGUAGETOOL_URL)")
        monkeypatch.setenv("REPAIR_LANGUAGETOOL_URL", LANGUAGETOOL_URL)
    assert rule.code in codes_in(example(rule, "Bad:"), rule)


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_good_example_is_clean(rule: Rule) -> None:
    assert rule.code not in codes_in(example(rule, "Good:"), rule)


def test_codes_and_names_are_unique() -> None:
    codes = [r.code for r in ALL_RULES]
    names = [r.name for r in ALL_RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    for rule in ALL_RULES:
        assert re.fullmatch(r"[A-Z]{2,3}\d{3}", rule.code), rule.code
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), rule.name
