"""The SCR rules in a fix run (what they kept of each line from the run's earlier texts,
repair/rules/scraping/_memo.py) find what they find in the same text checked afresh.

The texts are the scraped evaluation pages (../shared/eval/scraped, plain and Markdown) and
the sample corpus, each changed as passes of a fix run could change it: lines edited, a
line inserted and one removed (every later line moves), and lines the rules look for (a
credit, a label, a list heading, a teaser card, a credit list) put in and taken out again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from repair import Config, fixer
from repair.document import Document
from repair.findings import Finding
from repair.recheck import Rechecker
from repair.registry import ALL_RULES
from repair.rules.base import Rule
from repair.rules.scraping import _memo, block_memo, cards, chrome, credit_lines, labels, related
from repair.rules.scraping._lines import short_lines, stripped_lines, text_lines, visible_lines
from tests.conftest import CORPUS, EVAL

SCRAPED = sorted((EVAL / "scraped").glob("*.txt")) + sorted((EVAL / "scraped").glob("*.md"))
TEXTS = SCRAPED + sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.md"))
SCR_RULES: list[Rule] = [rule for rule in ALL_RULES if rule.code.startswith("SCR")]

needs_texts = pytest.mark.skipif(not SCRAPED, reason="../shared/eval/scraped is not there")

_PUT_IN = [
    "Jane Doyle / Reuters",
    "Advertisement",
    "World",
    "Related",
    "* [Ministers fail to agree on the budget](https://example.com/a)",
    "Ever come home from the market and wondered why you bought so much? As it\u2026",
    "Read more",
    "Photos by",
    "Omar Marov (Shutterstock), Jan Novak (Getty Images)",
    "A detailed view of the harbour at Velmora, Dovria, on March 4, 2024.",
    "Sources: Wikimedia Commons, Getty Images",
    "  Share on Facebook  ",
]


def _findings(doc: Document) -> list[tuple[str, str, object]]:
    return [
        (rule.code, hit.message, (hit.span, hit.fix))
        for rule in SCR_RULES
        for hit in rule.check(doc, None)  # type: ignore[arg-type]
    ]


def _passes(text: str) -> list[str]:
    """``text`` and the texts later passes of a fix run could make of it."""
    lines = text.split("\n")
    third = max(1, len(lines) // 3)
    edited = list(lines)
    edited[third] = edited[third].replace(" ", "  ", 1) + " AFP"
    added = edited[:third] + _PUT_IN + edited[third:]
    moved = ["Breaking news", *added[: 2 * third], *added[2 * third + 1 :]]
    undone = [line for line in moved if line not in _PUT_IN[:6]]
    return ["\n".join(version) for version in (lines, edited, added, moved, undone, lines)]


def _fix_run_findings(path: Path, texts: list[str]) -> list[list[tuple[str, str, object]]]:
    """The SCR findings in each of ``texts`` checked one after the other in a fix run."""
    doc = Document.from_text(texts[0], path=str(path))
    doc.keep_run_memo()
    found = [_findings(doc)]
    for text in texts[1:]:
        doc = doc.with_text(text)
        found.append(_findings(doc))
    return found


@needs_texts
@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_findings_in_a_fix_run_are_those_of_a_fresh_check(path: Path) -> None:
    texts = _passes(Document.from_text(path.read_text(encoding="utf-8")).text)
    in_run = _fix_run_findings(path, texts)
    fresh = [_findings(Document(text, path=str(path))) for text in texts]
    assert in_run == fresh
    assert any(in_run[2]), "the lines put in are found"


@needs_texts
@pytest.mark.parametrize("path", SCRAPED[::5], ids=lambda p: p.name)
def test_a_fix_run_with_its_memo_fixes_as_one_without(path: Path) -> None:
    config = Config()
    text = path.read_text(encoding="utf-8")
    for unsafe in (False, True):
        runs = [
            fixer.fix_document(
                Document.from_text(text, path=str(path)),
                Rechecker(config, memo=memo),
                unsafe=unsafe,
            )
            for memo in (True, False)
        ]
        assert runs[0].text == runs[1].text
        assert runs[0].passes == runs[1].passes
        assert _stamped(runs[0].applied) == _stamped(runs[1].applied)
        assert _stamped(runs[0].remaining) == _stamped(runs[1].remaining)


def _stamped(findings: tuple[Finding, ...]) -> list[tuple[str, int, int, str]]:
    return [(f.code, f.span.start, f.span.end, f.message) for f in findings]


_PICKS: list[tuple[str, Callable[[Document], list[int]]]] = [
    ("credit kinds", lambda doc: [i for i, kind in enumerate(credit_lines._kinds(doc)) if kind]),
    ("led credits", lambda doc: sorted(credit_lines._led_credit_lines(doc))),
    ("credit lines", lambda doc: list(credit_lines._credit_lines(doc))),
    (
        "labels",
        lambda doc: _memo.picked_lines(
            doc, "labels", stripped_lines(doc), labels._label_lines, short_lines(doc)
        ),
    ),
    (
        "headings",
        lambda doc: _memo.picked_lines(
            doc, "related.headings", stripped_lines(doc), related._headings, short_lines(doc)
        ),
    ),
    ("cards", lambda doc: _memo.picked_lines(doc, "cards", text_lines(doc), cards._card_lines)),
    ("visible", lambda doc: [hash(seen) for seen in visible_lines(doc)]),
]


@needs_texts
@pytest.mark.parametrize("path", SCRAPED[::3], ids=lambda p: p.name)
@pytest.mark.parametrize("name, pick", _PICKS, ids=[name for name, _ in _PICKS])
def test_lines_picked_with_a_filled_memo_are_those_picked_afresh(
    path: Path, name: str, pick: Callable[[Document], list[int]]
) -> None:
    texts = _passes(Document.from_text(path.read_text(encoding="utf-8")).text)
    doc = Document.from_text(texts[0], path=str(path))
    doc.keep_run_memo()
    for text in texts:
        doc = doc.with_text(text)
        assert pick(doc) == pick(Document(text, path=str(path))), name


def test_a_line_is_tried_in_a_document_of_its_own_once_the_run_has_seen_others() -> None:
    """The memo's second path (the lines not seen yet, in a document of their own) and its
    first (the whole document) pick alike, and a verdict is kept for the format it was
    found in: a Markdown link line is a label there, plain text it is not."""
    text = "The talks ended late on Monday in Brussels, the ministers said.\n"
    line = "* [Next article](/a)"
    for kind, found in (("t.md", [1]), ("t.txt", [])):
        doc = Document.from_text(text, path=kind)
        doc.keep_run_memo()
        assert _PICKS[3][1](doc) == []
        later = doc.with_text(text + line + "\n")
        assert _PICKS[3][1](later) == found == _PICKS[3][1](Document(later.text, path=kind))


def block_scores(doc: Document) -> list[float] | None:
    """SCR008's block scores of ``doc``, kept from the run's last document where the run
    memo allows (:func:`block_memo.kept_scores`), else counted."""
    seen = visible_lines(doc)
    blocks = list(chrome._blocks(stripped_lines(doc)))
    found = block_memo.kept_scores(
        doc,
        seen,
        blocks,
        chrome._block_scores,
        chrome._prose_score,
        chrome._block_score,
        chrome._sure_prose_score,
    )
    return chrome._block_scores(seen, blocks) if found is None else found


def _wrapped(text: str) -> str:
    """``text`` as blocks of many lines: paragraphs cut into lines of eight words, a blank
    line between paragraphs, so that an edit changes a line or two of a long block."""
    blocks = []
    for paragraph in text.split("\n"):
        words = paragraph.split()
        blocks.append("\n".join(" ".join(words[i : i + 8]) for i in range(0, len(words), 8)))
    return "\n\n".join(blocks)


@needs_texts
@pytest.mark.parametrize("path", TEXTS[::2], ids=lambda p: p.name)
@pytest.mark.parametrize("shape", [lambda text: text, _wrapped], ids=["as-is", "wrapped"])
def test_block_scores_in_a_fix_run_are_those_scored_afresh(
    path: Path, shape: Callable[[str], str]
) -> None:
    """Blocks a pass changed are scored from their earlier version plus and minus the lines
    it gained and lost (block_memo.py): the scores are those of every block scored whole."""
    texts = [shape(text) for text in _passes(Document.from_text(path.read_text("utf-8")).text)]
    texts.append(texts[-1].replace("\n", " ", 3))  # lines joined: blocks of fewer lines
    doc = Document.from_text(texts[0], path=str(path))
    doc.keep_run_memo()
    for text in texts:
        doc = doc.with_text(text)
        fresh = Document(text, path=str(path))
        assert block_scores(doc) == block_scores(fresh)
    assert _memo.table(doc, "chrome.block_sums")  # blocks of many lines were summed


def test_a_block_that_gains_copies_of_a_line_is_summed_with_each_copy() -> None:
    """Blocks of other lengths are compared as multisets: a line that stands twice and is
    gained twice counts twice (under the 40 words where a block's score stops growing)."""
    doc = Document("One two, three.\n" * 10 + "Four five six")
    doc.keep_run_memo()
    assert block_scores(doc) == [33.0]
    for text in ("One two, three.\n" * 12, "One two, three.\n" * 11 + "Seven"):
        doc = doc.with_text(text.rstrip("\n"))
        assert block_scores(doc) == block_scores(Document(doc.text))
    assert block_scores(doc) == [34.0]


@needs_texts
@pytest.mark.parametrize("path", TEXTS[::4], ids=lambda p: p.name)
def test_picks_sharing_documents_of_unseen_lines_are_those_picked_afresh(path: Path) -> None:
    """Tables that miss the same lines after a pass share one document of them
    (``_memo._unseen``); tables that miss others (one picked in a pass the other skipped)
    get their own. Every pick is the fresh check's, whichever table filled first."""
    texts = _passes(Document.from_text(path.read_text(encoding="utf-8")).text)
    doc = Document.from_text(texts[0], path=str(path))
    doc.keep_run_memo()
    for number, text in enumerate(texts):
        doc = doc.with_text(text)
        fresh = Document(text, path=str(path))
        # Some picks skip some passes, so that their tables miss other lines than the rest.
        picks = [pick for index, (_, pick) in enumerate(_PICKS) if (index + number) % 3]
        for pick in reversed(picks) if number % 2 else picks:
            assert pick(doc) == pick(fresh)
        documents = doc.shared(_memo._UNSEEN, _memo._no_documents)
        for lines, unseen in documents.items():
            assert unseen.text == "\n".join(lines)


@needs_texts
def test_tables_missing_the_same_lines_share_their_document() -> None:
    text = SCRAPED[0].read_text(encoding="utf-8")
    doc = Document.from_text(text, path=str(SCRAPED[0]))
    doc.keep_run_memo()
    label_pick, heading_pick = _PICKS[3][1], _PICKS[4][1]
    label_pick(doc), heading_pick(doc)
    later = doc.with_text(_passes(doc.text)[2])
    found = label_pick(later), heading_pick(later)
    fresh = Document(later.text, path=str(SCRAPED[0]))
    assert found == (label_pick(fresh), heading_pick(fresh))
    assert len(later.shared(_memo._UNSEEN, _memo._no_documents)) == 1
