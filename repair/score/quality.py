"""The reference-free quality score: findings weighted by family and severity per 1,000 words.

For a text of ``words`` words, each finding costs the weight of its family times the weight
of its severity; the costs of one family, per 1,000 words, are its penalty::

    penalty(f) = 1000 * sum(family[f] * severity[s] for each finding of f) / max(words, min_words)
    sub-score(f) = 100 * exp(-penalty(f) / scale)
    score = 100 * exp(-sum(penalty(f) for every f) / scale)

so a text with no finding scores 100, the score is the product of the sub-scores (each read
as a fraction of 100), and ``scale`` penalty points per 1,000 words bring it down to 36.8.

One defect often raises several findings: a stutter with quote marks between its copies is a
repeated word, an unbalanced quote and a misturned one. Findings whose spans overlap or lie
within ``site_gap`` characters of each other are one site, and a site costs what its
costliest finding costs (charged to that finding's family), so that the score counts defects,
not symptoms. With ``site_gap`` negative every finding is a site of its own.
The weights live in ``repair/data/score-weights.toml``; ``benchmarks/correlation.py
--write`` calibrates them on human MQM annotations. A family the file does not list (a rule
family added later) costs ``default-family``.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

from repair import data
from repair.api import FileFix, Results, fix_paths
from repair.config import Config
from repair.errors import DocumentError
from repair.files import decode, read_bytes
from repair.findings import Finding, Severity
from repair.language import is_language_notice
from repair.records import fixes_in_memory, is_record_file, unless_unreadable
from repair.registry import ALL_RULES
from repair.score.reference import ReferenceScores, reference_scores

_WORD: Final = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
WEIGHTS_TABLE: Final = "score-weights"


def count_words(text: str) -> int:
    """Words in ``text``: runs of letters and digits, with inner apostrophes.

    >>> count_words("It's a two-day\\N{NO-BREAK SPACE}visit, 2025.")
    6
    """
    return sum(1 for _ in _WORD.finditer(text))


def family_of(code: str) -> str:
    """The family prefix of a rule code.

    >>> family_of("PUN001"), family_of("LT001")
    ('PUN', 'LT')
    """
    return code.rstrip("0123456789")


def registry_families() -> tuple[str, ...]:
    """The rule families in :data:`repair.registry.ALL_RULES`, in registry order."""
    return tuple(dict.fromkeys(rule.family for rule in ALL_RULES))


@dataclass(frozen=True, slots=True)
class ScoreWeights:
    """What a finding costs: per family, per severity, and how penalties map to 0-100."""

    family: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    severity: Mapping[Severity, float] = field(
        default_factory=lambda: MappingProxyType(
            {Severity.ERROR: 1.5, Severity.WARNING: 1.0, Severity.INFO: 0.5}
        )
    )
    default_family: float = 1.0
    scale: float = 60.0
    """Penalty points per 1,000 words that bring the score down to 100/e."""
    min_words: int = 50
    """Texts shorter than this count as this long, so one finding in a line is not a verdict."""
    site_gap: int = -1
    """Findings this close (in characters) are one defect; negative: every finding counts."""

    def cost(self, finding: Finding) -> float:
        """The penalty of one finding, before dividing by the length."""
        weight = self.family.get(family_of(finding.code), self.default_family)
        return weight * self.severity.get(finding.severity, 1.0)

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> ScoreWeights:
        """Weights from the parsed TOML table (the format of ``score-weights.toml``)."""
        severity = {Severity(name): float(value) for name, value in table["severity"].items()}
        families = {name: float(value) for name, value in table.get("family", {}).items()}
        return cls(
            family=MappingProxyType(families),
            severity=MappingProxyType(severity),
            default_family=float(table["default-family"]),
            scale=float(table["scale"]),
            min_words=int(table["min-words"]),
            site_gap=int(table.get("site-gap", -1)),
        )


def default_weights() -> ScoreWeights:
    """The weights shipped in ``repair/data/score-weights.toml``."""
    return ScoreWeights.from_table(data.table(WEIGHTS_TABLE))


@dataclass(frozen=True, slots=True)
class QualityScore:
    """A text's score, its sub-score per family, and the counts behind them."""

    score: float
    words: int
    findings: Mapping[str, int]
    """Findings per family."""
    family_scores: Mapping[str, float]
    """Sub-score per family with findings; a family with none scores 100."""
    penalty: float
    """Weighted findings per 1,000 words, the sum over the families."""


def _to_score(penalty: float, scale: float) -> float:
    return 100.0 * math.exp(-penalty / scale)


def quality_score(
    findings: Iterable[Finding], words: int, weights: ScoreWeights | None = None
) -> QualityScore:
    """Score ``findings`` in a text of ``words`` words (0 worst, 100 no finding).

    >>> quality_score([], 500).score
    100.0
    >>> from repair.findings import Span
    >>> one = Finding("PUN001", "Space before the hyphen", Span(0, 1))
    >>> round(quality_score([one], 1000, ScoreWeights()).score, 1)
    98.3
    """
    weights = weights or default_weights()
    per_thousand = 1000.0 / max(words, weights.min_words, 1)
    findings = list(findings)
    counts = Counter(family_of(finding.code) for finding in findings)
    costs: dict[str, float] = {}
    for costliest in costliest_of_each_site(findings, weights):
        family = family_of(costliest.code)
        costs[family] = costs.get(family, 0.0) + weights.cost(costliest) * per_thousand
    total = sum(costs.values())
    return QualityScore(
        score=_to_score(total, weights.scale),
        words=words,
        findings=MappingProxyType(dict(sorted(counts.items()))),
        family_scores=MappingProxyType(
            {family: _to_score(cost, weights.scale) for family, cost in sorted(costs.items())}
        ),
        penalty=total,
    )


def costliest_of_each_site(findings: Sequence[Finding], weights: ScoreWeights) -> Iterator[Finding]:
    """The costliest finding of each site: findings within ``site_gap`` characters of the
    site's extent so far join it.

    >>> from repair.findings import Span
    >>> near = [Finding("WRD003", "", Span(0, 9)), Finding("QUO001", "", Span(4, 5)),
    ...         Finding("PUN001", "", Span(40, 41))]
    >>> [f.code for f in costliest_of_each_site(near, ScoreWeights(site_gap=3))]
    ['WRD003', 'PUN001']
    """
    if weights.site_gap < 0:
        yield from findings
        return
    site: list[Finding] = []
    site_end = 0
    for finding in sorted(findings, key=lambda f: (f.span.start, f.span.end)):
        if site and finding.span.start > site_end + weights.site_gap:
            yield max(site, key=weights.cost)
            site = []
        site_end = max(site_end, finding.span.end) if site else finding.span.end
        site.append(finding)
    if site:
        yield max(site, key=weights.cost)


def score_text(
    text: str, findings: Iterable[Finding], weights: ScoreWeights | None = None
) -> QualityScore:
    """:func:`quality_score` of ``findings`` reported on ``text``."""
    return quality_score(findings, count_words(text), weights)


# Files ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReferenceComparison:
    """sacrebleu scores of a file before and after repair, against one reference file."""

    reference: str
    before: ReferenceScores
    after: ReferenceScores
    folded_quotes: bool = True
    """Whether curly quotes were folded to straight ones in both texts before scoring."""


@dataclass(frozen=True, slots=True)
class FileScore:
    """One file scored as it is (``before``) and as ``repair fix`` would leave it (``after``).

    ``error`` is a one-line reason when the file (or its reference) could not be read or
    fixed; the scores are then ``None``.
    """

    path: str
    before: QualityScore | None = None
    after: QualityScore | None = None
    fix: FileFix | None = None
    """The in-memory fix: the file as read and its findings (``original``, ``found``), the
    fixes applied, the fixed text and what remains in it."""
    reference: ReferenceComparison | None = None
    error: str | None = None
    skipped: str | None = None
    """Why the file was not scored though it was read: a text not in English, whose
    findings (of the rules that hold in any language) say nothing of its quality."""


def score_paths(
    paths: Iterable[str | Path],
    *,
    config: Config | None = None,
    options: Mapping[str, Any] | None = None,
    weights: ScoreWeights | None = None,
    reference: str | Path | None = None,
    reference_dir: str | Path | None = None,
    fold_quotes: bool = True,
    jobs: int = 1,
    cache: bool = False,
    text_field: str = "text",
    reference_field: str | None = None,
) -> Results[FileScore]:
    """Score files before and after the safe fixes, computed in memory; nothing is written.

    ``reference`` is the reference of every file (use it with one file); ``reference_dir``
    holds references named as the files are. A file with no reference there gets none.
    ``fold_quotes`` folds curly quotes to straight ones in both texts before the
    reference-based metrics (see :func:`repair.score.reference.one_segment`).

    JSONL and Parquet corpora among ``paths`` are scored record by record, first, as
    :func:`score_records` does with ``text_field`` and ``reference_field``; a corpus that
    cannot be read is one score with its error. ``reference`` and ``reference_dir`` apply
    to files only: with a corpus among ``paths`` they raise :class:`ValueError`.
    Raises :class:`~repair.errors.DocumentError` when ``reference`` cannot be read.
    """
    given = [Path(p) for p in paths]
    corpora = [p for p in given if is_record_file(p)]
    files = [p for p in given if not is_record_file(p)]
    if corpora and (reference is not None or reference_dir is not None):
        raise ValueError("reference and reference_dir apply to files, not to record corpora")
    weights = weights or default_weights()
    # The files are walked once, here: their count is the progress bar's total.
    fixes = fix_paths(files, config=config, options=options, write=False, jobs=jobs, cache=cache)
    scored = _score_files(fixes, weights, (reference, reference_dir), fold_quotes)
    return Results(
        _scores(
            corpora,
            scored,
            config,
            options,
            weights,
            fold_quotes,
            jobs,
            text_field,
            reference_field,
        ),
        fixes.total,
    )


def _scores(
    corpora: list[Path],
    files: Iterator[FileScore],
    config: Config | None,
    options: Mapping[str, Any] | None,
    weights: ScoreWeights,
    fold_quotes: bool,
    jobs: int,
    text_field: str,
    reference_field: str | None,
) -> Iterator[FileScore]:
    """The scores of the records of each corpus, then those of the files."""
    for corpus in corpora:
        scores = score_records(
            corpus,
            text_field=text_field,
            reference_field=reference_field,
            config=config,
            options=options,
            weights=weights,
            fold_quotes=fold_quotes,
            jobs=jobs,
        )
        yield from unless_unreadable(corpus, scores, functools.partial(_unscored, str(corpus)))
    yield from files


def score_records(
    path: str | Path,
    *,
    text_field: str = "text",
    reference_field: str | None = None,
    config: Config | None = None,
    options: Mapping[str, Any] | None = None,
    weights: ScoreWeights | None = None,
    fold_quotes: bool = True,
    jobs: int = 1,
) -> Iterator[FileScore]:
    """Score every record of a JSONL or Parquet corpus before and after the safe fixes.

    One :class:`FileScore` per record, in order, named as :func:`repair.records.check_records`
    names it (``corpus.jsonl[17]``); the corpus is read once. A malformed record (invalid
    JSON, a missing or null text) is a score with its error, and the corpus goes on. With
    ``reference_field``, a record that holds a string there is also scored against it
    (chrF, BLEU, TER); a record without one gets no reference. Raises
    :class:`~repair.errors.RepairError` (or :class:`OSError`) when the corpus cannot be read.
    """
    weights = weights or default_weights()
    fixes = fixes_in_memory(
        path,
        text_field=text_field,
        also_field=reference_field,
        config=config,
        options=options,
        jobs=jobs,
    )
    for fixed, reference_text in fixes:
        named = None
        if reference_text is not None:
            named = (f"{fixed.path}.{reference_field}", reference_text)
        yield _scored(fixed, weights, named, fold_quotes)


def _unscored(path: str, reason: str) -> FileScore:
    return FileScore(path, error=reason)


def _score_files(
    fixes: Iterator[FileFix],
    weights: ScoreWeights,
    references: tuple[str | Path | None, str | Path | None],
    fold_quotes: bool,
) -> Iterator[FileScore]:
    reference, reference_dir = references
    shared = (str(reference), _read_text(Path(reference))) if reference is not None else None
    # One read of each file: the fix's findings before it (``found``) are the check's, each
    # file alone (a finding across files has no fix to score).
    for fixed in fixes:
        try:
            named = shared
            if named is None and fixed.original is not None:
                named = _reference_in(reference_dir, fixed.path)
        except DocumentError as problem:
            yield FileScore(fixed.path, error=f"reference {problem.path}: {problem.problem}")
            continue
        yield _scored(fixed, weights, named, fold_quotes)


def _reference_in(folder: str | Path | None, path: str) -> tuple[str, str] | None:
    """The name and text of the file named as ``path`` in ``folder``, if there is one."""
    if folder is None:
        return None
    candidate = Path(folder) / Path(path).name
    if not candidate.is_file():
        return None
    return str(candidate), _read_text(candidate)


def _scored(
    fixed: FileFix,
    weights: ScoreWeights,
    reference: tuple[str, str] | None,
    fold_quotes: bool,
) -> FileScore:
    """The score of a text before and after its fix, and its metrics against a reference."""
    error = fixed.error
    if error is not None or fixed.original is None or fixed.fixed_text is None:
        return FileScore(fixed.path, error=error or "could not be read")
    text = fixed.original.text
    comparison = None
    if reference is not None:
        name, reference_text = reference
        comparison = ReferenceComparison(
            name,
            reference_scores(text, reference_text, fold_quotes=fold_quotes),
            reference_scores(fixed.fixed_text, reference_text, fold_quotes=fold_quotes),
            fold_quotes,
        )
    if is_language_notice(fixed.notice):
        # The metrics against a reference hold in any language; the quality score does not.
        return FileScore(fixed.path, None, None, fixed, comparison, skipped=fixed.notice)
    before = quality_score(fixed.found, count_words(text), weights)
    after = quality_score(fixed.remaining, count_words(fixed.fixed_text), weights)
    return FileScore(fixed.path, before, after, fixed, comparison)


def _read_text(path: Path) -> str:
    """The text of a reference file; :class:`DocumentError` when it cannot be read."""
    return decode(read_bytes(path), str(path)).text


__all__ = [
    "FileScore",
    "QualityScore",
    "ReferenceComparison",
    "ScoreWeights",
    "costliest_of_each_site",
    "count_words",
    "default_weights",
    "family_of",
    "quality_score",
    "registry_families",
    "score_paths",
    "score_records",
    "score_text",
]
