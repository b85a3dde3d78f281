"""The evidence of words language detection (:mod:`repair.language`) weighs: the Latin-script
words of a text, its letters of other scripts, its plain words, English markers and common
English words, for a whole sample, a piece of one (:mod:`repair.language_prefix`) or a line
(a fix run's memo)."""

from __future__ import annotations

import functools
import re
from typing import Final

from repair import data
from repair.language_prefix import Tally, word_bound
from repair.lexicon import COMMON_WORD_ZIPF, zipf

_MARKERS_TABLE: Final = "language-english-markers"
_OTHER_COMMON_TABLE: Final = "language-other-common-words"


# A Latin-script word; Vietnamese letters (Latin Extended Additional) included.
LATIN_WORD: Final = re.compile(
    r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+(?:['\u2019][A-Za-z\u00c0-\u024f\u1e00-\u1eff]+)*"
)
# A letter of any other script: Han, kana, Hangul, Cyrillic, Greek, Arabic...
OTHER_LETTER: Final = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_LONGEST_WORD: Final = 20  # longer runs of letters are base64, hashes and the like
_PLAIN_WORDS: Final[set[str]] = set()  # the words :func:`_is_plain_word` said yes and no to
_OTHER_WORDS: Final[set[str]] = set()
_MAX_REMEMBERED_WORDS: Final = 200_000  # then both are emptied: memory stays bounded

_ASCII_BYTES: Final = bytes(range(0x80))


def other_letters(text: str) -> int:
    """How many letters of other scripts ``text`` holds (``OTHER_LETTER``'s matches).

    No ASCII character is one, so only the others are searched: the text's UTF-8 without
    its ASCII bytes, which leaves whole characters (a character past ASCII is made of
    bytes past ASCII only), found at C speed where a search would test every character.

    >>> other_letters("The \u5317\u4eac office, caf\u00e9 \u201cok\u201d"), other_letters("ok")
    (2, 0)
    """
    rest = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    return len(OTHER_LETTER.findall(rest.decode("utf-8", "surrogatepass")))


LineEvidence = tuple[list[str], int, int, bool, int]
"""Of a line: its plain words (:func:`plain_words`), their letters, the English markers
among them, whether a word has two letters or more, and :func:`word_bound`."""
Lines = dict[str, LineEvidence]
"""A fix run's memo of :func:`line_evidence`, by line (see :meth:`Document.run_memo`)."""


def line_evidence(line: str) -> LineEvidence:
    tokens = LATIN_WORD.findall(line)
    words = plain_words(tokens)
    long_word = any(len(token) > 1 for token in tokens)
    return words, sum(map(len, words)), marker_count(words), long_word, word_bound(line)


def _is_plain_word(word: str) -> bool:
    """A word as prose writes it: lowercase, capitalized or all capitals, and not too long
    (``AAQSkZJRg`` of a base64 image is no word).

    >>> [w for w in ("news", "News", "NEWS", "iPhone", "AAQSkZJRg") if _is_plain_word(w)]
    ['news', 'News', 'NEWS']
    """
    return len(word) <= _LONGEST_WORD and (word.islower() or word.isupper() or word[1:].islower())


def plain_words(tokens: list[str]) -> list[str]:
    """The plain words (:func:`_is_plain_word`) among ``tokens``, in order.

    Detection runs on every paragraph a rule reports in: each distinct word is tested once
    per process, and the tokens are filtered by set membership, without a call per token.

    >>> plain_words(["The", "cat", "iPhone", "the", "cat"])
    ['The', 'cat', 'the', 'cat']
    """
    if len(_PLAIN_WORDS) + len(_OTHER_WORDS) > _MAX_REMEMBERED_WORDS:
        _PLAIN_WORDS.clear()
        _OTHER_WORDS.clear()
    for word in set(tokens).difference(_PLAIN_WORDS, _OTHER_WORDS):
        (_PLAIN_WORDS if _is_plain_word(word) else _OTHER_WORDS).add(word)
    return list(filter(_PLAIN_WORDS.__contains__, tokens))


def marker_count(words: list[str]) -> int:
    forms = _marker_forms()
    if forms is None:
        markers = data.word_set(_MARKERS_TABLE)
        return sum(1 for w in words if w.lower() in markers)
    return sum(map(forms.__contains__, words))


def tally(piece: str) -> Tally:
    """A piece's markers, plain words, and whether a word has two letters or more."""
    tokens = LATIN_WORD.findall(piece)
    words = plain_words(tokens)
    return marker_count(words), len(words), any(len(t) > 1 for t in tokens)


@functools.cache
def _marker_forms() -> frozenset[str] | None:
    """The plain words whose lowercase is an English marker: each marker lowercase, all
    capitals and capitalized (``the``, ``THE``, ``The``), to count markers with one set
    lookup per word. ``None`` if a marker is not lowercase ASCII, where that would not hold.

    Only ASCII words lowercase to ASCII markers ("\N{LATIN CAPITAL LETTER I WITH DOT ABOVE}"
    lowercases to two characters, one of them non-ASCII), and a plain ASCII word (see
    :func:`_is_plain_word`) is lowercase, all capitals or capitalized.
    """
    markers = data.word_set(_MARKERS_TABLE)
    if not all(m.isascii() and m.islower() and m.isalpha() for m in markers):
        return None
    return frozenset(f for m in markers for f in (m, m.upper(), m.capitalize()))


# The commonest English markers, most frequent first (wordfreq's order): counted first, they
# decide most English samples after two or three counts. The table's others follow.
_COMMONEST_MARKERS: Final = (
    "the and that you it with this are have not from but we your his they about what when has"
)


@functools.cache
def spaced_markers() -> tuple[str, ...]:
    """The English markers between two spaces (``" the "``), the commonest first, counted by
    :func:`repair.language_prefix.spaced_share_reached`: each must be a plain word
    (:func:`_is_plain_word`) of two letters or more, ASCII and lowercase (the case
    :func:`marker_count` counts under either of its ways), so whole words between spaces."""
    markers = data.word_set(_MARKERS_TABLE)
    ordered = [m for m in _COMMONEST_MARKERS.split() if m in markers]
    ordered += sorted(markers.difference(ordered))
    return tuple(
        f" {word} "
        for word in ordered
        if word.isascii()
        and word.isalpha()
        and word.islower()
        and len(word) > 1
        and _is_plain_word(word)
        and marker_count([word]) == 1
    )


def others_and_bound(text: str) -> tuple[int, int]:
    """:func:`other_letters` and :func:`word_bound` of ``text``, from one UTF-8 encoding."""
    encoded = text.encode("utf-8", "surrogatepass")
    bound = word_bound(text, encoded)
    if len(encoded) == len(text):
        return 0, bound  # ASCII: no letter of another script
    rest = encoded.translate(None, _ASCII_BYTES)
    return len(OTHER_LETTER.findall(rest.decode("utf-8", "surrogatepass"))), bound


def common_english_share(words: list[str]) -> float:
    """The share of the lowercase words that are common English words (Zipf >= 3)."""
    lowercase = [w for w in words if w.islower()]
    if not lowercase:
        return 0.0
    return sum(1 for w in lowercase if zipf(w) >= COMMON_WORD_ZIPF) / len(lowercase)


def title_case_share(words: list[str]) -> float:
    """Of a sample with no lowercase word (a Title Case headline: "US Defense Secretary's
    Pivotal NATO Visit"), :func:`common_english_share` of its capitalised words'
    lowercase forms; 0.0 when it has a lowercase word, when under half its words are
    capitalised, or when one of them could be another language's evidence: a letter outside
    ASCII, or a word at least twice as frequent in a Latin-script language lingua names
    ("Die", "De", "Plus": the table of scripts/language_other_words.py).

    Function words of French, Spanish or Italian are common English words too ("de", "la",
    "con" have Zipf >= 4 in English): without that table, 47 of 3,478 non-English Title Case
    lines lingua names another language passed; with it, none does
    (tests/test_language_titles.py). Words of all capitals in ASCII (NATO, US) are acronyms
    in any language: no evidence either way; one with a letter outside ASCII ("NĚKAM") is
    another language's evidence as a capitalised word would be.
    """
    capitalised = []
    for word in words:
        if word.islower():
            return 0.0
        if len(word) > 1 and word[1:].islower():
            capitalised.append(word)
        elif not word.isascii():
            return 0.0
    if not capitalised or 2 * len(capitalised) < len(words):
        return 0.0
    forms = []
    other = data.word_set(_OTHER_COMMON_TABLE)
    for word in capitalised:
        form = word.lower().replace("\u2019", "'")
        if form.endswith("'s"):
            form = form[:-2]  # the possessive: "secretary's" is rarer than "secretary"
        if not form.isascii() or form in other:
            return 0.0
        forms.append(form)
    return sum(1 for form in forms if zipf(form) >= COMMON_WORD_ZIPF) / len(forms)


__all__ = [
    "LATIN_WORD",
    "OTHER_LETTER",
    "LineEvidence",
    "Lines",
    "common_english_share",
    "line_evidence",
    "marker_count",
    "other_letters",
    "others_and_bound",
    "plain_words",
    "spaced_markers",
    "tally",
    "title_case_share",
    "word_bound",
]
