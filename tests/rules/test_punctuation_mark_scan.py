"""PUN002-PUN004 find their lines by one scan a mark (``share_mark_lines``), PUN001 and PUN005
by one scan for hyphens (``share_hyphen_lines``): the lines each rule gets are those its own
triggers find in the whole text, and so are its findings."""

from __future__ import annotations

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from repair import Config
from repair.document import Document
from repair.rules.base import CheckContext
from repair.rules.punctuation._shared import (
    DOUBLED_PUNCTUATION_TRIGGERS,
    GLUED_SENTENCE_TRIGGERS,
    SPACE_BEFORE_PUNCTUATION_TRIGGERS,
    SPACED_DASH_TRIGGERS,
    SPACED_HYPHEN_TRIGGERS,
    share_hyphen_lines,
    share_mark_lines,
    space_before_triggers,
)
from repair.rules.punctuation.dash import spaced_dash_in_compound
from repair.rules.punctuation.doubled import doubled_punctuation
from repair.rules.punctuation.hyphen import spaced_hyphen
from repair.rules.punctuation.spacing import missing_space_after_sentence, space_before_punctuation
from repair.text import TRIGGER_LINES, lines_holding, trigger_lines
from tests.conftest import CORPUS, FIXTURES, require_eval

_RULES = (
    space_before_punctuation,
    missing_space_after_sentence,
    doubled_punctuation,
    spaced_hyphen,
    spaced_dash_in_compound,
)


def _groups(text: str) -> tuple[tuple[re.Pattern[str], ...], ...]:
    return (
        space_before_triggers(text),
        GLUED_SENTENCE_TRIGGERS,
        DOUBLED_PUNCTUATION_TRIGGERS,
        SPACED_HYPHEN_TRIGGERS,
        SPACED_DASH_TRIGGERS,
    )


def _same(text: str) -> None:
    """Each rule's lines after the shared scan, against its triggers' own scan of the text;
    and the rules' hits against the hits they give when each scans for itself."""
    doc = Document.from_text(text, path="a.txt")
    share_mark_lines(doc)
    share_hyphen_lines(doc)
    for group in _groups(text):
        assert lines_holding(doc, group) == trigger_lines(text, group)
    # The tab trigger is scanned only in a text holding a tab; it finds lines of its own.
    assert lines_holding(doc, _groups(text)[0]) == trigger_lines(
        text, SPACE_BEFORE_PUNCTUATION_TRIGGERS if "\t" in text else _groups(text)[0]
    )
    shared = _hits(doc)
    alone = Document.from_text(text, path="a.txt")
    for group in _groups(text):  # each rule's lines found by its own triggers, as before
        found = alone.shared(TRIGGER_LINES, lambda _: {})
        found[group] = trigger_lines(text, group)
    assert shared == _hits(alone)


def _hits(doc: Document) -> list[tuple[str, int, int, str]]:
    ctx = CheckContext(Config())
    return [
        (rule.__name__, hit.span.start, hit.span.end, hit.message)
        for rule in _RULES
        for hit in rule(doc, ctx)
    ]


def test_real_text_gets_the_lines_and_hits_of_each_rules_own_triggers() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.*"))]
    texts += [path.read_text(encoding="utf-8") for path in sorted(FIXTURES.rglob("*.txt"))]
    texts += [
        path.read_text(encoding="utf-8") for path in sorted(require_eval("scraped").glob("*.txt"))
    ]
    segments = require_eval("mqm-zhen/segments.jsonl").read_text(encoding="utf-8").splitlines()
    texts.append("\n".join(str(json.loads(line)) for line in segments[:3000]))
    cases = require_eval("mojibake/cases.jsonl").read_text(encoding="utf-8").splitlines()
    texts.append("\n".join(json.loads(line)["fixed"] for line in cases))
    assert len(texts) > 20
    lines = 0
    for text in texts:
        _same(text)
        lines += len(trigger_lines(text, DOUBLED_PUNCTUATION_TRIGGERS))
        lines += len(trigger_lines(text, SPACED_DASH_TRIGGERS))
    assert lines > 10  # doubled marks and spaced dashes are few: some must be there to compare


# Marks, spaces, tabs, capitals and line breaks side by side: every trigger and near misses.
_MARK_TEXT = st.text(alphabet=" \t\n.,;:?!aA1-\u2013\u2019", max_size=80)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(_MARK_TEXT)
def test_generated_marks_get_the_lines_and_hits_of_each_rules_own_triggers(text: str) -> None:
    _same(text)


def test_a_rule_asked_alone_finds_its_lines() -> None:
    # Whichever rule runs first scans for all three; the others find their lines kept.
    doc = Document.from_text("A b , c.Dd ;; e..\nx\t?", path="a.txt")
    share_mark_lines(doc)
    assert lines_holding(doc, GLUED_SENTENCE_TRIGGERS) == [(0, 18)]
    assert lines_holding(doc, space_before_triggers(doc.text)) == [(0, 18), (18, 21)]
    assert lines_holding(doc, DOUBLED_PUNCTUATION_TRIGGERS) == [(0, 18)]


def test_hyphen_rules_asked_alone_find_their_lines() -> None:
    doc = Document.from_text("a -b\nc - d\ne \u2013 f\ng-h", path="a.txt")
    share_hyphen_lines(doc)
    assert lines_holding(doc, SPACED_HYPHEN_TRIGGERS) == [(0, 5), (5, 11)]
    assert lines_holding(doc, SPACED_DASH_TRIGGERS) == [(5, 11), (11, 17)]
