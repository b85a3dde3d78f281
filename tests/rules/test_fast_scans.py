"""Scans that skip work at C speed, each against the plain search it stands for.

QUO: the quoted terms found from the marks' offsets against the regular expression they
replace; the marks grouped by paragraph and kept outside excluded ranges by walks against a
lookup per mark; primes tested only after a digit; QUO005's single marks found once for
the whole text. ENC002: ftfy's badness test asked only where it can match against ftfy's
own, the encoding fixer's rounds against ftfy's loop. Language: letters of other scripts
counted in the characters past ASCII against a search of the whole text. Document: line
spans and layout against their plain computation.
"""

from __future__ import annotations

import re
from typing import Final

import ftfy
import pytest
from ftfy.badness import is_bad
from hypothesis import given, settings
from hypothesis import strategies as st

from repair import language_words
from repair.config import Config
from repair.document import Document
from repair.findings import Span
from repair.rules.base import CheckContext
from repair.rules.encoding import ftfy_lines
from repair.rules.quotes import excluded, marks, single, style, terms
from tests.conftest import CORPUS, corpus_text

QUOTED: Final = re.compile('["\u201c\u201e]([^"\u201c\u201d\u201e\n]{1,80}?)["\u201d]')
"""What :func:`repair.rules.quotes.terms._pairs` finds, as one search of the text."""

# Marks of every kind, line breaks, and runs of letters around the 80-character bound.
PIECES: Final = (
    '"',
    "\u201c",
    "\u201d",
    "\u201e",
    "\n",
    " ",
    "a",
    "soft landing",
    *("x" * n for n in (78, 79, 80, 81)),
)


def _term_pairs(text: str) -> tuple[tuple[int, int], ...]:
    """:func:`repair.rules.quotes.terms._pairs` of all of ``text``'s double marks."""
    return terms._pairs(text, marks.offsets_of(text, marks.DOUBLE_MARKS))


def _quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(match.span() for match in QUOTED.finditer(text))


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_quotations_are_the_pattern_matches(text: str) -> None:
    assert _term_pairs(text) == _quoted_spans(text)


def test_quotations_are_the_pattern_matches_on_the_corpus() -> None:
    found = 0
    for path in sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.md")):
        text = corpus_text(path)
        expected = _quoted_spans(text)
        assert _term_pairs(text) == expected, path.name
        found += len(expected)
    assert found > 20


def test_a_term_quoted_twice_is_found_at_both_places() -> None:
    text = 'a \u201csoft landing\u201d, then "soft landing" and \u201csoft landing'
    assert terms._quoted_terms(Document(text)) == {"soft landing": ((2, 16), (23, 37))}
    opener = text.rindex("\u201c")
    assert terms.close_repeated(Document(text), opener, len(text)) == len(text)
    # The only quotation of the term ends at the mark asked about: not quoted elsewhere.
    glued = '"soft landing"soft landing, he said'
    assert terms.close_repeated(Document(glued), 13, len(glued)) is None
    assert terms.close_repeated(Document(glued + ' "soft landing"'), 13, len(glued)) == 26
    # The mark at 5 closes a quotation as long as one of ",": but of "A", so "," is still
    # quoted elsewhere (a shortcut that counted the terms got this wrong).
    assert terms.close_repeated(Document('",""A",'), 5, 7) == 7


# Text, its mojibake (UTF-8 read as cp1252 or Latin-1, twice), and the characters ftfy's
# badness pattern is made of, glued in any order.
WORDS: Final = (
    "Sch\u00f6n",
    "caf\u00e9",
    "\u201cquoted\u201d",
    "na\u00efve",
    "\u041f\u0440\u0438\u0432\u0435\u0442",
    "\u5317\u4eac",
    "the",
    " ",
    "\n",
    "2024",
    "\u2014",
    "\u00a0",
    "\x85",
)


def _mojibake(text: str, codec: str) -> str:
    return text.encode("utf-8").decode(codec, errors="replace")


@st.composite
def damaged_text(draw: st.DrawFn) -> str:
    pieces = []
    for word in draw(st.lists(st.sampled_from(WORDS), max_size=12)):
        damage = draw(st.sampled_from(("", "cp1252", "latin-1", "twice")))
        if damage == "twice":
            word = _mojibake(_mojibake(word, "cp1252"), "cp1252")
        elif damage:
            word = _mojibake(word, damage)
        pieces.append(word)
    pieces += draw(st.lists(st.characters(min_codepoint=0x80, max_codepoint=0x2200), max_size=6))
    return "".join(draw(st.permutations(pieces)))


@settings(derandomize=True, max_examples=300, deadline=None)
@given(damaged_text())
def test_badness_asked_where_it_can_match_is_ftfys(text: str) -> None:
    assert ftfy_lines.is_bad(text) == is_bad(text)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(damaged_text())
def test_the_encoding_fixers_rounds_are_ftfys_loop(text: str) -> None:
    steps: list[tuple[str, str]] = []
    fixed = ftfy_lines._decode(text, steps)[0]
    explained = ftfy.fix_encoding_and_explain(text, ftfy_lines._FTFY_CONFIG)
    assert (fixed, steps) == (explained.text, list(explained.explanation or []))


@pytest.mark.parametrize("missing", ["_ONE_ROUND", "_SHAPE"])
def test_without_ftfys_round_or_the_patterns_shape_ftfys_loop_runs(
    missing: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    line = "\u00e2\u20ac\u0153Sch\u00c3\u00b6n\u00e2\u20ac\x9d"
    expected = ftfy_lines.fix_line(line)
    monkeypatch.setattr(ftfy_lines, missing, None)
    assert ftfy_lines.fix_line(line) == expected == ("\u201cSch\u00f6n\u201d", expected[1])


# Any character, lone surrogates included, and a few of each script.
ANY_TEXT: Final = st.lists(
    st.one_of(
        st.characters(exclude_categories=()),
        st.sampled_from(WORDS),
        st.sampled_from(("\u0391\u03b8\u03ae\u03bd\u03b1", "\ud83d\ude00", "\udcff", "\u00b2")),
    ),
    max_size=30,
).map("".join)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_letters_of_other_scripts_are_counted_as_the_pattern_finds_them(text: str) -> None:
    assert language_words.other_letters(text) == len(language_words.OTHER_LETTER.findall(text))


def _hard_wrapped(text: str) -> bool:
    """``Document.is_hard_wrapped`` in its first form: the blocks first, then the lines."""
    blocks = [b for b in re.split(r"\n[ \t]*\n", text) if b.strip()]
    multi_line = sum(1 for b in blocks if "\n" in b.strip("\n"))
    if not multi_line or multi_line * 2 < len(blocks):
        return False
    lengths = sorted(len(line) for line in text.split("\n") if line)
    return len(lengths) >= 4 and lengths[len(lengths) // 2] <= 100


LAYOUT: Final = st.lists(
    st.sampled_from(("\n", "\n\n", " \t", "\n \n", "word", "a" * 60, "b" * 101, "\r")),
    max_size=40,
).map("".join)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(LAYOUT)
def test_line_spans_and_layout_are_the_plain_computations(text: str) -> None:
    doc = Document(text)
    expected: list[Span] = []
    start = 0
    for line in text.split("\n"):
        expected.append(Span(start, start + len(line)))
        start += len(line) + 1
    assert doc.lines == tuple(expected)
    assert [(type(s), hash(s), repr(s)) for s in doc.lines] == [
        (Span, hash(s), repr(s)) for s in expected
    ]
    assert doc.is_hard_wrapped == _hard_wrapped(text)


def test_the_corpus_layout_is_the_plain_computation() -> None:
    wrapped = 0
    for path in sorted(CORPUS.glob("*.txt")):
        text = corpus_text(path)
        for piece in (text, "\n".join(text.split()), text.replace("\n", "\n\n")):
            assert Document(piece).is_hard_wrapped == _hard_wrapped(piece)
            wrapped += _hard_wrapped(piece)
    assert wrapped >= 2


SORTED_OFFSETS: Final = st.lists(st.integers(0, 60), max_size=30).map(lambda o: sorted(set(o)))


@st.composite
def disjoint_ranges(draw: st.DrawFn) -> tuple[list[int], list[int]]:
    """Sorted ranges that do not overlap (empty ones too), as (starts, ends)."""
    bounds = sorted(draw(st.lists(st.integers(0, 60), max_size=16)))
    pairs = list(zip(bounds[::2], bounds[1::2], strict=False))
    starts = [start for start, _ in pairs]
    ends = [end for _, end in pairs]
    return starts, ends


@settings(derandomize=True, max_examples=300, deadline=None)
@given(SORTED_OFFSETS, disjoint_ranges())
def test_marks_grouped_by_a_walk_are_those_a_lookup_per_paragraph_finds(
    offsets: list[int], ranges: tuple[list[int], list[int]]
) -> None:
    spans = tuple(Span(start, end) for start, end in zip(*ranges, strict=True))
    expected = [
        (index, [o for o in offsets if span.start <= o < span.end])
        for index, span in enumerate(spans)
        if any(span.start <= o < span.end for o in offsets)
    ]
    assert list(marks._marks_by_paragraph(spans, offsets)) == expected


@settings(derandomize=True, max_examples=300, deadline=None)
@given(SORTED_OFFSETS, disjoint_ranges())
def test_offsets_kept_range_by_range_are_those_outside_every_range(
    offsets: list[int], ranges: tuple[list[int], list[int]]
) -> None:
    starts, ends = ranges
    outside = [o for o in offsets if not any(s <= o < e for s, e in zip(starts, ends, strict=True))]
    assert excluded._outside_ranges(offsets, starts, ends) == outside


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(("5", "'", '"', "1", '1"', "\u2019", "a", " ")), max_size=30))
def test_quote_marks_leave_out_the_primes_as_a_test_of_every_mark_does(pieces: list[str]) -> None:
    text = "".join(pieces)
    everything = marks.offsets_of(text, style._MARKS)
    expected = [o for o in everything if not style._is_prime(text, o)]
    assert style._quote_marks(Document(text)) == expected


def _single_closing_double_per_paragraph(doc: Document) -> list[int]:
    """QUO005's offsets as it found them first: the single marks searched paragraph by
    paragraph."""
    text = doc.text
    found = []
    for paragraph in marks.paragraphs(doc):
        start, end = paragraph.span.start, paragraph.span.end
        body = text[start:end]
        for offset in excluded.in_prose(doc, marks.offsets_of(text, "'\u2019", start, end)):
            match = single._SINGLE_AFTER_WORD.match(body, offset - start)
            if match is None or body.endswith("in", 0, match.start()):
                continue
            opening = single._SINGLE_OPENING.search(body)
            if (len(body) if opening is None else opening.start()) + 2 <= match.start():
                continue
            if paragraph.balanced and not single._double_open_at(paragraph, offset):
                continue
            found.append(offset)
    return found


QUOTED_PROSE: Final = st.lists(
    st.sampled_from(
        (
            "\u201cturn the page' The",
            "coffee\u2019 moment",
            "\u201c",
            "\u201d",
            '"',
            " 'Tis ",
            "goin' now",
            "x = 'a' ",
            "`it' s`",
            " ",
            "\n",
            "\n\n",
        )
    ),
    max_size=16,
).map("".join)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(QUOTED_PROSE)
def test_single_marks_found_once_give_what_a_search_per_paragraph_gives(text: str) -> None:
    doc = Document(text)
    hits = single.single_quote_closing_double(doc, CheckContext(Config()))
    assert [hit.span.start for hit in hits] == _single_closing_double_per_paragraph(doc)


def test_the_generated_prose_holds_single_marks_closing_double_quotations() -> None:
    found = []

    @settings(derandomize=True, max_examples=300, deadline=None)
    @given(QUOTED_PROSE)
    def count(text: str) -> None:
        found.append(bool(_single_closing_double_per_paragraph(Document(text))))

    count()
    assert sum(found) >= 50  # the property above is tested on texts with findings
