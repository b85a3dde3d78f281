"""The fix engine: overlap handling, fixpoint iteration, convergence failure, replay."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from repair import Config, fixer
from repair.document import Document
from repair.errors import FixDidNotConverge
from repair.findings import Applicability, Edit, Finding, Fix, Hit, Span
from repair.fixer import FixResult, apply_edits, choose_fixes, replay
from repair.recheck import Rechecker
from repair.rules.base import CheckContext, Rule


def fix_document(doc: Document, config: Config, **options: object) -> FixResult:
    """The fixer checking with the engine's check function under ``config``."""
    return fixer.fix_document(doc, Rechecker(config), **options)  # type: ignore[arg-type]


def finding(start: int, end: int, replacement: str, unsafe: bool = False) -> Finding:
    applicability = Applicability.UNSAFE if unsafe else Applicability.SAFE
    return Finding(
        "ENC003", "x", Span(start, end), fix=Fix.replace(start, end, replacement, applicability)
    )


def test_overlapping_fixes_wait_for_the_next_pass() -> None:
    chosen = choose_fixes(
        [finding(0, 4, "a"), finding(2, 6, "b"), finding(6, 7, "c")], unsafe=False
    )
    assert [f.fix.edits[0].replacement for f in chosen if f.fix] == ["a", "c"]


def test_two_insertions_at_one_offset_conflict() -> None:
    chosen = choose_fixes([finding(3, 3, "a"), finding(3, 3, "b")], unsafe=False)
    assert len(chosen) == 1


def test_unsafe_fixes_need_the_flag() -> None:
    assert choose_fixes([finding(0, 1, "x", unsafe=True)], unsafe=False) == []
    assert len(choose_fixes([finding(0, 1, "x", unsafe=True)], unsafe=True)) == 1


def test_fix_with_edits_that_overlap_is_rejected() -> None:
    with pytest.raises(ValueError, match="overlapping"):
        Fix((Edit(0, 3, ""), Edit(2, 4, "")), Applicability.SAFE)


def test_apply_edits_splices_left_to_right() -> None:
    assert apply_edits("abcdef", [Edit(4, 5, "E"), Edit(0, 1, ""), Edit(2, 2, "+")]) == "b+cdEf"


def _doubling_rule(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Never converges: doubles the first character every pass."""
    yield Hit("grow", Span(0, 1), Fix.replace(0, 1, doc.text[:1] * 2, Applicability.SAFE))


def test_fixes_that_never_settle_raise(monkeypatch: pytest.MonkeyPatch) -> None:
    rule = Rule("ENC003", "control-character", _doubling_rule)
    monkeypatch.setattr("repair.checker.ALL_RULES", (rule,))
    with pytest.raises(FixDidNotConverge, match="did not converge after 20 passes"):
        fix_document(Document.from_text("abc"), Config())


def test_passes_replay_to_the_output() -> None:
    text = "Johnson &amp;amp; Johnson\x08 and AT&amp;T"
    result = fix_document(Document.from_text(text), Config())
    assert len(result.passes) == 2
    assert replay(text, result.passes) == result.text == "Johnson & Johnson and AT&T"
    assert result.remaining == ()


def test_known_findings_spare_the_first_check() -> None:
    from tests.conftest import MT_ARTICLE, corpus_text

    doc = Document.from_text(corpus_text(MT_ARTICLE), path=MT_ARTICLE.name)
    expected = fix_document(doc, Config())
    checks = []
    real_check = Rechecker(Config())

    def counted(checked: Document, since: fixer.Revision | None = None) -> list[Finding]:
        checks.append(checked.text)
        return real_check(checked, since)

    given = fixer.fix_document(doc, counted, found=expected.found)
    assert given == expected
    assert expected.passes and doc.text not in checks  # only the fixed texts were checked
    assert len(checks) == len(expected.passes)


def test_the_fixer_checks_with_the_function_it_is_given() -> None:
    # No rule runs: the findings are the check function's, and each later call is told
    # which edits made the text from the one checked before.
    calls: list[tuple[str, fixer.Revision | None]] = []

    def check(doc: Document, since: fixer.Revision | None = None) -> list[Finding]:
        calls.append((doc.text, since))
        at = doc.text.find("  ")
        return [] if at < 0 else [finding(at, at + 2, " ")]

    result = fixer.fix_document(Document.from_text("a  b   c"), check)
    assert result.text == "a b c"
    assert [text for text, _ in calls] == ["a  b   c", "a b   c", "a b  c", "a b c"]
    assert calls[0][1] is None
    revision = calls[1][1]
    assert revision is not None and revision.before.text == "a  b   c"
    assert revision.edits == (Edit(1, 3, " "),)


def test_encoding_fixes_go_first_so_no_rule_edits_mojibake(tmp_path: Path) -> None:
    # "Hegsethâ€™s" reads as the word "Hegsethâ" to the name rules: their fix must wait
    # until ENC002 has decoded the apostrophe, or it eats the "â" and leaves "€™".
    listed = tmp_path / "l.toml"
    listed.write_text('[[entity]]\nname = "Pete Hegseth"\ntype = "person"\n', encoding="utf-8")
    config = Config(entities=(str(listed),))
    text = "Pete Hegsethâ€™s visit to Brussels. Pete Hegseth said so.\n"
    result = fix_document(Document.from_text(text), config, unsafe=True)
    apostrophe = "\N{RIGHT SINGLE QUOTATION MARK}"
    assert result.text == f"Pete Hegseth{apostrophe}s visit to Brussels. Pete Hegseth said so.\n"
    assert [f.code for f in result.applied] == ["ENC002"]
    assert replay(text, result.passes) == result.text


MOJIBAKE = "The minister said itâ€™s a good day.\n"  # ENC002, a safe fix
PHOTO_CREDIT = (
    "The talks ended.\n\nPhoto: John Smith/Reuters\n\nThe minister left.\n"  # SCR001, unsafe
)


def test_unfixable_rules_keep_their_findings_with_no_fix() -> None:
    doc = Document.from_text(MOJIBAKE)
    result = fix_document(doc, Config(unfixable=("ENC",)))
    assert result.text == MOJIBAKE
    assert [(f.code, f.fix) for f in result.remaining] == [("ENC002", None)]
    assert fix_document(doc, Config(fixable=("QUO", "SCR"))).text == MOJIBAKE
    assert "\N{RIGHT SINGLE QUOTATION MARK}" in fix_document(doc, Config(fixable=("ENC002",))).text
    # unfixable wins over fixable, at any specificity
    assert fix_document(doc, Config(fixable=("ENC002",), unfixable=("ALL",))).text == MOJIBAKE


def test_extend_safe_and_unsafe_fixes_promote_and_demote() -> None:
    photo = Document.from_text(PHOTO_CREDIT)
    assert fix_document(photo, Config()).text == PHOTO_CREDIT
    assert "Photo:" not in fix_document(photo, Config(extend_safe_fixes=("SCR001",))).text
    mojibake = Document.from_text(MOJIBAKE)
    demoted = Config(extend_unsafe_fixes=("ENC",))
    assert fix_document(mojibake, demoted).text == MOJIBAKE
    assert "\N{RIGHT SINGLE QUOTATION MARK}" in fix_document(mojibake, demoted, unsafe=True).text
    # A rule named in both takes the more specific selector.
    code_over_prefix = Config(extend_unsafe_fixes=("ENC",), extend_safe_fixes=("ENC002",))
    assert "\N{RIGHT SINGLE QUOTATION MARK}" in fix_document(mojibake, code_over_prefix).text
    prefix_under_code = Config(extend_unsafe_fixes=("ENC002",), extend_safe_fixes=("ENC",))
    assert fix_document(mojibake, prefix_under_code).text == MOJIBAKE
