"""WRD003 repeated-fragment: one word stuttered three times or more (he", he ", he")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from repair.document import Document
from repair.findings import Applicability, Fix, Hit, Span
from repair.rules.base import CheckContext
from repair.rules.words._shared import matches_at, repeat_starts, repeatable
from repair.rules.words.prose import in_prose

_REPEATED_FRAGMENT: Final = re.compile(
    r"""\b([A-Za-z]{1,12})\b        # a short word...
        (?:[^\w\n]{1,6}\1\b){2,}    # ...repeated twice more with only punctuation between
    """,
    re.VERBOSE | re.IGNORECASE,
)
_QUOTES_AND_BRACKETS: Final = re.compile(r"[\"\u201c\u201d\u201e\u00ab\u00bb()\[\]]")
# What stands between the copies of machine translation's quoted-speech stutter: commas,
# spaces and double quote marks only, each gap holding a quote mark (he", he ", he").
_QUOTE_GAP: Final = re.compile(r"[ ,]*[\"\u201c\u201d][ ,]*")
_SPACES_AND_QUOTES: Final = frozenset(" \"\u201c\u201d\u2018\u2019'")
# Between two copies that are each quoted whole: a closing mark, a comma and an opening one
# ("vote", "vote", "vote").
_QUOTED_LIST_GAP: Final = re.compile(r"[\"\u201d][,;]? [\"\u201c]")
_OPENING_MARKS: Final = frozenset('"\u201c')
_CLOSING_MARKS: Final = frozenset('"\u201d')


def _copies_and_gaps(match: re.Match[str]) -> tuple[list[str], list[str]]:
    """The copies of the word, as written, and what stands between them."""
    pieces = re.split(rf"\b({re.escape(match[1])})\b", match[0], flags=re.IGNORECASE)
    return pieces[1::2], pieces[2:-1:2]


def _is_token_run(gaps: list[str]) -> bool:
    """True when some copies touch with no space between ("ffff:ffff:ffff", "x.x.x"): an
    address or a placeholder, not speech."""
    return any(not any(mark in gap for mark in _SPACES_AND_QUOTES) for gap in gaps)


def _is_quoted_list(text: str, match: re.Match[str], gaps: list[str]) -> bool:
    """True when every copy is quoted whole, as a chant or a list of quoted words is
    ("Fans chanted \u201cMessi\u201d, \u201cMessi\u201d, \u201cMessi\u201d"); the stutter
    puts its marks out of pairs (he\u201d, he \u201c, he\u201d)."""
    opened = match.start() > 0 and text[match.start() - 1] in _OPENING_MARKS
    closed = match.end() < len(text) and text[match.end()] in _CLOSING_MARKS
    return opened and closed and all(_QUOTED_LIST_GAP.fullmatch(gap) for gap in gaps)


def _applicability(match: re.Match[str]) -> Applicability:
    """Safe for the quoted-speech stutter: copies written alike, quote marks in every gap."""
    word = match[1]
    copies, gaps = _copies_and_gaps(match)
    if any(copy != word for copy in copies) or not gaps:
        return Applicability.UNSAFE
    if all(_QUOTE_GAP.fullmatch(gap) for gap in gaps):
        return Applicability.SAFE
    return Applicability.UNSAFE


def repeated_fragment(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """A word stuttered three times or more, with quotes or punctuation between the copies.

    What it catches:
        The stutter machine translation makes of quoted speech: one word repeated with only
        quote marks, commas or brackets between (he", he ", he", he). Emphatic repetitions
        ("no, no, no") are listed in data/words-repeatable.txt; a plain comma-separated run
        is reported only from four copies on, and copies with no space or quote between
        them ("ffff:ffff:ffff", "x.x.x") are an address or a placeholder, not speech;
        copies each quoted whole are a chant or a list ("vote", "vote", "vote").
    Why:
        The copies are noise the source never had; the sentence around them is garbled too.
    Bad:
        expensive exercise, \\u201che\\u201d, he \\u201c, he\\u201d, he is expensive.
    Good:
        "No, no, no," she said, and he laughed.
    Fix safety:
        The fix keeps the first copy and drops the rest with the marks between them. Safe
        when the copies are written alike and every gap between them is a quote mark with
        commas or spaces (he", he ", he"): correct text never quotes one word so. Measured
        with the damage simulator (benchmarks/damage.py, stutter-only seeds 1-8 and 14 and
        all-kinds seeds 14, 21 and 22; each fix applied alone): right all 97 times it fired;
        it never fires on the human references of ../shared/eval/mqm-zhen. Unsafe otherwise
        (brackets, other marks or a mixed case between the copies: "Velmora (Velmora,
        Velmora)").
    """
    for match in matches_at(_REPEATED_FRAGMENT, doc.text, repeat_starts(doc)):
        word = match[1]
        if word.lower() in repeatable() or not in_prose(doc, match.start()):
            continue
        copies, gaps = _copies_and_gaps(match)
        if _is_token_run(gaps) or _is_quoted_list(doc.text, match, gaps):
            continue
        if len(copies) < 4 and not _QUOTES_AND_BRACKETS.search(match[0]):
            continue
        yield Hit(
            f'"{word}" repeated {len(copies)} times: "{match[0]}"',
            Span(match.start(), match.end()),
            Fix.replace(match.end(1), match.end(), "", _applicability(match), f'Keep one "{word}"'),
        )
