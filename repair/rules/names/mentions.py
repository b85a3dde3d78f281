"""The scan the NAM rules share: every mention of a listed entity in a text, exact or damaged.

One pass over the capitalized tokens sorts each into an exact mention, a listed variant, a
case garble, or a suspect: a token that is no accepted spelling, no word wordfreq knows, and
lies near one. A suspect is graded by the evidence that it is a listed name damaged (see
:mod:`repair.rules.names.evidence`), not by closeness alone.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final

from rapidfuzz import fuzz

from repair import data, lexicon
from repair.entities import Candidate, Entity, EntityIndex, fold, words
from repair.findings import Applicability, Span
from repair.lexicon import KNOWN_WORD_ZIPF, zipf
from repair.rules.glued._evidence import is_sentence_join
from repair.rules.glued.words import glued_parts
from repair.rules.names.evidence import (
    CASE,
    CUT,
    EVIDENCE_ORDER,
    LOST,
    SOUND,
    distance,
    garbled_case,
    inside_longer_word,
    is_pinyin,
    letter_lost,
    respelled,
    transliteration_key,
)
from repair.rules.names.support import (
    describe,
    line_cut_at,
    safe_repairs,
    support_applicability,
    supported_spelling,
)

# A run of letters holding at least one that is not a lower-case ASCII letter: names are
# capitalized, and garbled ones carry capitals inside.
_CAPITALIZED: Final = re.compile(r"\b[a-z]*+[^\W\da-z_][^\W\d_]*+")
# (Possessive: the next class holds no a-z and nothing follows the last, so giving back a
# letter never helps; without backtracking points ``re`` drops a failed start sooner.)
_WORD: Final = re.compile(r"[^\W\d_]+")
_LOWER_HEAD: Final = re.compile(r"[a-z]+(?=[^\W\da-z_])")
_HYPHEN_TAIL: Final = re.compile(r"-([^\W\d_]+)")
_SENTENCE_END: Final = re.compile(r"[.!?;:\n\u2013\u2014]")
_CONTEXT_CHARS: Final = 60
_CLOSE_CALL: Final = 5.0
"""Two entities whose scores are this close are a close call: suggestions, no fix."""
_MIN_REPORT: Final = 75.0
"""The lowest report threshold of :func:`_thresholds`: rapidfuzz's cutoff."""
_SAME_SOUND_FLOOR: Final = 40.0
"""Below this ratio a same-sounding spelling is a coincidence, not a transliteration."""
_RIVAL_CUTOFF: Final = 60.0
"""Spellings this close are looked at as rivals of the best one (one edit in five letters)."""
MIN_CASE_LETTERS: Final = 4
"""A case difference in a shorter token is another word ("pH" and "PH", "kW" and "KW")."""


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
class Mention:
    """One token (or variant) of the text that an entity spells."""

    span: Span
    text: str
    kind: str
    """``exact``, ``variant``, ``case`` or ``near``."""
    spelling: str
    """The accepted spelling it stands for (itself when exact)."""
    entities: tuple[int, ...]
    applicability: Applicability | None = None
    reason: str = ""
    rivals: tuple[Candidate, ...] = ()


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


def _part_of_a_name(text: str, start: int, end: int, index: EntityIndex) -> bool:
    """True when the token at ``start:end`` is one part of a longer name: joined by an
    apostrophe ("Liang'an"), or by a hyphen to letters that make a listed spelling with it
    ("Liang-an" where the list writes "Liangan")."""
    if inside_longer_word(text, start, end):
        return True
    tail = _HYPHEN_TAIL.match(text, end)
    return tail is not None and (text[start:end] + tail[1]).casefold() in index.by_casefold


def _variant_at(text: str, start: int, token: str, index: EntityIndex) -> Mention | None:
    for variant, number in index.by_first_variant_word.get(token, ()):
        end = start + len(variant)
        if text.startswith(variant, start) and not (end < len(text) and text[end].isalnum()):
            spelling = _closest_form(variant, index.entities[number])
            return Mention(Span(start, end), variant, "variant", spelling, (number,))
    return None


def _closest_form(variant: str, entity: Entity) -> str:
    """The accepted spelling a variant is corrected to: the closest form or form word.

    >>> _closest_form("Velderhom", Entity("Tomas Velderholm", aliases=("Velderholm",)))
    'Velderholm'
    """
    choices = list(dict.fromkeys([*entity.forms, *(w for f in entity.forms for w in words(f))]))
    wanted = len(words(variant))
    same_size = [c for c in choices if len(words(c)) == wanted] or choices
    return max(same_size, key=lambda c: fuzz.ratio(fold(variant), fold(c)))


def _case_mention(token: str, span: Span, index: EntityIndex) -> Mention | None:
    """A token spelled as a listed name but for letter case, or None when the difference
    is no damage: a short token ("pH" is not "PH"), all capitals (headline style), or a
    name in title case where the list writes it in capitals ("Kenyo" for "KENYO")."""
    spellings = index.by_casefold.get(token.casefold(), ())
    if not spellings or token.isupper() or token.islower() or len(token) < MIN_CASE_LETTERS:
        return None
    if token[1:].islower() and all(s.isupper() for s in spellings):
        return None
    spelling = spellings[0]
    entities = tuple(dict.fromkeys(n for s in spellings for n in index.spellings[s]))
    safe = len(spellings) == 1 and garbled_case(token, spelling)
    applicability = Applicability.SAFE if safe else Applicability.UNSAFE
    return Mention(span, token, "case", spelling, entities, applicability)


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


def _candidates(token: str, index: EntityIndex, language: str) -> list[Candidate]:
    """Near spellings of a token that may be a damaged name, best first; [] for a word.

    A token wordfreq knows is a word or a name of its own ("Hainan" is no "Hunan" mistyped).
    """
    if token.isupper() or len(fold(token)) < 4 or zipf(token, language) >= KNOWN_WORD_ZIPF:
        return []
    return [
        c
        for c in index.near(token, cutoff=_RIVAL_CUTOFF)
        if c.score >= _RIVAL_CUTOFF or (c.same_sound and c.score >= _SAME_SOUND_FLOOR)
    ]


@functools.lru_cache(maxsize=1 << 14)
def _near_candidates(token: str, index: EntityIndex, language: str) -> tuple[Candidate, ...]:
    """:func:`_candidates`, kept for the tokens seen last: names recur across a corpus."""
    return tuple(_candidates(token, index, language))


def _reportable(candidate: Candidate) -> bool:
    return candidate.score >= _thresholds(len(fold(candidate.spelling)))[0] or (
        candidate.same_sound and candidate.score >= _SAME_SOUND_FLOOR
    )


def _suspect(
    text: str, span: Span, found: Sequence[Candidate], index: EntityIndex
) -> _Suspect | None:
    token = text[span.start : span.end]
    canonical = index.canonical_spellings
    ranked = sorted(
        found,
        key=lambda c: (
            -_effective(c),
            c.spelling not in canonical,
            -fuzz.ratio(token, c.spelling),
            c.spelling,
        ),
    )
    if not ranked or not _reportable(ranked[0]):
        return None
    best = ranked[0]
    others = [c for c in ranked[1:] if not set(c.entities) & set(best.entities)]
    edits = distance(token, best.spelling)
    floor = _effective(best) - _CLOSE_CALL
    rivals = tuple(
        c
        for c in others
        if _reportable(c) and (_effective(c) >= floor or distance(token, c.spelling) <= edits)
    )
    # One edit further is near enough to doubt, when that spelling too shows a mark of damage
    runner_up = any(
        distance(token, c.spelling) <= edits
        or (distance(token, c.spelling) == edits + 1 and _marks(token, c))
        for c in others
    )
    context = _context(text, span.start, best.entities, index)
    kin = tuple(c for c in ranked[1:] if c.entities == best.entities and _reportable(c))
    return _Suspect(span, token, best, rivals, runner_up, context, kin)


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


def _grade(
    text: str,
    suspect: _Suspect,
    present: set[int],
    written: Counter[str],
    counts: Counter[str],
    index: EntityIndex,
    language: str,
) -> Mention | None:
    """The mention a suspect makes, with how safe its fix is and why, or None for a token
    that is a name of its own (see :func:`_applicability`)."""
    best = suspect.best
    # The text's own spelling of the entity, when it writes one ("Zavrenskyy", not "Zavrensky")
    used = [c for c in (best, *suspect.kin) if written[c.spelling]]
    if used and used[0] is not best and _evidence(replace(suspect, best=used[0])):
        suspect = replace(suspect, best=used[0])
        best = suspect.best
    evidence = _evidence(suspect)
    supported = bool(suspect.context.given_name) or bool(set(best.entities) & present)
    once = counts[suspect.token] <= 1
    applicability = _applicability(suspect, evidence, supported=supported, once=once)
    if applicability is None:
        return None
    reasons = evidence or ["near miss"]
    if applicability is not Applicability.SAFE and not suspect.rivals:
        # The text writes the name in full elsewhere, and no other listed name so: certain
        support = supported_spelling(suspect.token, written, index)
        if support is not None and support[0] == best.spelling:
            upgraded = support_applicability(
                suspect.token, best.spelling, written, counts, language
            )
            if upgraded is Applicability.SAFE:
                applicability, reasons = upgraded, [describe(support[1], best.spelling)]
    if (
        applicability is Applicability.SAFE
        and CUT in evidence
        and line_cut_at(text, suspect.span.end)
    ):
        applicability = Applicability.UNSAFE  # the line was cut off, not the name alone
    described = suspect.context.describe()
    if described:
        reasons.append(described)
    if not once and CASE not in evidence:  # the repeat weighs against the fix
        reasons.append(f"used {counts[suspect.token]} times")
    return Mention(
        suspect.span,
        suspect.token,
        "near",
        best.spelling,
        best.entities,
        applicability,
        ", ".join(reasons),
        suspect.rivals,
    )


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


def _glued_sentences(token: str) -> bool:
    """Whether a token starting in lower case is a word glued to the next sentence's first
    word ("placeAs", "deviationA"): a sentence end lost, no name damaged.

    >>> _glued_sentences("placeAs"), _glued_sentences("deviationA"), _glued_sentences("iPhone")
    (True, True, False)
    """
    parts = glued_parts(token)
    if parts is not None and is_sentence_join(parts[0], parts[1]):
        return True
    head = _LOWER_HEAD.match(token)
    return head is not None and len(head[0]) >= 3 and lexicon.is_word(head[0])


@functools.lru_cache(maxsize=8)
def scan(text: str, index: EntityIndex, language: str = "en") -> tuple[Mention, ...]:
    """Every mention of a listed entity in ``text``, exact or damaged, in text order.

    Cached for the last few texts: the NAM rules share one scan per text.
    """
    mentions: list[Mention] = []
    suspects: list[_Suspect] = []
    loose: list[Span] = []
    """Tokens near no listed name by the index alone: the text's own spellings may tell."""
    counts: Counter[str] = Counter()
    covered = 0
    # Most tokens are no name: each test below is a look-up that fails before any work.
    variants = index.by_first_variant_word
    spellings = index.spellings
    by_casefold = index.by_casefold
    for match in _CAPITALIZED.finditer(text):
        start = match.start()
        if start < covered:
            continue
        token = match[0]
        counts[token] += 1
        if token in variants:
            variant = _variant_at(text, start, token, index)
            if variant is not None:
                mentions.append(variant)
                covered = variant.span.end
                continue
        if token in spellings:
            span = Span(start, match.end())
            mentions.append(Mention(span, token, "exact", token, spellings[token]))
            continue
        if token.casefold() in by_casefold:
            case = _case_mention(token, Span(start, match.end()), index)
            if case is not None:
                mentions.append(case)
            continue
        if token[0].islower() and _glued_sentences(token):
            continue  # "universeIt": two sentences glued (GLU001's), no damaged "University"
        found = _near_candidates(token, index, language)  # a name recurs: looked up once
        if _part_of_a_name(text, start, match.end(), index):
            continue
        suspect = _suspect(text, Span(start, match.end()), found, index) if found else None
        if suspect is not None:
            suspects.append(suspect)
        elif not token.isupper():
            loose.append(Span(start, match.end()))
    # The entities the text names correctly, by a surname or a place's own name
    exact = [m for m in mentions if m.kind == "exact" and m.text in index.key_spellings]
    present = {number for mention in exact for number in mention.entities}
    written = Counter(m.text for m in exact)
    graded = (_grade(text, s, present, written, counts, index, language) for s in suspects)
    mentions += (mention for mention in graded if mention is not None)
    mentions += (
        Mention(
            span,
            text[span.start : span.end],
            "near",
            spelling,
            index.spellings[spelling],
            Applicability.SAFE,
            reason,
        )
        for span, spelling, reason in safe_repairs(text, loose, written, counts, index, language)
    )
    return tuple(sorted(mentions, key=lambda m: m.span))


__all__ = ["MIN_CASE_LETTERS", "Mention", "scan"]
