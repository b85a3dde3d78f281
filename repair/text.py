"""Words and trigger lines shared by the rules: one place for the word patterns, so that two
rules meaning the same word use the same pattern, and for the per-document analyses built on
them (computed once per document through ``doc.shared``, whichever rule asks first).

The word patterns differ on purpose, each named for what it takes:

- :data:`ASCII_WORD`: starts at an ASCII letter, then runs over word characters, apostrophes
  and hyphens ("Zoë's", "state-owned"); numbers are not words. Counts words of a line.
- :data:`WORD_RUN`: any run of word characters, apostrophes and hyphens, numbers included
  ("40", "over-40s"). Compares runs of words, where a number is a word like the others.
- :data:`LETTER_WORD`: letters only, in any script, joined by single apostrophes or hyphens
  ("don't", "state-owned"; not "2%According", not "'s"). Whether a string is one word.
- :data:`LETTER_START_WORD`: starts at a letter of any script, then runs as
  :data:`WORD_RUN` does ("Zoë's", "Covid-19"). Counts the words of a page's lines, in any
  language.
- :data:`LETTERS`: a run of letters of any script, nothing else ("don", "t"). The parts of
  a name that spelling compares.

Rules whose word must stop or start elsewhere (a lookbehind for URLs, letters of one case,
a minimum length) keep their own pattern beside the rule: see each rule's comment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Final

from repair.document import Document
from repair.line_pieces import finditer_pieces

ASCII_WORD: Final = re.compile(r"[A-Za-z][\w'\u2019-]*")
WORD_RUN: Final = re.compile(r"[\w'\u2019-]+")
LETTER_WORD: Final = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
LETTER_START_WORD: Final = re.compile(r"[^\W\d_][\w'\u2019-]*")
LETTERS: Final = re.compile(r"[^\W\d_]+")

LINE_BREAK_WORD: Final = b"\x00"
"""What :func:`folded_word_runs` gives for a line break."""

# The byte table of folded_word_runs: the ASCII characters WORD_RUN takes are kept, capitals
# lowered; the line break becomes a NUL, which no other character gives (every other ASCII
# character becomes a space); the bytes of UTF-8 sequences (128 and over) are kept.
_FOLD_WORD_BYTES: Final = bytes(
    (byte | 0x20 if 0x41 <= byte <= 0x5A else byte)
    if WORD_RUN.fullmatch(chr(byte))
    else 0
    if byte == 0x0A
    else 0x20
    for byte in range(128)
) + bytes(range(128, 256))
# The characters outside ASCII that WORD_RUN does not take (quote marks, dashes, no-break
# spaces, lone surrogates): the byte table cannot tell their bytes from a word's.
_NON_ASCII_NON_WORD: Final = re.compile(r"[^\w'\u2019\-\x00-\x7f]")


def folded_word_runs(text: str) -> list[bytes]:
    """The :data:`WORD_RUN` words of ``text`` in order, each in UTF-8 with its ASCII capitals
    lowered (other letters as written), and :data:`LINE_BREAK_WORD` for each line break:
    words to compare by the thousand, split in C with no match object nor string per word
    (about a third of ``findall``'s cost).

    The characters outside ASCII that are not word characters become spaces; one byte table
    then turns every other character that is not a word character into a space and the line
    break into a NUL, so that ``bytes.split`` splits where :data:`WORD_RUN` stops.

    >>> folded_word_runs("Over 40 years,\\nOVER-40s \\u201cZo\\u00eb\\u2019s\\u201d.")
    [b'over', b'40', b'years', b'\\x00', b'over-40s', b'zo\\xc3\\xab\\xe2\\x80\\x99s']
    """
    if not text.isascii():
        text = _non_ascii_non_word_as_spaces(text)
    folded = text.encode().translate(_FOLD_WORD_BYTES)
    return folded.replace(LINE_BREAK_WORD, b" \x00 ").split()


_ASCII_BYTES: Final = bytes(range(128))
_FEW_CHARACTERS: Final = 16
TRIGGER_LINES: Final = "repair.text.trigger-lines"
"""The key (:meth:`Document.shared`) of :func:`lines_holding`'s tables, by trigger tuple."""
"""Up to this many characters outside ASCII that are no word characters, each is replaced
by ``str.replace`` (a search in C, a few microseconds for 25 kB); more, by one ``sub``."""


def _non_ascii_non_word_as_spaces(text: str) -> str:
    """``text`` with each character outside ASCII that :data:`WORD_RUN` does not take
    written as a space.

    A text holds few such characters (quote marks, dashes), but ``sub`` tests every
    character against the class, which cost more than the fold itself: the characters
    outside ASCII are found in C (the bytes of their UTF-8, with the ASCII ones deleted,
    are the UTF-8 of those characters alone) and the few that are not word characters
    replaced one by one.
    """
    utf8 = text.encode("utf-8", "surrogatepass")  # lone surrogates are characters too
    outside = set(utf8.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass"))
    others = [char for char in outside if _NON_ASCII_NON_WORD.match(char)]
    if len(others) > _FEW_CHARACTERS:
        return _NON_ASCII_NON_WORD.sub(" ", text)
    for char in others:
        text = text.replace(char, " ")
    return text


def trigger_lines(text: str, triggers: Iterable[re.Pattern[str]]) -> list[tuple[int, int]]:
    """Start and end (past the line break) of each line where one of ``triggers`` matches,
    in order. The last line's end is the text's end.

    A pattern that stays inside one line, and each of whose matches holds a match of one
    of ``triggers``, finds on these lines alone what it finds in the whole text. Triggers
    that start with a literal are the fast ones: ``re`` skips to a literal in C.

    >>> trigger_lines("a\\nb -c\\nd-e\\ne- f", (re.compile(r"-(?:(?<=\\x20-)|(?=\\x20))"),))
    [(2, 7), (11, 15)]
    """
    lines: dict[int, int] = {}
    for trigger in triggers:
        match = trigger.search(text)
        while match is not None:
            start = text.rfind("\n", 0, match.start()) + 1
            end = text.find("\n", match.start()) + 1 or len(text)
            lines[start] = end
            match = trigger.search(text, end)
    return sorted(lines.items())


def lines_holding(doc: Document, triggers: tuple[re.Pattern[str], ...]) -> list[tuple[int, int]]:
    """:func:`trigger_lines` of the document's text, found once per document for each tuple
    of ``triggers`` (keep the tuple in a constant: it is the cache's key)."""
    found = doc.shared(TRIGGER_LINES, _no_lines)
    lines = found.get(triggers)
    if lines is None:
        lines = found[triggers] = trigger_lines(doc.text, triggers)
    return lines


def share_trigger_lines(
    doc: Document,
    scans: tuple[tuple[str, re.Pattern[str]], ...],
    groups: tuple[tuple[re.Pattern[str], ...], ...],
) -> None:
    """Finds the lines of each of ``groups`` (a tuple of triggers, as
    :func:`lines_holding` takes) with one scan for them all, and keeps them where
    :func:`lines_holding` looks.

    For rules whose triggers are a few characters in some context (the PUN marks): each of
    ``scans`` is a character and a pattern starting with it, scanned when the text holds
    the character; every match of a trigger of ``groups`` must lie on a line where one of
    ``scans`` matches, and read nothing past that line's break. The lines of a group are
    then those of the scans where one of its triggers matches: a scan per character, not
    one per rule (a trigger that starts with a space stops at every word).
    """
    found = doc.shared(TRIGGER_LINES, _no_lines)
    missing = [group for group in groups if group not in found]
    if not missing:
        return
    text = doc.text
    lines = trigger_lines(text, tuple(scan for char, scan in scans if char in text))
    for group in missing:
        # A match starting on a line is found by a search of that line alone: it reads
        # nothing past the line's break (the line's end here), and a lookbehind reads the
        # text before the line's start as in a search of the whole text.
        found[group] = [
            (start, end)
            for start, end in lines
            if any(trigger.search(text, start, end) for trigger in group)
        ]


def _no_lines(doc: Document) -> dict[tuple[re.Pattern[str], ...], list[tuple[int, int]]]:
    return {}


def finditer_lines(
    pattern: re.Pattern[str], doc: Document, triggers: tuple[re.Pattern[str], ...]
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(doc.text)`` for a pattern that stays inside one line and each of
    whose matches holds a match of one of ``triggers``: run on :func:`lines_holding` alone.

    >>> doc, hyphen = Document.from_text("a b-c\\nd"), (re.compile("-"),)
    >>> [m[0] for m in finditer_lines(re.compile(r"\\w+-\\w+"), doc, hyphen)]
    ['b-c']
    """
    text = doc.text
    for start, end in lines_holding(doc, triggers):
        # A long line (one-line text) is searched only in the pieces around its triggers.
        yield from finditer_pieces(pattern, text, start, end, triggers)
