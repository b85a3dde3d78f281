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
from repair.score.files import score_paths, score_records
from repair.score.quality import (
    ScoreWeights,
    count_words,
    default_weights,
    quality_score,
    registry_families,
)
from repair.score.reference import one_segment, reference_scores
from tests.conftest import (
    CLEAN_ARTICLE,
    CORPUS,
    MARKDOWN_ARTICLE,
    MT_ARTICLE,
    corpus_text,
    mqm_records,
    require_eval,
)


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


def test_each_family_costs_its_weight_from_the_file() -> None:
    """The weights file names only registry families, and each family's findings cost the
    weight the file gives it (the default weight when it gives none), times the severity's."""
    raw = table("score-weights")
    listed = {name: float(value) for name, value in raw["family"].items()}
    default = float(raw["default-family"])
    warning = float(raw["severity"]["warning"])
    assert default > 0  # a family the calibration never saw still costs something
    assert set(listed) <= set(registry_families()), "a weight for a family that is gone"
    assert {rule.family for rule in ALL_RULES} == set(registry_families())
    weights = default_weights()
    for family in registry_families():
        expected = listed.get(family, default) * warning
        assert weights.cost(_finding(family + "001")) == pytest.approx(expected), family
    # Not every weight is the default: the lookup by family is what the test watches.
    assert any(value != default for value in listed.values())


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


def test_output_encoding_keep_leaves_enc001_after_repair(tmp_path: Path) -> None:
    """score takes check's and fix's settings: kept as cp1252, the file is not yet UTF-8."""
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(corpus_text(CLEAN_ARTICLE).encode("cp1252"))
    args = ["--isolated", "--no-cache", "--output-format", "json", str(legacy)]
    converted = json.loads(CliRunner().invoke(score, args).stdout)[0]
    kept = json.loads(CliRunner().invoke(score, [*args, "--output-encoding", "keep"]).stdout)[0]
    assert converted["findings"] == kept["findings"] == {"ENC": 1}
    assert converted["findings_after"] == {} and kept["findings_after"] == {"ENC": 1}


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


# Corpora as records ------------------------------------------------------------------------

MT_LINES = [line for line in corpus_text(MT_ARTICLE).splitlines() if len(line.split()) > 8]
CLEAN_LINES = [line for line in corpus_text(CLEAN_ARTICLE).splitlines() if len(line.split()) > 8]


def _write_records(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def records(tmp_path: Path) -> Path:
    """Real lines of the corpus as records: damaged, clean, malformed, a null text, damaged."""
    path = tmp_path / "news.jsonl"
    damaged = MT_LINES[0].replace(" and ", " &amp; ", 1)
    _write_records(
        path,
        [
            json.dumps({"id": 1, "text": damaged}),
            json.dumps({"id": 2, "text": CLEAN_LINES[0]}),
            '{"id": 3, "text": ',
            json.dumps({"id": 4, "text": None}),
            json.dumps({"id": 5, "text": MT_LINES[1]}),
        ],
    )
    return path


def test_score_records_one_score_per_record_and_malformed_ones_as_errors(records: Path) -> None:
    scores = list(score_records(records, options={"select": ["ALL"], "ignore": ["LT"]}))
    assert [s.path for s in scores] == [f"{records}[{n}]" for n in range(1, 6)]
    errors = {s.path: s.error for s in scores if s.error}
    assert errors == {
        f"{records}[3]": "line 3: invalid JSON (Expecting value: line 2 column 1 (char 19))",
        f"{records}[4]": "line 4: field 'text' not a string (NoneType)",
    }
    damaged, clean = scores[0], scores[1]
    assert damaged.before is not None and damaged.after is not None
    assert damaged.before.findings["ENC"] == 1 and "ENC" not in damaged.after.findings
    assert damaged.before.score < damaged.after.score
    assert damaged.before.words == count_words(MT_LINES[0].replace(" and ", " &amp; ", 1))
    assert clean.before is not None and clean.before.score == 100.0


def test_score_records_scores_as_the_text_would_score(records: Path) -> None:
    """A record scores as a file holding its text scores."""
    (scored,) = [s for s in score_records(records) if s.path.endswith("[5]")]
    as_file = records.parent / "fifth.txt"
    as_file.write_text(MT_LINES[1] + "\n", encoding="utf-8")
    (expected,) = score_paths([as_file])
    assert scored.before == expected.before and scored.after == expected.after


def test_cli_score_jsonl_json_fields(records: Path) -> None:
    result = CliRunner().invoke(score, ["--output-format", "json", str(records)])
    assert result.exit_code == 2  # malformed records are errors, and the batch went on
    out = json.loads(result.stdout)
    assert [r["path"] for r in out] == [f"{records}[{n}]" for n in range(1, 6)]
    first = out[0]
    assert set(first) == {
        "path",
        "words",
        "findings",
        "findings_after",
        "score_before",
        "score_after",
        "family_scores_before",
        "family_scores_after",
        "fixes_applied",
        "reference",
        "error",
    }
    assert first["findings"]["ENC"] == 1 and first["fixes_applied"] >= 1
    assert first["score_before"] < first["score_after"]
    assert out[3] == {
        "path": f"{records}[4]",
        "error": "line 4: field 'text' not a string (NoneType)",
    }
    assert f"error: {records}[3]: line 3: invalid JSON" in result.stderr


def test_cli_score_jsonl_table(records: Path) -> None:
    result = CliRunner().invoke(score, ["--isolated", str(records)])
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[0].split()[:6] == ["file", "words", "findings", "before", "after", "change"]
    rows = {line.split()[0]: line for line in lines[1:]}
    assert list(rows) == [f"{records}[{n}]" for n in range(1, 6)]
    assert "ENC 1->0" in rows[f"{records}[1]"]
    assert rows[f"{records}[4]"].endswith("error: line 4: field 'text' not a string (NoneType)")


def test_cli_score_other_text_field_and_files_beside_records(tmp_path: Path) -> None:
    corpus = tmp_path / "bodies.jsonl"
    _write_records(corpus, [json.dumps({"body": MT_LINES[2], "text": 7})])
    args = ["--output-format", "json", "--text-field", "body", str(CLEAN_ARTICLE), str(corpus)]
    result = CliRunner().invoke(score, args)
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert [r["path"] for r in out] == [f"{corpus}[1]", str(CLEAN_ARTICLE)]
    assert out[0]["words"] == count_words(MT_LINES[2])


def test_cli_score_parquet_with_a_null_text(tmp_path: Path) -> None:
    pyarrow = pytest.importorskip("pyarrow")
    parquet = pytest.importorskip("pyarrow.parquet")
    corpus = tmp_path / "news.parquet"
    texts = [MT_LINES[0].replace(" and ", " &amp; ", 1), None, CLEAN_LINES[1]]
    parquet.write_table(pyarrow.table({"id": [1, 2, 3], "text": texts}), corpus)
    result = CliRunner().invoke(score, ["--output-format", "json", str(corpus)])
    assert result.exit_code == 2
    out = json.loads(result.stdout)
    assert [r["error"] for r in out] == [None, "row 2: 'text' is null", None]
    assert out[0]["findings"]["ENC"] == 1 and out[2]["score_before"] == 100.0


def test_unreadable_corpus_is_one_error_and_the_rest_is_scored(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet")
    result = CliRunner().invoke(score, ["--output-format", "json", str(broken), str(CLEAN_ARTICLE)])
    assert result.exit_code == 2
    out = json.loads(result.stdout)
    assert [r["path"] for r in out] == [str(broken), str(CLEAN_ARTICLE)]
    assert out[0]["error"].startswith("cannot read Parquet")
    assert out[1]["score_before"] == 100.0


def test_reference_field_scores_each_record_against_its_reference(tmp_path: Path) -> None:
    """ftfy's mojibake cases: the text as found, and the text as it should be."""
    cases = [
        json.loads(line)
        for line in require_eval("mojibake/cases.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    found = [c for c in cases if c["expect"] == "pass" and c["original"] != c["fixed"]][:12]
    corpus = tmp_path / "mojibake.jsonl"
    _write_records(corpus, [json.dumps(c) for c in found])
    args = ["--output-format", "json", "--text-field", "original", "--reference-field", "fixed"]
    result = CliRunner().invoke(score, [*args, "--isolated", "--select", "ENC", str(corpus)])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert len(out) == len(found)
    for record, case in zip(out, found, strict=True):
        reference = record["reference"]
        assert reference["path"] == f"{record['path']}.fixed"
        expected = reference_scores(case["original"], case["fixed"])
        assert reference["chrf"]["before"] == round(expected.chrf.score, 2)
    repaired = [r for r in out if r["fixes_applied"]]
    assert repaired
    assert all(r["reference"]["chrf"]["after"] > r["reference"]["chrf"]["before"] for r in repaired)


def test_mqm_segments_with_a_missing_reference_get_none(tmp_path: Path) -> None:
    segments = [s for s, _ in zip(mqm_records(), range(3), strict=False)]
    segments[1] = {k: v for k, v in segments[1].items() if k != "reference"}
    corpus = tmp_path / "mqm.jsonl"
    _write_records(corpus, [json.dumps(s, ensure_ascii=False) for s in segments])
    args = ["--output-format", "json", "--text-field", "target", "--reference-field", "reference"]
    result = CliRunner().invoke(score, [*args, str(corpus)])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert [r["reference"] is None for r in out] == [False, True, False]
    assert out[0]["words"] == count_words(str(segments[0]["target"]))


def test_file_references_with_a_records_corpus_are_a_usage_error(records: Path) -> None:
    for flag, value in (("--reference", CLEAN_ARTICLE), ("--reference-dir", CORPUS)):
        result = CliRunner().invoke(score, [str(records), flag, str(value)])
        assert result.exit_code == 2
        assert "apply to files, not to" in result.stderr and "--reference-field" in result.stderr
    result = CliRunner().invoke(score, [str(CLEAN_ARTICLE), "--reference-field", "ref"])
    assert result.exit_code == 2
    assert "--reference-field applies to JSONL and Parquet corpora" in result.stderr
    with pytest.raises(ValueError, match="apply to files"):
        list(score_paths([records], reference=CLEAN_ARTICLE))


def test_score_reads_each_file_once_and_scores_before_the_fix_as_a_check_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fix's findings before it are the check's: scoring needs no check of its own."""
    import repair.worker
    from repair.api import check_paths

    for name in ("a.txt", "b.md"):
        (tmp_path / name).write_text(corpus_text(MT_ARTICLE), encoding="utf-8")
    checked = {r.path: r.findings for r in check_paths([tmp_path], corpus_rules=False)}
    reads: list[Path] = []
    real_read = repair.worker.read_bytes_and_status

    def counted(path: Path, limit: int) -> Any:
        reads.append(path)
        return real_read(path, limit)

    monkeypatch.setattr(repair.worker, "read_bytes_and_status", counted)
    scores = list(score_paths([tmp_path]))
    assert sorted(reads) == [tmp_path / "a.txt", tmp_path / "b.md"]
    for scored in scores:
        assert scored.fix is not None and scored.before is not None
        assert scored.fix.found == checked[scored.path]
        assert scored.before == quality_score(
            checked[scored.path],
            count_words(scored.fix.original.text if scored.fix.original else ""),
        )


def test_score_records_reads_a_corpus_once(records: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import repair.records.jsonl

    opened: list[Path] = []
    real_lines = repair.records.jsonl.jsonl_lines

    def counted(source: Path) -> Any:
        opened.append(source)
        return real_lines(source)

    monkeypatch.setattr(repair.records.jsonl, "jsonl_lines", counted)
    scores = list(score_records(records, reference_field="id"))
    assert opened == [records] and len(scores) == 5
