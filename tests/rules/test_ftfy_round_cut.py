"""ENC002 asks ftfy's round about a bad line from its first character outside ASCII and puts
the ASCII prefix back when the round read the rest in a single-byte encoding as UTF-8
(repair/rules/encoding/ftfy_lines.py, ``_round``); any other answer is asked again of the
whole line. Checked against ftfy's round on the whole line, under every setting ENC002
uses, on real lines, on lines whose prefix holds what could matter ("?", byte 1A, spaces),
on generated lines, and on lines where ftfy's other ways out depend on the prefix."""

from __future__ import annotations

import json
from typing import Final

import pytest
from ftfy.badness import is_bad
from hypothesis import given, settings
from hypothesis import strategies as st

from repair.rules.encoding import ftfy_lines
from tests.conftest import require_eval
from tests.rules.encoding_reference import (
    broken,
    corpus_turned_to_mojibake,
    damaged_line,
    eval_lines,
    reference_fix_line,
)

PREFIXES: Final = ("", "ab ", "? ", "x", "a\x1a ", "\x1a", "  ", "Sch ")

# Lines ftfy fixes in other ways than one decode (decode_inconsistent_utf8, whose answer
# depends on the text's length; C1 controls): the rest alone is answered otherwise.
OTHER_WAYS: Final = (
    "\u00e2\x80\x94\u00e2\x80\x94\u00e2\u201d\u201a",
    "\u0139\x91\u00e2\u20ac\u201d",
    "\u00c3\u00a9\u20ac",
    "x\x85y",
)


def _same_as_ftfy(line: str) -> None:
    assert ftfy_lines._ONE_ROUND is not None
    if not is_bad(line):
        return  # ENC002 asks the round only about bad lines
    for config in ftfy_lines._CONFIGS.values():
        assert ftfy_lines._round(line, config) == ftfy_lines._ONE_ROUND(line, config), line


def _lines() -> list[str]:
    lines = eval_lines() + corpus_turned_to_mojibake().split("\n")
    segments = require_eval("mqm-zhen/segments.jsonl").read_text(encoding="utf-8").splitlines()
    # English, then its Chinese source: a prefix of ASCII before the mojibake
    rows = [json.loads(row) for row in segments[:300]]
    mixed = [f"{row['target']} \u2014 {row['source']}" for row in rows]
    lines += [broken(line, codec) for line in mixed for codec in ("cp1252", "latin-1")]
    lines += [line.replace("\u00a0", " ") for line in lines if "\u00a0" in line]
    return lines


def test_the_round_on_the_rest_is_ftfys_on_real_lines() -> None:
    cut = 0
    for line in _lines():
        _same_as_ftfy(line)
        first = ftfy_lines._NOT_ASCII.search(line)
        cut += first is not None and first.start() > 0 and is_bad(line)
    assert cut > 500


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_round_on_the_rest_is_ftfys_after_any_prefix(prefix: str) -> None:
    for line in eval_lines()[:200]:
        _same_as_ftfy(prefix + line)
    for rest in OTHER_WAYS:
        _same_as_ftfy(prefix + rest)
        assert ftfy_lines.fix_line(prefix + rest) == reference_fix_line(prefix + rest)


def test_a_prefix_changes_what_the_other_ways_give() -> None:
    # Else the fall back to the whole line would not be needed, and the test above could
    # not tell a round that kept any answer from the rest.
    assert ftfy_lines._ONE_ROUND is not None
    config = ftfy_lines._FTFY_CONFIG
    line = "ab " + OTHER_WAYS[0]
    whole = ftfy_lines._ONE_ROUND(line, config)
    rest = ftfy_lines._ONE_ROUND(OTHER_WAYS[0], config)
    assert (whole.text, whole.explanation) != ("ab " + rest.text, rest.explanation)
    # and byte 1A in the prefix keeps every single-byte encoding out: ftfy goes another way
    rest = broken("\u201cquoted\u201d", "cp1252")
    line = "a\x1a " + rest
    whole_steps = ftfy_lines._ONE_ROUND(line, config).explanation
    assert whole_steps != ftfy_lines._ONE_ROUND(rest, config).explanation
    assert ftfy_lines.fix_line(line) == reference_fix_line(line)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(st.text(st.sampled_from("ab ?\x1a\t.-"), max_size=6), damaged_line())
def test_the_round_on_the_rest_is_ftfys_on_generated_lines(prefix: str, line: str) -> None:
    _same_as_ftfy(prefix + line)
    assert ftfy_lines.fix_line(prefix + line) == reference_fix_line(prefix + line)


def test_another_ftfy_asks_about_the_whole_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shortcut rests on ftfy's private round as it is in 6.3: with another version
    the round is asked about the whole line (a cut would give the prefix's steps away)."""
    calls: list[str] = []

    def round_of(text: str, config: object) -> tuple[str, list[tuple[str, str]]]:
        calls.append(text)
        return text, [("decode", "utf-8")]

    monkeypatch.setattr(ftfy_lines, "_ONE_ROUND", round_of)
    config = next(iter(ftfy_lines._CONFIGS.values()))
    line = "ascii prefix \u00c3\u00a9t\u00c3\u00a9"
    ftfy_lines._round(line, config)
    assert calls == ["\u00c3\u00a9t\u00c3\u00a9"]
    calls.clear()
    monkeypatch.setattr(ftfy_lines, "_CUT_VERIFIED", False)
    ftfy_lines._round(line, config)
    assert calls == [line]
