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
_OTHERS: Final = f"[^{_REPEAT_LETTERS}0-9_\\n]"


def _lookaheads(letters: str, others: str) -> str:
    """The look-aheads at a word start: ``letters`` are the pattern's letters, ``others``
    the class of the characters that are no letter, digit, "_" nor line break."""
    # Most words are followed by a word of another first letter. Both copies of the second
    # look-ahead start with the same letter in any case (the same comparison the copy's
    # first letter passes), which the first, over the word's letters and the characters
    # after, before any group of seven or whole word is compared, tells apart at half the
    # cost.
    return rf"""
    (?=
        (?P<letter>[{letters}])[{letters}]*+
        {others}++
        (?i:(?P=letter))
    )
    (?=
        (?P<word>                  # a word (WRD002's and WRD003's first copy)...
          (?> (?P<stem>[a-z]{{7}})[{letters}]*+  # ...its first seven letters if
            | [{letters}]++ )                   # lowercase (WRD004), else none
        )
        {others}++  # characters that are no letter, digit nor line break
        (?: (?i:(?P=word)) | (?P=stem) )  # the same word in any case, or the same 7 letters
    )
"""


_REPEAT_AFTER: Final = re.compile(
    rf"""[^A-Za-z0-9_]    # a character before a word: found by a charset skip, in C
        {_lookaheads(_REPEAT_LETTERS, _OTHERS)}
    """,
    re.VERBOSE,
)
_REPEAT_AT: Final = re.compile(_lookaheads(_REPEAT_LETTERS, _OTHERS), re.VERBOSE)

# The charset skip of ``_REPEAT_AFTER`` tests every character of the text and cost about a
# third of the search. A text is searched instead as one byte per character (its UTF-8, the
# continuation bytes deleted, so that offsets stay those of the text): letters, digits,
# "_" and line breaks as they are, every other character a space. A character before a
# word is then a space or a line break, the literal first character of a pattern each,
# which ``re`` finds in C at a fraction of a charset's cost; and the characters that are
# no letter, digit, "_" nor line break, which the look-aheads test only against their class
# of those, are all spaces. ASCII letters compare in any case alike under a bytes pattern
# (ASCII) and a text one (Unicode), and no character outside ASCII is a letter of the
# look-aheads nor equal in any case to one, but these four (the letter class names them;
# "\u0130" and "\u212a" are "i" and "k" in any case): a text holding one is searched as it is.
_LETTERS_OUTSIDE_ASCII: Final = "\u0130\u0131\u017f\u212a"
_ONE_BYTE_A_CHARACTER: Final = bytes(
    byte if chr(byte).isascii() and (chr(byte).isalnum() or chr(byte) in "_\n") else 32
    for byte in range(256)
)
_CONTINUATION_BYTES: Final = bytes(range(0x80, 0xC0))
_AHEAD_ASCII: Final = _lookaheads("A-Za-z", "[ ]").encode()
_AFTER_SPACE: Final = re.compile(rb"\ " + _AHEAD_ASCII, re.VERBOSE)
_AFTER_LINE_BREAK: Final = re.compile(rb"\n" + _AHEAD_ASCII, re.VERBOSE)


def repeat_starts(doc: Document) -> tuple[int, ...]:
    """Offsets, in order, of the word starts where WRD002, WRD003 and WRD004 may match."""
    return doc.shared("repair.rules.words.repeat-starts", _find_repeat_starts)


def _find_repeat_starts(doc: Document) -> tuple[int, ...]:
    """In a fix run each line's starts are kept by its text (:mod:`.line_memo`)."""
    found = search_by_line(doc, "repair.rules.words.repeat-starts", _starts_in)
    return tuple(start for (start,) in found)


def _starts_in(text: str) -> list[tuple[int]]:
    if not text.isascii() and any(letter in text for letter in _LETTERS_OUTSIDE_ASCII):
        starts = [(match.end(),) for match in _REPEAT_AFTER.finditer(text)]
    else:
        read = text.encode("utf-8", "surrogatepass").translate(
            _ONE_BYTE_A_CHARACTER, _CONTINUATION_BYTES
        )
        ends = [match.end() for match in _AFTER_SPACE.finditer(read)]
        ends += [match.end() for match in _AFTER_LINE_BREAK.finditer(read)]
        starts = [(end,) for end in sorted(ends)]
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
