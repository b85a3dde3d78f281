"""WRD005 capitalized-function-word: "it The return", a capital where no sentence starts."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from typing import Final

from repair.document import Document
from repair.findings import Applicability, Fix, Hit, Span
from repair.rules.base import CheckContext
from repair.rules.words._shared import function_words
from repair.rules.words.line_memo import search_by_line
from repair.rules.words.phrase import repeated_phrases
from repair.rules.words.prose import is_headline

# A capitalized function word followed by spaces and a lowercase word or a number (a
# capital next would make it a name: "in The Hague"). The pattern starts with the word's
# capital, so ``re`` tries it only at the capitals a function word can start with (a scan in
# C), not at every space; right after the capital, a look-behind wants a space or tab
# before it and a lowercase letter, space or tab before that (what a lowercase word and
# spaces leave there), which most capitals, opening a sentence after ". ", fail in ``re``
# instead of in Python. The lowercase word before is checked then. Matches cannot overlap:
# each is one capitalized word.
_CAPITALIZED_BEFORE_LOWERCASE: Final = r"({word})(?=[ \t]+[a-z0-9])"
_SPACE_BEFORE: Final = r"(?<=[a-z \t][ \t]{first})"


@functools.cache
def _capitalized_function_word_pattern() -> re.Pattern[str]:
    """``_CAPITALIZED_BEFORE_LOWERCASE`` matching only the function words (capitalized)
    that ``[A-Z][a-z]+`` can match.

    Most capitalized words mid-sentence are names, not function words: the pattern passes
    them over in ``re`` (one branch per first letter) instead of yielding each to Python.
    A branch matches exactly the whole word: the lookahead wants a space right after it.
    """
    words = sorted(
        word.capitalize()
        for word in function_words()
        if len(word) >= 2 and word.isascii() and word.isalpha() and word.islower()
    )
    branches = []
    for first, group in itertools.groupby(words, key=lambda word: word[0]):
        rests = sorted((word[1:] for word in group), key=lambda rest: (-len(rest), rest))
        branches.append(f"{first}{_SPACE_BEFORE.format(first=first)}(?:{'|'.join(rests)})")
    word = "|".join(branches) or "(?!)"  # no function word: a pattern that never matches
    return re.compile(_CAPITALIZED_BEFORE_LOWERCASE.format(word=word))


def _lowercase_word_before(text: str, space: int) -> bool:
    """True when ``\\b[a-z]+[ \\t]+`` ends at ``space + 1``: a whole lowercase word, then spaces."""
    end = space
    while end and text[end - 1] in " \t":
        end -= 1
    start = end
    while start and "a" <= text[start - 1] <= "z":
        start -= 1
    if start == end:
        return False
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_")


# A function word capitalized mid-sentence this often in one text is its style, not a slip:
# a defined term ("grants You a licence") or titles cited by name ("see section The raise
# statement").
_HOUSE_STYLE_USES: Final = 3


class _Sentences:
    """What WRD005 asks about the place of a capital, answered in time that does not grow
    with the line: whether its line is a headline (judged once per line) and whether it
    lies in a repeated phrase (by bisection over the phrases)."""

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self._headlines: dict[int, bool] = {}
        phrases = sorted((phrase.start(), phrase.end()) for phrase in repeated_phrases(doc))
        self._phrase_starts = [start for start, _ in phrases]
        # The farthest end of the phrases starting at or before each one: an offset lies in
        # a phrase when that reach, for the last phrase starting at or before it, passes it.
        self._reach = list(itertools.accumulate((end for _, end in phrases), max))

    def on_headline(self, offset: int) -> bool:
        """True when the line holding ``offset`` is a title-case headline."""
        index = self._doc.line_index(offset)
        if index not in self._headlines:
            self._headlines[index] = is_headline(self._doc.line_text(index))
        return self._headlines[index]

    def in_repeated_phrase(self, offset: int) -> bool:
        """True inside a phrase written twice (WRD007's): "The talks The talks" is a
        stutter, and its second capital goes with the copy."""
        last = bisect.bisect_right(self._phrase_starts, offset) - 1
        return last >= 0 and self._reach[last] > offset


def capitalized_function_word(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Function word capitalized in the middle of a sentence ("it The return").

    What it catches:
        An article, preposition, conjunction, pronoun or auxiliary from
        data/words-function.txt written with a capital between a lowercase word and a
        lowercase word or number, on one line: where machine translation lost a sentence
        end or a word ("adding it The plan", "So far Only 14"). A capitalized
        word followed by another capital ("in The Hague", "told The Velmora Times") is a
        name and is left alone. A headline in title case ("Harbour Traffic Reaches a New Peak Above
        40 Million": a short line with no sentence end, its words mostly capitalized)
        is not a sentence and is not checked, and a capital in a stuttered phrase ("The
        talks The talks") is WRD007's. Neither is a word glued to the one before
        ("electionsBut"): the glued rules (GLU) own that span, and the fix it needs is a
        sentence end, not a small letter. A word capitalized so three times or more in one
        text is its style ("grants You a licence": a defined term) and is left alone.
    Why:
        The capital is either wrong or the trace of a lost sentence boundary.
    Bad:
        So far Only 14 of 20 farms met the quota.
    Good:
        So far only 14 of 20 farms met the quota, a clerk told The Velmora Times.
    Fix safety:
        Unsafe: lowercasing is right when the capital is a stray, but a sentence end may
        have been lost there instead.
    """
    found = []
    sentences = _Sentences(doc)
    for start, word in search_by_line(doc, "repair.rules.words.capitals", _capitals_in):
        if sentences.on_headline(start) or sentences.in_repeated_phrase(start):
            continue
        found.append((start, word))
    uses = Counter(word for _, word in found)
    for start, word in found:
        if uses[word] >= _HOUSE_STYLE_USES:
            continue
        lower = word.lower()
        end = start + len(word)
        yield Hit(
            f'Capitalized "{word}" in the middle of a sentence',
            Span(start, end),
            Fix.replace(start, end, lower, Applicability.UNSAFE, f'Write "{lower}"'),
        )


def _capitals_in(text: str) -> list[tuple[int, str]]:
    """The offset and text of each capitalized function word of ``text`` between a lowercase
    word and a lowercase word or number, spaces or tabs between them: all on one line, and
    read from that line alone (a fix run keeps them by line, :mod:`.line_memo`)."""
    words = function_words()
    found = []
    for match in _capitalized_function_word_pattern().finditer(text):
        if match[1].lower() not in words:
            continue
        # The pattern saw a space or a tab right before the word.
        if _lowercase_word_before(text, match.start() - 1):
            found.append((match.start(), match[1]))
    return found
