"""Reference-based scores: sacrebleu chrF, BLEU and TER of a text against a reference.

A file and its reference need not be aligned line by line (a scraped copy keeps promos and
captions that the reference lacks), so each text is scored as one segment, its white space
collapsed. sacrebleu's signature is kept with each figure, so that a reader can tell which
tokenisation and settings produced it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from sacrebleu.metrics.bleu import BLEU
from sacrebleu.metrics.chrf import CHRF
from sacrebleu.metrics.ter import TER

_SPACE: Final = re.compile(r"\s+")
# Quote style is a choice, not content: a repair that makes a text's quotes consistent must
# not win or lose chrF for the style its reference happens to use (Moses' punctuation
# normaliser folds them the same way before WMT scoring).
_QUOTE_FOLD: Final = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
    }
)


# TER's shift search grows fast with segment length (a minute for 1,300 words), so TER is
# computed on chunks cut inside runs of words both texts share: at least this many words.
_ANCHOR_WORDS: Final = 12


@dataclass(frozen=True, slots=True)
class MetricScore:
    """One sacrebleu figure and the signature of the metric that produced it."""

    name: str
    score: float
    signature: str


@dataclass(frozen=True, slots=True)
class ReferenceScores:
    """chrF, BLEU and TER of one text (higher is better for chrF and BLEU, lower for TER)."""

    chrf: MetricScore
    bleu: MetricScore
    ter: MetricScore

    def as_dict(self) -> dict[str, float]:
        return {"chrf": self.chrf.score, "bleu": self.bleu.score, "ter": self.ter.score}


def one_segment(text: str, fold_quotes: bool = True) -> str:
    """A text as one segment: runs of white space, line breaks included, become one space;
    curly quotes become straight ones unless ``fold_quotes`` is false.

    >>> one_segment("\N{LEFT DOUBLE QUOTATION MARK}Two\N{RIGHT DOUBLE QUOTATION MARK}\\n\\n lines")
    '"Two" lines'
    """
    if fold_quotes:
        text = text.translate(_QUOTE_FOLD)
    return _SPACE.sub(" ", text).strip()


def reference_scores(
    hypothesis: str, reference: str, *, fold_quotes: bool = True
) -> ReferenceScores:
    """sacrebleu's chrF (chrF2, character 6-grams), BLEU (13a) and TER of ``hypothesis``.

    >>> scores = reference_scores("The cat sat on the mat.", "The cat sat on the mat.")
    >>> round(scores.chrf.score), round(scores.bleu.score), round(scores.ter.score)
    (100, 100, 0)
    """
    hypotheses = [one_segment(hypothesis, fold_quotes)]
    references = [[one_segment(reference, fold_quotes)]]
    figures = []
    for name, metric in (("chrF", CHRF()), ("BLEU", BLEU())):
        result = metric.corpus_score(hypotheses, references)
        figures.append(MetricScore(name, float(result.score), str(metric.get_signature())))
    ter = TER()
    hypothesis_chunks, reference_chunks = aligned_chunks(
        hypotheses[0].split(" "), references[0][0].split(" ")
    )
    result = ter.corpus_score(hypothesis_chunks, [reference_chunks])
    figures.append(MetricScore("TER", float(result.score), str(ter.get_signature())))
    return ReferenceScores(*figures)


def aligned_chunks(
    hypothesis: Sequence[str], reference: Sequence[str], anchor: int = _ANCHOR_WORDS
) -> tuple[list[str], list[str]]:
    """Both word lists cut around each run of ``anchor`` or more shared words, and around
    each run of as many words that only one of them has.

    Chunk *i* of one list lines up with chunk *i* of the other, so corpus-level TER over
    the chunks (sum of edits over sum of reference words) equals the one-segment TER except
    for word shifts across a cut, which become a deletion and an insertion. A long run of
    words only one side has (a scraped tail the reference lacks) is a chunk of its own: it
    costs its length in insertions or deletions, and the shift search never sees it.

    >>> aligned_chunks("a b c d e f".split(), "a b c d x f".split(), anchor=2)
    (['a b c d', 'e f'], ['a b c d', 'x f'])
    >>> aligned_chunks("a b c d e f".split(), "a b".split(), anchor=2)
    (['a b', 'c d e f'], ['a b', ''])
    """
    matcher = difflib.SequenceMatcher(None, hypothesis, reference, autojunk=False)
    cuts = []
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if max(a_end - a_start, b_end - b_start) < anchor or tag == "replace":
            continue
        cuts += [(a_start, b_start), (a_end, b_end)]
    hypothesis_chunks, reference_chunks = [], []
    start_a = start_b = 0
    for cut_a, cut_b in [*cuts, (len(hypothesis), len(reference))]:
        if cut_a > start_a or cut_b > start_b:
            hypothesis_chunks.append(" ".join(hypothesis[start_a:cut_a]))
            reference_chunks.append(" ".join(reference[start_b:cut_b]))
        start_a, start_b = cut_a, cut_b
    return hypothesis_chunks, reference_chunks


__all__ = ["MetricScore", "ReferenceScores", "aligned_chunks", "one_segment", "reference_scores"]
