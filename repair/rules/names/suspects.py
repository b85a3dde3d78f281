"""Suspects for the NAM scan: tokens near a listed name, the candidates they are near, the
words before them that say whose name they are, and how sure a fix of one is.

A suspect is graded by the evidence that it is a listed name damaged (see
:mod:`repair.rules.names.evidence`), not by closeness alone.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from repair import data
from repair.entities import Candidate, EntityIndex, fold
from repair.findings import Applicability, Span
from repair.lazy_import import LazyModule
from repair.lexicon import KNOWN_WORD_ZIPF, zipf
from repair.rules.names.evidence import (
    CASE,
    CUT,
    EVIDENCE_ORDER,
    LOST,
    SOUND,
    distance,
    garbled_case,
    is_pinyin,
    letter_lost,
    respelled,
    transliteration_key,
)
from repair.text import LETTERS

if TYPE_CHECKING:
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import Levenshtein
else:  # rapidfuzz on first use (repair.lazy_import): only an entity list's look-ups call it
    fuzz = LazyModule("rapidfuzz.fuzz", globals(), "fuzz")
    process = LazyModule("rapidfuzz.process", globals(), "process")
    Levenshtein = LazyModule("rapidfuzz.distance.Levenshtein", globals(), "Levenshtein")

_WORD: Final = LETTERS
_SENTENCE_END: Final = re.compile(r"[.!?;:\n\u2013\u2014]")
_CONTEXT_CHARS: Final = 60
_CLOSE_CALL: Final = 5.0
"""Two entities whose scores are this close are a close call: suggestions, no fix."""
_MIN_REPORT: Final = 75.0
"""The lowest report threshold of :func:`_thresholds`: rapidfuzz's cutoff."""
_MAX_REPORT: Final = 80.0
"""The highest report threshold of :func:`_thresholds`."""
_SAME_SOUND_FLOOR: Final = 40.0
"""Below this ratio a same-sounding spelling is a coincidence, not a transliteration."""
_RIVAL_CUTOFF: Final = 60.0
"""Spellings this close are looked at as rivals of the best one (one edit in five letters)."""


def _thresholds(length: int) -> tuple[float, float]:
    """(report, safe) rapidfuzz ratios for a spelling of ``length`` letters.

    Short names need closer matches: one edit in "Tarne" is 20% of it.

    >>> _thresholds(4), _thresholds(7), _thresholds(12)
    ((80.0, 88.0), (80.0, 85.0), (75.0, 82.0))
    """
    if length <= 5:
        return 80.0, 88.0
    if length <= 8:
        return 80.0, 85.0
    return 75.0, 82.0


@functools.cache
def _titles() -> frozenset[str]:
    return frozenset(data.table("names-context")["titles"])


@dataclass(frozen=True, slots=True)
class _Context:
    """The words before a token that say whose name it is."""

    given_name: str = ""
    """A first name of the best entity right before ("Pete" before "Hegsth")."""
    title: str = ""
    """A title among the three words before ("President"): a person, not which one."""

    def describe(self) -> str:
        word = self.given_name or self.title
        return f'after "{word}"' if word else ""


def _context(text: str, start: int, entities: tuple[int, ...], index: EntityIndex) -> _Context:
    """The first name or title before ``start``, in the same sentence."""
    window = text[max(0, start - _CONTEXT_CHARS) : start]
    cut = max((m.end() for m in _SENTENCE_END.finditer(window)), default=0)
    before = _WORD.findall(window[cut:])[-3:]
    if before and set(index.given_names.get(before[-1], ())) & set(entities):
        return _Context(given_name=before[-1])
    titles = _titles()
    for word in reversed(before):
        if word.casefold() in titles:
            return _Context(title=word)
    return _Context()


@dataclass(frozen=True, slots=True)
class _Suspect:
    span: Span
    token: str
    best: Candidate
    rivals: tuple[Candidate, ...]
    """Other entities' spellings about as close as the best: suggestions, no fix."""
    runner_up: bool
    """Another entity's spelling is as close, or one edit further with a mark of damage of
    its own: no safe fix."""
    context: _Context
    kin: tuple[Candidate, ...]
    """Other spellings of the best entity, near enough to be written instead."""


def _effective(candidate: Candidate) -> float:
    score = candidate.score
    if candidate.same_sound:
        score = max(score, 92.0)
    if candidate.truncated:
        score = max(score, 90.0)
    return score


def _candidates(
    token: str, index: EntityIndex, language: str, cutoff: float = _RIVAL_CUTOFF
) -> list[Candidate]:
    """Near spellings of a token that may be a damaged name, best first; [] for a word.
    With a ``cutoff`` above :data:`_RIVAL_CUTOFF`, only those scoring that much and the
    same-sounding ones: the others of the full list, in the same order, left out.

    A token wordfreq knows is a word or a name of its own ("Hainan" is no "Hunan" mistyped).
    """
    if token.isupper() or len(fold(token)) < 4 or zipf(token, language) >= KNOWN_WORD_ZIPF:
        return []
    return [
        c
        for c in index.near(token, cutoff=cutoff)
        if c.score >= _RIVAL_CUTOFF or (c.same_sound and c.score >= _SAME_SOUND_FLOOR)
    ]


def near_ranking(token: str, index: EntityIndex, language: str) -> _Ranking | None:
    """:func:`_ranking` of the token's :func:`_candidates`, the same, from fewer of them.

    A large list puts hundreds of spellings within the rival cutoff of a token, and making,
    sorting and measuring them was most of a check's added cost. Only candidates scoring
    :data:`_MIN_REPORT` or sounding alike may be the best, a rival or kin (see
    :func:`_ranking`): those are asked for first. The others may only be a runner-up,
    which is at most one edit further than the best: those within that many edits score
    at least :func:`_least_ratio`: when that is under :data:`_MIN_REPORT`, the index is
    asked for those within that many edits (:meth:`~repair.entities.EntityIndex.near_within`).
    """
    found = _candidates(token, index, language, _MIN_REPORT)
    if not found:
        return None

    def more(most: int) -> list[Candidate]:
        return [
            c
            for c in index.near_within(token, most, _RIVAL_CUTOFF)
            if c.score >= _RIVAL_CUTOFF or (c.same_sound and c.score >= _SAME_SOUND_FLOOR)
        ]

    return _ranking(token, found, index, more)


def _least_ratio(size: int, edits: int) -> float:
    """The least rapidfuzz ratio of two words at most ``edits`` edits apart, one of
    ``size`` letters: an edit costs the ratio's Indel distance two at most, and the other
    word has ``size - edits`` letters at least. (A hair under, for the rounding.)

    >>> round(_least_ratio(10, 2), 2), _least_ratio(2, 4)
    (77.78, 0.0)
    """
    total = 2 * size - edits
    if total <= 0:
        return 0.0
    return max(0.0, 100.0 * (1.0 - 2.0 * edits / total) - 1e-6)


def _reportable(candidate: Candidate) -> bool:
    score = candidate.score
    if score >= _MAX_REPORT or (candidate.same_sound and score >= _SAME_SOUND_FLOOR):
        return True
    # Most candidates of a large list score under every threshold: no length to measure
    return score >= _MIN_REPORT and score >= _thresholds(len(fold(candidate.spelling)))[0]


@dataclass(frozen=True, slots=True)
class _Ranking:
    """What a suspect token is near, whatever its place in the text (see :class:`_Suspect`)."""

    best: Candidate
    rivals: tuple[Candidate, ...]
    runner_up: bool
    kin: tuple[Candidate, ...]


def _ranking(
    token: str,
    found: Sequence[Candidate],
    index: EntityIndex,
    more: Callable[[int], Sequence[Candidate]] | None = None,
) -> _Ranking | None:
    """The best of a token's near spellings, its rivals and kin; None when none is close
    enough to report. It depends on the token alone: a scan works it out once per token.

    ``found`` is all of the token's candidates; or, with ``more``, only those scoring
    :data:`_MIN_REPORT` or sounding alike, and ``more(edits)`` gives all of them at most
    ``edits`` from the token (see :func:`near_ranking`).
    """
    canonical = index.canonical_spellings
    ratio = fuzz.ratio
    # Each key made once, not by a call per candidate; spellings differ, so the candidate
    # at the end of a key is never compared
    keys = [
        (-_effective(c), c.spelling not in canonical, -ratio(token, c.spelling), c.spelling, c)
        for c in found
    ]
    ranked = [key[-1] for key in sorted(keys)]
    if not ranked or not _reportable(ranked[0]):
        return None
    best = ranked[0]
    owners = set(best.entities)
    others = [c for c in ranked[1:] if owners.isdisjoint(c.entities)]
    edits = distance(token, best.spelling)
    if more is not None and _least_ratio(len(fold(token)), edits + 1) < _MIN_REPORT:
        # A runner-up may score less than any of found: those within edits + 1 are asked for
        others = [c for c in more(edits + 1) if owners.isdisjoint(c.entities)]
    floor = _effective(best) - _CLOSE_CALL
    # Only a candidate scoring the lowest threshold, or sounding alike, may be reportable
    # (most of a large list's score under it): the others are no rival and no kin
    maybe = [c for c in ranked[1:] if c.score >= _MIN_REPORT or c.same_sound]
    rivals = tuple(
        c
        for c in maybe
        if owners.isdisjoint(c.entities)
        and _reportable(c)
        and (_effective(c) >= floor or distance(token, c.spelling) <= edits)
    )
    # One edit further is near enough to doubt, when that spelling too shows a mark of damage
    runner_up = any(
        edits_to <= edits or _marks(token, c) for c, edits_to in _within(token, others, edits + 1)
    )
    kin = tuple(c for c in maybe if c.entities == best.entities and _reportable(c))
    return _Ranking(best, rivals, runner_up, kin)


def _within(token: str, candidates: Sequence[Candidate], most: int) -> list[tuple[Candidate, int]]:
    """The candidates at most ``most`` edits (:func:`distance`) from ``token``, with their
    edits. Counted in one call, in C: a token of a large list has hundreds of candidates,
    and almost all are further."""
    if not candidates:
        return []
    folded = [fold(c.spelling) for c in candidates]
    found = process.extract(
        fold(token), folded, scorer=Levenshtein.distance, score_cutoff=most, limit=None
    )
    return [(candidates[place], int(edits)) for _, edits, place in found]


def _placed(text: str, span: Span, ranking: _Ranking, index: EntityIndex) -> _Suspect:
    """The suspect a ranked token makes at ``span``: its ranking and the words before it."""
    best = ranking.best
    context = _context(text, span.start, best.entities, index)
    token = text[span.start : span.end]
    return _Suspect(span, token, best, ranking.rivals, ranking.runner_up, context, ranking.kin)


def _suspect(
    text: str, span: Span, found: Sequence[Candidate], index: EntityIndex
) -> _Suspect | None:
    ranking = _ranking(text[span.start : span.end], found, index)
    return None if ranking is None else _placed(text, span, ranking, index)


def _marks(token: str, candidate: Candidate) -> list[str]:
    """The marks of damage that make ``token`` a damaged ``candidate``, in
    :data:`EVIDENCE_ORDER`."""
    found = set()
    if garbled_case(token, candidate.spelling):
        found.add(CASE)
    if candidate.truncated:
        found.add(CUT)
    elif letter_lost(token, candidate.spelling):
        found.add(LOST)
    if candidate.same_sound or respelled(token, candidate.spelling):
        found.add(SOUND)
    return [kind for kind in EVIDENCE_ORDER if kind in found]


def _evidence(suspect: _Suspect) -> list[str]:
    return _marks(suspect.token, suspect.best)


def _applicability(
    suspect: _Suspect, evidence: Sequence[str], *, supported: bool, once: bool
) -> Applicability | None:
    """How sure the fix of a suspect is; None when the token is a name of its own.

    With no mark of damage a token is only close to a name: it is reported, with a
    suggestion and no fix, right after the entity's first name ("Recep Tayyip Tozdemam"), and
    otherwise not at all ("Kenyo" in a text about Kenya). Two words of pinyin are two names
    ("Lingan", "Liangan") unless the case is garbled, or the text names the listed one and
    uses the token once: then the fix is unsafe. Another entity as close, or a spelling the
    text repeats with nothing to support the fix: suggestions only. Safe: a close case
    garble; damage right after the first name; or a token used once that the text supports
    (the entity named right elsewhere), that is the name in a European transliteration
    ("Dowrijiw"), or that is a pinyin name cut or short of a letter where no pinyin is left
    ("Shandng").
    """
    token, spelling = suspect.token, suspect.best.spelling
    given_name = bool(suspect.context.given_name)
    pinyin = CASE not in evidence and is_pinyin(token) and is_pinyin(spelling)
    if (not evidence and not given_name) or (pinyin and not (supported and once)):
        return None
    if not evidence or suspect.rivals or not (once or supported or CASE in evidence):
        return Applicability.DISPLAY_ONLY
    if suspect.runner_up or pinyin:
        return Applicability.UNSAFE
    close = suspect.best.score >= _thresholds(len(fold(spelling)))[1]
    scheme = SOUND in evidence and transliteration_key(token) == transliteration_key(spelling)
    broken = bool({LOST, CUT} & set(evidence)) and is_pinyin(spelling) and not is_pinyin(token)
    if (CASE in evidence and close) or given_name or (once and (supported or scheme or broken)):
        return Applicability.SAFE
    return Applicability.UNSAFE
