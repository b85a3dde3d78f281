"""GLU: glued words. Words run together where a space or a sentence end was lost: lower-upper
joins ("electionsThe"), a number run into a word ("2%According", "2019It"), a byline's name
run into its desk ("Anna SmithEurope correspondent").

Real camel case and brand names (iPhone, McDonald, JPMorgan, VeltaCloud, SoftBank) are told
apart by evidence, not by a list of brands: the lexicon (wordfreq knows many names), the
casings of data/glued-casings.txt, the entity list, a second use of the same token in the
text, and the words on each side of the join: a sentence end was lost only before a word
that opens sentences (data/glued-sentence-starters.txt), after one that can end a sentence.

``_scan.py`` finds the candidate tokens once per document; ``_evidence.py`` weighs them.
"""

from __future__ import annotations

from typing import Final

from repair.rules.base import FixAvailability, Rule, Scope
from repair.rules.glued._scan import split_parts
from repair.rules.glued.byline import glued_byline
from repair.rules.glued.number import glued_number
from repair.rules.glued.words import glued_words

RULES: Final[tuple[Rule, ...]] = (
    # Not GLU001: a token written twice anywhere in the text is a name. Reading that as a
    # whole-text analysis (Rule.context) would scan the whole text for tokens after each
    # pass, as GLU001 does itself: measured, no gain.
    Rule("GLU001", "glued-words", glued_words, FixAvailability.ALWAYS),
    Rule(
        "GLU002",
        "glued-number",
        glued_number,
        FixAvailability.ALWAYS,
        # A pattern inside one line, and the words after it on that line; no count over
        # the text.
        scope=Scope.PARAGRAPH,
    ),
    Rule(
        "GLU003",
        "glued-byline",
        glued_byline,
        FixAvailability.ALWAYS,
        scope=Scope.PARAGRAPH,  # a pattern inside one line, its words judged alone
    ),
)

__all__ = ["RULES", "glued_byline", "glued_number", "glued_words", "split_parts"]
