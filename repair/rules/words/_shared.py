"""What several WRD rules share: the word tables, the title test, and the prefilter that finds
where a word is followed by a copy of itself (WRD002, WRD003, WRD004)."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Iterator
from typing import Final

from repair import data
from repair.document import Document
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
    """In a fix run (:meth:`Document.run_memo`) each line's starts, relative to the line,
    are kept by its text: after a pass, the search runs only on the lines the pass changed
    (joined, so that it runs once), not on the whole text again."""
    memo: dict[str, tuple[int, ...]] | None = doc.run_memo("repair.rules.words.repeat-starts")
    if memo is None:
        return tuple(_starts_in(doc.text))
    lines = doc.text.split("\n")
    unknown = [line for line in lines if line not in memo] if memo else lines
    if unknown:
        memo.update(dict.fromkeys(unknown, ()))
        starts = iter(_starts_in("\n".join(unknown)))
        start = next(starts, None)
        offset = 0  # of unknown[position] in the joined lines
        for line in unknown:
            end = offset + len(line)
            found = []
            while start is not None and start < end:
                found.append(start - offset)
                start = next(starts, None)
            if found:
                memo[line] = tuple(found)
            offset = end + 1
    kept = list(map(memo.__getitem__, lines))
    line_starts = doc.line_starts
    return tuple(
        line_starts[index] + start
        for index in itertools.compress(range(len(lines)), kept)
        for start in kept[index]
    )


def _starts_in(text: str) -> list[int]:
    starts = [match.end() for match in _REPEAT_AFTER.finditer(text)]
    if _REPEAT_AT.match(text):
        starts.insert(0, 0)
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
