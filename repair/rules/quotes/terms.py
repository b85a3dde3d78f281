"""Where a quoted term's lost mark goes, when the term itself shows its bounds.

A quotation of whole sentences ends at a clause's end (dropped.py); a quoted term
(``the “Silver Harbour” plan``, ``a “soft landing”``) ends wherever the writer chose, and
the words around it rarely tell. Three things do:

- *repeated*: the text quotes the same term in full elsewhere (``“soft landing”``), and the
  words beside the surviving mark begin (or end) with it;
- *list*: the term stands in a list of quoted terms (``“A” and “B”``, ``“A”, “B”``), so the
  lost mark goes at the connector between two of them;
- *title*: the term is a name in title case (``the “Silver Harbour Fund”``), bounded on the
  far side by a word in lower case.
"""

from __future__ import annotations

import functools
import re
from typing import Final

from repair import data
from repair.document import Document
from repair.rules.quotes.found import mark_offsets
from repair.rules.quotes.marks import DOUBLE_MARKS

_TERM_OPENERS: Final = '"\u201c\u201e'
_TERM_CLOSERS: Final = '"\u201d'
MAX_QUOTED: Final = 80
"""The longest text between two marks that may be a quoted term."""
MAX_TERM_WORDS: Final = 6
"""A quoted term longer than this is a phrase or a sentence, not a term."""
_TERM_PUNCTUATION: Final = re.compile(r"[.,;:!?()\[\]\u2014\u2013]")


@functools.cache
def _small_words() -> frozenset[str]:
    """Words a title keeps in lower case between its capitalized ones ("Order of the Bath")."""
    return frozenset(data.table("quotes-terms")["title-small-words"])


@functools.cache
def _connectors() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(after a closing mark, before an opening mark): what joins two quoted terms of a list."""
    words = "|".join(re.escape(w) for w in data.table("quotes-terms")["list-connectors"])
    connector = rf"(?:,?[\x20\t]+(?:{words})[\x20\t]+|,[\x20\t]+)"
    return re.compile(connector), re.compile(rf"{connector}$")


_WORD: Final = re.compile(r"[^\s\"\u201c\u201d\u201e]+")


def _pairs(text: str, marks: list[int]) -> tuple[tuple[int, int], ...]:
    """The (start, end) of each pair of double marks (``marks``: their sorted offsets in
    ``text``) on one line with 1 to 80 characters between and no mark among them (a quoted
    term, once it is trimmed), from left to right, each search going on after the last
    pair's closing mark.

    The matches of ``["\u201c\u201e]([^"\u201c\u201d\u201e\\n]{1,80}?)["\u201d]``, found
    from the marks' offsets instead of a search of every character: a pair can only be a
    mark and the next one, since no mark stands between.

    >>> from repair.rules.quotes.clues import offsets_of
    >>> text = 'a \u201cterm\u201d, "b" \u201c\u201d "c\\n"'
    >>> _pairs(text, offsets_of(text, DOUBLE_MARKS))
    ((2, 8), (10, 13))
    """
    found = []
    index, last = 0, len(marks) - 1
    while index < last:
        start, end = marks[index], marks[index + 1]
        if (
            text[start] in _TERM_OPENERS
            and text[end] in _TERM_CLOSERS
            and 1 < end - start <= MAX_QUOTED + 1
            and text.find("\n", start, end) == -1
        ):
            found.append((start, end + 1))
            index += 2  # the closing mark opens no pair
        else:
            index += 1
    return tuple(found)


Quotation = tuple[int, int, str, bool]
"""A pair of :func:`_pairs`: its opening mark's offset, its length, the text between
its marks, and whether that text has few enough words for a term."""


def _with_terms(text: str, pairs: tuple[tuple[int, int], ...]) -> list[Quotation]:
    """The ``pairs`` of :func:`_pairs`, each with what the term rules read of it."""
    found = []
    for start, end in pairs:
        term = text[start + 1 : end - 1]
        found.append((start, end - start, term, len(term.split()) <= MAX_TERM_WORDS))
    return found


def quotations(doc: Document) -> list[Quotation]:
    """The pairs of :func:`_pairs` in ``doc.text``, walked from the double marks'
    offsets shared with the pairing of marks.py
    (:func:`~repair.rules.quotes.found.mark_offsets`, found once a document by whichever
    asks first): no search of the text of its own. (Kept by line in a fix run instead, the
    look-up of every line cost more than this walk of the offsets once they are shared.)
    """
    return doc.shared(f"{__name__}.quotations", _quotations_of)


def _quotations_of(doc: Document) -> list[Quotation]:
    return _with_terms(doc.text, _pairs(doc.text, mark_offsets(doc, DOUBLE_MARKS)))


def _quoted_terms(doc: Document) -> dict[str, tuple[tuple[int, int], ...]]:
    """Each short term the text quotes with both marks, trimmed, and the (start, end) of
    every pair of :func:`_pairs` that quotes it.

    One search of the text for all the lost marks of a document: each mark's term is then
    looked up, not searched for again.

    >>> _quoted_terms(Document('a \u201csoft landing\u201d, "Silver Harbour" and "soft landing"'))
    {'soft landing': ((2, 16), (39, 53)), 'Silver Harbour': ((18, 34),)}
    """
    return doc.shared(f"{__name__}.terms", _terms_of)


def _terms_of(doc: Document) -> dict[str, tuple[tuple[int, int], ...]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    for start, length, term, short in quotations(doc):
        if short and term == term.strip():
            spans.setdefault(term, []).append((start, start + length))
    return {term: tuple(found) for term, found in spans.items()}


def terms_punctuated_outside(doc: Document) -> bool:
    """Whether the text sets a comma or full stop after its quoted terms' closing marks
    (``“soft landing”,``) at least as often as inside them (``“soft landing,”``).

    >>> terms_punctuated_outside(Document('a \u201cterm\u201d, and a \u201cname,\u201d'))
    True
    """
    return doc.shared(f"{__name__}.punctuated", _punctuated_outside)


def _punctuated_outside(doc: Document) -> bool:
    text = doc.text
    inside = outside = 0
    for start, length, term, short in quotations(doc):
        if not short:
            continue
        if term[-1:] in ".,":
            inside += 1
        elif text[start + length : start + length + 1] in (".", ","):
            outside += 1
    return outside >= inside


def _elsewhere(spans: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    """Whether one of a term's quotations (``spans``) lies outside ``start:end``."""
    return any(quoted_end <= start or quoted_start >= end for quoted_start, quoted_end in spans)


def close_repeated(doc: Document, opener: int, stop: int) -> int | None:
    """Where the term opened at ``opener`` ends, if the text quotes it in full elsewhere."""
    text = doc.text
    best = None
    quoted = _quoted_terms(doc)
    for term, spans in quoted.items():
        end = opener + 1 + len(term)
        if end > stop or not text.startswith(term, opener + 1):
            continue
        if end < len(text) and (text[end].isalnum() or text[end] in DOUBLE_MARKS):
            continue
        if _elsewhere(spans, opener, end) and (best is None or end > best):
            best = end
    return best


def open_repeated(doc: Document, closer: int, start: int) -> int | None:
    """Where the term closed at ``closer`` begins, if the text quotes it in full elsewhere."""
    text = doc.text
    best = None
    quoted = _quoted_terms(doc)
    for term, spans in quoted.items():
        begin = closer - len(term)
        if begin < start or not text.startswith(term, begin):
            continue
        if begin and (text[begin - 1].isalnum() or text[begin - 1] in DOUBLE_MARKS):
            continue
        if _elsewhere(spans, begin, closer) and (best is None or begin < best):
            best = begin
    return best


def close_in_list(text: str, opener: int, next_opener: int) -> int | None:
    """Where a term ends that the next quoted term of a list follows: before the connector.

    >>> close_in_list('the \u201cA and \u201cB\u201d', 4, 11)
    6
    """
    connector = _connectors()[1].search(text, opener + 1, next_opener)
    if connector is None:
        return None
    term = text[opener + 1 : connector.start()]
    if not _is_term(term):
        return None
    return connector.start()


def open_in_list(text: str, previous_closer: int, closer: int) -> int | None:
    """Where a term begins that follows a closed quoted term of a list: after the connector.

    >>> open_in_list('\u201cA\u201d and B\u201d', 2, 9)
    8
    """
    connector = _connectors()[0].match(text, previous_closer + 1, closer)
    if connector is None:
        return None
    if not _is_term(text[connector.end() : closer]):
        return None
    return connector.end()


def _is_term(words: str) -> bool:
    """A short run of words with no punctuation of a clause: what a quoted term holds."""
    return (
        bool(words.strip())
        and words == words.strip()
        and len(words.split()) <= MAX_TERM_WORDS
        and _TERM_PUNCTUATION.search(words) is None
    )


def _is_capitalized(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def close_title(text: str, opener: int, stop: int) -> int | None:
    """Where a quoted name in title case ends: after its last capitalized word, when a word
    in lower case follows it (``the “Silver Harbour Fund” said``).

    >>> close_title('the \u201cSilver Harbour Fund said', 4, 30)
    24
    """
    words = [(m.start(), m.end(), m[0]) for m in _WORD.finditer(text, opener + 1, stop)]
    if not words or words[0][0] != opener + 1 or "\n" in text[opener:stop]:
        return None
    end = None
    count = 0
    for position, (start, _, word) in enumerate(words):
        bare = word.rstrip(".,;:!?)")
        if _is_capitalized(bare):
            end = start + len(bare)
            count += 1
            if count > MAX_TERM_WORDS or word[len(bare) : len(bare) + 1] in (":", "?", "!", ")"):
                return None
            if bare != word:
                break  # a comma or full stop ends the name
        elif bare.lower() in _small_words() and bare == word:
            continue
        elif bare == word and word.islower():
            if _is_capitalized(words[position + 1][2] if position + 1 < len(words) else ""):
                return None  # "Results Show Firmware is Trending Up": a headline goes on
            break
        else:
            return None  # not a word in lower case: no bound seen
    else:
        return None  # the run reaches the next mark or the paragraph's end: no bound seen
    if end is None or count < 2:
        return None  # one capitalized word may be a sentence's first ("“Nobody came")
    return end


def open_title(text: str, closer: int, start: int) -> int | None:
    """Where a quoted name in title case begins: before its first capitalized word, when a
    word in lower case stands before it (``won the “Silver Harbour Prize”``).

    >>> open_title('won the Silver Harbour Prize\u201d', 28, 0)
    8
    """
    head = text[start:closer]
    trimmed = head.rstrip(".,!?")
    words = [(start + m.start(), m[0]) for m in _WORD.finditer(trimmed)]
    if not words or start + len(trimmed) != words[-1][0] + len(words[-1][1]):
        return None
    begin = None
    count = 0
    for position in range(len(words) - 1, -1, -1):
        offset, word = words[position]
        if word is not words[-1][1] and _TERM_PUNCTUATION.search(word):
            return None  # punctuation inside: a title with a colon, or a clause
        if _is_capitalized(word):
            begin = offset
            count += 1
            if count > MAX_TERM_WORDS:
                return None
        elif word.lower() not in _small_words():
            if position and _is_capitalized(words[position - 1][1]):
                return None  # "Results Show Firmware is Trending Up”": a headline
            break
    else:
        return None  # the run reaches the line's start: no bound seen (a headline?)
    if begin is None or count < 2:
        return None
    return begin
