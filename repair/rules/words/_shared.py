"""What several WRD rules share: the word tables, the title test, and the prefilter that finds
where a word is followed by a copy of itself (WRD002, WRD003, WRD004)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import Final

from repair import data
from repair.document import Document
from repair.rules.words.line_memo import search_by_line
from repair.text import ASCII_WORD


@functools.cache
def function_words() -> frozenset[str]:
    """data/words-function.txt: words never capitalized mid-sentence."""
    return data.word_set("words-function")


@functools.cache
def repeatable() -> frozenset[str]:
    """data/words-repeatable.txt: words correct English may write twice in a row."""
    return data.word_set("words-repeatable")


def looks_like_title(text: str) -> bool:
    """True for a headline, label or dateline: four words or fewer, or mostly capitalized.

    >>> looks_like_title("Harbour Director's Pivotal Council Visit Amid Port Dispute")
    True
    >>> looks_like_title("The city council names a committee to plan for the 2031 W")
    False
    """
    tokens = ASCII_WORD.findall(text)
    if len(tokens) <= 4:
        return True
    words = function_words()
    content = [t for t in tokens if len(t) > 2 and t.lower() not in words]
    if not content:
        return False
    capitalized = sum(1 for t in content if t[0].isupper())
    return capitalized / len(content) >= 0.6


# Word starts where WRD002, WRD003 or WRD004 may match -------------------------------------

# Their patterns start with ``\b`` and a letter, so ``re`` would try them at every letter of
# the text. All three need a word followed, after non-word characters only, by the same word
# (WRD002, WRD003) or by a word of the same seven-letter stem (WRD004): this pattern finds
# those word starts, trying only after characters that are not ASCII letters or digits (a
# charset ``re`` skips to in C), and each rule runs its own pattern there alone. No rule's
# copies stand on two lines, so neither do these: the starts of a line depend on its text
# alone, and a fix run keeps them by line (``repeat_starts``).
_REPEAT_LETTERS: Final = "A-Za-z\u0130\u0131\u017f\u212a"  # [A-Za-z] under IGNORECASE
_REPEAT_AHEAD: Final = rf"""
    (?=
        (?P<word>                  # a word (WRD002's and WRD003's first copy)...
          (?> (?P<stem>[a-z]{{7}})[{_REPEAT_LETTERS}]*+  # ...its first seven letters if
            | [{_REPEAT_LETTERS}]++ )                   # lowercase (WRD004), else none
        )
        [^{_REPEAT_LETTERS}0-9_\n]++  # characters that are no letter, digit nor line break
        (?: (?i:(?P=word)) | (?P=stem) )  # the same word in any case, or the same 7 letters
    )
"""
# Most words are followed by a word of another first letter. Both copies above start with
# the same letter in any case (the same comparison the copy's first letter passes), which a
# look-ahead over the word's letters and the characters after, before any group of seven or
# whole word is compared, tells apart at half the cost.
_FIRST_LETTER_AGAIN: Final = rf"""
    (?=
        (?P<letter>[{_REPEAT_LETTERS}])[{_REPEAT_LETTERS}]*+
        [^{_REPEAT_LETTERS}0-9_\n]++
        (?i:(?P=letter))
    )
"""
_REPEAT_AFTER: Final = re.compile(
    rf"""[^A-Za-z0-9_]    # a character before a word: found by a charset skip, in C
        {_FIRST_LETTER_AGAIN}
        {_REPEAT_AHEAD}
    """,
    re.VERBOSE,
)
_REPEAT_AT: Final = re.compile(_REPEAT_AHEAD, re.VERBOSE)


def repeat_starts(doc: Document) -> tuple[int, ...]:
    """Offsets, in order, of the word starts where WRD002, WRD003 and WRD004 may match."""
    return doc.shared("repair.rules.words.repeat-starts", _find_repeat_starts)


def _find_repeat_starts(doc: Document) -> tuple[int, ...]:
    """In a fix run each line's starts are kept by its text (:mod:`.line_memo`)."""
    found = search_by_line(doc, "repair.rules.words.repeat-starts", _starts_in)
    return tuple(start for (start,) in found)


def _starts_in(text: str) -> list[tuple[int]]:
    starts = [(match.end(),) for match in _REPEAT_AFTER.finditer(text)]
    if _REPEAT_AT.match(text):
        starts.insert(0, (0,))
    return starts


def matches_at(
    pattern: re.Pattern[str], text: str, starts: Iterable[int]
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` when every match starts at one of ``starts`` (in order):
    the pattern, which never matches the empty string, is tried there alone, past the last
    match, as ``finditer`` would try it."""
    resume = -1
    for start in starts:
        if start < resume:
            continue
        match = pattern.match(text, start)
        if match is not None:
            resume = match.end()
            yield match
