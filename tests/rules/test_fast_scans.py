"""Scans that skip work at C speed, each against the plain search it stands for: the quoted
terms found from the marks' offsets against the regular expression they replace (QUO001)."""

from __future__ import annotations

import re
from typing import Final

from hypothesis import given, settings
from hypothesis import strategies as st

from repair.rules.quotes import terms
from tests.conftest import CORPUS, corpus_text

QUOTED: Final = re.compile('["\u201c\u201e]([^"\u201c\u201d\u201e\n]{1,80}?)["\u201d]')
"""What :func:`repair.rules.quotes.terms._quotations` finds, as one search of the text."""

# Marks of every kind, line breaks, and runs of letters around the 80-character bound.
PIECES: Final = (
    '"',
    "\u201c",
    "\u201d",
    "\u201e",
    "\n",
    " ",
    "a",
    "soft landing",
    *("x" * n for n in (78, 79, 80, 81)),
)


def _quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(match.span() for match in QUOTED.finditer(text))


@settings(derandomize=True, max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_quotations_are_the_pattern_matches(text: str) -> None:
    assert terms._quotations.__wrapped__(text) == _quoted_spans(text)


def test_quotations_are_the_pattern_matches_on_the_corpus() -> None:
    found = 0
    for path in sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.md")):
        text = corpus_text(path)
        expected = _quoted_spans(text)
        assert terms._quotations.__wrapped__(text) == expected, path.name
        found += len(expected)
    assert found > 20


def test_a_term_quoted_twice_is_found_at_both_places() -> None:
    text = 'a \u201csoft landing\u201d, then "soft landing" and \u201csoft landing'
    assert terms._quoted_terms(text) == {"soft landing": ((2, 16), (23, 37))}
    opener = text.rindex("\u201c")
    assert terms.close_repeated(text, opener, len(text)) == len(text)
    # The only quotation of the term ends at the mark asked about: not quoted elsewhere.
    glued = '"soft landing"soft landing, he said'
    assert terms.close_repeated(glued, 13, len(glued)) is None
    assert terms.close_repeated(glued + ' "soft landing"', 13, len(glued)) == 26
