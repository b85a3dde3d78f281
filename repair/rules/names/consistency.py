"""NAM004: a listed name spelled two accepted ways, in one text or across a run's files."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence

from repair.document import Document
from repair.entities import EntityIndex
from repair.findings import Applicability, Finding, Hit, Severity
from repair.rules.base import CheckContext, FixAvailability, Rule
from repair.rules.names._common import document_index, mentions_of, name_fix, who
from repair.rules.names.mentions import Mention, scan


def spelling_groups(index: EntityIndex) -> Mapping[str, tuple[str, ...]]:
    """Accepted spelling -> every accepted spelling of the same word of the same entity
    (:meth:`EntityIndex.spelling_groups`). Spellings with no alternative are left out."""
    return index.spelling_groups()


def _majority(counts: Counter[str], group: Sequence[str], index: EntityIndex) -> str:
    """The most used spelling of a group; ties go to the spelling of a canonical name."""
    canonical = index.canonical_spellings
    return max(group, key=lambda s: (counts[s], s in canonical, -group.index(s)))


def inconsistent_name_spelling(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Listed name spelled two accepted ways in one text.

    What it catches:
        Two accepted spellings of the same name in one file ("Tozdemar" and "Tözdemar",
        "Zavrensky" and "Zavrenskyy"); each minority spelling is reported, pointing at the
        spelling used most (ties go to the canonical name's). Across the files of one run,
        :func:`corpus_consistency` reports the same with the same code.
    Why:
        Both are correct, but a text, and a corpus, should settle on one: search, counts
        and readers expect it.
    Bad:
        Zavrensky met Velderholm. Later Zavrenskyy flew home. Zavrensky spoke.
    Good:
        Zavrensky met Velderholm. Later Zavrensky flew home. Zavrensky spoke.
    Fix safety:
        Unsafe: either spelling is right, and a quotation may keep its own.
    """
    index = document_index(doc, ctx)
    if index is None or not len(index) or not spelling_groups(index):
        return
    mentions = list(mentions_of(doc, ctx, "exact"))
    yield from _inconsistencies(mentions, Counter(m.text for m in mentions), index, "in this text")


def _inconsistencies(
    mentions: Iterable[Mention], counts: Counter[str], index: EntityIndex, where: str
) -> Iterator[Hit]:
    groups = spelling_groups(index)
    for mention in mentions:
        group = groups.get(mention.text)
        if group is None:
            continue
        majority = _majority(counts, group, index)
        if majority == mention.text or not counts[majority]:
            continue
        replacement = Mention(mention.span, mention.text, "exact", majority, mention.entities)
        yield Hit(
            f'"{mention.text}" spelled "{majority}" {counts[majority]} time(s) {where} '
            f"({who(mention, index)})",
            mention.span,
            name_fix(replacement, Applicability.UNSAFE),
        )


# Declared beside its function, not in the family's RULES alone: corpus_consistency below
# reports the same rule across files, with the same code and severity.
INCONSISTENT_NAME_SPELLING = Rule(
    "NAM004",
    "inconsistent-name-spelling",
    inconsistent_name_spelling,
    FixAvailability.ALWAYS,
    Severity.INFO,
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
            INCONSISTENT_NAME_SPELLING.stamp(hit)
            for hit in _inconsistencies(mentions, totals, index, "in the files checked")
            if hit.span not in known and elsewhere[_spelled(hit)]
        ]
        if extra:
            result[doc.display_path] = extra
    return result


def _spelled(hit: Hit) -> str:
    """The majority spelling a NAM004 hit points at (its fix's replacement)."""
    assert hit.fix is not None
    return hit.fix.edits[0].replacement
