"""WRD: damaged words. Non-words, doubled words, stutters and repeated phrases, words of one
stem side by side, function words capitalized mid-sentence, and words cut short at a line end.

Capitalized tokens are taken for names and never called non-words: there is no entity list to
tell a garbled name from a rare one. Formulas, code and table rows are not prose, and the
repeat rules leave them alone (``prose.py``). Word lists are data
(``repair/data/words-*.txt``); frequencies come from wordfreq through :mod:`repair.lexicon`.
"""

from __future__ import annotations

from typing import Final

from repair.rules.base import FixAvailability, Rule
from repair.rules.words._shared import looks_like_title
from repair.rules.words.capitals import capitalized_function_word
from repair.rules.words.cut import cut_word_at_end, is_cut_word, word_cut_at_line_end
from repair.rules.words.doubled import doubled_word
from repair.rules.words.fragment import repeated_fragment
from repair.rules.words.non_word import non_word, suggestions
from repair.rules.words.phrase import repeated_phrase
from repair.rules.words.stem import same_stem_words

__all__ = ["RULES", "cut_word_at_end", "is_cut_word", "looks_like_title", "suggestions"]

RULES: Final[tuple[Rule, ...]] = (
    Rule("WRD001", "non-word", non_word, FixAvailability.SOMETIMES, default=False),
    Rule("WRD002", "doubled-word", doubled_word, FixAvailability.ALWAYS),
    Rule("WRD003", "repeated-fragment", repeated_fragment, FixAvailability.ALWAYS),
    Rule("WRD004", "same-stem-words", same_stem_words),
    Rule("WRD005", "capitalized-function-word", capitalized_function_word, FixAvailability.ALWAYS),
    Rule("WRD006", "word-cut-at-line-end", word_cut_at_line_end),
    Rule("WRD007", "repeated-phrase", repeated_phrase, FixAvailability.ALWAYS),
)
