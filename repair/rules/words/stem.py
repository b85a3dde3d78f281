"""WRD004 same-stem-words: two words of one stem side by side ("strategy strategist")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from repair.document import Document
from repair.findings import Hit, Span
from repair.rules.base import CheckContext
from repair.rules.words._shared import matches_at, repeat_starts

_WORD_PAIR: Final = re.compile(r"\b([a-z]{5,})[ \t]+(?=([a-z]{5,})\b)")
_MIN_STEM: Final = 7


def _common_prefix_length(first: str, second: str) -> int:
    length = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        length += 1
    return length


def same_stem_words(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Two words of one stem side by side ("strategy strategist").

    What it catches:
        Two different lowercase words in a row that share a stem of seven letters or more,
        covering all but at most two letters of the shorter one: machine translation's
        hesitation between two renderings of one source word.
    Why:
        One of the two words is redundant, and the phrase reads as a stutter.
    Bad:
        said Elias Morvath, a harbour navigation navigator.
    Good:
        said Elias Morvath, a navigator at Harbour Navigation.
    Fix safety:
        No fix: which of the two words was meant cannot be known.
    """
    for match in matches_at(_WORD_PAIR, doc.text, repeat_starts(doc)):
        first, second = match[1], match[2]
        if first == second:
            continue
        stem = _common_prefix_length(first, second)
        if stem < _MIN_STEM or stem < min(len(first), len(second)) - 2:
            continue
        end = match.end() + len(second)
        yield Hit(f'Two words of one stem: "{first} {second}"', Span(match.start(), end))
