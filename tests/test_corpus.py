"""The sample corpus end to end: what the issue says each file must show, plus snapshots.

Snapshots (tests/snapshots/<file>.findings, .fixed, .unsafe) hold the findings and the
fixed texts of every corpus file with the default rules and corpus/entities.toml;
``REPAIR_UPDATE_GOLDEN=1`` rewrites them, to be reviewed in the diff like code.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from repair import Config, check_text, fix_text
from repair.document import Document
from tests.conftest import (
    CLEAN_ARTICLE,
    CORPUS,
    LIVE_BLOG,
    MARKDOWN_ARTICLE,
    MT_ARTICLE,
    REWRITE,
    assert_golden,
    corpus_text,
)

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
CORPUS_FILES = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md"))


def _config() -> Config:
    entities = CORPUS / "entities.toml"
    return Config(entities=(str(entities),)) if entities.exists() else Config()


def _codes(path: Path) -> list[tuple[str, str]]:
    text = corpus_text(path)
    return [
        (f.code, text[f.start : f.end]) for f in check_text(text, config=_config(), path=str(path))
    ]


def _has(findings: list[tuple[str, str]], code: str, evidence: str = "") -> bool:
    return any(c == code and evidence in e for c, e in findings)


def test_clean_article_gets_no_finding_and_no_change() -> None:
    text = corpus_text(CLEAN_ARTICLE)
    assert check_text(text, config=_config(), path=str(CLEAN_ARTICLE)) == []
    assert fix_text(text, config=_config(), unsafe=True, path=str(CLEAN_ARTICLE)).text == text


def test_machine_translated_article_shows_its_artefacts() -> None:
    found = _codes(MT_ARTICLE)
    for hyphen in ("two -day", "non -European", "e -Mail"):
        assert _has(found, "PUN001", hyphen), hyphen
    assert _has(found, "GLU001", "talksAnd") and _has(found, "GLU002", "2%According")
    assert _has(found, "SCR001", "Yves Herman Reuters")
    assert _has(found, "SCR001", "Hristo Rusev Getty Images News Getty images")
    assert _has(found, "WRD003", "he")
    assert any(code.startswith("QUO") for code, _ in found), "quote imbalance not flagged"


def test_markdown_article_shows_its_artefacts() -> None:
    found = _codes(MARKDOWN_ARTICLE)
    assert sum(1 for code, _ in found if code == "SCR005") == 9
    assert _has(found, "ENC006", "\\\\$")
    assert _has(found, "STR001")
    assert sum(1 for code, _ in found if code == "SCR003") == 2
    assert _has(found, "SCR004", "Original url:")
    assert any(code.startswith("QUO") for code, _ in found), "mixed quote styles not flagged"


def test_live_blog_shows_glued_byline_and_cut_teasers() -> None:
    found = _codes(LIVE_BLOG)
    assert _has(found, "GLU003", "BeakeEurope")
    assert _has(found, "SCR007")
    assert _has(found, "STR004")


def test_rewrite_shows_doubled_headline() -> None:
    assert _has(_codes(REWRITE), "STR003")


def test_fix_joins_hyphens_and_unsafe_fix_splits_and_removes() -> None:
    text = corpus_text(MT_ARTICLE)
    safe = fix_text(text, config=_config(), path=str(MT_ARTICLE)).text
    assert "two-day" in safe and "non-European" in safe and "e-Mail" in safe
    assert "talks. And that" in safe and "Yves Herman Reuters" in safe
    unsafe = fix_text(text, config=_config(), path=str(MT_ARTICLE), unsafe=True).text
    assert "talksAnd" not in unsafe and "2%According" not in unsafe
    assert "Yves Herman Reuters" not in unsafe and "Getty images" not in unsafe
    for fixed, flag in ((safe, False), (unsafe, True)):
        assert fix_text(fixed, config=_config(), path=str(MT_ARTICLE), unsafe=flag).text == fixed


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_corpus_snapshots(path: Path) -> None:
    text = corpus_text(path)
    doc = Document.from_text(text, path=str(path))
    lines = []
    for finding in check_text(text, config=_config(), path=str(path)):
        line, column = doc.position(finding.start)
        lines.append(f"{line}:{column}: {finding.code} {finding.message}\n")
    assert_golden(SNAPSHOTS / f"{path.name}.findings", "".join(lines))
    assert_golden(
        SNAPSHOTS / f"{path.name}.fixed", fix_text(text, config=_config(), path=str(path)).text
    )
    unsafe = fix_text(text, config=_config(), path=str(path), unsafe=True).text
    assert_golden(SNAPSHOTS / f"{path.name}.unsafe", unsafe)
