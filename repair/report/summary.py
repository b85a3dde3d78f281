"""Scores as data: per-file records, corpus totals, ``summary.json`` and ``summary.md``.

Renderers return values and strings and never print: the CLI decides where they go.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

from repair import __version__
from repair.report.formats import finding_record, unified_diff
from repair.score.files import FileScore
from repair.score.quality import QualityScore, ScoreWeights
from repair.score.reference import ReferenceScores

QUOTE_NOTE = "curly quotes and apostrophes folded to straight ones in both texts"


def _rounded(value: float) -> float:
    return round(value, 2)


def _reference_record(score: FileScore) -> dict[str, Any] | None:
    comparison = score.reference
    if comparison is None:
        return None
    record: dict[str, Any] = {
        "path": comparison.reference,
        "normalization": QUOTE_NOTE if comparison.folded_quotes else "none",
    }
    before: ReferenceScores = comparison.before
    after: ReferenceScores = comparison.after
    for key, old, new in (
        ("chrf", before.chrf, after.chrf),
        ("bleu", before.bleu, after.bleu),
        ("ter", before.ter, after.ter),
    ):
        record[key] = {
            "before": _rounded(old.score),
            "after": _rounded(new.score),
            "signature": old.signature,
        }
    return record


def _family_scores(quality: QualityScore) -> dict[str, float]:
    return {family: _rounded(value) for family, value in quality.family_scores.items()}


def score_record(score: FileScore) -> dict[str, Any]:
    """The JSON object of one file for ``repair score --output-format json``."""
    if score.skipped is not None:
        return {
            "path": score.path,
            "skipped": score.skipped,
            "fixes_applied": len(score.fix.applied) if score.fix is not None else 0,
            "reference": _reference_record(score),
            "error": None,
        }
    if score.error is not None or score.before is None or score.after is None:
        return {"path": score.path, "error": score.error}
    applied = len(score.fix.applied) if score.fix is not None else 0
    return {
        "path": score.path,
        "words": score.before.words,
        "findings": dict(score.before.findings),
        "findings_after": dict(score.after.findings),
        "score_before": _rounded(score.before.score),
        "score_after": _rounded(score.after.score),
        "family_scores_before": _family_scores(score.before),
        "family_scores_after": _family_scores(score.after),
        "fixes_applied": applied,
        "reference": _reference_record(score),
        "error": None,
    }


def scores_json(scores: Iterable[FileScore]) -> str:
    return json.dumps([score_record(s) for s in scores], ensure_ascii=False, indent=2)


def _findings_of(score: FileScore) -> list[dict[str, Any]]:
    fix = score.fix
    if fix is None or fix.original is None:
        return []
    # The findings as checked, before the fix. The file's path is its record's: said once,
    # not once per finding.
    return [
        {
            key: value
            for key, value in finding_record(score.path, fix.original, f).items()
            if key != "path"
        }
        for f in fix.found
    ]


def report_file_record(score: FileScore) -> dict[str, Any]:
    """A file in ``summary.json``: its scores and its findings as checked.

    The repair's diff stays out (see :func:`repair_diffs`): a corpus's diffs are as large as
    the corpus, and summary.json is the file tools and people read whole.
    """
    record = score_record(score)
    if score.error is None and score.skipped is None:
        record["findings_list"] = _findings_of(score)
    return record


def repair_diffs(scores: Iterable[FileScore]) -> dict[str, str]:
    """``diffs.json``: the diff of the safe fixes of each file they change, by path."""
    diffs = {}
    for score in scores:
        if score.error is None and score.fix is not None:
            diff = unified_diff(score.fix)
            if diff:
                diffs[score.path] = diff
    return diffs


def _weighted_mean(pairs: Sequence[tuple[float, int]]) -> float:
    total = sum(words for _, words in pairs)
    if not total:
        return 100.0
    return sum(value * words for value, words in pairs) / total


def corpus_totals(scores: Sequence[FileScore]) -> dict[str, Any]:
    """Totals of a corpus; its scores are the files' scores weighted by their words."""
    scored = [s for s in scores if s.before is not None and s.after is not None]
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    for score in scored:
        assert score.before is not None and score.after is not None
        before.update(score.before.findings)
        after.update(score.after.findings)
    families = sorted(set(before) | set(after))
    return {
        "files": len(scores),
        "files_scored": len(scored),
        "files_with_errors": sum(1 for s in scores if s.error is not None),
        "files_skipped": sum(1 for s in scores if s.skipped is not None),
        "words": sum(s.before.words for s in scored if s.before),
        "findings_before": sum(before.values()),
        "findings_after": sum(after.values()),
        "fixes_applied": sum(len(s.fix.applied) for s in scored if s.fix is not None),
        "score_before": _rounded(
            _weighted_mean([(s.before.score, s.before.words) for s in scored if s.before])
        ),
        "score_after": _rounded(
            _weighted_mean(
                [(s.after.score, s.before.words) for s in scored if s.after and s.before]
            )
        ),
        "by_family": {f: {"before": before[f], "after": after[f]} for f in families},
    }


def weights_record(weights: ScoreWeights) -> dict[str, Any]:
    return {
        "family": dict(weights.family),
        "default_family": weights.default_family,
        "severity": {s.value: v for s, v in weights.severity.items()},
        "scale": weights.scale,
        "min_words": weights.min_words,
    }


def corpus_summary(scores: Sequence[FileScore], weights: ScoreWeights) -> dict[str, Any]:
    """Everything ``summary.json`` holds."""
    return {
        "tool": "repair",
        "version": __version__,
        "score": "100 * exp(-sum(weighted findings per 1,000 words) / scale)",
        "weights": weights_record(weights),
        "totals": corpus_totals(scores),
        "files": [report_file_record(s) for s in scores],
    }


def summary_json(summary: Mapping[str, Any]) -> str:
    """``summary.json`` as one string (see :func:`write_summary_json`)."""
    stream = io.StringIO()
    write_summary_json(summary, stream)
    return stream.getvalue()


def write_summary_json(summary: Mapping[str, Any], stream: TextIO) -> None:
    """Write ``summary.json``: indented, except that each file's record takes one line, so
    that it stays near the size of its data and still reads (and greps) a file a line.
    Written record by record: a corpus of 10,000 files is never one string in memory."""
    head = json.dumps({**summary, "files": []}, ensure_ascii=False, indent=2)
    before, after = head.rsplit('"files": []', 1)
    stream.write(before + '"files": [')
    for index, record in enumerate(summary["files"]):
        stream.write(",\n    " if index else "\n    ")
        stream.write(json.dumps(record, ensure_ascii=False))
    stream.write("\n  ]" if summary["files"] else "]")
    stream.write(after + "\n")


# Terminal tables --------------------------------------------------------------------------

SCORE_COLUMNS = (
    ("file", "left"),
    ("words", "right"),
    ("findings", "right"),
    ("before", "right"),
    ("after", "right"),
    ("change", "right"),
    ("by family (before -> after)", "left"),
)


def _family_changes(before: QualityScore, after: QualityScore) -> str:
    families = sorted(set(before.findings) | set(after.findings))
    return ", ".join(
        f"{f} {before.findings.get(f, 0)}->{after.findings.get(f, 0)}" for f in families
    )


def score_rows(scores: Iterable[FileScore]) -> list[tuple[str, ...]]:
    """One row of cells per file, in :data:`SCORE_COLUMNS` order."""
    rows: list[tuple[str, ...]] = []
    for score in scores:
        if score.before is None or score.after is None:
            why = f"skipped: {score.skipped}" if score.skipped else f"error: {score.error}"
            rows.append((score.path, "", "", "", "", "", why))
            continue
        before_count = sum(score.before.findings.values())
        after_count = sum(score.after.findings.values())
        rows.append(
            (
                score.path,
                str(score.before.words),
                f"{before_count}->{after_count}",
                f"{score.before.score:.1f}",
                f"{score.after.score:.1f}",
                f"{score.after.score - score.before.score:+.1f}",
                _family_changes(score.before, score.after),
            )
        )
    return rows


def reference_lines(scores: Iterable[FileScore]) -> list[str]:
    """chrF, BLEU and TER before and after, with sacrebleu's signature, per file."""
    lines = []
    for score in scores:
        comparison = score.reference
        if comparison is None:
            continue
        note = QUOTE_NOTE if comparison.folded_quotes else "quotes compared as written"
        lines.append(f"{score.path} against {comparison.reference} ({note}):")
        for old, new, better in (
            (comparison.before.chrf, comparison.after.chrf, "higher"),
            (comparison.before.bleu, comparison.after.bleu, "higher"),
            (comparison.before.ter, comparison.after.ter, "lower"),
        ):
            lines.append(
                f"  {old.name:<4} before {old.score:6.2f}  after {new.score:6.2f}  "
                f"({new.score - old.score:+.2f}; {better} is better)  signature: {old.signature}"
            )
    return lines


def score_lines(scores: Sequence[FileScore]) -> list[str]:
    """The plain-text table of ``repair score``, then the reference figures."""
    rows = [tuple(name for name, _ in SCORE_COLUMNS), *score_rows(scores)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(SCORE_COLUMNS) - 1)]
    lines = []
    for row in rows:
        cells = [
            cell.ljust(width) if justify == "left" else cell.rjust(width)
            for cell, width, (_, justify) in zip(row, widths, SCORE_COLUMNS, strict=False)
        ]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    references = reference_lines(scores)
    return [*lines, "", *references] if references else lines


def _markdown_cell(text: str) -> str:
    """``text`` as one table cell: its own cell, one line, and no HTML (a file named
    ``<img onerror=...>.txt`` must not become markup where the Markdown is shown as HTML)."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _family_counts(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{family} {count}" for family, count in counts.items()) or "none"


def summary_markdown(summary: Mapping[str, Any]) -> str:
    """``summary.md``: corpus totals, a table of files, findings by family."""
    totals = summary["totals"]
    lines = [
        "# repair report",
        "",
        f"{totals['files']} file(s), {totals['words']} words; "
        f"score {totals['score_before']:.1f} before repair, {totals['score_after']:.1f} after "
        f"(0-100, word-weighted); findings {totals['findings_before']} before, "
        f"{totals['findings_after']} after; {totals['fixes_applied']} safe fix(es) applied.",
        "",
        "| file | words | findings before | findings after | score before | score after |",
        "| --- | ---: | --- | --- | ---: | ---: |",
    ]
    references = []
    for record in summary["files"]:
        path = _markdown_cell(record["path"])
        if record.get("error"):
            lines.append(f"| {path} | error: {_markdown_cell(record['error'])} | | | | |")
            continue
        if record.get("skipped"):
            lines.append(f"| {path} | skipped: {_markdown_cell(record['skipped'])} | | | | |")
            continue
        lines.append(
            f"| {path} | {record['words']} | {_markdown_cell(_family_counts(record['findings']))}"
            f" | {_markdown_cell(_family_counts(record['findings_after']))}"
            f" | {record['score_before']:.1f} | {record['score_after']:.1f} |"
        )
        if record.get("reference"):
            references.append(record)
    lines += [
        "",
        "## Findings by family",
        "",
        "| family | before | after |",
        "| --- | ---: | ---: |",
    ]
    for family, counts in totals["by_family"].items():
        lines.append(f"| {family} | {counts['before']} | {counts['after']} |")
    if references:
        lines += ["", "## Against a reference", ""]
        lines += [f"Normalization: {references[0]['reference']['normalization']}.", ""]
        lines += [
            "| file | metric | before | after | signature |",
            "| --- | --- | ---: | ---: | --- |",
        ]
        for record in references:
            for key, name in (("chrf", "chrF"), ("bleu", "BLEU"), ("ter", "TER")):
                metric = record["reference"][key]
                lines.append(
                    f"| {_markdown_cell(record['path'])} | {name} | {metric['before']:.2f} | "
                    f"{metric['after']:.2f} | `{metric['signature']}` |"
                )
    return "\n".join(lines) + "\n"


__all__ = [
    "SCORE_COLUMNS",
    "corpus_summary",
    "corpus_totals",
    "reference_lines",
    "repair_diffs",
    "report_file_record",
    "score_lines",
    "score_record",
    "score_rows",
    "scores_json",
    "summary_json",
    "summary_markdown",
    "write_summary_json",
]
