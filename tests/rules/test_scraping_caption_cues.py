"""The caption cue pattern (SCR001, SCR002), written as a trie of the cues, finds a cue in
every line where the alternation of the cues (the pattern before, kept here as the
reference) finds one: callers ask only whether a line holds a cue."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from repair import data
from repair.rules.scraping._common import _alternation, _caption_cues, _cue_trie
from tests.conftest import real_text_paths

_CUES: list[str] = data.table("scraping-labels")["captions"]["cues"]


def _reference() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_alternation(_CUES)})\b", re.IGNORECASE)


def test_every_line_of_the_real_texts_holds_a_cue_as_the_alternation_says() -> None:
    reference, cues = _reference(), _caption_cues()
    lines = [line for path in real_text_paths() for line in path.read_text("utf-8").split("\n")]
    held = [bool(reference.search(line)) for line in lines]
    assert [bool(cues.search(line)) for line in lines] == held
    assert sum(held) > 20  # the texts hold cues (the sample corpus alone has some)


def test_every_cue_is_found_alone_and_in_any_case_and_spacing() -> None:
    reference, cues = _reference(), _caption_cues()
    for cue in _CUES:
        for text in (cue, cue.upper(), cue.title(), cue.replace(" ", " \t\n "), f"({cue})."):
            assert cues.search(text), text
        for text in (f"x{cue}", f"{cue}x", cue.replace(" ", "")):  # within a word
            assert bool(cues.search(text)) == bool(reference.search(text)), text


def test_the_trie_writes_the_words_of_a_phrase_apart() -> None:
    assert _cue_trie(["a view", "a  view of", "pose"]) == r"(?:a\s+view(?:\s+of)?|pose)"


# Pieces of cues, cut at every word and space and joined in any order: the two patterns part
# where a trie branch ends too soon or too late, or a space is taken as a literal.
_PIECES = st.sampled_from(
    [
        *sorted({piece for cue in _CUES for piece in re.split(r"( )", cue)}),
        *[" ", "\t", "\n", "\u00a0", "x", "S", ".", "-"],
        *["\u017f", "\u212a", "\u0130"],  # letters re folds to others: long s, Kelvin, dotted I
    ]
)


@settings(derandomize=True, max_examples=1500, deadline=None)
@given(text=st.lists(_PIECES, max_size=12).map("".join))
def test_generated_text_holds_a_cue_as_the_alternation_says(text: str) -> None:
    assert bool(_caption_cues().search(text)) == bool(_reference().search(text))
