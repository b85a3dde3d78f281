"""STR: damaged text structure. Paragraphs broken mid-sentence, hard-wrapped lines in a text
whose paragraphs are lines, repeated lines, and a text that stops mid-word or mid-sentence.

Headlines, labels and datelines have no end mark: a line that is short or mostly capitalized
(:func:`repair.rules.words.looks_like_title`) is never taken for a broken sentence.
``_common.py`` holds what the rules share: end marks, the words after which no sentence ends
(``repair/data/structure-open-words.txt``) and how a line can stop in mid-sentence.
"""

from __future__ import annotations

from typing import Final

from repair.rules.base import FixAvailability, Rule
from repair.rules.structure.broken import paragraph_broken_mid_sentence
from repair.rules.structure.cut_off import text_cut_off
from repair.rules.structure.repeated import repeated_line
from repair.rules.structure.wrapped import hard_wrapped_lines, hard_wrapped_runs

RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "STR001",
        "paragraph-broken-mid-sentence",
        paragraph_broken_mid_sentence,
        FixAvailability.ALWAYS,
    ),
    Rule("STR002", "hard-wrapped-lines", hard_wrapped_lines, FixAvailability.ALWAYS),
    Rule("STR003", "repeated-line", repeated_line, FixAvailability.ALWAYS),
    Rule("STR004", "text-cut-off", text_cut_off),
)

__all__ = [
    "RULES",
    "hard_wrapped_lines",
    "hard_wrapped_runs",
    "paragraph_broken_mid_sentence",
    "repeated_line",
    "text_cut_off",
]
