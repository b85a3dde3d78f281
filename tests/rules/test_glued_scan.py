"""The GLU capital scan on a folded byte copy finds what its pattern finds."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair.rules.glued._scan import _CAPITAL_TRIGGER, _find_capitals
from tests.conftest import CORPUS, FIXTURES, require_eval


def _reference(text: str) -> tuple[int, ...]:
    return tuple(hit.start() for hit in _CAPITAL_TRIGGER.finditer(text))


def _real_texts() -> Iterator[str]:
    for path in sorted(CORPUS.glob("*.*")):
        yield path.read_text(encoding="utf-8")
    for path in sorted(FIXTURES.rglob("*.txt")):
        yield path.read_text(encoding="utf-8")
    for path in sorted(require_eval("mqm-zhen/docs").iterdir()):
        yield path.read_text(encoding="utf-8")
    for name in ("mqm-zhen/segments.jsonl", "mojibake/cases.jsonl"):
        with require_eval(name).open(encoding="utf-8") as stream:
            records = [json.loads(line) for line in stream]
        yield "\n".join(str(r.get("target", r.get("original", ""))) for r in records)


def test_real_text_gets_the_patterns_hits() -> None:
    found = 0
    for text in _real_texts():
        hits = _find_capitals(text)
        assert hits == _reference(text)
        found += len(hits)
    assert found > 100


@pytest.mark.parametrize(
    "text",
    [
        "dealsAnd",
        "2%According",
        "BBCAll",
        "xBBCa",
        "ABCD1",
        "ÉTÉs",
        "aÄb",
        "a\u2019A",
        "\ud800AAAb",
    ],
)
def test_edge_cases(text: str) -> None:
    assert _find_capitals(text) == _reference(text)


_CHARS = st.sampled_from(list("aAbBzZ09%? .'\u00e9\u00c9\u00ff\u0100\u2019\u5317\U0001f600\ud800"))


@settings(max_examples=500, deadline=None)
@given(text=st.lists(_CHARS, max_size=40).map("".join))
def test_any_text_gets_the_patterns_hits(text: str) -> None:
    assert _find_capitals(text) == _reference(text)
