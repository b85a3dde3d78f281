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
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Final

from repair import lexicon
from repair.entities import Candidate, Entity, EntityIndex, fold, words
from repair.findings import Applicability, Span
from repair.lazy_import import LazyModule
from repair.rules.glued._evidence import is_sentence_join
from repair.rules.glued.words import glued_parts
from repair.rules.names.capitalized import CAPITALIZED as _CAPITALIZED
from repair.rules.names.capitalized import capitalized_pattern
from repair.rules.names.capitalized import scan_places as _scan_places
from repair.rules.names.evidence import CASE, CUT, garbled_case, inside_longer_word
from repair.rules.names.known import keep_rankings, known_ranking
from repair.rules.names.support import (
    describe,
    line_cut_at,
    safe_repairs,
    support_applicability,
    supported_spelling,
)
from repair.rules.names.suspects import (
    _applicability,
    _evidence,
    _placed,
    _Suspect,
)

if TYPE_CHECKING:
    from rapidfuzz import fuzz
else:  # rapidfuzz on first use (repair.lazy_import): only an entity list's look-ups call it
    fuzz = LazyModule("rapidfuzz.fuzz", globals(), "fuzz")

_LOWER_HEAD: Final = re.compile(r"[a-z]+(?=[^\W\da-z_])")
_HYPHEN_TAIL: Final = re.compile(r"-([^\W\d_]+)")
MIN_CASE_LETTERS: Final = 4
"""A case difference in a shorter token is another word ("pH" and "PH", "kW" and "KW")."""


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


_EXACT: Final = "exact"
_CASE: Final = "case"
_NEAR: Final = "near"
_LOOSE: Final = "loose"
_NONE: Final = ("none", None)
_Plan = tuple[str, Any]
"""What a token is, whatever its place: ("exact", entities), ("case", a mention at 0),
("near", a ranking), ("loose", None) (near no listed name by the index alone), or ("none",
None). A token's place adds the variants that start with it and the longer name it may be
part of."""
_MAX_PLANS: Final = 1 << 16


@functools.lru_cache(maxsize=8)
def _plans(index: EntityIndex, language: str) -> dict[str, _Plan]:
    """The plans of the tokens seen with ``index``: a name recurs, and so do the words
    around it; each is sorted once, not at every place."""
    return {}


def _plan(token: str, index: EntityIndex, language: str) -> _Plan:
    if token in index.spellings:
        return _EXACT, index.spellings[token]
    if token.casefold() in index.by_casefold:
        case = _case_mention(token, Span(0, len(token)), index)
        return _NONE if case is None else (_CASE, case)
    if token[0].islower() and _glued_sentences(token):
        return _NONE  # "universeIt": two sentences glued (GLU001's), no damaged "University"
    ranking = known_ranking(token, index, language)
    if ranking is not None:
        return _NEAR, ranking
    return _NONE if token.isupper() else (_LOOSE, None)


def _places(text: str, token: str, skipped: set[int], index: EntityIndex) -> Iterator[Span]:
    """The places where the scan met ``token``, but those it ``skipped`` and those where
    it is part of a longer name."""
    for start in _scan_places(text, token):
        end = start + len(token)
        if start not in skipped and not _part_of_a_name(text, start, end, index):
            yield Span(start, end)


@functools.lru_cache(maxsize=8)
def scan(text: str, index: EntityIndex, language: str = "en") -> tuple[Mention, ...]:
    """Every mention of a listed entity in ``text``, exact or damaged, in text order.

    Cached for the last few texts: the NAM rules share one scan per text.
    """
    mentions: list[Mention] = []
    suspects: list[_Suspect] = []
    loose: dict[str, None] = {}
    """Tokens near no listed name by the index alone: the text's own spellings may tell.
    Most capitalized words are such: their places are looked for only when the text
    writes a name they may shorten."""
    skipped: set[int] = set()
    plans = _plans(index, language)
    if len(plans) > _MAX_PLANS:
        plans.clear()
    pattern = capitalized_pattern(text)  # _CAPITALIZED, or what matches as it in the text
    counts = Counter(pattern.findall(text))
    variants = index.by_first_variant_word
    if variants and not variants.keys().isdisjoint(counts):
        # A variant may start here and cover the tokens after it: every place in order
        counts = _walk(
            text, index, language, plans, mentions, suspects, loose, skipped, pattern=pattern
        )
    else:
        _by_token(text, counts, index, language, plans, mentions, suspects, loose, pattern=pattern)
    keep_rankings(index, language)  # for the next processes: a later run, a later worker
    # The entities the text names correctly, by a surname or a place's own name
    exact = [m for m in mentions if m.kind == "exact" and m.text in index.key_spellings]
    present = {number for mention in exact for number in mention.entities}
    written = Counter(m.text for m in exact)
    graded = (_grade(text, s, present, written, counts, index, language) for s in suspects)
    mentions += (mention for mention in graded if mention is not None)
    repairs = safe_repairs(
        text,
        loose,
        lambda token: _places(text, token, skipped, index),
        written,
        counts,
        index,
        language,
    )
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
        for span, spelling, reason in repairs
    )
    return tuple(sorted(mentions, key=lambda m: m.span))


def _walk(
    text: str,
    index: EntityIndex,
    language: str,
    plans: dict[str, _Plan],
    mentions: list[Mention],
    suspects: list[_Suspect],
    loose: dict[str, None],
    skipped: set[int],
    *,
    pattern: re.Pattern[str] = _CAPITALIZED,
) -> Counter[str]:
    """:func:`scan`'s walk of every capitalized token in order, for a text holding the
    first word of a listed variant: fills ``mentions``, ``suspects``, ``loose`` and
    ``skipped`` (the places a variant covers), and gives the tokens' counts."""
    counts: Counter[str] = Counter()
    covered = 0
    variants = index.by_first_variant_word
    for match in pattern.finditer(text):
        start = match.start()
        if start < covered:
            skipped.add(start)
            continue
        token = match[0]
        counts[token] += 1
        if token in variants:
            variant = _variant_at(text, start, token, index)
            if variant is not None:
                mentions.append(variant)
                covered = variant.span.end
                skipped.add(start)
                continue
        plan = plans.get(token)
        if plan is None:
            plan = plans[token] = _plan(token, index, language)
        kind, payload = plan
        if kind is _LOOSE:
            loose[token] = None
        elif kind is _EXACT:
            mentions.append(Mention(Span(start, match.end()), token, "exact", token, payload))
        elif kind is _NEAR:
            if not _part_of_a_name(text, start, match.end(), index):
                suspects.append(_placed(text, Span(start, match.end()), payload, index))
        elif kind is _CASE:
            mentions.append(replace(payload, span=Span(start, match.end())))
    return counts


def _by_token(
    text: str,
    counts: Counter[str],
    index: EntityIndex,
    language: str,
    plans: dict[str, _Plan],
    mentions: list[Mention],
    suspects: list[_Suspect],
    loose: dict[str, None],
    *,
    pattern: re.Pattern[str] = _CAPITALIZED,
) -> None:
    """What :func:`_walk` finds, for a text holding no first word of a variant (so no
    place is covered or skipped), from the ``counts`` of its capitalized tokens: each
    token is sorted once, and only the few named ones are looked for in the text. (The
    walk took a Python step at each of the text's capitalized words, most of which are no
    name.) The suspects come by token, not in text order."""
    named = []
    for token in counts:
        plan = plans.get(token)
        if plan is None:
            plan = plans[token] = _plan(token, index, language)
        kind = plan[0]
        if kind is _LOOSE:
            loose[token] = None
        elif plan is not _NONE:
            named.append((token, plan))
    places: dict[str, list[int]] = {}
    if len(named) > _FEW_NAMED:  # one walk of the text, not one search of it per token
        places = {token: [] for token, _ in named}
        for match in pattern.finditer(text):
            starts = places.get(match[0])
            if starts is not None:
                starts.append(match.start())
    for token, (kind, payload) in named:
        size = len(token)
        for start in places[token] if places else _scan_places(text, token, counts[token]):
            span = Span(start, start + size)
            if kind is _EXACT:
                mentions.append(Mention(span, token, "exact", token, payload))
            elif kind is _NEAR:
                if not _part_of_a_name(text, start, span.end, index):
                    suspects.append(_placed(text, span, payload, index))
            else:
                mentions.append(replace(payload, span=span))


_FEW_NAMED: Final = 40
"""Named tokens :func:`_by_token` looks for one by one (a search of the whole text each,
0.5 ns a character); past them, a text naming many listed names (a results page, a
directory) is walked once (25 ns a character), so that the scan stays linear in the text.
(At 16, half of names_speed's texts, which name 17 on average and 29 at most, were walked.)"""


__all__ = ["MIN_CASE_LETTERS", "Mention", "scan"]
