"""ENC rules on real mojibake (../shared/eval/mojibake) and on files in other encodings."""

from __future__ import annotations

import json

import pytest

from repair import Config, check_text, fix_text
from tests.conftest import CLEAN_ARTICLE, MARKDOWN_ARTICLE, corpus_text, require_eval

ENC = Config(select=("ENC",))


def _cases() -> list[dict[str, str]]:
    path = require_eval("mojibake/cases.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_mojibake_cases_are_repaired_as_ftfy_does() -> None:
    cases = [c for c in _cases() if c["expect"] == "pass" and "\x1a" not in c["original"]]
    assert len(cases) >= 70
    wrong = [
        (c["label"], fix_text(c["original"], config=ENC).text)
        for c in cases
        if fix_text(c["original"], config=ENC).text != c.get("fixed-encoding", c["fixed"])
    ]
    assert wrong == []


def test_negative_cases_are_left_alone() -> None:
    negatives = [c for c in _cases() if c["source_file"] == "negative.json"]
    assert negatives
    for case in negatives:
        expected = case.get("fixed-encoding", case["fixed"])
        assert fix_text(case["original"], config=ENC).text == expected, case["label"]


def test_each_mojibake_edit_carries_ftfys_explanation() -> None:
    findings = check_text("He said \u00e2\u20ac\u0153hello\u00e2\u20ac\u009d", config=ENC)
    assert {f.code for f in findings} == {"ENC002"}
    assert all("ftfy: encode" in f.message and "decode utf-8" in f.message for f in findings)


def test_fix_keeps_curly_quotes_that_ftfy_would_uncurl() -> None:
    text = corpus_text(CLEAN_ARTICLE)
    assert fix_text(text, config=ENC).text == text


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("The vote\x08 passed.", "The vote passed."),
        ("\x1b[31mAlert\x1b[0m issued", "Alert issued"),
        ("NATO\u200b allies", "NATO allies"),
        ("AT&amp;T said it&#39;s ready", "AT&T said it's ready"),
        ("Johnson &amp;amp; Johnson", "Johnson & Johnson"),
    ],
)
def test_encoding_damage_is_fixed(text: str, fixed: str) -> None:
    assert fix_text(text, config=ENC).text == fixed


@pytest.mark.parametrize(
    "text",
    [
        "Tab\tseparated\fpage",
        "\u0e20\u0e32\u0e29\u0e32\u200b\u0e44\u0e17\u0e22",  # Thai words separated by ZWSP
        "family \U0001f468\u200d\U0001f469\u200d\U0001f467 emoji",
        "Fish & Chips, R&D, 5 & 6",
        "See https://example.com/?a=1&amp;b=2 for details",
    ],
)
def test_legitimate_text_is_not_flagged(text: str) -> None:
    assert check_text(text, config=ENC) == []


def test_soft_hyphens_are_left_alone_unless_selected() -> None:
    text = "the respondent\u2019s real \u00admotive"  # a human reference translation
    assert check_text(text) == []
    config = Config(extend_select=("ENC008",))
    assert fix_text(text, config=config).text == "the respondent\u2019s real motive"


def test_bidi_mark_next_to_hebrew_is_not_safe() -> None:
    findings = check_text("\u05e9\u05dc\u05d5\u05dd\u200f world", config=ENC)
    assert [f.code for f in findings] == ["ENC004"]
    assert findings[0].fix is not None and findings[0].fix.applicability.value == "unsafe"


def test_entities_are_markup_in_markdown() -> None:
    assert check_text("AT&amp;T", config=ENC, path="a.md") == []


def test_markdown_double_escape_in_the_scraped_article() -> None:
    text = corpus_text(MARKDOWN_ARTICLE)
    findings = check_text(text, config=ENC, path=str(MARKDOWN_ARTICLE))
    assert [f.code for f in findings] == ["ENC006"]
    assert text[findings[0].start : findings[0].end] == "\\\\$"
    fixed = fix_text(text, config=ENC, path=str(MARKDOWN_ARTICLE)).text
    assert "Demands \\$500Bln" in fixed


def test_double_escape_inside_code_is_left_alone() -> None:
    assert check_text("Write `\\\\$HOME` in the shell.", config=ENC, path="a.md") == []


def test_replacement_character_is_reported_without_fix() -> None:
    (finding,) = check_text("Gerhard Schr\ufffd\ufffdder", config=ENC)
    assert finding.code == "ENC007" and finding.fix is None
