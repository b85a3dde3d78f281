"""Calibrate the quality score on human MQM annotations and print how well it agrees with them.

Data: ../shared/eval/mqm-zhen/segments.jsonl (WMT20 zh-en, 10 systems x 485 segments of 39
documents, expert MQM scores; see its README). The documents are split, never the segments:
every third document (in sorted order, from the third) is held out, the rest calibrates.

On the calibration part, the weight of each rule family is the non-negative least-squares
fit of MQM points per 1,000 words on the family's weighted findings per 1,000 words: the MQM
points that come, on average, with one finding of that family. A family with no finding
there keeps ``default-family``; one whose fit is below ``--floor`` gets the floor, since every
family detects real damage even where MQM raters did not mark it.

On the held-out part it prints segment-level Kendall tau-b and system-level Pearson r of the
score against MQM (``mqm_score``, higher is better) and against MQM per word, next to
sentence chrF against the reference and a length-only baseline (minus the number of words),
each with a bootstrap 95% interval (segments resampled; for the system level the same
segment ids for every system).

    python benchmarks/correlation.py            # figures of the shipped weights' recipe
    python benchmarks/correlation.py --write    # also rewrite repair/data/score-weights.toml
    python benchmarks/correlation.py --languagetool URL   # LT001 in the score too, and the
                                                          # held-out figures with and without it

Re-run with --write whenever rules change: the families come from repair.registry.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import sacrebleu

from repair.api import check_text
from repair.config import Config
from repair.document import Document
from repair.findings import Finding
from repair.score.quality import (
    ScoreWeights,
    count_words,
    default_weights,
    family_of,
    quality_score,
    registry_families,
)

ROOT = Path(__file__).resolve().parent.parent
SEGMENTS = ROOT.parent / "shared" / "eval" / "mqm-zhen" / "segments.jsonl"
WEIGHTS_FILE = ROOT / "repair" / "data" / "score-weights.toml"
HELD_OUT_EVERY = 3
SEED = 20250214
SCALE = 100.0
MIN_WORDS_CHOICES = (1, 20, 50, 100)


@dataclass(frozen=True)
class Record:
    system: str
    doc: str
    seg_id: int
    words: int
    mqm: float
    findings: tuple[Finding, ...]
    chrf: float


# Loading ----------------------------------------------------------------------------------


def load_records(path: Path, languagetool: str = "off") -> list[Record]:
    """Every (system, segment) with its findings under the default settings and its chrF.

    The tool reads documents, not sentences: each system's translation of a document is
    checked as one text, one segment a line (as in the set's docs/ files), and each finding
    goes to the segment of its line. A quotation that runs over three sentences is then
    not three unbalanced quotes.
    """
    config = Config(languagetool=languagetool)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    by_document: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in rows:
        by_document.setdefault((row["system"], row["doc"]), []).append(row)
    records = []
    for segments in by_document.values():
        segments.sort(key=lambda row: row["doc_seg"])
        text = "".join(row["target"] + "\n" for row in segments)
        document = Document.from_text(text, path="document.txt")
        per_line: list[list[Finding]] = [[] for _ in segments]
        for finding in check_text(text, config=config, path="document.txt"):
            per_line[min(document.line_index(finding.start), len(segments) - 1)].append(finding)
        for row, found in zip(segments, per_line, strict=True):
            records.append(
                Record(
                    row["system"],
                    row["doc"],
                    row["seg_id"],
                    max(count_words(row["target"]), 1),
                    float(row["mqm_score"]),
                    tuple(found),
                    sacrebleu.sentence_chrf(row["target"], [row["reference"]]).score,
                )
            )
    return records


def split_by_document(records: Sequence[Record]) -> tuple[list[Record], list[Record]]:
    """(calibration, held-out): every third document, in sorted order, is held out."""
    docs = sorted({r.doc for r in records})
    held = {doc for index, doc in enumerate(docs) if index % HELD_OUT_EVERY == HELD_OUT_EVERY - 1}
    return [r for r in records if r.doc not in held], [r for r in records if r.doc in held]


# Statistics -------------------------------------------------------------------------------


def _pair_tables(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sign products and tie indicators of every ordered pair: the parts of tau-b."""
    dx = np.sign(x[:, None] - x[None, :])
    dy = np.sign(y[:, None] - y[None, :])
    return (dx * dy).astype(np.float32), (dx == 0).astype(np.float32), (dy == 0).astype(np.float32)


def _tau_from_counts(
    concordance: np.ndarray, ties_x: np.ndarray, ties_y: np.ndarray, n: int
) -> np.ndarray:
    pairs = n * (n - 1)
    denominator = np.sqrt((pairs - (ties_x - n)) * (pairs - (ties_y - n)))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, concordance / denominator, np.nan)


def kendall_tau_b(x: np.ndarray, y: np.ndarray) -> float:
    """Kendall's tau-b, ties counted as scipy.stats.kendalltau counts them."""
    signs, tx, ty = _pair_tables(x, y)
    return float(_tau_from_counts(signs.sum(), tx.sum(), ty.sum(), len(x)))


def bootstrap_tau(x: np.ndarray, y: np.ndarray, rounds: int, seed: int) -> tuple[float, float]:
    """Bootstrap 95% interval of tau-b: a resample is a vector of multiplicities w, and each
    count over pairs of the resample is the quadratic form w M w of the table of all pairs."""
    n = len(x)
    signs, tx, ty = _pair_tables(x, y)
    rng = np.random.default_rng(seed)
    values = []
    for start in range(0, rounds, 100):
        batch = min(100, rounds - start)
        w = np.stack([np.bincount(rng.integers(0, n, n), minlength=n) for _ in range(batch)])
        w = w.astype(np.float32)
        counts = [np.einsum("ij,ij->i", w @ table, w) for table in (signs, tx, ty)]
        values.extend(_tau_from_counts(*counts, n))
    finite = np.array([v for v in values if not math.isnan(v)])
    return float(np.percentile(finite, 2.5)), float(np.percentile(finite, 97.5))


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    if np.std(x) == 0 or np.std(y) == 0:
        return float("nan")
    return float(np.corrcoef(x, y)[0, 1])


def bootstrap_interval(
    statistic: Callable[[np.ndarray], float], size: int, rounds: int, seed: int
) -> tuple[float, float]:
    """The 2.5th and 97.5th percentiles of ``statistic`` over resampled index arrays."""
    rng = np.random.default_rng(seed)
    values = [statistic(rng.integers(0, size, size)) for _ in range(rounds)]
    finite = np.array([v for v in values if not math.isnan(v)])
    return float(np.percentile(finite, 2.5)), float(np.percentile(finite, 97.5))


# Calibration ------------------------------------------------------------------------------


def features(records: Sequence[Record], families: Sequence[str], base: ScoreWeights) -> np.ndarray:
    """Severity-weighted findings per 1,000 words, one column per family."""
    matrix = np.zeros((len(records), len(families)))
    column = {family: index for index, family in enumerate(families)}
    for row, record in enumerate(records):
        per_thousand = 1000.0 / max(record.words, base.min_words)
        for finding in record.findings:
            family = family_of(finding.code)
            if family in column:
                severity = base.severity.get(finding.severity, 1.0)
                matrix[row, column[family]] += severity * per_thousand
    return matrix


def nnls(matrix: np.ndarray, target: np.ndarray, rounds: int = 5000) -> np.ndarray:
    """Non-negative least squares by projected coordinate descent, with an intercept column."""
    design = np.column_stack([np.ones(len(target)), matrix])
    weights = np.zeros(design.shape[1])
    norms = np.sum(design**2, axis=0)
    residual = target - design @ weights
    for _ in range(rounds):
        largest = 0.0
        for j in range(design.shape[1]):
            if norms[j] == 0:
                continue
            new = weights[j] + design[:, j] @ residual / norms[j]
            new = new if j == 0 else max(new, 0.0)
            change = new - weights[j]
            if change:
                residual -= change * design[:, j]
                weights[j] = new
                largest = max(largest, abs(change))
        if largest < 1e-9:
            break
    return weights[1:]


@dataclass(frozen=True)
class Calibration:
    weights: ScoreWeights
    fitted: dict[str, float | None]
    """The raw fit per family; None when the family had no finding to fit on."""
    counts: dict[str, int]


def calibrate(records: Sequence[Record], floor: float) -> Calibration:
    base = default_weights()
    families = registry_families()
    best: Calibration | None = None
    best_tau = -2.0
    for min_words in MIN_WORDS_CHOICES:
        trial = ScoreWeights(
            family=base.family,
            severity=base.severity,
            default_family=base.default_family,
            scale=SCALE,
            min_words=min_words,
        )
        matrix = features(records, families, trial)
        target = np.array([-r.mqm / r.words * 1000.0 for r in records])
        fit = nnls(matrix, target)
        counts = {f: int(np.count_nonzero(matrix[:, i])) for i, f in enumerate(families)}
        fitted = {f: (float(fit[i]) if counts[f] else None) for i, f in enumerate(families)}
        chosen = {
            f: (base.default_family if value is None else round(max(value, floor), 3))
            for f, value in fitted.items()
        }
        weights = ScoreWeights(
            family=MappingProxyType(chosen),
            severity=base.severity,
            default_family=base.default_family,
            scale=SCALE,
            min_words=min_words,
        )
        scores = np.array([score_of(r, weights) for r in records])
        tau = kendall_tau_b(scores, np.array([r.mqm / r.words for r in records]))
        if tau > best_tau:
            best_tau, best = tau, Calibration(weights, fitted, counts)
    assert best is not None
    return best


def score_of(record: Record, weights: ScoreWeights) -> float:
    return quality_score(record.findings, record.words, weights).score


# Evaluation -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    value: float
    low: float
    high: float

    def __str__(self) -> str:
        return f"{self.value:+.3f} [{self.low:+.3f}, {self.high:+.3f}]"


def segment_tau(metric: np.ndarray, human: np.ndarray, rounds: int) -> Figure:
    value = kendall_tau_b(metric, human)
    low, high = bootstrap_tau(metric, human, rounds, SEED)
    return Figure(value, low, high)


def system_pearson(
    records: Sequence[Record],
    metric: np.ndarray,
    per_word: bool,
    rounds: int,
    mt_only: bool = False,
) -> Figure:
    """Pearson r of the systems' mean metric and MQM (per word: MQM sum / word sum)."""
    if mt_only:
        keep = [i for i, r in enumerate(records) if not r.system.startswith("Human-")]
        records, metric = [records[i] for i in keep], metric[keep]
    systems = sorted({r.system for r in records})
    segments = sorted({r.seg_id for r in records})
    seg_index = {s: i for i, s in enumerate(segments)}
    shape = (len(systems), len(segments))
    metric_table, mqm_table, words_table = np.zeros(shape), np.zeros(shape), np.zeros(shape)
    for value, record in zip(metric, records, strict=True):
        at = (systems.index(record.system), seg_index[record.seg_id])
        metric_table[at], mqm_table[at], words_table[at] = value, record.mqm, record.words

    def statistic(columns: np.ndarray) -> float:
        human = mqm_table[:, columns].sum(axis=1)
        if per_word:
            human = human / words_table[:, columns].sum(axis=1)
        return pearson(metric_table[:, columns].mean(axis=1), human)

    everything = np.arange(len(segments))
    low, high = bootstrap_interval(statistic, len(segments), rounds, SEED)
    return Figure(statistic(everything), low, high)


def evaluate(
    records: Sequence[Record], metrics: dict[str, np.ndarray], rounds: int
) -> list[tuple[str, Figure, Figure, Figure, Figure, Figure]]:
    mqm = np.array([r.mqm for r in records])
    per_word = np.array([r.mqm / r.words for r in records])
    rows = []
    for name, values in metrics.items():
        rows.append(
            (
                name,
                segment_tau(values, mqm, rounds),
                segment_tau(values, per_word, rounds),
                system_pearson(records, values, False, rounds),
                system_pearson(records, values, True, rounds),
                system_pearson(records, values, False, rounds, mt_only=True),
            )
        )
    return rows


def metric_columns(records: Sequence[Record], calibrated: ScoreWeights) -> dict[str, np.ndarray]:
    uniform = ScoreWeights(scale=SCALE, min_words=calibrated.min_words)
    return {
        "repair score (calibrated)": np.array([score_of(r, calibrated) for r in records]),
        "repair score (all weights 1)": np.array([score_of(r, uniform) for r in records]),
        "sentence chrF (needs a reference)": np.array([r.chrf for r in records]),
        "length only (minus words)": np.array([-float(r.words) for r in records]),
    }


def print_table(title: str, rows: list[tuple[str, Figure, Figure, Figure, Figure, Figure]]) -> None:
    print(f"\n{title}")
    print(
        f"{'metric':<36} {'seg tau vs MQM':<26} {'seg tau vs MQM/word':<26} "
        f"{'sys r vs MQM':<26} {'sys r vs MQM/word':<26} {'sys r vs MQM, 8 MT only':<26}"
    )
    for name, *figures in rows:
        print(f"{name:<36} " + " ".join(f"{f!s:<26}" for f in figures))


# Weights file -----------------------------------------------------------------------------


def weights_toml(
    calibration: Calibration,
    n_docs: tuple[int, int],
    n_records: tuple[int, int],
    held_out: list[tuple[str, Figure, Figure, Figure, Figure, Figure]],
    floor: float,
) -> str:
    weights = calibration.weights
    score_row = held_out[0]
    chrf_row = next(row for row in held_out if row[0].startswith("sentence chrF"))
    lines = [
        "# Generated by benchmarks/correlation.py --write; do not edit by hand, re-run it.",
        "#",
        "# Weights of the reference-free quality score (repair/score/quality.py):",
        "#   penalty(f) = 1000 * sum(family[f] * severity[s]) / max(words, min-words)",
        "#   score = 100 * exp(-sum(penalty(f)) / scale)",
        "#",
        "# Calibrated on ../shared/eval/mqm-zhen (WMT20 zh-en MQM, Freitag et al. 2021):",
        f"# {n_docs[0]} documents ({n_records[0]} system outputs) fit the weights, "
        f"{n_docs[1]} documents",
        f"# ({n_records[1]} outputs; every {HELD_OUT_EVERY}rd document in sorted order) "
        "are held out.",
        "# A family weight is the non-negative least-squares fit of MQM points per 1,000 words",
        "# on that family's severity-weighted findings per 1,000 words: the MQM points that",
        "# come with one finding. No finding in the calibration part: default-family.",
        f"# A fit below {floor} is raised to {floor}: every family marks real damage, even",
        "# where MQM raters did not mark it. min-words was chosen among "
        f"{', '.join(map(str, MIN_WORDS_CHOICES))}",
        "# by the calibration part's Kendall tau against MQM per word; severity and scale are",
        "# fixed choices, not fitted (scale only moves the 0-100 mapping, not the ranking).",
        "#",
        "# Held-out figures (bootstrap 95% intervals):",
        f"#   segment tau vs MQM/word: score {score_row[2]}, sentence chrF {chrf_row[2]}",
        f"#   segment tau vs MQM:      score {score_row[1]}, sentence chrF {chrf_row[1]}",
        f"#   system r vs MQM:         score {score_row[3]}, sentence chrF {chrf_row[3]}",
        "# The rules detect artefacts; MQM on zh-en news mostly marks mistranslations, so",
        "# the agreement is small.",
        "",
        f"scale = {weights.scale}",
        f"min-words = {weights.min_words}",
        f"default-family = {weights.default_family}",
        "",
        "[severity]",
        *(f"{s.value} = {v}" for s, v in weights.severity.items()),
        "",
        "[family]",
    ]
    for family, value in weights.family.items():
        fitted = calibration.fitted[family]
        note = (
            "no finding in the calibration part"
            if fitted is None
            else f"fit {fitted:.3f} on {calibration.counts[family]} outputs with findings"
        )
        lines.append(f"{family} = {value}  # {note}")
    return "\n".join(lines) + "\n"


def print_without_languagetool(
    calibration_part: Sequence[Record], held_out: Sequence[Record], floor: float, rounds: int
) -> None:
    """The held-out figures of the score calibrated and evaluated with LT001's findings left
    out, beside those with them (printed above)."""

    def without(records: Sequence[Record]) -> list[Record]:
        return [
            dataclasses.replace(r, findings=tuple(f for f in r.findings if f.code[:2] != "LT"))
            for r in records
        ]

    calibration = calibrate(without(calibration_part), floor)
    rows = evaluate(
        without(held_out), metric_columns(without(held_out), calibration.weights), rounds
    )
    print_table("HELD-OUT documents, LanguageTool's findings left out:", rows[:2])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=Path, default=SEGMENTS)
    parser.add_argument("--rounds", type=int, default=1000, help="bootstrap resamples")
    parser.add_argument("--floor", type=float, default=0.5, help="smallest family weight")
    parser.add_argument("--write", action="store_true", help="rewrite the weights file")
    parser.add_argument(
        "--languagetool", metavar="URL", default="off", help="count LT001 from this server"
    )
    args = parser.parse_args(argv)
    if not args.segments.exists():
        print(f"{args.segments}: not found (../shared/eval beside the clone)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    records = load_records(args.segments, args.languagetool)
    calibration_part, held_out = split_by_document(records)
    docs = (len({r.doc for r in calibration_part}), len({r.doc for r in held_out}))
    print(
        f"{len(records)} outputs, {len({r.system for r in records})} systems; calibration "
        f"{docs[0]} documents ({len(calibration_part)} outputs), held out {docs[1]} "
        f"documents ({len(held_out)} outputs); {time.perf_counter() - started:.1f} s to check"
    )
    flagged = sum(1 for r in records if r.findings)
    print(f"outputs with at least one finding: {flagged} of {len(records)}")
    calibration = calibrate(calibration_part, args.floor)
    print(f"min-words {calibration.weights.min_words}; family weights (raw fit):")
    for family, value in calibration.weights.family.items():
        fitted = calibration.fitted[family]
        raw = "-" if fitted is None else f"{fitted:.3f}"
        print(f"  {family:<4} {value:<7} ({raw}; {calibration.counts[family]} outputs)")
    held_rows = evaluate(held_out, metric_columns(held_out, calibration.weights), args.rounds)
    print_table("HELD-OUT documents (the figures to quote):", held_rows)
    calibration_rows = evaluate(
        calibration_part, metric_columns(calibration_part, calibration.weights), args.rounds
    )
    print_table("Calibration documents (fitted on; optimistic):", calibration_rows)
    if args.languagetool != "off":
        print_without_languagetool(calibration_part, held_out, args.floor, args.rounds)
    if args.write:
        text = weights_toml(
            calibration,
            docs,
            (len(calibration_part), len(held_out)),
            held_rows,
            args.floor,
        )
        WEIGHTS_FILE.write_text(text, encoding="utf-8")
        print(f"\nwrote {WEIGHTS_FILE.relative_to(ROOT)}")
    print(f"\n{time.perf_counter() - started:.1f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
