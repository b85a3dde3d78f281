"""NAM: names against an entity list. Known wrong variants, garbled letter case, near misses
(edit distance, transliteration, truncation) and names spelled two ways.

Every rule needs an entity list (``entities = [...]`` in the config, or ``--entities``):
without one they return at once. One scan of the text, shared by the rules, sorts each
capitalized token into exact mentions and suspects; each rule reports its own kind.

A token is a suspect when it is not an accepted spelling and is either not an English word or
a rare one (Zipf below 3): common words that look like names ("Mark", "Turkey", "Bill") are
never suspects. A suspect close to one entity's spelling, for a reason that marks MT damage
(letter case garbled inside the word, same sound in another transliteration, a cut-off
ending, or a near miss after the person's first name or title), gets a safe fix; other near
misses get an unsafe one, and a close call between two entities gets suggestions only.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from rapidfuzz import fuzz

from repair import data
from repair.document import Document
from repair.entities import Candidate, Entity, EntityIndex, fold, sound_key, words
from repair.findings import Applicability, Finding, Fix, Severity, Span
from repair.lexicon import COMMON_WORD_ZIPF, KNOWN_WORD_ZIPF, zipf
from repair.rules.base import CheckContext, FixAvailability, Rule

# A run of letters holding at least one that is not a lower-case ASCII letter: names are
# capitalized, and garbled ones carry capitals inside.
_CAPITALIZED: Final = re.compile(r"\b[a-z]*+[^\W\da-z_][^\W\d_]*+")
# (Possessive: the next class holds no a-z and nothing follows the last, so giving back a
# letter never helps; without backtracking points ``re`` drops a failed start sooner.)
_WORD: Final = re.compile(r"[^\W\d_]+")
_SENTENCE_END: Final = re.compile(r"[.!?;:\n\u2013\u2014]")
_CONTEXT_CHARS: Final = 60
_CLOSE_CALL: Final = 5.0
"""Two entities whose scores are this close are a close call: suggestions, no fix."""
_MIN_REPORT: Final = 75.0
"""The lowest report threshold of :func:`_thresholds`: rapidfuzz's cutoff."""
_SAME_SOUND_FLOOR: Final = 40.0
"""Below this ratio a same-sounding spelling is a coincidence, not a transliteration."""


def _thresholds(length: int) -> tuple[float, float]:
    """(report, safe) rapidfuzz ratios for a spelling of ``length`` letters.

    Short names need closer matches: one edit in "Rutte" is 20% of it.

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


def _context(text: str, start: int, entities: tuple[int, ...], index: EntityIndex) -> str:
    """Why the words before ``start`` make a name likely: ``after "Pete"``, or ``""``.

    A first name of the same person right before, or a title among the three words before
    in the same sentence, counts.
    """
    window = text[max(0, start - _CONTEXT_CHARS) : start]
    cut = max((m.end() for m in _SENTENCE_END.finditer(window)), default=0)
    before = _WORD.findall(window[cut:])[-3:]
    if before and set(index.given_names.get(before[-1], ())) & set(entities):
        return f'after "{before[-1]}"'
    titles = _titles()
    for word in reversed(before):
        if word.casefold() in titles:
            return f'after "{word}"'
    return ""


def _has_inner_capital(word: str) -> bool:
    rest = word[1:]
    # (A word whose cased letters are all lower case has no capital: no loop for it.)
    return not rest.islower() and any(char.isupper() for char in rest)


def _variant_at(text: str, start: int, token: str, index: EntityIndex) -> Mention | None:
    for variant, number in index.by_first_variant_word.get(token, ()):
        end = start + len(variant)
        if text.startswith(variant, start) and not (end < len(text) and text[end].isalnum()):
            spelling = _closest_form(variant, index.entities[number])
            return Mention(Span(start, end), variant, "variant", spelling, (number,))
    return None


def _closest_form(variant: str, entity: Entity) -> str:
    """The accepted spelling a variant is corrected to: the closest form or form word.

    >>> _closest_form("Hegset", Entity("Pete Hegseth", aliases=("Hegseth",)))
    'Hegseth'
    """
    choices = list(dict.fromkeys([*entity.forms, *(w for f in entity.forms for w in words(f))]))
    wanted = len(words(variant))
    same_size = [c for c in choices if len(words(c)) == wanted] or choices
    return max(same_size, key=lambda c: fuzz.ratio(fold(variant), fold(c)))


def _case_mention(token: str, span: Span, index: EntityIndex) -> Mention | None:
    spellings = index.by_casefold.get(token.casefold(), ())
    if not spellings or token.isupper() or token.islower():
        return None
    spelling = spellings[0]
    entities = tuple(dict.fromkeys(n for s in spellings for n in index.spellings[s]))
    safe = len(spellings) == 1 and _has_inner_capital(token) and not _has_inner_capital(spelling)
    applicability = Applicability.SAFE if safe else Applicability.UNSAFE
    return Mention(span, token, "case", spelling, entities, applicability)


@dataclass(frozen=True, slots=True)
class _Suspect:
    span: Span
    token: str
    best: Candidate
    rivals: tuple[Candidate, ...]
    is_word: bool
    context: str


def _effective(candidate: Candidate) -> float:
    score = candidate.score
    if candidate.same_sound:
        score = max(score, 92.0)
    if candidate.truncated:
        score = max(score, 90.0)
    return score


def _candidates(token: str, index: EntityIndex, language: str) -> list[Candidate]:
    """Near spellings of a token that may be a damaged name, best first; [] for words."""
    if token.isupper() or len(fold(token)) < 4 or zipf(token, language) >= COMMON_WORD_ZIPF:
        return []
    return [
        c
        for c in index.near(token, cutoff=_MIN_REPORT)
        if c.score >= _thresholds(len(fold(c.spelling)))[0]
        or (c.same_sound and c.score >= _SAME_SOUND_FLOOR)
    ]


@functools.lru_cache(maxsize=1 << 14)
def _near_candidates(token: str, index: EntityIndex, language: str) -> tuple[Candidate, ...]:
    """:func:`_candidates`, kept for the tokens seen last: names recur across a corpus."""
    return tuple(_candidates(token, index, language))


def _suspect(
    text: str, span: Span, found: Sequence[Candidate], index: EntityIndex, language: str
) -> _Suspect | None:
    if not found:
        return None
    token = text[span.start : span.end]
    frequency = zipf(token, language)
    canonical = index.canonical_spellings
    found = sorted(
        found,
        key=lambda c: (
            -_effective(c),
            c.spelling not in canonical,
            -fuzz.ratio(token, c.spelling),
            c.spelling,
        ),
    )
    best = found[0]
    rivals = tuple(
        c
        for c in found[1:]
        if not set(c.entities) & set(best.entities)
        and _effective(c) >= _effective(best) - _CLOSE_CALL
    )
    context = _context(text, span.start, best.entities, index)
    return _Suspect(span, token, best, rivals, frequency >= KNOWN_WORD_ZIPF, context)


def _grade(suspect: _Suspect, present: set[int]) -> Mention:
    """The mention a suspect makes, with how safe its fix is and why."""
    best = suspect.best
    entities = best.entities
    safe_ratio = _thresholds(len(fold(best.spelling)))[1]
    reasons = []
    if _has_inner_capital(suspect.token) and not _has_inner_capital(best.spelling):
        reasons.append("garbled case")
    if best.same_sound:
        reasons.append("same sound")
    if best.truncated:
        reasons.append("cut off")
    if not reasons:
        reasons.append("near miss")
    supported = bool(suspect.context) or bool(set(entities) & present)
    safe = (
        "garbled case" in reasons
        or "same sound" in reasons
        or ("cut off" in reasons and supported)
        or (best.score >= safe_ratio and bool(suspect.context))
    )
    if suspect.rivals:
        applicability = Applicability.DISPLAY_ONLY
    elif safe and not suspect.is_word:
        applicability = Applicability.SAFE
    else:
        applicability = Applicability.UNSAFE
    if suspect.context:
        reasons.append(suspect.context)
    return Mention(
        suspect.span,
        suspect.token,
        "near",
        best.spelling,
        entities,
        applicability,
        ", ".join(reasons),
        suspect.rivals,
    )


@functools.lru_cache(maxsize=8)
def scan(text: str, index: EntityIndex, language: str = "en") -> tuple[Mention, ...]:
    """Every mention of a listed entity in ``text``, exact or damaged, in text order.

    Cached for the last few texts: the NAM rules share one scan per text.
    """
    mentions: list[Mention] = []
    suspects: list[_Suspect] = []
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
        found = _near_candidates(token, index, language)  # a name recurs: looked up once
        if found:
            suspect = _suspect(text, Span(start, match.end()), found, index, language)
            if suspect is not None:
                suspects.append(suspect)
    present = {
        number
        for mention in mentions
        if mention.kind != "exact" or mention.text in index.key_spellings
        for number in mention.entities
    }
    mentions += (_grade(s, present) for s in suspects)
    return tuple(sorted(mentions, key=lambda m: m.span))


def _mentions(doc: Document, ctx: CheckContext, kind: str) -> Iterator[Mention]:
    index = ctx.entities
    if index is None or not len(index):
        return
    for mention in _scan(doc, index, ctx.config.language):
        if mention.kind == kind:
            yield mention


def _scan(doc: Document, index: EntityIndex, language: str) -> tuple[Mention, ...]:
    """:func:`scan` of the document's text, kept with the document for every NAM rule."""
    scans: dict[tuple[EntityIndex, str], tuple[Mention, ...]] = doc.shared(
        "repair.rules.names.scans", lambda _: {}
    )
    key = (index, language)
    if key not in scans:
        scans[key] = scan(doc.text, index, language)
    return scans[key]


def _who(mention: Mention, index: EntityIndex) -> str:
    return "; ".join(index.entities[n].label for n in mention.entities)


def _fix(mention: Mention, applicability: Applicability) -> Fix:
    return Fix.replace(
        mention.span.start,
        mention.span.end,
        mention.spelling,
        applicability,
        f'Write "{mention.spelling}"',
    )


def known_name_variant(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Name written in a form the entity list marks as wrong.

    What it catches:
        A spelling listed under ``variants`` of an entity ("Hegset" for "Hegseth"), matched
        as a whole word, case-sensitively.
    Why:
        The list's author has said this form is wrong: it splits search, counts and links.
    Bad:
        Kiew said the talks would go on.
    Good:
        Kyiv said the talks would go on.
    Fix safety:
        Safe: the list says the variant is always wrong; it is replaced by the closest
        accepted form of the same entity. Unsafe when the variant is also a common English
        word, which the text may mean. (The examples use the list ``tests/fixtures/names/
        docs.toml``; with no list the rule is silent.)
    """
    for mention in _mentions(doc, ctx, "variant"):
        assert ctx.entities is not None
        common = zipf(mention.text, ctx.config.language) >= COMMON_WORD_ZIPF
        applicability = Applicability.UNSAFE if common else Applicability.SAFE
        yield Finding(
            "NAM001",
            f'Known misspelling "{mention.text}" of "{mention.spelling}" '
            f"({_who(mention, ctx.entities)})",
            mention.span,
            Severity.WARNING,
            _fix(mention, applicability),
        )


def name_case_anomaly(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Listed name with its letter case garbled inside the word.

    What it catches:
        A token that is an accepted spelling but for letter case, with a capital inside
        it: "HeGseth" for "Hegseth", as MT systems leave names they split and rejoin.
        All-capital words are headline style and are left alone.
    Why:
        Readers see a typo; search, spell checkers and entity linkers miss the name.
    Bad:
        Defense Secretary Pete HeGseth arrived in Brussels.
    Good:
        Defense Secretary Pete Hegseth arrived in Brussels.
    Fix safety:
        Safe when the token has a capital inside that the spelling lacks and only one
        spelling matches; unsafe otherwise ("Desantis" for a listed "DeSantis" may be a
        style choice).
    """
    for mention in _mentions(doc, ctx, "case"):
        assert ctx.entities is not None and mention.applicability is not None
        yield Finding(
            "NAM002",
            f'Letter case garbled in "{mention.text}": "{mention.spelling}" '
            f"({_who(mention, ctx.entities)})",
            mention.span,
            Severity.WARNING,
            _fix(mention, mention.applicability),
        )


def misspelled_name(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Name close to a listed one: letters lost or changed, another transliteration.

    What it catches:
        A capitalized token that is not an English word (or a rare one) and lies near an
        accepted spelling of a listed name: letters garbled with the case ("HeGesth"), the
        same sound in another language's spelling ("Kyjiw", "Selenskyj"), a cut-off ending
        ("Zelensk"), or a few letters off. Possessives are matched too ("Kyjiw's").
        Thresholds grow stricter as names get shorter; a longer word that starts with the
        name ("Kyivan") is a derived word, not a near miss.
    Why:
        MT systems garble names they do not know; a wrong name is a factual error.
    Bad:
        Talks with Kyjiw resumed on Friday.
    Good:
        Talks with Kyiv resumed on Friday.
    Fix safety:
        Safe when one entity matches and the token is no English word, for a reason that
        marks MT damage: garbled case, same sound, or a cut-off ending or near miss right
        after the person's first name or a title. Unsafe for other near misses and for
        rare English words ("Kharkov"). A close call between two entities is reported
        with both suggestions and no fix; common words are never suspects.
    """
    for mention in _mentions(doc, ctx, "near"):
        assert ctx.entities is not None and mention.applicability is not None
        index = ctx.entities
        suggestion = f'"{mention.spelling}" ({_who(mention, index)})'
        for rival in mention.rivals:
            names = "; ".join(index.entities[n].label for n in rival.entities)
            suggestion += f' or "{rival.spelling}" ({names})'
        yield Finding(
            "NAM003",
            f'Misspelled name "{mention.text}": {suggestion}; {mention.reason}',
            mention.span,
            Severity.WARNING,
            _fix(mention, mention.applicability),
        )


@functools.lru_cache(maxsize=4)
def spelling_groups(index: EntityIndex) -> Mapping[str, tuple[str, ...]]:
    """Accepted spelling -> every accepted spelling of the same word of the same entity.

    Two spellings are one word spelled two ways when they fold alike or sound alike
    ("Erdogan" and "Erdoğan", "Zelensky" and "Zelenskyy"). Spellings with no alternative
    are left out.
    """
    groups: dict[str, tuple[str, ...]] = {}
    for number in range(len(index)):
        own = [s for s, owners in index.key_spellings.items() if number in owners]
        for spelling in own:
            alike = tuple(o for o in own if _alternatives(spelling, o))
            if len(alike) > 1:
                groups[spelling] = tuple(sorted(set(groups.get(spelling, ())) | set(alike)))
    return groups


def _alternatives(one: str, other: str) -> bool:
    """True for two spellings of one word: alike but for diacritics or transliteration.

    >>> _alternatives("Erdogan", "Erdoğan"), _alternatives("Defense", "Defence")
    (True, False)
    """
    if one == other:
        return True
    if len(fold(one)) < 4 or len(fold(other)) < 4:
        return False
    return fold(one) == fold(other) or sound_key(one) == sound_key(other)


def _majority(counts: Counter[str], group: Sequence[str], index: EntityIndex) -> str:
    """The most used spelling of a group; ties go to the spelling of a canonical name."""
    canonical = index.canonical_spellings
    return max(group, key=lambda s: (counts[s], s in canonical, -group.index(s)))


def inconsistent_name_spelling(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Listed name spelled two accepted ways in one text.

    What it catches:
        Two accepted spellings of the same name in one file ("Erdogan" and "Erdoğan",
        "Zelensky" and "Zelenskyy"); each minority spelling is reported, pointing at the
        spelling used most (ties go to the canonical name's). Across the files of one run,
        :func:`corpus_consistency` reports the same with the same code.
    Why:
        Both are correct, but a text, and a corpus, should settle on one: search, counts
        and readers expect it.
    Bad:
        Zelensky met Macron. Later Zelenskyy flew home. Zelensky spoke.
    Good:
        Zelensky met Macron. Later Zelensky flew home. Zelensky spoke.
    Fix safety:
        Unsafe: either spelling is right, and a quotation may keep its own.
    """
    index = ctx.entities
    if index is None or not len(index) or not spelling_groups(index):
        return
    mentions = list(_mentions(doc, ctx, "exact"))
    yield from _inconsistencies(mentions, Counter(m.text for m in mentions), index, "in this text")


def _inconsistencies(
    mentions: Iterable[Mention], counts: Counter[str], index: EntityIndex, where: str
) -> Iterator[Finding]:
    groups = spelling_groups(index)
    for mention in mentions:
        group = groups.get(mention.text)
        if group is None:
            continue
        majority = _majority(counts, group, index)
        if majority == mention.text or not counts[majority]:
            continue
        replacement = Mention(mention.span, mention.text, "exact", majority, mention.entities)
        yield Finding(
            "NAM004",
            f'"{mention.text}" spelled "{majority}" {counts[majority]} time(s) {where} '
            f"({_who(mention, index)})",
            mention.span,
            Severity.INFO,
            _fix(replacement, Applicability.UNSAFE),
        )


def corpus_consistency(
    documents: Iterable[tuple[Document, Sequence[Finding]]],
    index: EntityIndex,
    language: str = "en",
) -> dict[str, list[Finding]]:
    """NAM004 across the files of one run: spellings that the other files outvote.

    ``documents`` pairs each checked document with its findings. Counts are taken over
    every document; a mention whose spelling is a minority in the whole run is reported
    in its file (keyed by ``Document.display_path``), unless that file's findings already
    hold a NAM004 finding at the same place.
    """
    pairs = list(documents)
    if not len(index) or not spelling_groups(index):
        return {}
    scanned = [
        (doc, findings, [m for m in scan(doc.text, index, language) if m.kind == "exact"])
        for doc, findings in pairs
    ]
    totals: Counter[str] = Counter(m.text for _, _, mentions in scanned for m in mentions)
    result: dict[str, list[Finding]] = {}
    for doc, findings, mentions in scanned:
        elsewhere = totals - Counter(m.text for m in mentions)
        known = {f.span for f in findings if f.code == "NAM004"}
        extra = [
            f
            for f in _inconsistencies(mentions, totals, index, "in the files checked")
            if f.span not in known and elsewhere[_spelled(f)]
        ]
        if extra:
            result[doc.display_path] = extra
    return result


def _spelled(finding: Finding) -> str:
    """The majority spelling a NAM004 finding points at (its fix's replacement)."""
    assert finding.fix is not None
    return finding.fix.edits[0].replacement


RULES: Final[tuple[Rule, ...]] = (
    Rule("NAM001", "known-name-variant", known_name_variant, FixAvailability.ALWAYS),
    Rule("NAM002", "name-case-anomaly", name_case_anomaly, FixAvailability.ALWAYS),
    Rule("NAM003", "misspelled-name", misspelled_name, FixAvailability.SOMETIMES),
    Rule(
        "NAM004",
        "inconsistent-name-spelling",
        inconsistent_name_spelling,
        FixAvailability.ALWAYS,
        Severity.INFO,
    ),
)
