"""``_unwrap`` skips its two patterns for text that opens with neither "*", "_" nor "(":
it gives what trying both patterns gives, on every line of the scraped pages and the
sample corpus, wrapped and bare, and on made-up text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair.rules.scraping._common import _EMPHASIS, _PARENTHESES, _unwrap
from tests.conftest import CORPUS, EVAL

TEXTS = sorted((EVAL / "scraped").glob("*")) + sorted(CORPUS.glob("*"))


def _unwrap_by_patterns(text: str) -> tuple[str, bool]:
    """The reference: both patterns tried on every text."""
    for pattern in (_EMPHASIS, _PARENTHESES):
        match = pattern.match(text)
        if match:
            return match["inner"].strip(), True
    return text, False


def _variants(line: str) -> list[str]:
    text = line.strip()
    return [text, f"**{text}**", f"_{text}_", f"({text})", f"*{text}", f"{text})", line]


@pytest.mark.skipif(not TEXTS, reason="../shared/eval/scraped and corpus/ are not there")
def test_unwrap_is_the_patterns_on_real_lines() -> None:
    unwrapped = 0
    for path in TEXTS:
        for line in path.read_text(encoding="utf-8", errors="replace").split("\n"):
            for text in _variants(line):
                found = _unwrap(text)
                assert found == _unwrap_by_patterns(text), text
                unwrapped += found[1]
    assert unwrapped > 1000  # the wrapped variants go through the patterns


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("*_()[] \t\nab\u00a0\u2019.|/"), max_size=12))
def test_unwrap_is_the_patterns_on_made_up_text(text: str) -> None:
    assert _unwrap(text) == _unwrap_by_patterns(text)


def test_unwrap_is_the_patterns_whatever_the_first_character() -> None:
    """No character but the three skipped for opens a match (every character of the BMP
    tried as an emphasis mark and as a bracket)."""
    for code in range(0x10000):
        char = chr(code)
        for text in (f"{char}x{char}", f"{char}x)", f"{char}{char}x{char}{char}"):
            assert _unwrap(text) == _unwrap_by_patterns(text), text
