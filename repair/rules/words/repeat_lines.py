"""Which lines WRD007 (repeated phrase) searches: the lines where some run of two to four
words comes twice in a row, up to case and punctuation, written as the pattern would write
a copy. The pattern tries every word start of the lines it is given; this filter, run on
the words of the whole text at once, spares it nearly all of them.
"""

from __future__ import annotations

import itertools
import operator
import string
from typing import Final

from repair.document import Document
from repair.rules.words.line_memo import shared_lines
from repair.text import LINE_BREAK_WORD, folded_word_runs

_SIZES: Final = (2, 3, 4)
"""How many words a repeated phrase holds."""


def lines_holding_a_repeat(doc: Document) -> list[int]:
    """Indices, in order, of the lines of ``doc`` where WRD007's pattern may find a copy
    (``lines_that_may_hold_a_repeat``).

    In a fix run (:meth:`Document.run_memo`) each line's verdict is kept by its text, the
    one thing it depends on: after a pass, only the lines the pass changed are tested, with
    the same filter run on them alone (the filter reads each line alone, its words and its
    text, see ``lines_that_may_hold_a_repeat``).
    """
    memo: dict[str, bool] | None = doc.run_memo("repair.rules.words.phrase.may-repeat")
    if memo is None:
        return lines_that_may_hold_a_repeat(doc.text)
    lines = shared_lines(doc)  # split and hashed once for the rules that keep lines so
    unknown = [line for line in lines if line not in memo] if memo else lines
    if unknown:
        memo.update(dict.fromkeys(unknown, False))
        # The unknown lines joined are a text whose line i is unknown[i] (the text itself
        # when all are).
        joined = doc.text if unknown is lines else "\n".join(unknown)
        for position in lines_that_may_hold_a_repeat(joined):
            memo[unknown[position]] = True
    return list(itertools.compress(range(len(lines)), map(memo.__getitem__, lines)))


def lines_that_may_hold_a_repeat(text: str) -> list[int]:
    """Indices, in order, of the lines where WRD007's pattern may find a phrase that its
    copy test takes: at least all of them, found from the words of one
    :func:`repair.text.folded_word_runs` of the text and comparisons in C.

    The pattern's phrase and copy are two to four whole :data:`repair.text.WORD_RUN` words
    each, with only spaces, commas and quote marks (no word character, no line break)
    between them: in the folded words they stand in a row, with no line break. A copy that
    the test takes differs from the phrase at most in the case of its first letter, an
    ASCII letter, so its folded words equal the phrase's (``repeat_runs``). A line holds
    such a run when the run's first word is on it; a run across a line break is no copy
    (the line it starts on is not kept for it, which spares a test of the line's words).
    Most runs the words show are no copy the pattern takes ("the deal. The deal"): a line
    is kept only when it holds the run as the pattern would write it (``_written_twice``).

    >>> text = "The end.\\nHe said that, said that.\\nso so\\nx y\\nx y\\nA b. a b\\n"
    >>> lines_that_may_hold_a_repeat(text)
    [1]
    """
    words = folded_word_runs(text)
    lines: list[int] = []
    written: list[str] = []
    lowered = b""
    line = counted = 0
    lowered_line = tried = -1
    for at in repeat_runs(words):
        phrases = _runs_on_one_line(words, at)
        if not phrases:
            continue
        line += words[counted:at].count(LINE_BREAK_WORD)  # the line breaks before the run
        counted = at
        if lines and lines[-1] == line:
            continue
        if not written:
            written = text.split("\n")  # only for a text with runs: a few a text
        if lowered_line != line:
            lowered = written[line].encode("utf-8", "surrogatepass").translate(_ASCII_LOWER)
            lowered_line, tried = line, 0
        # Each test reads the whole line: past a few runs on one line (a long line, a
        # text of one repeated word) the line is kept, as it was before this test, and the
        # pattern decides, so that the filter stays linear in the line.
        tried += 1
        if tried > _TESTS_A_LINE or any(_written_twice(lowered, p) for p in phrases):
            lines.append(line)
    return lines


_TESTS_A_LINE: Final = 8
"""Runs tested on one line before the line is kept untested (``lines_that_may_hold_a_repeat``)."""


def _runs_on_one_line(words: list[bytes], at: int) -> list[bytes]:
    """The phrases, their words joined by spaces, of the runs of each size starting at
    ``at`` (``repeat_runs``) that hold no line break: runs are few (a few a text), and each
    is tested here in Python."""
    phrases = []
    for size in _SIZES:
        run = words[at : at + 2 * size]
        if run[:size] == run[size:] and len(run) == 2 * size and LINE_BREAK_WORD not in run:
            phrases.append(b" ".join(run[:size]))
    return phrases


# The gaps WRD007's pattern allows between a phrase and its copy (``phrase._REPEATED_PHRASE``),
# in UTF-8: a space, a comma and a space, or a quote mark with a comma, a space before it
# or a space after it.
_GAPS: Final = frozenset(
    f"{comma}{before}{quote}{after}".encode()
    for comma in ("", ",")
    for before in ("", " ")
    for quote in ('"', "\u201c", "\u201d")
    for after in ("", " ")
) | {b" ", b", "}
_LONGEST_GAP: Final = max(map(len, _GAPS))
_ASCII_LOWER: Final = bytes.maketrans(
    string.ascii_uppercase.encode(), string.ascii_lowercase.encode()
)


def _written_twice(line: bytes, phrase: bytes) -> bool:
    """True when ``line`` (UTF-8, ASCII capitals lowered) holds ``phrase``, one of the
    pattern's gaps and ``phrase`` again: what a line holds where the pattern finds a copy
    its test takes.

    The phrase and its copy are the run's words, one space apart (the pattern's words are
    whole ``WORD_RUN`` words with one space between), lowered as the folded words are; the
    copy differs from the phrase at most in the case of its first letter. The first
    occurrence of ``phrase`` after a place is the copy when the copy is there: the phrase
    opens with a letter or digit, which no gap holds.
    """
    at = line.find(phrase)
    while at != -1:
        end = at + len(phrase)
        copy = line.find(phrase, end + 1, end + _LONGEST_GAP + len(phrase))
        if copy != -1 and line[end:copy] in _GAPS:
            return True
        at = line.find(phrase, at + 1)
    return False


def repeat_runs(words: list[bytes]) -> list[int]:
    """The indices ``i``, in order, where ``words[i : i + size]`` is followed by itself for
    some ``size`` of two to four.

    In such a run each of ``size`` words in a row equals the word ``size`` later, and one of
    those ``size`` indices in a row is a multiple of ``size``: comparing only the words at
    multiples of ``size`` (``words[::size]`` with itself shifted by one, in C) finds a
    place in every run, with a ``size``-th of the comparisons of every word with the word
    ``size`` later (three passes over the words become about one). Each place found is
    checked in full for the runs it may belong to: its ``size`` possible starts.

    Most places are one common word ``size`` words apart ("the talks and the"). A run of two
    words or more that holds the place holds the word before it or the word after it too,
    which must then equal the word ``size`` later: two comparisons that pass over such a
    place before its starts are tried.

    >>> repeat_runs(b"a b c b c d e f g d e f g h h".split())
    [1, 5]
    """
    starts: set[int] = set()
    last = len(words) - 1
    for size in _SIZES:
        sampled = words[::size]
        flags = bytes(map(operator.eq, sampled, sampled[1:]))  # i: words[i*size] is later
        at = flags.find(1)
        while at != -1:
            place = at * size
            at = flags.find(1, at + 1)
            if not (
                (place + size < last and words[place + 1] == words[place + 1 + size])
                or (place and words[place - 1] == words[place - 1 + size])
            ):
                continue
            for start in range(max(0, place - size + 1), place + 1):
                if words[start : start + size] == words[start + size : start + 2 * size]:
                    starts.add(start)
    return sorted(starts)
