"""PUN004's triggers, one a mark, find the lines and matches the six of a kind each found."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from repair.document import Document
from repair.rules.punctuation._shared import DOUBLED_PUNCTUATION_TRIGGERS
from repair.rules.punctuation.doubled import _DOUBLED_PUNCTUATION
from repair.text import finditer_lines, trigger_lines
from tests.conftest import CORPUS, FIXTURES, require_eval

# The triggers as they were: a pair in a row, or a space or tab before the second mark.
_REFERENCE = (
    *(re.compile(rf"\{mark}\{mark}") for mark in ",;."),
    *(re.compile(rf"{mark}(?<=[\x20\t]{mark})") for mark in ",;:"),
)


def _spans(matches: Iterator[re.Match[str]]) -> list[tuple[int, int]]:
    return [match.span() for match in matches]


def _same(text: str) -> None:
    assert trigger_lines(text, DOUBLED_PUNCTUATION_TRIGGERS) == trigger_lines(text, _REFERENCE)
    doc = Document.from_text(text, path="a.txt")
    found = _spans(finditer_lines(_DOUBLED_PUNCTUATION, doc, DOUBLED_PUNCTUATION_TRIGGERS))
    assert found == _spans(_DOUBLED_PUNCTUATION.finditer(doc.text))


def test_real_text_gets_the_same_lines_and_matches() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.*"))]
    texts += [path.read_text(encoding="utf-8") for path in sorted(FIXTURES.rglob("*.txt"))]
    texts += [
        p.read_text(encoding="utf-8") for p in sorted(require_eval("mqm-zhen/docs").iterdir())
    ]
    with require_eval("mqm-zhen/segments.jsonl").open(encoding="utf-8") as stream:
        texts.append("\n".join(json.loads(line)["target"] for line in stream))
    lines = 0
    for text in texts:
        _same(text)
        lines += len(trigger_lines(text, _REFERENCE))
    assert lines > 20


_CHARS = st.sampled_from(list("ab ,,;;::..\t\n\u201d'1"))


@settings(max_examples=500, deadline=None)
@given(text=st.lists(_CHARS, max_size=60).map("".join))
def test_any_text_gets_the_same_lines_and_matches(text: str) -> None:
    _same(text)
