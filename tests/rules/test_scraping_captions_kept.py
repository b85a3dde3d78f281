"""SCR001's and SCR002's tests of the lines around a credit, kept by the texts they read (in
a fix run across its passes, else for the document: repair/rules/scraping/captions.py
``_kept``), give what the tests give computed afresh.

The reference functions below are the code before the verdicts were kept. Every real text
is checked in one fix run, so that the tables hold the verdicts of every text before it: a
key that leaves out something a test reads gives a verdict of another line or credit.
"""

from __future__ import annotations

from repair.document import Document
from repair.rules.scraping import captions
from repair.rules.scraping._common import _is_own_paragraph
from repair.rules.scraping.captions import (
    _BODY_BEFORE_MIN_WORDS,
    _BODY_END,
    _BODY_MIN_WORDS,
    _BODY_START,
    _PLACE,
    _SENTENCE_BREAK,
    _YEAR_OR_PLACE,
    _is_caption,
    _is_plain_caption,
    _may_be_caption,
    _narrates,
    _next_content_line,
    _previous_content_line,
)
from repair.rules.scraping.credit_lines import _Credit, _find_credits
from repair.rules.scraping.credit_text import _match_credit
from tests.conftest import real_text_paths


def _between_reference(doc: Document, index: int, last: int | None = None) -> bool:
    before = _previous_content_line(doc, index)
    after = _next_content_line(doc, index if last is None else last)
    if before is None or after is None:
        return False
    first = doc.line_text(before).strip()
    second = doc.line_text(after).strip()
    if any(len(text.split()) < _BODY_MIN_WORDS or text[0] in "#>*-+|" for text in (first, second)):
        return False
    if _may_be_caption(first):
        return False
    if (
        len(first.split()) < _BODY_BEFORE_MIN_WORDS
        and not _SENTENCE_BREAK.search(first)
        and (last is not None or not _narrates(first))
    ):
        return False
    return bool(_BODY_END.search(first) and _BODY_START.match(second))


def _caption_line_reference(doc: Document, credit: _Credit) -> int | None:
    if credit.caption is not None:
        return None
    previous = _previous_content_line(doc, credit.line)
    if previous is None or not _is_own_paragraph(doc, previous):
        return None
    text = doc.line_text(previous).strip()
    if _match_credit(text, attached=False):
        return None
    if _is_caption(text) or (credit.strong and _is_plain_caption(text)):
        return previous
    return None


def _pair_set_apart_reference(doc: Document, caption: int, credit: int) -> bool:
    text = doc.line_text(caption)
    if not (_YEAR_OR_PLACE.search(text) or _PLACE.search(text)):
        return False
    return _between_reference(doc, caption, credit)


def _verdicts(doc: Document, kept: bool) -> list[object]:
    """What the tests say of each credit of ``doc`` and of each line, kept or afresh."""
    between = captions._between_body_paragraphs if kept else _between_reference
    caption_line = captions._caption_line if kept else _caption_line_reference
    pair = captions._pair_set_apart if kept else _pair_set_apart_reference
    found: list[object] = []
    for credit in _find_credits(doc):
        # Both the strong and the plain reading: a key without ``strong`` gives one the
        # verdict of the other.
        for strong in (credit.strong, not credit.strong):
            asked = _Credit(credit.line, credit.span, credit.caption, strong)
            found.append(caption_line(doc, asked))
    for index in range(len(doc.lines)):
        found += [between(doc, index), between(doc, index, index), between(doc, index, index + 1)]
        if index:
            found.append(pair(doc, index - 1, index))
    return found


_SYNTHETIC = [
    # The same lines around a credit alone and around a caption and credit pair: a short
    # sentence that narrates is prose before a credit alone, not before a pair.
    "The minister said the talks would go on later.\nEPA / Chen Aner\n"
    "They will meet again next week in Brussels, the minister added.",
    "Officials met in Brussels on Monday and said they would meet again soon enough.\n"
    "A general view of the port at Velmora, Dovria.\nJane Doyle / Reuters\n"
    "Farmers say that the valley is facing a dry summer this year, officials said.",
]


def test_kept_verdicts_are_those_computed_afresh_over_a_fix_run_of_every_real_text() -> None:
    texts = _SYNTHETIC + [path.read_text("utf-8") for path in real_text_paths()]
    run = Document.from_text(texts[0], path="run.txt")
    run.keep_run_memo()
    asked = 0
    for text in texts:
        for fmt_doc in (run.with_text(text), Document.from_text(text, path="alone.txt")):
            fresh = Document.from_text(text, path="fresh.txt")
            assert _verdicts(fmt_doc, kept=True) == _verdicts(fresh, kept=False)
        asked += len(_find_credits(Document.from_text(text, path="x.txt")))
    assert asked > 30  # credits to ask of: the scraped pages and the corpus hold some


def test_a_credit_alone_and_a_pair_between_the_same_lines_may_part() -> None:
    doc = Document.from_text(_SYNTHETIC[0], path="a.txt")
    assert _between_reference(doc, 1) != _between_reference(doc, 1, 1)
    doc.keep_run_memo()
    assert captions._between_body_paragraphs(doc, 1) == _between_reference(doc, 1)
    assert captions._between_body_paragraphs(doc, 1, 1) == _between_reference(doc, 1, 1)
