"""STR001: a paragraph broken in two in the middle of a sentence."""

from __future__ import annotations

import functools
import itertools
import operator
import re
import string
from collections.abc import Iterator
from typing import Final

from repair import data
from repair.document import Document
from repair.findings import Applicability, Edit, Fix, Hit, Span
from repair.rules.base import CheckContext
from repair.rules.scraping._lines import stripped_lines
from repair.rules.structure._common import (
    LOWERCASE_START,
    WORD,
    Break,
    break_kind,
    ends_in_open_word,
    excerpt,
)
from repair.rules.structure.wrapped import hard_wrapped_runs
from repair.rules.words import looks_like_title

_BLANK_GAP: Final = re.compile(r"\s*")


# A list item, heading, quote or table row: never the first half of a sentence.
_BLOCK_MARKUP: Final = re.compile(r"\s*(?:[#>*+|\u2022\u2013\u2014-]|\d{1,3}[.)]\s|[a-z][.)]\s)")
_MAX_SHORT_TITLE_WORDS: Final = 12
_MAX_LABEL_WORDS: Final = 4  # as words.looks_like_title counts a label
# What may open the rest of a sentence cut after "the" or "of": a capitalized word or a short
# form ("ICBC's"), a number ("135 kilometers", "14-day"), or any word after an opening quote.
_CAPITAL_START: Final = re.compile(
    r"(?:[\"\u201c\u2018][A-Za-z]+|[\"\u201c\u2018]?(?:[A-Z][A-Za-z]*|\d[\d,.]*))(?![A-Za-z])"
)
# "van Gogh", "de Gaulle", "al Assad": a name that may open a paragraph in lower case.
_NAME_PARTICLE_START: Final = re.compile(
    r"(?:van|von|de|der|den|du|da|di|del|della|dos|le|la|al|el|bin|ibn|ter) [A-Z]"
)
# The paragraph after the break, from its lowercase word to its last character.
_PARAGRAPH_END: Final = re.compile(r".*[.!?\u2026][\"'\u201d\u2019)\]]*\s*\Z", re.DOTALL)


_MAY_END_OPEN: Final = frozenset(string.ascii_letters + " \t\n")
"""The last characters a paragraph can have when it ends in a word (see ``last_word``)."""


@functools.cache
def _reporting_verbs() -> frozenset[str]:
    """The reporting verbs of attributions ("said", "added"), shared with the quote rules."""
    return frozenset(data.table("quotes-attribution")["verbs"])


def paragraph_broken_mid_sentence(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Paragraph break in the middle of a sentence.

    What it catches:
        A paragraph that ends with a comma, or with a word and no end mark, followed (after
        blank lines only) by a paragraph that starts with a lowercase word, or with any
        word, number or quote mark after "the", "of" or "with": a scraper or converter broke
        one paragraph in two.
        Titles, labels and Markdown headings, list items, datelines, quotes and lines
        ending in a colon are never taken for the first half. Lines of a hard-wrapped
        paragraph are STR002's.
    Why:
        Readers, sentence splitters and aligners see two fragments instead of one sentence.
    Bad:
        The mayor has stoked unease among farmers with his criticism of aid to the valley,

        his repeated claims to the old mill and his soft line toward the builders.
    Good:
        The mayor has stoked unease among farmers with his criticism of aid to the valley.

        His repeated claims to the old mill have raised eyebrows.
    Fix safety:
        The fix joins the two with a space (a line break in a hard-wrapped text): no word
        is added or removed. Safe when the break is certainly inside a sentence: the first
        half ends with a word after which no sentence ends (data/structure-open-words.txt:
        "the", "of", "with"), whatever the case of the next word; with a comma; or with
        another word when the second half reads as the rest of a sentence (it ends with an
        end mark). Measured with benchmarks/damage.py (glued and split kinds, seeds 1-8,
        624 documents, half of them one paragraph a line): 424 default joins, all right (2
        counted "inside" only because another artefact sat next to them), 0 outside an
        artefact, 0 on controls; 72% of the splits restored. On the 50 labelled pages of
        ../shared/eval/scraped, 219 default joins: 217 between two lines of the same
        label, 2 next to a line left unlabelled, none joining article text to page
        furniture. Unsafe where a text keeps one paragraph a line and the line ends with a
        comma: a translation kept one segment a line may cut a sentence at a comma.
        Never applied (display only) before an attribution (", / said Fen Qiaolu"): a
        human reference of ../shared/eval cuts its sentence there, in 1 of 970 line breaks.
        After an open word the second half may also open with a number, a short form in
        capitals or a quote mark ("extended to / 135 kilometers"): seeds 14, 31-35 and
        41-45 of the simulator, 550 safe joins, all right; splits after a function word
        before a capital restored by default rose from 49% to 71%; on the labelled scraped
        pages the safe joins still never join article text to page furniture.
    """
    paragraphs = doc.paragraphs
    text = doc.text
    # Only a paragraph that starts with a lowercase letter can be a second half: look for
    # those first, and for the runs of wrapped lines only once one is found.
    wrapped: set[int] | None = None
    joiner = "\n" if not doc.is_markdown and doc.is_hard_wrapped else " "
    size = len(text)
    for first, second in itertools.pairwise(paragraphs):
        # A character read by its index, not a slice (a slice object and a string each):
        # the first of the second paragraph (none past the text's end), the last of the
        # first (which, a paragraph before another, ends past the text's start).
        start = second.start
        if not (start < size and "a" <= text[start] <= "z") and (
            # Only a paragraph ending in a letter (or white space) can end in an open word:
            # one test of its last character spares most paragraphs the search for it.
            first.end <= first.start
            or text[first.end - 1] not in _MAY_END_OPEN
            or not ends_in_open_word(text[first.start : first.end])
        ):
            continue
        if wrapped is None:
            wrapped = {line for run in hard_wrapped_runs(doc) for line in range(run[0], run[1] - 1)}
        if doc.line_index(first.end) in wrapped:
            continue
        finding = _broken_pair(doc, first, second, joiner)
        if finding is not None:
            yield finding


def _is_sentence_line(line: str, kind: Break) -> bool:
    """True when a line can hold the start of a sentence: not a title, label or dateline,
    not a list item, heading, quote or table row.

    No headline ends with a comma or with "the": after those, only a label of four words or
    fewer ("WASHINGTON,") is taken for a title.
    """
    if _BLOCK_MARKUP.match(line):
        return False
    words = len(line.split())
    if kind is not Break.WORD:
        return words > _MAX_LABEL_WORDS
    return not _is_headline(line, words)


def _is_headline(line: str, words: int) -> bool:
    """A title, label or dateline (:func:`repair.rules.words.looks_like_title`); past a
    dozen words, only one in title case: a sentence that opens with a name and a title
    ("Fen Qiaolu, Deputy Director of the Provincial Water Resources Planning Office, said
    that the event was held") is mostly capitalized too, but not its long words.

    >>> _is_headline("Mayor Says City Will Not Sell the Port to Builders as Part of Any Deal", 15)
    True
    """
    if not looks_like_title(line):
        return False
    if words <= _MAX_SHORT_TITLE_WORDS:
        return True
    long_words = [word for word in WORD.findall(line) if len(word) >= 4]
    lower = sum(1 for word in long_words if word[0].islower())
    return lower * 10 <= len(long_words)


def _broken_pair(doc: Document, first: Span, second: Span, joiner: str) -> Hit | None:
    text = doc.text
    head = text[first.start : first.end].rstrip()
    gap = text[first.end : second.start]
    if not _BLANK_GAP.fullmatch(gap) or "\n" not in gap:
        return None
    kind = break_kind(head)
    if kind is None:
        return None
    start_word = LOWERCASE_START.match(text, second.start, second.end)
    tail = text[second.start : second.end]
    ends_sentence = bool(_PARAGRAPH_END.match(tail))
    if start_word is None:
        # No sentence ends in "the" or "of": what follows continues it, capital, number or
        # quote mark.
        start_word = _CAPITAL_START.match(text, second.start, second.end)
        if kind is not Break.OPEN_WORD or start_word is None or not ends_sentence:
            return None
    elif _NAME_PARTICLE_START.match(tail) and kind is Break.WORD:
        return None  # "van Gogh's paintings sold" may open a paragraph
    last_line = text[max(text.rfind("\n", first.start, first.end) + 1, first.start) : first.end]
    if not _is_sentence_line(last_line, kind):
        return None
    if kind is Break.COMMA and start_word[0] in _reporting_verbs():
        # ", / said Fen Qiaolu": translators cut a sentence before its attribution into
        # segments of their own, which a reference may keep as lines or paragraphs.
        applicability = Applicability.DISPLAY_ONLY
    elif _is_certain(doc, kind, gap, ends_sentence):
        applicability = Applicability.SAFE
    else:
        applicability = Applicability.UNSAFE
    return Hit(
        f'Paragraph broken mid-sentence: "{excerpt(head, 30)}" / "{start_word[0]}..."',
        Span(first.start + len(head) - 1, second.start + len(start_word[0])),
        Fix((Edit(first.end, second.start, joiner),), applicability, "Join the two paragraphs"),
    )


def _is_certain(doc: Document, kind: Break, gap: str, ends_sentence: bool) -> bool:
    """Whether the break is certainly inside a sentence.

    After a plain word the first half may be a headline in sentence case: the second must
    then read as the rest of a sentence ("… called the meeting / in Brussels on Monday."),
    not as a label ("report this ad"). A translation kept one segment a line may cut a
    sentence after a comma (a Chinese source segment ends at a comma), never after a word.
    """
    if kind is Break.WORD:
        return ends_sentence
    if kind is Break.COMMA and gap.count("\n") < 2:
        return not _has_one_line_paragraphs(doc)
    return True


def _has_one_line_paragraphs(doc: Document) -> bool:
    """True when the text keeps its paragraphs one a line with no blank line between, as
    aligned segments are: there a line break can end a segment in mid-sentence."""
    return doc.shared("repair.rules.structure.one_line_paragraphs", _count_line_paragraphs)


def _count_line_paragraphs(doc: Document) -> bool:
    if doc.is_markdown or doc.is_hard_wrapped:
        return False
    # Of the non-blank lines but the last, those followed by a non-blank line go to a line,
    # the others to a blank one. Counted with map and sum over the stripped lines the SCR
    # rules share (computed once per document), not by splitting and stripping the text
    # again and looping over pairs of lines.
    filled = list(map(bool, stripped_lines(doc)))
    if True not in filled:
        return False
    last = len(filled) - 1 - filled[::-1].index(True)
    to_a_line: int = sum(map(operator.and_, filled[:last], filled[1 : last + 1]))
    to_a_blank = sum(filled[:last]) - to_a_line
    return to_a_line > to_a_blank
