"""The capitalized tokens of the NAM scan (:mod:`repair.rules.names.capitalized`): the
places the walk meets a token, found with the search stopped at the token's count, are
those found by searching the whole text; the pattern's ASCII reading, where it is taken,
finds what the pattern finds."""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from repair.rules.names.capitalized import CAPITALIZED, capitalized_pattern, scan_places
from tests.conftest import EVAL, real_text_paths


def real_texts() -> Iterator[str]:
    """The sample corpus, and every text of ../shared/eval (documents, scraped pages, the
    mojibake cases and the MQM segments: source, translation and reference)."""
    for path in real_text_paths():
        yield path.read_text(encoding="utf-8")
    cases = EVAL / "mojibake" / "cases.jsonl"
    if cases.exists():
        for line in cases.read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            yield "\n".join(str(case.get(key, "")) for key in ("original", "fixed"))
    segments = EVAL / "mqm-zhen" / "segments.jsonl"
    if segments.exists():
        records = [json.loads(line) for line in segments.read_text(encoding="utf-8").splitlines()]
        for key in ("source", "target", "reference"):
            yield "\n".join(str(r.get(key, "")) for r in records)


def test_the_places_stopped_at_the_count_are_all_the_places() -> None:
    tokens = 0
    for text in real_texts():
        counts = Counter(CAPITALIZED.findall(text))
        for token, count in counts.items():
            everywhere = list(scan_places(text, token))
            assert list(scan_places(text, token, count)) == everywhere
            assert len(everywhere) == count  # the count is the number of the walk's places
            tokens += 1
    assert tokens > 10_000


# The ASCII reading of the pattern (capitalized_pattern) --------------------------------------

_UNICODE_CLASSES = (r"\w", r"\d", r"[a-z]", r"[^\W\da-z_]", r"[^\W\d_]")
_ASCII_CLASSES = (r"\w", r"\d", r"[a-z]", r"[A-Z]", r"[A-Za-z]")
"""The classes of CAPITALIZED (and ``\\b``'s ``\\w``), and those of its ASCII reading."""


def _same_tokens(text: str) -> None:
    fast = capitalized_pattern(text)
    assert fast.findall(text) == CAPITALIZED.findall(text)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in CAPITALIZED.finditer(text)]


def test_each_class_holds_the_same_ascii_characters_in_both_readings() -> None:
    for code in range(128):
        char = chr(code)
        for unicode_class, ascii_class in zip(_UNICODE_CLASSES, _ASCII_CLASSES, strict=True):
            in_unicode = re.fullmatch(unicode_class, char) is not None
            assert in_unicode == (re.fullmatch(ascii_class, char, re.ASCII) is not None)


def test_every_character_past_ascii_is_a_word_character_or_in_no_class() -> None:
    """Brute force over every code point past ASCII: a text holding a word character is
    read with CAPITALIZED; the others are in no class of it (each is a part of ``\\w``),
    and beside letters of both cases, digits, underscores and spaces the ASCII reading
    matches as CAPITALIZED does."""
    beyond = "".join(map(chr, range(128, sys.maxunicode + 1)))
    words = set(re.findall(r"\w", beyond))
    assert len(words) > 100_000
    for char in words:
        assert capitalized_pattern(f"Ab {char} cD") is CAPITALIZED, hex(ord(char))
    others = [c for c in beyond if c not in words]
    for start in range(0, len(others), 20_000):
        chunk = others[start : start + 20_000]
        text = "".join(f"x{c}Ab{c}cD{c}_E{c}9F{c} G{c}h{c}\n" for c in chunk)
        assert capitalized_pattern(text) is not CAPITALIZED
        _same_tokens(text)


def test_the_real_texts_give_the_same_tokens_with_either_reading() -> None:
    readings = Counter(capitalized_pattern(text) is CAPITALIZED for text in real_texts())
    for text in real_texts():
        _same_tokens(text)
    assert readings[False] > 50  # most take the ASCII reading
    if EVAL.exists():
        assert readings[True] > 0  # the MQM sources (Chinese) do not


READ_AS_ASCII = "aAbBzZyY09_ ' -\n\u2019\u2010\u201c\u201d\u2014\u00a0\u0301\u0308\ud800"
"""ASCII letters of both cases, digits, an underscore, apostrophes, hyphens, spaces, and
characters past ASCII that are no word characters: quotes, a dash, a no-break space,
combining marks, a lone surrogate (a text of these takes the ASCII reading)."""
HOSTILE = (
    READ_AS_ASCII
    + "\u00e9\u00c9\u00df\u0142\u0141\u0436\u0416\u4e2d\u00b2\u00bd\u0130\u0131\u017f\u212a"
)
"""And letters past ASCII of both cases and of none, superscript two, one half, dotted
capital I, dotless i, long s and the Kelvin sign (a text of these may not)."""


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=READ_AS_ASCII, max_size=60) | st.text(alphabet=HOSTILE, max_size=40))
def test_either_reading_gives_the_same_tokens_on_hostile_text(text: str) -> None:
    _same_tokens(text)
