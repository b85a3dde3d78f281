"""GLU: glued words. Words run together where a space or a sentence end was lost: lower-upper
joins ("dealsAnd"), a number run into a word ("2%According"), a byline's name run into its
desk ("Anna SmithEurope correspondent").

Real camel case and brand names (iPhone, McDonald, JPMorgan, YouTube) are told apart by the
lexicon: a split is proposed only when every part is a word and the glued form is neither a
word nor a known casing (data/glued-casings.txt). Splitting inserts a space, and inserting is
never certain, so every fix here is unsafe.
"""

from __future__ import annotations

import functools
import heapq
import re
from collections.abc import Iterable, Iterator
from typing import Final

from repair import data, lexicon
from repair.document import Document
from repair.findings import Applicability, Edit, Finding, Fix, Severity, Span
from repair.rules.base import CheckContext, FixAvailability, Rule

_CASINGS: Final = "glued-casings"
_NAME_PARTICLES: Final = "glued-name-particles"
_BYLINE_ROLES: Final = "glued-byline-roles"

# A run of letters with a lower-to-upper change ("dealsAnd") or an acronym before a
# capitalised word ("BBCAll"). Handles (@x), hashtags, paths and dotted names are skipped.
_MIXED_CASE_TOKEN: Final = re.compile(
    r"""(?<![\w@#/\\.'\u2019])
        [A-Za-z]*(?:[a-z][A-Z]|[A-Z]{3}[a-z])[A-Za-z]*
        (?![\w@/])
    """,
    re.VERBOSE,
)
# Parts of a camel-case token: "correspondentBBCAll" -> correspondent, BBC, All.
_PART: Final = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+")
# "First LastDesk role": the token after a capitalised first name, then a byline title.
_BYLINE_SHAPE: Final = re.compile(r"([A-Z][a-z]+) $")
_NEXT_WORD: Final = re.compile(r" ([a-z]+)(?![a-z])")

# Where a glued token can be: a capital after a lower-case letter, a digit or "%" ("dealsAnd",
# "2%According"), or three capitals before a lower-case letter ("BBCAll"). ``re`` finds
# capitals fast, and checks the letters around them only there.
_CAPITAL_TRIGGER: Final = re.compile(r"[A-Z](?:(?<=[a-z\d%][A-Z])|(?=[A-Z]{2}[a-z]))")
_PERCENT_TRIGGER: Final = re.compile(r"%[a-z]")
_ASCII_LETTER: Final = re.compile(r"[A-Za-z]")
_NUMBER_CHAR: Final = re.compile(r"[\w.,]")
_LOWER: Final = frozenset("abcdefghijklmnopqrstuvwxyz")
_UPPER: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


class _RunStarts:
    """Start of the run of characters matching ``char`` that ends at a given offset.

    Asked for ends in increasing order, it scans each character once: a run that reaches
    the previous end starts where that one did.
    """

    def __init__(self, text: str, char: re.Pattern[str]) -> None:
        self._text = text
        self._char = char
        self._end = -2
        self._start = -2

    def __call__(self, end: int) -> int:
        """``end`` must hold a matching character."""
        match = self._char.match
        start = end
        while start > 0 and match(self._text, start - 1):
            if start - 1 == self._end:
                start = self._start
                break
            start -= 1
        self._end, self._start = end, start
        return start


def _matches_from(
    pattern: re.Pattern[str], text: str, starts: Iterable[int]
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` when ``starts`` holds, in order, every offset a match may
    start at: the pattern (which never matches the empty string) is tried there only, as
    ``finditer`` would, past the last match."""
    resume = tried = -1
    for start in starts:
        if start < resume or start == tried:
            continue
        tried = start
        match = pattern.match(text, start)
        if match is not None:
            resume = match.end()
            yield match


def _capital_hits(doc: Document) -> tuple[int, ...]:
    """Offsets of the capitals where GLU001 and GLU002 look for a glued token."""
    return doc.shared(
        "repair.rules.glued.capitals",
        lambda d: tuple(hit.start() for hit in _CAPITAL_TRIGGER.finditer(d.text)),
    )


def _mixed_case_tokens(doc: Document) -> tuple[re.Match[str], ...]:
    """The matches of ``_MIXED_CASE_TOKEN`` in the text, found once for GLU001 and GLU003.

    A token is a whole run of ASCII letters after no word character, so the only place one
    holding a trigger capital can start is the start of that capital's run of letters.
    """
    return doc.shared("repair.rules.glued.tokens", _search_mixed_case_tokens)


def _search_mixed_case_tokens(doc: Document) -> tuple[re.Match[str], ...]:
    run_start = _RunStarts(doc.text, _ASCII_LETTER)
    starts = (run_start(hit) for hit in _capital_hits(doc))
    return tuple(_matches_from(_MIXED_CASE_TOKEN, doc.text, starts))


@functools.cache
def _casings() -> frozenset[str]:
    return frozenset(casing.lower() for casing in data.word_set(_CASINGS))


def _is_known_casing(token: str) -> bool:
    """True when the glued form is itself a word or a listed casing.

    >>> _is_known_casing("YouTube"), _is_known_casing("dealsAnd")
    (True, False)
    """
    return token.lower() in _casings() or lexicon.is_word(token)


def split_parts(token: str) -> list[str]:
    """The camel-case parts of a token.

    >>> split_parts("correspondentBBCAll"), split_parts("iPhone")
    (['correspondent', 'BBC', 'All'], ['i', 'Phone'])
    """
    return _PART.findall(token)


def _part_is_word(part: str) -> bool:
    if part.isupper():
        return len(part) >= 3 and lexicon.is_word(part)  # "AS" in "TestAS" is no evidence
    return len(part) >= 2 and lexicon.is_word(part)


def _glued_parts(token: str) -> list[str] | None:
    """The words a glued token is made of, or ``None`` when it may be written so on purpose.

    >>> _glued_parts("dealsAnd"), _glued_parts("McKinsey"), _glued_parts("OpenAI")
    (['deals', 'And'], None, None)
    """
    parts = split_parts(token)
    if len(parts) < 2 or "".join(parts) != token or _is_known_casing(token):
        return None
    if not all(_part_is_word(part) for part in parts):
        return None
    first = parts[0]
    if first[0].isupper() and not first.isupper():
        # Names and brands start so ("DelBene", "SolarCity"): every part must be common.
        if len(first) < 3 or first in data.word_set(_NAME_PARTICLES):
            return None
        if not all(lexicon.is_word(part, threshold=lexicon.COMMON_WORD_ZIPF) for part in parts):
            return None  # "KowalSki" is a misspelt name, not two words
    return parts


def _split_fix(start: int, parts: list[str]) -> Fix:
    edits = []
    offset = start
    for part in parts[:-1]:
        offset += len(part)
        edits.append(Edit.insert(offset, " "))
    return Fix.of(edits, Applicability.UNSAFE, f'Split into "{" ".join(parts)}"')


def _is_byline(text: str, start: int, end: int) -> bool:
    """True when the token at ``[start, end)`` follows a first name and precedes a title."""
    before = _BYLINE_SHAPE.search(text, max(0, start - 40), start)
    after = _NEXT_WORD.match(text, end)
    return (
        before is not None
        and before.end() == start
        and after is not None
        and after[1] in data.word_set(_BYLINE_ROLES)
    )


def glued_words(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Words run together with no space, seen as a capital inside a word.

    What it catches:
        A lower-case letter followed by a capital ("dealsAnd", "riseWitness") or an acronym
        followed by a capitalised word ("BBCAll"), when every part is a word of the lexicon
        and the glued form is neither a word nor a casing of data/glued-casings.txt. Parts of
        one letter (iPhone, eBay), acronyms of two (OpenAI, macOS), name particles
        (McKinsey, DeSantis, MacArthur) and handles or hashtags are never split. Bylines
        ("SmithEurope correspondent") are left to GLU003.
    Why:
        A scraper that joins text nodes, or MT that loses a sentence break, leaves two words
        that no dictionary, search engine or metric can read.
    Bad:
        Russia and Ukraine agreed to start peace dealsAnd that he instructed officials.
    Good:
        JPMorgan, YouTube, McDonald and eBay sell on PlayStation and iPhone.
    Fix safety:
        Unsafe: a space is inserted at each change of case, but the lost separator may have
        been a sentence end or a line break, and some casings are names.
    """
    text = doc.text
    for match in _mixed_case_tokens(doc):
        token = match[0]
        parts = _glued_parts(token)
        if parts is None or _is_byline(text, match.start(), match.end()):
            continue
        yield Finding(
            "GLU001",
            f'Words run together in "{token}"',
            Span(match.start(), match.end()),
            Severity.WARNING,
            _split_fix(match.start(), parts),
        )


# A number, a percentage or an amount run into the next word: "2%According", "5%of".
_GLUED_NUMBER: Final = re.compile(
    r"""(?<![\w.,])
        (?P<number>\d+(?:[.,]\d+)*(?P<percent>%)?)
        (?P<word>[A-Z][a-z]{2,}|(?<=%)[a-z]{2,})  # a capitalised word, or any after "%"
        (?![\w@])
    """,
    re.VERBOSE,
)


def _number_starts(doc: Document) -> Iterator[int]:
    """Where a match of ``_GLUED_NUMBER`` may start, in order.

    A match's number ends right before a capital, or before "%" and a lower-case letter,
    and starts its run of word characters, periods and commas (none may come before it).
    """
    text = doc.text
    run_start = _RunStarts(text, _NUMBER_CHAR)
    capitals = (hit - 1 for hit in _capital_hits(doc) if hit)
    percents = (hit.start() for hit in _PERCENT_TRIGGER.finditer(text))
    for end in heapq.merge(capitals, percents):
        if text[end] == "%":
            end -= 1
        if end >= 0 and _NUMBER_CHAR.match(text, end):
            yield run_start(end)


def glued_number(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """A number or percentage run into the next word.

    What it catches:
        Digits, or a percentage, followed with no space by a capitalised common word
        ("2%According", "2019Pictured"), or a percentage followed by a lower-case word
        ("5%of"). Units and ordinals ("10km", "2nd", "1990s"), codes ("G20", "5G") and
        casings of data/glued-casings.txt ("3Com") are left alone.
    Why:
        The sentence boundary or the space was lost; readers and tokenizers see a code.
    Bad:
        Only 23 out of 32 members reached 2%According to NATO estimates.
    Good:
        Only 23 out of 32 members reached 2% of GDP in 2024, and 3Com sold 5G kits.
    Fix safety:
        Unsafe: a space is inserted after the number, but a sentence end may have been lost
        there too.
    """
    text = doc.text
    for match in _matches_from(_GLUED_NUMBER, text, _number_starts(doc)):
        word = match["word"]
        if not lexicon.is_word(word, threshold=lexicon.COMMON_WORD_ZIPF):
            continue
        # Not the lexicon: wordfreq splits "2%According" into tokens and knows them all.
        if match[0].lower() in _casings():
            continue
        split_at = match.end("number")
        yield Finding(
            "GLU002",
            f'Number run into a word in "{match[0]}"',
            Span(match.start(), match.end()),
            Severity.WARNING,
            Fix.of(
                (Edit.insert(split_at, " "),),
                Applicability.UNSAFE,
                f'Split into "{match["number"]} {word}"',
            ),
        )


# A surname run into the desk of a byline: "Anna SmithEurope correspondent".
_GLUED_BYLINE: Final = re.compile(
    r"""(?<![\w.])
        [A-Z][a-z]+\x20                  # a first name
        (?P<token>
          (?P<name>[A-Z][a-z]+)          # the surname
          (?P<desk>[A-Z][a-z]+|[A-Z]{2,}(?![a-z]))  # a desk or an outlet: Europe, BBC
        )
        \x20(?P<role>[a-z]+)(?![a-z])    # a title from data/glued-byline-roles.txt
    """,
    re.VERBOSE,
)


def _byline_starts(doc: Document) -> Iterator[int]:
    """Where a match of ``_GLUED_BYLINE`` may start, in order: its surname and desk make a
    mixed-case token, after a space and a capitalised first name."""
    text = doc.text
    for token in _mixed_case_tokens(doc):
        space = token.start() - 1
        if space < 2 or text[space] != " ":
            continue
        start = space
        while start > 0 and text[start - 1] in _LOWER:
            start -= 1
        if start < space and start > 0 and text[start - 1] in _UPPER:
            yield start - 1


def glued_byline(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """A byline's surname run into the reporter's desk or outlet.

    What it catches:
        "First LastDesk title" as scrapers leave bylines whose parts were separate
        elements: "Anna SmithEurope correspondent", "Jonathan BealeDefence correspondent".
        The next word must be a title of data/glued-byline-roles.txt and the desk a word;
        the surname need not be a word.
    Why:
        The reporter's name is garbled and the byline runs into the text around it.
    Bad:
        Anna SmithEurope correspondent
    Good:
        Nick Beake, Europe correspondent, and Ron DeSantis, editor
    Fix safety:
        Unsafe: a space is inserted between surname and desk; the byline may have been
        separate lines.
    """
    text = doc.text
    for match in _matches_from(_GLUED_BYLINE, text, _byline_starts(doc)):
        if match["role"] not in data.word_set(_BYLINE_ROLES):
            continue
        token, name, desk = match["token"], match["name"], match["desk"]
        if _is_known_casing(token) or name in data.word_set(_NAME_PARTICLES):
            continue
        if len(name) < 3 or not lexicon.is_word(desk):
            continue
        yield Finding(
            "GLU003",
            f'Byline name run into its desk in "{token} {match["role"]}"',
            Span(match.start("token"), match.end("role")),
            Severity.WARNING,
            _split_fix(match.start("token"), [name, desk]),
        )


RULES: Final[tuple[Rule, ...]] = (
    Rule("GLU001", "glued-words", glued_words, FixAvailability.ALWAYS),
    Rule("GLU002", "glued-number", glued_number, FixAvailability.ALWAYS),
    Rule("GLU003", "glued-byline", glued_byline, FixAvailability.ALWAYS),
)
