"""ftfy's negative cases, one by one: text that looks damaged but is correct stays silent.

The cases come from ../shared/eval/mojibake/cases.jsonl (ftfy's ``negative.json`` and the
negative cases of its ``synthetic.json``). Each must give no finding with the default
settings and come out of the unsafe fix unchanged; and again when the text is declared
English, so that the English rules are asked about it too.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from repair import Config, check_text, fix_text
from tests.conftest import EVAL

CASES_FILE = EVAL / "mojibake" / "cases.jsonl"


def _negative_cases() -> list[Any]:
    if not CASES_FILE.exists():
        return [pytest.param(None, marks=pytest.mark.skip(reason="../shared/eval is not here"))]
    cases = [json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").splitlines()]
    return [
        pytest.param(case, id=f"{case['source_file']}:{case['index']}")
        for case in cases
        if "negative" in case["label"].lower()
    ]


def _expected(case: dict[str, Any]) -> tuple[str, list[str]]:
    """The text a fix must give and the codes a check must raise.

    A stray control character (U+1A alone) is a negative case for the encoding repair only:
    ftfy's own fix_text drops it too, as ENC003 does.
    """
    text: str = case["original"]
    if "\x1a" in text:
        return case["fixed"], ["ENC003"]
    return text, []


@pytest.mark.parametrize("case", _negative_cases())
def test_negative_case_is_left_alone(case: dict[str, Any]) -> None:
    expected, codes = _expected(case)
    assert [f.code for f in check_text(case["original"])] == codes
    assert fix_text(case["original"], unsafe=True).text == expected


@pytest.mark.parametrize("case", _negative_cases())
def test_negative_case_is_left_alone_as_english(case: dict[str, Any]) -> None:
    english = Config(language="en")
    expected, codes = _expected(case)
    assert [f.code for f in check_text(case["original"], config=english)] == codes
    assert fix_text(case["original"], config=english, unsafe=True).text == expected
