"""PUN: punctuation and spacing. Hyphens cut off from a compound by a space, spaces before
punctuation, a sentence end with no space after it, doubled punctuation, and spaced dashes
inside known compounds.

Every pattern stays inside one line and demands letters where a number, an ellipsis, an
abbreviation or a host name would put something else: "-5", "...", "U.S.", "e.g.", "8.17",
"J.D." and "?!" are never touched. Word lists are data tables in ``repair/data/``.
"""

from __future__ import annotations

from typing import Final

from repair.rules.base import FixAvailability, Rule, Scope
from repair.rules.punctuation._shared import HYPHENATED
from repair.rules.punctuation.dash import spaced_dash_in_compound
from repair.rules.punctuation.doubled import doubled_punctuation
from repair.rules.punctuation.hyphen import spaced_hyphen
from repair.rules.punctuation.spacing import missing_space_after_sentence, space_before_punctuation

RULES: Final[tuple[Rule, ...]] = (
    Rule(
        "PUN001",
        "spaced-hyphen",
        spaced_hyphen,
        FixAvailability.SOMETIMES,
        # Patterns inside one line, and the compounds written whole anywhere in the text.
        scope=Scope.PARAGRAPH,
        context=(HYPHENATED,),
    ),
    Rule(
        "PUN002",
        "space-before-punctuation",
        space_before_punctuation,
        FixAvailability.ALWAYS,
        scope=Scope.PARAGRAPH,  # a pattern inside one line; it reads no line around it
    ),
    Rule(
        "PUN003",
        "missing-space-after-sentence",
        missing_space_after_sentence,
        FixAvailability.ALWAYS,
        # A pattern inside one line, the words after it and whether that line is prose.
        scope=Scope.PARAGRAPH,
    ),
    Rule(
        "PUN004",
        "doubled-punctuation",
        doubled_punctuation,
        FixAvailability.ALWAYS,
        scope=Scope.PARAGRAPH,  # a pattern inside one line
    ),
    Rule(
        "PUN005",
        "spaced-dash-in-compound",
        spaced_dash_in_compound,
        FixAvailability.ALWAYS,
        scope=Scope.PARAGRAPH,  # as PUN001
        context=(HYPHENATED,),
    ),
)
