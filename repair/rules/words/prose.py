"""Which lines are prose: formulas, code, table rows and headlines are not sentences.

The repeat rules (WRD002, WRD003, WRD007) read words as a sentence's words; in a formula
("x i i = 0") or a table row a letter repeated is a symbol, not a stutter. The capital rule
(WRD005) reads a capital mid-line as out of place; in a title-case headline it is the style.
"""

from __future__ import annotations

import re
from typing import Final

from repair.document import Document
from repair.rules.words._shared import looks_like_title
from repair.text import ASCII_WORD

# Characters prose does not use but formulas, code and markup do. A ">" that opens a line is
# a Markdown quotation, and is stripped before the test.
_SYMBOLS: Final = re.compile(r"[=<>^{}\\|~`\t]|\S {3,}\S")
_QUOTE_PREFIX: Final = re.compile(r"^(?:[ \t]*>)+")
# A letter standing alone, as a variable does: not the words "a", "A" and "I", not an
# initial ("J. Smith") nor part of a contraction.
_LONE_LETTER: Final = re.compile(r"(?<![\w'\u2019.-])[B-HJ-Zb-z](?![\w'\u2019.-])")
# Runs of letters, counted by their lengths: one string per word, not one per letter.
_LETTERS: Final = re.compile(r"[^\W\d_]+")
_DIGITS: Final = re.compile(r"\d+")
_SENTENCE_END: Final = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")
_HEADLINE_MAX_WORDS: Final = 25
# A Markdown link's destination, whose words are a URL's, not the headline's.
_LINK_DESTINATION: Final = re.compile(r"\]\([^)\s]*\)")


def is_prose_line(line: str) -> bool:
    """False for a formula, a line of code or a table row: symbols prose does not use, many
    lone letters, or fewer letters than other characters.

    >>> is_prose_line("The sum of x i i = 0 holds for every i.")
    False
    >>> is_prose_line("Name  |  Votes  |  Share")
    False
    >>> is_prose_line("He said the the talks would go on.")
    True
    """
    body = _QUOTE_PREFIX.sub("", line)
    if _SYMBOLS.search(body):
        return False
    lone = len(_LONE_LETTER.findall(body))
    # The words and numbers are counted only when lone letters may be a third of them.
    if lone >= 2 and 3 * lone >= len(ASCII_WORD.findall(body)) + len(_DIGITS.findall(body)):
        return False
    visible = len(body) - body.count(" ")
    return 2 * sum(map(len, _LETTERS.findall(body))) >= visible


def is_headline(line: str) -> bool:
    """True for a title-case headline: a short line with no sentence end whose content words
    are mostly capitalized.

    >>> is_headline("Harbour Traffic Reaches a New Peak Above 40 Million")
    True
    >>> is_headline("So far Only 14 of 20 valley farms met the quota.")
    False
    >>> is_headline("[Go to About the Council](/about-council)")
    True
    """
    stripped = _LINK_DESTINATION.sub("]", line).strip()
    if not stripped or _SENTENCE_END.search(stripped):
        return False
    return len(ASCII_WORD.findall(stripped)) <= _HEADLINE_MAX_WORDS and looks_like_title(stripped)


def in_prose(doc: Document, offset: int) -> bool:
    """True when the line holding ``offset`` is prose. Asked only where a rule matched,
    which is rare: the line is tested then, not every line ahead of time, and once (a long
    line of stutters asks for each of them: a test each time would grow with its square).

    In a fix run (:meth:`Document.run_memo`) the verdict is kept by the line's text, all it
    depends on: the lines a pass left as they were are not tested again (a long line's
    test costs tens of microseconds, and the same stutters are asked about each pass).
    """
    tested = doc.shared("repair.rules.words.prose-lines", _no_lines)
    index = doc.line_index(offset)
    verdict = tested.get(index)
    if verdict is None:
        line = doc.line_text(index)
        kept: dict[str, bool] | None = doc.run_memo("repair.rules.words.prose-lines")
        if kept is None:
            verdict = is_prose_line(line)
        else:
            verdict = kept.get(line)
            if verdict is None:
                verdict = kept[line] = is_prose_line(line)
        tested[index] = verdict
    return verdict


def _no_lines(doc: Document) -> dict[int, bool]:
    return {}
