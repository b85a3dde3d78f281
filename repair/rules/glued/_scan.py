"""Where glued tokens can be, found once per document and shared by the GLU rules.

A glued token holds a capital after a lower-case letter, a digit or "%" ("dealsAnd",
"2%According"), or three capitals before a lower-case letter ("BBCAll"). ``re`` finds those
capitals fast; the token patterns are then tried only where such a capital can start one.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Iterator
from typing import Final

from repair.document import Document
from repair.rules.encoding._by_line import offsets_by_line
from repair.rules.same_text import is_changed_paragraphs, shared_by_text

# A run of letters with a lower-to-upper change ("dealsAnd") or an acronym before a
# capitalised word ("BBCAll"). Handles (@x), hashtags, paths, dotted names, domains
# ("ChinaDaily.com") and code between backticks are skipped.
MIXED_CASE_TOKEN: Final = re.compile(
    r"""(?<![\w@#/\\.'\u2019`])
        [A-Za-z]*(?:[a-z][A-Z]|[A-Z]{3}[a-z])[A-Za-z]*
        (?![\w@/`]|\.[A-Za-z])
    """,
    re.VERBOSE,
)
# Parts of a camel-case token: "reporterCNNOur" -> reporter, CNN, Our.
_PART: Final = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+")

_CAPITAL_TRIGGER: Final = re.compile(r"[A-Z](?:(?<=[a-z\d%][A-Z])|(?=[A-Z]{2}[a-z]))")
"""Where a glued token can start: a capital after a lower-case letter, a digit or "%", or
before two more capitals and a lower-case letter. The specification of :func:`capital_hits`,
which finds its hits faster."""
# The trigger reads ASCII only, so a copy of the text with one byte a character (anything
# past Latin-1 replaced by "?") and each byte folded to its class (lower-case letters, digits
# and "%" to "a", capitals to "A", the rest to a space) holds its hits where two byte strings
# are: "aA" (at its capital) and "AAAa" (when the text has a lower-case letter at the "a").
# bytes.find skips through the copy faster than the pattern walks the text (11 -> 6.5 ms on
# the 2 MB of /work/wt/prof.py).
_FOLD: Final = bytes(
    ord("a")
    if chr(byte) in string.ascii_lowercase + string.digits + "%"
    else ord("A")
    if chr(byte) in string.ascii_uppercase
    else ord(" ")
    for byte in range(256)
)
_ASCII_LETTER: Final = re.compile(r"[A-Za-z]")


class RunStarts:
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


def matches_from(
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


def capital_hits(doc: Document) -> tuple[int, ...]:
    """Offsets of the capitals where GLU001 and GLU002 look for a glued token.

    In a fix run they are kept by line, so that a later pass searches only the lines it
    changed: the trigger reads a capital, the character before it and the three after,
    none of which can be a line break, so a line alone has the hits it has in the text.
    """
    return shared_by_text(doc, "repair.rules.glued.capitals", _capital_hits)


def _capital_hits(doc: Document) -> tuple[int, ...]:
    if is_changed_paragraphs(doc):
        # The paragraphs a pass changed, new to the run's table by line: searched whole,
        # once a pass for GLU002 and GLU003 (shared_by_text), not looked up line by line.
        return _find_capitals(doc.text)
    return tuple(offsets_by_line(doc, "repair.rules.glued.capitals", _find_capitals))


def _find_capitals(text: str) -> tuple[int, ...]:
    """The starts of ``_CAPITAL_TRIGGER.finditer(text)``, in order."""
    folded = text.encode("latin-1", "replace").translate(_FOLD)
    find = folded.find
    hits = []
    at = find(b"aA")
    while at >= 0:
        hits.append(at + 1)
        at = find(b"aA", at + 2)  # the next cannot start on this one's "A"
    at = find(b"AAAa")
    while at >= 0:
        if "a" <= text[at + 3] <= "z":
            hits.append(at)
        at = find(b"AAAa", at + 1)
    # A capital can be both (the "B" of "xBBCa"): the pattern finds it once.
    return tuple(sorted(set(hits)))


def mixed_case_tokens(doc: Document) -> tuple[re.Match[str], ...]:
    """The matches of ``MIXED_CASE_TOKEN`` in the text, found once for GLU001 and GLU003.

    A token is a whole run of ASCII letters after no word character, so the only place one
    holding a trigger capital can start is the start of that capital's run of letters.
    """
    return doc.shared("repair.rules.glued.tokens", _search_mixed_case_tokens)


def _search_mixed_case_tokens(doc: Document) -> tuple[re.Match[str], ...]:
    return tokens_at(doc.text, capital_hits(doc))


def mixed_case_tokens_in(text: str) -> tuple[re.Match[str], ...]:
    """The matches of ``MIXED_CASE_TOKEN`` in ``text``, for a text that is no document's
    (the lines a pass of a fix run changed, joined): what :func:`mixed_case_tokens` finds."""
    return tokens_at(text, _find_capitals(text))


def tokens_at(text: str, hits: Iterable[int]) -> tuple[re.Match[str], ...]:
    """The matches of ``MIXED_CASE_TOKEN`` in ``text``, whose capital hits are ``hits``."""
    run_start = RunStarts(text, _ASCII_LETTER)
    starts = (run_start(hit) for hit in hits)
    return tuple(matches_from(MIXED_CASE_TOKEN, text, starts))


def split_parts(token: str) -> list[str]:
    """The camel-case parts of a token.

    >>> split_parts("reporterCNNOur"), split_parts("iPhone")
    (['reporter', 'CNN', 'Our'], ['i', 'Phone'])
    """
    return _PART.findall(token)
