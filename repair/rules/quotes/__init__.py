"""QUO: quotes. Marks that do not pair up within a paragraph, marks turned the wrong way or
cut off from their quotation by a space, foreign marks („ « ») in English text, a single mark
closing a double quotation, and straight and curly styles mixed in one document.

``marks.py`` pairs the double marks of each paragraph once, and gives each its role from its
spacing, its curl and the words around it (``clues.py``); the rules fix a mark only where
that role is certain and report the rest. ``plain.py`` tells, from their marks' spacing
alone (one pattern over the paragraph), the paragraphs the pairing could only find
balanced; their marks are built only for the rules that read them (QUO005, QUO006).
Apostrophes count toward a document's style but are never paired. Reporting verbs are
data: ``repair/data/quotes-attribution.toml``.
"""

from __future__ import annotations

from typing import Final

from repair.findings import Severity
from repair.rules.base import FixAvailability, Rule
from repair.rules.quotes.foreign import foreign_quote_marks
from repair.rules.quotes.orientation import misoriented_quote
from repair.rules.quotes.single import single_quote_closing_double
from repair.rules.quotes.spacing import space_before_final_quote, space_inside_quotes
from repair.rules.quotes.style import mixed_quote_styles
from repair.rules.quotes.unbalanced import unbalanced_quotes

RULES: Final[tuple[Rule, ...]] = (
    Rule("QUO001", "unbalanced-quotes", unbalanced_quotes, FixAvailability.SOMETIMES),
    Rule("QUO002", "misoriented-quote", misoriented_quote, FixAvailability.ALWAYS),
    Rule("QUO003", "space-inside-quotes", space_inside_quotes, FixAvailability.ALWAYS),
    Rule("QUO004", "foreign-quote-marks", foreign_quote_marks, FixAvailability.ALWAYS),
    Rule(
        "QUO005", "single-quote-closing-double", single_quote_closing_double, FixAvailability.NONE
    ),
    Rule(
        "QUO006",
        "mixed-quote-styles",
        mixed_quote_styles,
        FixAvailability.SOMETIMES,
        Severity.INFO,
    ),
    Rule(
        "QUO007",
        "space-before-final-quote",
        space_before_final_quote,
        FixAvailability.ALWAYS,
        default=False,
    ),
)
