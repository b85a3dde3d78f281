"""ENC002's parts: the linear alignment against one alignment of the whole line, the
shortcut that picks the lines to hand to ftfy against ftfy's own test, and one encoding call
per line against ``ftfy.fix_and_explain``."""

from __future__ import annotations

import json
import random

import ftfy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from repair.document import Document
from repair.rules.encoding import alignment, ftfy_lines
from repair.rules.encoding.alignment import changed_regions, differences
from repair.rules.encoding.ftfy_lines import fix_line, lines_to_fix
from tests.conftest import require_eval


def _whole_line_regions(before: str, after: str) -> list[tuple[int, int, str]]:
    """The regions one alignment of the whole line gives, merged as ENC002 merges."""
    merged: list[list[int]] = []
    for tag, i1, i2, j1, j2 in Levenshtein.opcodes(before, after):
        if tag == "equal":
            continue
        if merged and i1 - merged[-1][1] <= 1:
            merged[-1][1], merged[-1][3] = i2, j2
        else:
            merged.append([i1, i2, j1, j2])
    return [(i1, i2, after[j1:j2]) for i1, i2, j1, j2 in merged]


def _mojibake(text: str) -> str:
    return text.encode("utf-8").decode("cp1252", errors="replace")


def _cases() -> list[dict[str, str]]:
    path = require_eval("mojibake/cases.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


WORDS = (
    "Sch\u00f6n",
    "caf\u00e9",
    "\u201cquoted\u201d",
    "na\u00efve",
    "the",
    "a",
    "2024",
    "\u2014",
)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.booleans()), min_size=1, max_size=40))
def test_alignment_is_the_whole_lines_on_words_turned_into_mojibake(
    words: list[tuple[str, bool]],
) -> None:
    before = " ".join(_mojibake(word) if broken else word for word, broken in words)
    after = " ".join(word for word, _ in words)
    assert list(changed_regions(before, after)) == _whole_line_regions(before, after)


def test_alignment_is_the_whole_lines_on_the_eval_mojibake() -> None:
    compared = 0
    for case in _cases():
        for line in case["original"].split("\n"):
            fixed, _ = fix_line(line)
            if fixed != line:
                compared += 1
                assert list(changed_regions(line, fixed)) == _whole_line_regions(line, fixed)
    assert compared >= 50


def test_alignment_of_a_long_line_is_that_of_the_whole_line() -> None:
    pieces = random.Random(3).choices(WORDS, k=500)
    after = " ".join(pieces)
    before = " ".join(_mojibake(p) if i % 9 == 4 else p for i, p in enumerate(pieces))
    windows = alignment._windows(before, after)
    assert len(windows) > 10  # aligned piece by piece, not whole
    assert list(changed_regions(before, after)) == _whole_line_regions(before, after)


def test_a_paragraph_decoded_wrongly_from_end_to_end_is_aligned_in_pieces(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No run of 16 equal characters: the first scan makes one window of the whole line,
    # which is cut at two-character anchors before it is aligned.
    after = " ".join(["\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440."] * 40)
    before = _mojibake(after)
    monkeypatch.setattr(alignment, "_WINDOW_ALIGNED_WHOLE", 64)
    found = list(differences(before, after))
    assert len(found) > 50
    assert list(changed_regions(before, after)) == _whole_line_regions(before, after)


def test_trigger_characters_are_read_from_ftfys_pattern() -> None:
    shape = ftfy_lines._SHAPE
    assert shape is not None
    width = shape[3]
    codes = [{chr(int(code, 16)) for code in part.split("\\U")[1:]} for part in shape[:3]]
    assert {"\u00c3", "\u00c2", "\x80", "\x9f"} <= codes[0]
    assert "\u00e9" not in codes[0]  # alone, an accented letter is text
    assert "\u00e9" in codes[1] and "\u20ac" in codes[2]
    assert 2 <= width <= 20


def test_the_shortcut_picks_the_lines_ftfy_would_look_at(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [line for case in _cases() for line in case["original"].split("\n")]
    lines += [_mojibake(line) for line in lines[:40]]
    doc = Document.from_text("\n".join(lines))
    fast = lines_to_fix(doc)
    monkeypatch.setattr(ftfy_lines, "_SHAPE", None)
    slow = lines_to_fix(doc)
    assert fast == slow
    assert len(slow) >= 60


def test_an_unexpected_pattern_shape_falls_back_to_asking_every_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ftfy_lines, "_SHAPE", None)
    doc = Document.from_text("fine\nSch\u00c3\u00b6n\nok \u2019s")
    assert [doc.text[s.start : s.end] for s in lines_to_fix(doc)] == ["Sch\u00c3\u00b6n"]


def test_one_encoding_call_gives_fix_and_explain() -> None:
    config = ftfy_lines._FTFY_CONFIG
    for case in _cases():
        explained = ftfy.fix_and_explain(case["original"], config=config)
        steps = ", ".join(f"{action} {arg}" for action, arg in explained.explanation or [])
        assert fix_line(case["original"]) == (explained.text, steps), case["label"]
