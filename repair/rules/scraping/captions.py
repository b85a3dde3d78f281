"""Photo captions beside a credit (SCR001, SCR002): what reads as a caption, what reads as
the article's prose, and when a credit or a caption and credit pair stands between two
paragraphs of prose."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import Any, Final, TypeVar

from repair import data
from repair.document import Document
from repair.rules.scraping import _memo
from repair.rules.scraping._common import _caption_cues, _is_blank, _is_own_paragraph
from repair.rules.scraping.credit_lines import _Credit
from repair.rules.scraping.credit_text import _match_credit

_MAX_CAPTION_WORDS: Final = 60
_SENTENCE_BREAK: Final = re.compile(r"[a-z]{3,}[.!?][ \t]+[A-Z]")
_QUOTES: Final = re.compile(r"[\"\u201c\u201d\u00ab\u00bb\u201e]")
_YEAR_OR_PLACE: Final = re.compile(r"\b(?:19|20)\d\d\b|,[ \t]+[A-Z][\w.-]+\.$")

_BODY_MIN_WORDS: Final = 8
_BODY_BEFORE_MIN_WORDS: Final = 15
_BODY_END: Final = re.compile(r"""[.!?](?:[ \t]?["'\u201d\u2019)\]])*$""")
"""A sentence's end, closing quotes or brackets after it (some texts set a space before
a closing quote: 'the reform. "')."""
_BODY_START: Final = re.compile(r"""^["'\u201c\u2018(]?[A-Z0-9]""")


def _between_body_paragraphs(doc: Document, index: int, last: int | None = None) -> bool:
    """True when lines ``index`` to ``last`` (default: ``index`` alone) stand between two
    paragraphs of prose: the one before ends as a sentence and is no photo caption (nor one
    short sentence, as captions are), the one after starts as one, both plain text of eight
    words or more.

    >>> doc = Document.from_text("The talks ended late on Monday. The ministers said so.\\n"
    ...     "EPA / Chen Aner\\nThey will meet again next week in Brussels, he added.\\n")
    >>> _between_body_paragraphs(doc, 1), _between_body_paragraphs(doc, 0)
    (True, False)
    """
    before = _previous_content_line(doc, index)
    after = _next_content_line(doc, index if last is None else last)
    if before is None or after is None:
        return False
    first = doc.line_text(before).strip()
    second = doc.line_text(after).strip()
    pair = last is not None
    return _kept(doc, "prose_around", (first, second, pair), _prose_around)


def _prose_around(first: str, second: str, pair: bool) -> bool:
    """:func:`_between_body_paragraphs` of the paragraphs ``first`` and ``second`` (stripped)
    around a credit, or around a caption and credit ``pair``."""
    if any(len(text.split()) < _BODY_MIN_WORDS or text[0] in "#>*-+|" for text in (first, second)):
        return False
    if _may_be_caption(first):  # the credit's own caption: both go, or neither
        return False
    if (
        len(first.split()) < _BODY_BEFORE_MIN_WORDS
        and not _SENTENCE_BREAK.search(first)
        and (pair or not _narrates(first))
    ):
        # One short sentence: may be a caption with a verb no table lists. Before a credit
        # alone, a sentence that narrates is the article's; a caption and credit pair
        # (``pair``) takes two lines, and keeps the stricter guard.
        return False

    return bool(_BODY_END.search(first) and _BODY_START.match(second))


def _narrates(text: str) -> bool:
    """True when a sentence holds the article's narration, which no caption holds: a
    reporting, modal or auxiliary verb, an irregular past or a pronoun from the table, a
    pronoun or a connective first, or a verb in "-ed" before its object.

    >>> _narrates("Doctors said the baby was out of danger."), _narrates("A view of Osaka.")
    (True, False)
    """
    words = _CAPTION_WORD.findall(text)
    openers, vetoes = _caption_vetoes()
    if not words:
        return False
    return (
        words[0].lower() in openers
        or any(word in vetoes for word in _narration_words(words))
        or bool(_PAST_WITH_OBJECT.search(text))
    )


def _narration_words(words: list[str]) -> Iterator[str]:
    """The words of a sentence that may be narration, in lower case: the first word and
    every word in lower case; a capitalised word inside it is a name ("in May", not the
    modal "may")."""
    for position, word in enumerate(words):
        if position == 0 or word.islower():
            yield word.lower()


def _caption_line(doc: Document, credit: _Credit) -> int | None:
    """The line right before a credit line (blank lines aside) when it reads as the credit's
    photo caption, else None: :func:`_is_caption`, or :func:`_is_plain_caption` over a
    credit set apart as only credits are (a bare "Name Agency" line could be a headline)."""
    if credit.caption is not None:
        return None
    previous = _previous_content_line(doc, credit.line)
    if previous is None or not _is_own_paragraph(doc, previous):
        return None
    text = doc.line_text(previous).strip()
    caption = _kept(doc, "caption_text", (text, credit.strong), _is_credit_caption)
    return previous if caption else None


def _is_credit_caption(text: str, strong: bool) -> bool:
    """True when ``text``, the line before a credit (``strong``: set apart as only credits
    are), reads as its caption (see :func:`_caption_line`)."""
    if _match_credit(text, attached=False):
        return False
    return _is_caption(text) or (strong and _is_plain_caption(text))


Key = TypeVar("Key", bound=tuple[Any, ...])


def _kept(doc: Document, name: str, key: Key, test: Callable[..., bool]) -> bool:
    """``test(*key)``, kept by ``key``: in a fix run across its passes (:mod:`._memo`; the
    lines around a credit most often come out of a pass as they went in), else for the
    document (SCR001 and SCR002 both ask of each credit). ``test`` must be a pure
    function of ``key``, which holds the texts it reads."""
    memo: dict[Key, bool] | None = _memo.table(doc, f"captions.{name}")
    if memo is None:
        memo = doc.shared(f"repair.rules.scraping.captions.{name}", _no_verdicts)
    found = memo.get(key)
    if found is None:
        found = memo[key] = test(*key)
    return found


def _no_verdicts(doc: Document) -> dict[Any, bool]:
    return {}


def _caption_pair_set_apart(doc: Document, credit: _Credit) -> bool:
    """True when a credit line and the caption line right before it stand together between
    two paragraphs of prose: the pair is what is left of a photo, and both go."""
    caption = _caption_line(doc, credit)
    return caption is not None and _pair_set_apart(doc, caption, credit.line)


def _pair_set_apart(doc: Document, caption: int, credit: int) -> bool:
    """True when a caption line and its credit line stand between two paragraphs of prose
    and the caption says where or when the photo was taken (a place or a year): a
    sentence with a caption verb but neither ("The province holds two thirds of the
    harvest.") may be the article's own, and stays."""
    text = doc.line_text(caption)
    return _kept(doc, "says_where", (text,), _says_where) and _between_body_paragraphs(
        doc, caption, credit
    )


def _says_where(text: str) -> bool:
    """True when a caption names a place or a year (see :func:`_pair_set_apart`)."""
    return bool(_YEAR_OR_PLACE.search(text) or _PLACE.search(text))


def _next_content_line(doc: Document, index: int) -> int | None:
    following = index + 1
    while following < len(doc.lines) and _is_blank(doc, following):
        following += 1
    return following if following < len(doc.lines) else None


def _previous_content_line(doc: Document, index: int) -> int | None:
    previous = index - 1
    while previous >= 0 and _is_blank(doc, previous):
        previous -= 1
    return previous if previous >= 0 else None


_MAX_SHORT_CAPTION_WORDS: Final = 40


def _may_be_caption(text: str) -> bool:
    """True when a paragraph could be a photo caption: one sentence, no quotation, a caption
    word ("speaks", "a general view", "arrive"). Looser than :func:`_is_caption`, which
    also asks for a place or a year: a credit line under such a paragraph is not removed
    by the default fix, since the caption would stay without it.

    >>> _may_be_caption("A general view of the harbour in Porto Alegre.")
    True
    >>> _may_be_caption("Farmers say that the valley is facing a dry summer. It will be hard.")
    False
    """
    if len(text.split()) > _MAX_SHORT_CAPTION_WORDS or _QUOTES.search(text):
        return False
    if _SENTENCE_BREAK.search(text):
        return False
    return bool(_caption_cues().search(text))


def _is_caption(text: str) -> bool:
    """True when a line right before a credit reads as a photo caption.

    >>> _is_caption("A detailed view as crew members take part in drills at Velmora, Dovria.")
    True
    >>> _is_caption("Farmers say that the valley is facing a dry summer.")
    False
    """
    words = len(text.split())
    if not 6 <= words <= _MAX_CAPTION_WORDS or not text.endswith("."):
        return False
    if _QUOTES.search(text) or _SENTENCE_BREAK.search(text):
        return False
    return bool(_caption_cues().search(text) and _YEAR_OR_PLACE.search(text))


_PLACE: Final = re.compile(
    r"\b(?:in|at|near|outside|inside)[ \t]+(?:the[ \t]+)?(?:[a-z]+[ \t]+)?[A-Z][a-z]"
)
"""Where a photo was taken: "in Osaka", "at the Kremlin", "in central Busan"."""
_CAPTION_WORD: Final = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
_CAPTION_PUNCTUATION: Final = re.compile(r"[:;?!%]")
_PAST_WITH_OBJECT: Final = re.compile(
    r"\b[a-z]{3,}ed[ \t]+(?:a|an|the|its|their|his|her|this|that|these|those|up|out)\b"
)
"""A verb in the past tense before its object ("started a test"): the article narrates. A
caption's participle stands before a noun or a preposition ("a closed shop", "injured in")."""
_PAST_OR_PARTICIPLE: Final = re.compile(r"(?<!\b[Aa] )(?<!\b[Aa]n )(?<!\b[Tt]he )\b[a-z]{3,}ed\b")
"""A word in "-ed" not after an article ("a closed shop"): it may be the article's past
tense ("leaders mediated tension"), so a caption with no caption word may not hold one."""
_MIN_PLAIN_CAPTION_WORDS: Final = 4
_MAX_PLAIN_CAPTION_WORDS: Final = 25
"""Longer lines with no caption word are more often the article's own sentences."""


@functools.cache
def _caption_vetoes() -> tuple[frozenset[str], frozenset[str]]:
    """Words a caption does not open with, and words it does not hold
    (data/scraping-labels.toml, ``[captions]``)."""
    table = data.table("scraping-labels")["captions"]
    return frozenset(table["not-openers"]), frozenset(table["not-words"])


def _is_plain_caption(text: str) -> bool:
    """True when a line right before a credit line reads as the photo's caption, cue word
    or not: one sentence of four to forty words ending in a full stop, no quotation, a
    caption word (:func:`_caption_cues`) or, in 25 words or fewer, a place or a year,
    and none of the article's
    narration (a reporting verb, a past tense, a word in "-ed" but after an article, a
    modal, a pronoun; a pronoun or a connective first).

    >>> _is_plain_caption("A general view of the harbour in Osaka.")
    True
    >>> _is_plain_caption("Visitors look at an exhibit during a trade fair in Porto Alegre.")
    True
    >>> _is_plain_caption("The minister said the talks in Brussels would go on.")
    False
    >>> _is_plain_caption("They met in Geneva in 2019.")
    False
    """
    words = _CAPTION_WORD.findall(text)
    if not _MIN_PLAIN_CAPTION_WORDS <= len(words) <= _MAX_SHORT_CAPTION_WORDS:
        return False
    if not text.endswith(".") or not text[0].isupper():
        return False
    if _QUOTES.search(text) or _SENTENCE_BREAK.search(text) or _CAPTION_PUNCTUATION.search(text):
        return False
    if _PAST_WITH_OBJECT.search(text):
        return False
    openers, vetoes = _caption_vetoes()
    if words[0].lower() in openers or any(word in vetoes for word in _narration_words(words)):
        return False
    if _PAST_OR_PARTICIPLE.search(text):
        return False
    if _caption_cues().search(text):
        return True
    if len(words) > _MAX_PLAIN_CAPTION_WORDS:
        return False
    return bool(_YEAR_OR_PLACE.search(text) or _PLACE.search(text))
