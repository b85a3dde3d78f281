"""STR004: a text that stops mid-word or mid-sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from repair.document import Document
from repair.findings import Hit, Span
from repair.rules.base import CheckContext
from repair.rules.structure._common import ends_open, excerpt, last_word, open_words
from repair.rules.words import cut_word_at_end, looks_like_title


def text_cut_off(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Text that stops mid-word or mid-sentence.

    What it catches:
        A last paragraph that reads as a sentence (not a title or label), has no end mark,
        and ends either in a word cut short (see WRD006) or in a word after which no
        sentence ends (an article, preposition or conjunction from
        data/structure-open-words.txt): a scraper cut the text, or a teaser, at a length.
        Letters spaced out ("O P I N I Ã O") or set between drawing characters are
        not prose.
    Why:
        The end of the text is lost, and readers and metrics get a broken sentence.
    Bad:
        The city council names a committee to plan for the 2031 W
    Good:
        The city council names a committee to plan for the 2031 World Cup.
    Fix safety:
        No fix: the lost text cannot be known.
    """
    if not doc.paragraphs:
        return
    last = doc.paragraphs[-1]
    if not _reads_as_prose(doc.text[last.start : last.end]):
        return
    cut = cut_word_at_end(doc, last)
    if cut is not None:
        word = doc.text[cut.start : cut.end]
        message = f'Text ends mid-word: "{excerpt(doc.text[last.start : cut.end])}" ("{word}")'
        yield Hit(message, cut)
        return
    text = doc.text[last.start : last.end]
    match = last_word(text)
    if match is None or not ends_open(text) or looks_like_title(text):
        return
    if match[1].lower() not in open_words():
        return
    span = Span(last.start + match.start(1), last.start + match.end(1))
    yield Hit(f'Text ends mid-sentence: "{excerpt(text)}"', span)


_LETTER_RUN: Final = re.compile(r"[^\W\d_]+")


def _reads_as_prose(paragraph: str) -> bool:
    """True when most runs of letters of a paragraph are words of two letters or more: not
    letters spaced out ("O P I N I Ã O") nor set between drawing characters
    ("├┤a┼┐a┼┐a"), whose last letter is no word cut short.

    >>> _reads_as_prose("plan for the 2031 W"), _reads_as_prose("O P I N I Ã O")
    (True, False)
    >>> _reads_as_prose("\u251c\u2524a\u253c\u2510a\u253c\u2510a")
    False
    """
    words = _LETTER_RUN.findall(paragraph)
    return len(words) >= 2 and 2 * sum(1 for word in words if len(word) >= 2) >= len(words)
