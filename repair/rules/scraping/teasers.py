"""SCR007: teaser blocks of other articles scraped onto the end of a text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from repair import lexicon
from repair.document import Document
from repair.findings import Applicability, Edit, Fix, Hit, Span
from repair.rules.base import CheckContext
from repair.rules.scraping._common import _TERMINAL
from repair.rules.structure._common import LAST_WORD, open_words
from repair.rules.words import cut_word_at_end, is_cut_word, looks_like_title
from repair.rules.words.cut import begins_longer_common_word

_LIST_OR_BLOCK: Final = re.compile(r"^(?:[-+*>|#]|\d+[.)])\s")
_MIN_TEASER_WORDS: Final = 6
_MIN_BODY_PARAGRAPHS: Final = 3
_FRAGMENT_ZIPF: Final = 3.0
"""A lowercase last word rarer than this that begins a common word is a word cut short
("stable vit", "stay idl"): laxer than WRD006, since a teaser tail's paragraphs already all
stop without an end mark."""
_ELLIPSIS_END: Final = re.compile(r"(?:\.\.\.|\u2026)[ \t]*$")


def _is_prose(text: str) -> bool:
    """True when ``text`` has six words or more: split at most that many times, as a long
    paragraph needs no more of its words to tell (the last piece holds the rest).

    >>> _is_prose("one two three four five six"), _is_prose(" one two three four  five ")
    (True, False)
    """
    return len(text.split(None, _MIN_TEASER_WORDS)) >= _MIN_TEASER_WORDS


def _is_teaser(text: str) -> bool:
    """True when a paragraph can be a teaser: prose, starting fresh, with no end mark.

    >>> _is_teaser("The city council names a committee to plan for the 2031 W")
    True
    >>> _is_teaser("He said it was over.")
    False
    """
    stripped = text.strip()
    if not _is_prose(stripped) or _TERMINAL.search(stripped) or _LIST_OR_BLOCK.match(stripped):
        return False
    first = stripped.lstrip("*_")[:1]  # a quotation goes on from the body: no teaser
    return first.isupper() or first.isdigit()


def _teaser_block(doc: Document) -> tuple[Span, int] | None:
    """The trailing block of teasers and how many there are, if the body before is prose."""
    paragraphs = doc.paragraphs
    count = 0
    while count < len(paragraphs):
        span = paragraphs[-1 - count]
        if not _is_teaser(doc.text[span.start : span.end]):
            break
        count += 1
    if count < 2:
        return None
    body = [doc.text[s.start : s.end].strip() for s in paragraphs[:-count]]
    prose = [text for text in body if _is_prose(text)]
    if len(prose) < _MIN_BODY_PARAGRAPHS or not body or not _TERMINAL.search(body[-1]):
        return None
    if sum(1 for text in prose if _TERMINAL.search(text)) < 0.8 * len(prose):
        return None
    return Span(paragraphs[-count].start, paragraphs[-1].end), count


def _is_cut_off(doc: Document, span: Span) -> bool:
    """True when a teaser paragraph certainly stops mid-sentence: at an ellipsis, in a word
    cut short (WRD006's test, or a rare lowercase word that begins a common one) or after a
    word after which no sentence ends ("of the").

    >>> doc = Document.from_text("Velmora runs short of grain after the long drou\\n")
    >>> _is_cut_off(doc, doc.paragraphs[0])
    True
    >>> doc = Document.from_text("Follow our reporter on the social networks for updates\\n")
    >>> _is_cut_off(doc, doc.paragraphs[0])
    False
    """
    text = doc.text[span.start : span.end].rstrip()
    if _ELLIPSIS_END.search(text):
        return True
    if cut_word_at_end(doc, span) is not None:
        return True
    last = LAST_WORD.search(text)
    if last is None:
        return False
    word = last[1]
    if word.islower() and len(word) <= 2:
        # "had m": not a short word (data/words-short.txt); "routes a": an article
        return is_cut_word(word) or word in open_words()
    if word.islower() and not lexicon.is_word(word, "en", _FRAGMENT_ZIPF):
        return begins_longer_common_word(word, "en")
    if _is_cut_capitalised(word):
        return True
    return word.lower() in open_words() and not looks_like_title(text)


def _is_cut_capitalised(word: str) -> bool:
    """True for a capitalised last word that is no word but the start of a common one,
    in lower case: "President of the Peo", "Civil and Military Integ". A short name that
    is a word too ("Cam", "Chi") does not count.

    >>> _is_cut_capitalised("Peo"), _is_cut_capitalised("Chi"), _is_cut_capitalised("NATO")
    (True, False, False)
    """
    if len(word) < _MIN_CUT_CAPITALISED or not word[0].isupper() or not word[1:].islower():
        return False
    lowered = word.lower()
    return not lexicon.is_word(lowered, "en", _FRAGMENT_ZIPF) and begins_longer_common_word(
        lowered, "en"
    )


_MIN_CUT_CAPITALISED: Final = 3
_MIN_SENTENCE_TOKENS: Final = 17
"""A paragraph this long with no semicolon is a sentence, however many names it holds, not
a title or a byline ("Reporting by ...; Editing by ..." has its semicolon)."""


def _reads_as_title(text: str) -> bool:
    if len(text.split()) >= _MIN_SENTENCE_TOKENS and ";" not in text:
        return False
    return looks_like_title(text)


def teaser_tail(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Teasers of other articles scraped onto the end of a text.

    What it catches:
        Two or more paragraphs at the end of a text that each start like a sentence but
        stop without an end mark, often mid-word ("... to plan for the 2031 W"), after a
        body whose paragraphs end as sentences do. Those are the cut-off summaries that
        a page lists under an article.
    Why:
        They are other stories, cut to fit a box: a reader takes them for the article's
        end and finds it garbled.
    Bad:
        The ministers met on Thursday in Brussels.

        They talked for three hours about the war.

        A senior port official said the talks went well.

        In his thirty years as a harbour pilot, Mirel Faulk says he is worried

        Monday's budget vote confirmed what many farmers had long suspected: that th
    Good:
        The ministers met on Thursday in Brussels.

        They talked for three hours about the war.

        A senior port official said the talks went well.

        In his thirty years as a harbour pilot, Mirel Faulk says he is worried.
    Fix safety:
        Safe when at least half the paragraphs of the block are certainly cut off and
        the others read as sentences, not titles or bylines (WRD006's title test; a
        paragraph of 17 words or more with no semicolon is a sentence). A paragraph is
        certainly cut off when it stops at an ellipsis, in a word cut short ("the outb",
        WRD006's test; "stable vit", a lowercase word rarer than Zipf 3 that begins a
        common word; "of the Peo", such a word capitalised), after a word after which no
        sentence ends ("... of the", "... routes a", data/structure-open-words.txt).
        Removal deletes the block from the end of the body's last sentence on. Measured
        on the damage simulator (benchmarks/damage.py, all kinds): unseen seeds 31 to 35
        and 41 to 45, 116 of 116 safe removals right (100%); seeds 14 and 1 to 8,
        86 of 86; none outside a teaser, none on a control. On the 100 pages of
        ../shared/eval/scraped (benchmarks/scraping.py) the rule never fires on the whole
        files; on the article spans it flags once (unsafe) a list of related headlines
        the page's reader view kept. Silent on the mqm-zhen references.
        Unsafe otherwise: paragraphs that only lack an end mark may be the article's own
        (a bio line, an editing line, a list). A last paragraph alone is not a block: a
        text cut off at its end is STR's to report.
    """
    found = _teaser_block(doc)
    if found is None:
        return
    block, count = found
    first = doc.text[block.start : block.end].split("\n", 1)[0]
    shown = " ".join(first.split()[:6])
    body_end = doc.paragraphs[-count - 1].end
    # Safe when at least half the block is certainly cut off and the rest reads as
    # sentences, not as titles or bylines ("Reporting by Jane Doe; Editing by John Smith").
    uncut = [span for span in doc.paragraphs[-count:] if not _is_cut_off(doc, span)]
    cut_off = 2 * len(uncut) <= count and not any(
        _reads_as_title(doc.text[span.start : span.end]) for span in uncut
    )
    applicability = Applicability.SAFE if cut_off else Applicability.UNSAFE
    yield Hit(
        f'Teaser block of {count} cut-off paragraphs from other pages at the end ("{shown}...")',
        block,
        fix=Fix((Edit.delete(body_end, block.end),), applicability, "Remove the teaser block"),
    )
