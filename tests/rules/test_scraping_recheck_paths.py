"""The shortcuts that make the SCR rules' checks cheaper (most of all the re-checks of a fix
run) give what the plain definitions give, on the scraped evaluation pages, the sample
corpus and generated text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair.document import Document
from repair.rules.scraping import block_memo, cards, chrome, links, teasers
from repair.rules.scraping._common import _lines_holding
from repair.rules.scraping._lines import Visible, visible_lines
from tests.conftest import CORPUS, EVAL
from tests.rules.test_scraping_run_memo import block_scores

SCRAPED = sorted((EVAL / "scraped").glob("*.txt")) + sorted((EVAL / "scraped").glob("*.md"))
TEXTS = SCRAPED + sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.md"))

needs_texts = pytest.mark.skipif(not SCRAPED, reason="../shared/eval/scraped is not there")


def _with_placeholders(text: str, target: str) -> str:
    """``text`` with placeholder links to ``target`` put into every seventh line, at its
    start, inside it and at its end (a page keeps few of its own: most texts have none)."""
    lines = text.split("\n")
    for index in range(0, len(lines), 7):
        line = lines[index]
        middle = len(line) // 2
        lines[index] = f"[{line[:middle]}]{target} {line[middle:]} ![a]{target} \\[more]{target}"
    return "\n".join(lines)


def _placeholder_findings(doc: Document) -> list[tuple[object, ...]]:
    return [(hit.message, hit.span, hit.fix) for hit in links.placeholder_link(doc, None)]  # type: ignore[arg-type]


def _searched_findings(doc: Document) -> list[tuple[object, ...]]:
    """The reference: the pattern searched over the whole text, with no test before."""
    return [(hit.message, hit.span, hit.fix) for hit in links._placeholder_hits(doc)]


@needs_texts
def test_placeholder_links_are_those_of_a_search_of_the_whole_text() -> None:
    found = 0
    for path in TEXTS:
        text = path.read_text(encoding="utf-8")
        for version in (text, _with_placeholders(text, "(#)"), _with_placeholders(text, "( #\t)")):
            doc = Document.from_text(version, path=str(path))
            expected = _searched_findings(doc)
            assert _placeholder_findings(doc) == expected, path
            found += len(expected)
    assert found > 1000  # the test sees links to find, not only texts without


_LINK_PIECES = st.sampled_from(
    ["[", "]", "(", ")", "#", "](#)", "](", "!", "\\", "a", "Word", " ", "\t", "\n", "\u00e9"]
)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(text=st.lists(_LINK_PIECES, max_size=30).map("".join))
def test_placeholder_links_of_generated_text(text: str) -> None:
    doc = Document.from_text(text)
    assert _placeholder_findings(doc) == _searched_findings(doc)


def _reference_is_prose(text: str) -> bool:
    return len(text.split()) >= teasers._MIN_TEASER_WORDS


@needs_texts
def test_teaser_word_test_is_that_of_every_word() -> None:
    tried = 0
    for path in TEXTS:
        doc = Document.from_text(path.read_text(encoding="utf-8"), path=str(path))
        pieces = [doc.text[span.start : span.end] for span in doc.paragraphs]
        pieces += list(doc.line_texts)
        for piece in pieces:
            for text in (piece, piece.strip(), " ".join(piece.split()[:6]) + "  \n"):
                assert teasers._is_prose(text) == _reference_is_prose(text), (path, text)
                tried += 1
    assert tried > 10_000


@settings(derandomize=True, max_examples=500, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(["w", "word", " ", "  ", "\t", "\n", "\u00a0", "\u2028", "\x1c", "."]),
        max_size=24,
    ).map("".join)
)
def test_teaser_word_test_of_generated_text(text: str) -> None:
    assert teasers._is_prose(text) == _reference_is_prose(text)


# SCR008's block scores from bounds (block_memo._added, chrome._sure_prose_score) ----------

BOUND_TEXTS = TEXTS + sorted((EVAL / "mojibake").rglob("*.txt"))
BOUND_TEXTS += sorted((EVAL / "mqm-zhen").rglob("*.txt"))[:40]


def _visible_lines_of(path: Path) -> tuple[Visible, ...]:
    doc = Document.from_text(path.read_text(encoding="utf-8"), path=str(path))
    return visible_lines(doc)


@needs_texts
def test_bounds_on_the_lines_a_pass_changed_hold_of_their_counts() -> None:
    """What a pass's lines are known to hold without counting them: their characters and
    link characters exactly, at most so many capitalised words (gained) and words (lost)."""
    tried = 0
    for path in BOUND_TEXTS:
        seen = [item for item in _visible_lines_of(path) if item.text]
        for size in (1, 3, 11):
            for start in range(0, len(seen), size):
                lines = seen[start : start + size]
                exact = block_memo.sums_of_lines(lines)
                start_tally = block_memo._Tally(block_memo.Sums(0, 0, 0, 0, 0))
                gained = block_memo._added(start_tally, lines, [])
                lost = block_memo._added(start_tally, [], lines)
                assert (gained.chars, gained.links) == (exact.chars, exact.links)
                assert (lost.chars, lost.links) == (-exact.chars, -exact.links)
                assert exact.capitals <= gained.most_capitals, lines
                assert exact.words <= lost.most_words, lines
                tried += 1
    assert tried > 10_000


_WORD_PIECES = st.sampled_from(
    [
        "The",
        "talks",
        "a",
        "I",
        "2nd",
        "3-1",
        "_x",
        "it's",
        "\u00c9mile",
        "\u00e9t\u00e9",
        "\u0416\u0443\u043a",
        "\u4e2d",
        "\u00bd",
        " ",
        "",
        ",",
        ".",
        "-",
        "'",
        "\u2019",
        "\u201c",
        "\u2014",
        "(",
        "*",
        "\u0130",
        "\ud800",
    ]
)


@settings(derandomize=True, max_examples=600, deadline=None)
@given(lines=st.lists(st.lists(_WORD_PIECES, max_size=12).map("".join), min_size=1, max_size=5))
def test_bounds_hold_of_generated_lines(lines: list[str]) -> None:
    items = [Visible(line, 0) for line in lines]
    exact = block_memo.sums_of_lines(items)
    start = block_memo._Tally(block_memo.Sums(0, 0, 0, 0, 0))
    assert exact.capitals <= block_memo._added(start, items, []).most_capitals
    assert exact.words <= block_memo._added(start, [], items).most_words


@settings(derandomize=True, max_examples=2000, deadline=None)
@given(
    words=st.integers(0, 3000),
    capital_share=st.floats(0, 1),
    clauses=st.integers(0, 60),
    lines=st.integers(2, 120),
    chars=st.integers(0, 20_000),
    links=st.integers(0, 20_000),
    bounds=st.tuples(st.integers(0, 2000), st.integers(0, 2000), st.integers(0, 60)),
    moves=st.tuples(*[st.floats(0, 1)] * 6),
)
def test_a_sure_score_is_that_of_every_block_within_the_bounds(
    words: int,
    capital_share: float,
    clauses: int,
    lines: int,
    chars: int,
    links: int,
    bounds: tuple[int, int, int],
    moves: tuple[float, ...],
) -> None:
    """Whenever SCR008 scores a block from bounds on the lines it gained and lost, every
    block the bounds allow scores the same by its exact sums."""
    capitals = round(words * capital_share)
    more_capitals, fewer_words, fewer_clauses = bounds
    counted = block_memo.Sums(words, capitals, clauses, chars, links)
    sure = chrome._sure_prose_score(counted, lines, more_capitals, fewer_words, fewer_clauses)
    if sure is None:
        return
    # A block within the bounds: capitalised and other words gained, words lost (some of
    # them capitalised), clause lines gained and lost.
    gained_capitals = round(moves[0] * more_capitals)
    gained_other = round(moves[1] * 3000)
    lost_words = round(moves[2] * min(fewer_words, words))
    lost_capitals = round(moves[3] * min(lost_words, capitals))
    lost_clauses = round(moves[4] * min(fewer_clauses, clauses))
    gained_clauses = round(moves[5] * 50)
    exact = block_memo.Sums(
        words + gained_capitals + gained_other - lost_words,
        capitals + gained_capitals - lost_capitals,
        clauses + gained_clauses - lost_clauses,
        chars,
        links,
    )
    assert chrome._prose_score(exact, lines) == sure


def test_a_sure_score_at_the_edge_of_its_bounds() -> None:
    """The worst block the bounds allow: every word gained capitalised, none lost."""
    counted = block_memo.Sums(1000, 500, 5, 6000, 0)
    sure = chrome._sure_prose_score(counted, 50, 351, 40, 4)
    worst = block_memo.Sums(1000 + 351 - 40, 500 + 351, 1, 6000, 0)  # 851 <= 0.65 * 1311
    assert chrome._prose_score(worst, 50) == sure == 40.0
    assert chrome._sure_prose_score(counted, 50, 400, 40, 4) is None  # 901 > 0.65 * 1360
    assert chrome._sure_prose_score(counted, 50, 351, 40, 5) is None  # no clause left, maybe
    assert chrome._sure_prose_score(counted, 50, 351, 961, 4) is None  # 39 words, maybe


def _capitalised(text: str, share: float) -> str:
    """``text`` with the first ``share`` of its lines in capitals."""
    lines = text.split("\n")
    cut = round(len(lines) * share)
    return "\n".join([line.upper() for line in lines[:cut]] + lines[cut:])


@needs_texts
@pytest.mark.parametrize("path", TEXTS[::3], ids=lambda p: p.name)
def test_block_scores_of_passes_that_tip_blocks_out_of_prose(path: Path) -> None:
    """A fix run whose passes put more and more of a text in capitals, then take lines out:
    its blocks leave prose, and the scores from bounds and counts are those of each text
    scored afresh."""
    text = Document.from_text(path.read_text(encoding="utf-8")).text
    texts = [_capitalised(text, share / 10) for share in range(11)]
    texts += [texts[-1].replace("\n", "\n\n", 5), "\n".join(text.split("\n")[::2])]
    doc = Document.from_text(texts[0], path=str(path))
    doc.keep_run_memo()
    for version in texts:
        doc = doc.with_text(version)
        assert block_scores(doc) == block_scores(Document(version, path=str(path)))


def _linked(text: str, share: float) -> str:
    """``text`` with the first ``share`` of its non-blank lines made Markdown links."""
    lines = text.split("\n")
    cut = round(len(lines) * share)
    linked = [f"[{line}](https://example.com/a)" if line.strip() else line for line in lines]
    return "\n".join(linked[:cut] + lines[cut:])


@needs_texts
@pytest.mark.parametrize("path", TEXTS[::5], ids=lambda p: p.name)
def test_block_scores_of_passes_that_turn_lines_into_links(path: Path) -> None:
    """As above, in Markdown, the lines made links one pass after the other: a block whose
    visible text is more than half link text leaves prose."""
    text = Document.from_text(path.read_text(encoding="utf-8")).text
    texts = [_linked(text, share / 10) for share in range(11)]
    doc = Document.from_text(texts[0], path="page.md")
    doc.keep_run_memo()
    for version in texts:
        doc = doc.with_text(version)
        assert block_scores(doc) == block_scores(Document(version, path="page.md"))


@needs_texts
def test_lines_with_links_are_those_a_search_for_the_mark_finds() -> None:
    """SCR010 finds the lines holding "](" by their "]": the lines a search of the whole
    text for "](" finds, in texts with links, bracketed notes and lone brackets."""
    found = 0
    for path in TEXTS:
        text = path.read_text(encoding="utf-8")
        for version in (text, _with_placeholders(text, "(#)"), text.replace(". ", ". [1] ] (")):
            doc = Document.from_text(version, path=str(path))
            expected = list(_lines_holding(doc, "]("))
            assert cards._lines_with_links(doc) == expected, path
            found += len(expected)
    assert found > 1000
