"""GLU003: a byline's surname run into the reporter's desk ("Anna SmithEurope correspondent")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from repair import data, lexicon
from repair.document import Document
from repair.findings import Applicability, Edit, Fix, Hit, Span
from repair.rules.base import CheckContext
from repair.rules.glued._evidence import is_known_casing, is_name_particle
from repair.rules.glued._scan import matches_from, mixed_case_tokens

_BYLINE_ROLES: Final = "glued-byline-roles"

# "First LastDesk role": the token after a capitalised first name, then a byline title.
_BYLINE_SHAPE: Final = re.compile(r"([A-Z][a-z]+) $")
_NEXT_WORD: Final = re.compile(r" ([a-z]+)(?![a-z])")
_LOWER: Final = frozenset("abcdefghijklmnopqrstuvwxyz")
_UPPER: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")

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


def is_byline(text: str, start: int, end: int) -> bool:
    """True when the token at ``[start, end)`` follows a first name and precedes a title."""
    before = _BYLINE_SHAPE.search(text, max(0, start - 40), start)
    after = _NEXT_WORD.match(text, end)
    return (
        before is not None
        and before.end() == start
        and after is not None
        and after[1] in data.word_set(_BYLINE_ROLES)
    )


def _byline_starts(doc: Document) -> Iterator[int]:
    """Where a match of ``_GLUED_BYLINE`` may start, in order: its surname and desk make a
    mixed-case token, after a space and a capitalised first name."""
    text = doc.text
    for token in mixed_case_tokens(doc):
        space = token.start() - 1
        if space < 2 or text[space] != " ":
            continue
        start = space
        while start > 0 and text[start - 1] in _LOWER:
            start -= 1
        if start < space and start > 0 and text[start - 1] in _UPPER:
            yield start - 1


def glued_byline(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
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
    for match in matches_from(_GLUED_BYLINE, text, _byline_starts(doc)):
        if match["role"] not in data.word_set(_BYLINE_ROLES):
            continue
        token, name, desk = match["token"], match["name"], match["desk"]
        if is_known_casing(token) or is_name_particle(name):
            continue
        if len(name) < 3 or not lexicon.is_word(desk):
            continue
        split_at = match.start("token") + len(name)
        yield Hit(
            f'Byline name run into its desk in "{token} {match["role"]}"',
            Span(match.start("token"), match.end("role")),
            Fix.of(
                (Edit.insert(split_at, " "),), Applicability.UNSAFE, f'Split into "{name} {desk}"'
            ),
        )
