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

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Final

from repair import data
from repair.findings import Finding, Severity
from repair.registry import ALL_RULES

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


__all__ = [
    "QualityScore",
    "ScoreWeights",
    "costliest_of_each_site",
    "count_words",
    "default_weights",
    "family_of",
    "quality_score",
    "registry_families",
    "score_text",
]
