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
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import sacrebleu

from repair.api import check_text, fix_text
from repair.config import Config
from repair.document import Document
from repair.findings import Finding
from repair.score.quality import (
    ScoreWeights,
    costliest_of_each_site,
    count_words,
    default_weights,
    family_of,
    quality_score,
    registry_families,
)

if __package__:
    from benchmarks import damage
else:  # run as a script: this file's folder is sys.path[0]
    import damage  # type: ignore[import-not-found,no-redef]

ROOT = Path(__file__).resolve().parent.parent
SEGMENTS = ROOT.parent / "shared" / "eval" / "mqm-zhen" / "segments.jsonl"
WEIGHTS_FILE = ROOT / "repair" / "data" / "score-weights.toml"
HELD_OUT_EVERY = 3
SEED = 20250214
SCALE = 100.0
MIN_WORDS_CHOICES = (1, 20, 50, 100)
SITE_GAP = 5
"""Findings this close are one defect (see repair/score/quality.py): a fixed choice."""
SIMULATOR_FIT_SEEDS = (1, 2, 3)
SIMULATOR_TEST_SEEDS = (damage.DEFAULT_SEED, 15, 16, 17, 18)
"""The figures pool five damaged versions of the set: one seed's Spearman moves by +-0.05."""
ARTEFACT_MQM_POINTS_CHOICES = (1.0, 2.0, 3.0, 5.0)
"""What one injected artefact may be worth in MQM points when both sets are fitted together,
from a Minor error (1) to a Major one (5). The calibration takes the smallest whose weights
rank the fit's own simulated documents within :data:`RANKING_TOLERANCE` of the best
(Spearman on the damaged documents): the least pull away from the MQM fit that serves the
simulator about as well."""
RANKING_TOLERANCE = 0.01


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


def held_out_documents(docs: Iterable[str]) -> set[str]:
    """Every third document, in sorted order, from the third."""
    ordered = sorted(set(docs))
    return {
        doc for index, doc in enumerate(ordered) if index % HELD_OUT_EVERY == HELD_OUT_EVERY - 1
    }


def split_by_document(records: Sequence[Record]) -> tuple[list[Record], list[Record]]:
    """(calibration, held-out): every third document, in sorted order, is held out."""
    held = held_out_documents(r.doc for r in records)
    return [r for r in records if r.doc not in held], [r for r in records if r.doc in held]


@dataclass(frozen=True)
class ScoredText:
    words: int
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class SimulatedDocument:
    """One document of the damage simulator: its clean, damaged and safely fixed texts."""

    name: str
    story: str
    """The mqm-zhen document it comes from (its two translations share it)."""
    control: bool
    artefacts_per_1000: float
    clean: ScoredText
    damaged: ScoredText
    fixed: ScoredText


def load_simulated(seeds: Sequence[int]) -> dict[int, list[SimulatedDocument]]:
    """The damage simulator's documents for each seed (benchmarks/damage.py, its defaults:
    the mqm-zhen references, an entity list harvested from them), checked as they are, as
    damaged and as ``repair fix`` leaves them."""
    clean_docs = damage.mqm_documents()
    stories = {doc.name: doc.story for doc in clean_docs}
    clean_texts: dict[str, ScoredText] = {}
    simulated: dict[int, list[SimulatedDocument]] = {}
    with tempfile.TemporaryDirectory(prefix="repair-correlation-") as scratch:
        entities = damage.entity_file(clean_docs, None, Path(scratch))
        names = damage.name_words(entities)
        config = Config(languagetool="off", entities=(str(entities),))

        def scored(text: str) -> ScoredText:
            found = check_text(text, config=config, path="document.txt")
            return ScoredText(count_words(text), tuple(found))

        for seed in seeds:
            simulated[seed] = []
            for doc in damage.damaged_set(clean_docs, seed, names):
                if doc.name not in clean_texts:
                    clean_texts[doc.name] = scored(doc.clean)
                fixed = fix_text(doc.damaged, config=config, path="document.txt").text
                simulated[seed].append(
                    SimulatedDocument(
                        doc.name,
                        stories[doc.name],
                        doc.control,
                        1000.0 * len(doc.artefacts) / doc.words,
                        clean_texts[doc.name],
                        scored(doc.damaged),
                        scored(fixed),
                    )
                )
    return simulated


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


def average_ranks(values: np.ndarray) -> np.ndarray:
    """Ranks from 0, ties sharing their mean rank (as scipy.stats.rankdata, minus one)."""
    order = np.argsort(values, kind="mergesort")
    ranks = np.empty(len(values))
    ranks[order] = np.arange(len(values))
    for value in np.unique(values):
        tied = values == value
        ranks[tied] = ranks[tied].mean()
    return ranks


def spearman(x: np.ndarray, y: np.ndarray) -> float:
    return pearson(average_ranks(x), average_ranks(y))


def bootstrap_interval(
    statistic: Callable[[np.ndarray], float], size: int, rounds: int, seed: int
) -> tuple[float, float]:
    """The 2.5th and 97.5th percentiles of ``statistic`` over resampled index arrays."""
    rng = np.random.default_rng(seed)
    values = [statistic(rng.integers(0, size, size)) for _ in range(rounds)]
    finite = np.array([v for v in values if not math.isnan(v)])
    return float(np.percentile(finite, 2.5)), float(np.percentile(finite, 97.5))


# Calibration ------------------------------------------------------------------------------


def features(
    texts: Sequence[Record | ScoredText], families: Sequence[str], base: ScoreWeights
) -> np.ndarray:
    """Severity-weighted sites per 1,000 words, one column per family: findings within
    ``base.site_gap`` characters are one site, charged to its costliest finding's family
    (families weighed alike for that choice)."""
    matrix = np.zeros((len(texts), len(families)))
    column = {family: index for index, family in enumerate(families)}
    for row, text in enumerate(texts):
        per_thousand = 1000.0 / max(text.words, base.min_words)
        for finding in costliest_of_each_site(text.findings, base):
            family = family_of(finding.code)
            if family in column:
                severity = base.severity.get(finding.severity, 1.0)
                matrix[row, column[family]] += severity * per_thousand
    return matrix


def nnls(
    matrix: np.ndarray, target: np.ndarray, groups: np.ndarray | None = None, rounds: int = 5000
) -> np.ndarray:
    """Non-negative least squares by projected coordinate descent, with a free intercept for
    each group of rows (``groups``: a group number per row; one group when None)."""
    groups = np.zeros(len(target), dtype=int) if groups is None else groups
    free = int(groups.max()) + 1
    intercepts = np.zeros((len(target), free))
    intercepts[np.arange(len(target)), groups] = 1.0
    design = np.column_stack([intercepts, matrix])
    weights = np.zeros(design.shape[1])
    norms = np.sum(design**2, axis=0)
    residual = target - design @ weights
    for _ in range(rounds):
        largest = 0.0
        for j in range(design.shape[1]):
            if norms[j] == 0:
                continue
            new = weights[j] + design[:, j] @ residual / norms[j]
            new = new if j < free else max(new, 0.0)
            change = new - weights[j]
            if change:
                residual -= change * design[:, j]
                weights[j] = new
                largest = max(largest, abs(change))
        if largest < 1e-9:
            break
    return weights[free:]


@dataclass(frozen=True)
class Calibration:
    weights: ScoreWeights
    fitted: dict[str, float | None]
    """The raw fit per family; None when the family had no finding to fit on."""
    counts: dict[str, int]
    """Calibration outputs of mqm-zhen with a site of the family."""
    simulated_counts: dict[str, int]
    """Simulated documents with a site of the family."""
    artefact_points: float
    """MQM points one artefact was taken to be worth."""


def calibrate(
    records: Sequence[Record], simulated: Sequence[SimulatedDocument], floor: float
) -> Calibration:
    """The calibration of :func:`calibrate_at` for the smallest of the
    :data:`ARTEFACT_MQM_POINTS_CHOICES` that ranks ``simulated`` about as well as the best."""
    trials = [
        calibrate_at(records, simulated, floor, points) for points in ARTEFACT_MQM_POINTS_CHOICES
    ]
    rho = [simulator_figures(simulated, c.weights, set()).rho_damaged for c in trials]
    return next(c for c, r in zip(trials, rho, strict=True) if r >= max(rho) - RANKING_TOLERANCE)


def calibrate_at(
    records: Sequence[Record],
    simulated: Sequence[SimulatedDocument],
    floor: float,
    artefact_points: float,
) -> Calibration:
    """Fit the family weights on MQM points per 1,000 words of ``records`` and on artefacts
    per 1,000 words (times ``artefact_points``) of the damaged ``simulated`` texts together,
    each set with its own intercept; pick min-words by MQM Kendall tau."""
    base = default_weights()
    families = registry_families()
    best: Calibration | None = None
    best_tau = -2.0
    damaged = [doc.damaged for doc in simulated]
    for min_words in MIN_WORDS_CHOICES:
        trial = ScoreWeights(
            severity=base.severity,
            default_family=base.default_family,
            scale=SCALE,
            min_words=min_words,
            site_gap=SITE_GAP,
        )
        mqm_matrix = features(records, families, trial)
        simulated_matrix = features(damaged, families, trial)
        target = np.concatenate(
            [
                [-r.mqm / r.words * 1000.0 for r in records],
                [doc.artefacts_per_1000 * artefact_points for doc in simulated],
            ]
        )
        groups = np.array([0] * len(records) + [1] * len(simulated))
        fit = nnls(np.vstack([mqm_matrix, simulated_matrix]), target, groups)
        counts = {f: int(np.count_nonzero(mqm_matrix[:, i])) for i, f in enumerate(families)}
        simulated_counts = {
            f: int(np.count_nonzero(simulated_matrix[:, i])) for i, f in enumerate(families)
        }
        fitted = {
            f: (float(fit[i]) if counts[f] + simulated_counts[f] else None)
            for i, f in enumerate(families)
        }
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
            site_gap=SITE_GAP,
        )
        scores = np.array([score_of(r, weights) for r in records])
        tau = kendall_tau_b(scores, np.array([r.mqm / r.words for r in records]))
        if tau > best_tau:
            best_tau = tau
            best = Calibration(weights, fitted, counts, simulated_counts, artefact_points)
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


def score_variants(calibrated: ScoreWeights) -> dict[str, ScoreWeights]:
    """The calibrated weights, the weights file as it stands, and all families alike."""
    uniform = ScoreWeights(scale=SCALE, min_words=calibrated.min_words, site_gap=SITE_GAP)
    return {
        "repair score (calibrated)": calibrated,
        "repair score (weights file)": default_weights(),
        "repair score (all weights 1)": uniform,
    }


def metric_columns(records: Sequence[Record], calibrated: ScoreWeights) -> dict[str, np.ndarray]:
    scores = {
        name: np.array([score_of(r, weights) for r in records])
        for name, weights in score_variants(calibrated).items()
    }
    return {
        **scores,
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


@dataclass(frozen=True)
class SimulatorFigures:
    damaged: int
    """Damaged (not control) documents."""
    below_clean: int
    """Damaged documents that score below their clean original."""
    fix_between: int
    """Damaged documents whose safely fixed text scores between the damaged and the clean."""
    rho_all: float
    """Spearman of the score and artefacts per 1,000 words, controls included (negated:
    more artefacts, lower score gives a positive figure)."""
    rho_damaged: float
    rho_held_out: float
    """On the documents of held-out mqm-zhen stories only, controls included."""


def simulator_figures(
    docs: Sequence[SimulatedDocument], weights: ScoreWeights, held: set[str]
) -> SimulatorFigures:
    def score(text: ScoredText) -> float:
        return quality_score(text.findings, text.words, weights).score

    clean = np.array([score(d.clean) for d in docs])
    damaged = np.array([score(d.damaged) for d in docs])
    fixed = np.array([score(d.fixed) for d in docs])
    density = np.array([d.artefacts_per_1000 for d in docs])
    hurt = np.array([not d.control for d in docs])
    in_held = np.array([d.story in held for d in docs])
    return SimulatorFigures(
        damaged=int(hurt.sum()),
        below_clean=int(np.sum(hurt & (damaged < clean))),
        fix_between=int(np.sum(hurt & (damaged <= fixed) & (fixed <= clean))),
        rho_all=-spearman(damaged, density),
        rho_damaged=-spearman(damaged[hurt], density[hurt]),
        rho_held_out=-spearman(damaged[in_held], density[in_held]) if in_held.any() else math.nan,
    )


def print_simulator_table(
    docs: Sequence[SimulatedDocument], metrics: dict[str, ScoreWeights], held: set[str]
) -> dict[str, SimulatorFigures]:
    controls = sum(d.control for d in docs)
    print(
        f"\nDAMAGE SIMULATOR (benchmarks/damage.py, seeds "
        f"{', '.join(map(str, SIMULATOR_TEST_SEEDS))} pooled; the fit saw seeds "
        f"{', '.join(map(str, SIMULATOR_FIT_SEEDS))}): {len(docs)} documents, "
        f"{controls} controls.\nTargets: every damaged document below its clean original, its "
        "`repair fix` between the two; Spearman(score, artefacts per 1,000 words) >= 0.85 "
        "(sign turned: higher is better)."
    )
    print(
        f"{'metric':<36} {'damaged < clean':>16} {'fix in between':>15} "
        f"{'rho all':>8} {'rho damaged':>12} {'rho held-out':>13}"
    )
    results = {}
    for name, weights in metrics.items():
        figures = simulator_figures(docs, weights, held)
        results[name] = figures
        print(
            f"{name:<36} {f'{figures.below_clean}/{figures.damaged}':>16} "
            f"{f'{figures.fix_between}/{figures.damaged}':>15} {figures.rho_all:>8.3f} "
            f"{figures.rho_damaged:>12.3f} {figures.rho_held_out:>13.3f}"
        )
    return results


# Weights file -----------------------------------------------------------------------------


def weights_toml(
    calibration: Calibration,
    n_docs: tuple[int, int],
    n_records: tuple[int, int],
    held_out: list[tuple[str, Figure, Figure, Figure, Figure, Figure]],
    simulator: SimulatorFigures,
    floor: float,
) -> str:
    weights = calibration.weights
    score_row = held_out[0]
    chrf_row = next(row for row in held_out if row[0].startswith("sentence chrF"))
    lines = [
        "# Generated by benchmarks/correlation.py --write; do not edit by hand, re-run it.",
        "#",
        "# Weights of the reference-free quality score (repair/score/quality.py):",
        "#   a site = findings within site-gap characters of each other; it costs",
        "#            family[f] * severity[s] of its costliest finding",
        "#   penalty(f) = 1000 * sum(cost of the sites charged to f) / max(words, min-words)",
        "#   score = 100 * exp(-sum(penalty(f)) / scale)",
        "#",
        "# Calibrated on two sets together, each with its own intercept:",
        "# - ../shared/eval/mqm-zhen (WMT20 zh-en MQM, Freitag et al. 2021):",
        f"#   {n_docs[0]} documents ({n_records[0]} system outputs) fit the weights, "
        f"{n_docs[1]} documents",
        f"#   ({n_records[1]} outputs; every {HELD_OUT_EVERY}rd document in sorted order) "
        "are held out;",
        "# - the damage simulator (benchmarks/damage.py) on the references of the same",
        f"#   calibration documents, seeds {', '.join(map(str, SIMULATOR_FIT_SEEDS))}: "
        "artefacts per 1,000 words, one artefact",
        f"#   counted as {calibration.artefact_points:g} MQM points: the smallest of "
        f"{', '.join(f'{p:g}' for p in ARTEFACT_MQM_POINTS_CHOICES)} whose fit",
        f"#   ranks its own simulated documents within {RANKING_TOLERANCE} of the best "
        "(Spearman). MQM",
        "#   rarely marks what the rules see (few outputs have findings); the simulator gives",
        "#   every family its evidence.",
        "# A family weight is the non-negative least-squares fit of the target per 1,000 words",
        "# on that family's severity-weighted sites per 1,000 words. No site anywhere:",
        f"# default-family. A fit below {floor} is raised to {floor}: no family counts less than",
        "# one the fit never saw. min-words was chosen among "
        f"{', '.join(map(str, MIN_WORDS_CHOICES))}",
        "# by the MQM calibration part's Kendall tau against MQM per word; severity, scale",
        "# and site-gap are fixed choices, not fitted.",
        "#",
        "# Held-out MQM figures (bootstrap 95% intervals):",
        f"#   segment tau vs MQM/word: score {score_row[2]}, sentence chrF {chrf_row[2]}",
        f"#   segment tau vs MQM:      score {score_row[1]}, sentence chrF {chrf_row[1]}",
        f"#   system r vs MQM:         score {score_row[3]}, sentence chrF {chrf_row[3]}",
        "# The rules detect artefacts; MQM on zh-en news mostly marks mistranslations, so",
        "# the agreement is small.",
        f"# Damage simulator, seeds {', '.join(map(str, SIMULATOR_TEST_SEEDS))} pooled (not "
        f"fitted on): damaged below clean "
        f"{simulator.below_clean}/{simulator.damaged},",
        f"#   fix in between {simulator.fix_between}/{simulator.damaged}; Spearman with "
        f"artefacts per 1,000 words {simulator.rho_all:.3f}",
        f"#   (damaged documents only {simulator.rho_damaged:.3f}, held-out stories "
        f"{simulator.rho_held_out:.3f}).",
        "",
        f"scale = {weights.scale}",
        f"min-words = {weights.min_words}",
        f"site-gap = {weights.site_gap}",
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
            else f"fit {fitted:.3f} on {calibration.counts[family]} MQM outputs and "
            f"{calibration.simulated_counts[family]} simulated documents with findings"
        )
        lines.append(f"{family} = {value}  # {note}")
    return "\n".join(lines) + "\n"


def print_without_languagetool(
    calibration_part: Sequence[Record],
    held_out: Sequence[Record],
    fit_on: Sequence[SimulatedDocument],
    floor: float,
    rounds: int,
) -> None:
    """The held-out figures of the score calibrated and evaluated with LT001's findings left
    out, beside those with them (printed above)."""

    def without(records: Sequence[Record]) -> list[Record]:
        return [
            dataclasses.replace(r, findings=tuple(f for f in r.findings if f.code[:2] != "LT"))
            for r in records
        ]

    calibration = calibrate(without(calibration_part), fit_on, floor)
    rows = evaluate(
        without(held_out), metric_columns(without(held_out), calibration.weights), rounds
    )
    print_table("HELD-OUT documents, LanguageTool's findings left out:", rows[:2])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=Path, default=SEGMENTS)
    parser.add_argument("--rounds", type=int, default=1000, help="bootstrap resamples")
    parser.add_argument(
        "--floor", type=float, default=1.0, help="smallest family weight (default-family)"
    )
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
    held_documents = {r.doc for r in held_out}
    docs = (len({r.doc for r in calibration_part}), len(held_documents))
    print(
        f"{len(records)} outputs, {len({r.system for r in records})} systems; calibration "
        f"{docs[0]} documents ({len(calibration_part)} outputs), held out {docs[1]} "
        f"documents ({len(held_out)} outputs); {time.perf_counter() - started:.1f} s to check"
    )
    flagged = sum(1 for r in records if r.findings)
    print(f"outputs with at least one finding: {flagged} of {len(records)}")
    simulated = load_simulated((*SIMULATOR_FIT_SEEDS, *SIMULATOR_TEST_SEEDS))
    fit_on = [
        doc
        for seed in SIMULATOR_FIT_SEEDS
        for doc in simulated[seed]
        if doc.story not in held_documents
    ]
    print(
        f"damage simulator: {len(fit_on)} documents of seeds {SIMULATOR_FIT_SEEDS} on the "
        f"calibration stories; {time.perf_counter() - started:.1f} s so far"
    )
    calibration = calibrate(calibration_part, fit_on, args.floor)
    print(
        f"min-words {calibration.weights.min_words}; one artefact = "
        f"{calibration.artefact_points:g} MQM points; family weights (raw fit):"
    )
    for family, value in calibration.weights.family.items():
        fitted = calibration.fitted[family]
        raw = "-" if fitted is None else f"{fitted:.3f}"
        print(
            f"  {family:<4} {value:<7} ({raw}; {calibration.counts[family]} MQM outputs, "
            f"{calibration.simulated_counts[family]} simulated documents)"
        )
    held_rows = evaluate(held_out, metric_columns(held_out, calibration.weights), args.rounds)
    print_table("HELD-OUT documents (the figures to quote):", held_rows)
    calibration_rows = evaluate(
        calibration_part, metric_columns(calibration_part, calibration.weights), args.rounds
    )
    print_table("Calibration documents (fitted on; optimistic):", calibration_rows)
    if args.languagetool != "off":
        print_without_languagetool(calibration_part, held_out, fit_on, args.floor, args.rounds)
    simulator = print_simulator_table(
        [doc for seed in SIMULATOR_TEST_SEEDS for doc in simulated[seed]],
        score_variants(calibration.weights),
        held_documents,
    )
    if args.write:
        text = weights_toml(
            calibration,
            docs,
            (len(calibration_part), len(held_out)),
            held_rows,
            simulator["repair score (calibrated)"],
            args.floor,
        )
        WEIGHTS_FILE.write_text(text, encoding="utf-8")
        print(f"\nwrote {WEIGHTS_FILE.relative_to(ROOT)}")
    print(f"\n{time.perf_counter() - started:.1f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
