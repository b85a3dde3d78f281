"""``mojibake_spans`` (what other families read as ENC002's mojibake) in a fix run's
re-check are read from ENC002's findings, which the re-check assembles from the paragraphs
it kept and those it checked again (repair/recheck.py, ``PARAGRAPH_FINDINGS``): they must
be the spans a fresh document's ftfy scan finds, at every pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from repair.config import Config
from repair.document import Document
from repair.findings import Edit, Finding
from repair.fixer import Revision, fix_document
from repair.recheck import Rechecker
from repair.rules.base import PARAGRAPH_FINDINGS
from repair.rules.encoding import mojibake_spans
from tests.conftest import CORPUS

CONFIG = Config()


def _broken(paragraph: str) -> str:
    return paragraph.encode("utf-8").decode("latin-1")


def _paragraphs() -> list[str]:
    return [
        line
        for path in sorted(CORPUS.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.isascii()
    ]


def _fresh_spans(doc: Document) -> tuple[object, ...]:
    return mojibake_spans(Document(doc.text, path=doc.path, text_format=doc.format))


@pytest.mark.parametrize("start", range(0, 22, 7))
def test_mojibake_spans_read_from_a_re_checks_findings_are_a_fresh_scans(start: int) -> None:
    lines = _paragraphs()[start : start + 12]
    assert len(lines) == 12
    # Mojibake in every other paragraph; the re-check follows a pass that changed others
    # (every offset after the first change moves).
    text = "\n\n".join(_broken(p) if n % 2 else p for n, p in enumerate(lines)) + "\n"
    check = Rechecker(CONFIG)
    first = Document.from_text(text, path="a.txt")
    check(first)
    assert mojibake_spans(first) == _fresh_spans(first) != ()
    edits: list[Edit] = []
    for span in first.paragraphs[::4]:
        edits.append(Edit(span.start, span.start, "Well, "))
    later_text = first.text
    for edit in reversed(edits):
        later_text = later_text[: edit.start] + edit.replacement + later_text[edit.end :]
    later = first.with_text(later_text)
    check(later, Revision(first, tuple(edits)))
    reported = later.shared(PARAGRAPH_FINDINGS, lambda _: {}).get("ENC002")
    assert reported  # the spans come from the assembled findings
    assert "repair.rules.encoding.mojibake" not in later.__dict__["_shared"]  # no scan ran
    assert mojibake_spans(later) == _fresh_spans(later)


@pytest.mark.parametrize("start", range(0, 24, 8))
def test_every_pass_of_a_fix_run_reads_the_mojibake_a_fresh_scan_finds(start: int) -> None:
    lines = _paragraphs()[start : start + 10]
    text = "\n".join(
        _broken(p) if n % 3 == 0 else p.replace(" the ", " the the ", 1)
        for n, p in enumerate(lines)
    )
    recheck = Rechecker(CONFIG)
    passes = 0

    def check(doc: Document, since: Revision | None = None, /) -> list[Finding]:
        nonlocal passes
        found = recheck(doc, since)
        assert mojibake_spans(doc) == _fresh_spans(doc), f"pass {passes}"
        passes += 1
        return found

    fix_document(Document.from_text(text, path="a.txt"), check)
    assert passes > 1


def test_without_the_fix_loop_the_spans_are_ftfys() -> None:
    text = "Caf\u00c3\u00a9 owners \u00e2\u0080\u009cagreed\u00e2\u0080\u009d.\n"
    doc = Document.from_text(text, path=str(Path("a.txt")))
    assert mojibake_spans(doc) != ()
    assert PARAGRAPH_FINDINGS not in doc.__dict__["_shared"]
