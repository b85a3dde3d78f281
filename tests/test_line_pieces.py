"""repair/line_pieces.py: a long line searched piece by piece finds what the whole line holds."""

from __future__ import annotations

import random
import re

import pytest

from repair.line_pieces import LONG_LINE, _shape, finditer_pieces
from repair.rules.punctuation import _shared, dash, doubled, hyphen, spacing
from repair.text import trigger_lines
from tests.conftest import CORPUS, FIXTURES, require_eval

_RULE_PATTERNS = [
    (hyphen._SPACED_HYPHEN, _shared.SPACED_HYPHEN_TRIGGERS),
    (hyphen._SPACED_HYPHEN_NUMBER, _shared.SPACED_HYPHEN_TRIGGERS),
    (hyphen._SPACED_HYPHEN_AFTER_NUMBER, _shared.SPACED_HYPHEN_TRIGGERS),
    (dash._SPACED_MEASURE, _shared.SPACED_DASH_TRIGGERS),
    (dash._SPACED_DASH, _shared.SPACED_DASH_TRIGGERS),
    (spacing._SPACE_BEFORE_PUNCTUATION, _shared.SPACE_BEFORE_PUNCTUATION_TRIGGERS),
    (spacing._GLUED_SENTENCE, _shared.GLUED_SENTENCE_TRIGGERS),
    (doubled._DOUBLED_PUNCTUATION, _shared.DOUBLED_PUNCTUATION_TRIGGERS),
]
_PADDING = "x" * LONG_LINE


def _found(matches: object) -> list[tuple[int, int, tuple[str | None, ...]]]:
    return [(m.start(), m.end(), m.groups()) for m in matches]  # type: ignore[attr-defined]


def _line(seed: int) -> str:
    """A long line of words and the marks the punctuation rules look for, in random order."""
    chooser = random.Random(seed)
    words = ["a", "Ab", "mid", "IR", "2000s", "5", "32", "week", "A", "I", "state", "The"]
    words += ["end.The", "5%.Then", "said,,", "it, ,", "so..", "go.A", "up ;", "32 - week"]
    words += ["IR - 1", "win - win", "mid -2000s", "G -7", "5- year", "two -day"]
    marks = list("aAzZ -\u2013,;:.!?%0123456789\t\"'\u201d\u2019@/#\\\u00e9")
    parts = [
        chooser.choice(words)
        if chooser.random() < 0.5
        else "".join(chooser.choice(marks) for _ in range(chooser.randint(1, 3)))
        for _ in range(6000)
    ]
    return "".join(part + chooser.choice(("", " ")) for part in parts) + "\n"


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize(("pattern", "triggers"), _RULE_PATTERNS)
def test_pieces_find_what_the_whole_line_holds(
    seed: int, pattern: re.Pattern[str], triggers: tuple[re.Pattern[str], ...]
) -> None:
    line = _line(seed)
    assert len(line) >= LONG_LINE and _shape(pattern) is not None
    whole = _found(pattern.finditer(line, 0, len(line)))
    assert whole  # the random line holds matches to compare
    assert _found(finditer_pieces(pattern, line, 0, len(line), triggers)) == whole


def test_a_lookahead_past_the_piece_reads_the_text_after_it() -> None:
    # "," ends the piece (the pattern cannot consume it), and the lookahead reads it.
    pattern, triggers = re.compile(r"[a-z]+ -[a-z]+(?=,\d)"), (re.compile("-"),)
    line = f"{_PADDING} ab -cd,5 ef -gh,x {_PADDING}\n"
    found = [m[0] for m in finditer_pieces(pattern, line, 0, len(line), triggers)]
    assert found == ["ab -cd"]


def test_the_end_of_a_piece_is_not_the_end_of_the_line() -> None:
    # "$" holds at the line's end only: not where a piece stops, before ".".
    pattern, triggers = re.compile(r"[a-z]+ -[a-z]+(?=\s|$)"), (re.compile("-"),)
    line = f"{_PADDING} ab -cd. ef -gh"
    found = [m[0] for m in finditer_pieces(pattern, line, 0, len(line), triggers)]
    assert found == ["ef -gh"]


def test_a_lookbehind_reads_the_text_before_the_piece() -> None:
    pattern, triggers = re.compile(r"(?<![.])[a-z]+ -[a-z]+"), (re.compile("-"),)
    line = f"{_PADDING} .ab -cd; ef -gh {_PADDING}"
    found = [m[0] for m in finditer_pieces(pattern, line, 0, len(line), triggers)]
    assert found == ["b -cd", "ef -gh"]


@pytest.mark.parametrize(
    "pattern",
    [
        r"[a-z]+.-",
        r"[^,]+ -",
        r"\W+-",
        r"[a-z]+ -(?=[a-z]+,)",
        r"(?i)[a-z]+ -",
        r"-?",
        r"(?i:ab)c -d",  # scoped flags: "(?i:ab)" also takes "AB"
        r"(?<=\s)[a-z](?<=a(?=;bcdefgh)) -",  # a lookahead inside a lookbehind
        r"(?<=x$) -",  # an anchor inside a lookbehind
    ],
)
def test_a_pattern_that_cannot_be_bounded_searches_the_whole_line(pattern: str) -> None:
    assert _shape(re.compile(pattern)) is None


@pytest.mark.parametrize(
    ("pattern", "line"),
    [
        (r"(?i:ab)c -d", "x" * 9000 + " ABc -d " + "y" * 9000),
        (r"(?<=\s)[a-z](?<=a(?=;bcdefgh))[;a-h]* -", "x" * 9000 + " a;bcdefgh -" + "y" * 9000),
    ],
)
def test_a_pattern_the_pieces_cannot_bound_finds_what_the_line_holds(
    pattern: str, line: str
) -> None:
    compiled, triggers = re.compile(pattern), (re.compile("-"),)
    whole = _found(compiled.finditer(line))
    assert whole and _found(finditer_pieces(compiled, line, 0, len(line), triggers)) == whole


def _real_texts() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.*"))]
    texts += [path.read_text(encoding="utf-8") for path in sorted(FIXTURES.rglob("*.txt"))]
    docs = require_eval("mqm-zhen/docs")
    texts += [path.read_text(encoding="utf-8") for path in sorted(docs.iterdir())]
    return texts


def test_real_lines_searched_piece_by_piece_find_what_the_whole_line_holds() -> None:
    # Paragraphs of plain text are lines of a few hundred characters: since LONG_LINE is 256
    # they are searched in pieces, and each must give every match a search of it gives.
    long_lines = found = 0
    for text in _real_texts():
        for pattern, triggers in _RULE_PATTERNS:
            for start, end in trigger_lines(text, triggers):
                whole = _found(pattern.finditer(text, start, end))
                assert _found(finditer_pieces(pattern, text, start, end, triggers)) == whole
                long_lines += end - start >= LONG_LINE
                found += len(whole)
    assert long_lines > 100 and found > 50
