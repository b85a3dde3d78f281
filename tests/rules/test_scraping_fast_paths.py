"""The SCR and STR rules' fast paths find what their plain definitions find.

Each test holds the plain definition (the code before the shortcut) and compares it with the
rule's code, on generated text made of the pieces where the two could part and on the
scraped evaluation pages (../shared/eval/scraped, 100 pages in two formats).
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair.document import Document
from repair.rules.scraping import cards, chrome, credit_lines
from repair.rules.scraping._common import _unwrap
from repair.rules.scraping._lines import Visible, short_lines, text_lines, visible, visible_lines
from repair.rules.scraping.credit_text import _loose_patterns
from repair.rules.scraping.labels import is_interface_label
from repair.rules.structure import wrapped
from tests.conftest import EVAL

SCRAPED = sorted((EVAL / "scraped").glob("*.txt")) + sorted((EVAL / "scraped").glob("*.md"))

needs_pages = pytest.mark.skipif(not SCRAPED, reason="../shared/eval/scraped is not there")


# SCR008: block scores -----------------------------------------------------------------------

_WORD_PIECES = st.sampled_from(
    [
        "The",
        "talks",
        "U.S.",
        "NATO",
        "a",
        "I",
        "2nd",
        "3-1",
        "-Paris",
        "it's",
        "it\u2019s",
        "Zo\u00eb",
        "\u00c9mile",
        " ",
        "  ",
        ", ",
        ".",
        ":",
        "!",
        "-",
        "'",
        "_",
        "9",
        "\u201c",
        "\u2014",
        "[",
        "](",
        "Share",
        "Sign in",
    ]
)
_LINES = st.lists(_WORD_PIECES, max_size=40).map("".join).map(str.strip)
_SEEN = st.tuples(_LINES, st.integers(0, 30)).map(
    lambda pair: Visible(pair[0], min(pair[1], len(pair[0])))
)


def _plain_scores(seen: tuple[Visible, ...], blocks: list[tuple[int, int]]) -> list[float]:
    return [chrome._block_score(seen[first:end]) for first, end in blocks]


@settings(derandomize=True, max_examples=800, deadline=None)
@given(seen=st.lists(_SEEN, max_size=12).map(tuple), cuts=st.lists(st.integers(0, 12)))
def test_block_scores_are_those_of_each_block(seen: tuple[Visible, ...], cuts: list[int]) -> None:
    edges = sorted({0, len(seen), *(cut for cut in cuts if cut <= len(seen))})
    blocks = [(first, end) for first, end in itertools.pairwise(edges) if first < end]
    assert chrome._block_scores(seen, blocks) == _plain_scores(seen, blocks)


def test_a_prose_line_with_a_link_or_few_words_is_scored_as_before() -> None:
    """The lines the inlined path must hand on: a link, too few words, too many capitals."""
    seen = (
        Visible("The ministers met in Brussels on Thursday, officials said.", 0),
        Visible("The ministers met in Brussels on Thursday, officials said.", 40),
        Visible("Politics, World, Business, Tech, Science, Health, Sports, Arts", 0),
        Visible("Short, but prose.", 0),
    )
    blocks = [(0, 1), (1, 2), (2, 3), (3, 4)]
    scores = chrome._block_scores(seen, blocks)
    assert scores == _plain_scores(seen, blocks)
    assert scores[0] == 9.0 and scores[1] < 0 and scores[2] < 0 and scores[3] < 0


@needs_pages
@pytest.mark.parametrize("path", SCRAPED, ids=lambda p: p.name)
def test_block_scores_of_the_scraped_pages(path: Path) -> None:
    doc = Document.from_text(path.read_text(encoding="utf-8"), path=str(path))
    lines = [line.strip() for line in doc.text.split("\n")]
    seen = tuple(visible(line, doc.is_markdown) for line in lines)
    blocks = list(chrome._blocks(lines))
    assert chrome._block_scores(seen, blocks) == _plain_scores(seen, blocks)


# SCR001: lines led by a credit ---------------------------------------------------------------

_GAP: re.Pattern[str] = re.compile(r"""[.!?\u2026]["\u201d\u2019)\]]?[ \t]+""")


def _plain_led_credit_lines(doc: Document) -> set[int]:
    """``credit_lines._led_credit_lines`` as it was: every sentence gap of the text tried."""
    loose = _loose_patterns()
    lines = text_lines(doc)
    found: set[int] = set()
    for index in short_lines(doc):
        line = lines[index]
        if len(line) <= 120 and re.match(r"^[ \t*_(]*(?:[^\W\d_]|\u00a9)", line):
            inner = _unwrap(line.strip())[0]
            tried = (loose.agency_first, loose.labelled, loose.organisation)
            if any(p.match(inner) for p in (*tried, loose.organisation_bare)):
                found.add(index)
    for gap in _GAP.finditer(doc.text):
        index = doc.line_index(gap.start())
        line, offset = lines[index], doc.lines[index].start
        if index in found or len(line) > 480:
            continue
        start = re.compile(r"[ \t*_(]*").match(line, gap.end() - offset)
        assert start is not None
        tried = (loose.agency_first, loose.labelled, loose.organisation)
        if any(p.match(line, start.end()) for p in tried):
            found.add(index)
    return found


_CREDIT_PIECES = st.sampled_from(
    [
        "Reuters",
        "AFP",
        "Jan Novak",
        "Omar Marov",
        "Lakeside Pictures",
        "Photo",
        "PHOTO",
        "photo by",
        "Image credit:",
        "Credit:",
        "\u0130mage:",
        "\u0131mage:",
        "(c)",
        "(C)",
        "\u00a9",
        "Pictures",
        "in Lisbon",
        ". ",
        "! ",
        ".\u201d ",
        "\u2026\t",
        " ",
        "/",
        "|",
        ":",
        "(",
        "*",
        "_",
        "\n",
    ]
)


@settings(derandomize=True, max_examples=800, deadline=None)
@given(text=st.lists(_CREDIT_PIECES, max_size=25).map("".join))
def test_led_credit_lines_are_those_of_every_gap(text: str) -> None:
    doc = Document.from_text(text)
    plain = _plain_led_credit_lines(doc)
    assert credit_lines._led_credit_lines(doc) == plain
    assert _led_in_a_fix_run(doc) == plain


def _led_in_a_fix_run(doc: Document) -> set[int]:
    """``_led_credit_lines`` in a fix run that saw the first line of ``doc`` before: the
    other lines are tried in a document of their own."""
    earlier = Document(doc.text.split("\n")[0], text_format=doc.format)
    earlier.keep_run_memo()
    credit_lines._led_credit_lines(earlier)
    return credit_lines._led_credit_lines(earlier.with_text(doc.text))


def test_a_credit_after_a_caption_is_found_in_any_case() -> None:
    doc = Document.from_text(
        "Long prose about the harbour, its cranes and its ships goes here.\n"
        "Boats in the harbour. PHOTO: Omar Marov / Lakeside Pictures\n"
        "Ships in port. \u00a9 Jan Novak\n"
        "A view. \u0131mage: Jan Novak\n"
    )
    assert credit_lines._led_credit_lines(doc) == _plain_led_credit_lines(doc) == {1, 2, 3}
    assert _led_in_a_fix_run(doc) == {1, 2, 3}


@needs_pages
@pytest.mark.parametrize("path", SCRAPED, ids=lambda p: p.name)
def test_led_credit_lines_of_the_scraped_pages(path: Path) -> None:
    doc = Document.from_text(path.read_text(encoding="utf-8"), path=str(path))
    assert credit_lines._led_credit_lines(doc) == _plain_led_credit_lines(doc)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(
            ["Omar", "omar", "\u00c9lodie", "Marov", "Lakeside", "Pictures", "PICTURES", "News"]
        )
        | st.sampled_from(
            ["Photo", "Agency", "K\u212aelvin", "\u0130stanbul", " ", "/", " | ", "-"]
        ),
        max_size=12,
    ).map("".join)
)
def test_organisation_credits_open_with_an_ascii_capital(text: str) -> None:
    """``_led_in`` tries the organisation patterns only on text that opens with one."""
    loose = _loose_patterns()
    for pattern in (loose.organisation, loose.organisation_bare):
        if pattern.match(text):
            assert text[:1] in credit_lines._ASCII_CAPITALS, text


def _plain_label_gap_starts(text: str) -> list[int]:
    return [gap.start() for gap in credit_lines._label_gap().finditer(text)]


_GAP_PIECES = st.sampled_from(
    [
        *(".", "!", "?", "\u2026", '"', "\u201d", "\u2019", ")", "]", " ", "\t", "*", "_", "("),
        *("C", "i", "P", "\u00a9", "x", "\n", "..", ". (", "? P", "!\u201d  C", "\u2026] i"),
    ]
)


@settings(derandomize=True, max_examples=800, deadline=None)
@given(text=st.lists(_GAP_PIECES, max_size=40).map("".join))
def test_label_gaps_are_found_sentence_end_by_sentence_end(text: str) -> None:
    assert sorted(credit_lines._label_gap_starts(text)) == _plain_label_gap_starts(text)


@needs_pages
def test_label_gaps_of_the_scraped_pages() -> None:
    for path in SCRAPED:
        text = path.read_text(encoding="utf-8")
        starts = sorted(credit_lines._label_gap_starts(text))
        assert starts == _plain_label_gap_starts(text), path.name


# SCR010: teaser text ------------------------------------------------------------------------

_TEASER_END = re.compile(r"[\w,;] ?(?:\u2026|\.\.\.)$")


def _plain_teaser_text(seen: Visible) -> str | None:
    """``cards._teaser_text`` as it was: the end pattern searched over the whole text."""
    text = seen.text
    labelled = False
    for cut in range(max(0, len(text) - 40), len(text)):
        if text[cut] in "\u2026." and is_interface_label(text[cut + 1 :]):
            text, labelled = text[: cut + 1], True
            break
    if len(cards._WORD.findall(text)) < 6:
        return None
    if _TEASER_END.search(text) or (labelled and seen.is_link):
        return text
    return None


_TEASER_PIECES = st.sampled_from(
    ["As", "it", "the", "Read more", "Read now", ",", ";", " ", ".", "...", "\u2026", "\n", "9"]
)


@settings(derandomize=True, max_examples=800, deadline=None)
@given(text=st.lists(_TEASER_PIECES, max_size=20).map("".join), links=st.integers(0, 80))
def test_teaser_text_is_that_of_the_whole_line(text: str, links: int) -> None:
    seen = Visible(text, min(links, len(text)))
    assert cards._teaser_text(seen) == _plain_teaser_text(seen)


def test_a_teaser_cut_before_a_final_line_break_is_found() -> None:
    """ "$" matches before a final line break: the end is searched six characters back."""
    seen = Visible("Ever come home and wondered why? As it ...\n", 0)
    assert cards._teaser_text(seen) == _plain_teaser_text(seen) == seen.text


@needs_pages
@pytest.mark.parametrize("path", SCRAPED, ids=lambda p: p.name)
def test_teaser_texts_of_the_scraped_pages(path: Path) -> None:
    doc = Document.from_text(path.read_text(encoding="utf-8"), path=str(path))
    for seen in visible_lines(doc):
        assert cards._teaser_text(seen) == _plain_teaser_text(seen)


# STR001, STR002: hard-wrapped runs ----------------------------------------------------------


def _plain_hard_wrapped_runs(doc: Document) -> list[tuple[int, int]]:
    """``wrapped._hard_wrapped_runs`` as it was: the run test tried from every line."""
    if doc.is_markdown or doc.is_hard_wrapped:
        return []
    lines = doc.text.split("\n")
    runs: list[tuple[int, int]] = []
    index = 0
    last = len(lines) - 1
    while index < len(lines):
        end = index
        while end < last and wrapped._is_wrapped_line(lines[end]) and lines[end + 1].strip():
            end += 1
        if end - index + 1 >= 3 and wrapped._is_real_run(lines, index, end):
            runs.append((index, end + 1))
            index = end + 1
        else:
            index = max(end, index + 1)
    return runs


_WRAPPED_LINES = st.sampled_from(
    [
        "",
        "   ",
        "Short line",
        "the minister said that the talks in Brussels would go on",
        "The minister said that the talks in Brussels would go on",
        "and that the parties had agreed to meet again next week, he",
        "said on Thursday.",
        "so the " * 4 + "end",
        "x" * 29,
        "y" * 30,
        "z" * 100,
        "w" * 101,
        "v" * 300,
        "Recommended | Opinion: the talks in Brussels will go on and",
    ]
)


@settings(derandomize=True, max_examples=800, deadline=None)
@given(lines=st.lists(_WRAPPED_LINES, max_size=30))
def test_hard_wrapped_runs_are_those_tried_from_every_line(lines: list[str]) -> None:
    doc = Document.from_text("\n".join(lines))
    assert wrapped._hard_wrapped_runs(doc) == _plain_hard_wrapped_runs(doc)


def test_a_wrapped_paragraph_is_found_after_a_pair_of_short_lines() -> None:
    lines = [
        "y" * 30,
        "y" * 30 + ".",
        "",
        "the minister said that the talks in Brussels would go on",
        "and that the parties had agreed to meet again next week, he",
        "said on Thursday.",
        *["Long " * 60] * 6,  # a text of one-line paragraphs
    ]
    doc = Document.from_text("\n".join(lines))
    assert wrapped._hard_wrapped_runs(doc) == _plain_hard_wrapped_runs(doc) == [(3, 6)]


@needs_pages
@pytest.mark.parametrize("path", SCRAPED, ids=lambda p: p.name)
def test_hard_wrapped_runs_of_the_scraped_pages(path: Path) -> None:
    doc = Document.from_text(path.read_text(encoding="utf-8"), path=str(path))
    assert wrapped._hard_wrapped_runs(doc) == _plain_hard_wrapped_runs(doc)
