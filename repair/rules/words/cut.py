"""WRD006 word-cut-at-line-end: a paragraph that stops in the middle of a word."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from typing import Final

from repair import data, lexicon
from repair.document import Document
from repair.findings import Hit, Span
from repair.rules.base import CheckContext
from repair.rules.words._shared import looks_like_title
from repair.rules.words.non_word import sorted_common_words

_END_MARKS: Final = frozenset(".!?\u2026:;\"'\u201d\u2019)]*_>|")
_CUT_WORD_ZIPF: Final = 2.0


@functools.cache
def _short_words() -> frozenset[str]:
    return data.word_set("words-short")


def is_cut_word(token: str, language: str = "en") -> bool:
    """True when a token at the end of a line is a word cut short, not a word.

    One- and two-letter tokens must be in data/words-short.txt. A longer lowercase token is
    cut when it is rare (wordfreq knows many web fragments, so "rare" is a Zipf below 2) and
    begins a common word. Longer capitalized tokens may be names and are never called cut.

    >>> is_cut_word("th"), is_cut_word("W"), is_cut_word("governm"), is_cut_word("of")
    (True, True, True, False)
    """
    if not token.isalpha():
        return False
    if len(token) <= 2:
        return token not in _short_words() and token.lower() not in _short_words()
    if not token.islower() or lexicon.is_word(token, language, _CUT_WORD_ZIPF):
        return False
    return begins_longer_common_word(token, language)


def begins_longer_common_word(token: str, language: str) -> bool:
    """True when a common word longer than ``token`` starts with it.

    The words that start with ``token`` sort together, right after ``token`` itself (when it
    is a common word): one binary search instead of a scan of the whole list.

    >>> begins_longer_common_word("governm", "en"), begins_longer_common_word("xqz", "en")
    (True, False)
    """
    ordered = sorted_common_words(language)
    index = bisect.bisect_left(ordered, token)
    if index < len(ordered) and ordered[index] == token:
        index += 1
    return index < len(ordered) and ordered[index].startswith(token)


def _ends_open(text: str) -> bool:
    """True when a line's text ends with no end mark (nor a closing quote or bracket)."""
    stripped = text.rstrip()
    return bool(stripped) and stripped[-1] not in _END_MARKS


_LAST_TOKEN: Final = re.compile(r"(?<=\s)([A-Za-z]+)[ \t]*$")


def cut_word_at_end(doc: Document, span: Span) -> Span | None:
    """The span of a paragraph's last word when that word is cut short, else None.

    The paragraph must end with no end mark and read as a sentence, not a title.
    """
    if span.end > span.start and doc.text[span.end - 1] in _END_MARKS:
        return None  # most paragraphs: the last character, no space, is an end mark
    text = doc.text[span.start : span.end]
    if not _ends_open(text):
        return None
    # A paragraph ending in a word of letters only: the last token is all that can match.
    last_token = text.rsplit(None, 1)[-1]
    if not last_token.isascii() or not last_token.isalpha():
        return None
    match = _LAST_TOKEN.search(text, len(text.rstrip()) - len(last_token))
    # The title test last: it reads every word of the paragraph, the cut test one.
    if match is None or not is_cut_word(match[1]) or looks_like_title(text):
        return None
    return Span(span.start + match.start(1), span.start + match.end(1))


def word_cut_at_line_end(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Word cut short at the end of a paragraph ("...long feared: that th").

    What it catches:
        A paragraph (a line, in text stored one paragraph per line) that reads as a
        sentence, has no end mark, and ends in a fragment: a one- or two-letter token that
        is not a short word (data/words-short.txt), or a lowercase non-word. Scrapers cut
        teasers this way. The last paragraph of the text is STR004's.
    Why:
        The sentence is lost, and what is left is a broken word and an unfinished thought.
    Bad:
        Monday's vote confirmed what many farmers had long suspected: that th

        The council names a committee to plan for the Winter Games.
    Good:
        Monday's vote confirmed what many farmers had long suspected.

        The council names a committee to plan for the Winter Games.
    Fix safety:
        No fix: the lost text cannot be known.
    """
    text = doc.text
    # Most paragraphs end in an end mark, which cut_word_at_end lets go first: they are
    # passed over here, with no call for each (WRD006 took 8 ms of 2 MB in those calls).
    open_ended = [
        paragraph
        for paragraph in doc.paragraphs[:-1]
        if paragraph.end == paragraph.start or text[paragraph.end - 1] not in _END_MARKS
    ]
    memo = doc.run_memo("repair.rules.words.cut")
    for paragraph in open_ended:
        cut = cut_word_at_end(doc, paragraph) if memo is None else _kept_cut(doc, paragraph, memo)
        if cut is None:
            continue
        word = text[cut.start : cut.end]
        yield Hit(f'Paragraph ends in a word cut short: "{word}"', cut)


def _kept_cut(
    doc: Document, paragraph: Span, memo: dict[str, tuple[int, int] | None]
) -> Span | None:
    """``cut_word_at_end`` of a paragraph, kept in a fix run's memo (:meth:`Document.run_memo`)
    by the paragraph's text, all it reads: a pass leaves most open-ended paragraphs (titles,
    bylines) as they were, and their test (the last token, the lexicon, the title test) is
    not made again."""
    key = doc.text[paragraph.start : paragraph.end]
    if key in memo:
        kept = memo[key]
        if kept is None:
            return None
        return Span(paragraph.start + kept[0], paragraph.start + kept[1])
    cut = cut_word_at_end(doc, paragraph)
    memo[key] = None if cut is None else (cut.start - paragraph.start, cut.end - paragraph.start)
    return cut
