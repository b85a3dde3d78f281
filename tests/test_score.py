"""The quality score, the sacrebleu wrappers and ``repair score``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from sacrebleu.metrics import TER

from repair.cli_score import score
from repair.data import table
from repair.findings import Finding, Severity, Span
from repair.registry import ALL_RULES
from repair.score.quality import (
    ScoreWeights,
    count_words,
    default_weights,
    quality_score,
    registry_families,
    score_paths,
)
from repair.score.reference import one_segment, reference_scores
from tests.conftest import CLEAN_ARTICLE, CORPUS, MARKDOWN_ARTICLE, MT_ARTICLE, require_eval


def _finding(code: str, severity: Severity = Severity.WARNING) -> Finding:
    return Finding(code, "x", Span(0, 1), severity)


def test_no_finding_scores_100() -> None:
    assert quality_score([], 10).score == 100.0


def test_score_falls_with_findings_and_rises_with_length() -> None:
    weights = ScoreWeights(min_words=1)
    one = quality_score([_finding("PUN001")], 500, weights).score
    two = quality_score([_finding("PUN001")] * 2, 500, weights).score
    longer = quality_score([_finding("PUN001")] * 2, 1000, weights).score
    assert 100 > one > two
    assert longer > two


def test_score_is_the_product_of_family_sub_scores() -> None:
    findings = [_finding("PUN001"), _finding("QUO001"), _finding("QUO002", Severity.ERROR)]
    result = quality_score(findings, 300, default_weights())
    product = 100.0
    for value in result.family_scores.values():
        product *= value / 100.0
    assert result.score == pytest.approx(product)
    assert dict(result.findings) == {"PUN": 1, "QUO": 2}


def test_family_weight_and_severity_weight_apply() -> None:
    weights = ScoreWeights(family={"PUN": 4.0}, default_family=1.0, min_words=1)
    heavy = quality_score([_finding("PUN001")], 1000, weights)
    light = quality_score([_finding("QUO001")], 1000, weights)
    info = quality_score([_finding("QUO001", Severity.INFO)], 1000, weights)
    assert heavy.penalty == pytest.approx(4 * light.penalty)
    assert info.penalty < light.penalty


def test_weights_file_lists_every_registry_family() -> None:
    """A family added to the registry without re-running the calibration still has a cost."""
    listed = set(table("score-weights")["family"])
    weights = default_weights()
    for family in registry_families():
        cost = weights.cost(_finding(family + "001"))
        assert cost > 0, family
    assert {rule.family for rule in ALL_RULES} == set(registry_families())
    assert listed  # the calibrated file names families


def test_count_words() -> None:
    assert count_words("") == 0
    assert count_words("NATO's two-day meeting, in 2025.") == 6


def test_machine_translated_article_rises_after_repair_and_stays_below_the_clean_one() -> None:
    results = {Path(s.path).name: s for s in score_paths([MT_ARTICLE, CLEAN_ARTICLE])}
    mt = results[MT_ARTICLE.name]
    clean = results[CLEAN_ARTICLE.name]
    assert mt.before is not None and mt.after is not None and clean.before is not None
    assert mt.before.score < mt.after.score < clean.before.score
    assert clean.before.score == 100.0


def test_reference_scores_identical_text() -> None:
    result = reference_scores("The alliance met in Brussels.", "The alliance met in Brussels.")
    assert result.chrf.score == pytest.approx(100.0)
    assert result.ter.score == pytest.approx(0.0)
    assert "nc:6" in result.chrf.signature
    assert "tok:13a" in result.bleu.signature


def test_chunked_ter_stays_close_to_the_one_segment_ter() -> None:
    """A real MT document against its reference, with and without a scraped tail."""
    docs = require_eval("mqm-zhen/docs")
    reference = one_segment((docs / "reuters-zh.15799.ref.txt").read_text(encoding="utf-8"))
    hypothesis = one_segment((docs / "reuters-zh.15799.WeChat_AI.txt").read_text(encoding="utf-8"))
    exact = TER().corpus_score([hypothesis], [[reference]]).score
    chunked = reference_scores(hypothesis, reference).ter.score
    assert exact <= chunked <= exact + 1.5
    # A tail of 80 words the reference lacks costs 80 insertions, cut off as one chunk.
    tail = " ".join(["Related"] + ["story"] * 79)
    with_tail = reference_scores(f"{hypothesis} {tail}", reference).ter.score
    words = len(reference.split())
    assert with_tail == pytest.approx(chunked + 100 * 80 / words)


def test_quote_folding_is_optional() -> None:
    folded = reference_scores("\u201cYes,\u201d he said.", '"Yes," he said.')
    exact = reference_scores("\u201cYes,\u201d he said.", '"Yes," he said.', fold_quotes=False)
    assert folded.chrf.score == pytest.approx(100.0)
    assert exact.chrf.score < 100.0


def test_cli_score_json_shape() -> None:
    result = CliRunner().invoke(score, ["--output-format", "json", str(CORPUS)])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    by_name = {Path(r["path"]).name: r for r in records}
    mt = by_name[MT_ARTICLE.name]
    for key in ("path", "words", "findings", "score_before", "score_after", "reference"):
        assert key in mt
    assert mt["reference"] is None
    assert mt["score_before"] < mt["score_after"] < by_name[CLEAN_ARTICLE.name]["score_after"]


@pytest.fixture(scope="module")
def markdown_against_clean() -> dict[str, Any]:
    """``repair score --output-format json`` of the Markdown article against the clean one.

    Computed once, for the tests that read it.
    """
    result = CliRunner().invoke(
        score,
        ["--output-format", "json", str(MARKDOWN_ARTICLE), "--reference", str(CLEAN_ARTICLE)],
    )
    assert result.exit_code == 0, result.output
    record: dict[str, Any] = json.loads(result.stdout)[0]
    return record


def test_reference_metrics_have_signatures(markdown_against_clean: dict[str, Any]) -> None:
    reference = markdown_against_clean["reference"]
    assert reference["chrf"]["signature"].startswith("nrefs:1|case:mixed|eff:yes|nc:6")
    assert "tok:13a" in reference["bleu"]["signature"]
    assert "tok:tercom" in reference["ter"]["signature"]


def test_chrf_rises_after_repair_of_the_markdown_article(
    markdown_against_clean: dict[str, Any],
) -> None:
    chrf = markdown_against_clean["reference"]["chrf"]
    assert chrf["after"] > chrf["before"]


def test_text_output_prints_reference_metrics(tmp_path: Path) -> None:
    reference = tmp_path / "reference.txt"
    reference.write_text("The alliance met in Brussels on Tuesday.\n", encoding="utf-8")
    hypothesis = tmp_path / "hypothesis.txt"
    hypothesis.write_text("The alliance met in Brussels on Tuesday .\n", encoding="utf-8")
    result = CliRunner().invoke(score, [str(hypothesis), "--reference", str(reference)])
    assert result.exit_code == 0, result.output
    for line in ("chrF before", "BLEU before", "TER  before", "signature: nrefs:1"):
        assert line in result.stdout


def test_reference_dir_matches_by_file_name(tmp_path: Path) -> None:
    references = tmp_path / "refs"
    references.mkdir()
    (references / MARKDOWN_ARTICLE.name).write_text("A short reference.\n", encoding="utf-8")
    result = CliRunner().invoke(
        score,
        ["--output-format", "json", "--reference-dir", str(references), str(CORPUS)],
    )
    assert result.exit_code == 0, result.output
    with_reference = [r["path"] for r in json.loads(result.stdout) if r["reference"]]
    assert [Path(p).name for p in with_reference] == [MARKDOWN_ARTICLE.name]


def test_reference_and_reference_dir_together_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        score,
        [str(CLEAN_ARTICLE), "--reference", str(CLEAN_ARTICLE), "--reference-dir", str(tmp_path)],
    )
    assert result.exit_code == 2


def test_unreadable_file_is_an_error_line_and_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.txt"
    broken.symlink_to(tmp_path / "missing.txt")
    result = CliRunner().invoke(score, [str(broken), str(CLEAN_ARTICLE)])
    assert result.exit_code == 2
    assert f"error: {broken}" in result.stderr


def test_entity_list_flag_counts_garbled_names(tmp_path: Path) -> None:
    copy = tmp_path / MT_ARTICLE.name
    copy.write_bytes(MT_ARTICLE.read_bytes())
    args = ["--isolated", "--output-format", "json", str(copy)]
    plain = json.loads(CliRunner().invoke(score, args).stdout)[0]
    with_names = CliRunner().invoke(score, [*args, "--entities", str(CORPUS / "entities.toml")])
    assert with_names.exit_code == 0, with_names.output
    named = json.loads(with_names.stdout)[0]
    assert "NAM" not in plain["findings"] and named["findings"]["NAM"] == 8
    assert "NAM" not in named["findings_after"]
