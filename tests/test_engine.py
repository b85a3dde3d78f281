"""The engine's one call: a check or a fix of one document, and what its outcome holds."""

from __future__ import annotations

from repair import engine
from repair.config import Config
from repair.document import Document
from repair.files import decode
from repair.fixer import replay
from tests.conftest import MT_ARTICLE

SETTINGS = Config()


def test_a_check_applies_nothing_and_leaves_the_text() -> None:
    doc = Document.from_text(MT_ARTICLE.read_text(encoding="utf-8"), path="a.txt")
    outcome = engine.run(doc, SETTINGS)
    assert outcome.found and outcome.found == outcome.remaining
    assert outcome.applied == () and outcome.passes == () and outcome.text == doc.text
    assert outcome.found == tuple(engine.check(doc, SETTINGS))


def test_a_fix_holds_the_findings_before_and_after_and_its_passes() -> None:
    doc = Document.from_text(MT_ARTICLE.read_text(encoding="utf-8"), path="a.txt")
    outcome = engine.run(doc, SETTINGS, fix=True)
    assert outcome.text != doc.text and outcome.applied
    assert outcome.found == tuple(engine.check(doc, SETTINGS))  # read once: no second check
    assert replay(doc.text, outcome.passes) == outcome.text
    fixed = doc.with_text(outcome.text)
    assert outcome.remaining == tuple(engine.check(fixed, SETTINGS))


def test_known_findings_are_taken_instead_of_a_check() -> None:
    doc = Document.from_text("AT&amp;T and AT&amp;T.\n", path="a.txt")
    found = engine.run(doc, SETTINGS).found
    assert engine.run(doc, SETTINGS, found=found[:1]).found == found[:1]
    assert engine.run(doc, SETTINGS, fix=True, found=found).text == "AT&T and AT&T.\n"


def test_the_change_of_encoding_is_told_apart_from_the_text() -> None:
    text = "Les élèves ont déjà reçu les résultats \u2013 \u201cbien\u201d.\n" * 3
    doc = decode(text.encode("cp1252"), "legacy.txt")
    outcome = engine.run(doc, Config(select=("ENC",)), fix=True)
    assert [f.code for f in outcome.encoding_change] == ["ENC001"]
    assert outcome.encoding_change[0] in outcome.remaining and outcome.text == doc.text
    clean = Document.from_text(text, path="clean.txt")
    assert engine.run(clean, Config(select=("ENC",)), fix=True).encoding_change == ()
