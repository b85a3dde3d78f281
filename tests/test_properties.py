"""Invariants of check and fix on generated text (Hypothesis, derandomized as black does).

The text is made of real sentences: from the clean sample article (which must stay
unchanged) and, for damaged text, the same sentences with artefacts injected.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from repair import check_text, fix_text
from repair.fixer import replay
from tests.conftest import CLEAN_ARTICLE, corpus_text

SENTENCES = tuple(
    s
    for s in re.split(r"(?<=[.!?\u201d])\s+(?=[A-Z\u201c])", corpus_text(CLEAN_ARTICLE))
    if len(s) > 20
)

PROPERTY = settings(
    derandomize=True,  # deterministic mode to avoid CI flakiness
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _mojibake(text: str) -> str:
    return text.encode("utf-8").decode("cp1252", errors="replace")


DAMAGES = (
    lambda s: s.replace("&", "&amp;"),
    lambda s: s.replace(" ", "\u200b ", 1),
    lambda s: s.replace("-", " -", 1),
    lambda s: s.replace(". ", ".", 1),
    lambda s: s.replace("\u201c", '"').replace("\u201d", '"'),
    lambda s: s.replace("e", "\x08e", 1),
    _mojibake,
)


@st.composite
def clean_text(draw: st.DrawFn) -> str:
    chosen = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6, unique=True))
    separator = draw(st.sampled_from([" ", "\n", "\n\n"]))
    return separator.join(chosen) + draw(st.sampled_from(["", "\n"]))


@st.composite
def damaged_text(draw: st.DrawFn) -> str:
    sentences = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4, unique=True))
    damaged = []
    for sentence in sentences:
        damage = draw(st.sampled_from(DAMAGES))
        damaged.append(damage(sentence))
    return draw(st.sampled_from([" ", "\n"])).join(damaged)


@PROPERTY
@given(text=clean_text())
def test_clean_text_comes_out_byte_for_byte(text: str) -> None:
    assert fix_text(text).text == text
    assert fix_text(text, unsafe=True).text == text


@PROPERTY
@given(text=damaged_text())
def test_fix_is_idempotent(text: str) -> None:
    for unsafe in (False, True):
        once = fix_text(text, unsafe=unsafe).text
        assert fix_text(once, unsafe=unsafe).text == once


@PROPERTY
@given(text=damaged_text())
def test_replaying_recorded_edits_gives_the_output(text: str) -> None:
    result = fix_text(text, unsafe=True)
    assert replay(text, result.passes) == result.text


@PROPERTY
@given(text=damaged_text())
def test_findings_are_the_same_on_every_run_and_in_bounds(text: str) -> None:
    first = check_text(text)
    assert first == check_text(text)
    for finding in first:
        assert 0 <= finding.start <= finding.end <= len(text)
        if finding.fix is not None:
            assert all(0 <= e.start <= e.end <= len(text) for e in finding.fix.edits)


@PROPERTY
@given(text=damaged_text(), newline=st.sampled_from(["\r\n", "\r"]))
def test_line_endings_are_kept(text: str, newline: str) -> None:
    converted = text.replace("\n", newline)
    fixed = fix_text(converted).text
    assert fixed == fix_text(text).text.replace("\n", newline)


URL_PIECES = (
    "see https://www.example.com/a?b=1.",
    "WwW.Example.org/path",
    "mail jane.doe+news@example.co.uk,",
    "ftp://files.example.net",
    "an @handle and a@b",
    "www.",
    "://",
    "\n",
    " ",
)


@PROPERTY
@given(st.lists(st.sampled_from(SENTENCES + URL_PIECES), min_size=1, max_size=12))
@example(["Read", "WwW.Example.org/path", "\n", "mail jane.doe+news@example.co.uk,"])
def test_urls_and_e_mails_found_line_by_line_as_in_the_whole_text(pieces: list[str]) -> None:
    """Protected URLs and e-mails are searched only in lines holding "://", "www." or "@"."""
    from repair.document import _EMAIL, _URL, Document, Protected

    text = " ".join(pieces)
    doc = Document.from_text(text, path="t.txt")
    expected = [(m.span(), Protected.URL) for m in _URL.finditer(doc.text)]
    expected += [(m.span(), Protected.EMAIL) for m in _EMAIL.finditer(doc.text)]
    found = [
        ((p.span.start, p.span.end), p.kind)
        for p in doc.protected
        if p.kind in (Protected.URL, Protected.EMAIL)
    ]
    assert sorted(found) == sorted(expected)
