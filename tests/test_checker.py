"""The checker: rules in force, protected text, suppression comments, order of findings."""

from __future__ import annotations

import pytest

from repair.checker import check_document, enabled_rules, suppressions
from repair.config import Config
from repair.document import Document
from repair.findings import Applicability, Hit, Severity, Span
from repair.registry import ALL_RULES, RULES_BY_CODE
from tests.conftest import CLEAN_ARTICLE, MT_ARTICLE, corpus_text

SPACED = "The minister said , in Brussels , that talks went well .\n"
OTHER = "Officials met on Friday , and agreed .\n"  # two findings; not a repeat of SPACED


def _codes(text: str, config: Config | None = None, path: str = "story.txt") -> list[str]:
    return [f.code for f in check_document(Document.from_text(text, path=path), config or Config())]


def test_findings_on_the_mt_article_are_sorted_and_from_rules_in_force() -> None:
    doc = Document.from_text(corpus_text(MT_ARTICLE), path=MT_ARTICLE.name)
    findings = check_document(doc, Config())
    assert len(findings) >= 5
    keys = [(f.span.start, f.span.end, f.code) for f in findings]
    assert keys == sorted(keys)
    in_force = {rule.code for rule in enabled_rules(Config(), MT_ARTICLE.name)}
    assert {f.code for f in findings} <= in_force
    assert all(0 <= f.span.start <= f.span.end <= len(doc.text) for f in findings)


def test_the_clean_article_has_no_finding() -> None:
    doc = Document.from_text(corpus_text(CLEAN_ARTICLE), path=CLEAN_ARTICLE.name)
    assert check_document(doc, Config()) == []


def test_select_and_ignore_choose_the_rules() -> None:
    punctuation = enabled_rules(Config(select=("PUN",)))
    assert punctuation and all(rule.code.startswith("PUN") for rule in punctuation)
    without = {rule.code for rule in enabled_rules(Config(ignore=("PUN002",)))}
    assert "PUN002" not in without and "PUN001" in without
    assert _codes(SPACED) == ["PUN002"] * 3
    assert _codes(SPACED, Config(ignore=("PUN",))) == []
    assert len(enabled_rules(Config(select=("ALL",)))) <= len(ALL_RULES)


def test_code_in_markdown_is_left_alone() -> None:
    text = "Run `ls -a , b` here , now.\n"
    doc = Document.from_text(text, path="notes.md")
    (finding,) = check_document(doc, Config())
    assert text[finding.span.start : finding.span.end] == " ,"
    assert finding.span.start > text.index("here")
    # The same line as plain text has no code span: both spaces are found.
    assert _codes(text) == ["PUN002", "PUN002"]


def test_a_suppression_comment_silences_its_line_or_the_next() -> None:
    own_line = f"<!-- repair: ignore[PUN002] -->\n{SPACED}{OTHER}"
    assert _codes(own_line) == ["PUN002"] * 2  # OTHER's only
    same_line = SPACED.rstrip("\n") + " <!-- repair: ignore -->\n" + OTHER
    assert _codes(same_line) == ["PUN002"] * 2
    other_code = f"<!-- repair: ignore[QUO001] -->\n{SPACED}"
    assert _codes(other_code) == ["PUN002"] * 3
    doc = Document.from_text(f"<!-- repair: ignore[PUN, QUO001] -->\n\n{SPACED}")
    assert suppressions(doc) == {0: frozenset({"PUN", "QUO001"}), 2: frozenset({"PUN", "QUO001"})}
    assert _codes(doc.text) == []


def test_fixable_settings_change_the_fix_the_checker_reports() -> None:
    (safe, *_) = check_document(Document.from_text(SPACED), Config())
    assert safe.fix is not None and safe.fix.applicability is Applicability.SAFE
    (unfixable, *_) = check_document(Document.from_text(SPACED), Config(unfixable=("PUN002",)))
    assert unfixable.fix is None or unfixable.fix.applicability is Applicability.DISPLAY_ONLY


def test_the_checker_stamps_the_rules_code_and_severity() -> None:
    doc = Document.from_text("Prices rose 5 % on Monday\u00ad.\n", path="story.txt")
    findings = check_document(doc, Config(select=("ENC008",)))
    assert [(f.code, f.severity) for f in findings] == [("ENC008", Severity.INFO)]
    assert RULES_BY_CODE["ENC008"].severity is Severity.INFO


def test_a_hit_may_name_its_own_severity_and_a_code_of_the_family_only() -> None:
    rule = RULES_BY_CODE["QUO003"]
    plain = rule.stamp(Hit("m", Span(0, 1)))
    assert (plain.code, plain.severity, plain.fix) == ("QUO003", Severity.WARNING, None)
    other = rule.stamp(Hit("m", Span(0, 1), severity=Severity.INFO, code="QUO007"))
    assert (other.code, other.severity) == ("QUO007", Severity.INFO)
    with pytest.raises(ValueError, match="another family"):
        rule.stamp(Hit("m", Span(0, 1), code="PUN001"))
