"""GLU002: a number run into the next word, often across a lost sentence end ("2019It")."""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from typing import Final

from repair import lexicon
from repair.document import Document
from repair.findings import Applicability, Edit, Fix, Hit, Span
from repair.rules.base import CheckContext
from repair.rules.glued._evidence import (
    ends_compounds,
    is_listed_casing,
    opens_sentence,
    phrase_follows,
)
from repair.rules.glued._scan import RunStarts, capital_hits, matches_from

# A number, a percentage or an amount run into the next word: "2%According", "5%of",
# "2019It".
_GLUED_NUMBER: Final = re.compile(
    r"""(?<![\w.,%=/&#@])                # not inside a URL ("%20After") or a code
        (?P<number>\d+(?:[.,]\d+)*(?P<percent>%)?)
        (?P<word>
          [A-Z][a-z]+              # a capitalised word ("According"; "It" if it opens sentences)
          |(?<=%)[a-z]{2,}         # any word after "%"
        )
        (?![\w@])
    """,
    re.VERBOSE,
)
_PERCENT_TRIGGER: Final = re.compile(r"%[a-z]")
_MAX_UNIT_LENGTH: Final = 4  # "Ghz", "Mbps": a unit, not a sentence, after a number
_NUMBER_CHAR: Final = re.compile(r"[\w.,]")


def _number_starts(doc: Document) -> Iterator[int]:
    """Where a match of ``_GLUED_NUMBER`` may start, in order.

    A match's number ends right before a capital, or before "%" and a lower-case letter,
    and starts its run of word characters, periods and commas (none may come before it).
    """
    text = doc.text
    run_start = RunStarts(text, _NUMBER_CHAR)
    capitals = (hit - 1 for hit in capital_hits(doc) if hit)
    percents = (hit.start() for hit in _PERCENT_TRIGGER.finditer(text))
    for end in heapq.merge(capitals, percents):
        if text[end] == "%":
            end -= 1
        if end >= 0 and _NUMBER_CHAR.match(text, end):
            yield run_start(end)


def _is_glued_word(word: str) -> bool:
    """A common word of three letters or more, or a shorter one that opens sentences: "It"
    after "2019" lost a sentence end, "Gb" after "5" is a unit."""
    if len(word) < 3:
        return opens_sentence(word)
    return lexicon.is_word(word, threshold=lexicon.COMMON_WORD_ZIPF)


def glued_number(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A number or percentage run into the next word.

    What it catches:
        Digits, or a percentage, followed with no space by a capitalised common word
        ("2%According", "2019Pictured") or a short word that opens sentences ("2019It"),
        or a percentage followed by a lower-case word ("5%of"). Units and ordinals ("10km",
        "2nd", "1990s", "5Gb"), codes ("G20", "5G"), URL-encoded text ("%20After") and
        casings of data/glued-casings.txt ("3Com") are left alone.
    Why:
        The sentence boundary or the space was lost; readers and tokenizers see a code.
    Bad:
        Only 14 of 20 farms reached 5%According to council estimates.
    Good:
        Only 14 of 20 farms reached 5% of output in 2024, and 3Com sold 5G kits.
    Fix safety:
        Before a word that opens sentences (data/glued-sentence-starters.txt) the fix
        restores the sentence end ("2%. According", "2019. It"): safe, except before one
        that also ends names (data/glued-compound-ends.txt: "a 4All pass") when no clause
        follows it ("It was", "In 2021"): unsafe there. Measured: 9 of 9
        default fixes right with benchmarks/damage.py (seeds 1-8), 20 of 20 on the
        sentence ends after a number of the mqm-zhen references, none on clean text.
        Before another capitalised word of five letters or more it restores the sentence
        end too ("by 2025. International"); before a shorter one, a unit ("2.3 Ghz"), and
        after "%" ("5% of"), it inserts a space: unsafe, since a name or a unit may follow
        a number.
    """
    text = doc.text
    for match in matches_from(_GLUED_NUMBER, text, _number_starts(doc)):
        number, word = match["number"], match["word"]
        if not _is_glued_word(word):
            continue
        # Not the lexicon: wordfreq splits "2%According" into tokens and knows them all.
        if is_listed_casing(match[0]):
            continue
        # A capitalised word after a number most often opened the next sentence ("by
        # 2025International"); certainly so when it is a word that opens sentences. A short
        # one may be a unit ("2.3Ghz").
        sentence = opens_sentence(word) or (word[0].isupper() and len(word) > _MAX_UNIT_LENGTH)
        # An opener that also ends names ("a 4All pass", "Channel 24Now") is a sentence's
        # only when a clause goes on after it ("2019It was", "2020In 2021").
        certain = opens_sentence(word) and (
            not ends_compounds(word) or phrase_follows(text, match.end())
        )
        separator = ". " if sentence else " "
        applicability = Applicability.SAFE if certain else Applicability.UNSAFE
        lost = "Sentence end lost after a number" if sentence else "Number run into a word"
        yield Hit(
            f'{lost} in "{match[0]}"',
            Span(match.start(), match.end()),
            Fix.of(
                (Edit.insert(match.end("number"), separator),),
                applicability,
                f'Split into "{number}{separator}{word}"',
            ),
        )
