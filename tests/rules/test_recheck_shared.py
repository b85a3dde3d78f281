"""What the paragraph-local GLU and PUN rules share in a fix run's re-check: the document of
the paragraphs a pass changed is handed to each rule with a fresh ``Document.shared``, and
their trigger lines and capitals are kept for its text (``repair.rules.same_text``), the
capitals searched whole there rather than looked up line by line. Each rule's findings in
each document of real fix runs are compared with those of a fresh document of the same
text, checked with nothing kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair import Config, recheck
from repair.api import fix_text
from repair.document import Document
from repair.findings import Finding
from repair.recheck import Rechecker
from repair.rules import same_text
from repair.rules.base import CheckContext, Rule, hand_paragraph_findings
from repair.rules.glued import RULES as GLU_RULES
from repair.rules.glued import _scan
from repair.rules.punctuation import RULES as PUN_RULES
from repair.rules.punctuation import _shared, dash, hyphen
from repair.rules.punctuation._shared import HYPHENATED, share_mark_lines
from repair.text import TRIGGER_LINES, lines_holding
from tests.conftest import CORPUS, EVAL

_RULES: dict[str, Rule] = {rule.code: rule for rule in (*GLU_RULES[1:], *PUN_RULES)}
"""GLU002, GLU003 and PUN001-PUN005: the paragraph-local rules of these families."""
_CONTEXT = CheckContext(Config())


def _real_texts() -> list[tuple[str, str]]:
    paths: list[Path] = [
        *sorted(CORPUS.glob("*.txt")),
        *sorted((EVAL / "scraped").glob("*.txt"))[:30],
        *sorted((EVAL / "mqm-zhen" / "docs").glob("*"))[:20],
    ]
    return [(path.name, path.read_text(encoding="utf-8")) for path in paths if path.is_file()]


_SENTENCE_END = re.compile(r"(?<=[a-z])\. (?=[A-Z][a-z])")
_INNER_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")


def _damaged(text: str, number: int) -> str:
    """What these rules find, line by line: sentence ends lost ("marketsBut"), a number run
    into a word, hyphens spaced, doubled and spaced marks, compounds with spaced dashes."""
    out = []
    for index, line in enumerate(text.split("\n")):
        kind = (index + number) % 6
        if kind == 0:
            line = _SENTENCE_END.sub("", line, count=2)
        elif kind == 1:
            line = line.replace("-", " -", 1).replace(". ", ".", 1)
        elif kind == 2:
            line = line.replace(",", ",,", 1).replace(" 20", " 2019It ", 1)
        elif kind == 3:
            line = line.replace("-", "- ", 1).replace(" is ", " is , ", 1)
        elif kind == 4 and line and number % 2:
            line += " A state - owned firm, a 32 - week plan and the state-owned bank."
        elif kind == 5:
            line = _INNER_HYPHEN.sub(" -", line)  # a compound perhaps written whole nowhere
        out.append(line)
    return "\n".join(out)


def _fresh_findings(doc: Document, rule: Rule) -> list[Finding]:
    fresh = Document(doc.text, path=doc.path, text_format=doc.format)
    return list(map(rule.stamp, rule.check(fresh, _CONTEXT)))


def _checked_runs(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Document, dict]]:
    """Each whole document of real fix runs, with the findings the fix loop's check gave
    each rule there (assembled from the kept paragraphs and the changed ones)."""
    checked: list[tuple[Document, dict]] = []
    call = Rechecker.__call__

    def recording(self: Rechecker, doc: Document, since: object = None, /) -> list[Finding]:
        found = call(self, doc, since)  # type: ignore[arg-type]
        assert self._last is not None
        checked.append((doc, dict(self._last.local)))
        return found

    monkeypatch.setattr(Rechecker, "__call__", recording)
    for number, (name, text) in enumerate(_real_texts()):
        checked.clear()
        fix_text(_damaged(text, number), config=Config(), unsafe=number % 2 == 1, path=name)
        yield from checked


def test_fix_runs_of_real_text_find_what_fresh_documents_find(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kept: list[str] = []
    by_text = same_text._by_text

    def counting(doc: Document, key: str, compute):  # type: ignore[no-untyped-def]
        last = doc.run_memo(same_text._KEPT)
        if last and key in last and last[key][0] is doc.text:
            kept.append(key)
        return by_text(doc, key, compute)

    monkeypatch.setattr(same_text, "_by_text", counting)
    excerpts = []
    run_apart = recheck.run_apart

    def spying(rule, excerpt, whole, context):  # type: ignore[no-untyped-def]
        excerpts.append((rule.code, whole))
        return run_apart(rule, excerpt, whole, context)

    monkeypatch.setattr(recheck, "run_apart", spying)
    documents = found = joined_apart = 0
    before = None
    for doc, local in _checked_runs(monkeypatch):
        documents += 1
        if before is not None and before.path == doc.path and ("PUN001", doc) in excerpts:
            # Compounds joined by the pass before, yet PUN001 checked only what it changed.
            every = _shared._hyphenated_pairs
            joined_apart += every(before) != every(doc)
        before = doc
        for code, rule in _RULES.items():
            if code not in local:
                continue  # a text not in English: the rule did not run
            assert local[code] == _fresh_findings(doc, rule), (doc.path, code)
            found += len(local[code])
    # Not vacuous: re-checks ran on changed paragraphs, which reused what another rule
    # computed on them, and the rules found things.
    assert documents > 100 and found > 500 and len(excerpts) > 200
    assert kept.count(TRIGGER_LINES) > 100
    assert kept.count("repair.rules.glued.capitals") > 20
    assert joined_apart > 3


def test_kept_by_text_only_for_the_same_text() -> None:
    calls: list[str] = []

    def compute(doc: Document) -> str:
        calls.append(doc.text)
        return doc.text.upper()

    doc = Document("a b")
    doc.keep_run_memo()
    assert same_text.shared_by_text(doc, "k", compute) == "A B"
    same = doc.with_text(doc.text)  # the same string object: kept
    assert same_text.shared_by_text(same, "k", compute) == "A B" and len(calls) == 1
    equal = doc.with_text("".join(["a", " b"]))  # an equal text, another object: computed
    assert same_text.shared_by_text(equal, "k", compute) == "A B" and len(calls) == 2
    other = doc.with_text("c")
    assert same_text.shared_by_text(other, "k", compute) == "C" and len(calls) == 3
    assert same_text.shared_by_text(doc.with_text(doc.text), "k", compute) == "A B"
    assert len(calls) == 4  # only the last text is kept
    outside = Document("a b")  # no fix run: nothing kept across documents
    assert same_text.shared_by_text(outside, "k", compute) == "A B"
    assert same_text.shared_by_text(Document(outside.text), "k", compute) == "A B"
    assert len(calls) == 6


def test_changed_paragraphs_told_from_whole_texts() -> None:
    whole = Document("One line.\n\nTwo lines.")
    assert not same_text.is_changed_paragraphs(whole)  # no fix run
    whole.keep_run_memo()
    hand_paragraph_findings(whole, {})
    assert not same_text.is_changed_paragraphs(whole)
    excerpt = whole.with_text("Two lines.")
    list(recheck.run_apart(_RULES["PUN001"], excerpt, whole, _CONTEXT))
    assert same_text.is_changed_paragraphs(excerpt)


def test_trigger_lines_table_is_the_one_lines_holding_reads() -> None:
    """The PUN rules hand the table under :data:`TRIGGER_LINES`: the key of
    ``repair.text``'s table."""
    doc = Document("No marks\nA mark ,here.And\nnone")
    share_mark_lines(doc)
    table = doc.shared(TRIGGER_LINES, lambda _: {})
    assert table and all(lines_holding(doc, group) is lines for group, lines in table.items())


def test_capitals_of_changed_paragraphs_are_the_whole_search() -> None:
    for _, text in _real_texts()[:10]:
        doc = Document(text)
        doc.keep_run_memo()
        expected = _scan._find_capitals(text)
        assert _scan.capital_hits(doc) == expected  # searched through the table by line
        assert expected == tuple(m.start() for m in _scan._CAPITAL_TRIGGER.finditer(text))


# What PUN001 and PUN005 read of the whole text --------------------------------------------


def _asked(text: str) -> set[str]:
    """Every pair the two rules' patterns may ask about in ``text``."""
    doc = Document(text)
    asked = {f"{m['left']}-{m['right']}".lower() for m in hyphen._SPACED_HYPHEN.finditer(doc.text)}
    asked.update(
        f"{m['left']}-{m['right']}".lower()
        for m in dash._SPACED_DASH.finditer(doc.text)
        if m["dash"] == " - "
    )
    return asked


def _in_a_run(text: str) -> Document:
    doc = Document(text)
    doc.keep_run_memo()
    return doc


def _assert_asked_pairs_exact(text: str) -> int:
    every, asked_about = _shared._hyphenated_pairs(Document(text)), HYPHENATED(_in_a_run(text))
    assert HYPHENATED(Document(text)) == every  # outside a fix run: every pair
    assert asked_about <= every
    asked = _asked(text)
    for pair in asked:
        assert (pair in asked_about) == (pair in every), pair
    return len(asked & every)


def test_asked_pairs_answer_as_every_pair_on_real_text() -> None:
    written_both_ways = 0
    for number, (_, text) in enumerate(_real_texts()):
        written_both_ways += _assert_asked_pairs_exact(_damaged(text, number))
        written_both_ways += _assert_asked_pairs_exact(text)
    assert written_both_ways > 20


@settings(derandomize=True, max_examples=500, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(["ab", "X", "-", " ", " - ", "- ", " -", "\n", "1", "_", "\u00e9", "."]),
        max_size=30,
    ).map("".join)
)
def test_asked_pairs_answer_as_every_pair(text: str) -> None:
    _assert_asked_pairs_exact(text)


def test_a_join_leaves_the_asked_pairs_as_they_were() -> None:
    """ "two -day" joined, written apart nowhere else: the set of every pair gains it, the
    asked pairs do not change (the fix loop reuses the kept paragraphs' findings)."""
    before = _in_a_run("A two -day visit.\n\nThe state-owned bank, a state - owned firm.")
    after = _in_a_run("A two-day visit.\n\nThe state-owned bank, a state - owned firm.")
    assert _shared._hyphenated_pairs(before) != _shared._hyphenated_pairs(after)
    assert HYPHENATED(before) == HYPHENATED(after) == {"state-owned"}
